import numpy as np

import backprop_lib as bp

from .by_hand import inputs, sigma, two_two_one


def bias_batch():
    x1, x2, y_t = inputs()
    return (two_two_one(x1, x2, y_t)[0] + two_two_one(x2, x1, y_t)[0]) / 2


def rows_gradient():
    """W_rows[0, 1] = w^(1)_21 (input 1 to hidden unit 2): the mean over the two columns of
    δ of A2 times x1, by the 2-2-1 lecture notes' chain of factors."""
    x1, x2, y_t = inputs()
    (w11, w12), (w21, w22) = bp.TWO_TWO_ONE["w_hidden"].tolist()
    w31, w32 = bp.TWO_TWO_ONE["w_out"][0].tolist()

    def one_example(x1, x2):
        A1, A2 = sigma(x1 * w11 + x2 * w12), sigma(x1 * w21 + x2 * w22)
        A3 = sigma(A1 * w31 + A2 * w32)
        return (A3 - y_t) * A3 * (1 - A3) * w32 * A2 * (1 - A2) * x1

    return (one_example(x1, x2) + one_example(x2, x1)) / 2


NUMBERS = {"05-bias-batch": bias_batch, "05-rows-gradient": rows_gradient}


# 05-backward: a right implementation and each listed mistake, written as a learner would
# (a loop over the layers from the output back, one list entry per layer).


def backward(weights, z, a, Y, f_prime):
    L = len(weights)
    m = Y.shape[1]
    dW = [None] * L
    db = [None] * L
    delta = (a[L] - Y) * f_prime(z[L])
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = np.sum(delta, axis=1) / m
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1])
    return dW, db


def backward_transposed(weights, z, a, Y, f_prime):
    L = len(weights)
    m = Y.shape[1]
    dW, db = [], []
    delta = (a[L] - Y) * f_prime(z[L])
    for l in reversed(range(1, L + 1)):
        dW.insert(0, a[l - 1] @ delta.T / m)  # the transpose on the wrong side
        db.insert(0, delta.sum(axis=1) / m)
        delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1]) if l > 1 else None
    return dW, db


def backward_no_mean(weights, z, a, Y, f_prime):
    L = len(weights)
    dW, db = [None] * L, [None] * L
    delta = (a[-1] - Y) * f_prime(z[-1])
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T  # no 1/m
        db[l - 1] = delta.sum(axis=1)
        if l > 1:
            delta = weights[l - 1].T @ delta * f_prime(z[l - 1])
    return dW, db


def backward_bias_not_summed(weights, z, a, Y, f_prime):
    L, m = len(weights), Y.shape[1]
    dW, db = [None] * L, [None] * L
    delta = (a[L] - Y) * f_prime(z[L])
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = delta / m  # one column per example left
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1])
    return dW, db


def backward_bias_over_units(weights, z, a, Y, f_prime):
    L, m = len(weights), Y.shape[1]
    dW, db = [None] * L, [None] * L
    delta = (a[L] - Y) * f_prime(z[L])
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = delta.sum(axis=0) / m  # the rows convention's axis
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1])
    return dW, db


def backward_factor_2(weights, z, a, Y, f_prime):
    L, m = len(weights), Y.shape[1]
    dW, db = [None] * L, [None] * L
    delta = 2 * (a[L] - Y) * f_prime(z[L])  # sse's derivative
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = delta.sum(axis=1) / m
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1])
    return dW, db


def backward_f_not_f_prime(weights, z, a, Y, f_prime):
    L, m = len(weights), Y.shape[1]
    dW, db = [None] * L, [None] * L
    delta = (a[L] - Y) * a[L]  # the activation where its slope belongs
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = delta.sum(axis=1) / m
        if l > 1:
            delta = (weights[l - 1].T @ delta) * a[l - 1]
    return dW, db


def backward_f_prime_of_a(weights, z, a, Y, f_prime):
    L, m = len(weights), Y.shape[1]
    dW, db = [None] * L, [None] * L
    delta = (a[L] - Y) * f_prime(a[L])  # the slope taken at the activation
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = delta.sum(axis=1) / m
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(a[l - 1])
    return dW, db


def backward_no_output_slope(weights, z, a, Y, f_prime):
    L, m = len(weights), Y.shape[1]
    dW, db = [None] * L, [None] * L
    delta = a[L] - Y  # BP1 without f'(z^(L))
    for l in range(L, 0, -1):
        dW[l - 1] = delta @ a[l - 1].T / m
        db[l - 1] = delta.sum(axis=1) / m
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1])
    return dW, db


def backward_appended(weights, z, a, Y, f_prime):
    m = Y.shape[1]
    dW, db = [], []
    delta = (a[-1] - Y) * f_prime(z[-1])
    for l in range(len(weights), 0, -1):
        dW.append(delta @ a[l - 1].T / m)  # appended from the output back, never reversed
        db.append(delta.sum(axis=1) / m)
        if l > 1:
            delta = (weights[l - 1].T @ delta) * f_prime(z[l - 1])
    return dW, db


CODE = {
    "05-backward": {
        "solution": backward,
        "wrong": {
            "transpose on the wrong side": backward_transposed,
            "missing 1/m": backward_no_mean,
            "bias gradient not summed": backward_bias_not_summed,
            "bias summed over the units": backward_bias_over_units,
            "factor 2": backward_factor_2,
            "f instead of f'": backward_f_not_f_prime,
            "f' of a instead of z": backward_f_prime_of_a,
            "output slope left out": backward_no_output_slope,
            "lists in reverse order": backward_appended,
        },
    }
}
