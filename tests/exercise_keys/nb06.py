"""Keys for notebook 06: the three paths of y = x·σ(x) + x² summed with plain floats, and the
backward rule of a**b written as a learner would, with one wrong version per declared
mistake."""

import math

from .by_hand import sigma


def fan_out_gradient():
    """dy/dx of y = x·σ(x) + x² at x = 1.5: the product rule and the square, written out."""
    x = 1.5
    s = sigma(x)
    return s + x * s * (1 - s) + 2 * x  # d(x·σ(x))/dx = σ + x σ' ; d(x²)/dx = 2x


def power_backward(a, b, upstream):
    return upstream * b * a ** (b - 1), upstream * a**b * math.log(a)


def no_upstream(a, b, upstream):
    return b * a ** (b - 1), a**b * math.log(a)


def exponent_like_exp(a, b, upstream):  # d(a**b)/db taken as a**b, as if it were e**b
    return upstream * b * a ** (b - 1), upstream * a**b


def minus_sign(a, b, upstream):
    return -upstream * b * a ** (b - 1), -upstream * a**b * math.log(a)


def swapped(a, b, upstream):
    grad_a = upstream * b * a ** (b - 1)
    grad_b = upstream * a**b * math.log(a)
    return grad_b, grad_a


NUMBERS = {"06-fan-out": fan_out_gradient}
CODE = {
    "06-power-backward": {
        "solution": power_backward,
        "wrong": {
            "upstream left out": no_upstream,
            "value instead of derivative": exponent_like_exp,
            "sign": minus_sign,
            "gradients swapped": swapped,
        },
    }
}
