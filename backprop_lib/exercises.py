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

from .scalar import critical_rates


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
    # -- notebook 03 exercises --
    # -- notebook 04 exercises --
    # -- notebook 05 exercises --
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
