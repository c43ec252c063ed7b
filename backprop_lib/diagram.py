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

import numbers
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from .mlp import MLP

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
    sizes = net.sizes if net is not None else _check_sizes(net_or_sizes)
    L = len(sizes) - 1
    shapes = [(sizes[l], sizes[l - 1]) for l in range(1, L + 1)]
    gradients = _check_arrays(gradients, "gradients", shapes)
    weight_names = _check_names(weight_names, shapes)
    unit_values = _check_unit_values(unit_values, sizes)
    if unit_names is not None:
        unit_names = _check_unit_names(unit_names, sizes)
    if not isinstance(weight_labels, bool):
        raise TypeError(f"weight_labels must be True or False, got {type(weight_labels).__name__}")

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


def _check_sizes(sizes) -> tuple[int, ...]:
    if isinstance(sizes, str | bytes) or not isinstance(sizes, Sequence):
        raise TypeError(
            f"net_or_sizes must be an MLP or a sequence of layer sizes, got {type(sizes).__name__}"
        )
    if len(sizes) < 2:
        raise ValueError(f"net_or_sizes must list at least 2 layer sizes, got {list(sizes)}")
    for k, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise ValueError(f"net_or_sizes[{k}] must be a positive integer, got {n!r}")
    return tuple(int(n) for n in sizes)


def _check_arrays(arrays, name: str, shapes):
    if arrays is None:
        return None
    if isinstance(arrays, np.ndarray) or not isinstance(arrays, Sequence):
        raise TypeError(f"{name} must be a list of arrays, one per weight layer")
    if len(arrays) != len(shapes):
        raise ValueError(f"{name} must hold {len(shapes)} arrays, got {len(arrays)}")
    out = []
    for k, (array, shape) in enumerate(zip(arrays, shapes, strict=True)):
        array = np.asarray(array, dtype=np.float64)
        if array.shape != shape:
            raise ValueError(f"{name}[{k}] must have shape {shape}, got {array.shape}")
        out.append(array)
    return out


def _check_names(names, shapes):
    if names is None:
        return None
    if len(names) != len(shapes):
        raise ValueError(f"weight_names must hold {len(shapes)} tables, got {len(names)}")
    for k, (table, shape) in enumerate(zip(names, shapes, strict=True)):
        if np.shape(table) != shape:
            raise ValueError(f"weight_names[{k}] must have shape {shape}, got {np.shape(table)}")
    return names


def _check_unit_values(values, sizes):
    L = len(sizes) - 1
    if values is None:
        return [None] * (L + 1)
    if isinstance(values, np.ndarray) or not isinstance(values, Sequence):
        raise TypeError("unit_values must be a list with one array per layer")
    if len(values) == L:
        values = [None, *values]
    if len(values) != L + 1:
        raise ValueError(
            f"unit_values must hold {L} arrays (layers 1..L) or {L + 1} (layers 0..L), "
            f"got {len(values)}"
        )
    out = []
    for l, v in enumerate(values):
        if v is None:
            out.append(None)
            continue
        v = np.asarray(v, dtype=np.float64)
        if v.shape not in ((sizes[l],), (sizes[l], 1)):
            raise ValueError(
                f"unit_values for layer {l} must have shape ({sizes[l]},) or ({sizes[l]}, 1), "
                f"got {v.shape}"
            )
        out.append(v.ravel())
    return out


def _check_unit_names(names, sizes):
    if isinstance(names, str) or len(names) != len(sizes):
        raise ValueError(f"unit_names must hold one list of names per layer ({len(sizes)})")
    for l, layer in enumerate(names):
        if isinstance(layer, str) or len(layer) != sizes[l]:
            raise ValueError(f"unit_names[{l}] must hold {sizes[l]} names, got {layer!r}")
    return names
