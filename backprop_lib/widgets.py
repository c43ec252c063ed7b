"""ipywidgets panels for the notebooks: sliders plus a plot that redraws when they move.

The drawing itself is done by the plain functions of :mod:`backprop_lib.plots`; this module
only wires controls to them, so tests can check every drawing without a browser.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
from IPython.display import display

from .plots import draw_scalar_descent


def lr_slider(value: float, low: float, high: float, description: str = "learning rate"):
    """A log-scale learning-rate slider from ``low`` to ``high`` starting at ``value``.

    ``step=None`` lets the handle take any value: with a fixed step the browser snaps the
    value to the step grid (0.007 would become 0.00631 with ``step=0.1``).
    """
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=math.log10(low),
        max=math.log10(high),
        step=None,
        description=description,
        readout_format=".4g",
        continuous_update=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="460px"),
    )


def iterations_slider(value: int, high: int, low: int = 1, description: str = "iterations"):
    """An integer slider for the number of iterations (or epochs)."""
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="460px"),
    )


class Panel(widgets.VBox):
    """Sliders above an output area. ``draw(**values, **fixed, fig=figure)`` redraws into one
    reused figure now and whenever a slider's value changes; ``panel.figure`` is the current
    drawing (tests read it without a browser), and the ``panel.status`` line says which values
    the kernel drew with (a browser test compares it with the sliders' readouts)."""

    def __init__(self, draw, controls: dict, **fixed):
        self.draw, self.controls, self.fixed = draw, controls, fixed
        self.output = widgets.Output()
        self.status = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))
        self.status.add_class("bp-panel-status")
        self.figure = None
        super().__init__([*controls.values(), self.status, self.output])
        for control in controls.values():
            control.observe(self.redraw, names="value")
        self.redraw()

    def redraw(self, change=None) -> None:
        values = {name: control.value for name, control in self.controls.items()}
        self.figure = self.draw(**values, **self.fixed, fig=self.figure)
        used = ", ".join(
            f"{control.description} = {_readout(control.value)}"
            for control in self.controls.values()
        )
        self.status.value = f"<small>drawn with {used}</small>"
        with self.output:
            self.output.clear_output(wait=True)
            display(self.figure)


def scalar_descent_panel(x=5.7, w0=-23.1, target=50.1, lr=0.007, iterations=20) -> Panel:
    """Notebook 01's panel: learning rate (log scale, 1e-4 to 0.1, covering every regime)
    and iteration count (1 to 200) driving :func:`~backprop_lib.plots.draw_scalar_descent`."""
    controls = {"lr": lr_slider(lr, 1e-4, 0.1), "iterations": iterations_slider(iterations, 200)}
    return Panel(draw_scalar_descent, controls, x=x, w0=w0, target=target)


def _readout(value) -> str:
    """A value as the sliders' readouts show it (``.4g`` for floats)."""
    return f"{value:.4g}" if isinstance(value, float) else str(value)
