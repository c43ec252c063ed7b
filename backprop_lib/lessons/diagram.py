r"""A network diagram drawn with matplotlib: units as circles, weights as labelled edges.

Layers run left to right (layer 0, the input, on the left). Unit i of layer l is labelled
:math:`a^{(l)}_i` (the input :math:`x_j`) in the series' notation, or by names you give
(the 2-2-1 lecture notes' ``x1, x2, A1, A2, A3``). The edge from unit j of layer l−1 to unit i of layer l
carries :math:`w^{(l)}_{ij}`: its value when drawn from an :class:`~backprop_lib.MLP`, its
symbol when drawn from layer sizes, and optionally its gradient
:math:`\partial C/\partial w^{(l)}_{ij}` underneath (in red). A number under each unit
(``unit_values``) shows e.g. the deltas :math:`\delta^{(l)}_i` of :meth:`MLP.deltas`.

All text is 10 pt. The edge labels are placed one by one, each at the first of a few
staggered positions along its edge where it overlaps no unit and no label placed before it
(text sizes measured with matplotlib's :class:`~matplotlib.textpath.TextToPath`, the axes
filling the figure at a known scale), so no two labels overlap.

Every drawn element carries a ``gid`` (``"unit"``, ``"unit-label"``, ``"unit-value"``,
``"edge"``, ``"weight"``, ``"gradient"``, ``"bias"``) so tests can count and read them.

Introduced in notebook 02, used in notebooks 03 and 04.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle
from matplotlib.textpath import TextToPath

from .. import _validate
from ..mlp import MLP
from .style import styled

_DX, _DY, _RADIUS = 3.2, 1.8, 0.45
_FONT = 10.0  # points, every text of the diagram
_BOX = {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
_TITLE_INCHES = 0.35
#: Where along an edge (0 = source, 1 = destination) a label may sit, tried nearest first.
_ALONG = tuple(round(0.15 + 0.025 * k, 3) for k in range(29))
_TEXT_PATHS = TextToPath()


@styled
def draw_network(
    net_or_sizes,
    *,
    gradients=None,
    unit_values=None,
    unit_value_label: str = "δ",
    unit_names=None,
    weight_labels: bool = True,
    weight_names=None,
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    r"""Draw a layered network; returns the :class:`~matplotlib.figure.Figure`.

    Parameters
    ----------
    net_or_sizes : MLP or sequence of int
        An :class:`~backprop_lib.MLP` (edges show weight values, units show biases if any)
        or layer sizes :math:`n_0, \dots, n_L` (edges show the symbols :math:`w^{(l)}_{ij}`).
    gradients : list of 2-D arrays, optional
        Shaped like the weights (``dW`` of :meth:`MLP.gradients`); each edge then also shows
        its gradient, in red, right under its weight.
    unit_values : list of arrays, optional
        One array per layer, either for layers 1…L (``len == L``, e.g. ``net.deltas(x, y)``)
        or for layers 0…L (``len == L + 1``); an entry may be None. Shapes ``(n_l,)`` or
        ``(n_l, 1)``. Each value is written under its unit as ``unit_value_label = value``.
    unit_names : list of list of str, optional
        One name per unit and layer (all L+1 layers), replacing :math:`x_j`, :math:`a^{(l)}_i`.
    weight_labels : bool
        Whether to label the edges at all.
    weight_names : list of 2-D sequences of str, optional
        Names for the weights, shaped like the weights (e.g. the 2-2-1 lecture notes'
        ``w11``); with an MLP the label reads ``name = value``.
    title : str, optional
        The title; by default the layer sizes.
    fig : Figure, optional
        A figure to clear and draw into again (widgets).
    """
    net = net_or_sizes if isinstance(net_or_sizes, MLP) else None
    sizes = net.sizes if net is not None else _validate.sizes(net_or_sizes, "net_or_sizes")
    L = len(sizes) - 1
    shapes = [(sizes[l], sizes[l - 1]) for l in range(1, L + 1)]
    if gradients is not None:
        gradients = _validate.shaped_list(gradients, "gradients", shapes)
    weight_names = _validate.name_tables(weight_names, shapes, "weight_names")
    unit_values = _validate.layer_values(unit_values, sizes, "unit_values")
    if unit_names is not None:
        unit_names = _validate.name_lists(unit_names, sizes, "unit_names")
    weight_labels = _validate.flag(weight_labels, "weight_labels")

    width, height = _figure_size(sizes)
    given = fig is not None
    if fig is None:
        fig = Figure(figsize=(width, height))
    # A label that finds no free place is left out; a figure of our own then grows (by a
    # fifth, up to three times) until every label has one.
    for attempt in range(4):
        fig.clear()
        left_out = _draw(fig, net, sizes, gradients, unit_values, unit_value_label, unit_names,
                         weight_labels, weight_names)  # fmt: skip
        if not left_out or given or attempt == 3:
            break
        width, height = 1.2 * width, 1.2 * height
        fig.set_size_inches(width, height)

    if title is None:
        title = "network " + "-".join(str(n) for n in sizes)
        if gradients is not None:
            title += " (red: the gradient of each weight)"
    if left_out:
        title += f" ({left_out} labels without room)"
    fig.axes[0].set_title(title, fontsize=_FONT)
    return fig


def _draw(fig, net, sizes, gradients, unit_values, unit_value_label, unit_names, weight_labels,
          weight_names) -> int:  # fmt: skip
    """Draw into the cleared ``fig``; returns how many labels found no free place."""
    L = len(sizes) - 1
    width, height = fig.get_size_inches()
    # The axes fill the figure under the title, so one data unit is `scale` inches.
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0 - _TITLE_INCHES / height))
    ax.set_aspect("equal")
    ax.set_axis_off()
    top = (max(sizes) - 1) / 2 * _DY + _RADIUS + 0.5
    xlim, ylim = (-_RADIUS - 0.5, L * _DX + _RADIUS + 0.5), (-top - 0.35, top)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    scale = min(width / (xlim[1] - xlim[0]), (height - _TITLE_INCHES) / (ylim[1] - ylim[0]))
    labels = _Labels(ax, scale, xlim, ylim)

    def position(l, i):
        return l * _DX, ((sizes[l] - 1) / 2 - i) * _DY

    for l, n in enumerate(sizes):
        for i in range(n):
            cx, cy = position(l, i)
            face = "#dbe9f6" if l == 0 else "#fde9c9" if l == L else "#e3f2dd"
            ax.add_patch(
                Circle((cx, cy), _RADIUS, facecolor=face, edgecolor="0.25", zorder=2, gid="unit")
            )
            labels.occupy(cx - _RADIUS, cy - _RADIUS, cx + _RADIUS, cy + _RADIUS)
            name = unit_names[l][i] if unit_names is not None else _unit_name(l, i)
            ax.text(cx, cy, name, ha="center", va="center", fontsize=_FONT, zorder=4,
                    gid="unit-label")  # fmt: skip
            if unit_values[l] is not None:
                text = f"{unit_value_label} = {unit_values[l][i]:.3g}"
                labels.put_box(text, cx, cy - _RADIUS - 0.1, "top", color="tab:blue",
                               gid="unit-value")  # fmt: skip
            if net is not None and net.biases is not None and l > 0:
                labels.put_box(f"b = {net.biases[l - 1][i]:.3g}", cx, cy + _RADIUS + 0.05,
                               "bottom", color="0.3", gid="bias")  # fmt: skip

    for l in range(1, L + 1):
        n_src = sizes[l - 1]
        for i in range(sizes[l]):
            for j in range(n_src):
                (x0, y0), (x1, y1) = position(l - 1, j), position(l, i)
                ax.plot([x0, x1], [y0, y1], "-", color="0.55", lw=1.0, zorder=1, gid="edge")
                if not weight_labels:
                    continue
                texts = [(_weight_label(net, weight_names, l, i, j), "k", "weight")]
                if gradients is not None:
                    texts.append((f"∂ {gradients[l - 1][i, j]:.3g}", "tab:red", "gradient"))
                # Edges leaving different sources start at different places along the edge,
                # so crossing edges keep their labels apart.
                first = 0.3 + 0.4 * j / (n_src - 1) if n_src > 1 else 0.5
                labels.put_on_edge(texts, (x0, y0), (x1, y1), first)
    return labels.left_out


def _figure_size(sizes) -> tuple[float, float]:
    """Inches: as before for networks at most 2 units wide (notebooks 02, 03, 05), more room
    per unit for wider ones, whose edges cross more."""
    L, widest = len(sizes) - 1, max(sizes)
    if widest <= 2:
        return 1.9 * L + 2.2, 0.95 * widest + 1.3
    return 2.6 * L + 2.6, 1.3 * widest + 1.6


class _Labels:
    """Boxed labels that never overlap: each box (data units) is placed where it overlaps no
    unit and no box placed before it."""

    def __init__(self, ax, scale: float, xlim, ylim):
        self.ax, self.scale, self.xlim, self.ylim = ax, scale, xlim, ylim
        self.boxes: list[tuple[float, float, float, float]] = []
        self.left_out = 0

    def size(self, text: str) -> tuple[float, float]:
        """Width and height of ``text`` in its white box, in data units."""
        math = text.count("$") >= 2
        width, _, _ = _TEXT_PATHS.get_text_width_height_descent(
            text, FontProperties(size=_FONT), ismath=math
        )
        pad = 0.1 * _FONT + 0.25  # the box's pad on each side, and a quarter point to spare
        return (width + 2 * pad) / 72 / self.scale, (1.05 * _FONT + 2 * pad) / 72 / self.scale

    def occupy(self, x0, y0, x1, y1) -> None:
        self.boxes.append((x0, y0, x1, y1))

    def overlap(self, box) -> float:
        x0, y0, x1, y1 = box
        outside = (max(self.xlim[0] - x0, 0) + max(x1 - self.xlim[1], 0)
                   + max(self.ylim[0] - y0, 0) + max(y1 - self.ylim[1], 0))  # fmt: skip
        return outside + sum(
            max(0.0, min(x1, b[2]) - max(x0, b[0])) * max(0.0, min(y1, b[3]) - max(y0, b[1]))
            for b in self.boxes
        )

    def put_box(self, text, x, y, va, color, gid) -> None:
        """A label under (``va="top"``) or over (``"bottom"``) the point ``(x, y)``; one that
        overlaps what is there is drawn all the same, and counted in ``left_out``."""
        w, h = self.size(text)
        y0 = y - h if va == "top" else y
        box = (x - w / 2, y0, x + w / 2, y0 + h)
        self.left_out += self.overlap(box) > 0.0  # drawn all the same, but counted
        self.occupy(*box)
        self.ax.text(x, y0 + h / 2, text, ha="center", va="center", fontsize=_FONT,
                     color=color, bbox=_BOX, zorder=4, gid=gid)  # fmt: skip

    def put_on_edge(self, texts, start, end, first: float) -> None:
        """``texts`` stacked (the first on top) at the first place along the edge where they
        overlap nothing, trying ``first`` and then the places nearest to it; if there is
        none, they are left out (counted in ``left_out``)."""
        sizes = [self.size(text) for text, _, _ in texts]
        width, height = max(w for w, _ in sizes), sum(h for _, h in sizes)
        for t in sorted(set(_ALONG) | {first}, key=lambda t: (abs(t - first), t)):
            x = start[0] + t * (end[0] - start[0])
            y = start[1] + t * (end[1] - start[1])
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if self.overlap(box) == 0.0:
                break
        else:
            self.left_out += 1
            return
        self.occupy(*box)
        top = box[3]
        for (text, color, gid), (_, h) in zip(texts, sizes, strict=True):
            self.ax.text(x, top - h / 2, text, ha="center", va="center", fontsize=_FONT,
                         color=color, bbox=_BOX, zorder=3, gid=gid)  # fmt: skip
            top -= h


def _unit_name(l: int, i: int) -> str:
    return f"$x_{{{i + 1}}}$" if l == 0 else f"$a^{{({l})}}_{{{i + 1}}}$"


def _weight_label(net, weight_names, l: int, i: int, j: int) -> str:
    value = None if net is None else f"{net.weights[l - 1][i, j]:.3g}"
    if weight_names is not None:
        name = weight_names[l - 1][i][j]
        return name if value is None else f"{name} = {value}"
    if value is not None:
        return value
    sep = "," if max(i, j) >= 9 else ""
    return f"$w^{{({l})}}_{{{i + 1}{sep}{j + 1}}}$"
