"""Exercises with an automatic check: right or wrong, with a hint, never the answer.

Each exercise has an id (``"01-one-step"``), a question, a way to compute the expected answer
(from the library, never a stored number), a tolerance and hints. A notebook asks
``bp.check("01-one-step", answer)``; the message says whether the answer is right and, if not,
gives a hint that points at the method, not at the value.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..mlp import MLP
from .examples import ONE_WEIGHT, TWO_TWO_ONE, two_two_one_network
from .one_weight import critical_rates
from .two_weights import chain_network


@dataclass(frozen=True)
class Exercise:
    """One checkable exercise: ``expected()`` computes the answer, compared to ``rel_tol``."""

    question: str
    expected: Callable[[], float]
    rel_tol: float
    hint_low: str
    hint_high: str
    hint_format: str


@dataclass(frozen=True)
class CheckResult:
    """What :func:`check` found: ``correct`` and the ``message`` shown to the learner."""

    correct: bool
    message: str

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        return self.message


EXERCISES: dict[str, Exercise] = {
    # -- notebook 00 exercises --
    "00-notation": Exercise(
        question=(
            "In bp.two_two_one_network() with the input bp.TWO_TWO_ONE['x'] (no biases), what "
            "is the pre-activation z^(1)_2 of the second hidden unit (seed 003's z2)?"
        ),
        expected=lambda: float(two_two_one_network().forward_all(TWO_TWO_ONE["x"])[0][1][1, 0]),
        rel_tol=1e-6,
        hint_low=(
            "Too small: z^(1)_2 is the sum before the sigmoid, w^(1)_21 x_1 + w^(1)_22 x_2, "
            "with both terms."
        ),
        hint_high=(
            "Too large: the weights into unit 2 are row 2 of W^(1) (destination first: "
            "weights[0][1, :]), not column 2."
        ),
        hint_format="Give a number, e.g. answer = 0.5.",
    ),
    "01-one-step": Exercise(
        question=(
            "For the input x = 3.0 (instead of 5.7), which learning rate R makes gradient "
            "descent on C = (xw - y*)^2 land on the minimum in exactly one step?"
        ),
        expected=lambda: critical_rates(3.0)["one_step"],
        rel_tol=1e-3,
        hint_low=(
            "Too small: with this R the contraction factor 1 - 2Rx² is still positive, so "
            "the iterates creep towards w* without reaching it."
        ),
        hint_high=(
            "Too large: with this R the contraction factor 1 - 2Rx² is negative, so the "
            "first step jumps past w*."
        ),
        hint_format="Give a positive number, e.g. answer = 0.01 (a fraction like 1/7 is fine).",
    ),
    "01-diverge": Exercise(
        question=(
            "For x = 3.0, above which learning rate R does gradient descent diverge "
            "(|w_k - w*| grows without bound)?"
        ),
        expected=lambda: critical_rates(3.0)["diverge"],
        rel_tol=1e-3,
        hint_low=(
            "Too small: at this R the factor 1 - 2Rx² is still above -1, so the error "
            "still shrinks (while it oscillates)."
        ),
        hint_high="Too large: at this R the iterates already diverge; look for |1 - 2Rx²| = 1.",
        hint_format="Give a positive number, e.g. answer = 0.01 (a fraction like 1/7 is fine).",
    ),
    # -- notebook 02 exercises --
    "02-sigmoid-w1": Exercise(
        question=(
            "Chain x -> w1 -> sigmoid -> w2 -> a2 with x = 5.7, y* = 50.1 and C = (a2 - y*)^2. "
            "At w1 = 0.5, w2 = 60, what is dC/dw1?"
        ),
        expected=lambda: _sigmoid_chain_gradient_w1(0.5, 60.0),
        rel_tol=1e-4,
        hint_low=(
            "Too small: multiply all four factors dC/da2 = 2(a2 - y*), da2/da1 = w2, "
            "da1/dz1 = σ(z1)(1 - σ(z1)) with z1 = w1·x, and dz1/dw1 = x."
        ),
        hint_high=(
            "Too large: did you use σ'(z1) = σ(z1)(1 - σ(z1)) (not σ(z1) itself), with "
            "a2 = w2·σ(w1·x)?"
        ),
        hint_format="Give a number, e.g. answer = 12.5 (computed by hand, sympy or bp.MLP).",
    ),
    # -- notebook 03 exercises --
    "03-bias-hidden": Exercise(
        question=(
            "Give seed 003's 2-2-1 network (bp.TWO_TWO_ONE) a bias b1 on A1, so that "
            "z1 = x1 w11 + x2 w12 + b1, and set b1 = 0 (all other biases 0 too). What is "
            "dE/db1 at the notebook's input and target?"
        ),
        expected=lambda: float(_two_two_one_bias_gradients()[0]),
        rel_tol=1e-4,
        hint_low=(
            "Too small: dE/db1 is the hidden delta of A1, "
            "(A3 - y_t)·A3(1 - A3)·w31·A1(1 - A1): dz1/db1 = 1 replaces x1."
        ),
        hint_high=(
            "Too large: dz1/db1 = 1, so the gradient has no input factor x1 or x2; only the "
            "path through A1 (weight w31) counts."
        ),
        hint_format="Give a number, e.g. answer = 0.01 (computed by hand, sympy or bp.MLP).",
    ),
    # -- notebook 04 exercises --
    "04-hidden-delta": Exercise(
        question=(
            "In the 2-2-1 network of notebook 03 (bp.TWO_TWO_ONE: input x = (0.35, 0.9), "
            "sigmoid units, no biases, E = ½(A3 - y_t)²), but with the target y_t = 0.1 "
            "instead of 0.5: what is the delta δ of the first hidden unit A1, i.e. dE/dz1?"
        ),
        expected=lambda: _two_two_one_hidden_delta(),
        rel_tol=1e-4,
        hint_low=(
            "Too small: δ1 = (w31 · δ3) · f'(z1) with δ3 = (A3 - y_t) · A3(1 - A3) and "
            "f'(z1) = A1(1 - A1); multiply by each slope once, and use w31 (A1 to A3)."
        ),
        hint_high=(
            "Too large: the recursion multiplies by the sigmoid's slope A1(1 - A1) at the "
            "hidden unit as well as at the output; did you leave one out?"
        ),
        hint_format="Give a number, e.g. answer = 0.01.",
    ),
    # -- notebook 05 exercises --
    "05-bias-batch": Exercise(
        question=(
            "Give the 2-2-1 network of notebook 03 (bp.TWO_TWO_ONE's weights, sigmoid, "
            "half_sse) zero biases, and feed it a batch of m = 2 columns: x = (0.35, 0.9) and "
            "x = (0.9, 0.35), both with target 0.5. The loss L is the mean of the two "
            "examples' losses. What is dL/db^(2), the gradient of the output unit's bias?"
        ),
        expected=lambda: _two_two_one_batch_gradients()[1][1][0],
        rel_tol=1e-4,
        hint_low=(
            "Too small: the bias gradient collects the output delta of every column of the "
            "batch (did you keep both examples?), and the 1/m of the mean is applied once."
        ),
        hint_high=(
            "Too large: L is the mean over the batch, not the sum, so the column deltas are "
            "added and then divided by m."
        ),
        hint_format="Give a number, e.g. answer = 0.1 (computed with the delta rule or bp.MLP).",
    ),
}


def check(exercise_id: str, answer) -> CheckResult:
    """Check ``answer`` to exercise ``exercise_id``; returns a :class:`CheckResult` whose
    message (shown in the notebook) says right or wrong with a hint, without the answer."""
    if exercise_id not in EXERCISES:
        raise ValueError(f"exercise_id must be one of {sorted(EXERCISES)}; got {exercise_id!r}")
    exercise = EXERCISES[exercise_id]
    if answer is None or answer is ...:
        return CheckResult(False, f"Not answered yet. {exercise.hint_format}")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return CheckResult(False, f"The answer should be a number. {exercise.hint_format}")
    answer = float(answer)
    expected = exercise.expected()
    if math.isclose(answer, expected, rel_tol=exercise.rel_tol):
        return CheckResult(True, "Right! ✔")
    hint = exercise.hint_low if answer < expected else exercise.hint_high
    return CheckResult(False, f"Not yet. {hint}")


# -- notebook 02-03 helpers --
def _sigmoid_chain_gradient_w1(w1: float, w2: float) -> float:
    """dC/dw1 of notebook 02's sigmoid chain at (w1, w2), input and target of ONE_WEIGHT."""
    net = chain_network(w1, w2, "sigmoid")
    dW, _ = net.gradients(np.array([ONE_WEIGHT["x"]]), np.array([ONE_WEIGHT["target"]]))
    return float(dW[0][0, 0])


def _two_two_one_bias_gradients() -> np.ndarray:
    """dE/db^(1) of exercise 03-bias-hidden: seed 003's network with zero biases."""
    net = MLP(
        [TWO_TWO_ONE["w_hidden"], TWO_TWO_ONE["w_out"]], [np.zeros(2), np.zeros(1)], "sigmoid"
    )
    return net.gradients(TWO_TWO_ONE["x"], TWO_TWO_ONE["y_t"])[1][0]


# -- notebook 05 helpers --
def _two_two_one_batch_gradients():
    """``(dW, db)`` of exercise 05-bias-batch: the 2-2-1 network with zero biases on the
    batch ``[x, x reversed]``, both targets ``y_t``."""
    x, y_t = TWO_TWO_ONE["x"], TWO_TWO_ONE["y_t"][0]
    net = MLP(
        [TWO_TWO_ONE["w_hidden"], TWO_TWO_ONE["w_out"]], [np.zeros(2), np.zeros(1)], "sigmoid"
    )
    return net.gradients(np.column_stack([x, x[::-1]]), np.full((1, 2), y_t))


# -- notebook 04 helpers --
def _two_two_one_hidden_delta() -> float:
    """δ of hidden unit A1 for the target 0.1 (exercise 04-hidden-delta), from the library's
    backward pass."""
    net = MLP([TWO_TWO_ONE["w_hidden"], TWO_TWO_ONE["w_out"]], None, "sigmoid")
    return float(net.deltas(TWO_TWO_ONE["x"], [0.1])[0][0, 0])
