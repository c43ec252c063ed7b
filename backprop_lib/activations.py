r"""Activation functions :math:`a = f(z)` and their derivatives :math:`f'(z)`.

Every function works elementwise on arrays of any shape, except ``softmax``, which
normalises each column (one column per example): :math:`a_i = e^{z_i} / \sum_k e^{z_k}`.

The derivative is written in terms of ``z`` *and* ``a`` (whichever is cheaper), because the
forward pass already holds both: e.g. :math:`\sigma'(z) = \sigma(z)(1-\sigma(z)) = a(1-a)`.
Softmax has no elementwise derivative; it is only used with cross-entropy, whose output
delta is :math:`\delta^{(L)} = \hat y - y` (see ``losses.py``).

Introduced in notebooks 01 (identity), 02 (sigmoid), 05 (tanh, relu, softmax).
"""

from __future__ import annotations

import numpy as np


def identity(z: np.ndarray) -> np.ndarray:
    r""":math:`f(z) = z`."""
    return z


def identity_prime(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    r""":math:`f'(z) = 1`."""
    return np.ones_like(z)


def sigmoid(z: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(z) = 1/(1+e^{-z})`, computed as :math:`\tfrac12(1+\tanh(z/2))`.

    The tanh form is the same function and never overflows, so large :math:`|z|` gives no
    numpy warnings.
    """
    a = np.tanh(0.5 * z)
    a += 1.0  # in place (a new array only for a scalar z): this runs on every layer, every step
    a *= 0.5
    return a


def sigmoid_prime(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(z) = \sigma(z)\,(1-\sigma(z)) = a(1-a)`."""
    return a * (1.0 - a)


def tanh(z: np.ndarray) -> np.ndarray:
    r""":math:`f(z) = \tanh z`."""
    return np.tanh(z)


def tanh_prime(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    r""":math:`f'(z) = 1 - \tanh^2 z = 1 - a^2`."""
    return 1.0 - a * a


def relu(z: np.ndarray) -> np.ndarray:
    r""":math:`f(z) = \max(0, z)`."""
    return np.maximum(z, 0.0)


def relu_prime(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    r""":math:`f'(z) = 1` for :math:`z > 0`, else 0 (the kink at 0 gets 0 by convention)."""
    return (z > 0).astype(z.dtype)


def softmax(z: np.ndarray) -> np.ndarray:
    r""":math:`a_i = e^{z_i} / \sum_k e^{z_k}` down each column; shifted by the column maximum
    first, which changes nothing mathematically and prevents overflow."""
    shifted = z - z.max(axis=0, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=0, keepdims=True)


#: name -> (f, f') for the elementwise activations. ``softmax`` has no elementwise f'.
ACTIVATIONS = {
    "identity": (identity, identity_prime),
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "softmax": (softmax, None),
}
