r"""Notebook 05's exercises: the batch, its two conventions, and the backward pass.

``05-bias-batch`` (a number): :math:`\partial\mathcal L/\partial b^{(2)} = \frac1m \sum_k
\delta^{(2)}_k` for the 2-2-1 network (zero biases) on a batch of m = 2 columns. The mistakes:
a sum instead of the mean, one example only, the 1/m twice, the output slope left out, a
sign, the weight gradient.

``05-rows-gradient`` (a number): the same batch in the one-row-per-example convention, where
the hidden layer's weights are stored source first, :math:`W_\text{rows} = W^{(1)\top}`; the
gradient of the entry ``[0, 1]`` of :math:`W_\text{rows}` is :math:`\partial\mathcal
L/\partial w^{(1)}_{21}`. The mistakes: the transpose forgotten, a sum instead of the mean,
one example only, a sign.

``05-backward`` (code): the learner's ``backward(weights, z, a, Y, f_prime)``, BP1–BP4 for a
batch with the loss ``half_sse``, run on random networks of depth 1 to 4 with every
elementwise activation and batches of 1 to 5 columns, against ``MLP.gradients`` and finite
differences. The wrong implementations: the transpose on the wrong side (a shape), the 1/m
missing, the bias gradient not summed over the batch (a shape) or summed over the units (a
shape), a factor 2 (sse's derivative), f where f′ belongs, f′ of a instead of z, the output
slope left out of BP1, the lists in reverse order (a shape).
"""

import numpy as np

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, register
from ._two_two_one import network, parts

# ----------------------------------------------------------------------------- 05-bias-batch


def _batch():
    """The exercise's batch: the input and its reverse as two columns, both with target y_t."""
    x, y_t = bp.TWO_TWO_ONE["x"], float(bp.TWO_TWO_ONE["y_t"][0])
    return np.column_stack([x, x[::-1]]), np.full((1, 2), y_t)


def _columns() -> list[dict[str, float]]:
    """Each column's values (parts of the 2-2-1 network at that input)."""
    X, Y = _batch()
    return [parts(target=Y[0, k], x=X[:, k], biases=True) for k in range(X.shape[1])]


def _output_bias_gradient() -> float:
    _, db = network(biases=True).gradients(*_batch())
    return float(db[1][0])


def _mean(name: str) -> float:
    return float(np.mean([c[name] for c in _columns()]))


register(
    NumberExercise(
        id="05-bias-batch",
        question=(
            "Give the 2-2-1 network of notebook 03 (bp.TWO_TWO_ONE's weights, sigmoid, "
            "half_sse) zero biases, and feed it a batch of m = 2 columns: x = (0.35, 0.9) and "
            "x = (0.9, 0.35), both with target 0.5. The loss 𝓛 is the mean of the two "
            "examples' losses. What is d𝓛/db^(2), the gradient of the output unit's bias?"
        ),
        expected=_output_bias_gradient,
        mistakes=[
            Mistake(
                "sum instead of mean",
                lambda: 2 * _mean("d3"),
                "𝓛 is the mean over the batch, not the sum: add the column deltas, then "
                "divide by m.",
            ),
            Mistake(
                "first example only",
                lambda: _columns()[0]["d3"],
                "That is the first column's output delta alone: the bias gradient collects "
                "the delta of every column of the batch.",
            ),
            Mistake(
                "second example only",
                lambda: _columns()[1]["d3"],
                "That is the second column's output delta alone: the bias gradient averages "
                "the deltas of both examples.",
            ),
            Mistake(
                "1/m twice",
                lambda: _mean("d3") / 2,
                "The 1/m of the mean is applied once: (δ of column 1 + δ of column 2) / m.",
            ),
            Mistake(
                "output slope left out",
                lambda: _mean("e"),
                "The output unit is a sigmoid: each column's δ is (A3 - y_t)·A3(1 - A3), with "
                "the slope.",
            ),
            Mistake(
                "sign",
                lambda: -_mean("d3"),
                "Check the sign: δ = (A3 - y_t)·A3(1 - A3), the output minus the target.",
            ),
            Mistake(
                "a weight's gradient",
                lambda: float(np.mean([c["d3"] * c["A1"] for c in _columns()])),
                "That multiplies δ by a hidden activation, as ∂𝓛/∂w31 does; a bias's 'input' is 1.",
            ),
        ],
        method_hint=(
            "d𝓛/db^(2) = (1/m) Σ over the columns of δ^(2), with each column's "
            "δ^(2) = (A3 - y_t)·A3(1 - A3) from its own forward pass."
        ),
        answer_format="Give a number, e.g. answer = 0.1 (computed with the delta rule or bp.MLP).",
    )
)

# ----------------------------------------------------------------------------- 05-rows-gradient


def _hidden_weight_gradient(X, Y):
    """∂𝓛/∂W^(1) of the 2-2-1 network (zero biases) on the batch ``X, Y``, series layout."""
    return network(biases=True).gradients(X, Y)[0][0]


def _rows_entry(dW_hidden) -> float:
    """Entry [0, 1] of the rows convention's gradient, the transpose of the series' one."""
    return float(dW_hidden.T[0, 1])


def _one_column(k: int):
    X, Y = _batch()
    return _hidden_weight_gradient(X[:, k : k + 1], Y[:, k : k + 1])


register(
    NumberExercise(
        id="05-rows-gradient",
        question=(
            "Same network and batch as 05-bias-batch, in the one-row-per-example convention: "
            "X_rows = Xᵀ and the hidden layer's weights source first, W_rows = W^(1)ᵀ "
            "(Keras' kernel layout). What is the gradient of 𝓛 with respect to the entry "
            "W_rows[0, 1] (numpy's indices)?"
        ),
        expected=lambda: _rows_entry(_hidden_weight_gradient(*_batch())),
        mistakes=[
            Mistake(
                "transpose forgotten",
                lambda: float(_hidden_weight_gradient(*_batch())[0, 1]),
                "That is entry [0, 1] of the series' ∂𝓛/∂W^(1) (destination first). In the rows "
                "convention the weights are stored source first: row = input unit, column = "
                "hidden unit, so its gradient is the transpose of the series' one.",
            ),
            Mistake(
                "sum instead of mean",
                lambda: 2 * _rows_entry(_hidden_weight_gradient(*_batch())),
                "𝓛 is the mean over the batch: A_rowsᵀ Δ_rows adds the examples' outer "
                "products; divide by m.",
            ),
            Mistake(
                "first example only",
                lambda: _rows_entry(_one_column(0)),
                "That is the gradient of the first example alone: the batch gradient is the "
                "mean over both rows of X_rows.",
            ),
            Mistake(
                "second example only",
                lambda: _rows_entry(_one_column(1)),
                "That is the gradient of the second example alone: the batch gradient is the "
                "mean over both rows of X_rows.",
            ),
            Mistake(
                "sign",
                lambda: -_rows_entry(_hidden_weight_gradient(*_batch())),
                "Check the sign: the deltas start from a^(2) - y, the output minus the target.",
            ),
        ],
        method_hint=(
            "In the rows convention the gradient is (1/m) A_rowsᵀ Δ_rows = (∂𝓛/∂W^(1))ᵀ: "
            "compute the series' gradient (the four equations, or bp.MLP) and read it through "
            "the transpose; W_rows[0, 1] connects input 1 to hidden unit 2."
        ),
        answer_format="Give a number, e.g. answer = 0.1 (computed with the four equations or bp.MLP).",
    )
)

# ----------------------------------------------------------------------------- 05-backward


def _slope(name: str):
    """``f_prime(z)``: the derivative of the activation ``name``, elementwise."""
    f, f_prime = bp.ACTIVATIONS[name]

    def slope(z):
        return f_prime(z, f(z))

    slope.__name__ = slope.__qualname__ = f"{name}_prime"
    return slope


#: One ``f_prime`` per activation; module-level functions, so the checker's copies of a
#: case's arguments keep them and the reference can tell which activation a case uses.
_SLOPES = {name: _slope(name) for name in ("identity", "sigmoid", "tanh", "relu")}
_ACTIVATION_OF = {slope: name for name, slope in _SLOPES.items()}

#: The cases: layer sizes (n_0, …, n_L), the activation of every layer, the batch size m.
#: Depths 1 to 4, every elementwise activation, m = 1 and m > 1 (never 2, so a factor 2 and
#: a missing 1/m differ); neighbouring sizes differ, so a transposed gradient has a wrong shape.
_BACKWARD_CASES = [
    ((3, 4, 2), "sigmoid", 5),
    ((2, 3), "identity", 1),
    ((4, 5, 3, 2), "tanh", 3),
    ((2, 6, 5, 4, 3), "relu", 4),
]


def _backward_cases(rng):
    cases = []
    for sizes, activation, m in _BACKWARD_CASES:
        net = bp.MLP.random(sizes, activation, seed=int(rng.integers(2**31)))
        for b in net.biases:  # non-zero biases: a bias gradient cannot hide behind b = 0
            b += rng.normal(0.0, 0.5, size=b.shape)
        X = rng.normal(size=(sizes[0], m))
        Y = rng.uniform(-1.0, 1.0, size=(sizes[-1], m))
        z, a = net.forward_all(X)
        description = f"{len(sizes) - 1} weight layers, sizes {sizes}, {activation}, batch of {m}"
        cases.append(Case(description, (net.weights, z, a, Y, _SLOPES[activation])))
    return cases


def _network(weights, z, a, f_prime) -> bp.MLP:
    """The network the arrays came from: its biases are z^(l) - W^(l) a^(l-1) (any column)."""
    biases = [
        (z_l - W @ a_prev)[:, 0] for W, z_l, a_prev in zip(weights, z[1:], a[:-1], strict=True)
    ]
    return bp.MLP(weights, biases, _ACTIVATION_OF[f_prime], loss="half_sse")


def _library_gradients(weights, z, a, Y, f_prime):
    """``(dW, db)`` from ``MLP.gradients`` (the reference)."""
    return _network(weights, z, a, f_prime).gradients(a[0], Y)


def _finite_differences(weights, z, a, Y, f_prime):
    """``(dW, db)`` from central differences of the mean loss (``bp.numerical_gradients``)."""
    return bp.numerical_gradients(_network(weights, z, a, f_prime), a[0], Y)


def _backward_with(
    weights,
    z,
    a,
    Y,
    f_prime,
    *,
    out_grad=None,
    slope=None,
    weight_grad=None,
    bias_grad=None,
    scale=None,
    out_slope=None,
    reverse=False,
):
    """BP1–BP4 for a batch with one step swapped for a mistake's version (each keyword's
    default is the right step): ``out_grad(a_L, Y)`` is ∇_a ℓ; ``slope(f_prime, z_l, a_l)``
    the factor of BP2, and of BP1 unless ``out_slope`` (same signature) is given;
    ``weight_grad(delta, a_prev)`` and ``bias_grad(delta)`` the sums of BP3 and BP4;
    ``scale(m)`` the factor of the mean; ``reverse`` returns the lists output layer first."""
    out_grad = out_grad or (lambda a_L, Y: a_L - Y)
    slope = slope or (lambda f_prime, z_l, a_l: f_prime(z_l))
    weight_grad = weight_grad or (lambda delta, a_prev: delta @ a_prev.T)
    bias_grad = bias_grad or (lambda delta: delta.sum(axis=1))
    scale = scale or (lambda m: 1.0 / m)
    L, c = len(weights), scale(Y.shape[1])
    out_slope = out_slope or slope
    delta = out_grad(a[L], Y) * out_slope(f_prime, z[L], a[L])
    dW, db = [None] * L, [None] * L
    for l in range(L, 0, -1):
        dW[l - 1] = c * weight_grad(delta, a[l - 1])
        db[l - 1] = c * bias_grad(delta)
        if l > 1:
            delta = (weights[l - 1].T @ delta) * slope(f_prime, z[l - 1], a[l - 1])
    return (dW[::-1], db[::-1]) if reverse else (dW, db)


def _wrong(**step):
    """A wrong implementation: :func:`_backward_with` with the steps ``step`` swapped."""

    def backward(weights, z, a, Y, f_prime):
        return _backward_with(weights, z, a, Y, f_prime, **step)

    return backward


register(
    CodeExercise(
        id="05-backward",
        question=(
            "Write backward(weights, z, a, Y, f_prime), the backward pass of a batch: "
            "weights[l-1] is W^(l); z, a = net.forward_all(X), so z[l] and a[l] are (n_l, m) "
            "and a[0] = X; Y holds the targets (n_L, m); f_prime(z) is f'(z), the same "
            "activation in every layer; the loss is half_sse. Return (dW, db), the gradients "
            "of the mean loss, shaped like the weights and the biases, by BP1-BP4."
        ),
        cases=_backward_cases,
        reference=_library_gradients,
        finite_differences=_finite_differences,
        output_names=("dW", "db"),
        mistakes=[
            Mistake(
                "transpose on the wrong side",
                _wrong(weight_grad=lambda delta, a_prev: a_prev @ delta.T),
                "BP3 is Δ^(l) A^(l-1)ᵀ: the gradient has the shape of W^(l), (units of layer l, "
                "units of the layer before), so the deltas stand on the left and the "
                "transposed activations of the layer before on the right.",
            ),
            Mistake(
                "missing 1/m",
                _wrong(scale=lambda m: 1.0),
                "𝓛 is the mean of the m examples' losses: divide both sums, Δ A_prevᵀ and the "
                "row sums of Δ, by the batch size m = Y.shape[1].",
            ),
            Mistake(
                "bias gradient not summed",
                _wrong(bias_grad=lambda delta: delta),
                "The bias is added to every column, so its gradient collects the deltas of "
                "all m columns: sum Δ^(l) over the batch (then the 1/m), which gives the "
                "shape of b^(l), one number per unit.",
            ),
            Mistake(
                "bias summed over the units",
                _wrong(bias_grad=lambda delta: delta.sum(axis=0)),
                "Here the examples are the columns, so the sum over the batch runs along "
                "axis=1; summing along axis=0 adds up the units of a layer (axis 0 is the "
                "examples' axis only in the one-row-per-example convention).",
            ),
            Mistake(
                "factor 2",
                _wrong(out_grad=lambda a_L, Y: 2.0 * (a_L - Y)),
                "The loss is half_sse, ½ Σ (ŷ - y)²: its derivative is a^(L) - Y, without "
                "the factor 2 that belongs to sse.",
            ),
            Mistake(
                "f instead of f'",
                _wrong(slope=lambda f_prime, z_l, a_l: a_l),
                "BP1 and BP2 multiply by the slope f'(z^(l)), which is f_prime(z[l]), not by "
                "the activation a[l] = f(z^(l)) itself.",
            ),
            Mistake(
                "f' of a instead of z",
                _wrong(slope=lambda f_prime, z_l, a_l: f_prime(a_l)),
                "f_prime takes the pre-activation: the slope in BP1 and BP2 is f_prime(z[l]); "
                "f_prime(a[l]) evaluates the slope at the wrong point.",
            ),
            Mistake(
                "output slope left out",
                _wrong(out_slope=lambda f_prime, z_L, a_L: 1.0),
                "BP1 has two factors: the loss's gradient a[L] - Y, times the output layer's "
                "slope f'(z[L]) (the output units have the activation f too).",
            ),
            Mistake(
                "lists in reverse order",
                _wrong(reverse=True),
                "dW[0] belongs to W^(1), the first layer (weights[0]): the backward pass "
                "meets the layers from the last to the first, so fill the lists from the back "
                "(or reverse them before returning).",
            ),
        ],
        method_hint=(
            "Start at the output with Δ = (a[L] - Y) ⊙ f'(z[L]) (BP1); for each layer l from "
            "L down to 1, dW[l-1] = Δ a[l-1]ᵀ / m (BP3) and db[l-1] = the row sums of Δ / m "
            "(BP4), then go back with Δ = (W^(l)ᵀ Δ) ⊙ f'(z[l-1]) (BP2)."
        ),
        answer_format=(
            "Define backward(weights, z, a, Y, f_prime) returning (dW, db), two lists of "
            'arrays, then run bp.check("05-backward", backward).'
        ),
    )
)
