"""Drawing functions the notebooks and their widgets call; plain functions, so tests can call
them without a browser.

Each returns a :class:`matplotlib.figure.Figure` built without pyplot (no global state, nothing
shown until the caller displays it), and takes an optional ``fig`` to draw into again, which
a widget uses to redraw cheaply.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .scalar import critical_rates, regime, scalar_cost, scalar_descent

#: Cost values below this are drawn at it on log axes (an exact 0 has no logarithm).
LOG_FLOOR = 1e-30


def new_figure(fig: Figure | None, ncols: int, size: tuple[float, float]) -> tuple[Figure, list]:
    """Clear ``fig`` (or make a new one of ``size`` inches) and give it ``ncols`` axes."""
    if fig is None:
        fig = Figure(figsize=size, layout="constrained")
    else:
        fig.clear()
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


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
    ax_c.set(xlabel="iteration k", ylabel="cost C(w_k)", title="cost per iteration (log scale)")
    ax_c.grid(True, which="major", alpha=0.3)

    name = regime(traj.x, traj.lr)
    if traj.diverged:
        name = f"diverged at iteration {traj.diverged_at}"
    rates = critical_rates(traj.x) if traj.x else None
    hint = f"  (1/(2x²) = {rates['one_step']:.4g}, 1/x² = {rates['diverge']:.4g})" if rates else ""
    fig.suptitle(f"R = {traj.lr:.4g}, {traj.iterations} iterations: {name}{hint}", fontsize=11)
    return fig
