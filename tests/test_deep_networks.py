"""Notebook 07's lesson module: initial scales, per-layer statistics against a forward and
backward pass written here, the product-of-factors bound (a property test, and tight on a
chain), the variance formula's quadrature, the two-moons runs, the drawings and the panel."""

import itertools
import math

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop_lib as bp
from backprop_lib.lessons import deep_networks as dn

matplotlib.use("Agg")

# ----------------------------------------------------------------------------- an oracle
# A forward pass and half_sse loss written from the formulas, sharing no code with the library.
FUNCTIONS = {
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "tanh": (np.tanh, lambda z: 1 / np.cosh(z) ** 2),
    "relu": (lambda z: np.where(z > 0, z, 0.0), lambda z: np.where(z > 0, 1.0, 0.0)),
    "identity": (lambda z: z, lambda z: np.ones_like(z)),
}


def oracle_pass(weights, names, X, Y):
    """(activations a^(0..L), deltas delta^(1..L)) for zero biases and half_sse."""
    a, zs = [X], []
    for W, name in zip(weights, names, strict=True):
        zs.append(W @ a[-1])
        a.append(FUNCTIONS[name][0](zs[-1]))
    deltas = [(a[-1] - Y) * FUNCTIONS[names[-1]][1](zs[-1])]
    for l in range(len(weights) - 2, -1, -1):
        deltas.insert(0, (weights[l + 1].T @ deltas[0]) * FUNCTIONS[names[l]][1](zs[l]))
    return a, deltas


def oracle_loss(weights, names, X, Y):
    a = X
    for W, name in zip(weights, names, strict=True):
        a = FUNCTIONS[name][0](W @ a)
    return 0.5 * np.sum((a - Y) ** 2) / X.shape[1]


def oracle_gradient_norms(weights, names, X, Y, eps=1e-6):
    norms = []
    for W in weights:
        g = np.zeros_like(W)
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + eps
            up = oracle_loss(weights, names, X, Y)
            W[index] = saved - eps
            down = oracle_loss(weights, names, X, Y)
            W[index] = saved
            g[index] = (up - down) / (2 * eps)
        norms.append(np.linalg.norm(g))
    return np.array(norms)


# ----------------------------------------------------------------------------- initial scales


@pytest.mark.parametrize(
    ("scheme", "n_in", "n_out", "expected"),
    [
        ("small", 7, 3, 0.01),
        ("large", 7, 3, 1.0),
        ("he", 50, 3, math.sqrt(2 / 50)),
        ("glorot", 10, 30, math.sqrt(2 / 40)),
    ],
)
def test_init_std_is_the_schemes_formula(scheme, n_in, n_out, expected):
    assert dn.init_std(scheme, n_in, n_out) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        (("xavier", 3, 3), ValueError, "scheme"),
        (("he", 0, 3), ValueError, "n_in"),
        (("he", 3, 2.0), TypeError, "n_out"),
    ],
)
def test_init_std_refuses_bad_input_naming_the_argument(args, error, name):
    with pytest.raises(error, match=name):
        dn.init_std(*args)


def test_init_weights_are_seeded_shaped_and_at_the_schemes_scale():
    sizes = [300, 200, 100]
    weights = bp.init_weights(sizes, "he", seed=3)
    assert [W.shape for W in weights] == [(200, 300), (100, 200)]
    for W, n_in in zip(weights, sizes, strict=False):
        assert np.std(W) == pytest.approx(math.sqrt(2 / n_in), rel=0.02)
        assert abs(np.mean(W)) < 0.01
    again = bp.init_weights(sizes, "he", seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(weights, again, strict=True))
    assert not np.array_equal(weights[0], bp.init_weights(sizes, "he", seed=4)[0])
    with pytest.raises(ValueError, match="scheme"):
        bp.init_weights(sizes, "uniform")


# ----------------------------------------------------------------------------- statistics


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_layer_statistics_agree_with_a_pass_written_here(activation):
    rng = np.random.default_rng(5)
    sizes = [3, 4, 4, 2]
    weights = [rng.normal(0, 1, size=(n_out, n_in)) for n_in, n_out in itertools.pairwise(sizes)]
    names = [activation, activation, "identity"]
    X, Y = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    net = bp.MLP(weights, None, names)
    stats = bp.layer_statistics(net, X, Y)
    a, deltas = oracle_pass(weights, names, X, Y)
    np.testing.assert_allclose(stats.activation_std, [np.std(a[1]), np.std(a[2])], rtol=1e-12)
    np.testing.assert_allclose(
        stats.delta_rms, [np.sqrt(np.mean(d**2)) for d in deltas], rtol=1e-12
    )
    np.testing.assert_allclose(
        stats.delta_norms,
        [np.sqrt(np.mean(np.sum(d**2, axis=0))) for d in deltas],
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        stats.gradient_norms, oracle_gradient_norms(weights, names, X, Y), rtol=1e-6
    )


def test_a_probe_starts_the_backward_pass_from_the_given_output_deltas():
    X, R = bp.probe_batch(8, m=6, seed=2)
    net = bp.probe_network("tanh", 4, "glorot", width=8)
    assert net.deltas(X, net.forward(X) - R)[-1] == pytest.approx(R, abs=1e-12)
    assert bp.probe(net, X, R).delta_rms[-1] == pytest.approx(np.sqrt(np.mean(R**2)))
    default = bp.probe_network("relu", 3, width=8, seed=1)
    assert all(
        np.array_equal(W, V)
        for W, V in zip(
            default.weights, bp.MLP.random([8] * 4, ["relu", "relu", "identity"], seed=1).weights
        )
    )
    with pytest.raises(ValueError, match="activation"):
        bp.probe_network("softmax", 3)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    activation=st.sampled_from(["sigmoid", "tanh", "relu"]),
    depth=st.integers(2, 6),
    width=st.integers(1, 6),
    scale=st.floats(0.1, 4.0),
)
def test_every_examples_delta_obeys_the_product_of_factors_bound(
    seed, activation, depth, width, scale
):
    rng = np.random.default_rng(seed)
    sizes = [width] * (depth + 1)
    weights = [scale * rng.normal(size=(n, n)) for n in sizes[1:]]
    net = bp.MLP(weights, None, [activation] * (depth - 1) + ["identity"])
    X, Y = rng.normal(size=(width, 4)), rng.normal(size=(width, 4))
    _, deltas = oracle_pass(weights, net.activations, X, Y)
    bound = bp.delta_bound(net)
    last = np.linalg.norm(deltas[-1], axis=0)
    for l, d in enumerate(deltas):
        assert np.all(np.linalg.norm(d, axis=0) <= bound[l] * last * (1 + 1e-9) + 1e-300)


def test_the_bound_is_reached_by_a_sigmoid_chain_held_at_z_equal_0():
    w = np.array([3.0, -2.0, 1.5, 2.5])
    # A chain of sigmoid units whose biases put every z at 0 (a = 1/2 in between), identity
    # output: each factor w_(k+1) sigma'(0) is exactly |w_(k+1)| / 4 in absolute value.
    x = 0.8
    biases = [-w[0] * x] + [-wk * 0.5 for wk in w[1:-1]] + [0.0]
    net = bp.MLP([[[v]] for v in w], [[b] for b in biases], ["sigmoid"] * 3 + ["identity"])
    deltas = net.deltas([x], [0.0])
    ratios = [abs(d[0, 0] / deltas[-1][0, 0]) for d in deltas]
    np.testing.assert_allclose(ratios, bp.delta_bound(net), rtol=1e-12)
    np.testing.assert_allclose(bp.delta_bound(net)[0], np.prod(np.abs(w[1:])) / 4**3)


# ----------------------------------------------------------------------------- the formula


def test_the_quadrature_gives_the_normal_distributions_moments():
    for q in (1e-6, 0.3, 7.0):
        assert bp.gaussian_mean(lambda z: z * z, q) == pytest.approx(q, rel=1e-12)
        assert bp.gaussian_mean(lambda z: np.maximum(z, 0) ** 2, q) == pytest.approx(q / 2)
        assert bp.gaussian_mean(lambda z: (z > 0) * 1.0, q) == pytest.approx(0.5)
    samples = np.random.default_rng(0).normal(0, math.sqrt(2.0), size=400_000)
    assert bp.gaussian_mean(lambda z: np.tanh(z) ** 2, 2.0) == pytest.approx(
        np.mean(np.tanh(samples) ** 2), rel=5e-3
    )


def test_he_keeps_the_predicted_relu_variance_constant_and_too_small_shrinks_it():
    n, depth = 16, 8
    sizes = [n] * (depth + 1)
    he = [math.sqrt(2 / n)] * depth
    spread, delta_rms = bp.predicted_spread("relu", sizes, he, 1.0, 1.0)
    # Var z = 2 throughout; relu(z) has variance q/2 - q/(2 pi) for z ~ N(0, q).
    np.testing.assert_allclose(spread, math.sqrt(2 / 2 - 2 / (2 * math.pi)), rtol=1e-12)
    np.testing.assert_allclose(delta_rms, 1.0, rtol=1e-12)
    small, small_delta = bp.predicted_spread("tanh", sizes, [0.01] * depth, 1.0, 1.0)
    # Too small: each layer multiplies both spreads by sqrt(n) * 0.01 (tanh is linear near 0;
    # only the first layer's z, of variance n * 1e-4, bends it a little).
    factor = math.sqrt(n) * 0.01
    np.testing.assert_allclose(small[1:] / small[:-1], factor, rtol=1e-3)
    np.testing.assert_allclose(small_delta[:-1] / small_delta[1:], factor, rtol=5e-3)


def test_predicted_spread_refuses_bad_input_naming_the_argument():
    with pytest.raises(ValueError, match=r"stds must have shape \(2,\), got \(1,\)"):
        bp.predicted_spread("tanh", [4, 4, 4], [0.5], 1.0, 1.0)
    stds = np.array([0.5, np.inf])
    with pytest.raises(ValueError, match="stds contains non-finite values"):
        bp.predicted_spread("tanh", [4, 4, 4], stds, 1.0, 1.0)
    np.testing.assert_array_equal(stds, [0.5, np.inf])  # a failed call changes nothing
    with pytest.raises(ValueError, match="stds has values beyond the float64 range"):
        bp.predicted_spread("tanh", [4, 4, 4], [0.5, 10**400], 1.0, 1.0)
    with pytest.raises(TypeError, match="stds must be an array of numbers"):
        bp.predicted_spread("tanh", [4, 4, 4], ["a", "b"], 1.0, 1.0)
    with pytest.raises(ValueError, match="activation"):
        bp.predicted_spread("softmax", [4, 4, 4], [0.5, 0.5], 1.0, 1.0)
    with pytest.raises(ValueError, match="input_mean_square"):
        bp.predicted_spread("tanh", [4, 4, 4], [0.5, 0.5], -1.0, 1.0)


def test_the_formula_follows_a_wide_networks_measured_spread():
    """Width 256: one seeded network is within 10 % of the chained formula in every layer."""
    X, R = bp.probe_batch(256, m=64, seed=1)
    for activation, scheme in [("tanh", "glorot"), ("relu", "he"), ("sigmoid", "glorot")]:
        net = bp.probe_network(activation, 6, scheme, width=256)
        stats = bp.probe(net, X, R)
        stds = [np.sqrt(np.mean(W**2)) for W in net.weights]
        spread, delta_rms = bp.predicted_spread(
            activation, net.sizes, stds, np.mean(X**2), np.mean(R**2)
        )
        np.testing.assert_allclose(stats.activation_std, spread, rtol=0.1)
        np.testing.assert_allclose(stats.delta_rms, delta_rms, rtol=0.1)


# ----------------------------------------------------------------------------- training


def test_train_deep_is_reproducible_and_shows_the_effect_of_the_scale():
    first = bp.train_deep(6, "relu", "he", 0.3, 15)
    again = bp.train_deep(6, "relu", "he", 0.3, 15)
    np.testing.assert_array_equal(first.losses, again.losses)
    assert first.losses.shape == (15,) and first.diverged_at is None
    assert first.losses[-3:].mean() < 0.5 * math.log(2)
    stuck = bp.train_deep(6, "relu", "small", 0.3, 15)
    assert abs(stuck.losses[-3:].mean() - math.log(2)) < 0.02
    assert first.start.gradient_norms.shape == (6,) and first.start.activation_std.shape == (5,)


def test_a_diverging_run_is_an_outcome_not_an_error():
    run = bp.train_deep(10, "relu", "large", 0.3, 5)
    assert run.diverged_at == 0 and run.losses.shape == (0,)
    assert all(np.isfinite(W).all() for W in run.net.weights)


# ----------------------------------------------------------------------------- drawings


def test_the_widgets_drawing_shows_the_run_and_redraws_in_place():
    fig = bp.draw_deep_network(5, "sigmoid", "glorot", 0.3, 4)
    ax_s, ax_g, ax_l = fig.axes
    run = bp.train_deep(5, "sigmoid", "glorot", 0.3, 4)
    np.testing.assert_allclose(ax_s.lines[0].get_ydata(), run.start.activation_std)
    np.testing.assert_allclose(ax_s.lines[1].get_ydata(), run.predicted)
    np.testing.assert_allclose(ax_g.lines[0].get_ydata(), run.start.gradient_norms)
    np.testing.assert_allclose(ax_l.lines[0].get_ydata(), run.losses)
    assert "5 layers, sigmoid, Glorot scale, lr = 0.3, 4 epochs" in fig.get_suptitle()
    again = bp.draw_deep_network(12, "relu", "large", 0.3, 4, fig=fig)
    assert again is fig and len(fig.axes) == 3
    assert len(fig.axes[1].lines[0].get_xdata()) == 12
    assert "diverged in epoch 0" in fig.get_suptitle()


def test_the_depth_figure_draws_the_measured_norms_and_the_bound():
    fig = bp.draw_depth_gradients(depths=(2, 4), max_depth=4, width=8)
    assert len(fig.axes) == 4
    X, R = bp.probe_batch(8)
    stats = bp.probe(bp.probe_network("sigmoid", 4, width=8), X, R)
    np.testing.assert_allclose(fig.axes[0].lines[1].get_ydata(), stats.gradient_norms)
    bound_line = fig.axes[3].lines[-1]
    expected = [bp.delta_bound(bp.probe_network("sigmoid", L, width=8))[0] for L in (2, 3, 4)]
    np.testing.assert_allclose(bound_line.get_ydata(), expected)


def test_the_spread_figure_draws_measurements_and_formula_per_scheme():
    fig = bp.draw_spread(activations=("relu",), depth=4, width=8)
    ax_a, ax_d = fig.axes
    assert len(ax_a.lines) == len(ax_d.lines) == 2 * len(bp.INIT_SCHEMES)
    X, R = bp.probe_batch(8)
    stats = bp.probe(bp.probe_network("relu", 4, "he", width=8), X, R)
    he_measured = ax_a.lines[2 * list(bp.INIT_SCHEMES).index("he")]
    np.testing.assert_allclose(he_measured.get_ydata(), stats.activation_std)


def test_the_panel_draws_its_defaults_and_redraws_on_change():
    panel = bp.deep_panel(depth=4, epochs=3)
    assert len(panel.figure.axes) == 3
    assert "4 layers, sigmoid, Glorot scale" in panel.figure.get_suptitle()
    panel.controls["activation"].value = "relu"
    panel.controls["scale"].value = "he"
    assert "4 layers, relu, He scale, lr = 0.3, 3 epochs" in panel.figure.get_suptitle()
    assert "initial scale = he" in panel.status.value
    lr = panel.controls["lr"]
    assert lr.step is None and 10**lr.min <= 0.01 and 10**lr.max >= 3
