"""bp.sgd (API.md, "Mini-batch training"): shapes, the seeded shuffle, the last smaller batch,
one full-batch epoch as one step, divergence, and every bad input leaving the network alone.

The reference below is written from the API text, with public calls only: one
``default_rng(seed)`` permutation of the columns per epoch, one ``net.step`` per consecutive
slice of ``batch_size`` columns, and the mean of each epoch's step losses.
"""

import numpy as np
import pytest

import backprop_lib as bp


def data(m=10, n_in=2, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_in, m))
    Y = (X[:1] * X[1:2] > 0).astype(float)  # an XOR-like target, (1, m)
    return X, Y


def reference_sgd(net, X, Y, lr, epochs, batch_size, seed):
    """The API's words as a plain loop of public ``net.step`` calls."""
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    means = []
    for _ in range(epochs):
        order = rng.permutation(m)
        losses = [
            net.step(X[:, order[s : s + batch_size]], Y[:, order[s : s + batch_size]], lr)
            for s in range(0, m, batch_size)
        ]
        means.append(np.mean(losses))
    return np.array(means)


def parameters(net):
    return [p.copy() for p in net.weights + (net.biases or [])]


def assert_same_parameters(a, b, **tolerance):
    for p, q in zip(parameters(a), parameters(b), strict=True):
        np.testing.assert_allclose(p, q, **tolerance)


def test_shape_dtype_and_training():
    X, Y = data()
    net = bp.MLP.random([2, 4, 1], "tanh", seed=0)
    before = net.loss(X, Y)
    losses = bp.sgd(net, X, Y, 0.1, 30, 4, seed=1)
    assert losses.shape == (30,)
    assert losses.dtype == np.float64
    assert np.isfinite(losses).all()
    assert net.loss(X, Y) < before  # it trains
    assert bp.sgd(net, X, Y, 0.1, 0, 4).shape == (0,)  # epochs = 0: nothing, like iterations


def test_same_seed_same_result_other_seed_other_order():
    X, Y = data()
    nets = [bp.MLP.random([2, 3, 1], "sigmoid", seed=0) for _ in range(3)]
    a = bp.sgd(nets[0], X, Y, 0.5, 5, 3, seed=7)
    b = bp.sgd(nets[1], X, Y, 0.5, 5, 3, seed=7)
    c = bp.sgd(nets[2], X, Y, 0.5, 5, 3, seed=8)
    np.testing.assert_array_equal(a, b)
    assert_same_parameters(nets[0], nets[1], rtol=0, atol=0)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(("m", "batch_size"), [(10, 4), (10, 9), (7, 7), (5, 1), (10, 3)])
def test_matches_the_reference_including_the_last_smaller_batch(m, batch_size):
    X, Y = data(m)
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=2)
    ref = net.copy()
    losses = bp.sgd(net, X, Y, 0.8, 4, batch_size, seed=5)
    expected = reference_sgd(ref, X, Y, 0.8, 4, batch_size, seed=5)
    np.testing.assert_allclose(losses, expected, rtol=1e-12, atol=1e-15)
    assert_same_parameters(net, ref, rtol=1e-12, atol=1e-15)


def test_the_last_smaller_batch_gets_its_own_step():
    """m = 10, batch_size = 4: steps on 4, 4 and 2 columns. Without the last step (or with
    it padded or dropped) the parameters after one epoch differ."""
    X, Y = data(10)
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=2)
    ref, dropped = net.copy(), net.copy()
    bp.sgd(net, X, Y, 0.8, 1, 4, seed=5)
    order = np.random.default_rng(5).permutation(10)
    for s in (0, 4, 8):
        ref.step(X[:, order[s : s + 4]], Y[:, order[s : s + 4]], 0.8)
    for s in (0, 4):
        dropped.step(X[:, order[s : s + 4]], Y[:, order[s : s + 4]], 0.8)
    assert_same_parameters(net, ref, rtol=1e-12, atol=1e-15)
    assert not np.allclose(net.weights[0], dropped.weights[0])


@pytest.mark.parametrize(
    ("sizes", "activations", "loss", "biases"),
    [
        ([2, 3, 1], "sigmoid", "half_sse", True),
        ([2, 4, 3, 1], ["relu", "tanh", "identity"], "sse", False),
        ([2, 5, 3], ["tanh", "softmax"], "cross_entropy", True),
    ],
)
def test_one_epoch_with_batch_size_m_is_one_step(sizes, activations, loss, biases):
    X, _ = data(8)
    if loss == "cross_entropy":
        Y = bp.one_hot(np.arange(8) % 3, 3)
    else:
        Y = np.sin(X[:1])
    net = bp.MLP.random(sizes, activations, loss=loss, seed=4, biases=biases)
    ref = net.copy()
    losses = bp.sgd(net, X, Y, 0.3, 1, 8, seed=9)
    step_loss = ref.step(X, Y, 0.3)
    assert losses.shape == (1,)
    np.testing.assert_allclose(losses[0], step_loss, rtol=1e-12)
    assert_same_parameters(net, ref, rtol=1e-12, atol=1e-12)


def test_divergence_is_reported_with_the_completed_epochs():
    X, Y = data(12)
    Y = 3.0 * X[:1] - X[1:2]
    net = bp.MLP.random([2, 3, 1], "identity", loss="sse", seed=0)
    ref = net.copy()
    with pytest.raises(bp.DivergenceError) as info:
        bp.sgd(net, X, Y, 0.4, 50, 4, seed=1)
    error = info.value
    assert error.iteration >= 1  # the first epoch's losses are finite (bound from the first)
    assert error.losses.shape == (error.iteration,)
    assert np.isfinite(error.losses).all()
    assert "diverged" in str(error) and "lr=0.4" in str(error)
    # The same run, epoch by epoch, up to the failing epoch gives the same epoch means.
    np.testing.assert_allclose(
        reference_sgd(ref, X, Y, 0.4, error.iteration, 4, seed=1), error.losses, rtol=1e-12
    )
    # The network keeps finite parameters within the bound: its loss is finite and below it.
    for p in parameters(net):
        assert np.isfinite(p).all()
    bound = bp.divergence_bound(error.losses[0])
    assert np.isfinite(net.loss(X, Y)) and net.loss(X, Y) <= len(X[0]) * bound


def test_divergence_makes_no_numpy_warnings():
    """pytest runs with -W error, so a warning would fail this; the overflow is reported."""
    X, Y = data(6)
    net = bp.MLP.random([2, 1], "identity", loss="sse", seed=0)
    with pytest.raises(bp.DivergenceError):
        bp.sgd(net, 1e150 * X, Y, 1.0, 5, 2)


X_OK, Y_OK = data(6)

BAD = [
    # (id, changes to the keyword arguments, error, fragments)
    ("batch_size zero", {"batch_size": 0}, ValueError, ["batch_size", "at least 1"]),
    ("batch_size negative", {"batch_size": -2}, ValueError, ["batch_size"]),
    ("batch_size above m", {"batch_size": 7}, ValueError, ["batch_size", "m = 6", "7"]),
    ("batch_size float", {"batch_size": 2.0}, TypeError, ["batch_size", "integer"]),
    ("batch_size bool", {"batch_size": True}, TypeError, ["batch_size", "integer"]),
    ("batch_size text", {"batch_size": "2"}, TypeError, ["batch_size"]),
    ("batch_size None", {"batch_size": None}, TypeError, ["batch_size"]),
    ("epochs negative", {"epochs": -1}, ValueError, ["epochs", "non-negative"]),
    ("epochs float", {"epochs": 3.0}, TypeError, ["epochs", "integer"]),
    ("epochs bool", {"epochs": True}, TypeError, ["epochs"]),
    ("lr zero", {"lr": 0.0}, ValueError, ["lr", "positive"]),
    ("lr nan", {"lr": float("nan")}, ValueError, ["lr", "finite"]),
    ("lr text", {"lr": "0.1"}, TypeError, ["lr"]),
    ("seed negative", {"seed": -1}, ValueError, ["seed"]),
    ("seed float", {"seed": 1.5}, TypeError, ["seed"]),
    ("X wrong rows", {"X": np.ones((3, 6))}, ValueError, ["X", "(2, m)"]),
    ("X nan", {"X": np.where(X_OK > 1, np.nan, X_OK)}, ValueError, ["X", "non-finite"]),
    ("Y wrong columns", {"Y": np.ones((1, 5))}, ValueError, ["Y", "(1, 6)"]),
    ("Y inf", {"Y": np.full((1, 6), np.inf)}, ValueError, ["Y", "non-finite"]),
    (
        "X one example",
        {"X": X_OK[:, 0], "Y": Y_OK[:, 0], "batch_size": 2},
        ValueError,
        ["batch_size", "m = 1"],
    ),
]


@pytest.mark.parametrize(
    ("changes", "error", "fragments"), [pytest.param(*c[1:], id=c[0]) for c in BAD]
)
def test_bad_input_names_the_argument_and_changes_nothing(changes, error, fragments):
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=0)
    saved = parameters(net)
    arguments = {"X": X_OK, "Y": Y_OK, "lr": 0.1, "epochs": 3, "batch_size": 2, "seed": 0}
    arguments.update(changes)
    with pytest.raises(error) as info:
        bp.sgd(net, **arguments)
    for fragment in fragments:
        assert fragment in str(info.value)
    for p, q in zip(parameters(net), saved, strict=True):
        np.testing.assert_array_equal(p, q)


def test_net_must_be_a_network():
    with pytest.raises(TypeError, match="net"):
        bp.sgd("not a network", X_OK, Y_OK, 0.1, 3, 2)


def test_numpy_integers_are_accepted():
    net = bp.MLP.random([2, 3, 1], "sigmoid", seed=0)
    losses = bp.sgd(net, X_OK, Y_OK, 0.1, np.int64(2), np.int32(3), seed=np.uint8(4))
    assert losses.shape == (2,)
