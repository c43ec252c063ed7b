r"""Notebook 02's exercises: the chain rule through a sigmoid, and one step on both weights.

``02-sigmoid-w1``: :math:`\partial C/\partial w_1` of the chain
:math:`x \to w_1 \to \sigma \to w_2 \to a_2`, :math:`C = (a_2 - y^*)^2`, the product of four
factors :math:`2(a_2 - y^*) \cdot w_2 \cdot \sigma'(z_1) \cdot x`. The mistakes: a sign, the
factor 2, σ where σ′ belongs, σ′ evaluated at :math:`w_1` instead of :math:`z_1 = w_1 x`,
and each other factor left out.

``02-chain-step`` (code): ``chain_step(x, w1, w2, target, lr)`` returns ``(new_w1, new_w2)``
after one step of gradient descent on both weights of :math:`a_1 = \sigma(w_1 x)`,
:math:`a_2 = w_2 a_1`, checked on random points against :meth:`~backprop_lib.MLP.step` and
finite differences. The mistakes: σ where σ′ belongs, a factor (w2 or x) left out of
∂C/∂w1, the Q&A question's "last weight first" (∂C/∂w1 taken after w2 has moved), the factor
2 dropped, the Q&A question's slip ∂a2/∂w2 = a2, the sign of the step.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, register

W1, W2 = 0.5, 60.0


def _factors() -> dict[str, float]:
    """The chain's values at (W1, W2) on the notebook's input and target, from the
    library's forward pass: x, z1 = w1 x, a1 = σ(z1), σ'(z1), w2, and dC/da2 = 2(a2 - y*)."""
    net = bp.chain_network(W1, W2, "sigmoid")
    x = bp.ONE_WEIGHT["x"]
    z, a = net.forward_all(np.array([x]))
    z1, a1, a2 = z[1][0, 0], a[1][0, 0], a[2][0, 0]
    return {
        "x": x,
        "w1": W1,
        "w2": W2,
        "a1": a1,
        "slope": float(bp.sigmoid_prime(z1, a1)),
        "dC/da2": 2.0 * (a2 - bp.ONE_WEIGHT["target"]),
    }


def _gradient_w1() -> float:
    """dC/dw1 from the library's backward pass."""
    net = bp.chain_network(W1, W2, "sigmoid")
    dW, _ = net.gradients(np.array([bp.ONE_WEIGHT["x"]]), np.array([bp.ONE_WEIGHT["target"]]))
    return float(dW[0][0, 0])


def _product(**replace: float) -> float:
    """The four factors' product with some factor replaced (1.0 = left out)."""
    f = _factors()
    parts = {"dC/da2": f["dC/da2"], "w2": f["w2"], "slope": f["slope"], "x": f["x"]}
    parts.update(replace)
    return float(np.prod(list(parts.values())))


def _slope_at_w1() -> float:
    a = float(bp.sigmoid(np.float64(W1)))
    return float(bp.sigmoid_prime(np.float64(W1), a))


register(
    NumberExercise(
        id="02-sigmoid-w1",
        question=(
            "Chain x -> w1 -> sigmoid -> w2 -> a2 with x = 5.7, y* = 50.1 and C = (a2 - y*)^2. "
            "At w1 = 0.5, w2 = 60, what is dC/dw1?"
        ),
        expected=_gradient_w1,
        mistakes=[
            Mistake(
                "sign",
                lambda: -_product(),
                "Check the sign of the first factor: ∂C/∂a2 = 2(a2 - y*), the prediction "
                "minus the target.",
            ),
            Mistake(
                "factor 2",
                lambda: _product() / 2,
                "C = (a2 - y*)² has no ½ here: its derivative is 2(a2 - y*), with the 2.",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda: _product(slope=_factors()["a1"]),
                "da1/dz1 is the sigmoid's slope σ'(z1) = σ(z1)(1 - σ(z1)), not σ(z1) itself.",
            ),
            Mistake(
                "slope left out",
                lambda: _product(slope=1.0),
                "The sigmoid sits between w1 and w2: multiply by its slope "
                "da1/dz1 = σ(z1)(1 - σ(z1)) too.",
            ),
            Mistake(
                "slope at w1",
                lambda: _product(slope=_slope_at_w1()),
                "The sigmoid's slope is taken at its own input z1 = w1·x, not at w1.",
            ),
            Mistake(
                "x left out",
                lambda: _product(x=1.0),
                "The last factor is dz1/dw1 = x: w1 multiplies the input.",
            ),
            Mistake(
                "w2 left out",
                lambda: _product(w2=1.0),
                "On the way back from a2 to a1 the chain passes w2: da2/da1 = w2.",
            ),
        ],
        method_hint=(
            "Multiply the four factors dC/da2 = 2(a2 - y*), da2/da1 = w2, "
            "da1/dz1 = σ(z1)(1 - σ(z1)) with z1 = w1·x, and dz1/dw1 = x."
        ),
        answer_format=("Give a number, e.g. answer = 12.5 (computed by hand, sympy or bp.MLP)."),
    )
)


# ----------------------------------------------------------------------------- one step


def _step_cases(rng) -> list[Case]:
    """Five steps from random points: inputs of both signs, weights, targets, learning rates."""
    cases = []
    for sign in (1, -1, 1, -1, 1):
        x = float(sign * rng.uniform(0.5, 2.0))
        w1, w2 = float(rng.normal(0.0, 1.0)), float(rng.normal(0.0, 2.0))
        target = float(rng.normal(0.0, 2.0))
        lr = float(rng.uniform(0.01, 0.1))
        description = f"x = {x:.3g}, w1 = {w1:.3g}, w2 = {w2:.3g}, y* = {target:.3g}, R = {lr:.3g}"
        cases.append(Case(description, (x, w1, w2, target, lr)))
    return cases


def _step_reference(x, w1, w2, target, lr) -> tuple[float, float]:
    """The library's step: :meth:`~backprop_lib.MLP.step` on the 1-1-1 sigmoid chain."""
    net = bp.chain_network(w1, w2, "sigmoid")
    net.step(np.array([[x]]), np.array([[target]]), lr)
    return float(net.weights[0][0, 0]), float(net.weights[1][0, 0])


def _step_finite_differences(x, w1, w2, target, lr, eps: float = 1e-6):
    """Both weights minus ``lr`` times central differences of the cost, written out here."""

    def cost(v1, v2):
        return (v2 / (1.0 + np.exp(-v1 * x)) - target) ** 2

    g1 = (cost(w1 + eps, w2) - cost(w1 - eps, w2)) / (2 * eps)
    g2 = (cost(w1, w2 + eps) - cost(w1, w2 - eps)) / (2 * eps)
    return w1 - lr * g1, w2 - lr * g2


def _wrong_step(x, w1, w2, target, lr, *, sigma_factor=True, w2_factor=True, x_factor=True,
                factor=2.0, w2_input="a1", last_weight_first=False):  # fmt: skip
    """One step with one of the listed mistakes switched on (the defaults compute it right)."""
    a1 = 1.0 / (1.0 + np.exp(-w1 * x))
    dC_da2 = factor * (w2 * a1 - target)
    new_w2 = w2 - lr * dC_da2 * (a1 if w2_input == "a1" else w2 * a1)
    if last_weight_first:  # the Q&A question's scheme: w1's gradient after w2 has moved
        w2, dC_da2 = new_w2, factor * (new_w2 * a1 - target)
    slope = a1 * (1 - a1) if sigma_factor else a1
    dC_dw1 = dC_da2 * (w2 if w2_factor else 1.0) * slope * (x if x_factor else 1.0)
    return w1 - lr * dC_dw1, new_w2


register(
    CodeExercise(
        id="02-chain-step",
        question=(
            "Write chain_step(x, w1, w2, target, lr): one step of gradient descent on both "
            "weights of a1 = σ(w1·x), a2 = w2·a1, C = (a2 - y*)², returning (new_w1, new_w2)."
        ),
        cases=_step_cases,
        reference=_step_reference,
        finite_differences=_step_finite_differences,
        output_names=("new_w1", "new_w2"),
        mistakes=[
            Mistake(
                "σ where σ′ belongs",
                lambda *args: _wrong_step(*args, sigma_factor=False),
                "∂a1/∂z1 is σ'(z1) = σ(z1)(1 - σ(z1)), not σ(z1) itself.",
            ),
            Mistake(
                "w2 left out",
                lambda *args: _wrong_step(*args, w2_factor=False),
                "A factor is missing from ∂C/∂w1: the path from w1 to C passes through w2, "
                "so ∂a2/∂a1 = w2 is one of its links.",
            ),
            Mistake(
                "x left out",
                lambda *args: _wrong_step(*args, x_factor=False),
                "A factor is missing from ∂C/∂w1: its last link is ∂z1/∂w1 = x.",
            ),
            Mistake(
                "last weight first",
                lambda *args: _wrong_step(*args, last_weight_first=True),
                "Both partials must be taken at the same point (w1, w2), from one forward "
                "pass: compute ∂C/∂w1 with the old w2, before moving w2 (not the Q&A "
                "question's 'last weight first').",
            ),
            Mistake(
                "factor 2 dropped",
                lambda *args: _wrong_step(*args, factor=1.0),
                "C = (a2 - y*)² has no ½: ∂C/∂a2 = 2(a2 - y*), keep the factor 2.",
            ),
            Mistake(
                "the Q&A question's slip",
                lambda *args: _wrong_step(*args, w2_input="a2"),
                "∂a2/∂w2 is the input a1 of w2, not its output a2 (the Q&A question's slip).",
            ),
            Mistake(
                "sign of the step",
                lambda *args: _wrong_step(*args, factor=-2.0),
                "Gradient descent steps AGAINST the gradient: w - R·∂C/∂w, a minus sign.",
            ),
        ],
        method_hint=(
            "Forward: z1 = w1·x, a1 = σ(z1), a2 = w2·a1. Backward: ∂C/∂a2 = 2(a2 - y*), "
            "∂C/∂w2 = ∂C/∂a2·a1, ∂C/∂w1 = ∂C/∂a2·w2·σ'(z1)·x. Then move both weights."
        ),
        answer_format=(
            "Fill in the body of chain_step(x, w1, w2, target, lr) so that it returns the "
            'pair (new_w1, new_w2), then run bp.check("02-chain-step", chain_step).'
        ),
    )
)
