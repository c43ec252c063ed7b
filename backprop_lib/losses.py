r"""Per-example losses :math:`\ell(\hat y, y)` and the output delta they start backprop with.

Arrays have one column per example: ``y_hat`` and ``y`` are ``(n_L, m)``. Each function returns
the per-example loss as a 1-D array of length ``m`` (``MLP.loss`` takes its mean).

=================  ====================================================  ==========
name               :math:`\ell(\hat y, y)`                                seeds
=================  ====================================================  ==========
``sse``            :math:`\sum_i (\hat y_i - y_i)^2`                      000, 001
``half_sse``       :math:`\tfrac12 \sum_i (\hat y_i - y_i)^2`             002, 003
``cross_entropy``  :math:`-\sum_i y_i \log \hat y_i` (with softmax only)  later
=================  ====================================================  ==========

The ½ in ``half_sse`` is only there to cancel the 2 of the derivative:
:math:`\partial \ell / \partial \hat y = \hat y - y` instead of :math:`2(\hat y - y)`.
"""

from __future__ import annotations

import numpy as np


def sse(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\sum_i (\hat y_i - y_i)^2` per column."""
    return ((y_hat - y) ** 2).sum(axis=0)


def sse_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial \ell / \partial \hat y = 2(\hat y - y)`."""
    return 2.0 * (y_hat - y)


def half_sse(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\tfrac12 \sum_i (\hat y_i - y_i)^2` per column."""
    return 0.5 * ((y_hat - y) ** 2).sum(axis=0)


def half_sse_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial \ell / \partial \hat y = \hat y - y`."""
    return y_hat - y


def cross_entropy_from_logits(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`-\sum_i y_i \log \operatorname{softmax}(z)_i` per column, from the logits ``z``.

    Uses :math:`\log \operatorname{softmax}(z)_i = z_i - \max z - \log\sum_k e^{z_k - \max z}`,
    which stays finite even where :math:`\hat y_i` underflows to 0.
    """
    shifted = z - z.max(axis=0, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return -(y * log_softmax).sum(axis=0)


def softmax_cross_entropy_delta(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\delta^{(L)} = \partial \ell / \partial z^{(L)} = \hat y - y` for softmax with
    cross-entropy (each column of ``y`` sums to 1)."""
    return y_hat - y


#: name -> derivative of the loss with respect to the output, for the elementwise outputs.
SQUARED_LOSSES = {"sse": (sse, sse_grad), "half_sse": (half_sse, half_sse_grad)}
LOSS_NAMES = ("sse", "half_sse", "cross_entropy")
