"""bp.draw_network: the drawn labels, edges and numbers, read back from the figure."""

import itertools

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import backprop_lib as bp

matplotlib.use("Agg")


def texts(fig, gid):
    return [t.get_text() for t in fig.axes[0].texts if t.get_gid() == gid]


def test_sizes_draw_units_and_edges_in_the_series_notation():
    fig = bp.draw_network([2, 4, 3, 2])
    ax = fig.axes[0]
    edges = [line for line in ax.lines if line.get_gid() == "edge"]
    assert len(edges) == 2 * 4 + 4 * 3 + 3 * 2
    assert len([p for p in ax.patches if p.get_gid() == "unit"]) == 11
    units = texts(fig, "unit-label")
    assert units[:3] == ["$x_{1}$", "$x_{2}$", "$a^{(1)}_{1}$"] and units[-1] == "$a^{(3)}_{2}$"
    weights = texts(fig, "weight")
    assert len(weights) == 26 and "$w^{(2)}_{34}$" in weights and "$w^{(1)}_{42}$" in weights
    assert texts(fig, "gradient") == [] and texts(fig, "bias") == []
    assert ax.get_title() == "network 2-4-3-2"


def test_edge_endpoints_run_from_source_to_destination():
    fig = bp.draw_network([2, 3])
    edges = [line for line in fig.axes[0].lines if line.get_gid() == "edge"]
    centres = [p.center for p in fig.axes[0].patches]
    # Edge order: destination i, then source j; w^{(1)}_{ij} joins x_j to a^{(1)}_i.
    for k, line in enumerate(edges):
        i, j = divmod(k, 2)
        assert tuple(line.get_xydata()[0]) == pytest.approx(centres[j])
        assert tuple(line.get_xydata()[1]) == pytest.approx(centres[2 + i])
    assert texts(fig, "weight")[1] == "$w^{(1)}_{12}$"


def test_mlp_values_gradients_and_deltas():
    net = bp.two_two_one_network()
    x, y = bp.TWO_TWO_ONE["x"], bp.TWO_TWO_ONE["y_t"]
    dW, _ = net.gradients(x, y)
    deltas = net.deltas(x, y)
    fig = bp.draw_network(
        net,
        gradients=dW,
        unit_values=deltas,
        unit_names=[["x1", "x2"], ["A1", "A2"], ["A3"]],
        weight_names=[[["w11", "w12"], ["w21", "w22"]], [["w31", "w32"]]],
    )
    assert texts(fig, "unit-label") == ["x1", "x2", "A1", "A2", "A3"]
    assert texts(fig, "weight") == [
        "w11 = 0.1", "w12 = 0.8", "w21 = 0.4", "w22 = 0.6", "w31 = 0.3", "w32 = 0.9"
    ]  # fmt: skip
    flat = np.concatenate([g.ravel() for g in dW])
    assert texts(fig, "gradient") == [f"∂ {g:.3g}" for g in flat]
    assert texts(fig, "unit-value") == [f"δ = {d:.3g}" for d in np.concatenate(deltas).ravel()]
    plain = bp.draw_network(net, weight_labels=False, title="the 2-2-1 network")
    assert texts(plain, "weight") == [] and plain.axes[0].get_title() == "the 2-2-1 network"
    assert len([line for line in plain.axes[0].lines if line.get_gid() == "edge"]) == 6


def test_biases_and_redraw_into_the_same_figure():
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=1)
    fig = bp.draw_network(net)
    assert texts(fig, "bias") == ["b = 0"] * 4
    again = bp.draw_network([1, 1, 1], fig=fig, unit_values=[None, [0.5], [2.0]])
    assert again is fig and len(fig.axes) == 1
    assert texts(fig, "unit-value") == ["δ = 0.5", "δ = 2"]


def _net_2432():
    """Notebook 04's network: 2-4-3-2, sigmoid, random weights and biases."""
    net = bp.MLP.random([2, 4, 3, 2], "sigmoid", seed=2)
    rng = np.random.default_rng(2)
    for b in net.biases:
        b[...] = rng.normal(0.0, 0.5, size=b.shape)
    return net, np.array([0.6, -0.4]), np.array([1.0, 0.0])


def _drawings():
    net, x, y = _net_2432()
    small = bp.two_two_one_network()
    xs, ys = bp.TWO_TWO_ONE["x"], bp.TWO_TWO_ONE["y_t"]
    names = {
        "unit_names": [["x1", "x2"], ["A1", "A2"], ["A3"]],
        "weight_names": [[["w11", "w12"], ["w21", "w22"]], [["w31", "w32"]]],
    }
    yield "2-4-3-2 symbols", lambda: bp.draw_network([2, 4, 3, 2])
    yield "2-4-3-2 deltas", lambda: bp.draw_network(net, unit_values=net.deltas(x, y))
    yield (
        "2-4-3-2 gradients",
        lambda: bp.draw_network(
            net, gradients=net.gradients(x, y)[0], unit_values=net.deltas(x, y)
        ),
    )
    yield (
        "2-2-1 names, gradients, deltas",
        lambda: bp.draw_network(
            small, gradients=small.gradients(xs, ys)[0], unit_values=small.deltas(xs, ys), **names
        ),
    )
    yield "1-1-2 symbols", lambda: bp.draw_network([1, 1, 2])
    yield (
        "3-5-5-2 gradients",
        lambda: bp.draw_network(
            bp.MLP.random([3, 5, 5, 2], "tanh", seed=0),
            gradients=[np.full(s, -0.000123) for s in ((5, 3), (5, 5), (2, 5))],
        ),
    )


@pytest.mark.parametrize(("name", "draw"), list(_drawings()), ids=[n for n, _ in _drawings()])
def test_labels_are_10_pt_and_never_overlap(name, draw):
    fig = draw()
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    assert all(t.get_fontsize() >= 10 for t in ax.texts) and ax.title.get_fontsize() >= 10
    labels = [t for t in ax.texts if t.get_gid() in ("weight", "gradient", "unit-value", "bias")]
    boxes = [t.get_window_extent(renderer) for t in labels]
    figure_box = fig.bbox
    for box in boxes:  # inside the figure
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1
        assert figure_box.y0 <= box.y0 and box.y1 <= figure_box.y1
    clashes = [
        (labels[a].get_text(), labels[b].get_text())
        for a, b in itertools.combinations(range(len(labels)), 2)
        if boxes[a].overlaps(boxes[b])
    ]
    assert clashes == [], f"{name}: overlapping labels {clashes[:3]}"


def test_a_label_without_room_is_left_out_and_the_title_says_so():
    from matplotlib.figure import Figure

    fig = bp.draw_network([2, 4, 3, 2], fig=Figure(figsize=(4.0, 3.0)))
    assert tuple(fig.get_size_inches()) == pytest.approx((4.0, 3.0))  # a given figure stays
    left_out = 26 - len(texts(fig, "weight"))
    assert left_out > 0 and fig.axes[0].get_title().endswith(f"({left_out} labels without room)")
    assert tuple(bp.draw_network([2, 4, 3, 2]).get_size_inches()) == pytest.approx((10.4, 6.8))


def test_small_networks_keep_their_figure_size():
    # Notebooks 02, 03 and 05 store these sizes in their outputs.
    assert tuple(bp.draw_network([1, 1, 1]).get_size_inches()) == pytest.approx((6.0, 2.25))
    assert tuple(bp.draw_network([2, 2, 1]).get_size_inches()) == pytest.approx((6.0, 3.2))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ("22", {}, TypeError, "net_or_sizes"),
        ([2], {}, ValueError, "net_or_sizes"),
        ([2, 0], {}, ValueError, r"net_or_sizes\[1\]"),
        ([2, 1], {"gradients": [np.zeros((2, 1))]}, ValueError, r"gradients\[0\]"),
        ([2, 1], {"gradients": np.zeros((1, 2))}, TypeError, "gradients"),
        ([2, 1], {"unit_values": [[1.0, 2.0]]}, ValueError, "unit_values"),
        ([2, 1], {"unit_names": [["a", "b"]]}, ValueError, "unit_names"),
        ([2, 1], {"weight_names": [[["w"]]]}, ValueError, "weight_names"),
        ([2, 1], {"weight_labels": "yes"}, TypeError, "weight_labels"),
    ],
)
def test_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        bp.draw_network(args, **kwargs)
