r"""Notebook 02's model: two weights in a chain, :math:`x \to w_1 \to a_1 \to w_2 \to a_2`.

.. math::
    a_1 = f(w_1 x), \qquad a_2 = w_2 a_1, \qquad C = (a_2 - y^*)^2,

    \frac{\partial C}{\partial w_2} = 2(a_2 - y^*)\,a_1, \qquad
    \frac{\partial C}{\partial w_1} = \underbrace{2(a_2 - y^*)}_{\partial C/\partial a_2}\,
    \underbrace{w_2}_{\partial a_2/\partial a_1}\,
    \underbrace{f'(w_1 x)}_{\partial a_1/\partial z_1}\,\underbrace{x}_{\partial z_1/\partial w_1}

with :math:`f` the identity (the Q&A question's chain) or the sigmoid. It is the 1-1-1
:class:`~backprop_lib.MLP` with ``loss="sse"``; the runs below train it with
:meth:`MLP.step`, so every step is the library's backprop. With the identity the cost is
zero on the whole valley :math:`w_1 w_2 = y^*/x` (two branches of a hyperbola).

Two schemes are compared (notebook 02): the *simultaneous* update (both weights from one
forward pass, which is gradient descent) and the Q&A question's *sequential* scheme
(train :math:`w_2` with :math:`w_1` frozen, then :math:`w_1` with :math:`w_2` frozen), each
phase being notebook 01's one-weight descent :func:`~backprop_lib.scalar_descent`.
Its drawing is :func:`draw_chain_descent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..mlp import MLP
from ..training import DivergenceError, divergence_bound
from .figures import autoscale_to_lines, plain_log_labels, reusable_figure
from .one_weight import scalar_cost, scalar_descent
from .style import BLUE, DARK_GREY, DARK_ORANGE, ORANGE, styled

#: Costs below this are drawn at it: with :math:`y^* \approx 50`, rounding alone leaves a
#: residual near 1e-14, so smaller costs are noise.
COST_FLOOR = 1e-12


@dataclass(frozen=True)
class ChainPath:
    """Iterates of a two-weight run: ``w1[k]``, ``w2[k]`` after k updates and ``cost[k]``
    there (float64 arrays of equal length). ``diverged_at`` is the index of the first step
    that left the divergence bound, else None (the arrays then stop before it)."""

    w1: np.ndarray
    w2: np.ndarray
    cost: np.ndarray
    diverged_at: int | None


def chain_network(w1, w2, activation: str = "identity") -> MLP:
    """The chain as a 1-1-1 network: ``activation`` between the weights, identity output,
    no biases, ``loss="sse"`` (:math:`C = (a_2 - y^*)^2`, no ½, as in the Q&A question)."""
    return MLP([[[w1]], [[w2]]], None, (activation, "identity"), loss="sse")


def chain_cost(x, w1, w2, target):
    r""":math:`C = (x w_1 w_2 - y^*)^2` for the identity chain, elementwise for arrays
    ``w1``, ``w2`` (a grid for a contour plot): notebook 01's cost with input :math:`x w_1`."""
    w1 = _validate.float_array(w1, "w1", (0, 1, 2), copy=False)
    w2 = _validate.float_array(w2, "w2", (0, 1, 2), copy=False)
    return scalar_cost(x, w1 * w2, target)


def simultaneous_descent(
    x, target, w1, w2, lr, iterations, activation: str = "identity"
) -> ChainPath:
    r"""Gradient descent on both weights at once: ``iterations`` calls of :meth:`MLP.step` on
    :func:`chain_network`, recording :math:`(w_1, w_2, C)` before the first and after each
    step."""
    net = chain_network(w1, w2, activation)
    x = _validate.real_number(x, "x")
    target = _validate.real_number(target, "target")
    lr = _validate.learning_rate(lr)
    iterations = _validate.iteration_count(iterations)
    X, Y = np.array([[x]]), np.array([[target]])
    w1s, w2s, costs = [float(w1)], [float(w2)], [net.loss(X, Y)]
    bound = divergence_bound(costs[0])
    diverged_at = None
    for k in range(1, iterations + 1):
        try:
            net.step(X, Y, lr)
        except DivergenceError:
            diverged_at = k
            break
        cost = net.loss(X, Y)
        if not cost <= bound:
            diverged_at = k
            break
        w1s.append(net.weights[0][0, 0])
        w2s.append(net.weights[1][0, 0])
        costs.append(cost)
    return ChainPath(np.array(w1s), np.array(w2s), np.array(costs), diverged_at)


def sequential_descent(x, target, w1, w2, lr, iterations) -> ChainPath:
    r"""The Q&A question's scheme for the identity chain: ``iterations`` steps on
    :math:`w_2` alone (input :math:`a_1 = x w_1`, fixed), then ``iterations`` steps on
    :math:`w_1` alone (input :math:`x w_2`, fixed), each with
    :func:`~backprop_lib.scalar_descent`. The path has up to ``2 * iterations + 1`` points;
    it stops where a phase diverged."""
    first = scalar_descent(x * w1, w2, target, lr, iterations)
    w1s, w2s = np.full(len(first.w), float(w1)), first.w
    if first.diverged:
        return ChainPath(w1s, w2s, first.cost, first.diverged_at)
    w2_end = float(first.w[-1])
    second = scalar_descent(x * w2_end, w1, target, lr, iterations)
    w1s = np.concatenate([w1s, second.w[1:]])
    w2s = np.concatenate([w2s, np.full(len(second.w) - 1, w2_end)])
    cost = np.concatenate([first.cost, second.cost[1:]])
    diverged_at = None if not second.diverged else len(first.w) - 1 + second.diverged_at
    return ChainPath(w1s, w2s, cost, diverged_at)


@styled
def draw_chain_descent(
    lr,
    iterations,
    w1,
    w2,
    *,
    x: float = 5.7,
    target: float = 50.1,
    sequential: bool = True,
    span: float = 5.0,
    fig: Figure | None = None,
) -> Figure:
    r"""Both schemes on the cost surface of the identity chain (notebook 02).

    Left: contours of :math:`\log_{10} C(w_1, w_2)` over :math:`[-\text{span}, \text{span}]^2`,
    the valley :math:`w_1 w_2 = y^*/x` (dashed), the simultaneous path
    (:func:`simultaneous_descent`) and, if ``sequential``, the Q&A question's sequential path
    (:func:`sequential_descent`). Right: the cost per update of each (log scale). The title
    echoes the learning rate, iteration count and start used and gives the final costs.
    """
    both = simultaneous_descent(x, target, w1, w2, lr, iterations)
    runs = [both]
    if sequential:
        runs.append(sequential_descent(x, target, w1, w2, lr, iterations))
    build = partial(_chain_parts, x=x, target=target, span=span, sequential=sequential)
    fig, parts = reusable_figure(fig, ("chain", x, target, span, sequential), 2, (9.5, 4.4), build)
    for path, on_surface, cost in zip(runs, parts["paths"], parts["costs"], strict=True):
        on_surface.set_data(path.w1, path.w2)
        cost.set_data(np.arange(len(path.cost)), np.maximum(path.cost, COST_FLOOR))
    parts["start"].set_data([w1], [w2])
    autoscale_to_lines(parts["costs"][0].axes)

    def result(path):
        if path.diverged_at is not None:
            return f"diverged at update {path.diverged_at}"
        return f"C = {path.cost[-1]:.3g}"

    summary = f"simultaneous {result(both)}"
    if sequential:
        summary += f", sequential {result(runs[1])}"
    fig.suptitle(
        f"lr = {lr:.4g}, {iterations} iterations, start (w₁, w₂) = ({w1:.3g}, {w2:.3g}): {summary}",
        fontsize=10,
    )
    return fig


def _chain_parts(fig, ax_s, ax_c, *, x, target, span, sequential) -> dict:
    """What :func:`draw_chain_descent` draws whatever the run: the cost surface with its
    colour bar and valley, empty paths and cost curves, labels and the legend."""
    grid = np.linspace(-span, span, 241)
    G1, G2 = np.meshgrid(grid, grid)
    log_cost = np.log10(np.maximum(chain_cost(x, G1, G2, target), 0.1))
    filled = ax_s.contourf(G1, G2, log_cost, levels=12, cmap="Blues_r")
    fig.colorbar(filled, ax=ax_s, label="log₁₀ C", pad=0.01)
    valley = target / x
    branches = []
    for sign in (1, -1):
        w1v = sign * np.linspace(valley / span, span, 200)
        branches += ax_s.plot(w1v, valley / w1v, "--", color=DARK_GREY, lw=1.2,
                              label=f"valley w₁w₂ = y*/x = {valley:.3g}")  # fmt: skip
    runs = [("simultaneous (backprop)", BLUE, "o")]
    if sequential:
        runs.append(("sequential (w₂ first, then w₁)", ORANGE, "s"))
    paths, costs = [], []
    for label, color, marker in runs:
        paths += ax_s.plot([], [], "-", marker=marker, ms=3, color=color, lw=1.2, label=label)
        costs += ax_c.semilogy([], [], "-", marker=marker, ms=2.5, color=color, label=label)
    (start,) = ax_s.plot([], [], "*", color=DARK_ORANGE, ms=12, label="start")
    ax_s.set(xlim=(-span, span), ylim=(-span, span), xlabel="w₁", ylabel="w₂",
             title="paths on the cost surface C(w₁, w₂)")  # fmt: skip
    ax_s.set_aspect("equal")
    # Only the valley and the start: the paths' legend is the cost plot's (same colours and
    # markers), and a longer one here would hide the paths' ends. Quadrant II has no valley.
    ax_s.legend(handles=[branches[0], start], loc="upper left", fontsize=10, framealpha=0.9)
    plain_log_labels(ax_c.yaxis)
    ax_c.set(xlabel="update k", ylabel=f"cost C (drawn at least {COST_FLOOR:g})",
             title="cost per update (log scale)")  # fmt: skip
    ax_c.grid(True, which="major", alpha=0.3)
    ax_c.legend(title="both panels", fontsize=10, title_fontsize=10)
    return {"paths": paths, "costs": costs, "start": start}
