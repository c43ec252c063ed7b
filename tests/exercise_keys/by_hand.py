"""The 2-2-1 network's formulas of the lecture notes, written out with plain floats (no
backprop_lib computation), for the answer keys of notebooks 03–05."""

import math

import backprop_lib as bp


def sigma(z):
    return 1 / (1 + math.exp(-z))


def two_two_one(x1, x2, y_t):
    """``(delta3, delta1)``: the output delta and the delta of A1, by the boxed formulas."""
    (w11, w12), (w21, w22) = bp.TWO_TWO_ONE["w_hidden"].tolist()
    w31, w32 = bp.TWO_TWO_ONE["w_out"][0].tolist()
    A1, A2 = sigma(x1 * w11 + x2 * w12), sigma(x1 * w21 + x2 * w22)
    A3 = sigma(A1 * w31 + A2 * w32)
    delta3 = (A3 - y_t) * A3 * (1 - A3)
    return delta3, delta3 * w31 * A1 * (1 - A1)


def inputs():
    x1, x2 = bp.TWO_TWO_ONE["x"].tolist()
    return x1, x2, float(bp.TWO_TWO_ONE["y_t"][0])
