r"""Notebook 03's tiny tasks: the logic gates AND and XOR learned by a 2-2-1 sigmoid network
with biases.

The four inputs are the columns of ``X`` (shape ``(2, 4)``, one column per example, as in
:class:`~backprop_lib.MLP`), the targets the row ``Y`` (shape ``(1, 4)``). Training is
:meth:`MLP.fit` (full-batch gradient descent on the mean of :math:`\tfrac12(A_3 - y_t)^2`)
from :meth:`MLP.random` with the given seed. A run *solves* the gate when every output lies
on the right side of ½; XOR needs both hidden units and some starts get stuck on a plateau.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..mlp import MLP
from ..training import fit_until_divergence
from .figures import (
    LOG_FLOOR,
    autoscale_to_lines,
    plain_log_labels,
    redraw_half_contours,
    reusable_figure,
)
from .style import BLUE, ORANGE, styled

#: The inputs (x1, x2) as columns: (0,0), (0,1), (1,0), (1,1).
GATE_INPUTS = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
#: The target of each gate for :data:`GATE_INPUTS`, shape ``(1, 4)``.
GATES = {"AND": np.array([[0.0, 0.0, 0.0, 1.0]]), "XOR": np.array([[0.0, 1.0, 1.0, 0.0]])}


@dataclass(frozen=True)
class GateRun:
    """A training run: the trained ``net``, ``losses`` before each step, ``outputs`` (4,)
    for :data:`GATE_INPUTS` after training, ``solved`` (every output on the right side of ½)
    and ``diverged_at`` (the step that diverged, else None)."""

    net: MLP
    losses: np.ndarray
    outputs: np.ndarray
    solved: bool
    diverged_at: int | None


def gate_data(task: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, Y)`` for the gate ``task`` (``"AND"`` or ``"XOR"``): X ``(2, 4)``, Y ``(1, 4)``."""
    task = _validate.choice(task, "task", sorted(GATES))
    return GATE_INPUTS.copy(), GATES[task].copy()


def train_gate(task: str, lr, iterations, seed: int = 0) -> GateRun:
    """Train a 2-2-1 sigmoid network with biases (``MLP.random([2, 2, 1], "sigmoid",
    seed=seed)``) on the gate ``task`` with ``iterations`` full-batch steps of rate ``lr``."""
    X, Y = gate_data(task)
    net = MLP.random([2, 2, 1], "sigmoid", seed=seed)
    losses, diverged_at = fit_until_divergence(net, X, Y, lr, iterations)
    outputs = net.forward(X)[0]
    solved = diverged_at is None and bool(np.all((outputs > 0.5) == (Y[0] > 0.5)))
    return GateRun(net, losses, outputs, solved, diverged_at)


@styled
def draw_gate_training(
    lr, iterations, seed, task: str = "XOR", *, fig: Figure | None = None
) -> Figure:
    r"""Train with :func:`train_gate` and draw it (notebook 03). Left: the loss (mean of
    :math:`\tfrac12(A_3-y_t)^2`) per step, log scale. Middle: the learned truth table,
    output :math:`A_3` against target for each input. Right: the network's output over the
    unit square with the four inputs. The title echoes the values used and says whether the
    run solved the gate or got stuck."""
    run = train_gate(task, lr, iterations, seed)
    X, Y = gate_data(task)
    fig, parts = reusable_figure(fig, "gates", 3, (11.0, 3.4), _gate_parts)
    ax_l, ax_t, ax_m = parts["axes"]

    parts["loss"].set_data(np.arange(len(run.losses)), np.maximum(run.losses, LOG_FLOOR))
    autoscale_to_lines(ax_l)

    for target_bar, output_bar, label, y_t, value in zip(
        parts["targets"], parts["outputs"], parts["values"], Y[0], run.outputs, strict=True
    ):
        target_bar.set_height(y_t)
        output_bar.set_height(value)
        label.set_y(max(value, y_t) + 0.03)  # above both bars of the pair
        label.set_text(f"{value:.2f}")
    ax_t.set_title(f"learned truth table ({task})")

    grid = np.linspace(-0.25, 1.25, 61)
    G1, G2 = np.meshgrid(grid, grid)
    out = run.net.forward(np.stack([G1.ravel(), G2.ravel()]))[0].reshape(G1.shape)
    filled = redraw_half_contours(ax_m, parts, G1, G2, out, linewidth=1.2)
    for dots, target in zip(parts["dots"], (0.0, 1.0), strict=True):
        dots.set_offsets(X[:, Y[0] == target].T)
    if parts["colorbar"] is None:  # same levels and colours every time: made once
        parts["colorbar"] = fig.colorbar(filled, ax=ax_m, label="A₃", pad=0.01)

    if run.diverged_at is not None:
        verdict = f"diverged at step {run.diverged_at}"
    elif run.solved:
        verdict = f"solved (final loss {run.losses[-1]:.2g})"
    else:
        verdict = f"NOT solved: stuck (final loss {run.losses[-1]:.2g})"
    fig.suptitle(f"{task}: lr = {lr:.4g}, {iterations} steps, seed {seed}: {verdict}", fontsize=10)
    return fig


def _gate_parts(fig, ax_l, ax_t, ax_m) -> dict:
    """What :func:`draw_gate_training` draws whatever the run: axes, labels, an empty loss
    curve, the truth table's bars (height 0) and value labels, the input dots."""
    (loss,) = ax_l.semilogy([], [], "-", color=BLUE)
    plain_log_labels(ax_l.yaxis)
    ax_l.set(xlabel="step", ylabel="loss (mean ½(A₃ − y_t)²)", title="training loss")
    ax_l.grid(True, which="major", alpha=0.3)

    labels = [f"({a:g}, {b:g})" for a, b in GATE_INPUTS.T]
    k = np.arange(4)
    targets = ax_t.bar(k - 0.18, np.zeros(4), width=0.36, color="0.8", hatch="//",
                       edgecolor="0.35", label="target y_t")  # fmt: skip
    outputs = ax_t.bar(k + 0.18, np.zeros(4), width=0.36, color=ORANGE, label="output A₃")
    values = [ax_t.text(i + 0.18, 0.02, "", ha="center", fontsize=10) for i in k]
    ax_t.axhline(0.5, color="k", lw=0.8, ls=":")
    ax_t.set(xticks=k, xticklabels=labels, ylim=(0, 1.4), xlabel="input (x₁, x₂)",
             ylabel="value")  # fmt: skip
    ax_t.legend(loc="upper center", ncols=2)

    dots = [ax_m.scatter(np.empty(0), np.empty(0), s=60, c=face, edgecolors="k", zorder=3)
            for face in ("white", "black")]  # fmt: skip
    ax_m.set(xlabel="x₁", ylabel="x₂", title="output A₃ (dots: y_t = 0 white, 1 black)")
    ax_m.set_aspect("equal")
    return {"axes": (ax_l, ax_t, ax_m), "loss": loss, "targets": targets, "outputs": outputs,
            "values": values, "dots": dots, "contours": [], "colorbar": None}  # fmt: skip
