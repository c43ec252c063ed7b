"""Notebook 06's lesson module: the 2-2-1 network as a Value graph against MLP, the backward
pass step by step, the = instead of += bug, and the drawings read back from the figures."""

import itertools
import math

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

import backprop_lib as bp
from backprop_lib.lessons import computational_graph as cg
from backprop_lib.lessons import panels

Value = bp.Value

matplotlib.use("Agg")

TWO_TWO_ONE = bp.TWO_TWO_ONE
X, Y_T = TWO_TWO_ONE["x"], TWO_TWO_ONE["y_t"]


def by_gid(fig, gid, kind="patches"):
    return [a for ax in fig.axes for a in getattr(ax, kind) if a.get_gid() == gid]


def texts(fig, gid):
    return [t.get_text() for t in by_gid(fig, gid, "texts")]


def x_squared_plus_x():
    x = Value(3.0, "x")
    y = x * x + x
    y.label = "y"
    return x, y


# --------------------------------------------------------------------- the 2-2-1 network
def test_two_two_one_graph_gives_the_mlp_gradients_and_deltas():
    E, nodes = cg.two_two_one_graph()
    E.backward()
    net = bp.two_two_one_network()
    assert E.data == pytest.approx(net.loss(X, Y_T), rel=1e-14)
    dW, db = net.gradients(X, Y_T)
    assert db is None
    for i, j in np.ndindex(2, 2):
        assert nodes[f"w{i + 1}{j + 1}"].grad == pytest.approx(dW[0][i, j], rel=1e-12)
    for j in range(2):
        assert nodes[f"w3{j + 1}"].grad == pytest.approx(dW[1][0, j], rel=1e-12)
    deltas = net.deltas(X, Y_T)  # each unit's δ is the gradient of its z node
    assert [nodes[f"z{i}"].grad for i in (1, 2)] == pytest.approx(deltas[0].ravel(), rel=1e-12)
    assert nodes["z3"].grad == pytest.approx(deltas[1].item(), rel=1e-12)
    # x1 and x2 feed both hidden units: their gradients add two paths
    assert nodes["x1"].grad == pytest.approx(
        deltas[0][0].item() * 0.1 + deltas[0][1].item() * 0.4, rel=1e-12
    )


def test_two_two_one_graph_against_a_hand_written_forward_pass():
    def loss(w11, w12, w21, w22, w31, w32):
        s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
        a1, a2 = s(w11 * X[0] + w12 * X[1]), s(w21 * X[0] + w22 * X[1])
        return 0.5 * (s(w31 * a1 + w32 * a2) - Y_T[0]) ** 2

    rng = np.random.default_rng(6)
    w = rng.normal(size=6)
    E, nodes = cg.two_two_one_graph(w[:4].reshape(2, 2), w[4:].reshape(1, 2))
    E.backward()
    names = ["w11", "w12", "w21", "w22", "w31", "w32"]
    assert E.data == pytest.approx(loss(*w), rel=1e-14)
    for k, name in enumerate(names):
        up, down = w.copy(), w.copy()
        up[k] += 1e-6
        down[k] -= 1e-6
        fd = (loss(*up) - loss(*down)) / 2e-6
        assert nodes[name].grad == pytest.approx(fd, rel=1e-6, abs=1e-10)
    with pytest.raises(ValueError, match=r"w_hidden must have shape \(2, 2\)"):
        cg.two_two_one_graph(np.ones((2, 3)))


@pytest.mark.parametrize(
    ("w_hidden", "w_out", "error", "match"),
    [
        (np.ones((2, 3)), None, ValueError, r"w_hidden must have shape \(2, 2\), got \(2, 3\)"),
        (None, np.ones(2), ValueError, "w_out must be 2-D"),
        (None, np.ones((2, 1)), ValueError, r"w_out must have shape \(1, 2\), got \(2, 1\)"),
        ([["a", "b"], ["c", "d"]], None, TypeError, "w_hidden must be an array of numbers"),
        ([[1.0, np.nan], [0.0, 1.0]], None, ValueError, "w_hidden contains non-finite values"),
        ([[10**400, 0], [0, 1]], None, ValueError, "w_hidden has values beyond the float64"),
        (None, [[1 + 2j, 0]], TypeError, "w_out must hold real numbers"),
        ("w", None, TypeError, "w_hidden must be an array of numbers"),
    ],
)
def test_bad_weights_for_the_graph_are_refused_naming_the_argument(w_hidden, w_out, error, match):
    """The weights go through ``_validate.shaped_array`` (not a bare ``np.asarray``): a bad
    one is a ValueError or TypeError naming it, and nothing given or stored is changed."""
    given = repr((w_hidden, w_out))
    stored = (TWO_TWO_ONE["w_hidden"].copy(), TWO_TWO_ONE["w_out"].copy())
    with pytest.raises(error, match=match):
        cg.two_two_one_graph(w_hidden, w_out)
    assert repr((w_hidden, w_out)) == given
    np.testing.assert_array_equal(TWO_TWO_ONE["w_hidden"], stored[0])
    np.testing.assert_array_equal(TWO_TWO_ONE["w_out"], stored[1])


def test_training_through_the_graph_takes_the_same_steps_as_mlp_fit():
    run = cg.train_two_two_one_graph(2.0, 30)
    net = bp.two_two_one_network()
    losses = net.fit(X.reshape(2, 1), Y_T.reshape(1, 1), 2.0, 30)
    assert run.losses.shape == (31,)
    np.testing.assert_allclose(run.losses[:-1], losses, rtol=1e-12)
    np.testing.assert_allclose(run.w_hidden, net.weights[0], rtol=1e-12)
    np.testing.assert_allclose(run.w_out, net.weights[1], rtol=1e-12)
    assert run.losses[-1] == pytest.approx(net.loss(X, Y_T), rel=1e-12)
    assert cg.train_two_two_one_graph(2.0, 0).losses.shape == (1,)
    for bad, error in [((0.0, 3), ValueError), ((1.0, -1), ValueError), ((1.0, 2.5), TypeError)]:
        with pytest.raises(error):
            cg.train_two_two_one_graph(*bad)


# --------------------------------------------------------------------- the steps
def test_backward_steps_follow_the_reverse_pass_and_end_at_its_gradients():
    E, nodes = cg.two_two_one_graph()
    steps = cg.backward_steps(E)
    assert all(node.grad == 0.0 for node in E.topological_order())  # nothing changed
    order = E.topological_order()
    assert len(steps) == sum(len(node.inputs) for node in order) == 26
    place = {node: k for k, node in enumerate(order)}
    consumers = [place[s.consumer] for s in steps]
    assert consumers == sorted(consumers, reverse=True)  # consumers in reverse topological order
    final = {s.node: s.after for s in steps}
    E.backward()
    for node in order[:-1]:
        assert final[node] == node.grad
    for s in steps:
        assert s.product == s.upstream * s.local and s.after == s.before + s.product
        assert s.upstream == s.consumer.grad  # complete when it is passed on
    fan_out = [s for s in steps if s.node is nodes["x1"]]
    assert [(s.path, s.paths) for s in fan_out] == [(1, 2), (2, 2)]
    assert fan_out[1].before == fan_out[0].after


def test_step_description_names_both_factors_and_the_fan_out():
    _, y = x_squared_plus_x()
    steps = cg.backward_steps(y)
    assert [(cg.node_name(s.node), s.path, s.paths) for s in steps] == [
        ("(×)", 1, 1), ("x", 1, 3), ("x", 2, 3), ("x", 3, 3)
    ]  # fmt: skip
    assert [s.after for s in steps[1:]] == [1.0, 4.0, 7.0]
    line = cg.step_description(steps[2], "y")
    assert line.startswith("∂y/∂x += ∂y/∂(×) × ∂(×)/∂x = 1 × 3 = 3")
    assert "(path 2 of 3: 1 + 3 = 4)" in line
    E, _ = cg.two_two_one_graph()
    first = cg.step_description(cg.backward_steps(E)[2], "E")
    assert first.startswith("∂E/∂(A3−y_t) += ∂E/∂((A3−y_t)²) × ∂((A3−y_t)²)/∂(A3−y_t) = ")
    assert "path" not in first
    with pytest.raises(TypeError, match="step must be a BackwardStep"):
        cg.step_description("step 1")
    assert cg.node_name(Value(2.5)) == "2.5"


def test_overwriting_instead_of_adding_is_wrong_exactly_at_a_fan_out():
    x, y = x_squared_plus_x()
    cg.backward_overwriting(y)
    wrong = x.grad
    f = lambda v: v * v + v  # noqa: E731
    fd = (f(3.0 + 1e-6) - f(3.0 - 1e-6)) / 2e-6
    assert abs(wrong - fd) > 1  # the finite difference catches it
    y.backward()
    assert x.grad == pytest.approx(fd, rel=1e-8) and x.grad == 7.0
    # on a tree (no node feeds two others) the two agree
    a, b, c = Value(0.3), Value(-1.1), Value(0.4)
    out = (a * b).tanh() + c.exp() * 2
    cg.backward_overwriting(out)
    overwritten = (a.grad, b.grad, c.grad)
    out.backward()
    assert overwritten == (a.grad, b.grad, c.grad)


# --------------------------------------------------------------------- drawings
def assert_readable(fig):
    for ax in fig.axes:
        for text in [*ax.texts, ax.title, ax.xaxis.label, ax.yaxis.label]:
            if text.get_text():
                assert text.get_fontsize() >= 10, text.get_text()
        for label in ax.get_xticklabels() + ax.get_yticklabels():
            assert label.get_fontsize() >= 10


def test_draw_graph_has_one_box_per_node_an_op_per_result_and_an_edge_per_input():
    E, nodes = cg.two_two_one_graph()
    E.backward()
    fig = cg.draw_graph(E)
    order = E.topological_order()
    assert isinstance(fig, Figure)
    assert len(by_gid(fig, "node")) == len(order) == 25
    assert len(by_gid(fig, "op")) == sum(1 for n in order if n.inputs) == 15
    assert len(by_gid(fig, "edge")) == 26
    assert sorted(texts(fig, "op-text")) == sorted(["×"] * 7 + ["+"] * 3 + ["σ"] * 3 + ["−", "^2"])
    labels = texts(fig, "node-text")
    assert f"w31 = {nodes['w31'].data:.4g}\ngrad {nodes['w31'].grad:.4g}" in labels
    assert all(t.endswith(f"grad {n.grad:.4g}") for t, n in zip(labels, order, strict=True))
    assert_readable(fig)


def test_layout_rows_follow_the_forward_pass():
    E, nodes = cg.two_two_one_graph()
    layout = cg.graph_layout(E)
    y = {name: layout.positions[node][1] for name, node in nodes.items()}
    assert y["x1"] == y["w11"] < y["w11·x1"] < y["z1"] < y["A1"] == y["w31"] < y["E"]
    assert y["y_t"] == y["A3"]  # a leaf sits just below its first consumer
    boxes = sorted(
        (layout.positions[n][1], layout.positions[n][0], layout.widths[n]) for n in layout.order
    )
    for (y0, x0, w0), (y1, x1, w1) in itertools.pairwise(boxes):
        if y0 == y1:
            assert x1 - x0 >= (w0 + w1) / 2  # boxes of a row do not overlap
    width, height = layout.size
    assert all(0 < x < width and 0 < y < height for x, y in layout.positions.values())


def test_draw_backward_step_fills_highlights_and_describes():
    x, y = x_squared_plus_x()
    fig = cg.draw_backward_step(y, 2)  # y, then (×), then x's first path
    boxes = by_gid(fig, "node")
    order = y.topological_order()
    style = {n: b for n, b in zip(order, boxes, strict=True)}
    assert style[x].get_hatch() == "///" and style[x].get_linewidth() == 3.0
    assert style[y].get_hatch() is None and style[y].get_linestyle() == "-"
    assert [b.get_linewidth() for b in boxes].count(3.0) == 1
    lit_edges = [e for e in by_gid(fig, "edge") if e.get_linewidth() == 3.0]
    assert len(lit_edges) == 1
    (note,) = texts(fig, "note")
    assert note == "step 2 of 4: ∂y/∂x += ∂y/∂y × ∂y/∂x = 1 × 1 = 1\n(path 1 of 3: 0 + 1 = 1)"
    assert texts(fig, "node-text")[0] == "x = 3\ngrad 1"  # so far: one path of three
    start = cg.draw_backward_step(y, 0)
    assert texts(start, "note") == ["step 0 of 4: ∂y/∂y = 1"]
    pending = [b for b in by_gid(start, "node") if b.get_linestyle() == "--"]
    assert len(pending) == 2  # (×) and x: not reached yet, drawn dashed
    assert sum("grad ?" in t for t in texts(start, "node-text")) == 2
    done = cg.draw_backward_step(y, 4)
    assert all(b.get_hatch() is None and b.get_linestyle() == "-" for b in by_gid(done, "node"))
    assert texts(done, "node-text")[0] == "x = 3\ngrad 7"
    assert_readable(done)


def test_draw_graph_training_puts_the_loss_beside_the_graph_and_redraws_in_place():
    fig = cg.draw_graph_training(5, 1.0, 20)
    graph_ax, loss_ax = fig.axes
    (curve,) = loss_ax.lines
    assert len(curve.get_xdata()) == 21
    np.testing.assert_allclose(curve.get_ydata(), cg.train_two_two_one_graph(1.0, 20).losses)
    assert loss_ax.get_title() == "lr = 1, 20 iterations"
    lx0, ly0, lx1, ly1 = loss_ax.get_position().extents
    assert graph_ax.get_position().x1 <= lx1 <= 1 and ly1 <= 1
    size = fig.get_size_inches()
    run = cg.train_two_two_one_graph(1.0, 20)
    layout = cg.graph_layout(cg.two_two_one_graph(run.w_hidden, run.w_out)[0])
    # nothing of the graph lies under the loss plot (checked on the boxes' right edges)
    for node, (x, y) in layout.positions.items():
        if y + 0.22 > ly0 * size[1] - 0.6:
            assert x + layout.widths[node] / 2 < lx0 * size[0] - 0.5
    assert texts(fig, "note")[0].startswith("step 5 of 26: ")
    again = cg.draw_graph_training(6, 3.0, 40, fig=fig)
    assert again is fig and again.axes == [graph_ax, loss_ax]
    assert len(by_gid(fig, "node")) == 25 and len(texts(fig, "note")) == 1
    assert len(curve.get_xdata()) == 41 and loss_ax.get_title() == "lr = 3, 40 iterations"
    exact = cg.draw_graph_training(0, 10.0, 100, fig=fig)  # A3 reaches y_t: E is exactly 0
    assert cg.train_two_two_one_graph(10.0, 100).losses[-1] == 0.0
    assert curve.get_ydata()[-1] == bp.lessons.figures.LOG_FLOOR and exact is fig
    assert_readable(fig)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: cg.draw_graph(3.0), TypeError, "out must be a Value"),
        (lambda: cg.backward_steps("E"), TypeError, "out must be a Value"),
        (lambda: cg.backward_overwriting(None), TypeError, "out must be a Value"),
        (lambda: cg.draw_graph(Value(1.0), filled=[1.0]), TypeError, "every node in filled"),
        (lambda: cg.draw_graph(Value(1.0), highlight=2), TypeError, "highlight must be a Value"),
        (lambda: cg.draw_graph(Value(1.0), note=3), TypeError, "note must be a string"),
        (lambda: cg.draw_backward_step(x_squared_plus_x()[1], 5), ValueError, "at most 4"),
        (lambda: cg.draw_backward_step(x_squared_plus_x()[1], -1), ValueError, "k must be"),
        (lambda: cg.draw_backward_step(x_squared_plus_x()[1], 1.0), TypeError, "k must be"),
        (lambda: cg.draw_graph_training(0, -1.0, 3), ValueError, "lr"),
        (lambda: cg.draw_graph_training(0, 1.0, True), TypeError, "iterations"),
    ],
)
def test_bad_drawing_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_a_refused_drawing_leaves_the_figure_it_was_given_as_it_was():
    """The nodes to mark are checked before ``fig`` is cleared: a failed call changes nothing."""
    _, E = x_squared_plus_x()
    fig = cg.draw_graph(E)
    drawn = [(type(a).__name__, a.get_gid()) for ax in fig.axes for a in ax.get_children()]
    size = tuple(fig.get_size_inches())
    for bad in (dict(filled=[1.0]), dict(partial=["x"]), dict(highlight_consumer=2)):
        with pytest.raises(TypeError, match=r"must be a Value|every node in"):
            cg.draw_graph(E, note="a longer note than before, which would widen it", fig=fig, **bad)
        assert [
            (type(a).__name__, a.get_gid()) for ax in fig.axes for a in ax.get_children()
        ] == drawn
        assert tuple(fig.get_size_inches()) == size


def test_a_graph_too_big_to_read_is_refused():
    y = Value(1.0)
    for _ in range(cg.MAX_DRAWN_NODES):
        y = y + 1
    with pytest.raises(
        ValueError, match=f"out's number of graph nodes must be at most {cg.MAX_DRAWN_NODES}"
    ):
        cg.draw_graph(y)


def test_the_graph_panel_steps_trains_and_says_what_it_drew():
    box = panels.graph_panel()
    step, lr, iterations, status, _ = box.children
    assert (step.value, step.min, step.max, step.description) == (0, 0, 26, "backward step (of 26)")
    assert lr.value == 1.0 and lr.step is None and iterations.value == 0 and iterations.min == 0
    assert texts(box.figure, "note") == ["step 0 of 26: ∂E/∂E = 1"]
    first = box.figure
    step.value = 3
    assert box.figure is first and texts(first, "note")[0].startswith(
        "step 3 of 26: ∂E/∂(A3−y_t) += "
    )
    iterations.value = 40
    assert len(first.axes[1].lines[0].get_xdata()) == 41
    assert status.value == (
        "<small>drawn with backward step (of 26) = 3, learning rate = 1, iterations = 40</small>"
    )


def test_the_public_names():
    assert bp.draw_graph is cg.draw_graph and bp.backward_steps is cg.backward_steps
    assert bp.graph_panel is panels.graph_panel and bp.Value is bp.value.Value
    x = bp.Value(3.0)
    y = x * x + x
    y.backward()
    assert x.grad == 7.0


def test_against_torch_autograd_when_installed():
    torch = pytest.importorskip("torch")
    E, nodes = cg.two_two_one_graph()
    E.backward()
    w1 = torch.tensor(TWO_TWO_ONE["w_hidden"], requires_grad=True)
    w2 = torch.tensor(TWO_TWO_ONE["w_out"], requires_grad=True)
    a1 = torch.sigmoid(w1 @ torch.tensor(X))
    loss = 0.5 * ((torch.sigmoid(w2 @ a1) - torch.tensor(Y_T)) ** 2).sum()
    loss.backward()
    assert E.data == pytest.approx(loss.item(), rel=1e-14)
    for i, j in np.ndindex(2, 2):
        assert nodes[f"w{i + 1}{j + 1}"].grad == pytest.approx(w1.grad[i, j].item(), rel=1e-12)
    for j in range(2):
        assert nodes[f"w3{j + 1}"].grad == pytest.approx(w2.grad[0, j].item(), rel=1e-12)
