"""Every bad-input case of API.md: the right error type, a message naming the argument, and
no change to the network's parameters."""

import numpy as np
import pytest

import backprop_lib as bp

X_OK = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])  # (2, 3)
Y_OK = np.array([[1.0, 0.0, 1.0]])  # (1, 3)


@pytest.fixture
def net():
    return bp.MLP.random([2, 3, 1], "sigmoid", seed=0)


def snapshot(net):
    return [p.copy() for p in net.weights + net.biases]


def assert_unchanged(net, saved):
    for p, q in zip(net.weights + net.biases, saved, strict=True):
        np.testing.assert_array_equal(p, q)


# --------------------------------------------------------------------- network calls
NET_CALLS = {
    "forward": lambda net, X, Y, lr, it: net.forward(X),
    "loss": lambda net, X, Y, lr, it: net.loss(X, Y),
    "gradients": lambda net, X, Y, lr, it: net.gradients(X, Y),
    "deltas": lambda net, X, Y, lr, it: net.deltas(X, Y),
    "step": lambda net, X, Y, lr, it: net.step(X, Y, lr),
    "fit": lambda net, X, Y, lr, it: net.fit(X, Y, lr, it),
    "numerical_gradients": lambda net, X, Y, lr, it: bp.numerical_gradients(net, X, Y),
    "sgd": lambda net, X, Y, lr, it: bp.sgd(net, X, Y, lr, it, 1),
}

BAD_CALL_ARGS = [
    # (id, X, Y, lr, iterations, error, message fragments)
    ("X wrong rows", np.ones((3, 3)), Y_OK, 0.1, 5, ValueError, ["X", "(2, m)", "(3, 3)"]),
    ("X 3-D", np.ones((2, 3, 1)), Y_OK, 0.1, 5, ValueError, ["X", "(2, 3, 1)"]),
    ("X 1-D wrong length", np.ones(3), np.ones(1), 0.1, 5, ValueError, ["X", "(2,)", "(3,)"]),
    ("X no examples", np.ones((2, 0)), np.ones((1, 0)), 0.1, 5, ValueError, ["X", "(2, 0)"]),
    ("X nan", np.where(X_OK > 1, np.nan, X_OK), Y_OK, 0.1, 5, ValueError, ["X", "non-finite"]),
    ("X inf", np.where(X_OK > 1, np.inf, X_OK), Y_OK, 0.1, 5, ValueError, ["X", "non-finite"]),
    ("X text", "abc", Y_OK, 0.1, 5, TypeError, ["X"]),
    ("X ragged", [[1.0, 2.0], [3.0]], Y_OK, 0.1, 5, TypeError, ["X"]),
    ("Y wrong columns", X_OK, np.ones((1, 2)), 0.1, 5, ValueError, ["Y", "(1, 3)", "(1, 2)"]),
    ("Y would broadcast", X_OK, np.ones((1, 1)), 0.1, 5, ValueError, ["Y", "(1, 3)", "(1, 1)"]),
    ("Y 1-D for a batch", X_OK, np.ones(3), 0.1, 5, ValueError, ["Y", "(1, 3)", "(3,)"]),
    ("Y nan", X_OK, np.array([[1.0, np.nan, 0.0]]), 0.1, 5, ValueError, ["Y", "non-finite"]),
    ("lr zero", X_OK, Y_OK, 0.0, 5, ValueError, ["lr", "positive"]),
    ("lr negative", X_OK, Y_OK, -0.1, 5, ValueError, ["lr", "positive"]),
    ("lr nan", X_OK, Y_OK, float("nan"), 5, ValueError, ["lr", "finite"]),
    ("lr inf", X_OK, Y_OK, float("inf"), 5, ValueError, ["lr", "finite"]),
    ("lr text", X_OK, Y_OK, "0.1", 5, TypeError, ["lr"]),
    ("lr bool", X_OK, Y_OK, True, 5, TypeError, ["lr"]),
    ("iterations negative", X_OK, Y_OK, 0.1, -1, ValueError, ["iterations", "non-negative"]),
    ("iterations float", X_OK, Y_OK, 0.1, 2.5, TypeError, ["iterations", "integer"]),
    ("iterations bool", X_OK, Y_OK, 0.1, True, TypeError, ["iterations", "integer"]),
]


def applies(call, case_id):
    """Which calls take which arguments: forward has no Y, only step/fit/sgd take lr, only
    fit takes iterations (sgd's epochs: tests/test_sgd.py)."""
    if case_id.startswith("Y") and call == "forward":
        return False
    if case_id.startswith("lr") and call not in ("step", "fit", "sgd"):
        return False
    return not (case_id.startswith("iterations") and call != "fit")


@pytest.mark.parametrize(
    ("call", "X", "Y", "lr", "iterations", "error", "fragments"),
    [
        pytest.param(call, *case[1:], id=f"{call}: {case[0]}")
        for case in BAD_CALL_ARGS
        for call in NET_CALLS
        if applies(call, case[0])
    ],
)
def test_bad_arguments_to_network_calls(net, call, X, Y, lr, iterations, error, fragments):
    saved = snapshot(net)
    with pytest.raises(error) as info:
        NET_CALLS[call](net, X, Y, lr, iterations)
    for fragment in fragments:
        assert fragment in str(info.value)
    assert_unchanged(net, saved)


def test_numerical_gradients_checks_net_and_eps(net):
    with pytest.raises(TypeError, match="net"):
        bp.numerical_gradients("not a network", X_OK, Y_OK)
    with pytest.raises(ValueError, match="eps"):
        bp.numerical_gradients(net, X_OK, Y_OK, eps=0.0)


# --------------------------------------------------------------------- the constructor
W2x3 = np.ones((3, 2))
W1x3 = np.ones((1, 3))

BAD_CONSTRUCTIONS = [
    ("weights not a list", W2x3, None, "sigmoid", "half_sse", TypeError, ["weights"]),
    ("weights empty", [], None, "sigmoid", "half_sse", ValueError, ["weights"]),
    ("weights 1-D", [np.ones(3)], None, "sigmoid", "half_sse", ValueError, ["weights[0]", "2-D"]),
    (
        "layer sizes mismatch",
        [W2x3, np.ones((1, 4))],
        None,
        "sigmoid",
        "half_sse",
        ValueError,
        ["weights[1]", "(1, 4)", "(3, 2)", "3 columns"],
    ),
    (
        "weights nan",
        [np.full((1, 1), np.nan)],
        None,
        "sigmoid",
        "half_sse",
        ValueError,
        ["weights[0]", "non-finite"],
    ),
    (
        "weights empty array",
        [np.ones((0, 2))],
        None,
        "identity",
        "sse",
        ValueError,
        ["weights[0]", "empty"],
    ),
    (
        "biases count",
        [W2x3, W1x3],
        [np.ones(3)],
        "sigmoid",
        "half_sse",
        ValueError,
        ["biases", "2", "1"],
    ),
    (
        "biases shape",
        [W2x3, W1x3],
        [np.ones(3), np.ones(2)],
        "sigmoid",
        "half_sse",
        ValueError,
        ["biases[1]", "(1,)", "(2,)"],
    ),
    (
        "biases inf",
        [W2x3, W1x3],
        [np.ones(3), np.array([np.inf])],
        "sigmoid",
        "half_sse",
        ValueError,
        ["biases[1]", "non-finite"],
    ),
    (
        "activation unknown",
        [W2x3, W1x3],
        None,
        "sigmod",
        "half_sse",
        ValueError,
        ["activations[0]", "'sigmoid'", "'relu'", "'sigmod'"],
    ),
    (
        "activation count",
        [W2x3, W1x3],
        None,
        ["relu"],
        "half_sse",
        ValueError,
        ["activations", "2", "1"],
    ),
    ("activation type", [W2x3, W1x3], None, 3, "half_sse", TypeError, ["activations"]),
    (
        "loss unknown",
        [W2x3, W1x3],
        None,
        "sigmoid",
        "mse",
        ValueError,
        ["loss", "'sse'", "'half_sse'", "'cross_entropy'", "'mse'"],
    ),
    (
        "softmax without cross-entropy",
        [W2x3, np.ones((2, 3))],
        None,
        ["relu", "softmax"],
        "sse",
        ValueError,
        ["softmax", "cross_entropy", "loss"],
    ),
    (
        "cross-entropy without softmax",
        [W2x3, np.ones((2, 3))],
        None,
        "sigmoid",
        "cross_entropy",
        ValueError,
        ["softmax", "cross_entropy", "activations"],
    ),
    (
        "softmax in a hidden layer",
        [W2x3, np.ones((2, 3))],
        None,
        ["softmax", "softmax"],
        "cross_entropy",
        ValueError,
        ["activations[0]", "softmax", "output"],
    ),
]


@pytest.mark.parametrize(
    ("weights", "biases", "activations", "loss", "error", "fragments"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_CONSTRUCTIONS],
)
def test_bad_constructor_arguments(weights, biases, activations, loss, error, fragments):
    with pytest.raises(error) as info:
        bp.MLP(weights, biases, activations, loss)
    for fragment in fragments:
        assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"sizes": [2]}, ValueError, "sizes"),
        ({"sizes": "23"}, TypeError, "sizes"),
        ({"sizes": [2, 0]}, ValueError, "sizes[1]"),
        ({"sizes": [2, 1.5]}, TypeError, "sizes[1]"),
        ({"sizes": [2, 1], "seed": "x"}, TypeError, "seed"),
        ({"sizes": [2, 1], "activations": "swish"}, ValueError, "activations[0]"),
    ],
)
def test_bad_random_arguments(kwargs, error, fragment):
    kwargs = {"activations": "sigmoid", **kwargs}
    with pytest.raises(error) as info:
        bp.MLP.random(**kwargs)
    assert fragment in str(info.value)


def test_cross_entropy_targets_must_be_distributions():
    net = bp.MLP.random([2, 3], "softmax", loss="cross_entropy")
    saved = [w.copy() for w in net.weights]
    with pytest.raises(ValueError, match="Y must hold probabilities"):
        net.step(np.ones((2, 1)), np.array([[0.5], [0.7], [0.0]]), 0.1)
    np.testing.assert_array_equal(net.weights[0], saved[0])


def test_the_constructor_copies_its_arrays():
    w = np.ones((1, 1))
    net = bp.MLP([w], None, "identity")
    w[0, 0] = 5.0
    assert net.weights[0][0, 0] == 1.0 and net.weights[0].dtype == np.float64


# --------------------------------------------------------------------- scalar_descent
@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((5.7, -23.1, 50.1, 0.0, 20), ValueError, "lr"),
        ((5.7, -23.1, 50.1, -0.007, 20), ValueError, "lr"),
        ((5.7, -23.1, 50.1, float("nan"), 20), ValueError, "lr"),
        ((5.7, -23.1, 50.1, "0.007", 20), TypeError, "lr"),
        ((5.7, -23.1, 50.1, 0.007, -1), ValueError, "iterations"),
        ((5.7, -23.1, 50.1, 0.007, 20.0), TypeError, "iterations"),
        ((float("inf"), -23.1, 50.1, 0.007, 20), ValueError, "x"),
        ((5.7, float("nan"), 50.1, 0.007, 20), ValueError, "w0"),
        ((5.7, -23.1, None, 0.007, 20), TypeError, "target"),
        (([5.7], -23.1, 50.1, 0.007, 20), TypeError, "x"),
    ],
)
def test_bad_scalar_descent_arguments(args, error, fragment):
    with pytest.raises(error) as info:
        bp.scalar_descent(*args)
    assert str(info.value).startswith(fragment)


def test_critical_rates_needs_nonzero_x():
    with pytest.raises(ValueError, match="x must be non-zero"):
        bp.critical_rates(0.0)


# --------------------------------------------------------------------- live parameters
def _nan_weight(net):
    net.weights[0][0, 0] = np.nan


def _wrong_shape(net):
    net.weights[1] = np.ones((5, 5))


def _inf_bias(net):
    net.biases[0][1] = np.inf


@pytest.mark.parametrize(
    ("spoil", "error", "fragments"),
    [
        (_nan_weight, ValueError, ["weights[0]", "non-finite"]),
        (_wrong_shape, ValueError, ["weights[1]", "(1, 3)", "(5, 5)"]),
        (_inf_bias, ValueError, ["biases[0]", "non-finite"]),
    ],
)
@pytest.mark.parametrize("call", NET_CALLS)
def test_parameters_changed_after_construction_are_checked(net, call, spoil, error, fragments):
    """net.weights and net.biases are live lists: every call checks them again."""
    spoil(net)
    saved = [p.copy() for p in net.weights + net.biases]
    with pytest.raises(error) as info:
        NET_CALLS[call](net, X_OK, Y_OK, 0.1, 5)
    for fragment in fragments:
        assert fragment in str(info.value)
    for p, q in zip(net.weights + net.biases, saved, strict=True):
        np.testing.assert_array_equal(p, q)


def _read_only_bias(net):
    net.biases[1].flags.writeable = False


class Tracked(np.ndarray):
    """An array subclass (as a library that wraps arrays might put in a list)."""


def _subclass_weight(net):
    net.weights[0] = net.weights[0].view(Tracked)


WRITING_CALLS = ("step", "fit", "sgd")


@pytest.mark.parametrize("call", NET_CALLS)
def test_a_read_only_parameter_is_refused_before_any_write(net, call):
    """The last parameter read-only: a call that writes refuses it before writing the first
    one (no partial update); a call that only reads works, and numerical_gradients moves the
    parameters of a copy."""
    _read_only_bias(net)
    saved = snapshot(net)
    if call in WRITING_CALLS:
        with pytest.raises(ValueError, match=r"biases\[1\] is read-only"):
            NET_CALLS[call](net, X_OK, Y_OK, 0.1, 5)
    else:
        NET_CALLS[call](net, X_OK, Y_OK, 0.1, 5)
    assert_unchanged(net, saved)


@pytest.mark.parametrize("call", NET_CALLS)
def test_an_array_subclass_parameter_is_refused(net, call):
    _subclass_weight(net)
    saved = snapshot(net)
    with pytest.raises(TypeError, match=r"weights\[0\] must be a float64 numpy array"):
        NET_CALLS[call](net, X_OK, Y_OK, 0.1, 5)
    assert_unchanged(net, saved)


def test_random_checks_seed_and_biases():
    with pytest.raises(ValueError, match="seed"):
        bp.MLP.random([2, 1], "sigmoid", seed=-1)
    with pytest.raises(TypeError, match="biases"):
        bp.MLP.random([2, 1], "sigmoid", biases="no")


def test_complex_values_are_refused():
    with pytest.raises(TypeError, match=r"weights\[0\].*real"):
        bp.MLP([np.ones((1, 1)) * 1j], None, "identity")
    with pytest.raises(TypeError, match="X"):
        bp.MLP.random([1, 1], "identity").forward(np.array([1 + 2j]))
