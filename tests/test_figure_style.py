"""Every figure the library draws is readable when projected and by colour-blind readers.

The drawing functions are found, not listed: every public ``draw_*`` function of
``bp.__all__`` and of the lessons' modules, and every widget panel of ``bp.lessons.panels``.
A panel is built with its defaults (it draws its function once); a drawing function that no
panel draws needs an example call in ``EXAMPLES`` below, or this test fails and names it.

Each figure is made and rendered under a deliberately small global style (6 pt text, plain
colour cycle), so a drawing passes only if it applies the series' own style
(``backprop_lib/lessons/series.mplstyle``) itself. Then:

* no visible text (titles, labels, ticks, legends, colour bars, annotations) is below 10 pt;
* within one axes, two lines of different colours also differ in line style or marker.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable

import matplotlib
import numpy as np
import pytest
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

import backprop_lib as bp
from backprop_lib.lessons import panels, style

MIN_POINTS = 10.0
#: A global style a notebook could have set: the library's figures must not depend on it.
SMALL = {
    "font.size": 6,
    "axes.titlesize": 6,
    "axes.labelsize": 6,
    "xtick.labelsize": 6,
    "ytick.labelsize": 6,
    "legend.fontsize": 6,
    "figure.titlesize": 6,
    "axes.prop_cycle": cycler(color=["#000000", "#ff0000"]),
}


def _network_examples() -> list[Callable[[], Figure]]:
    net = bp.MLP.random([2, 4, 3, 2], "sigmoid", seed=1)
    x, y = np.array([0.5, -1.0]), np.array([1.0, 0.0])
    dW, _ = net.gradients(x, y)
    return [
        lambda: bp.draw_network(net, gradients=dW, unit_values=net.deltas(x, y)),
        lambda: bp.draw_network(
            [2, 2, 1], unit_names=[["x1", "x2"], ["A1", "A2"], ["A3"]], title="2-2-1"
        ),
    ]


#: Example calls for drawing functions that no panel draws (name -> figure makers).
def _regimes_examples() -> list[Callable[[], Figure]]:
    rates = bp.critical_rates(5.7)
    examples = {"creeping": rates["one_step"] / 2, "one step": rates["one_step"]}
    examples["oscillating"] = 0.75 * rates["diverge"]
    return [lambda: bp.draw_regimes(5.7, -23.1, 50.1, examples, 8)]


def _digits(name: str) -> Callable[[], list[Callable[[], Figure]]]:
    """Notebook 08's drawings, on a short run (its panel lives in lessons/digits.py)."""

    def examples():
        data = bp.digits_data()
        run = bp.train_digits(0.1, 2, 128, 8, data=data)
        predicted = bp.predict_digits(run.net, data.X_test)
        return [
            {
                "draw_training_curves": lambda: bp.draw_training_curves(run),
                "draw_confusion_matrix": lambda: bp.draw_confusion_matrix(
                    bp.confusion_matrix(data.labels_test, predicted)
                ),
                "draw_misclassified": lambda: bp.draw_misclassified(
                    data.images_test, data.labels_test, predicted, run.net.forward(data.X_test)
                ),
                "draw_first_layer_weights": lambda: bp.draw_first_layer_weights(run.net.weights[0]),
                "draw_digit_images": lambda: bp.draw_digit_images(
                    data.images_test[:3], ["a", "b", "c"], "three digits"
                ),
                "draw_digits": lambda: bp.digits_panel().figure,
            }[name]
        ]

    return examples


def _graph_examples() -> list[Callable[[], Figure]]:
    x = bp.Value(3.0, "x")
    y = x * x + x
    y.backward()
    return [lambda: bp.draw_graph(y), lambda: bp.draw_graph(bp.two_two_one_graph()[0])]


def _backward_step_examples() -> list[Callable[[], Figure]]:
    loss, _ = bp.two_two_one_graph()
    return [lambda: bp.draw_backward_step(loss, 0), lambda: bp.draw_backward_step(loss, 20)]


def _deep_examples() -> dict[str, list[Callable[[], Figure]]]:
    """Notebook 07's drawings, small (its panel lives in its lesson module)."""
    return {
        "draw_depth_gradients": [lambda: bp.draw_depth_gradients((2, 3), max_depth=3, width=8)],
        "draw_spread": [lambda: bp.draw_spread(depth=3, width=8)],
        "draw_deep_network": [
            lambda: bp.draw_deep_network(3, "relu", "he", 0.3, 2),
            lambda: bp.draw_deep_network(3, "relu", "large", 0.3, 2),
        ],
    }


EXAMPLES: dict[str, Callable[[], list[Callable[[], Figure]]]] = {
    "draw_network": _network_examples,
    "draw_regimes": _regimes_examples,
    **{
        name: _digits(name)
        for name in [
            "draw_training_curves",
            "draw_confusion_matrix",
            "draw_misclassified",
            "draw_first_layer_weights",
            "draw_digit_images",
            "draw_digits",
        ]
    },
    "draw_graph": _graph_examples,
    "draw_backward_step": _backward_step_examples,
    **{name: (lambda name=name: _deep_examples()[name]) for name in _deep_examples()},
}


def drawing_functions() -> dict[str, Callable]:
    """Every public draw_* function of the package and of the lessons' modules."""
    found = {name: getattr(bp, name) for name in bp.__all__ if name.startswith("draw_")}
    for module_name in bp.lessons.__all__:
        module = getattr(bp.lessons, module_name)
        for name, value in vars(module).items():
            if name.startswith("draw_") and inspect.isfunction(value):
                found.setdefault(name, value)
    return found


def panel_functions() -> dict[str, Callable]:
    return {
        name: value
        for name, value in vars(panels).items()
        if name.endswith("_panel")
        and inspect.isfunction(value)
        and value.__module__ == panels.__name__
    }


def figure_makers() -> list[tuple[str, Callable[[], Figure]]]:
    makers = [(name, lambda p=panel: p().figure) for name, panel in panel_functions().items()]
    for name, examples in EXAMPLES.items():
        makers += [(f"{name}[{i}]", example) for i, example in enumerate(examples())]
    return makers


def test_every_drawing_function_is_drawn_here():
    assert panel_functions(), "no widget panels found"
    drawn_by_panels = {
        getattr(panel().draw, "__name__", "") for panel in panel_functions().values()
    }
    missing = set(drawing_functions()) - drawn_by_panels - set(EXAMPLES)
    assert not missing, f"add an example call to EXAMPLES in {__name__} for: {sorted(missing)}"


def test_every_drawing_function_applies_the_series_style():
    wrapper = style.styled(lambda: None).__code__
    for name, draw in drawing_functions().items():
        assert draw.__code__ is wrapper, f"{name} does not apply the series' style (@styled)"


def small_texts(fig: Figure) -> list[tuple[str, float]]:
    """The visible texts of ``fig`` below MIN_POINTS, as (text, size)."""
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts, "no text at all"
    return sorted(
        {(t.get_text()[:40], t.get_fontsize()) for t in texts if t.get_fontsize() < MIN_POINTS}
    )


def colour_only_pairs(fig: Figure) -> list[str]:
    """Pairs of lines in one axes that differ in colour but in neither line style nor marker."""
    pairs = []
    for ax in fig.axes:
        lines = [
            line
            for line in ax.get_lines()
            if line.get_visible()
            and (line.get_linestyle() not in ("None", "") or line.get_marker() not in ("None", ""))
        ]
        for a, b in itertools.combinations(lines, 2):
            same_look = (a.get_linestyle(), a.get_marker()) == (b.get_linestyle(), b.get_marker())
            if same_look and to_rgba(a.get_color()) != to_rgba(b.get_color()):
                pairs.append(f"{a.get_label()!r} and {b.get_label()!r} in {ax.get_title()!r}")
    return pairs


@pytest.mark.parametrize(
    ("name", "make"), figure_makers(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_no_text_below_10_points_and_no_series_told_apart_by_colour_alone(name, make):
    with matplotlib.rc_context(SMALL):
        fig = make()
        FigureCanvasAgg(fig).draw()  # ticks and legends exist once drawn
        assert small_texts(fig) == [], f"{name}: text below {MIN_POINTS} pt"
        assert colour_only_pairs(fig) == [], f"{name}: lines told apart by colour alone"


def test_the_checks_catch_small_text_and_lines_told_apart_by_colour_alone():
    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], "-", color="k", label="a")
    ax.plot([0, 1], [1, 0], "-", color="r", label="b")
    ax.set_title("tiny", fontsize=8)
    FigureCanvasAgg(fig).draw()
    assert ("tiny", 8.0) in small_texts(fig)
    assert colour_only_pairs(fig) == ["'a' and 'b' in 'tiny'"]


def test_the_style_uses_the_colour_blind_safe_cycle_with_a_line_style_per_colour():
    params = matplotlib.rc_params_from_file(style.STYLE, use_default_template=False)
    cycle = params["axes.prop_cycle"].by_key()
    reference = matplotlib.style.library["tableau-colorblind10"]["axes.prop_cycle"].by_key()
    assert [to_hex(c) for c in cycle["color"]] == [to_hex(c) for c in reference["color"]]
    assert len(set(map(str, cycle["linestyle"]))) == len(cycle["color"])
    named = [
        style.BLUE,
        style.ORANGE,
        style.GREY,
        style.DARK_GREY,
        style.LIGHT_BLUE,
        style.DARK_ORANGE,
    ]
    assert [to_hex(c) for c in named] == [to_hex(c) for c in cycle["color"][: len(named)]]
    sizes = [params[key] for key in params if key.endswith(("size", "labelsize", "fontsize"))]
    assert sizes and all(float(size) >= MIN_POINTS for size in sizes)


def test_use_style_makes_it_the_default():
    with matplotlib.rc_context(SMALL):
        bp.use_style()
        ax = Figure().subplots()
        (first,) = ax.plot([0, 1], [0, 1])
        (second,) = ax.plot([0, 1], [1, 0])
        ax.set_title("t")
        assert ax.title.get_fontsize() >= MIN_POINTS
        assert to_hex(first.get_color()) == style.BLUE.lower()
        assert first.get_linestyle() != second.get_linestyle()
