"""scalar_descent against the Q&A question's printed iterates, the closed form and the MLP."""

import math
import warnings

import numpy as np
import pytest

import backprop_lib as bp
from tests.conftest import QA_PRINTED


def test_seed_iterates_to_the_printed_digits(qa_example):
    traj = bp.scalar_descent(*qa_example)
    assert traj.w.shape == traj.cost.shape == (21,)
    assert traj.w[0] == -23.1
    assert [f"{w:.5g}" for w in traj.w[1:]] == QA_PRINTED
    assert f"{5.7 * traj.w[-1]:.5g}" == "50.099"  # the Q&A question's a = x w
    assert not traj.diverged and traj.diverged_at is None


def test_same_iterates_from_a_one_by_one_mlp(qa_example):
    """The thread of numbers: a 1-1 identity network without biases, loss='sse'."""
    x, w0, target, lr, iterations = qa_example
    net = bp.MLP([[[w0]]], None, "identity", loss="sse")
    X, Y = np.array([[x]]), np.array([[target]])
    weights = [net.weights[0][0, 0]]
    for _ in range(iterations):
        net.step(X, Y, lr)
        weights.append(net.weights[0][0, 0])
    np.testing.assert_allclose(weights, bp.scalar_descent(*qa_example).w, rtol=1e-12)
    assert [f"{w:.5g}" for w in weights[1:]] == QA_PRINTED
    assert net.biases is None and net.gradients(X, Y)[1] is None


def test_cost_is_the_cost_of_each_iterate(qa_example):
    traj = bp.scalar_descent(*qa_example)
    np.testing.assert_allclose(traj.cost, (5.7 * traj.w - 50.1) ** 2)
    assert np.all(np.diff(traj.cost) < 0)  # monotone convergence at R = 0.007


def test_closed_form_matches_iterates(qa_example):
    x, w0, target, lr, iterations = qa_example
    traj = bp.scalar_descent(*qa_example)
    w_star = target / x
    q = bp.contraction_factor(x, lr)
    assert q == pytest.approx(1 - 2 * lr * x * x)
    np.testing.assert_allclose(traj.w - w_star, q ** np.arange(iterations + 1) * (w0 - w_star))


def test_zero_iterations_returns_the_start():
    traj = bp.scalar_descent(2.0, 1.5, 3.0, 0.1, 0)
    assert traj.w.tolist() == [1.5] and traj.cost.tolist() == [0.0]


def test_divergent_rate_is_reported_cleanly(qa_example):
    x, w0, target, _, iterations = qa_example
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = bp.scalar_descent(x, w0, target, 0.05, iterations)
    assert traj.diverged is True
    assert isinstance(traj.diverged_at, int) and 0 < traj.diverged_at <= iterations
    assert len(traj.w) == len(traj.cost) == traj.diverged_at
    assert np.all(np.isfinite(traj.w)) and np.all(np.isfinite(traj.cost))
    assert traj.cost.max() <= bp.training.DIVERGENCE_FACTOR * traj.cost[0]
    # The step at diverged_at really would have passed the bound.
    q = 1 - 2 * 0.05 * x * x
    next_error = q**traj.diverged_at * (w0 - target / x)
    assert (x * next_error) ** 2 > bp.training.DIVERGENCE_FACTOR * traj.cost[0]


def test_a_start_whose_cost_overflows_has_no_finite_iterate():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = bp.scalar_descent(1e200, 1.0, 0.0, 0.1, 3)
    assert traj.diverged and traj.diverged_at == 0 and len(traj.w) == len(traj.cost) == 0


def test_extreme_rate_overflows_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = bp.scalar_descent(1e100, 1.0, 0.0, 1e100, 50)
    assert traj.diverged and traj.diverged_at == 1 and traj.w.tolist() == [1.0]


@pytest.mark.parametrize(
    ("lr_of_x", "name"),
    [
        (lambda x: 0.5 / (2 * x * x), "converges monotonically"),
        (lambda x: 1 / (2 * x * x), "converges in one step"),
        (lambda x: 1.5 / (2 * x * x), "oscillates and converges"),
        (lambda x: 1 / (x * x), "oscillates with constant amplitude"),
        (lambda x: 1.2 / (x * x), "diverges"),
    ],
)
def test_regimes_match_the_iterates(lr_of_x, name):
    x, w0, target = 5.7, -23.1, 50.1
    lr = lr_of_x(x)
    assert bp.regime(x, lr) == name
    error = bp.scalar_descent(x, w0, target, lr, 6).w - target / x
    ratios = error[1:] / error[:-1] if name != "converges in one step" else None
    if name == "converges monotonically":
        assert np.all((ratios > 0) & (ratios < 1))
    elif name == "converges in one step":
        assert abs(error[1]) < 1e-12 * abs(error[0])
    elif name == "oscillates and converges":
        assert np.all((ratios < 0) & (ratios > -1))
    elif name == "oscillates with constant amplitude":
        np.testing.assert_allclose(ratios, -1.0, rtol=1e-9)
    else:
        assert np.all(ratios < -1)


def test_critical_rates_of_the_seed():
    rates = bp.critical_rates(5.7)
    assert rates["one_step"] == pytest.approx(1 / (2 * 5.7**2))
    assert rates["diverge"] == pytest.approx(0.0308, abs=5e-5)
    assert math.isclose(rates["diverge"], 2 * rates["one_step"])


@pytest.mark.parametrize(
    ("function", "arguments", "name"),
    [
        (bp.scalar_cost, {"x": "5.7", "w": 1.0, "target": 50.1}, "x"),
        (bp.scalar_gradient, {"x": 5.7, "w": [1.0, float("nan")], "target": 50.1}, "w"),
        (bp.scalar_cost, {"x": 5.7, "w": 1.0, "target": float("inf")}, "target"),
        (bp.chain_cost, {"x": 5.7, "w1": np.ones((2, 2)), "w2": "2", "target": 50.1}, "w2"),
    ],
)
def test_the_cost_functions_name_a_bad_argument(function, arguments, name):
    with pytest.raises((TypeError, ValueError), match=rf"^{name} "):
        function(**arguments)
