"""MLP: shapes, backprop against finite differences (hypothesis), training, divergence."""

import itertools
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import backprop_lib as bp

ELEMENTWISE = ("identity", "sigmoid", "tanh", "relu")


@st.composite
def network_and_batch(draw):
    """A random network (1–6 units per layer, 1–4 weight layers), any activations and loss,
    and a random batch; the numbers come from a seeded numpy generator."""
    layers = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(1, 6), min_size=layers + 1, max_size=layers + 1))
    loss = draw(st.sampled_from(bp.LOSS_NAMES))
    hidden = draw(st.lists(st.sampled_from(ELEMENTWISE), min_size=layers, max_size=layers))
    if loss == "cross_entropy":
        hidden[-1] = "softmax"
    with_biases = draw(st.booleans())
    m = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    weights = [rng.normal(0, 1, (n_out, n_in)) for n_in, n_out in itertools.pairwise(sizes)]
    biases = [rng.normal(0, 1, n) for n in sizes[1:]] if with_biases else None
    X = rng.normal(0, 1.5, (sizes[0], m))
    if loss == "cross_entropy":
        Y = np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
    else:
        Y = rng.normal(0, 1, (sizes[-1], m))
    return bp.MLP(weights, biases, hidden, loss=loss), X, Y


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(network_and_batch())
def test_gradients_agree_with_finite_differences(case):
    net, X, Y = case
    z, _ = net.forward_all(X)
    if "relu" in net.activations:  # a difference across a kink measures neither side's slope
        assume(min(np.abs(zl).min() for zl in z[1:]) > 1e-4)
    analytic = net.gradients(X, Y)
    # A central difference carries rounding noise of about 1e-16 |L| / eps = 1e-10 |L| per
    # entry; where the gradient is not far above that (saturated units), a relative error
    # measures the noise, not backprop. 1e-3 |L| keeps the noise below 1e-7 of the gradient.
    assume(np.linalg.norm(bp.gradcheck.flatten(analytic)) > 1e-3 * max(1.0, net.loss(X, Y)))
    numeric = bp.numerical_gradients(net, X, Y)
    assert bp.relative_error(analytic, numeric) < 1e-6
    for got, ref in zip(analytic[0], net.weights):
        assert got.shape == ref.shape
    assert (analytic[1] is None) == (net.biases is None)


def test_forward_shapes_and_single_example():
    net = bp.MLP.random([3, 4, 2], "tanh", seed=1)
    X = np.arange(6.0).reshape(3, 2)
    assert net.forward(X).shape == (2, 2)
    np.testing.assert_allclose(net.forward(X[:, 0]), net.forward(X)[:, 0])
    assert net.forward(X[:, 0]).shape == (2,)
    Y = np.ones((2, 2))
    assert net.loss(X[:, 1], Y[:, 1]) == pytest.approx(
        0.5 * np.sum((net.forward(X[:, 1]) - 1) ** 2)
    )


def test_loss_is_the_mean_over_the_batch():
    net = bp.MLP.random([2, 3, 2], "sigmoid", loss="sse", seed=2)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    per_example = [net.loss(X[:, k], Y[:, k]) for k in range(5)]
    assert net.loss(X, Y) == pytest.approx(np.mean(per_example))
    dW, _ = net.gradients(X, Y)
    dW_loop = [
        sum(net.gradients(X[:, k], Y[:, k])[0][layer] for k in range(5)) / 5 for layer in range(2)
    ]
    for got, want in zip(dW, dW_loop):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_deltas_are_dloss_dz():
    """delta^(l) = dl/dz^(l): a bias shifts z^(l) one for one, so central differences in the
    biases measure dl/dz independently of the backward pass."""
    net = bp.MLP.random([2, 4, 3, 2], "sigmoid", seed=3)
    for b in net.biases:
        b[...] = np.random.default_rng(1).normal(size=b.shape)
    x, y = np.array([0.3, -0.7]), np.array([0.1, 0.9])
    _, numeric_db = bp.numerical_gradients(net, x, y)
    for delta, numeric in zip(net.deltas(x, y), numeric_db):
        np.testing.assert_allclose(delta[:, 0], numeric, rtol=1e-6, atol=1e-10)


def test_softmax_cross_entropy_output_delta_is_y_hat_minus_y():
    """dl/dz^(L) by central differences of the loss in the logits z, against y_hat - y."""
    net = bp.MLP.random([2, 3], "softmax", loss="cross_entropy", seed=4)
    x, y = np.array([1.0, -2.0]), np.array([0.0, 1.0, 0.0])
    z = net.forward_all(x)[0][-1][:, 0]
    eps = 1e-6
    numeric = [
        (
            bp.losses.cross_entropy_from_logits((z + eps * e)[:, None], y[:, None])[0]
            - bp.losses.cross_entropy_from_logits((z - eps * e)[:, None], y[:, None])[0]
        )
        / (2 * eps)
        for e in np.eye(3)
    ]
    np.testing.assert_allclose(numeric, net.forward(x) - y, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(net.deltas(x, y)[-1][:, 0], numeric, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(net.forward(x).sum(), 1.0)


def test_random_is_reproducible_and_seeded():
    a = bp.MLP.random([2, 5, 1], "relu", seed=7)
    b = bp.MLP.random([2, 5, 1], "relu", seed=7)
    c = bp.MLP.random([2, 5, 1], "relu", seed=8)
    assert all(np.array_equal(u, v) for u, v in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])
    assert bp.MLP.random([2, 1], "identity", biases=False).biases is None


def test_step_updates_every_parameter_from_one_forward_pass():
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=5)
    X, Y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[1.0, 0.0]])
    before = net.copy()
    dW, db = before.gradients(X, Y)
    loss = net.step(X, Y, 0.5)
    assert loss == pytest.approx(before.loss(X, Y))
    for new, old, g in zip(net.weights, before.weights, dW):
        np.testing.assert_allclose(new, old - 0.5 * g)
    for new, old, g in zip(net.biases, before.biases, db):
        np.testing.assert_allclose(new, old - 0.5 * g)


def test_live_parameter_lists_are_updated_in_place():
    net = bp.MLP.random([1, 1], "identity", seed=0)
    w = net.weights[0]
    net.step([1.0], [2.0], 0.1)
    assert w is net.weights[0]


def test_fit_reduces_the_loss_on_xor():
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    net = bp.MLP.random([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    losses = net.fit(X, Y, 1.0, 2000)
    assert losses.shape == (2000,) and losses.dtype == np.float64
    assert losses[-1] < 0.01 < losses[0]
    np.testing.assert_array_equal(np.round(net.forward(X)), Y)


def test_fit_divergence_is_reported_without_warnings_or_changes():
    net = bp.MLP([[[-23.1]]], None, "identity", loss="sse")
    X, Y = np.array([[5.7]]), np.array([[50.1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(bp.DivergenceError, match=r"lr=0\.05") as info:
            net.fit(X, Y, 0.05, 100)
    error = info.value
    assert 0 < error.iteration < 100
    assert len(error.losses) == error.iteration and np.all(np.isfinite(error.losses))
    assert net.loss(X, Y) == pytest.approx(error.losses[-1])  # the last good parameters
    # The same weight as the scalar run's last iterate within the bound.
    traj = bp.scalar_descent(5.7, -23.1, 50.1, 0.05, 100)
    assert traj.diverged and traj.diverged_at == error.iteration
    assert net.weights[0][0, 0] == pytest.approx(traj.w[-1])


def test_step_that_would_overflow_changes_nothing():
    net = bp.MLP([[[1e200]]], [[1e200]], "identity", loss="sse")
    saved = net.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(bp.DivergenceError):
            net.step([1e100], [0.0], 1e100)
    assert net.weights[0][0, 0] == saved.weights[0][0, 0]
    assert net.biases[0][0] == saved.biases[0][0]


def test_repr_names_the_architecture_without_addresses():
    text = repr(bp.MLP.random([2, 2, 1], "sigmoid"))
    assert text == (
        "MLP(sizes=(2, 2, 1), activations=('sigmoid', 'sigmoid'), loss='half_sse', biases=True)"
    )


def test_fit_until_divergence_returns_what_fit_raises():
    X, Y = np.array([[5.7]]), np.array([[50.1]])
    net = bp.MLP([[[-23.1]]], None, "identity", loss="sse")
    losses, diverged_at = bp.fit_until_divergence(net, X, Y, 0.05, 100)
    with pytest.raises(bp.DivergenceError) as info:
        bp.MLP([[[-23.1]]], None, "identity", loss="sse").fit(X, Y, 0.05, 100)
    assert diverged_at == info.value.iteration
    np.testing.assert_array_equal(losses, info.value.losses)
    assert net.loss(X, Y) == pytest.approx(losses[-1])
    calm = bp.MLP([[[-23.1]]], None, "identity", loss="sse")
    losses, diverged_at = bp.fit_until_divergence(calm, X, Y, 0.007, 20)
    assert diverged_at is None and len(losses) == 20
