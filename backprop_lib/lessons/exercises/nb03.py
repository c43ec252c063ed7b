r"""Notebook 03's exercises: a hidden bias gradient with biases in the forward pass (a number),
and the two outer products of the 2-2-1 network (code).

``03-bias-hidden``: with biases :math:`b_1, b_2, b_3` on :math:`A_1, A_2, A_3`,
:math:`\partial E/\partial b_1 = \delta_1 = (A_3 - y_t)\,A_3(1 - A_3)\,w_{31}\,A_1(1 - A_1)`
(:math:`\partial z_1/\partial b_1 = 1`), every value from the forward pass *with* the biases.
The mistakes: the biases left out of the forward pass (the δ₁ the notebook printed), the
wrong weight (:math:`w_{32}` where :math:`w_{31}` belongs), an input factor, a slope left out,
σ where σ′ belongs, a sign, the output unit's bias.

``03-outer-products``: ``gradients_221(x, y_t, W1, W2)`` returns
:math:`(\partial E/\partial W^{(1)}, \partial E/\partial W^{(2)}) = (\delta\,x^\top,
\delta_3\,A^\top)` for a sigmoid network with one output and no biases,
:math:`E = \tfrac12(A_3 - y_t)^2`. The mistakes: an outer product transposed
(:math:`x\,\delta^\top`, which puts :math:`\delta_2 x_1` where :math:`\partial E/\partial w_{12}
= \delta_1 x_2` belongs), σ where σ′ belongs at the hidden units, the output slope left out,
a sign.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, finite_differences, register

#: The biases of ``03-bias-hidden``: b1, b2 on the hidden units A1, A2, and b3 on A3.
BIASES = (np.array([0.5, -0.5]), np.array([0.25]))


def _biased_network(biases=BIASES) -> bp.MLP:
    t = bp.TWO_TWO_ONE
    return bp.MLP(
        [t["w_hidden"], t["w_out"]], [b.copy() for b in biases], "sigmoid", loss="half_sse"
    )


def _parts(biases=BIASES) -> dict[str, float]:
    """Forward and backward values of the 2-2-1 network with ``biases``, at the notebook's
    input and target: ``A1 A3``, the slopes ``s1 s3``, the error ``e = A3 - y_t``, the deltas
    ``d1 d3``, the weights ``w31 w32`` and the inputs ``x1 x2``."""
    net = _biased_network(biases)
    x, y = bp.TWO_TWO_ONE["x"], bp.TWO_TWO_ONE["y_t"]
    z, a = net.forward_all(x)
    deltas = net.deltas(x, y)
    return {
        "x1": float(x[0]),
        "x2": float(x[1]),
        "A1": float(a[1][0, 0]),
        "A3": float(a[2][0, 0]),
        "s1": float(bp.sigmoid_prime(z[1][0, 0], a[1][0, 0])),
        "s3": float(bp.sigmoid_prime(z[2][0, 0], a[2][0, 0])),
        "e": float(a[2][0, 0] - y[0]),
        "d1": float(deltas[0][0, 0]),
        "d3": float(deltas[1][0, 0]),
        "w31": float(net.weights[1][0, 0]),
        "w32": float(net.weights[1][0, 1]),
    }


def _bias_gradient() -> float:
    """dE/db1 from the library's backward pass, biases in the forward pass."""
    _, db = _biased_network().gradients(bp.TWO_TWO_ONE["x"], bp.TWO_TWO_ONE["y_t"])
    return float(db[0][0])


def _p():
    return _parts()


register(
    NumberExercise(
        id="03-bias-hidden",
        question=(
            "Give every unit of the 2-2-1 network (bp.TWO_TWO_ONE's input, target and weights) "
            "a bias: b1 = 0.5 on A1, b2 = -0.5 on A2, b3 = 0.25 on A3, so that "
            "z1 = x1 w11 + x2 w12 + b1, and so on. What is dE/db1?"
        ),
        expected=_bias_gradient,
        mistakes=[
            Mistake(
                "biases left out of the forward pass",
                lambda: _parts((np.zeros(2), np.zeros(1)))["d1"],
                "That is δ1 without biases. The biases change the forward pass: compute "
                "z1 = x1 w11 + x2 w12 + b1 (and z2, z3 with theirs) first, then A1, A2, A3.",
            ),
            Mistake(
                "w32 where w31 belongs",
                lambda: _p()["d3"] * _p()["w32"] * _p()["s1"],
                "A1 reaches A3 through w31 (destination 3, source 1); w32 carries A2's signal.",
            ),
            Mistake(
                "an input factor",
                lambda: _p()["d1"] * _p()["x1"],
                "dz1/db1 = 1: the bias gradient has no input factor x1 or x2 (that would be "
                "∂E/∂w11).",
            ),
            Mistake(
                "hidden slope left out",
                lambda: _p()["d3"] * _p()["w31"],
                "Between z1 and A1 sits a sigmoid: multiply by its slope A1(1 - A1) as well.",
            ),
            Mistake(
                "output slope left out",
                lambda: _p()["e"] * _p()["w31"] * _p()["s1"],
                "The output unit is a sigmoid too: ∂E/∂z3 = (A3 - y_t)·A3(1 - A3), with the "
                "slope A3(1 - A3).",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda: _p()["d3"] * _p()["w31"] * _p()["A1"],
                "dA1/dz1 is the slope A1(1 - A1), not A1 itself.",
            ),
            Mistake(
                "sign",
                lambda: -_p()["d1"],
                "Check the sign: ∂E/∂A3 = A3 - y_t for E = ½(A3 - y_t)², the output minus the "
                "target.",
            ),
            Mistake(
                "the output bias",
                lambda: _p()["d3"],
                "That is ∂E/∂b3, the output unit's bias. b1 sits one layer further back: "
                "continue through w31 and A1's slope.",
            ),
        ],
        method_hint=(
            "First the forward pass with the biases (z1 = x1 w11 + x2 w12 + b1, …). Then "
            "dE/db1 is the delta of A1, (A3 - y_t)·A3(1 - A3)·w31·A1(1 - A1), because "
            "dz1/db1 = 1 replaces the input factor of a weight's gradient."
        ),
        answer_format="Give a number, e.g. answer = 0.01 (computed by hand, sympy or bp.MLP).",
    )
)


# ----------------------------------------------------------------------------- code


def _outer_cases(rng: np.random.Generator) -> list[Case]:
    """Random sigmoid networks with one output: the notebook's 2-2-1 shape first."""
    cases = []
    for n_in, n_hidden, label in [(2, 2, "a"), (2, 2, "b"), (3, 4, ""), (4, 3, "")]:
        name = f"{n_in} inputs, {n_hidden} hidden units" + (f", network {label}" if label else "")
        x = rng.normal(size=n_in)
        y_t = float(rng.uniform(0.05, 0.95))
        W1, W2 = rng.normal(size=(n_hidden, n_in)), rng.normal(size=(1, n_hidden))
        cases.append(Case(name, (x, y_t, W1, W2)))
    return cases


def _outer_reference(x, y_t, W1, W2):
    """``(dW1, dW2)`` from the library's backward pass."""
    net = bp.MLP([W1, W2], None, "sigmoid", loss="half_sse")
    dW, _ = net.gradients(x, [y_t])
    return dW[0], dW[1]


def _outer_by_differences(x, y_t, W1, W2):
    """``(dW1, dW2)`` by central differences of E, with its own forward pass."""
    W1, W2 = np.array(W1, dtype=float), np.array(W2, dtype=float)

    def E():
        A = 1 / (1 + np.exp(-(W1 @ x)))
        A3 = 1 / (1 + np.exp(-(W2 @ A)))
        return 0.5 * float((A3[0] - y_t) ** 2)

    return tuple(finite_differences(E, [W1, W2]))


def _outer_with(x, y_t, W1, W2, *, hidden_slope, output_slope, sign=1.0, transpose=False):
    """The two outer products with a chosen slope at each layer (the mistakes' common code)."""
    x = np.asarray(x, dtype=float)
    A = bp.sigmoid(W1 @ x)
    A3 = bp.sigmoid(W2 @ A)
    delta3 = sign * (A3 - y_t) * output_slope(A3)
    delta = (W2.T @ delta3) * hidden_slope(A)
    dW1 = np.outer(x, delta) if transpose else np.outer(delta, x)
    return dW1, np.outer(delta3, A)


def _slope(A):
    return A * (1 - A)


def _same(A):
    return A


def _one(A):
    return np.ones_like(A)


register(
    CodeExercise(
        id="03-outer-products",
        question=(
            "gradients_221(x, y_t, W1, W2) returns (dE/dW1, dE/dW2) for a sigmoid network with "
            "one output and no biases, E = ½(A3 - y_t)²: x has shape (n_0,), y_t is a number, "
            "W1 has shape (n_1, n_0) and W2 shape (1, n_1); each gradient has its weights' "
            "shape."
        ),
        cases=_outer_cases,
        reference=_outer_reference,
        finite_differences=_outer_by_differences,
        output_names=("dW1", "dW2"),
        mistakes=[
            Mistake(
                "outer product transposed",
                lambda x, y_t, W1, W2: _outer_with(
                    x, y_t, W1, W2, hidden_slope=_slope, output_slope=_slope, transpose=True
                ),
                "A gradient is shaped like its weights, row = destination unit, column = "
                "source: ∂E/∂w_ij = δ_i x_j is δ xᵀ (np.outer(delta, x)), not x δᵀ, which "
                "puts δ2·x1 where ∂E/∂w12 = δ1·x2 belongs.",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda x, y_t, W1, W2: _outer_with(
                    x, y_t, W1, W2, hidden_slope=_same, output_slope=_slope
                ),
                "The hidden deltas carry the hidden units' slopes A(1 - A), σ'(z) written with "
                "the unit's value, not A itself.",
            ),
            Mistake(
                "output slope left out",
                lambda x, y_t, W1, W2: _outer_with(
                    x, y_t, W1, W2, hidden_slope=_slope, output_slope=_one
                ),
                "δ3 = (A3 - y_t)·A3(1 - A3): the output unit is a sigmoid too, so its slope "
                "is a factor of every gradient.",
            ),
            Mistake(
                "sign",
                lambda x, y_t, W1, W2: _outer_with(
                    x, y_t, W1, W2, hidden_slope=_slope, output_slope=_slope, sign=-1.0
                ),
                "Check the sign: ∂E/∂A3 = A3 - y_t, the output minus the target.",
            ),
        ],
        method_hint=(
            "Forward: A = σ(W1 x), A3 = σ(W2 A). Backward: δ3 = (A3 - y_t)·A3(1 - A3), "
            "δ = (W2ᵀ δ3) ⊙ A(1 - A). Then dE/dW2 = δ3 Aᵀ and dE/dW1 = δ xᵀ (np.outer)."
        ),
        answer_format=(
            "Define gradients_221(x, y_t, W1, W2) returning the tuple (dW1, dW2), then run "
            'bp.check("03-outer-products", gradients_221).'
        ),
    )
)
