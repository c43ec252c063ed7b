r"""Notebook 06's exercises: the gradient of an input that reaches the output along three
paths (a number), and the backward rule of a new operation, :math:`a^b` with both inputs
Values (code).

``06-fan-out``: :math:`y = x\,\sigma(x) + x^2` at :math:`x = 1.5`. In the graph :math:`x`
feeds the product directly, feeds the sigmoid whose output feeds the same product, and feeds
the square, so the backward pass adds three terms:
:math:`\partial y/\partial x = \sigma(x) + x\,\sigma(x)(1 - \sigma(x)) + 2x`. The mistakes:
each of the three paths left out, the ``=`` instead of ``+=`` result (only the last path's
term survives), σ where σ′ belongs, a sign.

``06-power-backward``: ``power_backward(a, b, upstream)`` returns the two terms the backward
pass adds into the inputs of :math:`\text{out} = a^b` (:math:`a > 0`):
:math:`(\text{upstream}\cdot b\,a^{b-1},\ \text{upstream}\cdot a^b \ln a)`, checked against
the engine (:math:`a^b` built as :math:`e^{b \ln a}` from ``Value``'s own operations) and
finite differences. The mistakes: the upstream factor left out (the local derivatives only),
the function's value :math:`a^b` as the exponent's derivative (the rule of :math:`e^b`), a
sign, the two gradients swapped.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, finite_differences, register

#: The point of ``06-fan-out``.
FAN_OUT_X = 1.5


def _fan_out_graph() -> tuple[bp.Value, bp.Value]:
    """``(y, x)`` for y = x·σ(x) + x² at :data:`FAN_OUT_X`, built from Values."""
    x = bp.Value(FAN_OUT_X, "x")
    return x * x.sigmoid() + x**2, x


def _fan_out_gradient() -> float:
    y, x = _fan_out_graph()
    y.backward()
    return x.grad


def _path_terms() -> dict[str, float]:
    """The three terms x receives, from the library's sigmoid and its slope."""
    x = FAN_OUT_X
    s = float(bp.sigmoid(x))
    return {
        "product": s,  # ∂(x·s)/∂x with s = σ(x) held fixed
        "sigmoid": x * float(bp.sigmoid_prime(x, s)),  # ∂(x·s)/∂s · dσ/dx
        "square": 2 * x,  # d(x²)/dx
    }


def _without(path: str) -> float:
    return sum(v for k, v in _path_terms().items() if k != path)


def _overwritten() -> float:
    """What ``backward`` with ``=`` instead of ``+=`` leaves in ``x.grad``."""
    y, x = _fan_out_graph()
    bp.backward_overwriting(y)
    return x.grad


def _sigma_for_slope() -> float:
    terms = _path_terms()
    return terms["product"] + FAN_OUT_X * float(bp.sigmoid(FAN_OUT_X)) + terms["square"]


register(
    NumberExercise(
        id="06-fan-out",
        question=(
            "y = x·σ(x) + x² at x = 1.5: x feeds the product directly, feeds the sigmoid whose "
            "output feeds the same product, and feeds the square. What is ∂y/∂x?"
        ),
        expected=_fan_out_gradient,
        mistakes=[
            Mistake(
                "direct path into the product left out",
                lambda: _without("product"),
                "x enters the product x·σ(x) twice: as its left factor directly, and through "
                "σ. The direct path is missing: its term is ∂(x·s)/∂x = s with s = σ(x).",
            ),
            Mistake(
                "path through the sigmoid left out",
                lambda: _without("sigmoid"),
                "The path through the sigmoid is missing: the product's other input is σ(x), "
                "which depends on x too; its term is x times σ's slope.",
            ),
            Mistake(
                "path through the square left out",
                lambda: _without("square"),
                "x also feeds the square x²: the term of that path, d(x²)/dx, is missing.",
            ),
            Mistake(
                "= instead of +=",
                _overwritten,
                "This is one path's term alone, what a backward pass with = instead of += "
                "leaves: x feeds three places, and each sends a term back. Add them all.",
            ),
            Mistake(
                "sigma instead of its slope",
                _sigma_for_slope,
                "On the path through the sigmoid, multiply by its slope σ(x)(1 - σ(x)), not "
                "by σ(x) itself.",
            ),
            Mistake(
                "sign",
                lambda: -_fan_out_gradient(),
                "Check the sign: for x > 0 every one of the three terms is positive.",
            ),
        ],
        method_hint=(
            "List the paths from x to y: x → product (directly), x → σ → product, x → square. "
            "Each path's term is the product of the local derivatives along it; ∂y/∂x is "
            "their sum."
        ),
        answer_format="Give a number, e.g. answer = 0.5 (by hand, or with math.exp).",
    )
)


# ----------------------------------------------------------------------------- code

#: The ranges of a, b and upstream for each case: a above and below 1 (ln a of both signs),
#: b positive and negative, upstream positive and negative; none is 1 or -1.
_RANGES = [
    ((1.2, 3.0), (0.5, 3.0), (0.3, 0.8)),
    ((0.2, 0.9), (-2.0, -0.5), (1.2, 2.5)),
    ((0.2, 0.9), (0.5, 2.5), (-2.5, -1.2)),
    ((1.2, 3.0), (-2.0, -0.5), (-0.8, -0.3)),
    ((0.2, 3.0), (-2.5, 2.5), (-2.5, 2.5)),
]


def _power_cases(rng: np.random.Generator) -> list[Case]:
    """Five random (a, b, upstream), rounded to 2 decimals so that the description states
    the case exactly."""
    cases = []
    for ranges in _RANGES:
        a, b, upstream = (round(float(rng.uniform(lo, hi)), 2) for lo, hi in ranges)
        cases.append(Case(f"a = {a:g}, b = {b:g}, upstream = {upstream:g}", (a, b, upstream)))
    return cases


def _power_reference(a, b, upstream):
    """The engine's gradients of ℓ = upstream · a^b, with a^b built as e^(b ln a)."""
    a_node, b_node = bp.Value(a, "a"), bp.Value(b, "b")
    ell = (b_node * a_node.log()).exp() * upstream
    ell.backward()
    return a_node.grad, b_node.grad


def _power_by_differences(a, b, upstream):
    """∂ℓ/∂a and ∂ℓ/∂b of ℓ = upstream · a^b by central differences."""
    ab = [np.array(a, dtype=float), np.array(b, dtype=float)]
    grad_a, grad_b = finite_differences(lambda: float(upstream * ab[0] ** ab[1]), ab)
    return float(grad_a), float(grad_b)


def _local(a, b):
    """∂(a^b)/∂a and ∂(a^b)/∂b, with numpy."""
    return b * a ** (b - 1), a**b * np.log(a)


register(
    CodeExercise(
        id="06-power-backward",
        question=(
            "power_backward(a, b, upstream) returns (grad_a, grad_b), the terms the backward "
            "pass adds into the inputs a > 0 and b of out = a**b, given the upstream gradient "
            "of out."
        ),
        cases=_power_cases,
        reference=_power_reference,
        finite_differences=_power_by_differences,
        output_names=("grad_a", "grad_b"),
        mistakes=[
            Mistake(
                "upstream left out",
                lambda a, b, upstream: _local(a, b),
                "These are the local derivatives ∂out/∂a and ∂out/∂b; the backward pass "
                "passes on upstream × local: multiply each by upstream.",
            ),
            Mistake(
                "value instead of derivative",
                lambda a, b, upstream: (upstream * _local(a, b)[0], upstream * a**b),
                "grad_b: a**b is the function's value, not its derivative in b (that rule is "
                "e**b's). Write a**b = exp(b·ln a) and differentiate in b.",
            ),
            Mistake(
                "sign",
                lambda a, b, upstream: tuple(-upstream * d for d in _local(a, b)),
                "The backward pass passes gradients on as they are: the minus sign belongs "
                "to the update w ← w - η·grad, not to the backward rule.",
            ),
            Mistake(
                "gradients swapped",
                lambda a, b, upstream: tuple(upstream * d for d in reversed(_local(a, b))),
                "grad_a and grad_b are swapped: grad_a goes with the power rule in a (b held "
                "fixed), grad_b with the exponential in b (a held fixed).",
            ),
        ],
        method_hint=(
            "Hold b fixed: a**b is a power of a (the power rule). Hold a fixed: a**b = "
            "exp(b·ln a) is an exponential in b. Multiply each local derivative by upstream."
        ),
        answer_format=(
            "Define power_backward(a, b, upstream) returning a tuple (grad_a, grad_b) of two "
            'numbers, then run bp.check("06-power-backward", power_backward).'
        ),
    )
)
