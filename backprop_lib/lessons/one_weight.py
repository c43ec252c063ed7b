r"""Gradient descent on one weight: the model of seeds 000/001 and notebook 01.

Model and cost (no ½, as in the seeds):

.. math::  a = x\,w, \qquad C(w) = (a - y^*)^2, \qquad
           \frac{\partial C}{\partial w} = \frac{\partial C}{\partial a}\,
           \frac{\partial a}{\partial w} = 2(xw - y^*)\cdot x

Update: :math:`w_{k+1} = w_k - R\,\partial C/\partial w`. With :math:`w^* = y^*/x` this is
:math:`w_{k+1} - w^* = (1 - 2Rx^2)(w_k - w^*)`, so the *contraction factor*
:math:`q = 1 - 2Rx^2` decides everything (notebook 01 derives it with sympy):

* :math:`0 < q < 1` (:math:`R < 1/(2x^2)`): monotone convergence;
* :math:`q = 0` (:math:`R = 1/(2x^2)`): convergence in one step;
* :math:`-1 < q < 0` (:math:`1/(2x^2) < R < 1/x^2`): oscillating convergence;
* :math:`q = -1` (:math:`R = 1/x^2`): oscillation of constant amplitude;
* :math:`q < -1` (:math:`R > 1/x^2`): divergence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .. import _validate
from ..training import divergence_bound
from .style import BLUE, DARK_ORANGE, styled

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class ScalarTrajectory:
    """The result of :func:`scalar_descent`.

    ``w[k]`` is the weight after k updates (``w[0] == w0``) and ``cost[k] = (x*w[k] - target)**2``;
    both are float64 arrays of shape ``(iterations + 1,)``. If the run diverged,
    ``diverged_at`` is the first index whose cost went past the bound and the arrays hold
    only the iterates before it (``len(w) == diverged_at``).
    """

    w: np.ndarray
    cost: np.ndarray
    diverged: bool
    diverged_at: int | None
    x: float
    target: float
    lr: float
    iterations: int


def scalar_cost(x: float, w, target: float):
    r""":math:`C(w) = (xw - y^*)^2`, elementwise for an array ``w``."""
    return (x * np.asarray(w, dtype=np.float64) - target) ** 2


def scalar_gradient(x: float, w, target: float):
    r""":math:`\partial C/\partial w = 2(xw - y^*)\,x`, elementwise for an array ``w``."""
    return 2.0 * (x * np.asarray(w, dtype=np.float64) - target) * x


def scalar_descent(x, w0, target, lr, iterations) -> ScalarTrajectory:
    r"""Run ``iterations`` steps of :math:`w \leftarrow w - R \cdot 2(xw - y^*)\,x`.

    Parameters
    ----------
    x : float
        The input :math:`x = a^{(L-1)}` (5.7 in the seed).
    w0 : float
        The starting weight :math:`w_0 = W^{(L)}(0)` (−23.1 in the seed).
    target : float
        The desired output :math:`y^* = a^{(L)*}` (50.1 in the seed).
    lr : float
        The learning rate :math:`R > 0` (0.007 in the seed).
    iterations : int
        How many updates (20 in the seed), ``>= 0``.

    Returns
    -------
    ScalarTrajectory
        ``w`` and ``cost`` of shape ``(iterations + 1,)``, or shorter if the run diverged.

    Examples
    --------
    >>> traj = scalar_descent(5.7, -23.1, 50.1, 0.007, 20)
    >>> round(float(traj.w[1]), 4), round(float(traj.w[-1]), 4)
    (-8.5948, 8.7893)
    """
    x = _validate.real_number(x, "x")
    w = _validate.real_number(w0, "w0")
    target = _validate.real_number(target, "target")
    lr = _validate.learning_rate(lr)
    iterations = _validate.iteration_count(iterations)

    # Plain Python floats: an overflow gives inf (never an exception or a numpy warning),
    # which the bound below catches.
    weights = [w]
    costs = [(x * w - target) * (x * w - target)]
    if not math.isfinite(costs[0]):  # x·w0 − target already overflows: nothing finite to show
        return ScalarTrajectory(np.empty(0), np.empty(0), True, 0, x, target, lr, iterations)
    bound = divergence_bound(costs[0])
    diverged_at = None
    for k in range(1, iterations + 1):
        w = w - lr * 2.0 * (x * w - target) * x
        residual = x * w - target
        cost = residual * residual
        if not cost <= bound:  # also catches nan
            diverged_at = k
            break
        weights.append(w)
        costs.append(cost)
    return ScalarTrajectory(
        w=np.array(weights),
        cost=np.array(costs),
        diverged=diverged_at is not None,
        diverged_at=diverged_at,
        x=x,
        target=target,
        lr=lr,
        iterations=iterations,
    )


def contraction_factor(x, lr) -> float:
    r"""The factor :math:`q = 1 - 2Rx^2` with :math:`w_{k+1} - w^* = q\,(w_k - w^*)`."""
    x = _validate.real_number(x, "x")
    lr = _validate.learning_rate(lr)
    return 1.0 - 2.0 * lr * x * x


def critical_rates(x) -> dict[str, float]:
    r"""The learning rates where the behaviour changes, for input ``x`` (non-zero).

    ``{"one_step": 1/(2x²), "diverge": 1/x²}``: above ``one_step`` the iterates oscillate,
    at it they converge in one step, above ``diverge`` they diverge.
    """
    x = _validate.nonzero_number(x, "x", "with x = 0 the gradient is always 0")
    return {"one_step": 1.0 / (2.0 * x * x), "diverge": 1.0 / (x * x)}


REGIMES = (
    "converges monotonically",
    "converges in one step",
    "oscillates and converges",
    "oscillates with constant amplitude",
    "diverges",
)


def regime(x, lr) -> str:
    """Name the behaviour of descent at learning rate ``lr``: one of :data:`REGIMES`.

    Decided by the contraction factor ``q = 1 - 2*lr*x**2``; the two boundary cases are
    matched with a relative tolerance of 1e-9 (a slider can land on them).
    """
    q = contraction_factor(x, lr)
    if math.isclose(q, 0.0, abs_tol=1e-9):
        return "converges in one step"
    if math.isclose(q, -1.0, rel_tol=1e-9):
        return "oscillates with constant amplitude"
    if q > 0:
        return "converges monotonically"
    if q > -1:
        return "oscillates and converges"
    return "diverges"


@styled
def draw_scalar_descent(x, w0, target, lr, iterations, fig: Figure | None = None) -> Figure:
    r"""Gradient descent on one weight, drawn twice (notebook 01).

    Left: the cost parabola :math:`C(w) = (xw - y^*)^2` with the iterates :math:`w_0, w_1, \dots`
    on it, joined in order, and the minimum :math:`w^* = y^*/x`. Right: the cost per iteration
    on a log scale. The title echoes the learning rate and iteration count actually used and
    names the regime (:func:`regime`), or where the run diverged.
    """
    from .figures import LOG_FLOOR, new_figure, plain_log_labels  # matplotlib: on first use

    traj = scalar_descent(x, w0, target, lr, iterations)
    fig, (ax_w, ax_c) = new_figure(fig, 2, (9.0, 3.4))
    w_star = traj.target / traj.x
    k = np.arange(len(traj.w))

    span = max(np.max(np.abs(traj.w - w_star)), 1e-3)
    grid = np.linspace(w_star - 1.15 * span, w_star + 1.15 * span, 400)
    ax_w.plot(grid, scalar_cost(traj.x, grid, traj.target), "-", color="0.6", lw=1.5, label="C(w)")
    ax_w.plot(traj.w, traj.cost, ":", color=BLUE, lw=1.0, alpha=0.8)
    points = ax_w.scatter(traj.w, traj.cost, c=k, cmap="viridis", s=22, zorder=3)
    ax_w.axvline(w_star, color=DARK_ORANGE, ls="--", lw=1.2, label=f"w* = y*/x = {w_star:.4g}")
    ax_w.set(xlabel="weight w", ylabel="cost C(w)", title="iterates on the cost parabola")
    ax_w.legend(loc="upper center")
    fig.colorbar(points, ax=ax_w, label="iteration k", pad=0.01)

    ax_c.semilogy(k, np.maximum(traj.cost, LOG_FLOOR), "o-", ms=3, color=BLUE)
    plain_log_labels(ax_c.yaxis)
    ax_c.set(xlabel="iteration k", ylabel="cost C(w_k)", title="cost per iteration (log scale)")
    ax_c.grid(True, which="major", alpha=0.3)

    name = regime(traj.x, traj.lr)
    if traj.diverged:
        name = f"diverged at iteration {traj.diverged_at}"
    rates = critical_rates(traj.x) if traj.x else None
    hint = f"  (1/(2x²) = {rates['one_step']:.4g}, 1/x² = {rates['diverge']:.4g})" if rates else ""
    fig.suptitle(f"R = {traj.lr:.4g}, {traj.iterations} iterations: {name}{hint}")
    return fig
