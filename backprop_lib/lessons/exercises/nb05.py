r"""Notebook 05's exercise: a bias gradient over a batch.

``05-bias-batch``: :math:`\partial\mathcal L/\partial b^{(2)} = \frac1m \sum_k \delta^{(2)}_k`
for the 2-2-1 network (zero biases) on a batch of m = 2 columns. The mistakes: a sum instead
of the mean, one example only, the 1/m twice, the output slope left out, a sign, the weight
gradient.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Mistake, NumberExercise, register
from ._two_two_one import network, parts


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
            "x = (0.9, 0.35), both with target 0.5. The loss L is the mean of the two "
            "examples' losses. What is dL/db^(2), the gradient of the output unit's bias?"
        ),
        expected=_output_bias_gradient,
        mistakes=[
            Mistake(
                "sum instead of mean",
                lambda: 2 * _mean("d3"),
                "L is the mean over the batch, not the sum: add the column deltas, then "
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
                "That multiplies δ by a hidden activation, as ∂L/∂w31 does; a bias's 'input' is 1.",
            ),
        ],
        method_hint=(
            "dL/db^(2) = (1/m) Σ over the columns of δ^(2), with each column's "
            "δ^(2) = (A3 - y_t)·A3(1 - A3) from its own forward pass."
        ),
        answer_format="Give a number, e.g. answer = 0.1 (computed with the delta rule or bp.MLP).",
    )
)
