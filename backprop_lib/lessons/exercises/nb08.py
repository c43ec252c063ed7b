r"""Notebook 08's exercises: the cost of a gradient check, and the output delta of a batch.

``08-gradcheck-losses`` (a number): how many times a full central-difference check
(:func:`~backprop_lib.numerical_gradients`) evaluates the loss for a 64-50-10 network with
biases: two per parameter. The mistakes: one evaluation per parameter, the biases left out,
the first layer only, units counted instead of parameters, the notebook's width.

``08-output-delta`` (code): ``output_delta(Z, Y)`` returns
:math:`\partial\mathcal L/\partial Z^{(L)} = (\operatorname{softmax}(Z) - Y)/m` for the batch
mean :math:`\mathcal L` of the cross-entropy, ``Z`` and ``Y`` of shape ``(classes, m)``, one
column per example. The mistakes: the 1/m forgotten, the softmax taken along the wrong axis
(over the examples), a sign, the number of classes in place of m.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, finite_differences, register

WIDTH = 50  # the notebook's network is 64-32-10


def _parameter_counts(hidden: int) -> tuple[int, int]:
    """(weights, biases) of a 64-hidden-10 network, counted on the library's network."""
    net = bp.MLP.random([64, hidden, 10], ["tanh", "softmax"], loss="cross_entropy", seed=0)
    return sum(w.size for w in net.weights), sum(b.size for b in net.biases)


def _evaluations(hidden: int = WIDTH) -> int:
    return 2 * sum(_parameter_counts(hidden))


register(
    NumberExercise(
        id="08-gradcheck-losses",
        question=(
            "bp.numerical_gradients estimates every parameter's derivative by a central "
            "difference. For a 64-50-10 network with biases, how many times does one full "
            "check evaluate the loss net.loss(X, Y)?"
        ),
        expected=_evaluations,
        mistakes=[
            Mistake(
                "one evaluation per parameter",
                lambda: _evaluations() / 2,
                "A central difference (L(θ + ε) - L(θ - ε)) / 2ε evaluates the loss on both "
                "sides of each parameter.",
            ),
            Mistake(
                "biases left out",
                lambda: 2 * _parameter_counts(WIDTH)[0],
                "The biases are parameters too: each of the hidden and output units has one.",
            ),
            Mistake(
                "first layer only",
                lambda: 2 * (64 * WIDTH + WIDTH),
                "The check covers every layer: the output layer's weights and biases too.",
            ),
            Mistake(
                "units instead of parameters",
                lambda: 2 * (64 + WIDTH + 10),
                "Count parameters, not units: a layer of n units fed by k units has n·k "
                "weights and n biases.",
            ),
            Mistake(
                "the notebook's width",
                lambda: _evaluations(32),
                "This exercise's hidden layer has 50 units, not the notebook's 32.",
            ),
        ],
        method_hint=(
            "Count the parameters layer by layer (a weight matrix of shape (n_l, n_{l-1}) and "
            "n_l biases), then count the loss evaluations each one needs."
        ),
        answer_format="Give a whole number, e.g. answer = 1000.",
    )
)


def _softmax(Z):
    return bp.activations.softmax(Z)


def _reference(Z, Y):
    return bp.losses.softmax_cross_entropy_delta(_softmax(Z), Y) / Z.shape[1]


def _finite_differences(Z, Y):
    Z = np.array(Z, dtype=np.float64)
    (dZ,) = finite_differences(lambda: float(np.mean(bp.cross_entropy_from_logits(Z, Y))), [Z])
    return dZ


def _cases(rng):
    cases = []
    for classes, m in [(10, 4), (3, 6), (10, 9)]:
        Z = rng.normal(0.0, 2.0, size=(classes, m))
        Y = bp.one_hot(rng.integers(0, classes, size=m), classes)
        cases.append(Case(f"{classes} classes, batch of {m}", (Z, Y)))
    return cases


register(
    CodeExercise(
        id="08-output-delta",
        question=(
            "output_delta(Z, Y) returns dL/dZ for the output layer of a softmax network, where "
            "L is the mean over the m columns of the cross-entropy -Σ_i y_i log softmax(z)_i; "
            "Z and Y have shape (classes, m), one column per example."
        ),
        cases=_cases,
        reference=_reference,
        finite_differences=_finite_differences,
        mistakes=[
            Mistake(
                "1/m forgotten",
                lambda Z, Y: _softmax(Z) - Y,
                "L is the mean over the batch: each column's ŷ - y is divided by m.",
            ),
            Mistake(
                "softmax over the examples",
                lambda Z, Y: (np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True) - Y) / Z.shape[1],
                "Each column is one example: the softmax normalises down a column (axis 0), "
                "over the classes, not along a row over the examples.",
            ),
            Mistake(
                "sign",
                lambda Z, Y: (Y - _softmax(Z)) / Z.shape[1],
                "Check the sign: δ = ŷ - y, the prediction minus the target (the loss falls "
                "when the true class's z grows).",
            ),
            Mistake(
                "divided by the classes",
                lambda Z, Y: (_softmax(Z) - Y) / Z.shape[0],
                "m is the number of examples, the number of columns (Z.shape[1]); Z.shape[0] "
                "counts the classes.",
            ),
        ],
        method_hint=(
            "Compute ŷ = softmax(Z) column by column (subtract each column's maximum before "
            "exp), then (ŷ - Y) / m with m the number of columns."
        ),
        answer_format=(
            "Define output_delta(Z, Y) returning an array of Z's shape, then run "
            'bp.check("08-output-delta", output_delta).'
        ),
    )
)
