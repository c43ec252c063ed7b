r"""Notebook 04's exercises: a hidden delta on a network that branches (a number), and one
layer's backward step (code).

``04-hidden-delta``: in a 2-1-2 sigmoid network the hidden unit feeds both outputs, so
:math:`\delta_h = (v_1\,\delta_{o_1} + v_2\,\delta_{o_2})\,h(1 - h)` with
:math:`\delta_{o_k} = (\hat y_k - y_k)\,\hat y_k(1 - \hat y_k)`: the sum over both paths.
The mistakes: one path of the fan-out left out (either one), the hidden slope left out, σ
where σ′ belongs, the output slope left out, a sign.

``04-backward-step``: ``backward_step(W_next, delta_next, z)`` returns
:math:`\delta^{(l)} = (W^{(l+1)\top}\delta^{(l+1)}) \odot \sigma'(z^{(l)})` for a layer of
sigmoid units. The mistakes: :math:`W` instead of :math:`W^\top`, :math:`f'` left out,
:math:`f` instead of :math:`f'`.
"""

import numpy as np

import backprop_lib as bp

from ..checking import Case, CodeExercise, Mistake, NumberExercise, finite_differences, register

#: The branching network of ``04-hidden-delta``: 2 inputs -> 1 hidden unit h -> 2 outputs.
BRANCHING = {
    "x": np.array([1.0, -0.5]),
    "w_in": np.array([[0.4, 0.7]]),  # W^(1): into h from x1, x2
    "w_out": np.array([[1.2], [-0.9]]),  # W^(2): v1 into o1, v2 into o2, from h
    "y": np.array([0.0, 1.0]),
}


def _branching_network() -> bp.MLP:
    return bp.MLP([BRANCHING["w_in"], BRANCHING["w_out"]], None, "sigmoid", loss="half_sse")


def _parts() -> dict[str, np.ndarray | float]:
    """``h`` and its slope ``s``, the output errors ``e`` and deltas ``d_out`` (arrays of 2),
    the weights ``v`` (array of 2) leaving h."""
    net = _branching_network()
    z, a = net.forward_all(BRANCHING["x"])
    h = float(a[1][0, 0])
    y_hat = a[2][:, 0]
    return {
        "h": h,
        "s": float(bp.sigmoid_prime(z[1][0, 0], h)),
        "e": y_hat - BRANCHING["y"],
        "d_out": net.deltas(BRANCHING["x"], BRANCHING["y"])[1][:, 0],
        "v": net.weights[1][:, 0],
    }


def _hidden_delta() -> float:
    return float(_branching_network().deltas(BRANCHING["x"], BRANCHING["y"])[0][0, 0])


def _one_path(k: int) -> float:
    p = _parts()
    return float(p["v"][k] * p["d_out"][k] * p["s"])


def _both_paths(factor) -> float:
    p = _parts()
    return float(np.dot(p["v"], p["d_out"]) * factor(p))


register(
    NumberExercise(
        id="04-hidden-delta",
        question=(
            "A 2-1-2 sigmoid network without biases: inputs x = (1.0, -0.5); the hidden unit h "
            "has z = 0.4 x1 + 0.7 x2 and h = σ(z); it feeds both outputs, "
            "ŷ1 = σ(1.2 h) and ŷ2 = σ(-0.9 h); targets y = (0, 1) and "
            "ℓ = ½((ŷ1 - y1)² + (ŷ2 - y2)²). What is the delta of the hidden unit, ∂ℓ/∂z?"
        ),
        expected=_hidden_delta,
        mistakes=[
            Mistake(
                "path through the first output only",
                lambda: _one_path(0),
                "h feeds both outputs: its delta adds one term per path, "
                "v1·δ(ŷ1) + v2·δ(ŷ2), before the slope. The path through ŷ2 is missing.",
            ),
            Mistake(
                "path through the second output only",
                lambda: _one_path(1),
                "h feeds both outputs: its delta adds one term per path. The path through "
                "ŷ1 (weight 1.2) is missing.",
            ),
            Mistake(
                "hidden slope left out",
                lambda: _both_paths(lambda p: 1.0),
                "The sum over the paths gives ∂ℓ/∂h; ∂ℓ/∂z multiplies it by h's slope h(1 - h).",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda: _both_paths(lambda p: p["h"]),
                "f'(z) of the sigmoid is h(1 - h), not h itself.",
            ),
            Mistake(
                "output slope left out",
                lambda: float(np.dot(_parts()["v"], _parts()["e"]) * _parts()["s"]),
                "Each output delta is (ŷ - y)·ŷ(1 - ŷ): the outputs are sigmoids, so their "
                "slopes belong in the deltas that flow back.",
            ),
            Mistake(
                "sign",
                lambda: -_hidden_delta(),
                "Check the sign: ∂ℓ/∂ŷ = ŷ - y, the output minus the target.",
            ),
        ],
        method_hint=(
            "Output deltas δ(ŷk) = (ŷk - yk)·ŷk(1 - ŷk); then the sum over both paths, times "
            "h's slope: δ = (1.2·δ(ŷ1) + (-0.9)·δ(ŷ2))·h(1 - h)."
        ),
        answer_format="Give a number, e.g. answer = 0.01 (by hand, with numpy or bp.MLP).",
    )
)


# ----------------------------------------------------------------------------- code


def _step_cases(rng: np.random.Generator) -> list[Case]:
    """Random layers; the first is square (n_{l+1} = n_l), the others are not."""
    cases = []
    for n_next, n_here in [(3, 3), (2, 4), (4, 2), (1, 3)]:
        W_next = rng.normal(size=(n_next, n_here))
        delta_next = rng.normal(size=(n_next, 1))
        z = rng.normal(scale=1.5, size=(n_here, 1))
        cases.append(Case(f"{n_here} units feeding {n_next}", (W_next, delta_next, z)))
    return cases


def _step_reference(W_next, delta_next, z):
    """The recursion with the library's sigmoid and its slope."""
    a = bp.sigmoid(z)
    return (W_next.T @ delta_next) * bp.sigmoid_prime(z, a)


def _step_by_differences(W_next, delta_next, z):
    """∂ℓ/∂z by central differences for ℓ = Σ_j δ^(l+1)_j z^(l+1)_j with
    z^(l+1) = W_next σ(z): this ℓ has exactly ``delta_next`` as ∂ℓ/∂z^(l+1)."""
    z = np.array(z, dtype=float)

    def ell():
        return float(np.sum(delta_next * (W_next @ (1 / (1 + np.exp(-z))))))

    return finite_differences(ell, [z])[0]


register(
    CodeExercise(
        id="04-backward-step",
        question=(
            "backward_step(W_next, delta_next, z) returns the deltas of a layer of sigmoid "
            "units, δ^(l) = (W^(l+1)ᵀ δ^(l+1)) ⊙ σ'(z^(l)): W_next has shape (n_{l+1}, n_l), "
            "delta_next shape (n_{l+1}, 1), z shape (n_l, 1); the result has z's shape."
        ),
        cases=_step_cases,
        reference=_step_reference,
        finite_differences=_step_by_differences,
        mistakes=[
            Mistake(
                "W instead of its transpose",
                lambda W_next, delta_next, z: (
                    (W_next @ delta_next) * bp.sigmoid_prime(z, bp.sigmoid(z))
                ),
                "Unit i of layer l collects the deltas along the weights LEAVING it, "
                "w^(l+1)_ji for every j: a column of W^(l+1), so W_next.T @ delta_next "
                "(shape (n_l, 1)).",
            ),
            Mistake(
                "slope left out",
                lambda W_next, delta_next, z: W_next.T @ delta_next,
                "W_nextᵀ δ^(l+1) is ∂ℓ/∂a^(l); the delta is ∂ℓ/∂z^(l), one more factor: the "
                "slope σ'(z) entry by entry.",
            ),
            Mistake(
                "sigma instead of its slope",
                lambda W_next, delta_next, z: (W_next.T @ delta_next) * bp.sigmoid(z),
                "Multiply by the slope σ'(z) = σ(z)(1 - σ(z)), not by σ(z) itself.",
            ),
        ],
        method_hint=(
            "Two steps: back through the weights, W_next.T @ delta_next (shape (n_l, 1)); then "
            "entry by entry times the slope σ(z)(1 - σ(z))."
        ),
        answer_format=(
            "Define backward_step(W_next, delta_next, z) returning an array shaped like z, then "
            'run bp.check("04-backward-step", backward_step).'
        ),
    )
)
