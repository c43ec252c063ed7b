"""Keys for notebook 02: ∂C/∂w1 of the sigmoid chain by the four factors, with plain floats;
one step on both weights written as a learner would, right and with each mistake."""

import backprop_lib as bp

from .by_hand import sigma


def sigmoid_w1():
    x, target = bp.ONE_WEIGHT["x"], bp.ONE_WEIGHT["target"]
    w1, w2 = 0.5, 60.0
    a1 = sigma(w1 * x)
    return 2 * (w2 * a1 - target) * w2 * a1 * (1 - a1) * x


NUMBERS = {"02-sigmoid-w1": sigmoid_w1}


def chain_step(x, w1, w2, target, lr):
    a1 = sigma(w1 * x)
    error = 2 * (w2 * a1 - target)  # ∂C/∂a2
    return w1 - lr * error * w2 * a1 * (1 - a1) * x, w2 - lr * error * a1


def last_weight_first(x, w1, w2, target, lr):
    a1 = sigma(w1 * x)
    w2 = w2 - lr * 2 * (w2 * a1 - target) * a1  # w2 moves first ...
    return w1 - lr * 2 * (w2 * a1 - target) * w2 * a1 * (1 - a1) * x, w2  # ... then w1


def with_gradients(gradients):
    """A step whose two partials are ``gradients(x, w2, a1, dC_da2)`` (a wrong formula)."""

    def step(x, w1, w2, target, lr):
        a1 = sigma(w1 * x)
        g1, g2 = gradients(x, w2, a1, 2 * (w2 * a1 - target))
        return w1 - lr * g1, w2 - lr * g2

    return step


CODE = {
    "02-chain-step": {
        "solution": chain_step,
        "wrong": {
            "σ where σ′ belongs": with_gradients(lambda x, w2, a1, e: (e * w2 * a1 * x, e * a1)),
            "w2 left out": with_gradients(lambda x, w2, a1, e: (e * a1 * (1 - a1) * x, e * a1)),
            "x left out": with_gradients(lambda x, w2, a1, e: (e * w2 * a1 * (1 - a1), e * a1)),
            "last weight first": last_weight_first,
            "factor 2 dropped": with_gradients(
                lambda x, w2, a1, e: (e / 2 * w2 * a1 * (1 - a1) * x, e / 2 * a1)
            ),
            "the Q&A question's slip": with_gradients(
                lambda x, w2, a1, e: (e * w2 * a1 * (1 - a1) * x, e * w2 * a1)
            ),
            "sign of the step": with_gradients(
                lambda x, w2, a1, e: (-e * w2 * a1 * (1 - a1) * x, -e * a1)
            ),
        },
    }
}
