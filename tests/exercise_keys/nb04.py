"""Keys for notebook 04: the branching network's hidden delta with plain floats, and one
layer's backward step written as a learner would, with one wrong version per declared
mistake."""

import numpy as np

from .by_hand import sigma


def hidden_delta_branching():
    """x = (1.0, -0.5) -> h (weights 0.4, 0.7) -> two outputs (weights 1.2, -0.9), y = (0, 1)."""
    h = sigma(0.4 * 1.0 + 0.7 * -0.5)
    total = 0.0
    for v, y in ((1.2, 0.0), (-0.9, 1.0)):  # one term per path
        y_hat = sigma(v * h)
        total += v * (y_hat - y) * y_hat * (1 - y_hat)
    return total * h * (1 - h)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backward_step(W_next, delta_next, z):
    s = _sigmoid(z)
    return (W_next.T @ delta_next) * s * (1 - s)


NUMBERS = {"04-hidden-delta": hidden_delta_branching}
CODE = {
    "04-backward-step": {
        "solution": backward_step,
        "wrong": {
            "W instead of its transpose": lambda W, d, z: (W @ d) * _sigmoid(z) * (1 - _sigmoid(z)),
            "slope left out": lambda W, d, z: W.T @ d,
            "sigma instead of its slope": lambda W, d, z: (W.T @ d) * _sigmoid(z),
        },
    }
}
