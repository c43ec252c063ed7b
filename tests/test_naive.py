"""Notebook 04's comparison piece: the chain rule per parameter gives backprop's gradients,
and the multiplication counts follow their formulas."""

import numpy as np
import pytest

import backprop_lib as bp
from backprop_lib.lessons import per_weight_cost


@pytest.mark.parametrize(
    ("sizes", "activation", "biases"),
    [([2, 4, 3, 2], "sigmoid", True), ([3, 5, 1], "tanh", False), ([1, 1], "identity", True)],
)
def test_per_weight_gradients_equal_backprop(sizes, activation, biases):
    rng = np.random.default_rng(1)
    net = bp.MLP.random(sizes, activation, seed=3, biases=biases)
    if biases:
        for b in net.biases:
            b[...] = rng.normal(size=b.shape)
    X, Y = rng.normal(size=(sizes[0], 4)), rng.normal(size=(sizes[-1], 4))
    dW, db = per_weight_cost.per_weight_gradients(net, X, Y)
    ref_W, ref_b = net.gradients(X, Y)
    for mine, ref in zip(dW, ref_W):
        np.testing.assert_allclose(mine, ref, rtol=1e-10, atol=1e-14)
    assert (db is None) == (not biases)
    for mine, ref in zip(db or [], ref_b or []):
        np.testing.assert_allclose(mine, ref, rtol=1e-10, atol=1e-14)


def test_counts_by_hand():
    # 1-1 without bias: per weight 2·n_L = 2; delta rule: n_L for δ, 1 for δ·a.
    assert per_weight_cost.multiplication_counts([1, 1], biases=False) == {
        "per_weight": 2,
        "delta_rule": 2,
        "parameters": 1,
    }
    # 1-1-1 without biases: the first weight passes one layer (1·1 + 1) then 2: 4; the second 2.
    # Delta rule: δ^(2): 1, δ^(1): 1·1 + 1, gradients 1 + 1.
    assert per_weight_cost.multiplication_counts([1, 1, 1], biases=False) == {
        "per_weight": 6,
        "delta_rule": 5,
        "parameters": 2,
    }
    assert per_weight_cost.multiplication_counts([2, 4, 3, 2])["parameters"] == 35


def test_bad_input():
    net = bp.MLP.random([2, 3, 2], ["tanh", "softmax"], loss="cross_entropy")
    with pytest.raises(ValueError, match=r"^net"):
        per_weight_cost.per_weight_gradients(net, np.zeros((2, 1)), np.array([[1.0], [0.0]]))
    with pytest.raises(TypeError, match=r"^net"):
        per_weight_cost.per_weight_gradients("net", np.zeros((2, 1)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"^sizes"):
        per_weight_cost.multiplication_counts([3])
