r"""Training a small classifier on a 2-D data set (notebook 05).

The network is ``sizes = (n_0, hidden, hidden, classes)`` with ``activation`` in both hidden
layers and a softmax output trained with cross-entropy, by full-batch gradient descent
(:meth:`MLP.fit`): one iteration is one epoch over the whole batch. Its output delta is
:math:`\delta^{(L)} = \hat y - y`; the prediction for a column is the class with the
largest :math:`\hat y_c`.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .datasets import one_hot
from .mlp import MLP, fit_until_divergence

#: Notebook 05's default settings: fast (well under a second) and above 95 % accuracy on
#: ``two_moons(**MOONS)``.
CLASSIFIER_DEFAULTS = {"lr": 0.3, "iterations": 500, "hidden": 16}
#: Notebook 05's two-moons data set.
MOONS = {"m": 200, "noise": 0.2, "seed": 0}


@dataclass(frozen=True)
class ClassifierRun:
    """What :func:`train_classifier` did: the trained ``net``, the ``losses`` before each
    step (float64, one per completed iteration), ``diverged_at`` (the failing step, or None)
    and the training ``accuracy`` (fraction of columns classified right)."""

    net: MLP
    losses: np.ndarray
    diverged_at: int | None
    accuracy: float


def predict(net: MLP, X) -> np.ndarray:
    r"""The class of each column of ``X``: :math:`\arg\max_c \hat y_c`, int array ``(m,)``."""
    return np.argmax(net.forward(X), axis=0)


def accuracy(net: MLP, X, labels) -> float:
    """The fraction of the columns of ``X`` whose predicted class equals ``labels``."""
    labels = np.asarray(labels)
    predicted = predict(net, X)
    if labels.shape != predicted.shape:
        raise ValueError(f"labels must have shape {predicted.shape} to match X, got {labels.shape}")
    return float(np.mean(predicted == labels))


def train_classifier(
    X,
    labels,
    hidden: int = 16,
    lr: float = 0.3,
    iterations: int = 500,
    activation: str = "tanh",
    seed: int = 0,
) -> ClassifierRun:
    r"""Train a ``(n_0, hidden, hidden, classes)`` softmax network on ``X`` ``(n_0, m)`` and
    ``labels`` ``(m,)`` for ``iterations`` full-batch steps of size ``lr``.

    The weights start from :meth:`MLP.random` with ``seed``; the classes are
    ``0 … max(labels)``. A run that diverges (:class:`DivergenceError`) is not an error here:
    it stops, ``diverged_at`` says where, and the network keeps its last good parameters.
    """
    if isinstance(hidden, bool) or not isinstance(hidden, numbers.Integral):
        raise TypeError(f"hidden must be an integer, got {type(hidden).__name__}")
    if hidden < 1:
        raise ValueError(f"hidden must be at least 1, got {hidden}")
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, shape (n_0, m), got shape {X.shape}")
    if np.shape(labels) != (X.shape[1],):
        raise ValueError(
            f"labels must have shape ({X.shape[1]},), one per column of X, got {np.shape(labels)}"
        )
    Y = one_hot(labels)
    sizes = [X.shape[0], int(hidden), int(hidden), Y.shape[0]]
    net = MLP.random(sizes, [activation, activation, "softmax"], loss="cross_entropy", seed=seed)
    losses, diverged_at = fit_until_divergence(net, X, Y, lr, iterations)
    return ClassifierRun(net, losses, diverged_at, accuracy(net, X, labels))
