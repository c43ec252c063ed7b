"""ipywidgets panels for the notebooks: sliders plus a plot that redraws when they move.

The drawing itself is done by the plain functions of each notebook's lesson module
(``draw_scalar_descent`` in :mod:`~backprop_lib.lessons.one_weight`, ``draw_chain_descent``
in :mod:`~backprop_lib.lessons.two_weights`, ``draw_gate_training`` in
:mod:`~backprop_lib.lessons.logic_gates`, ``draw_classifier`` in
:mod:`~backprop_lib.lessons.moons`, ``draw_graph_training`` in
:mod:`~backprop_lib.lessons.computational_graph`); this module only wires controls to them, so tests can
check every drawing without a browser. A new panel: ``Panel(draw, {"lr": lr_slider(...),
"iterations": iterations_slider(...)}, **fixed)``, where ``draw(**values, **fixed, fig=None)``
returns a Figure and redraws into ``fig`` when given one (see
:func:`~backprop_lib.lessons.figures.reusable_figure`).
"""

from __future__ import annotations

import base64
import math
import struct
import zlib

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag

from .computational_graph import backward_steps, draw_graph_training, two_two_one_graph
from .logic_gates import GATES, draw_gate_training
from .moons import CLASSIFIER_DEFAULTS, draw_classifier
from .one_weight import draw_scalar_descent
from .two_weights import draw_chain_descent


def lr_slider(value: float, low: float, high: float, description: str = "learning rate"):
    """A log-scale learning-rate slider from ``low`` to ``high`` starting at ``value``.

    ``step=None`` lets the handle take any value: with a fixed step the browser snaps the
    value to the step grid (0.007 would become 0.00631 with ``step=0.1``). The readout format
    ``.4`` (d3-format's ``g`` without trailing zeros) shows ``0.007``; ``.4g`` would show
    ``0.007000`` in the browser.
    """
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=math.log10(low),
        max=math.log10(high),
        step=None,
        description=description,
        readout_format=".4",
        **_slider_style(),
    )


def iterations_slider(value: int, high: int, low: int = 1, description: str = "iterations"):
    """An integer slider for the number of iterations (or epochs)."""
    return int_slider(value, low, high, description)


def int_slider(value: int, low: int, high: int, description: str):
    """An integer slider from ``low`` to ``high`` (a seed, a layer width, a count)."""
    return widgets.IntSlider(
        value=value, min=low, max=high, description=description, **_slider_style()
    )


def _slider_style() -> dict:
    """What every slider of the series shares: it acts when released, its label is shown
    in full, and it is wide enough to place a value precisely."""
    return {
        "continuous_update": False,
        "style": {"description_width": "initial"},
        "layout": widgets.Layout(width="460px"),
    }


#: The text a panel's image stands for where no image can be shown.
PNG_TEXT = "<IPython.core.display.Image object>"

#: matplotlib versions whose Agg text path :class:`_PanelRenderer` knows (3.11: a string's
#: glyphs laid out by ``FT2Font._layout``, then drawn one by one); any other draws as usual.
_LAYOUT_CACHE = matplotlib.__version_info__[:2] == (3, 11)


class _PanelRenderer(RendererAgg):
    """Matplotlib's Agg renderer, remembering where the glyphs of each string it has drawn go.

    Laying a string out (font lookup, shaping, kerning) took about a fifth of a panel's
    rendering, and a redraw draws mostly the same strings again (tick labels, axis labels,
    legends). The layout depends only on the string, the font properties, the resolution
    and the hinting flags, which make the key; the glyphs are still drawn afresh at their
    place, so every pixel is what :class:`~matplotlib.backends.backend_agg.RendererAgg`
    draws (``tests/test_plots_widgets.py`` compares them). It also remembers each font's line
    metrics, which ``Text`` otherwise reads from the font file for every text it lays out."""

    MAX_STRINGS = 4096  # forgotten all at once beyond this (a panel draws a few hundred)
    MAX_GLYPHS = 16384

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._layouts, self._glyphs, self._heights = {}, {}, {}
        self.generic_families = {}  # what "sans-serif" etc. stand for: set before each draw
        if _LAYOUT_CACHE:  # Text._get_layout (3.11) asks a renderer that has this method
            self._get_font_height_metrics = self._font_height_metrics

    def _font_key(self, prop) -> tuple:
        """What picks the font and its size: ``prop``'s families (a generic one such as
        "sans-serif" with the fonts it stands for, :attr:`generic_families`), style, variant,
        weight, stretch, size in points, file and math font family."""
        generic = self.generic_families
        families = tuple((name, generic[name]) if name in generic else name
                         for name in prop.get_family())  # fmt: skip
        return (families, prop.get_style(), prop.get_variant(), prop.get_weight(),
                prop.get_stretch(), prop.get_size_in_points(), prop.get_file(),
                prop.get_math_fontfamily())  # fmt: skip

    def _font_height_metrics(self, prop) -> tuple:
        """``(ascent, descent, line gap)`` of ``prop``'s font in pixels, the least room a line
        of text takes: what ``Text._get_layout`` (3.11) reads from the font's tables for every
        text on every draw (a font lookup and three table reads), remembered per font."""
        key = (*self._font_key(prop), self.dpi)
        metrics = self._heights.get(key)
        if metrics is None:
            metrics = self._heights[key] = _font_height_metrics(prop, self.dpi)
        return metrics

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or not _LAYOUT_CACHE:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (s, *self._font_key(prop), self.dpi, flags, _frozen(features), _frozen(language))
        glyphs = self._layouts.get(key)
        if glyphs is None:
            if len(self._layouts) >= self.MAX_STRINGS:
                self._layouts.clear()
            font = self._prepare_font(prop)
            items = font._layout(s, flags=flags, features=features, language=language)
            glyphs = [(i.ft_object, size, i.glyph_index, 0, 1, i.x, i.y) for i in items]
            self._layouts[key] = glyphs
        self._draw_glyphs(gc, x, y, angle, glyphs)
        return None

    def _draw_glyphs(self, gc, x, y, angle, glyphs) -> None:
        """``RendererAgg._draw_text_glyphs_and_boxes`` (3.11) for a plain string, each glyph's
        bitmap remembered. FreeType renders a glyph at its place in 1/64 pixel; moved by whole
        pixels its bitmap is the same, only its offset moves, so the bitmap is kept for the
        glyph, size, angle and the place's fraction of a pixel, and put down at the whole part."""
        from matplotlib.ft2font import RenderMode  # matplotlib >= 3.11, as _LAYOUT_CACHE

        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        flags, antialiased = get_hinting_flag(), gc.get_antialiased()
        for font, size, glyph_index, _slant, _extend, dx, dy in glyphs:  # dy is upwards
            px = round(0x40 * (x + dx * cos - dy * sin))
            py = round(0x40 * (self.height - y + dx * sin + dy * cos))  # FreeType's y is up
            key = (font, size, glyph_index, angle, px & 63, py & 63, flags, antialiased)
            bitmap = self._glyphs.get(key)
            if bitmap is None:
                if len(self._glyphs) >= self.MAX_GLYPHS:
                    self._glyphs.clear()
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [px & 63, py & 63])
                mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
                rendered = font._render_glyph(glyph_index, flags, mode)
                buffer = np.array(rendered.buffer)
                if not antialiased:
                    buffer *= 0xFF
                bitmap = self._glyphs[key] = (buffer, rendered.left, rendered.top)
            buffer, left, top = bitmap
            # draw_text_image's y is downwards and the bitmap's bottom side.
            self._renderer.draw_text_image(
                buffer,
                left + (px >> 6),
                int(self.height) - top - (py >> 6) + buffer.shape[0],
                0,
                gc,
            )


def _font_height_metrics(prop, dpi: float) -> tuple:
    """``Text._get_layout``'s reading (matplotlib 3.11) of a font's line metrics at ``dpi``:
    from the OS/2 table, else the hhea table, scaled from font units to pixels; ``(None,
    None, None)`` when the font has neither (then the text measures "lp" itself)."""
    from matplotlib.font_manager import fontManager, get_font

    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap, ascent, descent in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * prop.get_size_in_points() * dpi / 72  # as matplotlib does
        return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


def _frozen(value):
    """``value`` as a dictionary key (font features and languages may come as lists)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


class _PanelCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer is a :class:`_PanelRenderer` (kept while the figure's
    size in pixels stays the same, as ``FigureCanvasAgg`` keeps its own)."""

    #: The family names that matplotlib resolves through ``rcParams["font.<name>"]``.
    GENERIC_FAMILIES = ("serif", "sans-serif", "cursive", "fantasy", "monospace")

    def draw(self):
        # What each generic family stands for now: read once per draw, not once per text.
        self.get_renderer().generic_families = {
            name: tuple(matplotlib.rcParams[f"font.{name}"]) for name in self.GENERIC_FAMILIES
        }
        super().draw()

    def get_renderer(self):
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _PanelRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        return self.renderer


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
        self._positions = None  # the axes' places from the first drawing (_reuse_layout)
        self._canvas = None  # the Agg canvas that renders self.figure (see redraw)
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
        # The PNG is rendered here, once, at the figure's size: displaying the Figure itself
        # would go through the inline backend (a second layout pass for bbox_inches="tight",
        # and only a "<Figure ...>" line when the notebook never imported pyplot). It is not
        # ``savefig`` either: that draws the figure twice when it has a layout engine (once to
        # lay it out, once to paint) and makes a new renderer every time, so no text size is
        # remembered between redraws. One Agg canvas per figure draws once and keeps its
        # renderer (and the renderer's caches of text sizes and glyph layouts, see
        # _PanelRenderer) from one redraw to the next; _png_bytes encodes its pixels.
        self._reuse_layout()
        if self._canvas is None or self._canvas.figure is not self.figure:
            self._canvas = _PanelCanvas(self.figure)
        self._canvas.draw()
        png = _png_bytes(np.asarray(self._canvas.buffer_rgba()))
        if self._positions is None:
            self._positions = [ax.get_position() for ax in self.figure.axes]
        # The image replaces the Output widget's outputs in one state update. Displayed into
        # it (``with self.output: display(...)``) it would make the browser send the outputs,
        # image and all, back to the kernel, which sends them back once more (ipywidgets 8
        # echoes every update): about 35 ms in which the kernel cannot take the next change.
        self.output.outputs = (
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(png).decode("ascii"),
                    "text/plain": PNG_TEXT,
                },
                "metadata": {},
            },
        )

    def _reuse_layout(self) -> None:
        """Constrained layout measures every tick label on every draw, the larger part of a
        redraw's time. The panel lets it place the axes once, on the first drawing, and gives
        later drawings with as many axes the same positions (so the plot does not jump either
        as a slider moves); a drawing with a different number of axes is laid out afresh."""
        fig, positions = self.figure, self._positions
        if positions is not None and len(positions) == len(fig.axes):
            fig.set_layout_engine("none")
            for ax, position in zip(fig.axes, positions, strict=True):
                ax.set_position(position)
        elif positions is not None:
            fig.set_layout_engine("constrained")
            self._positions = None


def _png_bytes(rgba: np.ndarray, level: int = 1) -> bytes:
    """A PNG file of the image ``rgba`` (shape (height, width, 4), ``uint8``, as an Agg
    canvas's ``buffer_rgba()``): every pixel kept exactly, each row stored as its difference
    from the row above (PNG filter type 2, "Up") and compressed by zlib at ``level``.

    A panel's image goes through this instead of Pillow (``print_png``), which tries all five
    PNG filters on every row: this takes a third to a half of Pillow's time for a file of
    about the same size (measured on the panels of notebooks 01–07: 3–10 ms against 6–23 ms)."""
    height, width, channels = rgba.shape
    rows = rgba.reshape(height, width * channels)
    filtered = np.empty((height, width * channels + 1), dtype=np.uint8)
    filtered[:, 0] = 2  # "Up": each byte minus the byte above it, modulo 256
    filtered[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=filtered[1:, 1:])

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(filtered.tobytes(), level))
        + chunk(b"IEND", b"")
    )


def scalar_descent_panel(x=5.7, w0=-23.1, target=50.1, lr=0.007, iterations=20) -> Panel:
    """Notebook 01's panel: learning rate (log scale, 1e-4 to 0.1, covering every regime)
    and iteration count (1 to 200) driving :func:`~backprop_lib.lessons.one_weight.draw_scalar_descent`."""
    controls = {"lr": lr_slider(lr, 1e-4, 0.1), "iterations": iterations_slider(iterations, 200)}
    return Panel(draw_scalar_descent, controls, x=x, w0=w0, target=target)


def chain_panel(lr=0.0005, iterations=40, w1=2.5, w2=-1.5) -> Panel:
    """Notebook 02's panel: learning rate (log scale, 1e-5 to 0.01), iterations (1 to 200)
    and the starting weights w₁, w₂ (−4.5 to 4.5) driving
    :func:`~backprop_lib.lessons.two_weights.draw_chain_descent` (both schemes on the cost surface)."""
    controls = {
        "lr": lr_slider(lr, 1e-5, 0.01),
        "iterations": iterations_slider(iterations, 200),
        "w1": _float_slider(w1, -4.5, 4.5, "start w₁"),
        "w2": _float_slider(w2, -4.5, 4.5, "start w₂"),
    }
    return Panel(draw_chain_descent, controls)


def gate_panel(lr=3.0, iterations=2000, seed=0, task="XOR") -> Panel:
    """Notebook 03's panel: learning rate (log scale, 0.1 to 30), steps (1 to 3000), the
    random seed of the starting weights (0 to 19) and the gate (AND or XOR) driving
    :func:`~backprop_lib.lessons.logic_gates.draw_gate_training`."""
    controls = {
        "lr": lr_slider(lr, 0.1, 30.0),
        "iterations": iterations_slider(iterations, 3000, description="steps"),
        "seed": int_slider(seed, 0, 19, "seed"),
        "task": widgets.Dropdown(options=sorted(GATES), value=task, description="gate"),
    }
    return Panel(draw_gate_training, controls)


def _float_slider(value: float, low: float, high: float, description: str):
    """A linear slider for a starting value, step 0.1."""
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=0.1,
        description=description,
        readout_format=".1f",
        **_slider_style(),
    )


def classifier_panel(lr=None, iterations=None, hidden=None, seed=0) -> Panel:
    """Notebook 05's panel: learning rate (log scale, 0.01 to 10), epochs (1 to 2000) and
    hidden width (1 to 32) retrain the two-moons classifier from the same initial seed and
    redraw :func:`~backprop_lib.lessons.moons.draw_classifier`. Defaults:
    :data:`~backprop_lib.lessons.moons.CLASSIFIER_DEFAULTS`."""
    lr = CLASSIFIER_DEFAULTS["lr"] if lr is None else lr
    iterations = CLASSIFIER_DEFAULTS["iterations"] if iterations is None else iterations
    hidden = CLASSIFIER_DEFAULTS["hidden"] if hidden is None else hidden
    controls = {
        "lr": lr_slider(lr, 0.01, 10.0),
        "iterations": iterations_slider(iterations, 2000, description="epochs"),
        "hidden": int_slider(hidden, 1, 32, "hidden width"),
    }
    return Panel(draw_classifier, controls, seed=seed)


def graph_panel(step=0, lr=1.0, iterations=0) -> Panel:
    """Notebook 06's panel: the backward pass of the 2-2-1 network of notebook 03 on its
    example, a step at a time (0 to the number of steps, 26), after training its six weights
    through the graph with a learning rate (log scale, 0.1 to 100) for some iterations
    (0 to 300; 0 shows notebook 03's numbers), driving
    :func:`~backprop_lib.lessons.computational_graph.draw_graph_training`."""
    steps = len(backward_steps(two_two_one_graph()[0]))
    controls = {
        "step": int_slider(step, 0, steps, f"backward step (of {steps})"),
        "lr": lr_slider(lr, 0.1, 100.0),
        "iterations": iterations_slider(iterations, 300, low=0),
    }
    return Panel(draw_graph_training, controls)


def _readout(value) -> str:
    """A value as the sliders' readouts show it (``.4g`` for floats)."""
    return f"{value:.4g}" if isinstance(value, float) else str(value)
