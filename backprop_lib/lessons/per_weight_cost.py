r"""The chain rule applied to each parameter on its own — what the delta rule saves (notebook 04).

For one weight :math:`w^{(l)}_{ij}`, the chain rule without sharing anything follows the
weight's influence forward to the loss (forward mode):

.. math::
    \frac{\partial z^{(l)}}{\partial w^{(l)}_{ij}} = a^{(l-1)}_j\,e_i, \qquad
    \frac{\partial z^{(k)}}{\partial w} = W^{(k)}\Big(f_{k-1}'(z^{(k-1)}) \odot
    \frac{\partial z^{(k-1)}}{\partial w}\Big)\ (k = l+1 \dots L), \qquad
    \frac{\partial \ell}{\partial w} = \sum_i \frac{\partial \ell}{\partial \hat y_i}
    f_L'(z^{(L)}_i) \frac{\partial z^{(L)}_i}{\partial w}

(:math:`e_i` the i-th unit vector; for a bias :math:`b^{(l)}_i`, :math:`\partial z^{(l)}/\partial b = e_i`).
Each parameter costs a pass through every layer above it, so the total grows like the
number of parameters times the network's size, where the delta rule's backward pass costs
about two multiplications per weight. This module exists to be compared, not to be used
for training.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import _validate
from ..activations import ACTIVATIONS
from ..losses import SQUARED_LOSSES
from ..mlp import MLP


def per_weight_gradients(net: MLP, X, Y) -> tuple[list, list | None]:
    r"""``(dW, db)`` of ``net.loss(X, Y)`` by the chain rule, one parameter at a time.

    Shapes as :meth:`MLP.gradients` (``X`` ``(n_0, m)``, ``Y`` ``(n_L, m)``); equal to it up to
    rounding. Needs an elementwise output activation (not ``softmax``).
    """
    _validate.instance(net, "net", MLP, "backprop_lib.MLP")
    _validate.choice(net.loss_name, "net.loss_name", tuple(SQUARED_LOSSES))
    X2, Y2 = net.check_batch(X, Y)
    L, m = len(net.weights), X2.shape[1]
    z, a = net.forward_all(X2)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        f_prime = [None] + [
            ACTIVATIONS[name][1](z[l], a[l]) for l, name in enumerate(net.activations, start=1)
        ]
        output_factor = SQUARED_LOSSES[net.loss_name][1](a[L], Y2) * f_prime[L]

        def through_the_layers(l: int, dz: np.ndarray) -> float:
            """∂L/∂θ from ∂z^(l)/∂θ, carried forward to the output."""
            for k in range(l + 1, L + 1):
                dz = net.weights[k - 1] @ (f_prime[k - 1] * dz)
            return float(np.sum(output_factor * dz)) / m

        dW = [np.empty_like(W) for W in net.weights]
        db = None if net.biases is None else [np.empty_like(b) for b in net.biases]
        for l in range(1, L + 1):
            n_l = net.sizes[l]
            for i, j in np.ndindex(dW[l - 1].shape):
                dz = np.zeros((n_l, m))
                dz[i] = a[l - 1][j]
                dW[l - 1][i, j] = through_the_layers(l, dz)
            for i in range(n_l if db is not None else 0):
                dz = np.zeros((n_l, m))
                dz[i] = 1.0
                db[l - 1][i] = through_the_layers(l, dz)
    return dW, db


def multiplication_counts(sizes: Sequence[int], biases: bool = True) -> dict[str, int]:
    r"""Multiplications per example after the forward pass, for a network of layer ``sizes``.

    * ``"per_weight"`` (:func:`per_weight_gradients`): a parameter of layer l costs
      :math:`\sum_{k=l+1}^{L}(n_k n_{k-1} + n_{k-1}) + 2 n_L`.
    * ``"delta_rule"`` (:meth:`MLP.gradients`): :math:`n_L` for :math:`\delta^{(L)}`,
      :math:`n_{l+1} n_l + n_l` for each hidden :math:`\delta^{(l)}`, :math:`n_l n_{l-1}` for
      each :math:`\delta^{(l)} a^{(l-1)\top}`; the bias gradients are the deltas themselves.
    * ``"parameters"``: the number of weights (and biases).
    """
    sizes = _validate.sizes(sizes)
    biases = _validate.flag(biases, "biases")
    L = len(sizes) - 1
    per_parameter = [
        sum(sizes[k] * sizes[k - 1] + sizes[k - 1] for k in range(l + 1, L + 1)) + 2 * sizes[L]
        for l in range(L + 1)
    ]
    per_layer = [sizes[l] * sizes[l - 1] + (sizes[l] if biases else 0) for l in range(1, L + 1)]
    per_weight = sum(count * per_parameter[l] for l, count in enumerate(per_layer, start=1))
    delta_rule = sizes[L] + sum(sizes[l + 1] * sizes[l] + sizes[l] for l in range(1, L))
    delta_rule += sum(sizes[l] * sizes[l - 1] for l in range(1, L + 1))
    return {"per_weight": per_weight, "delta_rule": delta_rule, "parameters": sum(per_layer)}
