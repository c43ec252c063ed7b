"""Keys for notebook 01: the two critical rates for x = 3, solved by hand from
1 - 2Rx² = q; the update step written as a learner would, right and with each mistake."""

NUMBERS = {
    "01-one-step": lambda: 1 / (2 * 3.0**2),  # 1 - 2 R x² = 0
    "01-diverge": lambda: 1 / 3.0**2,  # 1 - 2 R x² = -1
}


def update_step(x, w, target, lr):
    a = x * w
    return w - lr * 2 * (a - target) * x


CODE = {
    "01-update-step": {
        "solution": update_step,
        "wrong": {
            "factor 2 dropped": lambda x, w, target, lr: w - lr * (x * w - target) * x,
            "sign of the step": lambda x, w, target, lr: w + 2 * lr * x * (x * w - target),
            "x left out": lambda x, w, target, lr: w - 2 * lr * (x * w - target),
            "the Q&A question's slip": lambda x, w, target, lr: (
                w - 2 * lr * (x * w - target) * x * w
            ),
            "the gradient returned": lambda x, w, target, lr: 2 * x * (x * w - target),
        },
    }
}
