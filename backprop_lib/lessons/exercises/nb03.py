r"""Notebook 03's exercise: the gradient of a hidden unit's bias in the 2-2-1 network.

``03-bias-hidden``: :math:`\partial E/\partial b_1 = \delta_1 = (A_3 - y_t)\,A_3(1 - A_3)\,
w_{31}\,A_1(1 - A_1)` (:math:`\partial z_1/\partial b_1 = 1`). The mistakes: the wrong weight
(:math:`w_{32}` where :math:`w_{31}` belongs), an input factor, a slope left out, σ where σ′
belongs, a sign, the output unit's bias.
"""

import backprop_lib as bp

from ..checking import Mistake, NumberExercise, register
from ._two_two_one import network, parts


def _p():
    return parts(target=0.5, biases=True)


def _bias_gradient() -> float:
    """dE/db1 from the library's backward pass (zero biases)."""
    net = network(biases=True)
    return float(net.gradients(bp.TWO_TWO_ONE["x"], bp.TWO_TWO_ONE["y_t"])[1][0][0])


register(
    NumberExercise(
        id="03-bias-hidden",
        question=(
            "Give the 2-2-1 network of the lecture notes (bp.TWO_TWO_ONE) a bias b1 on A1, so "
            "that z1 = x1 w11 + x2 w12 + b1, and set b1 = 0 (all other biases 0 too). What is "
            "dE/db1 at the notebook's input and target?"
        ),
        expected=_bias_gradient,
        mistakes=[
            Mistake(
                "w32 where w31 belongs",
                lambda: _p()["d3"] * _p()["w32"] * _p()["s1"],
                "A1 reaches A3 through w31 (destination 3, source 1); w32 carries A2's signal.",
            ),
            Mistake(
                "an input factor",
                lambda: _p()["d1"] * _p()["x1"],
                "dz1/db1 = 1: the bias gradient has no input factor x1 or x2 (that would be "
                "∂E/∂w11).",
            ),
            Mistake(
                "hidden slope left out",
                lambda: _p()["d3"] * _p()["w31"],
                "Between z1 and A1 sits a sigmoid: multiply by its slope A1(1 - A1) as well.",
            ),
            Mistake(
                "output slope left out",
                lambda: _p()["e"] * _p()["w31"] * _p()["s1"],
                "The output unit is a sigmoid too: ∂E/∂z3 = (A3 - y_t)·A3(1 - A3), with the "
                "slope A3(1 - A3).",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda: _p()["d3"] * _p()["w31"] * _p()["A1"],
                "dA1/dz1 is the slope A1(1 - A1), not A1 itself.",
            ),
            Mistake(
                "sign",
                lambda: -_p()["d1"],
                "Check the sign: ∂E/∂A3 = A3 - y_t for E = ½(A3 - y_t)², the output minus the "
                "target.",
            ),
            Mistake(
                "the output bias",
                lambda: _p()["d3"],
                "That is ∂E/∂b3, the output unit's bias. b1 sits one layer further back: "
                "continue through w31 and A1's slope.",
            ),
        ],
        method_hint=(
            "dE/db1 is the delta of A1: (A3 - y_t)·A3(1 - A3)·w31·A1(1 - A1), because "
            "dz1/db1 = 1 replaces the input factor of a weight's gradient."
        ),
        answer_format="Give a number, e.g. answer = 0.01 (computed by hand, sympy or bp.MLP).",
    )
)
