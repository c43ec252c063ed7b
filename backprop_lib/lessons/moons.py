r"""Training a small classifier on a 2-D data set (notebook 05).

The network is ``sizes = (n_0, hidden, hidden, classes)`` with ``activation`` in both hidden
layers and a softmax output trained with cross-entropy, by full-batch gradient descent
(:meth:`MLP.fit`): one iteration is one epoch over the whole batch. Its output delta is
:math:`\delta^{(L)} = \hat y - y`; the prediction for a column is the class with the
largest :math:`\hat y_c`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..datasets import one_hot, two_moons
from ..mlp import MLP
from ..training import fit_until_divergence
from .figures import (
    LOG_FLOOR,
    autoscale_to_lines,
    plain_log_labels,
    redraw_half_contours,
    reusable_figure,
)
from .style import BLUE, styled

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
    predicted = predict(net, X)
    labels = _validate.class_labels(labels, m=predicted.shape[0])
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
    hidden = _validate.integer(hidden, "hidden", 1)
    X = _validate.float_array(X, "X", 2)
    labels = _validate.class_labels(labels, m=X.shape[1])
    Y = one_hot(labels)
    sizes = [X.shape[0], hidden, hidden, Y.shape[0]]
    net = MLP.random(sizes, [activation, activation, "softmax"], loss="cross_entropy", seed=seed)
    losses, diverged_at = fit_until_divergence(net, X, Y, lr, iterations)
    return ClassifierRun(net, losses, diverged_at, accuracy(net, X, labels))


@styled
def draw_classifier(
    lr, iterations, hidden, *, moons: dict | None = None, seed: int = 0, fig: Figure | None = None
) -> Figure:
    r"""Train a 2-``hidden``-``hidden``-2 softmax network on the two moons and draw it
    (notebook 05).

    ``moons`` are the arguments of :func:`~backprop_lib.datasets.two_moons` (default
    :data:`MOONS`); training is
    :func:`train_classifier` with ``lr``, ``iterations`` and
    ``hidden``, weights from ``seed``. Left: the data over the network's probability of
    class 1 and its decision boundary :math:`\hat y_1 = \tfrac12`. Right: the loss per
    iteration (log scale). The title echoes the values used and the training accuracy.
    """
    moons = MOONS if moons is None else moons
    X, labels = two_moons(**moons)
    run = train_classifier(X, labels, hidden=hidden, lr=lr, iterations=iterations, seed=seed)
    key = ("classifier", tuple(sorted(moons.items())))
    build = partial(_classifier_parts, X=X, labels=labels)
    fig, parts = reusable_figure(fig, key, 2, (9.0, 3.6), build)
    ax_d, ax_l = parts["axes"]

    pad = 0.5
    g1 = np.linspace(X[0].min() - pad, X[0].max() + pad, 120)
    g2 = np.linspace(X[1].min() - pad, X[1].max() + pad, 100)
    G1, G2 = np.meshgrid(g1, g2)
    p1 = run.net.forward(np.stack([G1.ravel(), G2.ravel()]))[1].reshape(G1.shape)
    filled = redraw_half_contours(ax_d, parts, G1, G2, p1, linewidth=1.5, alpha=0.6)
    if parts["colorbar"] is None:  # same levels and colours every time: made once
        parts["colorbar"] = fig.colorbar(filled, ax=ax_d, label="ŷ₁ = P(class 1)", pad=0.01)  # fmt: skip

    parts["loss"].set_data(np.arange(len(run.losses)), np.maximum(run.losses, LOG_FLOOR))
    autoscale_to_lines(ax_l)

    result = f"training accuracy {run.accuracy:.1%}"
    if run.diverged_at is not None:
        result = f"diverged at iteration {run.diverged_at}, {result}"
    fig.suptitle(f"lr = {lr:.4g}, {iterations} epochs, hidden width {hidden}: {result}")
    return fig


def _classifier_parts(fig, ax_d, ax_l, *, X, labels) -> dict:
    """What :func:`draw_classifier` draws whatever the training: the data points, labels,
    legend and an empty loss curve on log axes."""
    # White circles and black squares: readable on both halves of the probability map and
    # told apart by marker and brightness, not by hue alone.
    for c, (color, marker) in enumerate([("white", "o"), ("black", "s")]):
        ax_d.scatter(
            *X[:, labels == c],
            s=16,
            c=color,
            marker=marker,
            edgecolors="k",
            linewidths=0.6,
            label=f"class {c}",
            zorder=2,  # above the probability contours, which are redrawn every time
        )
    ax_d.set(xlabel="x₁", ylabel="x₂", title="data and decision boundary (ŷ₁ = ½)")
    ax_d.legend(loc="lower left", fontsize=10)

    (loss,) = ax_l.semilogy([], [], "-", color=BLUE)
    plain_log_labels(ax_l.yaxis)
    ax_l.set(
        xlabel="iteration (epoch)", ylabel="cross-entropy loss", title="training loss (log scale)"
    )
    ax_l.grid(True, which="major", alpha=0.3)
    return {"axes": (ax_d, ax_l), "loss": loss, "contours": [], "colorbar": None}
