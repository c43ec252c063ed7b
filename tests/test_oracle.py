"""An independent oracle for the network: a reference forward pass and loss written here from
the API's formulas, sharing no code with backprop_lib, and its own finite differences.

``numerical_gradients`` differentiates the library's own forward pass, so a test of backprop
against it cannot see a wrong forward pass (a wrong tanh, a relu with a slope, a loss with a
wrong factor): the backward pass would be wrong in step with it. Here the forward pass and
the loss are computed from the formulas of API.md / CURRICULUM.md with other formulas than
the library's (sigmoid as 1/(1+e^-z) where the library uses tanh; tanh from exponentials;
softmax without the shift; the cross-entropy from log ŷ, not from the logits; each example in
its own loop; z_i = Σ_j W_ij a_j spelled with explicit indices), and the gradient of
``net.gradients`` is compared with central differences of *this* loss. The last tests show
that the oracle catches a forward bug that the library's own finite differences miss.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import backprop_lib as bp

# ------------------------------------------------------------------ the reference, from the API


def ref_activation(name, z):
    """f(z) for one example's vector z (moderate values: the tests keep |z| < 700)."""
    if name == "identity":
        return z.copy()
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        e_plus, e_minus = np.exp(z), np.exp(-z)
        return (e_plus - e_minus) / (e_plus + e_minus)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "softmax":
        e = np.exp(z)
        return e / e.sum()
    raise AssertionError(name)


def ref_example_loss(name, y_hat, y):
    """The per-example loss ℓ(ŷ, y) of API.md."""
    if name == "sse":
        return sum((p - t) ** 2 for p, t in zip(y_hat, y))
    if name == "half_sse":
        return 0.5 * sum((p - t) ** 2 for p, t in zip(y_hat, y))
    if name == "cross_entropy":
        return -sum(t * math.log(p) for p, t in zip(y_hat, y) if t != 0)
    raise AssertionError(name)


def ref_forward_example(weights, biases, activations, x):
    """All z^(l) and ŷ for one example: z_i = Σ_j W_ij a_j + b_i (destination first)."""
    a, zs = np.asarray(x, dtype=float), []
    for l, W in enumerate(weights):
        z = np.array([sum(W[i, j] * a[j] for j in range(W.shape[1])) for i in range(W.shape[0])])
        if biases is not None:
            z = z + biases[l]
        zs.append(z)
        a = ref_activation(activations[l], z)
    return zs, a


def ref_loss(weights, biases, activations, loss, X, Y):
    """𝓛 = (1/m) Σ_k ℓ(ŷ_k, y_k), one example at a time."""
    m = X.shape[1]
    total = 0.0
    for k in range(m):
        _, y_hat = ref_forward_example(weights, biases, activations, X[:, k])
        total += ref_example_loss(loss, y_hat, Y[:, k])
    return total / m


def ref_gradients(weights, biases, activations, loss, X, Y, eps=1e-6):
    """Central differences of :func:`ref_loss`, one parameter at a time, on copies."""
    weights = [W.copy() for W in weights]
    biases = None if biases is None else [b.copy() for b in biases]

    def differentiate(arrays):
        grads = []
        for p in arrays:
            g = np.empty_like(p)
            for index in np.ndindex(p.shape):
                saved = p[index]
                p[index] = saved + eps
                up = ref_loss(weights, biases, activations, loss, X, Y)
                p[index] = saved - eps
                down = ref_loss(weights, biases, activations, loss, X, Y)
                p[index] = saved
                g[index] = (up - down) / (2 * eps)
            grads.append(g)
        return grads

    return differentiate(weights), (None if biases is None else differentiate(biases))


def flat(grads):
    dW, db = grads
    return np.concatenate([g.ravel() for g in dW + (db or [])])


def compare_with_reference(net, X, Y):
    """The library's forward pass, loss and gradients against the reference; returns False
    when a relu unit sits within 1e-4 of its kink or the gradient is lost in the differences'
    rounding noise (nothing was compared then)."""
    args = (net.weights, net.biases, net.activations)
    zs_y = [ref_forward_example(*args, X[:, k]) for k in range(X.shape[1])]
    if "relu" in net.activations:
        kink = min(np.abs(z).min() for zs, _ in zs_y for z in zs)
        if kink <= 1e-4:  # a central difference across a kink measures neither side's slope
            return False
    # forward pass and loss: the same numbers up to rounding
    reference_out = np.column_stack([y for _, y in zs_y])
    np.testing.assert_allclose(net.forward(X), reference_out, rtol=1e-10, atol=1e-12)
    reference_loss = ref_loss(*args, net.loss_name, X, Y)
    assert net.loss(X, Y) == pytest.approx(reference_loss, rel=1e-10, abs=1e-12)
    # gradients: backprop against central differences of the reference loss
    analytic = net.gradients(X, Y)
    scale = np.linalg.norm(flat(analytic))
    # Rounding noise of a central difference is about 1e-16 |L| / eps per entry: compare only
    # where the gradient stands well above it (as the library's own property test does).
    if scale <= 1e-3 * max(1.0, reference_loss):
        return False
    numeric = ref_gradients(*args, net.loss_name, X, Y)
    assert (analytic[1] is None) == (numeric[1] is None)
    error = np.linalg.norm(flat(analytic) - flat(numeric)) / (scale + np.linalg.norm(flat(numeric)))
    assert error < 1e-6, f"backprop differs from the reference's finite differences: {error:.2e}"
    return True


# ------------------------------------------------------------------ the networks compared

ELEMENTWISE = ("identity", "sigmoid", "tanh", "relu")


def make_case(sizes, activations, loss, biases, m, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 1, (n_out, n_in)) for n_in, n_out in itertools.pairwise(sizes)]
    bias_list = [rng.normal(0, 1, n) for n in sizes[1:]] if biases else None
    X = rng.normal(0, 1.5, (sizes[0], m))
    if loss == "cross_entropy":  # probabilities, not only one-hot columns
        Y = rng.dirichlet(np.ones(sizes[-1]), size=m).T
    else:
        Y = rng.normal(0, 1, (sizes[-1], m))
    return bp.MLP(weights, bias_list, activations, loss=loss), X, Y


# Every activation in a hidden layer and at the output, every loss, with and without biases,
# one to three weight layers.
EXPLICIT = [
    (sizes, [hidden] * (len(sizes) - 2) + [output], loss, biases)
    for sizes in ([3, 2], [2, 4, 3], [3, 4, 3, 2])
    for hidden in ELEMENTWISE
    for output, loss in [
        *((o, l) for o in ELEMENTWISE for l in ("sse", "half_sse")),
        ("softmax", "cross_entropy"),
    ]
    for biases in (True, False)
    if len(sizes) > 2 or hidden == ELEMENTWISE[0]  # one layer: the output alone varies
]


@pytest.mark.parametrize(
    ("sizes", "activations", "loss", "biases"),
    [
        pytest.param(*case, id=f"{case[0]}-{'/'.join(case[1])}-{case[2]}-b{case[3]:d}")
        for case in EXPLICIT
    ],
)
def test_every_activation_and_loss_against_the_reference(sizes, activations, loss, biases):
    for seed in range(20):  # the first seed whose relu units are all away from their kinks
        net, X, Y = make_case(sizes, activations, loss, biases, m=3, seed=seed)
        if compare_with_reference(net, X, Y):
            return
    pytest.fail("no seed gave a comparable case")


@st.composite
def network_and_batch(draw):
    layers = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(1, 5), min_size=layers + 1, max_size=layers + 1))
    loss = draw(st.sampled_from(bp.LOSS_NAMES))
    activations = draw(st.lists(st.sampled_from(ELEMENTWISE), min_size=layers, max_size=layers))
    if loss == "cross_entropy":
        activations[-1] = "softmax"
    biases = draw(st.booleans())
    m = draw(st.integers(1, 4))
    return make_case(sizes, activations, loss, biases, m, draw(st.integers(0, 2**32 - 1)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(network_and_batch())
def test_gradients_against_finite_differences_of_the_reference(case):
    assume(compare_with_reference(*case))


# ------------------------------------------------------------------ the oracle sees forward bugs


def _leaky_relu(z):
    return np.where(z > 0, z, 0.01 * z)


def _leaky_relu_prime(z, a):
    return np.where(z > 0, 1.0, 0.01)


def _scaled_tanh(z):
    return 1.01 * np.tanh(z)


def _scaled_tanh_prime(z, a):
    return 1.01 * (1.0 - np.tanh(z) ** 2)


@pytest.mark.parametrize(
    ("name", "wrong"),
    [("relu", (_leaky_relu, _leaky_relu_prime)), ("tanh", (_scaled_tanh, _scaled_tanh_prime))],
)
def test_a_consistent_forward_bug_passes_the_library_check_but_not_the_oracle(
    monkeypatch, name, wrong
):
    """A wrong activation with the matching derivative: backprop is still the exact gradient
    of the (wrong) forward pass, so the library's own finite differences agree with it; the
    reference does not."""
    net, X, Y = make_case([2, 3, 1], [name, "identity"], "half_sse", True, m=3, seed=1)
    monkeypatch.setitem(bp.ACTIVATIONS, name, wrong)
    assert bp.gradient_check(net, X, Y) < 1e-7  # blind to the bug
    with pytest.raises(AssertionError):
        compare_with_reference(net, X, Y)


def test_a_wrong_loss_factor_is_caught(monkeypatch):
    """sse computed as the half_sse (value and derivative consistent): the library's own check
    passes, the reference's loss does not."""
    net, X, Y = make_case([2, 3, 1], ["tanh", "identity"], "sse", True, m=3, seed=2)
    monkeypatch.setitem(bp.losses.SQUARED_LOSSES, "sse", bp.losses.SQUARED_LOSSES["half_sse"])
    assert bp.gradient_check(net, X, Y) < 1e-7
    with pytest.raises(AssertionError):
        compare_with_reference(net, X, Y)
