r"""Notebook 06's lesson on :class:`~backprop_lib.value.Value` graphs: the 2-2-1 network of
notebook 03 as a graph, the backward pass taken apart step by step, the ``=``-instead-of-``+=``
bug, and drawings of a graph (matplotlib only, no graphviz).

* :func:`two_two_one_graph` builds :math:`E = \tfrac12 (A_3 - y_t)^2` of the 2-2-1 lecture
  notes' network from ``Value`` nodes; :func:`train_two_two_one_graph` trains its six weights
  by gradient descent through ``Value.backward``.
* :func:`backward_steps` lists the contributions the reverse pass adds, in its order: at step
  k the gradient of ``node`` grows by ``upstream × local``, where ``upstream`` is the complete
  gradient of the node it feeds (``consumer``) and ``local`` is
  :math:`\partial\,\text{consumer}/\partial\,\text{node}`. :func:`step_description` says it
  in one line.
* :func:`backward_overwriting` is ``backward`` with the bug (``=`` instead of ``+=``).
* :func:`draw_graph` draws a graph, :func:`draw_backward_step` the pass after k steps, and
  :func:`draw_graph_training` the widget's figure (graph after training, and the loss).

The drawing runs bottom to top in the direction of the forward pass: row r holds the nodes at
topological depth r (a leaf sits just below the first node that uses it). Each node is a box
with its label, data and grad; the operation that made it is a circle on the box's left,
which the edges from its inputs enter. A node whose gradient is complete is filled (solid
border), one that has received only some of its paths is hatched, one not reached yet is
white with a dashed border and ``grad ?``; the node of the current step has a thick orange
border and the edge its gradient came back along is orange and thick. Every drawn element
carries a ``gid`` (``"node"``, ``"node-text"``, ``"op"``, ``"op-text"``, ``"edge"``,
``"note"``) so tests can count and read them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.textpath import TextToPath

from .. import _validate
from ..value import Value
from .examples import TWO_TWO_ONE
from .figures import LOG_FLOOR, plain_log_labels, reusable_figure
from .style import BLUE, DARK_GREY, DARK_ORANGE, styled

#: :func:`draw_graph` draws graphs up to this many nodes (a bigger one would be unreadable).
MAX_DRAWN_NODES = 60

# ---------------------------------------------------------------- the 2-2-1 network as a graph


def two_two_one_graph(w_hidden=None, w_out=None) -> tuple[Value, dict[str, Value]]:
    r"""The 2-2-1 sigmoid network of notebook 03 (no biases) on its one example, as a graph.

    .. math::
        z_i = w_{i1} x_1 + w_{i2} x_2,\ A_i = \sigma(z_i)\ (i = 1, 2),\quad
        z_3 = w_{31} A_1 + w_{32} A_2,\ A_3 = \sigma(z_3),\quad E = \tfrac12 (A_3 - y_t)^2

    ``w_hidden`` (2×2, ``[[w11, w12], [w21, w22]]``) and ``w_out`` (1×2, ``[[w31, w32]]``)
    default to :data:`~backprop_lib.TWO_TWO_ONE`'s weights; ``x`` and ``y_t`` are its.
    Returns ``(E, nodes)``: the loss node and every node by its label (``"x1"``, ``"w11"``,
    ``"w11·x1"``, ``"z1"``, ``"A1"``, ..., ``"E"``).
    """
    w_hidden = TWO_TWO_ONE["w_hidden"] if w_hidden is None else w_hidden
    w_out = TWO_TWO_ONE["w_out"] if w_out is None else w_out
    w_hidden = _validate.shaped_array(w_hidden, "w_hidden", (2, 2))
    w_out = _validate.shaped_array(w_out, "w_out", (1, 2))
    nodes: dict[str, Value] = {}

    def leaf(label, data):
        nodes[label] = Value(data, label)
        return nodes[label]

    def named(label, node):
        node.label = label
        nodes[label] = node
        return node

    x = [leaf(f"x{j}", TWO_TWO_ONE["x"][j - 1]) for j in (1, 2)]
    w = {f"{i}{j}": leaf(f"w{i}{j}", w_hidden[i - 1, j - 1]) for i in (1, 2) for j in (1, 2)}
    w |= {f"3{j}": leaf(f"w3{j}", w_out[0, j - 1]) for j in (1, 2)}
    A = {}
    for i, inputs in ((1, x), (2, x), (3, None)):
        inputs = inputs or [A[1], A[2]]
        terms = [
            named(f"w{i}{j}·{inputs[j - 1].label}", w[f"{i}{j}"] * inputs[j - 1]) for j in (1, 2)
        ]
        z = named(f"z{i}", terms[0] + terms[1])
        A[i] = named(f"A{i}", z.sigmoid())
    error = named("A3−y_t", A[3] - leaf("y_t", TWO_TWO_ONE["y_t"][0]))
    square = named("(A3−y_t)²", error**2)
    return named("E", square * leaf("½", 0.5)), nodes


@dataclass(frozen=True)
class GraphRun:
    """Gradient descent through the graph: ``losses[k]`` is E before step k (``losses[-1]``
    after the last step, so ``iterations + 1`` values); ``w_hidden`` (2×2) and ``w_out`` (1×2)
    the weights after training."""

    losses: np.ndarray
    w_hidden: np.ndarray
    w_out: np.ndarray


def train_two_two_one_graph(lr: float, iterations: int) -> GraphRun:
    r"""Train the six weights of :func:`two_two_one_graph` from notebook 03's start:
    ``iterations`` times build the graph, ``E.backward()``, and
    :math:`w \leftarrow w - \eta\, \partial E/\partial w` for every weight (the same steps as
    ``two_two_one_network().fit(x, y_t, lr, iterations)``)."""
    lr, iterations = _validate.learning_rate(lr), _validate.iteration_count(iterations)
    losses, w_hidden, w_out = _train(lr, iterations)
    return GraphRun(np.array(losses), np.array(w_hidden), np.array(w_out))


@lru_cache(maxsize=64)  # the widget redraws the same run when only the step slider moves
def _train(lr: float, iterations: int):
    w_hidden, w_out = TWO_TWO_ONE["w_hidden"].copy(), TWO_TWO_ONE["w_out"].copy()
    losses = []
    for _ in range(iterations + 1):
        E, nodes = two_two_one_graph(w_hidden, w_out)  # a new graph for the new weights
        losses.append(E.data)
        if len(losses) > iterations:
            break
        E.backward()
        for i, j in np.ndindex(2, 2):
            w_hidden[i, j] -= lr * nodes[f"w{i + 1}{j + 1}"].grad
        for j in range(2):
            w_out[0, j] -= lr * nodes[f"w3{j + 1}"].grad
    return tuple(losses), tuple(map(tuple, w_hidden)), tuple(map(tuple, w_out))


# ---------------------------------------------------------------- the backward pass, step by step


@dataclass(frozen=True)
class BackwardStep:
    """One contribution of the reverse pass: ``node.grad += upstream × local``.

    ``consumer`` is the node that ``node`` feeds, ``upstream`` its (complete) gradient,
    ``local`` :math:`\\partial\\,\\text{consumer}/\\partial\\,\\text{node}`, ``product`` their
    product; ``before`` and ``after`` are ``node``'s gradient around the step. ``path`` counts
    the contributions ``node`` has received so far (1 for the first), ``paths`` how many it
    receives in all (more than 1 at a fan-out)."""

    node: Value
    consumer: Value
    upstream: float
    local: float
    product: float
    before: float
    after: float
    path: int
    paths: int


def backward_steps(out: Value) -> list[BackwardStep]:
    """The contributions ``out.backward()`` adds, in the order it adds them (consumers in
    reverse topological order, each one's inputs in order). Changes no ``grad``: the
    gradients after the last step are ``{step.node: step.after}`` (``out``'s is 1)."""
    _validate.instance(out, "out", Value, "Value")
    order = out.topological_order()
    paths = Counter(source for node in order for source in node.inputs)
    grads = dict.fromkeys(order, 0.0)
    grads[out] = 1.0
    received: Counter = Counter()
    steps = []
    for consumer in reversed(order):
        for node, local in zip(consumer.inputs, consumer.local_derivatives, strict=True):
            upstream, before = grads[consumer], grads[node]
            grads[node] = before + local * upstream
            received[node] += 1
            steps.append(
                BackwardStep(
                    node, consumer, upstream, local, local * upstream, before, grads[node],
                    received[node], paths[node],
                )
            )  # fmt: skip
    return steps


def backward_overwriting(out: Value) -> None:
    """``Value.backward`` with the classic bug: each contribution *replaces* the gradient
    (``=``) instead of adding to it (``+=``). Right on a tree, wrong wherever a node feeds
    two others: only the last path counted survives. For showing the bug (notebook 06)."""
    _validate.instance(out, "out", Value, "Value")
    order = out.topological_order()
    for node in order:
        node.grad = 0.0
    out.grad = 1.0
    for node in reversed(order):
        for source, local in zip(node.inputs, node.local_derivatives, strict=True):
            source.grad = local * node.grad  # the bug: overwrites the other paths' terms


def node_name(node: Value) -> str:
    """A node's label; else its value for a constant leaf, or its operation in brackets."""
    if node.label:
        return node.label
    return f"{node.data:g}" if not node.inputs else f"({_symbol(node.op)})"


def _in_derivative(name: str) -> str:
    """``name`` as it reads after a ∂: bracketed unless it is one word (∂(A3−y_t), ∂z1)."""
    return name if re.fullmatch(r"\w+|\([^()]*\)", name) else f"({name})"


def step_description(step: BackwardStep, out_name: str = "out") -> str:
    """One line saying what ``step`` did, for the output called ``out_name``: which gradient
    grew, by which upstream gradient times which local derivative, and at a fan-out what it
    added to (which path of how many)."""
    _validate.instance(step, "step", BackwardStep, "BackwardStep")
    _validate.instance(out_name, "out_name", str, "string")
    n, c, o = (
        _in_derivative(x) for x in (node_name(step.node), node_name(step.consumer), out_name)
    )
    line = (
        f"∂{o}/∂{n} += ∂{o}/∂{c} × ∂{c}/∂{n} = {step.upstream:.4g} × {step.local:.4g}"
        f" = {step.product:.4g}"
    )
    if step.paths > 1:
        line += (
            f"   (path {step.path} of {step.paths}: {step.before:.4g} + {step.product:.4g}"
            f" = {step.after:.4g})"
        )
    return line


# ---------------------------------------------------------------- drawing

_FONT = 10  # points: every text of the drawing
_BOX_H, _RADIUS, _GAP = 0.44, 0.19, 0.22  # inches: box height, op circle, space between boxes
_ROW_H = _BOX_H + _RADIUS + 0.34  # from one row to the next
_MARGIN, _NOTE_H = 0.15, 0.55  # the note: up to two lines
_NUMBER_ROOM = "-0.0001234"  # the widest number (format .4g) a box makes room for
# tableau-colorblind10; the states also differ by fill, hatch and line style.
_BLUE, _ORANGE, _DARK_GREY = BLUE, DARK_ORANGE, DARK_GREY
_LIGHT_BLUE, _GREY = "#A2C8EC", "#CFCFCF"  # further colours of the same cycle
_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "−x", "sigmoid": "σ"}


def _symbol(op: str) -> str:
    return "^" + op[2:] if op.startswith("**") else _SYMBOLS.get(op, op)


def _head(node: Value) -> str:
    return f"{node.label} = {node.data:.4g}" if node.label else f"{node.data:.4g}"


@lru_cache(maxsize=4096)
def _text_width(text: str) -> float:
    """The width of ``text`` at the drawing's font size, in inches (no renderer needed)."""
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(text, _FONT_PROPS, ismath=False)
    return width / 72


def _box_width(label: str) -> float:
    """A box's width: room for ``label = number`` and ``grad number`` and the op circle."""
    head = f"{label} = {_NUMBER_ROOM}" if label else _NUMBER_ROOM
    return max(_text_width(head), _text_width(f"grad {_NUMBER_ROOM}")) + _RADIUS + 0.12


_TEXT_TO_PATH = TextToPath()
_FONT_PROPS = FontProperties(size=_FONT)


@dataclass(frozen=True)
class GraphLayout:
    """Where :func:`draw_graph` puts each node: ``positions[node] = (x, y)``, the centre of
    its box, and ``widths[node]`` its box's width, in inches; ``size = (width, height)`` of the
    drawing in inches; ``order`` the topological order."""

    order: list
    positions: dict
    widths: dict
    size: tuple[float, float]


def graph_layout(out: Value) -> GraphLayout:
    """A layered layout of ``out``'s graph, the forward pass running upwards: row = topological
    depth (a leaf one row below its first consumer); within a row each node goes as near as
    the boxes allow to the mean position of its neighbours (sweeps down and up the rows)."""
    _validate.instance(out, "out", Value, "Value")
    order = out.topological_order()
    _validate.integer(len(order), "out's number of graph nodes", 0, MAX_DRAWN_NODES)  # readable
    consumers = defaultdict(list)
    for node in order:
        for source in node.inputs:
            consumers[source].append(node)
    depth = {}
    for node in order:
        depth[node] = 1 + max((depth[i] for i in node.inputs), default=-1)
    for node in order:
        if not node.inputs and consumers[node]:
            depth[node] = min(depth[c] for c in consumers[node]) - 1
    rows = defaultdict(list)
    for node in order:
        rows[depth[node]].append(node)
    widths = {n: _box_width(n.label) for n in order}  # the same whatever the numbers
    index = {node: k for k, node in enumerate(order)}
    x: dict[Value, float] = {}

    def place(row, neighbours):
        placed = {n: [x[m] for m in neighbours(n) if m in x] for n in row}
        desired = {n: np.mean(v) if v else x.get(n, 0.0) for n, v in placed.items()}
        row.sort(key=lambda n: (desired[n], index[n]))
        xs = [desired[row[0]]]  # pack left to right, then shift back to the desired centre
        for left, n in itertools.pairwise(row):
            xs.append(max(desired[n], xs[-1] + (widths[left] + widths[n]) / 2 + _GAP))
        shift = float(np.mean([desired[n] - v for n, v in zip(row, xs, strict=True)]))
        x.update({n: v + shift for n, v in zip(row, xs, strict=True)})

    top = max(rows)
    for r in range(top, -1, -1):  # from the output down: near the nodes each one feeds
        place(rows[r], lambda n: consumers[n])
    for sweep in (range(top + 1), range(top, -1, -1), range(top + 1)):
        for r in sweep:  # then near all neighbours
            place(rows[r], lambda n: [*n.inputs, *consumers[n]])
    left = min(x[n] - widths[n] / 2 for n in order) - _RADIUS - _MARGIN
    right = max(x[n] + widths[n] / 2 for n in order) + _MARGIN
    positions = {
        n: (x[n] - left, _MARGIN + _RADIUS + _BOX_H / 2 + depth[n] * _ROW_H) for n in order
    }
    height = 2 * _MARGIN + _RADIUS + _BOX_H + top * _ROW_H + _NOTE_H
    return GraphLayout(order, positions, widths, (right - left, height))


@styled
def draw_graph(
    out: Value,
    *,
    grads: dict | None = None,
    filled=None,
    partial=(),
    highlight: Value | None = None,
    highlight_consumer: Value | None = None,
    note: str = "",
    fig: Figure | None = None,
    ax=None,
) -> Figure:
    """Draw ``out``'s computational graph (notebook 06); returns the Figure.

    Parameters
    ----------
    out : Value
        The output node; every node it depends on is drawn (at most
        :data:`MAX_DRAWN_NODES`).
    grads : dict, optional
        ``{node: gradient}`` to show instead of ``node.grad`` (the stepping widget shows the
        gradients part-way through the pass).
    filled : collection of Value, optional
        The nodes whose gradient is complete. ``None`` (default) draws every node as filled;
        otherwise nodes in ``partial`` are hatched (some paths received) and the rest drawn
        as not reached yet (white, dashed border, ``grad ?``).
    highlight, highlight_consumer : Value, optional
        The node of the current step (thick orange border, bold text) and the node whose
        gradient it received (that edge is drawn thick and orange).
    note : str
        A line of text above the graph (the step's description); a fan-out's
        ``"   (path i of n: ...)"`` goes on a second line.
    fig : Figure, optional
        A figure to clear and draw into again; its size is set to the graph's. ``ax`` instead
        draws into existing axes, which should be :func:`graph_layout`'s ``size`` in inches
        for the text to fit its boxes.
    """
    layout = graph_layout(out)
    note = _validate.instance(note, "note", str, "string").replace("   (", "\n(")
    for name, nodes in (("filled", filled or ()), ("partial", partial)):
        for node in nodes:
            _validate.instance(node, f"every node in {name}", Value, "Value")
    for name, node in (("highlight", highlight), ("highlight_consumer", highlight_consumer)):
        if node is not None:
            _validate.instance(node, name, Value, "Value")
    if ax is None:  # a figure the graph's size, wider if the note needs it
        noted = max(map(_text_width, note.splitlines()), default=0.0) + 2 * _MARGIN
        size = (max(layout.size[0], noted), layout.size[1])
        layout = GraphLayout(layout.order, layout.positions, layout.widths, size)
        if fig is None:
            fig = Figure(figsize=size)
        else:
            fig.clear()
            fig.set_size_inches(*size)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    _draw_into(ax, layout, grads or {}, filled, set(partial), (highlight, highlight_consumer), note)
    return ax.figure


def _draw_into(ax, layout, grads, filled, partial, highlight, note):
    width, height = layout.size
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    pos, lit_node = layout.positions, highlight[0]
    for node in layout.order:
        x, y = pos[node]
        w = layout.widths[node]
        if filled is None or node in filled:
            style = {"facecolor": _LIGHT_BLUE, "edgecolor": _BLUE, "linestyle": "-"}
            grad = f"grad {grads.get(node, node.grad):.4g}"
        elif node in partial:
            style = {"facecolor": "white", "edgecolor": _BLUE, "linestyle": "-", "hatch": "///"}
            grad = f"grad {grads.get(node, node.grad):.4g}"
        else:
            style = {"facecolor": "white", "edgecolor": _DARK_GREY, "linestyle": "--"}
            grad = "grad ?"
        lit = node is lit_node
        if lit:
            style["edgecolor"] = _ORANGE
        ax.add_artist(
            FancyBboxPatch(
                (x - w / 2, y - _BOX_H / 2), w, _BOX_H, boxstyle="round,pad=0,rounding_size=0.05",
                linewidth=3.0 if lit else 1.3, zorder=3, gid="node", **style,
            )
        )  # fmt: skip
        ax.text(
            x + _RADIUS / 2, y, f"{_head(node)}\n{grad}", ha="center", va="center",
            fontsize=_FONT, zorder=5, linespacing=1.2, gid="node-text",
            fontweight="bold" if lit else "normal",
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none"}
            if "hatch" in style else None,
        )  # fmt: skip
        if node.inputs:
            _draw_operation(ax, node, (x - w / 2, y - _BOX_H / 2), pos, highlight)
    if note:
        ax.text(
            _MARGIN, height - _MARGIN, note, ha="left", va="top",
            fontsize=_FONT, linespacing=1.3, gid="note",
        )  # fmt: skip


def _draw_operation(ax, node, centre, pos, highlight):
    """The op circle at the box's lower left corner, and an arrow into it from each input
    (two bent ones for a node used twice, as in x·x)."""
    ax.add_artist(
        Circle(centre, _RADIUS, facecolor=_GREY, edgecolor=_DARK_GREY, zorder=4, gid="op")
    )
    ax.text(*centre, _symbol(node.op), ha="center", va="center", fontsize=_FONT, zorder=6, gid="op-text")  # fmt: skip
    seen: Counter = Counter()
    for source in node.inputs:
        seen[source] += 1
        sx, sy = pos[source]
        lit = (source, node) == highlight
        ax.add_artist(
            FancyArrowPatch(
                (sx, sy + _BOX_H / 2), centre,
                connectionstyle=f"arc3,rad={0.3 * (seen[source] - 1)}",
                arrowstyle="-|>", mutation_scale=12, shrinkA=0, shrinkB=_RADIUS * 72,
                color=_ORANGE if lit else _DARK_GREY, linewidth=3.0 if lit else 1.0,
                zorder=4 if lit else 2, gid="edge",
            )
        )  # fmt: skip


@styled
def draw_backward_step(out: Value, k: int, *, fig: Figure | None = None, ax=None) -> Figure:
    """``out``'s graph after the first ``k`` of its :func:`backward_steps` (``k = 0``: only
    ``out.grad = 1``): the gradients so far, complete nodes filled, part-done ones hatched,
    the node of step k highlighted, and the step's :func:`step_description` above."""
    steps = backward_steps(out)
    k = _validate.integer(k, "k", 0, len(steps))  # at most the number of steps
    grads = {out: 1.0}
    last = {}
    for step in steps[:k]:
        grads[step.node] = step.after
        last[step.node] = step
    filled = {out} | {n for n, s in last.items() if s.path == s.paths}
    partial = {n for n, s in last.items() if s.path < s.paths}
    name = node_name(out)
    if k == 0:
        note, lit = f"step 0 of {len(steps)}: ∂{name}/∂{name} = 1", (None, None)
    else:
        note = f"step {k} of {len(steps)}: {step_description(steps[k - 1], name)}"
        lit = (steps[k - 1].node, steps[k - 1].consumer)
    return draw_graph(
        out, grads=grads, filled=filled, partial=partial, highlight=lit[0],
        highlight_consumer=lit[1], note=note, fig=fig, ax=ax,
    )  # fmt: skip


@styled
def draw_graph_training(step: int, lr: float, iterations: int, *, fig: Figure | None = None):
    """The widget's figure (notebook 06): the 2-2-1 graph of :func:`two_two_one_graph` after
    ``iterations`` steps of gradient descent at rate ``lr`` (:func:`train_two_two_one_graph`),
    drawn after ``step`` steps of its backward pass (:func:`draw_backward_step`), and the
    loss E per iteration (log scale) in the free corner beside the graph's top rows.

    Drawing again into a ``fig`` it made keeps its axes and the loss plot's labels and only
    replaces the graph and the curve (a widget's redraw)."""
    run = train_two_two_one_graph(lr, iterations)
    E, _ = two_two_one_graph(run.w_hidden, run.w_out)
    layout = graph_layout(E)
    width, height = layout.size
    tall, below = 3.0, 0.6  # the plot's height; room under it for the x label (inches)
    bottom = height - _NOTE_H - 0.35 - tall
    reach = max(
        x + layout.widths[n] / 2
        for n, (x, y) in layout.positions.items()
        if y + _BOX_H / 2 > bottom - below
    )
    left = reach + 0.95  # room for the y tick labels and label
    plot_w = max(2.6, width - left - 0.25)
    total = max(width, left + plot_w + 0.25)
    place = ((0.0, 0.0, width / total, 1.0), (left / total, bottom / height, plot_w / total, tall / height))  # fmt: skip
    build = partial(_training_parts, size=(total, height), places=place)
    fig, parts = reusable_figure(fig, ("graph_training", total, height), 2, (total, height), build)
    graph_ax, loss_ax, curve = parts
    for artist in [*graph_ax.patches, *graph_ax.texts]:
        artist.remove()
    draw_backward_step(E, step, ax=graph_ax)
    curve.set_data(np.arange(len(run.losses)), np.maximum(run.losses, LOG_FLOOR))  # 0 has no log
    loss_ax.relim()
    loss_ax.autoscale_view()
    loss_ax.set_title(f"lr = {lr:.4g}, {iterations} iterations", fontsize=_FONT)
    return fig


def _training_parts(fig, graph_ax, loss_ax, *, size, places):
    """What :func:`draw_graph_training` keeps from one drawing to the next: the two axes in
    their places (inches worked out from the graph's layout, no layout engine) and the loss
    plot's labels and (empty) curve."""
    fig.set_layout_engine("none")
    fig.set_size_inches(*size)
    graph_ax.set_position(places[0])
    loss_ax.set_position(places[1])
    (curve,) = loss_ax.semilogy([], [], "o-", color=_BLUE, markersize=3)
    plain_log_labels(loss_ax.yaxis)
    loss_ax.set_xlabel("iteration", fontsize=_FONT)
    loss_ax.set_ylabel("loss E (log scale)", fontsize=_FONT)
    loss_ax.tick_params(labelsize=_FONT)
    loss_ax.grid(True, alpha=0.3)
    return graph_ax, loss_ax, curve
