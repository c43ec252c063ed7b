"""Notebook 01's regimes plot (``bp.draw_regimes``), called without a notebook: what it draws
is the measured error, every series is told apart by more than colour, and rounding is shown
for what it is."""

import matplotlib
import numpy as np

import backprop_lib as bp

matplotlib.use("Agg")

X, W0, TARGET = 5.7, -23.1, 50.1


def notebook_rates():
    one_step, diverge = bp.critical_rates(X)["one_step"], bp.critical_rates(X)["diverge"]
    return {
        "0.5 / (2x²)": 0.5 * one_step,
        "R = 0.007": 0.007,
        "1 / (2x²)": one_step,
        "1.5 / (2x²)": 1.5 * one_step,
        "1.1 / x²": 1.1 * diverge,
    }


BAND = "≤ float64 spacing at w*"


def series(ax):
    """(line, markers) per series: the closed form is drawn first, then the iterates."""
    return list(zip(ax.lines[::2], ax.lines[1::2], strict=True))


def test_markers_are_the_iterates_and_lines_the_closed_form():
    rates = notebook_rates()
    fig = bp.draw_regimes(X, W0, TARGET, rates, 8)
    (ax,) = fig.axes
    w_star = TARGET / X
    floor = np.spacing(w_star) / 100
    for (line, markers), rate in zip(series(ax), rates.values(), strict=True):
        run = bp.scalar_descent(X, W0, TARGET, rate, 8)
        error = np.abs(run.w - w_star)
        np.testing.assert_allclose(markers.get_ydata(), np.maximum(error, floor))
        q = 1 - 2 * rate * X**2  # written out here, not bp.contraction_factor
        closed = np.abs(q) ** np.arange(9) * abs(W0 - w_star)
        np.testing.assert_allclose(line.get_ydata(), np.maximum(closed, floor))


def test_series_differ_by_marker_and_line_style_not_only_colour():
    fig = bp.draw_regimes(X, W0, TARGET, notebook_rates(), 8)
    pairs = series(fig.axes[0])
    assert len({markers.get_marker() for _, markers in pairs}) == len(pairs)
    assert len({line.get_linestyle() for line, _ in pairs}) >= 4
    legend = fig.axes[0].get_legend()
    assert len(legend.get_lines()) == len(pairs)  # every series, with its marker and line
    assert all(h.get_marker() not in (None, "None", "") for h in legend.get_lines())
    assert [t.get_text() for t in legend.get_texts()][-1] == BAND  # and the rounding band


def test_the_two_series_with_the_same_abs_q_are_both_visible():
    fig = bp.draw_regimes(X, W0, TARGET, notebook_rates(), 8)
    pairs = series(fig.axes[0])
    low, high = pairs[0][1], pairs[3][1]  # q = +0.5 and q = -0.5: equal errors
    np.testing.assert_allclose(low.get_ydata(), high.get_ydata(), rtol=1e-12)
    assert low.get_markerfacecolor() != high.get_markerfacecolor()  # filled against hollow
    assert high.get_markersize() > low.get_markersize()
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "same |q| as 0.5 / (2x²)" in texts[3]


def test_one_step_errors_are_rounding_at_most_one_spacing():
    fig = bp.draw_regimes(X, W0, TARGET, notebook_rates(), 8)
    ax = fig.axes[0]
    spacing = np.spacing(TARGET / X)
    (band,) = [patch for patch in ax.patches if patch.get_label() == BAND]
    np.testing.assert_allclose(band.get_y() + band.get_height(), spacing)  # its top
    one_step = series(ax)[2][1].get_ydata()
    assert np.all(one_step[1:] <= spacing)  # after the first step only rounding is left
    assert np.any(one_step[1:] < spacing)  # some are exactly 0, drawn at the floor
    assert any("exactly 0" in t.get_text() for t in ax.texts)


def test_every_text_is_at_least_10_points():
    fig = bp.draw_regimes(X, W0, TARGET, notebook_rates(), 8)
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text() and t.get_visible()]
    assert texts and min(t.get_fontsize() for t in texts) >= 10


def test_redraw_into_the_same_figure():
    fig = bp.draw_regimes(X, W0, TARGET, notebook_rates(), 8)
    again = bp.draw_regimes(X, W0, TARGET, {"R = 0.007": 0.007}, 4, fig=fig)
    assert again is fig and len(fig.axes) == 1 and len(series(fig.axes[0])) == 1
