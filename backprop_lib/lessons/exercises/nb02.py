r"""Notebook 02's exercise: the chain rule through a sigmoid.

``02-sigmoid-w1``: :math:`\partial C/\partial w_1` of the chain
:math:`x \to w_1 \to \sigma \to w_2 \to a_2`, :math:`C = (a_2 - y^*)^2`, the product of four
factors :math:`2(a_2 - y^*) \cdot w_2 \cdot \sigma'(z_1) \cdot x`. The mistakes: a sign, the
factor 2, σ where σ′ belongs, σ′ evaluated at :math:`w_1` instead of :math:`z_1 = w_1 x`,
and each other factor left out.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Mistake, NumberExercise, register

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
