"""Drawing functions the notebooks and their widgets call; plain functions, so tests can call
them without a browser.

Each returns a :class:`matplotlib.figure.Figure` built without pyplot (no global state, nothing
shown until the caller displays it), and takes an optional ``fig`` to draw into again, which
a widget uses to redraw cheaply.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from .classifier import MOONS, train_classifier
from .datasets import two_moons
from .scalar import critical_rates, regime, scalar_cost, scalar_descent

#: Cost values below this are drawn at it on log axes (an exact 0 has no logarithm).
LOG_FLOOR = 1e-30


def plain_log_labels(axis) -> None:
    """Label a log axis's decades as ``1e-29`` … ``1e6`` in plain text: the default
    ``10^{-29}`` labels go through mathtext, which took about a third of a widget's redraw."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"1e{round(np.log10(v))}" if v > 0 else ""))
    axis.set_minor_formatter(NullFormatter())


def new_figure(fig: Figure | None, ncols: int, size: tuple[float, float]) -> tuple[Figure, list]:
    """Clear ``fig`` (or make a new one of ``size`` inches) and give it ``ncols`` axes.

    The axes' titles sit at the top of the axes (``axes.titley = 1``), where matplotlib would
    put them anyway (no axes has tick labels on top): left to find that place itself, it
    measures every y tick label of the axes on every draw, a sixth of a widget's redraw."""
    if fig is None:
        fig = Figure(figsize=size, layout="constrained")
    else:
        fig.clear()
    with rc_context({"axes.titley": 1.0}):
        axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def reusable_figure(fig: Figure | None, key, ncols: int, size: tuple[float, float], build):
    """``(fig, parts)``: the figure and the artists a drawing function updates on each call.

    The first time (``fig`` is None, or was last drawn with another ``key``) the figure is
    cleared (:func:`new_figure`) and ``parts = build(fig, *axes)`` makes the artists that do
    not depend on the data (axes labels, legends, empty lines); ``parts`` is kept on the figure
    so that a widget's next call with the same ``key`` only updates the data. Re-creating
    axes, ticks and colour bars took about a third of a widget's redraw."""
    if fig is not None and getattr(fig, "_backprop_parts", (None, None))[0] == key:
        return fig, fig._backprop_parts[1]
    fig, axes = new_figure(fig, ncols, size)
    parts = build(fig, *axes)
    fig._backprop_parts = (key, parts)
    return fig, parts


def autoscale_to_lines(ax) -> None:
    """Fit ``ax``'s limits to its lines' current data (after ``set_data``)."""
    ax.relim()
    ax.autoscale_view()


def draw_scalar_descent(x, w0, target, lr, iterations, fig: Figure | None = None) -> Figure:
    r"""Gradient descent on one weight, drawn twice (notebook 01).

    Left: the cost parabola :math:`C(w) = (xw - y^*)^2` with the iterates :math:`w_0, w_1, \dots`
    on it, joined in order, and the minimum :math:`w^* = y^*/x`. Right: the cost per iteration
    on a log scale. The title echoes the learning rate and iteration count actually used and
    names the regime (:func:`backprop_lib.scalar.regime`), or where the run diverged.
    """
    traj = scalar_descent(x, w0, target, lr, iterations)
    fig, (ax_w, ax_c) = new_figure(fig, 2, (9.0, 3.4))
    w_star = traj.target / traj.x
    k = np.arange(len(traj.w))

    span = max(np.max(np.abs(traj.w - w_star)), 1e-3)
    grid = np.linspace(w_star - 1.15 * span, w_star + 1.15 * span, 400)
    ax_w.plot(grid, scalar_cost(traj.x, grid, traj.target), color="0.6", lw=1.5, label="C(w)")
    ax_w.plot(traj.w, traj.cost, color="tab:blue", lw=0.8, alpha=0.6)
    points = ax_w.scatter(traj.w, traj.cost, c=k, cmap="viridis", s=22, zorder=3)
    ax_w.axvline(w_star, color="tab:red", ls="--", lw=1, label=f"w* = y*/x = {w_star:.4g}")
    ax_w.set(xlabel="weight w", ylabel="cost C(w)", title="iterates on the cost parabola")
    ax_w.legend(loc="upper center", fontsize=8)
    fig.colorbar(points, ax=ax_w, label="iteration k", pad=0.01)

    ax_c.semilogy(k, np.maximum(traj.cost, LOG_FLOOR), "o-", ms=3, color="tab:blue")
    plain_log_labels(ax_c.yaxis)
    ax_c.set(xlabel="iteration k", ylabel="cost C(w_k)", title="cost per iteration (log scale)")
    ax_c.grid(True, which="major", alpha=0.3)

    name = regime(traj.x, traj.lr)
    if traj.diverged:
        name = f"diverged at iteration {traj.diverged_at}"
    rates = critical_rates(traj.x) if traj.x else None
    hint = f"  (1/(2x²) = {rates['one_step']:.4g}, 1/x² = {rates['diverge']:.4g})" if rates else ""
    fig.suptitle(f"R = {traj.lr:.4g}, {traj.iterations} iterations: {name}{hint}", fontsize=11)
    return fig


def draw_classifier(
    lr, iterations, hidden, *, moons: dict | None = None, seed: int = 0, fig: Figure | None = None
) -> Figure:
    r"""Train a 2-``hidden``-``hidden``-2 softmax network on the two moons and draw it
    (notebook 05).

    ``moons`` are the arguments of :func:`~backprop_lib.datasets.two_moons` (default
    :data:`~backprop_lib.classifier.MOONS`); training is
    :func:`~backprop_lib.classifier.train_classifier` with ``lr``, ``iterations`` and
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
    for old in parts["contours"]:  # a contour set cannot take new data: draw it afresh
        old.remove()
    filled = ax_d.contourf(G1, G2, p1, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    parts["contours"] = [filled, ax_d.contour(G1, G2, p1, levels=[0.5], colors="k", linewidths=1.5)]  # fmt: skip
    if parts["colorbar"] is None:  # same levels and colours every time: made once
        parts["colorbar"] = fig.colorbar(filled, ax=ax_d, label="ŷ₁ = P(class 1)", pad=0.01)  # fmt: skip

    parts["loss"].set_data(np.arange(len(run.losses)), np.maximum(run.losses, LOG_FLOOR))
    autoscale_to_lines(ax_l)

    result = f"training accuracy {run.accuracy:.1%}"
    if run.diverged_at is not None:
        result = f"diverged at iteration {run.diverged_at}, {result}"
    fig.suptitle(
        f"lr = {lr:.4g}, {iterations} epochs, hidden width {hidden}: {result}", fontsize=11
    )
    return fig


def _classifier_parts(fig, ax_d, ax_l, *, X, labels) -> dict:
    """What :func:`draw_classifier` draws whatever the training: the data points, labels,
    legend and an empty loss curve on log axes."""
    for c, (color, marker) in enumerate([("tab:blue", "o"), ("tab:red", "s")]):
        ax_d.scatter(
            *X[:, labels == c],
            s=14,
            c=color,
            marker=marker,
            edgecolors="k",
            linewidths=0.4,
            label=f"class {c}",
            zorder=2,  # above the probability contours, which are redrawn every time
        )
    ax_d.set(xlabel="x₁", ylabel="x₂", title="data and decision boundary (ŷ₁ = ½)")
    ax_d.legend(loc="lower left", fontsize=8)

    (loss,) = ax_l.semilogy([], [], color="tab:blue")
    plain_log_labels(ax_l.yaxis)
    ax_l.set(
        xlabel="iteration (epoch)", ylabel="cross-entropy loss", title="training loss (log scale)"
    )
    ax_l.grid(True, which="major", alpha=0.3)
    return {"axes": (ax_d, ax_l), "loss": loss, "contours": [], "colorbar": None}
