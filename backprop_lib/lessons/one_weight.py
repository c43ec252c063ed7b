r"""Gradient descent on one weight: the model of the Q&A question and notebook 01.

Model and cost (no ½, as in the Q&A question):

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

import itertools
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
    r""":math:`C(w) = (xw - y^*)^2`, elementwise for an array ``w`` (up to 2-D, a grid)."""
    x, w, target = _numbers_and_weights(x, w, target)
    return (x * w - target) ** 2


def scalar_gradient(x: float, w, target: float):
    r""":math:`\partial C/\partial w = 2(xw - y^*)\,x`, elementwise for an array ``w``."""
    x, w, target = _numbers_and_weights(x, w, target)
    return 2.0 * (x * w - target) * x


def _numbers_and_weights(x, w, target):
    """``x`` and ``target`` as finite floats, ``w`` as a finite float64 number or array."""
    x = _validate.real_number(x, "x")
    target = _validate.real_number(target, "target")
    return x, _validate.float_array(w, "w", (0, 1, 2), copy=False), target


def scalar_descent(x, w0, target, lr, iterations) -> ScalarTrajectory:
    r"""Run ``iterations`` steps of :math:`w \leftarrow w - R \cdot 2(xw - y^*)\,x`.

    Parameters
    ----------
    x : float
        The input :math:`x = a^{(L-1)}` (5.7 in the Q&A question).
    w0 : float
        The starting weight :math:`w_0 = W^{(L)}(0)` (−23.1 in the Q&A question).
    target : float
        The desired output :math:`y^* = a^{(L)*}` (50.1 in the Q&A question).
    lr : float
        The learning rate :math:`R > 0` (0.007 in the Q&A question).
    iterations : int
        How many updates (20 in the Q&A question), ``>= 0``.

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
    ax_w.legend(loc="upper center", fontsize=10)
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


#: How :func:`draw_regimes` tells its series apart: colour (matplotlib's colour-blind-safe
#: ``tableau-colorblind10`` cycle), marker and line style, so that no series depends on colour.
REGIME_STYLES = (
    {"color": "#006BA4", "marker": "o", "ls": "-"},
    {"color": "#FF800E", "marker": "s", "ls": "--"},
    {"color": "#595959", "marker": "D", "ls": ":"},
    {"color": "#C85200", "marker": "^", "ls": "-."},
    {"color": "#5F9ED1", "marker": "v", "ls": (0, (6, 2))},
)


@styled
def draw_regimes(x, w0, target, rates: dict, iterations: int = 8, fig: Figure | None = None):
    r"""The error :math:`|w_k - w^*|` per iteration for several learning rates (notebook 01).

    ``rates`` maps a label to a learning rate (five styles, then they repeat). For each,
    markers show :func:`scalar_descent`'s iterates and a line the closed form
    :math:`|q|^k\,|w_0 - w^*|` with :math:`q = 1 - 2Rx^2`, on a log scale. Two rates with the
    same :math:`|q|` (one oscillating) give the same errors: their markers are drawn hollow
    and filled so both stay visible, and the legend says which :math:`q` each has. An error
    that is exactly 0 has no logarithm: it is drawn at a floor, 1/100 of the spacing of float64
    numbers at :math:`w^*` (``numpy.spacing(w*)``). The band up to the spacing is shaded: an
    error at or below it is rounding, not a property of the method.
    """
    from matplotlib.lines import Line2D  # matplotlib: on first use

    from .figures import new_figure

    iterations = _validate.iteration_count(iterations)
    runs = {label: scalar_descent(x, w0, target, lr, iterations) for label, lr in rates.items()}
    first = next(iter(runs.values()))
    w_star = first.target / first.x
    spacing = float(np.spacing(abs(w_star)))
    floor = spacing / 100
    fig, (ax,) = new_figure(fig, 1, (9.0, 4.2))
    handles = []  # one legend entry per series: its line style and its marker
    seen_q = {}  # |q| (rounded) -> the label of the first series with it
    any_zero = False
    for (label, run), style in zip(runs.items(), itertools.cycle(REGIME_STYLES)):
        q = contraction_factor(run.x, run.lr)
        k = np.arange(len(run.w))
        error = np.abs(run.w - w_star)
        any_zero = any_zero or bool(np.any(error == 0))
        predicted = np.abs(q) ** k * abs(run.w[0] - w_star)
        shared = seen_q.get(round(abs(q), 12))  # an earlier series with the same |q|
        seen_q.setdefault(round(abs(q), 12), label)
        marker = {"marker": style["marker"], "ms": 10 if shared else 6, "mew": 1.6,
                  "mec": style["color"], "mfc": "none" if shared else style["color"]}  # fmt: skip
        ax.semilogy(k, np.maximum(predicted, floor), ls=style["ls"], color=style["color"], lw=1.4)
        ax.semilogy(k, np.maximum(error, floor), ls="none", **marker)
        name = f"{label}: q = {q:+.2f}" + (f" (same |q| as {shared})" if shared else "")
        handles.append(Line2D([], [], ls=style["ls"], color=style["color"], label=name, **marker))
    # The rounding zone: errors at or below the spacing of float64 numbers at w* (a shaded
    # band, not a line, so it cannot be mistaken for a series).
    handles.append(
        ax.axhspan(floor / 3, spacing, color="0.85", zorder=0, label="≤ float64 spacing at w*")
    )
    if any_zero:
        ax.annotate("exactly 0 (drawn at this floor)", (len(first.w) / 2, floor), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=10)  # fmt: skip
    ax.set_ylim(floor / 3, None)
    ax.set(
        xlabel="iteration k",
        ylabel="|w_k − w*| (log scale)",
        title="error per iteration: closed form |q|^k |w₀ − w*| (lines), iterates (markers)",
    )
    ax.title.set_fontsize(11)
    ax.legend(handles=handles, title="learning rate R", fontsize=10, title_fontsize=10,
              loc="center left", bbox_to_anchor=(1.01, 0.5))  # fmt: skip
    ax.grid(True, which="major", alpha=0.3)
    return fig
