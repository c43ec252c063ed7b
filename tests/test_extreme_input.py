"""Property tests: unusual but possible input thrown at every public function of the core.

Each test spoils one argument of an otherwise valid call (or one live parameter of the
network, in place) with a value drawn from the classes of hole that hand-written cases
missed: numbers beyond the float64 range given as Python ints, ``Fraction`` or long doubles;
nan and inf in every spelling; finite but extreme values whose forward pass, loss or
divergence bound overflows; arrays of every container (lists, object arrays, long double,
float32, int64, masked, subclassed, read-only, strided); parameters made read-only, replaced
by a subclass, by float32 or by another shape. Whatever is drawn, the call must do one of:

* raise ``ValueError`` or ``TypeError`` whose message names the spoiled argument, leaving the
  network exactly as it was;
* (training calls) raise ``bp.DivergenceError``, the network keeping finite parameters;
* return a finite result (every number in it finite), the network's parameters finite.

Never a numpy warning (pytest runs with ``-W error``, so one fails the test), an
``OverflowError``, an ``inf`` or ``nan`` returned, or a partial update.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import backprop_lib as bp

LONG = np.longdouble
HUGE_INT = 10**400

#: Numbers from every class that went through the checks before: beyond the float64 range,
#: non-finite in any type, extreme but finite, and things that are not numbers at all.
SPECIAL_NUMBERS = [
    HUGE_INT,
    -HUGE_INT,
    2**1024,
    Fraction(HUGE_INT, 3),
    LONG("1e400"),
    LONG("-1e400"),
    LONG("nan"),
    float("nan"),
    float("inf"),
    -float("inf"),
    np.float32("inf"),
    np.float16("nan"),
    1e308,
    -1e308,
    1.7976931348623157e308,
    1e200,
    -1e154,
    5e-324,
    1e-300,
    0.0,
    -0.0,
    2**63,
    -(2**63),
    np.int64(2**62),
    np.uint64(2**64 - 1),
    True,
    1j,
    "1.0",
    None,
    np.array(0.5),
    [0.5],
]

numbers_ = st.one_of(
    st.sampled_from(SPECIAL_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**320), 10**320),
)

CONTAINERS = [
    "list",
    "object",
    "float64",
    "longdouble",
    "float32",
    "int64",
    "masked",
    "subclass",
    "read-only",
    "strided",
    "fortran",
]


class Tagged(np.ndarray):
    """An ndarray subclass, as a wrapping library might hand one over."""


@st.composite
def arrays(draw, shape, base=None, spoil=True):
    """An array of ``shape`` (``base`` if given, else standard normals) with, if ``spoil``,
    one entry replaced by a drawn number, in a drawn kind of container."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = np.array(base, dtype=float) if base is not None else rng.normal(size=shape)
    entries = values.astype(object)
    if spoil:
        index = tuple(draw(st.integers(0, n - 1)) for n in shape)
        entries[index] = draw(numbers_)
    kind = draw(st.sampled_from(CONTAINERS))
    with np.errstate(all="ignore"):
        try:
            if kind == "list":
                return entries.tolist()
            if kind == "object":
                return entries
            numeric = entries.astype(LONG if kind == "longdouble" else np.float64)
            if kind == "longdouble":
                return numeric
            if kind == "float32":
                return numeric.astype(np.float32)
            if kind == "int64":
                return numeric.astype(np.int64) if np.isfinite(numeric).all() else numeric
            if kind == "masked":
                return np.ma.masked_array(numeric, mask=np.zeros(shape, dtype=bool))
            if kind == "subclass":
                return numeric.view(Tagged)
            if kind == "read-only":
                numeric.flags.writeable = False
                return numeric
            if kind == "strided":  # a non-contiguous view of a larger array
                wide = np.zeros((*shape[:-1], 2 * shape[-1]))
                wide[..., ::2] = numeric
                return wide[..., ::2]
            return np.asfortranarray(numeric)
        except (TypeError, ValueError, OverflowError):  # not representable that way
            return entries.tolist()


# ------------------------------------------------------------------ judging an outcome


def all_finite(result) -> bool:
    """Every number in ``result`` (arrays, lists, tuples, floats, a trajectory) is finite."""
    if result is None or isinstance(result, str | bool):
        return True
    if isinstance(result, list | tuple):
        return all(all_finite(r) for r in result)
    if hasattr(result, "w") and hasattr(result, "cost"):  # a ScalarTrajectory
        return all_finite([result.w, result.cost])
    if isinstance(result, bp.MLP):
        return all_finite(result.weights + (result.biases or []))
    return bool(np.isfinite(np.asarray(result, dtype=float)).all())


def parameters(net):
    return [np.array(p, copy=True) for p in net.weights + (net.biases or [])]


def unchanged(net, saved) -> bool:
    now = net.weights + (net.biases or [])
    return len(now) == len(saved) and all(
        np.shape(p) == np.shape(q) and np.array_equal(np.asarray(p), q, equal_nan=True)
        for p, q in zip(now, saved)
    )


def judge(call, names, net=None, training=False):
    """Run ``call`` and check that its outcome is one of the three allowed ones."""
    saved = None if net is None else parameters(net)
    try:
        result = call()
    except (ValueError, TypeError) as error:
        message = str(error)
        assert any(name in message for name in names), f"{message!r} names none of {names}"
        assert net is None or unchanged(net, saved), "a failed call changed the network"
        return "refused"
    except bp.DivergenceError as error:
        assert training, f"DivergenceError from a call that does not train: {error}"
        assert all_finite(error.losses)
        assert all_finite(parameters(net)), "diverged, but left non-finite parameters"
        return "diverged"
    assert all_finite(result), f"non-finite result {result!r}"
    assert net is None or all_finite(parameters(net))
    return "finite"


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ the constructor, random

SIZES = [2, 3, 1]


@SETTINGS
@given(st.data())
def test_constructor(data):
    which = data.draw(st.sampled_from(["weights", "biases", "activations", "loss"]))
    weights = [np.ones((3, 2)), np.ones((1, 3))]
    biases = [np.zeros(3), np.zeros(1)]
    activations, loss = "tanh", "half_sse"
    if which == "weights":
        k = data.draw(st.integers(0, 1))
        weights[k] = data.draw(arrays(weights[k].shape))
    elif which == "biases":
        k = data.draw(st.integers(0, 1))
        biases[k] = data.draw(arrays(biases[k].shape))
    elif which == "activations":
        activations = data.draw(st.one_of(st.sampled_from(SPECIAL_NUMBERS), st.text(max_size=8)))
    else:
        loss = data.draw(st.one_of(st.sampled_from(SPECIAL_NUMBERS), st.text(max_size=8)))
    outcome = judge(lambda: bp.MLP(weights, biases, activations, loss), [which])
    if outcome == "finite":
        net = bp.MLP(weights, biases, activations, loss)
        assert all(type(p) is np.ndarray and p.dtype == np.float64 for p in parameters(net))


#: Sizes that are not valid, or valid and small: a valid size near the limit would allocate
#: gigabytes, which is not what these tests are about.
BAD_SIZES = [0, -1, 2**31, 2**63, HUGE_INT, -HUGE_INT, 1.5, 2.0, True, "3", None, np.int64(-5)]


@SETTINGS
@given(st.data())
def test_random(data):
    which = data.draw(st.sampled_from(["sizes", "seed", "biases", "activations"]))
    kwargs = {"sizes": list(SIZES), "activations": "sigmoid", "seed": 0, "biases": True}
    if which == "sizes":
        k = data.draw(st.integers(0, 2))
        kwargs["sizes"][k] = data.draw(st.sampled_from([*BAD_SIZES, 1, 4]))
    elif which == "seed":
        kwargs["seed"] = data.draw(st.one_of(numbers_, st.integers(-(10**30), 10**30)))
    elif which == "biases":
        kwargs["biases"] = data.draw(st.sampled_from([*SPECIAL_NUMBERS, False]))
    else:
        kwargs["activations"] = data.draw(st.sampled_from(SPECIAL_NUMBERS))
    judge(lambda: bp.MLP.random(**kwargs), [which])


# ------------------------------------------------------------------ calls on a network

CALLS = {
    "forward": (lambda net, a: net.forward(a["X"]), ("X",)),
    "forward_all": (lambda net, a: net.forward_all(a["X"]), ("X",)),
    "loss": (lambda net, a: net.loss(a["X"], a["Y"]), ("X", "Y")),
    "gradients": (lambda net, a: net.gradients(a["X"], a["Y"]), ("X", "Y")),
    "deltas": (lambda net, a: net.deltas(a["X"], a["Y"]), ("X", "Y")),
    "step": (lambda net, a: net.step(a["X"], a["Y"], a["lr"]), ("X", "Y", "lr")),
    "fit": (
        lambda net, a: net.fit(a["X"], a["Y"], a["lr"], a["iterations"]),
        ("X", "Y", "lr", "iterations"),
    ),
    "sgd": (
        lambda net, a: bp.sgd(
            net, a["X"], a["Y"], a["lr"], a["epochs"], a["batch_size"], seed=a["seed"]
        ),
        ("X", "Y", "lr", "epochs", "batch_size", "seed"),
    ),
    "numerical_gradients": (
        lambda net, a: bp.numerical_gradients(net, a["X"], a["Y"], eps=a["eps"]),
        ("X", "Y", "eps"),
    ),
}
TRAINING = {"step", "fit", "sgd"}

#: Counts: invalid ones, and small valid ones (a valid huge count would just run that long).
COUNTS = [-1, -HUGE_INT, 1.5, 3.0, True, None, "3", np.int64(-2), 0, 1, 3, np.int64(2)]

NETWORKS = {
    "sigmoid/half_sse": ([2, 3, 1], ["sigmoid", "identity"], "half_sse", True),
    "relu/sse": ([2, 3, 1], ["relu", "relu"], "sse", False),
    "tanh/softmax": ([2, 3, 3], ["tanh", "softmax"], "cross_entropy", True),
}


def spoil_parameter(data, net):
    """Change one live parameter in place, the way a user (or a bug) might."""
    group = net.weights if net.biases is None or data.draw(st.booleans()) else net.biases
    k = data.draw(st.integers(0, len(group) - 1))
    how = data.draw(st.sampled_from(["value", "read-only", "subclass", "float32", "shape", "list"]))
    if how == "value":
        index = tuple(data.draw(st.integers(0, n - 1)) for n in group[k].shape)
        value = data.draw(numbers_)
        try:
            with np.errstate(all="ignore"):
                group[k][index] = value
        except (TypeError, ValueError, OverflowError):
            group[k][index] = np.nan  # not storable as float64: the nearest spoiling
    elif how == "read-only":
        group[k].flags.writeable = False
    elif how == "subclass":
        group[k] = group[k].view(Tagged)
    elif how == "float32":
        group[k] = group[k].astype(np.float32)
    elif how == "shape":
        group[k] = np.ones((group[k].size + 1,))
    else:
        group[k] = group[k].tolist()


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("name", CALLS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_network_calls(name, network, data):
    sizes, activations, loss, biases = NETWORKS[network]
    call, argument_names = CALLS[name]
    net = bp.MLP.random(
        sizes, activations, loss=loss, seed=data.draw(st.integers(0, 9)), biases=biases
    )
    m = 4
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    Y = (
        np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
        if loss == "cross_entropy"
        else rng.normal(size=(sizes[-1], m))
    )
    args = {
        "X": rng.normal(size=(sizes[0], m)),
        "Y": Y,
        "lr": 0.1,
        "iterations": 3,
        "epochs": 2,
        "batch_size": 3,
        "seed": 0,
        "eps": 1e-6,
    }
    which = data.draw(st.sampled_from([*argument_names, "parameters"]))
    if which == "parameters":
        spoil_parameter(data, net)
        names = ["weights", "biases"]
    else:
        names = [which]
        if which in ("X", "Y"):
            args[which] = data.draw(arrays(np.shape(args[which]), base=args[which]))
        elif which in ("iterations", "epochs"):
            args[which] = data.draw(st.sampled_from(COUNTS))
        elif which == "batch_size":
            args[which] = data.draw(st.sampled_from([*COUNTS, 5, HUGE_INT]))
        elif which == "seed":
            args[which] = data.draw(st.one_of(st.sampled_from(COUNTS), st.integers(0, 10**40)))
        else:  # lr, eps
            args[which] = data.draw(numbers_)
    # With data or parameters far out of the usual range, every argument they meet in the
    # computation is a possible culprit: an overflow names X, Y and the parameters together.
    if which in ("X", "Y", "parameters"):
        names = (
            ["X", "Y", "weights", "biases"] if "forward" not in name else ["X", "weights", "biases"]
        )
    event(f"{which}: {judge(lambda: call(net, args), names, net=net, training=name in TRAINING)}")


# ------------------------------------------------------------------ scalar_descent


@SETTINGS
@given(st.data())
def test_scalar_descent(data):
    args = {"x": 1.5, "w0": -2.0, "target": 3.0, "lr": 0.1, "iterations": 5}
    which = data.draw(st.sampled_from(sorted(args)))
    args[which] = data.draw(st.sampled_from(COUNTS) if which == "iterations" else numbers_)
    outcome = judge(lambda: bp.scalar_descent(**args), [which])
    if outcome == "finite":
        traj = bp.scalar_descent(**args)
        iterations = int(args["iterations"])
        if traj.diverged:
            assert len(traj.w) == len(traj.cost) == traj.diverged_at <= iterations
        else:
            assert len(traj.w) == len(traj.cost) == iterations + 1


# ------------------------------------------------------------------ the holes, one example each


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: bp.MLP.random([2, 1], "identity").step(np.ones((2, 1)), [[1.0]], 10**400), "lr"),
        (lambda: bp.MLP.random([2, 1], "identity").forward([[10**400], [1]]), "X"),
        (lambda: bp.MLP.random([2, 1], "identity").forward(np.full((2, 1), LONG("1e400"))), "X"),
        (lambda: bp.MLP([np.full((1, 2), LONG("1e400"))], None, "identity"), "weights[0]"),
        (lambda: bp.scalar_descent(Fraction(HUGE_INT), 1.0, 1.0, 0.1, 3), "x"),
        (lambda: bp.MLP.random([2, HUGE_INT], "identity"), "sizes[1]"),
        (lambda: bp.MLP.random([2, 1], "identity").forward(np.ma.ones((2, 1))), "X"),
    ],
)
def test_beyond_float_range_is_a_value_error_naming_the_argument(call, fragment):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert str(info.value).startswith(fragment)


def test_an_overflowing_forward_pass_is_an_error_not_inf():
    net = bp.MLP.random([2, 3, 1], "identity", seed=0)
    X, Y = np.full((2, 3), 1e300), np.ones((1, 3))
    assert np.isfinite(net.forward(X)).all()  # 1e299-sized outputs are fine, and so are
    assert all(np.isfinite(d).all() for d in net.deltas(X, Y))  # their deltas ŷ - y
    for call in (net.loss, net.gradients):  # but (ŷ - y)² and δ aᵀ overflow
        with pytest.raises(ValueError, match="too large for float64"):
            call(X, Y)


def test_a_cost_that_overflows_counts_as_divergence_even_from_a_huge_start():
    """The bound was DIVERGENCE_FACTOR * first cost: inf for a first cost above 1.8e302, and
    then an inf cost passed ``cost <= bound``."""
    assert bp.divergence_bound(1e305) == np.finfo(np.float64).max
    traj = bp.scalar_descent(1.0, 1e153, 0.0, 1.5, 10)
    assert traj.diverged and all_finite(traj)


def test_probability_targets_within_the_gradients_exactness_only():
    net = bp.MLP.random([2, 3], "softmax", loss="cross_entropy", seed=0)
    X = np.ones((2, 1))
    off = np.array([[0.5], [0.5], [1e-7]])  # sums to 1 + 1e-7: once accepted (rtol 1e-5)
    with pytest.raises(ValueError, match="Y must hold probabilities"):
        net.gradients(X, off)
    exact = np.array([[0.2], [0.3], [0.5]])  # sums to 1 up to rounding
    dW, _ = net.gradients(X, exact)
    assert np.isfinite(dW[0]).all()


def test_numerical_gradients_refuses_a_step_that_moves_nothing():
    net = bp.MLP.random([2, 1], "identity", seed=0)
    with pytest.raises(ValueError, match="eps"):
        bp.numerical_gradients(net, np.ones((2, 1)), np.ones((1, 1)), eps=1e-320)
    with pytest.raises(ValueError, match="eps"):
        bp.numerical_gradients(net, np.ones((2, 1)), np.ones((1, 1)), eps=1.7e308)
