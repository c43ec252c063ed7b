"""The figure helpers every lesson's drawing shares (notebooks 01–05).

A drawing function of the series returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global state, nothing shown until the caller displays it), and takes an optional
``fig`` to draw into again, which a widget panel (:mod:`~backprop_lib.lessons.panels`) uses
to redraw cheaply. The helpers here make that cheap: :func:`new_figure` (a cleared figure
with its axes), :func:`reusable_figure` (the artists that do not depend on the data, made
once per figure and kept in a small cache here, not on the figure), :func:`plain_log_labels`
and :func:`autoscale_to_lines`.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

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
        _parts.pop(fig, None)  # its remembered parts are gone with its axes
    with rc_context({"axes.titley": 1.0}):
        axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


#: How many figures :func:`reusable_figure` remembers the parts of: the most recently drawn
#: ones (a panel redraws one figure; a notebook shows a few). A figure pushed out is simply
#: built afresh on its next drawing.
PARTS_CACHE_SIZE = 16
_parts: OrderedDict[Figure, tuple] = OrderedDict()


def reusable_figure(fig: Figure | None, key, ncols: int, size: tuple[float, float], build):
    """``(fig, parts)``: the figure and the artists a drawing function updates on each call.

    The first time (``fig`` is None, or was last drawn with another ``key``, or is no longer
    in the cache) the figure is cleared (:func:`new_figure`) and
    ``parts = build(fig, *axes)`` makes the artists that do not depend on the data (axes
    labels, legends, empty lines); ``parts`` is remembered for this figure (the last
    ``PARTS_CACHE_SIZE`` figures), so that a widget's next call with the same ``key`` only
    updates the data. Re-creating axes, ticks and colour bars took about a third of a
    widget's redraw."""
    if fig is not None and fig in _parts and _parts[fig][0] == key:
        _parts.move_to_end(fig)
        return fig, _parts[fig][1]
    fig, axes = new_figure(fig, ncols, size)
    parts = build(fig, *axes)
    _parts[fig] = (key, parts)
    _parts.move_to_end(fig)
    while len(_parts) > PARTS_CACHE_SIZE:
        _parts.popitem(last=False)
    return fig, parts


def autoscale_to_lines(ax) -> None:
    """Fit ``ax``'s limits to its lines' current data (after ``set_data``)."""
    ax.relim()
    ax.autoscale_view()


def redraw_half_contours(ax, parts: dict, G1, G2, values, linewidth: float, **style):
    """Draw ``values`` (in [0, 1], on the grid ``G1``, ``G2``) into ``ax`` as filled contours
    at 0, 0.1, …, 1 (colour map ``RdBu_r``, ``style`` passed on) with the line at ½ in black,
    replacing those of the last call, kept in ``parts["contours"]`` (a contour set cannot
    take new data). Returns the filled contour set (for a colour bar)."""
    for old in parts["contours"]:
        old.remove()
    filled = ax.contourf(G1, G2, values, levels=np.linspace(0, 1, 11), cmap="RdBu_r", **style)
    half = ax.contour(G1, G2, values, levels=[0.5], colors="k", linewidths=linewidth)
    parts["contours"] = [filled, half]
    return filled
