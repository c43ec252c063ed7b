"""Notebook 01's exercises: the learning rate of one-weight descent, for a new input.

With :math:`C = (xw - y^*)^2` a step is :math:`w_{k+1} - w^* = (1 - 2Rx^2)(w_k - w^*)`.
``01-one-step`` asks for the R where the factor is 0, ``01-diverge`` where it reaches −1,
both for x = 3.0 (the notebook uses 5.7). The mistakes: the other critical rate, the factor
2 of the derivative dropped, x where x² belongs, the notebook's x.
"""

import backprop_lib as bp

from ..checking import Mistake, NumberExercise, register

X = 3.0  # the exercises' input; the notebook's is bp.ONE_WEIGHT["x"]


def _rate(which: str, x: float = X) -> float:
    return bp.critical_rates(x)[which]


FORMAT = "Give a positive number, e.g. answer = 0.01 (a fraction like 1/7 is fine)."
NOTEBOOK_X = (
    "This exercise uses x = 3.0, not the notebook's x = 5.7: the critical rates depend on x."
)

register(
    NumberExercise(
        id="01-one-step",
        question=(
            "For the input x = 3.0 (instead of 5.7), which learning rate R makes gradient "
            "descent on C = (xw - y*)^2 land on the minimum in exactly one step?"
        ),
        expected=lambda: _rate("one_step"),
        mistakes=[
            Mistake(
                "factor -1 or factor 2 dropped",
                lambda: _rate("diverge"),
                "With this R the factor 1 - 2Rx² is -1: the step jumps to the mirror image "
                "of w₀ (the same R comes out if the 2 of the derivative 2x(xw - y*) is "
                "dropped). One step needs the factor 0.",
            ),
            Mistake(
                "x instead of x squared",
                lambda: _rate("one_step") * X,
                "x appears twice in a step: ∂C/∂w = 2x(xw - y*) = 2x·x(w - w*), so the "
                "factor is 1 - 2Rx², with x².",
            ),
            Mistake("the notebook's x", lambda: _rate("one_step", bp.ONE_WEIGHT["x"]), NOTEBOOK_X),
        ],
        method_hint=(
            "Write one step as w₁ - w* = (1 - 2Rx²)(w₀ - w*): it lands on w* from any start "
            "when the factor 1 - 2Rx² is 0."
        ),
        answer_format=FORMAT,
    )
)

register(
    NumberExercise(
        id="01-diverge",
        question=(
            "For x = 3.0, above which learning rate R does gradient descent diverge "
            "(|w_k - w*| grows without bound)?"
        ),
        expected=lambda: _rate("diverge"),
        mistakes=[
            Mistake(
                "the one-step rate",
                lambda: _rate("one_step"),
                "At this R the factor 1 - 2Rx² is 0 (one step to the minimum); above it the "
                "iterates oscillate but still converge while the factor stays above -1.",
            ),
            Mistake(
                "factor 2 dropped",
                lambda: 2 * _rate("diverge"),
                "Keep the 2 of the derivative 2x(xw - y*): the factor is 1 - 2Rx², not 1 - Rx².",
            ),
            Mistake(
                "x instead of x squared",
                lambda: _rate("diverge") * X,
                "x appears twice in a step: ∂C/∂w = 2x·x(w - w*), so the factor is 1 - 2Rx², "
                "with x².",
            ),
            Mistake("the notebook's x", lambda: _rate("diverge", bp.ONE_WEIGHT["x"]), NOTEBOOK_X),
        ],
        method_hint=(
            "The error is multiplied by 1 - 2Rx² at every step: it grows without bound once "
            "|1 - 2Rx²| > 1, i.e. past 1 - 2Rx² = -1."
        ),
        answer_format=FORMAT,
    )
)
