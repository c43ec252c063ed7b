r"""Notebook 01's exercises: the learning rate of one-weight descent, and its update step.

With :math:`C = (xw - y^*)^2` a step is :math:`w_{k+1} - w^* = (1 - 2Rx^2)(w_k - w^*)`.
``01-one-step`` asks for the R where the factor is 0, ``01-diverge`` where it reaches −1,
both for x = 3.0 (the notebook uses 5.7). The mistakes: the other critical rate, the factor
2 of the derivative dropped, x where x² belongs, the notebook's x.

``01-update-step`` (code) asks for ``update_step(x, w, target, lr)``, the weight after one
step :math:`w - R\,\partial C/\partial w = w - R\cdot 2(xw - y^*)\,x`, checked on random
inputs, weights, targets and learning rates against :func:`~backprop_lib.scalar_descent` and
finite differences. The mistakes: the factor 2 dropped, the sign of the step, the factor x
left out, the Q&A question's slip (the output xw where the input x belongs), the gradient
returned instead of the new weight.
"""

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, register

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


# ----------------------------------------------------------------------------- the update step


def _update_cases(rng) -> list[Case]:
    """Five steps: inputs of both signs, weights, targets and learning rates drawn at random
    (learning rates small enough that no step diverges)."""
    cases = []
    for sign in (1, -1, 1, -1, 1):
        x = float(sign * rng.uniform(0.5, 3.0))
        w = float(rng.normal(0.0, 3.0))
        target = float(rng.normal(0.0, 10.0))
        lr = float(rng.uniform(0.001, 0.05))
        description = f"x = {x:.3g}, w = {w:.3g}, y* = {target:.3g}, R = {lr:.3g}"
        cases.append(Case(description, (x, w, target, lr)))
    return cases


def _update_reference(x, w, target, lr) -> float:
    """The library's step: one iteration of :func:`~backprop_lib.scalar_descent`."""
    return float(bp.scalar_descent(x, w, target, lr, 1).w[1])


def _update_finite_differences(x, w, target, lr, eps: float = 1e-6) -> float:
    r""":math:`w - R\,(C(w+\varepsilon) - C(w-\varepsilon))/2\varepsilon`, with the cost
    written out here, independently of the library."""

    def cost(v):
        return (x * v - target) ** 2

    return w - lr * (cost(w + eps) - cost(w - eps)) / (2 * eps)


register(
    CodeExercise(
        id="01-update-step",
        question=(
            "Write update_step(x, w, target, lr): the weight after one step of gradient "
            "descent on C = (xw - y*)², w - R·∂C/∂w."
        ),
        cases=_update_cases,
        reference=_update_reference,
        finite_differences=_update_finite_differences,
        mistakes=[
            Mistake(
                "factor 2 dropped",
                lambda x, w, target, lr: w - lr * (x * w - target) * x,
                "The derivative of the square (a - y*)² is 2(a - y*): keep its factor 2.",
            ),
            Mistake(
                "sign of the step",
                lambda x, w, target, lr: w + lr * 2 * (x * w - target) * x,
                "Gradient descent steps AGAINST the gradient: w - R·∂C/∂w, a minus sign.",
            ),
            Mistake(
                "x left out",
                lambda x, w, target, lr: w - lr * 2 * (x * w - target),
                "2(a - y*) is only ∂C/∂a; the chain rule multiplies it by ∂a/∂w = x.",
            ),
            Mistake(
                "the Q&A question's slip",
                lambda x, w, target, lr: w - lr * 2 * (x * w - target) * (x * w),
                "∂a/∂w is the input x of the weight, not its output a = xw (the Q&A "
                "question's slip).",
            ),
            Mistake(
                "the gradient returned",
                lambda x, w, target, lr: 2 * (x * w - target) * x,
                "Return the new weight w - R·∂C/∂w, not the gradient ∂C/∂w itself.",
            ),
        ],
        method_hint=(
            "∂C/∂w = ∂C/∂a · ∂a/∂w = 2(a - y*)·x with a = x·w; the new weight is w - R·∂C/∂w."
        ),
        answer_format=(
            "Fill in the body of update_step(x, w, target, lr) so that it returns a number, "
            'then run bp.check("01-update-step", update_step).'
        ),
    )
)
