r"""Notebook 07's exercises: the largest slope of a chain of sigmoid units (a number), and the
initial scale of a layer (code).

``07-chain-bound``: in a chain of k = 6 sigmoid units, one per layer, every weight w = 3.2,
:math:`\partial a^{(k)}/\partial a^{(0)} = \prod_j w\,\sigma'(z^{(j)})`, largest when every
:math:`z^{(j)} = 0` (the biases can put it there): :math:`(w\,\sigma'(0))^k = (w/4)^k`. The
mistakes: σ(0) = ½ where σ′(0) = ¼ belongs, the weights left out, one factor short, the slope
taken as 1.

``07-weight-std``: ``weight_std(activation, n_in, n_out)`` returns the standard deviation of a
layer's initial weights: He's :math:`\sqrt{2/n_\text{in}}` for relu, Glorot's
:math:`\sqrt{2/(n_\text{in} + n_\text{out})}` for tanh. The mistakes: the fan-out where He
uses the fan-in, the variance returned instead of the standard deviation, He's factor 2 left
out, Glorot's factor 2 left out.
"""

import math

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, register
from ..deep_networks import init_std

K, W = 6, 3.2  # the chain's length and its weights


def _max_sigmoid_slope() -> float:
    """σ′ at its maximum z = 0, from the library's sigmoid and its slope."""
    return float(bp.sigmoid_prime(0.0, bp.sigmoid(0.0)))


def _chain(factor: float, k: int = K) -> float:
    return factor**k


register(
    NumberExercise(
        id="07-chain-bound",
        question=(
            "A chain of k = 6 sigmoid units, one per layer: a^(j) = σ(w a^(j-1) + b_j) with "
            "every weight w = 3.2. Whatever the input a^(0) and the biases b_j, what is the "
            "largest value |∂a^(6)/∂a^(0)| can take?"
        ),
        expected=lambda: _chain(W * _max_sigmoid_slope()),
        mistakes=[
            Mistake(
                "sigma instead of its slope",
                lambda: _chain(W * float(bp.sigmoid(0.0))),
                "Each factor is w·σ′(z), the slope of the sigmoid, whose maximum is σ′(0) = "
                "σ(0)(1 - σ(0)); σ(0) itself is not the slope.",
            ),
            Mistake(
                "weights left out",
                lambda: _chain(_max_sigmoid_slope()),
                "z^(j) = w a^(j-1) + b_j: each layer contributes ∂z/∂a = w as well as the slope "
                "σ′(z). Keep the weights in the product.",
            ),
            Mistake(
                "one factor short",
                lambda: _chain(W * _max_sigmoid_slope(), K - 1),
                "Count the layers: from a^(0) to a^(6) the chain passes 6 units, so the product "
                "has 6 factors w·σ′(z).",
            ),
            Mistake(
                "slope taken as 1",
                lambda: _chain(W),
                "The sigmoid's slope is at most σ′(0), well below 1: each factor is w·σ′(z), "
                "not w alone.",
            ),
        ],
        method_hint=(
            "By the chain rule ∂a^(6)/∂a^(0) is a product of 6 factors w·σ′(z^(j)); each is "
            "largest where σ′ is largest (sympy found where), and the biases can put every "
            "z^(j) there."
        ),
        answer_format="Give a number, e.g. answer = 0.01 (a power like 0.5**3 is fine).",
    )
)


# ----------------------------------------------------------------------------- code


def _reference(activation, n_in, n_out):
    """He for relu, Glorot for tanh: the lesson's init_std."""
    return init_std("he" if activation == "relu" else "glorot", n_in, n_out)


def _cases(rng):
    """Layers whose fan-in and fan-out differ (so that swapping them shows), then square ones;
    relu first so that each He mistake shows on the first case."""
    shapes = [("relu", 32, 16), ("tanh", 20, 60), ("relu", 5, 80), ("tanh", 64, 64)]
    shapes.append(("relu", int(rng.integers(50, 200)), int(rng.integers(2, 40))))
    return [
        Case(f"{activation}, n_in = {n_in}, n_out = {n_out}", (activation, n_in, n_out))
        for activation, n_in, n_out in shapes
    ]


def _he_or(glorot, he):
    return lambda activation, n_in, n_out: (
        he(n_in, n_out) if activation == "relu" else glorot(n_in, n_out)
    )


def _glorot(n_in, n_out):
    return math.sqrt(2 / (n_in + n_out))


register(
    CodeExercise(
        id="07-weight-std",
        question=(
            "weight_std(activation, n_in, n_out) returns the standard deviation of the initial "
            "weights of a layer with n_in inputs (fan-in) and n_out units (fan-out): He's "
            "scale for activation 'relu', Glorot's for 'tanh'."
        ),
        cases=_cases,
        reference=_reference,
        mistakes=[
            Mistake(
                "fan-out instead of fan-in",
                _he_or(_glorot, lambda n_in, n_out: math.sqrt(2 / n_out)),
                "He's scale keeps the forward pass steady: Var z = n_in·Var w·E[a²], a sum over "
                "the n_in inputs of a unit. Use the fan-in n_in, not the fan-out.",
            ),
            Mistake(
                "variance instead of standard deviation",
                _he_or(lambda n_in, n_out: 2 / (n_in + n_out), lambda n_in, n_out: 2 / n_in),
                "The formulas give the variance of the weights, Var w = σ²; numpy's "
                "rng.normal(0, scale) wants the standard deviation σ: take the square root.",
            ),
            Mistake(
                "factor 2 of He left out",
                _he_or(_glorot, lambda n_in, n_out: math.sqrt(1 / n_in)),
                "A ReLU passes only the positive half: E[relu(z)²] = ½ Var z. He doubles "
                "LeCun's 1/n_in to make up for that half.",
            ),
            Mistake(
                "factor 2 of Glorot left out",
                _he_or(
                    lambda n_in, n_out: math.sqrt(1 / (n_in + n_out)),
                    lambda n_in, n_out: math.sqrt(2 / n_in),
                ),
                "Glorot's variance is 1 over the mean of fan-in and fan-out, "
                "1/((n_in + n_out)/2) = 2/(n_in + n_out).",
            ),
        ],
        method_hint=(
            "He: Var w = 2/n_in; Glorot: Var w = 2/(n_in + n_out); return the square root "
            "(a standard deviation)."
        ),
        answer_format=(
            "Define weight_std(activation, n_in, n_out) returning a number, then run "
            'bp.check("07-weight-std", weight_std).'
        ),
    )
)
