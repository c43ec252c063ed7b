r"""Notebook 04's exercise: a hidden delta by the recursion, for a new target.

``04-hidden-delta``: :math:`\delta_1 = (w_{31}\,\delta_3)\,A_1(1 - A_1)` with
:math:`\delta_3 = (A_3 - y_t)\,A_3(1 - A_3)`, at :math:`y_t = 0.1`. The mistakes: the wrong
weight (:math:`w_{32}` where :math:`w_{31}` belongs), the other hidden unit, a slope left out,
σ where σ′ belongs, a sign, the notebook's target, the output delta.
"""

import backprop_lib as bp

from ..checking import Mistake, NumberExercise, register
from ._two_two_one import network, parts

TARGET = 0.1  # the notebook's target is bp.TWO_TWO_ONE["y_t"]


def _p():
    return parts(target=TARGET)


register(
    NumberExercise(
        id="04-hidden-delta",
        question=(
            "In the 2-2-1 network of notebook 03 (bp.TWO_TWO_ONE: input x = (0.35, 0.9), "
            "sigmoid units, no biases, E = ½(A3 - y_t)²), but with the target y_t = 0.1 "
            "instead of 0.5: what is the delta δ of the first hidden unit A1, i.e. dE/dz1?"
        ),
        expected=lambda: float(
            network(biases=False).deltas(bp.TWO_TWO_ONE["x"], [TARGET])[0][0, 0]
        ),
        mistakes=[
            Mistake(
                "w32 where w31 belongs",
                lambda: _p()["d3"] * _p()["w32"] * _p()["s1"],
                "A1 feeds A3 through w31 (destination 3, source 1): that is the weight the "
                "recursion multiplies δ3 by.",
            ),
            Mistake(
                "the other hidden unit",
                lambda: _p()["d2"],
                "That is δ2, the delta of A2 (through w32 and A2's slope); the exercise asks "
                "for A1.",
            ),
            Mistake(
                "hidden slope left out",
                lambda: _p()["d3"] * _p()["w31"],
                "The recursion multiplies by the sigmoid's slope at the hidden unit too: "
                "δ1 = (w31 δ3)·A1(1 - A1).",
            ),
            Mistake(
                "output slope left out",
                lambda: _p()["e"] * _p()["w31"] * _p()["s1"],
                "δ3 = (A3 - y_t)·A3(1 - A3) carries the output unit's slope A3(1 - A3).",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda: _p()["d3"] * _p()["w31"] * _p()["A1"],
                "f'(z1) of the sigmoid is A1(1 - A1), not A1 itself.",
            ),
            Mistake(
                "sign",
                lambda: -_p()["d1"],
                "Check the sign of δ3: ∂E/∂A3 = A3 - y_t, the output minus the target.",
            ),
            Mistake(
                "the notebook's target",
                lambda: parts(target=float(bp.TWO_TWO_ONE["y_t"][0]))["d1"],
                "This exercise changes the target to y_t = 0.1: recompute δ3 with it (the "
                "forward pass does not change).",
            ),
            Mistake(
                "the output delta",
                lambda: _p()["d3"],
                "That is δ3, the output unit's delta: go one layer back, through w31 and A1's "
                "slope.",
            ),
        ],
        method_hint=(
            "δ1 = (w31 · δ3) · f'(z1) with δ3 = (A3 - y_t) · A3(1 - A3) and f'(z1) = A1(1 - A1): "
            "the forward pass is the notebook's, only the target changes."
        ),
        answer_format="Give a number, e.g. answer = 0.01.",
    )
)
