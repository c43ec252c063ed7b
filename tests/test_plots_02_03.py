"""Notebooks 02-03: the two-weight chain runs, the logic-gate training, their drawings and
panels, called without a browser."""

import matplotlib
import numpy as np
import pytest

import backprop_lib as bp
from backprop_lib.lessons import logic_gates, panels, two_weights

matplotlib.use("Agg")
X, TARGET = bp.ONE_WEIGHT["x"], bp.ONE_WEIGHT["target"]


def test_simultaneous_descent_is_gradient_descent_on_both_weights():
    lr, w1, w2 = 0.0005, 2.5, -1.5
    path = two_weights.simultaneous_descent(X, TARGET, w1, w2, lr, 3)
    for k in range(3):  # the update written out: both partials from the same point
        r = X * path.w1[k] * path.w2[k] - TARGET
        assert path.w1[k + 1] == pytest.approx(path.w1[k] - lr * 2 * r * path.w2[k] * X)
        assert path.w2[k + 1] == pytest.approx(path.w2[k] - lr * 2 * r * path.w1[k] * X)
    np.testing.assert_allclose(path.cost, two_weights.chain_cost(X, path.w1, path.w2, TARGET))
    assert path.diverged_at is None


def test_sequential_descent_moves_one_weight_at_a_time():
    path = two_weights.sequential_descent(X, TARGET, 2.5, -1.5, 0.0005, 10)
    assert len(path.w1) == 21
    assert np.all(path.w1[:11] == 2.5) and np.all(np.diff(path.w2[:11]) != 0)
    assert np.all(path.w2[10:] == path.w2[10]) and np.all(np.diff(path.w1[10:]) != 0)
    np.testing.assert_allclose(path.cost, two_weights.chain_cost(X, path.w1, path.w2, TARGET))


def test_divergence_stops_the_runs():
    path = two_weights.simultaneous_descent(X, TARGET, 2.5, -1.5, 0.01, 50)
    assert path.diverged_at is not None and len(path.cost) == path.diverged_at
    assert np.all(np.isfinite(path.cost))


def test_sigmoid_chain_gradient_reaching_w1_has_the_sigmoid_factor():
    net = two_weights.chain_network(0.1, 60.0, "sigmoid")
    dW, _ = net.gradients(np.array([X]), np.array([TARGET]))
    z = X * 0.1
    a1 = 1 / (1 + np.exp(-z))
    assert dW[0][0, 0] == pytest.approx(2 * (60.0 * a1 - TARGET) * 60.0 * a1 * (1 - a1) * X)


def test_chain_drawing_echoes_inputs_and_draws_both_paths():
    fig = bp.draw_chain_descent(0.0005, 40, 2.5, -1.5)
    assert fig.get_suptitle().startswith("lr = 0.0005, 40 iterations, start (w₁, w₂) = (2.5, -1.5)")
    ax_s, ax_c = fig.axes[0], fig.axes[1]  # surface, cost curves (then the colour bar)
    labels = [line.get_label() for line in ax_s.lines]
    assert "simultaneous (backprop)" in labels and "sequential (w₂ first, then w₁)" in labels
    both = two_weights.simultaneous_descent(X, TARGET, 2.5, -1.5, 0.0005, 40)
    drawn = ax_s.lines[labels.index("simultaneous (backprop)")]
    np.testing.assert_allclose(drawn.get_xdata(), both.w1)
    assert len(ax_c.lines) == 2 and ax_s.get_xlabel() == "w₁" and ax_s.get_ylabel() == "w₂"
    again = bp.draw_chain_descent(0.01, 30, 1.0, 1.0, sequential=False, fig=fig)
    assert again is fig and "diverged" in fig.get_suptitle()
    assert len(fig.axes[1].lines) == 1


def test_gate_data_and_training():
    Xg, Y = logic_gates.gate_data("AND")
    assert Xg.shape == (2, 4) and Y.tolist() == [[0, 0, 0, 1]]
    with pytest.raises(ValueError, match="task"):
        logic_gates.gate_data("OR")
    run = logic_gates.train_gate("AND", 3.0, 1000, seed=0)
    assert run.solved and run.losses[-1] < run.losses[0] and run.net.biases is not None
    np.testing.assert_allclose(run.outputs, run.net.forward(Xg)[0])
    results = [logic_gates.train_gate("XOR", 3.0, 2000, seed=s).solved for s in range(20)]
    assert 0 < sum(results) < 20  # some starts solve XOR, some get stuck


def test_gate_drawing_says_solved_or_stuck():
    stuck = next(s for s in range(20) if not logic_gates.train_gate("XOR", 3.0, 2000, s).solved)
    fig = bp.draw_gate_training(3.0, 2000, stuck, "XOR")
    assert fig.get_suptitle().startswith(f"XOR: lr = 3, 2000 steps, seed {stuck}: NOT solved")
    fig = bp.draw_gate_training(3.0, 1000, 0, "AND", fig=fig)
    assert "AND: lr = 3, 1000 steps, seed 0: solved" in fig.get_suptitle()
    ax_l, ax_t = fig.axes[0], fig.axes[1]
    assert len(ax_l.lines[0].get_xdata()) == 1000
    assert ax_t.get_title() == "learned truth table (AND)" and len(ax_t.patches) == 8


def test_panels_defaults_and_redraw():
    box = panels.chain_panel()
    lr = box.controls["lr"]
    assert lr.step is None and lr.value == 0.0005
    assert set(box.controls) == {"lr", "iterations", "w1", "w2"}
    box.controls["w1"].value = 1.0
    assert "start (w₁, w₂) = (1, -1.5)" in box.figure.get_suptitle()
    gate = panels.gate_panel()
    assert gate.controls["lr"].step is None and set(gate.controls) >= {"lr", "iterations", "seed"}
    gate.controls["task"].value = "AND"
    gate.controls["iterations"].value = 500
    assert gate.figure.get_suptitle().startswith("AND: lr = 3, 500 steps, seed 0")
