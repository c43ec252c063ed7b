r"""A network diagram drawn with matplotlib: units as circles, weights as labelled edges.

Layers run left to right (layer 0, the input, on the left). Unit i of layer l is labelled
:math:`a^{(l)}_i` (the input :math:`x_j`) in the series' notation, or by names you give
(seed 003's ``x1, x2, A1, A2, A3``). The edge from unit j of layer l−1 to unit i of layer l
carries :math:`w^{(l)}_{ij}`: its value when drawn from an :class:`~backprop_lib.MLP`, its
symbol when drawn from layer sizes, and optionally its gradient
:math:`\partial C/\partial w^{(l)}_{ij}` underneath (in red). A number under each unit
(``unit_values``) shows e.g. the deltas :math:`\delta^{(l)}_i` of :meth:`MLP.deltas`.

Every drawn element carries a ``gid`` (``"unit"``, ``"unit-label"``, ``"unit-value"``,
``"edge"``, ``"weight"``, ``"gradient"``, ``"bias"``) so tests can count and read them.

Introduced in notebook 02, used in notebooks 03 and 04.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle

from .. import _validate
from ..mlp import MLP

_DX, _DY, _RADIUS = 3.2, 1.8, 0.45
_BOX = {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}


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
        its gradient, in red.
    unit_values : list of arrays, optional
        One array per layer, either for layers 1…L (``len == L``, e.g. ``net.deltas(x, y)``)
        or for layers 0…L (``len == L + 1``); an entry may be None. Shapes ``(n_l,)`` or
        ``(n_l, 1)``. Each value is written under its unit as ``unit_value_label = value``.
    unit_names : list of list of str, optional
        One name per unit and layer (all L+1 layers), replacing :math:`x_j`, :math:`a^{(l)}_i`.
    weight_labels : bool
        Whether to label the edges at all.
    weight_names : list of 2-D sequences of str, optional
        Names for the weights, shaped like the weights (e.g. seed 003's ``w11``); with an MLP
        the label reads ``name = value``.
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

    width = 1.9 * L + 2.2
    height = 0.95 * max(sizes) + 1.3
    if fig is None:
        fig = Figure(figsize=(width, height), layout="constrained")
    else:
        fig.clear()
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_axis_off()

    def position(l, i):
        return l * _DX, ((sizes[l] - 1) / 2 - i) * _DY

    for l in range(1, L + 1):
        n_src = sizes[l - 1]
        for i in range(sizes[l]):
            for j in range(n_src):
                (x0, y0), (x1, y1) = position(l - 1, j), position(l, i)
                ax.plot([x0, x1], [y0, y1], color="0.55", lw=1.0, zorder=1, gid="edge")
                if not weight_labels:
                    continue
                # Labels of edges leaving different sources sit at different distances along
                # the edge, so crossing edges keep their labels apart; the gradient goes
                # right under the weight.
                t = 0.3 + 0.4 * j / (n_src - 1) if n_src > 1 else 0.5
                lx, ly = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                label = _weight_label(net, weight_names, l, i, j)
                ax.text(lx, ly, label, ha="center", va="center", fontsize=8, bbox=_BOX,
                        zorder=3, gid="weight")  # fmt: skip
                if gradients is not None:
                    ax.text(lx, ly - 0.3, f"∂ {gradients[l - 1][i, j]:.3g}", ha="center",
                            va="center", fontsize=7.5, color="tab:red", bbox=_BOX, zorder=3,
                            gid="gradient")  # fmt: skip

    for l, n in enumerate(sizes):
        for i in range(n):
            cx, cy = position(l, i)
            face = "#dbe9f6" if l == 0 else "#fde9c9" if l == L else "#e3f2dd"
            ax.add_patch(
                Circle((cx, cy), _RADIUS, facecolor=face, edgecolor="0.25", zorder=2, gid="unit")
            )
            name = unit_names[l][i] if unit_names is not None else _unit_name(l, i)
            ax.text(cx, cy, name, ha="center", va="center", fontsize=10, zorder=4,
                    gid="unit-label")  # fmt: skip
            if unit_values[l] is not None:
                ax.text(cx, cy - _RADIUS - 0.2, f"{unit_value_label} = {unit_values[l][i]:.3g}",
                        ha="center", va="top", fontsize=8, color="tab:blue", zorder=4,
                        gid="unit-value")  # fmt: skip
            if net is not None and net.biases is not None and l > 0:
                ax.text(cx, cy + _RADIUS + 0.12, f"b = {net.biases[l - 1][i]:.3g}",
                        ha="center", va="bottom", fontsize=7.5, color="0.3", zorder=4,
                        gid="bias")  # fmt: skip

    top = (max(sizes) - 1) / 2 * _DY + _RADIUS + 0.5
    ax.set_xlim(-_RADIUS - 0.5, L * _DX + _RADIUS + 0.5)
    ax.set_ylim(-top - 0.35, top)
    if title is None:
        title = "network " + "-".join(str(n) for n in sizes)
        if gradients is not None:
            title += " (red: gradient ∂C/∂w of each weight)"
    ax.set_title(title, fontsize=10)
    return fig


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
