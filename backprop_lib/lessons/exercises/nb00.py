"""Notebook 00's exercise: reading the notation on the 2-2-1 network.

``00-notation``: the pre-activation :math:`z^{(1)}_2 = w^{(1)}_{21} x_1 + w^{(1)}_{22} x_2`
of the second hidden unit, where the confusion is the direction of the weight indices
(destination first: row 2 of :math:`W^{(1)}`).
"""

import backprop_lib as bp

from ..checking import Mistake, NumberExercise, register


def _layer_one():
    """``(W, x, z, a)`` of the 2-2-1 network's hidden layer at its input, as plain arrays:
    ``W = W^(1)``, ``z = z^(1)``, ``a = a^(1)`` (1-D)."""
    net = bp.two_two_one_network()
    x = bp.TWO_TWO_ONE["x"]
    z, a = net.forward_all(x)
    return net.weights[0], x, z[1][:, 0], a[1][:, 0]


def _column_two():
    """Row and column mixed up: column 2 of W^(1) (the weights *from* input 2) times x."""
    W, x, _, _ = _layer_one()
    return float(W.T[1] @ x)


register(
    NumberExercise(
        id="00-notation",
        question=(
            "In bp.two_two_one_network() with the input bp.TWO_TWO_ONE['x'] (no biases), what "
            "is the pre-activation z^(1)_2 of the second hidden unit (the 2-2-1 lecture notes' "
            "z2)?"
        ),
        expected=lambda: float(_layer_one()[2][1]),
        mistakes=[
            Mistake(
                "column instead of row",
                _column_two,
                "The weights into unit 2 are row 2 of W^(1): destination first, so w^(1)_21 "
                "and w^(1)_22 (weights[0][1, :]), not column 2.",
            ),
            Mistake(
                "first unit",
                lambda: float(_layer_one()[2][0]),
                "That is z^(1)_1, the first hidden unit's sum; the exercise asks for the "
                "second unit, whose weights are w^(1)_21 and w^(1)_22.",
            ),
            Mistake(
                "after the sigmoid",
                lambda: float(_layer_one()[3][1]),
                "That is the activation a^(1)_2 = σ(z^(1)_2): z is the weighted sum before "
                "the sigmoid.",
            ),
            Mistake(
                "one input only",
                lambda: float(_layer_one()[0][1, 1] * _layer_one()[1][1]),
                "Both inputs feed unit 2: z^(1)_2 has one term per input, w^(1)_21 x_1 + "
                "w^(1)_22 x_2.",
            ),
        ],
        method_hint=(
            "z^(1)_2 = w^(1)_21 x_1 + w^(1)_22 x_2: row 2 of W^(1) (destination first) times "
            "the input, before the sigmoid."
        ),
        answer_format="Give a number, e.g. answer = 0.5.",
    )
)
