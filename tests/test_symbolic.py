"""backprop_lib.symbolic: sympy's partials of a whole network's cost agree with backprop."""

import numpy as np
import pytest
import sympy as sp

import backprop_lib as bp
from backprop_lib.symbolic import SymbolicNetwork, chain_latex, sigmoid


def test_sigmoid_derivative_rule_is_the_true_derivative():
    z = sp.Symbol("z", real=True)
    explicit = 1 / (1 + sp.exp(-z))
    assert sp.simplify(sigmoid(z).rewrite(sp.exp) - explicit) == 0
    assert sp.simplify(sp.diff(explicit, z) - sp.diff(sigmoid(z), z).rewrite(sp.exp)) == 0
    f = sp.lambdify(z, sigmoid(z), modules="numpy")
    np.testing.assert_allclose(f(np.array([-800.0, 0.0, 2.0])), [0.0, 0.5, 1 / (1 + np.exp(-2))])
    assert sp.latex(sigmoid(z)) == r"\sigma\left(z\right)"


def test_symbols_follow_the_series_notation():
    net = SymbolicNetwork([2, 3, 1], biases=True)
    assert [W.shape for W in net.weights] == [(3, 2), (1, 3)]
    assert [b.shape for b in net.biases] == [(3, 1), (1, 1)]
    assert str(net.weights[0][2, 1]) == "w^{(1)}_{32}"  # into unit 3 of layer 1 from x_2
    assert str(net.biases[1][0]) == "b^{(2)}_{1}"
    assert net.z[0] is None and net.a[0] == net.x and len(net.a) == 3
    params = net.parameters()
    assert len(params) == 6 + 3 + 3 + 1 and params[0] == net.weights[0][0, 0]
    assert params[-1] == net.biases[-1][0] and params[1] == net.weights[0][0, 1]  # row-major


def test_chain_of_two_weights_partials():
    net = SymbolicNetwork([1, 1, 1], activation="identity", loss="sse")
    (x,), (y,) = net.x, net.y
    w1, w2 = net.parameters()
    d = net.partials()
    assert sp.expand(d[w1] - 2 * (w2 * w1 * x - y) * w2 * x) == 0
    assert sp.expand(d[w2] - 2 * (w2 * w1 * x - y) * w1 * x) == 0
    half = SymbolicNetwork([1, 1, 1], activation="identity")
    assert sp.expand(half.partials()[w1] - d[w1] / 2) == 0


@pytest.mark.parametrize("biases", [False, True])
def test_partials_equal_backprop_on_the_2_4_3_2_network(biases):
    net = SymbolicNetwork([2, 4, 3, 2], biases=biases)
    assert len(net.partials()) == (8 + 12 + 6) + (9 if biases else 0)
    rng = np.random.default_rng(4)
    mlp = bp.MLP.random([2, 4, 3, 2], "sigmoid", seed=3, biases=biases)
    if biases:
        mlp.biases = [rng.normal(size=n) for n in (4, 3, 2)]
    x, y = rng.normal(size=2), rng.uniform(size=2)
    dW, db = net.gradients(x, y, mlp.weights, mlp.biases)
    ref_W, ref_b = mlp.gradients(x, y)
    for got, ref in zip(dW, ref_W):
        np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-14)
    if biases:
        for got, ref in zip(db, ref_b):
            np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-14)
    else:
        assert db is None
    cost = net.lambdify(net.cost)(x, y, mlp.weights, mlp.biases)
    assert cost == pytest.approx(mlp.loss(x, y), rel=1e-12)


def test_lambdify_keeps_the_container():
    net = SymbolicNetwork([1, 1, 1], activation="tanh", loss="sse")
    w1, w2 = net.parameters()
    weights = [np.array([[0.5]]), np.array([[-2.0]])]
    d = net.lambdify(net.partials())([0.3], [1.0], weights)
    assert set(d) == {w1, w2}
    mlp = bp.MLP(weights, None, "tanh", loss="sse")
    dW, _ = mlp.gradients(np.array([0.3]), np.array([1.0]))
    assert d[w1] == pytest.approx(dW[0][0, 0]) and d[w2] == pytest.approx(dW[1][0, 0])
    matrix = net.lambdify(sp.Matrix([[w1, w2]]))([0.3], [1.0], weights)
    assert matrix.shape == (1, 2)


def test_chain_latex():
    C, a2, a1, w1 = sp.symbols("C a_2 a_1 w_1")
    text = chain_latex([C, a2, a1, w1])
    assert text.count(r"\frac{\partial") == 4
    assert text.startswith(r"\frac{\partial C}{\partial w_{1}} = \frac{\partial C}{\partial a_{2}}")
    full = chain_latex(["C", "a", "w"], [2 * a2, "x"], result="y")
    assert full.endswith(r"= \left(2 a_{2}\right)\,\left(x\right) = y")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"sizes": [2]}, ValueError, "sizes"),
        ({"sizes": "22"}, TypeError, "sizes"),
        ({"sizes": [2, 0]}, ValueError, r"sizes\[1\]"),
        ({"sizes": [2, 1.5]}, TypeError, r"sizes\[1\]"),
        ({"sizes": [2, 1], "activation": "relu"}, ValueError, "activation"),
        ({"sizes": [2, 1, 1], "activation": ["sigmoid"]}, ValueError, "activation"),
        ({"sizes": [2, 1], "loss": "cross_entropy"}, ValueError, "loss"),
        ({"sizes": [2, 1], "biases": None}, TypeError, "biases"),
    ],
)
def test_bad_construction(kwargs, error, match):
    with pytest.raises(error, match=match):
        SymbolicNetwork(**kwargs)


def test_bad_numbers():
    net = SymbolicNetwork([2, 1])
    f = net.lambdify(net.cost)
    with pytest.raises(ValueError, match="x"):
        f([1.0], [0.0], [np.zeros((1, 2))])
    with pytest.raises(ValueError, match=r"weights\[0\]"):
        f([1.0, 2.0], [0.0], [np.zeros((2, 1))])
    with pytest.raises(ValueError, match="biases"):
        f([1.0, 2.0], [0.0], [np.zeros((1, 2))], [np.zeros(1)])
    with pytest.raises(ValueError, match="chain"):
        chain_latex(["C"])
    with pytest.raises(ValueError, match="factors"):
        chain_latex(["C", "a", "w"], ["2"])
