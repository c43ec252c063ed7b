r"""Gradient checking: compare backprop's gradients with central finite differences.

.. math:: \frac{\partial \mathcal L}{\partial \theta} \approx
          \frac{\mathcal L(\theta + \varepsilon) - \mathcal L(\theta - \varepsilon)}{2\varepsilon}

The error of the central difference is :math:`O(\varepsilon^2)` from truncation plus about
:math:`10^{-16}\,|\mathcal L| / \varepsilon` from rounding, so in float64 with
:math:`\varepsilon = 10^{-6}` a correct gradient agrees to a relative error of about
:math:`10^{-9}`; a wrong formula gives :math:`10^{-2}` or worse. It grows near a relu kink
(the two sides of the difference see different slopes). Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from . import _validate
from .mlp import MLP


def numerical_gradients(net: MLP, X, Y, eps: float = 1e-6) -> tuple[list, list | None]:
    r"""``(dW, db)`` of ``net.loss(X, Y)`` by central differences, one parameter at a time.

    Shaped like ``net.weights`` and ``net.biases``; costs two calls of :meth:`MLP.loss` per
    parameter, so use it on small networks. The parameters are moved by ``eps`` in a copy of
    the network: ``net`` itself is never written (it may even be read-only).
    """
    _validate.instance(net, "net", MLP, "backprop_lib.MLP")
    X2, Y2 = net.check_batch(X, Y)
    eps = _validate.learning_rate(eps, "eps")
    _validate.perturbation(eps, net.weights, net.biases)
    net.loss(X2, Y2)  # an overflow where the parameters are names X, Y and the parameters
    net = net.copy()

    def differentiate(params: list[np.ndarray]) -> list[np.ndarray]:
        grads = []
        for p in params:
            g = np.empty_like(p)
            for index in np.ndindex(p.shape):
                saved = p[index]
                try:
                    p[index] = saved + eps
                    up = net.loss(X2, Y2)
                    p[index] = saved - eps
                    down = net.loss(X2, Y2)
                except ValueError:  # the loss overflows only away from the parameters
                    raise ValueError(_EPS_TOO_LARGE.format(eps=eps)) from None
                finally:
                    p[index] = saved
                g[index] = (up - down) / (2 * eps)
            grads.append(g)
        return grads

    with np.errstate(over="ignore"):  # (up - down) / (2 eps) with a tiny eps: checked below
        dW = differentiate(net.weights)
        db = None if net.biases is None else differentiate(net.biases)
    _validate.finite_results(dW + (db or []), _EPS_TOO_SMALL.format(eps=eps))
    return dW, db


_EPS_TOO_LARGE = "eps = {eps:g} is too large: the loss overflows float64 at a parameter ± eps"
_EPS_TOO_SMALL = (
    "eps = {eps:g} is too small: a difference quotient (up - down) / (2 eps) overflows float64"
)


def relative_error(analytic, numeric) -> float:
    r""":math:`\lVert g - \hat g\rVert / (\lVert g\rVert + \lVert\hat g\rVert)` over all entries.

    ``analytic`` and ``numeric`` are arrays or (nested) lists of arrays, e.g. the ``(dW, db)``
    pairs of :meth:`MLP.gradients` and :func:`numerical_gradients`; ``None`` entries are
    skipped. Returns 0.0 when both are exactly zero. Rule of thumb in float64: below 1e-7 is
    right, above 1e-4 is a bug.
    """
    g, h = flatten(analytic), flatten(numeric)
    if g.shape != h.shape:
        raise ValueError(
            f"analytic and numeric must hold the same number of entries, got {g.size} and {h.size}"
        )
    scale = np.linalg.norm(g) + np.linalg.norm(h)
    return 0.0 if scale == 0 else float(np.linalg.norm(g - h) / scale)


def gradient_check(net: MLP, X, Y, eps: float = 1e-6) -> float:
    """The relative error between ``net.gradients(X, Y)`` and ``numerical_gradients``."""
    return relative_error(net.gradients(X, Y), numerical_gradients(net, X, Y, eps))


def flatten(grads) -> np.ndarray:
    """Every entry of an array or a (nested) list of arrays as one 1-D float64 array, in
    order; ``None`` entries are skipped (the ``db`` of a network without biases)."""
    if grads is None:
        return np.empty(0)
    if isinstance(grads, list | tuple):
        parts = [flatten(g) for g in grads]
        return np.concatenate(parts) if parts else np.empty(0)
    return np.asarray(grads, dtype=np.float64).ravel()
