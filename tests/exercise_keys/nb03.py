"""Keys for notebook 03: the bias gradient written out with plain floats, and the two outer
products written as a learner would (column vectors and @), with one wrong version per
declared mistake."""

import numpy as np

from .by_hand import inputs, sigma


def bias_hidden():
    """dE/db1 with b1 = 0.5, b2 = -0.5, b3 = 0.25, by the boxed formula."""
    import backprop_lib as bp  # only for the network's weights

    x1, x2, y_t = inputs()
    (w11, w12), (w21, w22) = bp.TWO_TWO_ONE["w_hidden"].tolist()
    w31, w32 = bp.TWO_TWO_ONE["w_out"][0].tolist()
    A1 = sigma(x1 * w11 + x2 * w12 + 0.5)
    A2 = sigma(x1 * w21 + x2 * w22 - 0.5)
    A3 = sigma(A1 * w31 + A2 * w32 + 0.25)
    return (A3 - y_t) * A3 * (1 - A3) * w31 * A1 * (1 - A1)


def _gradients(x, y_t, W1, W2, hidden="slope", output_slope=True, sign=1, transposed=False):
    x = np.asarray(x, dtype=float).reshape(-1, 1)  # a column
    A = 1 / (1 + np.exp(-(W1 @ x)))
    A3 = 1 / (1 + np.exp(-(W2 @ A)))
    delta3 = sign * (A3 - y_t) * (A3 * (1 - A3) if output_slope else 1)
    back = W2.T @ delta3
    delta = back * (A * (1 - A) if hidden == "slope" else A)
    dW2 = delta3 @ A.T
    dW1 = x @ delta.T if transposed else delta @ x.T
    return dW1, dW2


def gradients_221(x, y_t, W1, W2):
    return _gradients(x, y_t, W1, W2)


NUMBERS = {"03-bias-hidden": bias_hidden}
CODE = {
    "03-outer-products": {
        "solution": gradients_221,
        "wrong": {
            "outer product transposed": lambda *a: _gradients(*a, transposed=True),
            "sigma instead of its slope": lambda *a: _gradients(*a, hidden="sigma"),
            "output slope left out": lambda *a: _gradients(*a, output_slope=False),
            "sign": lambda *a: _gradients(*a, sign=-1),
        },
    }
}
