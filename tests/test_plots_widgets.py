"""The drawing functions behind the widgets, called without a browser, and the panels."""

import base64
import io

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

import backprop_lib as bp
from backprop_lib.lessons import deep_networks, digits, panels

matplotlib.use("Agg")


def figure_text(fig):
    return fig.get_suptitle(), [ax.get_title() for ax in fig.axes]


@pytest.mark.parametrize(
    ("lr", "expected"),
    [
        (0.007, "converges monotonically"),
        (1 / (2 * 5.7**2), "converges in one step"),
        (0.02, "oscillates and converges"),
        (0.035, "diverges"),
        (0.09, "diverged at iteration"),
    ],
)
def test_scalar_drawing_names_the_regime_and_echoes_its_inputs(lr, expected):
    fig = bp.draw_scalar_descent(5.7, -23.1, 50.1, lr, 20)
    title = fig.get_suptitle()
    assert f"R = {lr:.4g}, 20 iterations" in title
    assert expected in title
    ax_w, ax_c, _ = fig.axes  # parabola, cost curve, the parabola's colour bar
    assert ax_w.get_xlabel() == "weight w" and ax_c.get_xlabel() == "iteration k"
    traj = bp.scalar_descent(5.7, -23.1, 50.1, lr, 20)
    # The scatter holds exactly the iterates, the cost curve one point per iterate.
    np.testing.assert_allclose(ax_w.collections[0].get_offsets()[:, 0], traj.w)
    np.testing.assert_allclose(ax_c.lines[0].get_xdata(), np.arange(len(traj.w)))


def test_redrawing_into_the_same_figure_replaces_the_plot():
    fig = bp.draw_scalar_descent(5.7, -23.1, 50.1, 0.007, 20)
    again = bp.draw_scalar_descent(5.7, -23.1, 50.1, 0.02, 5, fig=fig)
    assert again is fig and len(fig.axes) == 3
    assert "R = 0.02, 5 iterations" in fig.get_suptitle()
    assert len(fig.axes[1].lines[0].get_xdata()) == 6


def test_scalar_panel_defaults_and_redraw():
    box = panels.scalar_descent_panel()
    lr, iterations, status, out = box.children
    assert lr.value == 0.007 and iterations.value == 20  # exactly the Q&A question's values
    assert lr.step is None  # no snapping in the browser
    assert lr.min <= -4 and 10**lr.max >= 1 / 5.7**2  # covers divergence too
    assert iterations.min == 1 and iterations.max >= 200
    assert out is box.output and "R = 0.007, 20 iterations" in box.figure.get_suptitle()
    lr.value = 0.02
    assert "R = 0.02, 20 iterations: oscillates and converges" in box.figure.get_suptitle()
    iterations.value = 150
    assert "R = 0.02, 150 iterations" in box.figure.get_suptitle()
    assert status.value == "<small>drawn with learning rate = 0.02, iterations = 150</small>"


@pytest.mark.parametrize("shape", [(1, 1, 4), (1, 7, 4), (5, 1, 4), (37, 53, 4)])
def test_panel_png_encoder_keeps_every_pixel(shape):
    rgba = np.random.default_rng(sum(shape)).integers(0, 256, size=shape, dtype=np.uint8)
    png = panels._png_bytes(rgba)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.mode == "RGBA"
        np.testing.assert_array_equal(np.asarray(image), rgba)


def test_panel_follows_a_change_of_the_font_a_generic_family_stands_for():
    """The renderer remembers glyph layouts and line metrics per font; "sans-serif" names
    whichever fonts ``rcParams["font.sans-serif"]`` lists when the text is drawn. After a
    change there the panel draws what matplotlib's own canvas draws when it too keeps its
    renderer from one draw to the next (as ``FigureCanvasAgg`` does)."""
    box = panels.scalar_descent_panel()
    stock = FigureCanvasAgg(box.figure)
    stock.draw()  # drawn once before the change, as the panel was
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans Mono"]}):
        box.controls["lr"].value = 0.02
        png = base64.b64decode(box.output.outputs[0]["data"]["image/png"])
        stock.draw()
        expected = np.asarray(stock.buffer_rgba())
    with Image.open(io.BytesIO(png)) as image:
        np.testing.assert_array_equal(np.asarray(image), expected)


@pytest.mark.parametrize(
    "make",
    [
        panels.scalar_descent_panel,
        panels.chain_panel,
        panels.gate_panel,
        panels.classifier_panel,
        panels.graph_panel,
        deep_networks.deep_panel,
        digits.digits_panel,
    ],
)
def test_panel_shows_exactly_the_pixels_matplotlib_renders(make):
    """The panel's own renderer (glyph layouts remembered) and PNG encoder change nothing:
    its image after a redraw is pixel for pixel matplotlib's ``print_png`` of the figure."""
    box = make()
    box.controls["lr"].value = box.controls["lr"].value * 1.5  # a redraw: layouts reused
    (shown,) = box.output.outputs
    assert shown["output_type"] == "display_data"
    png = base64.b64decode(shown["data"]["image/png"])
    reference = io.BytesIO()
    FigureCanvasAgg(box.figure).print_png(reference)  # matplotlib's own PNG (Pillow)
    with Image.open(io.BytesIO(png)) as image, Image.open(reference) as expected:
        assert image.size == expected.size
        np.testing.assert_array_equal(np.asarray(image), np.asarray(expected))
