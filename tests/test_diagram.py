"""bp.draw_network: the drawn labels, edges and numbers, read back from the figure."""

import matplotlib
import numpy as np
import pytest

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
    plain = bp.draw_network(net, weight_labels=False, title="seed 003")
    assert texts(plain, "weight") == [] and plain.axes[0].get_title() == "seed 003"
    assert len([line for line in plain.axes[0].lines if line.get_gid() == "edge"]) == 6


def test_biases_and_redraw_into_the_same_figure():
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=1)
    fig = bp.draw_network(net)
    assert texts(fig, "bias") == ["b = 0"] * 4
    again = bp.draw_network([1, 1, 1], fig=fig, unit_values=[None, [0.5], [2.0]])
    assert again is fig and len(fig.axes) == 1
    assert texts(fig, "unit-value") == ["δ = 0.5", "δ = 2"]


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
