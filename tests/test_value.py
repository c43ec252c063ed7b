"""Value: every operation's value and gradient against sympy and against central differences
of plain-float code written here; random graphs with fan-out (hypothesis); the backward pass's
reset, order and depth; every bad input."""

import math
import operator

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import backprop_lib as bp

Value = bp.Value

A, B = sp.symbols("a b", real=True)


def central_difference(f, args, k, eps=1e-6):
    """∂f/∂args[k] by a central difference of the plain-float function f."""
    up, down = list(args), list(args)
    up[k] += eps
    down[k] -= eps
    return (f(*up) - f(*down)) / (2 * eps)


def sigmoid_float(a):
    return 1 / (1 + math.exp(-a))


# name: (the operation on Values, the same in sympy, the same on floats, inputs to try)
UNARY = {
    "neg": (operator.neg, lambda a: -a, lambda a: -a, [-1.3, 0.0, 2.5]),
    "exp": (Value.exp, sp.exp, math.exp, [-2.0, 0.0, 1.7]),
    "log": (Value.log, sp.log, math.log, [0.2, 1.0, 7.5]),
    "tanh": (Value.tanh, sp.tanh, math.tanh, [-1.5, 0.0, 0.8]),
    "sigmoid": (Value.sigmoid, lambda a: 1 / (1 + sp.exp(-a)), sigmoid_float, [-3.0, 0.0, 2.2]),
    "relu": (Value.relu, lambda a: sp.Max(a, 0), lambda a: max(a, 0.0), [-1.2, 0.4, 3.0]),
    "**2": (lambda v: v**2, lambda a: a**2, lambda a: a**2, [-1.5, 0.0, 2.0]),
    "**3": (lambda v: v**3, lambda a: a**3, lambda a: a**3, [-1.5, 0.5, 2.0]),
    "**0.5": (lambda v: v**0.5, sp.sqrt, math.sqrt, [0.3, 1.0, 4.0]),
    "**-1": (lambda v: v**-1, lambda a: 1 / a, lambda a: 1 / a, [-2.0, 0.5, 3.0]),
    "**-2.5": (lambda v: v**-2.5, lambda a: a ** sp.Rational(-5, 2), lambda a: a**-2.5, [0.7, 2.0]),
    "**0": (lambda v: v**0, lambda a: a**0, lambda a: 1.0, [-2.0, 0.0, 3.0]),
}
BINARY = {
    "+": (operator.add, operator.add, [(1.5, -0.5), (0.0, 2.0)]),
    "-": (operator.sub, operator.sub, [(1.5, -0.5), (-2.0, 3.0)]),
    "*": (operator.mul, operator.mul, [(1.5, -0.5), (0.0, 2.0), (3.0, 3.0)]),
    "/": (operator.truediv, operator.truediv, [(1.5, -0.5), (0.0, 2.0), (-3.0, 0.25)]),
}


@pytest.mark.parametrize("name", UNARY)
def test_unary_value_local_derivative_and_gradient(name):
    on_values, on_symbols, on_floats, points = UNARY[name]
    derivative = sp.diff(on_symbols(A), A)
    for a in points:
        x = Value(a)
        y = on_values(x)
        assert y.op == name and y.inputs == (x,)
        assert y.data == pytest.approx(float(on_symbols(A).subs(A, a)), rel=1e-12, abs=1e-300)
        assert y.data == pytest.approx(on_floats(a), rel=1e-12, abs=1e-300)
        if name == "relu":
            derivative = sp.Heaviside(A, 0)  # sympy's diff of Max; 0 at a = 0 (the convention)
        (local,) = y.local_derivatives
        assert local == pytest.approx(float(derivative.subs(A, a)), rel=1e-12, abs=1e-300)
        y.backward()
        assert y.grad == 1.0 and x.grad == local
        if not (name == "relu" and a == 0.0):
            assert x.grad == pytest.approx(
                central_difference(on_floats, [a], 0), rel=1e-6, abs=1e-8
            )


@pytest.mark.parametrize("name", BINARY)
def test_binary_value_local_derivatives_and_gradients(name):
    on_values, on_floats, points = BINARY[name]
    expression = on_floats(A, B)
    for a, b in points:
        x, w = Value(a), Value(b)
        y = on_values(x, w)
        assert y.op == name and y.inputs == (x, w)
        assert y.data == pytest.approx(on_floats(a, b), rel=1e-15)
        y.backward()
        for k, (symbol, node) in enumerate(((A, x), (B, w))):
            exact = float(sp.diff(expression, symbol).subs({A: a, B: b}))
            assert y.local_derivatives[k] == pytest.approx(exact, rel=1e-12, abs=1e-300)
            assert node.grad == pytest.approx(exact, rel=1e-12, abs=1e-300)
            fd = central_difference(on_floats, [a, b], k)
            assert node.grad == pytest.approx(fd, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize(
    ("make", "expected_value", "expected_grad"),
    [
        (lambda v: 2 + v, 5.0, 1.0),
        (lambda v: 1 - v, -2.0, -1.0),
        (lambda v: 2 * v, 6.0, 2.0),
        (lambda v: 1 / v, 1 / 3, -1 / 9),
        (lambda v: v + 2, 5.0, 1.0),
        (lambda v: v - 1, 2.0, 1.0),
        (lambda v: v / 4, 0.75, 0.25),
        (lambda v: np.float64(2.0) * v, 6.0, 2.0),  # numpy scalars defer to Value
        (lambda v: v * np.int64(2), 6.0, 2.0),
    ],
)
def test_a_number_on_either_side(make, expected_value, expected_grad):
    x = Value(3.0)
    y = make(x)
    assert isinstance(y, Value)
    assert y.data == pytest.approx(expected_value, rel=1e-15)
    y.backward()
    assert x.grad == pytest.approx(expected_grad, rel=1e-15)
    constants = [node for node in y.inputs if node is not x]
    assert len(constants) == 1 and constants[0].inputs == () and constants[0].op == ""


def test_x_squared_plus_x_adds_both_paths():
    x = Value(3.0)
    y = x * x + x
    y.backward()
    assert x.grad == 7.0  # 2x + 1: two paths through x·x, one straight into the sum
    assert y.inputs[0].inputs == (x, x)  # the node used twice is recorded twice


def test_a_new_value_is_a_leaf_with_zero_grad():
    v = Value(2, label="w")
    assert (v.data, v.grad, v.label, v.inputs, v.op, v.local_derivatives) == (
        2.0,
        0.0,
        "w",
        (),
        "",
        (),
    )
    assert type(v.data) is float
    assert repr(v) == "Value(data=2.0, grad=0.0, label='w')"
    assert repr(Value(-1.5)) == "Value(data=-1.5, grad=0.0)"


def test_sigmoid_does_not_overflow_for_large_arguments():
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0
    assert Value(-30.0).sigmoid().data == pytest.approx(sigmoid_float(-30.0), rel=1e-12)


# --------------------------------------------------------------------- the backward pass
def test_backward_twice_gives_the_same_gradients():
    a, b = Value(0.7, "a"), Value(-1.2, "b")
    c = a * b + a.tanh()
    d = (c * c + b).sigmoid()
    d.backward()
    first = [a.grad, b.grad, c.grad, d.grad]
    d.backward()
    assert [a.grad, b.grad, c.grad, d.grad] == first
    c.backward()  # a pass from another node resets the nodes it reaches
    assert c.grad == 1.0 and d.grad == first[3]
    assert a.grad == pytest.approx(b.data + 1 - math.tanh(0.7) ** 2, rel=1e-12)


def test_backward_leaves_nodes_outside_the_graph_alone():
    x, other = Value(2.0), Value(5.0)
    other.grad = 42.0
    (x * 3).backward()
    assert other.grad == 42.0 and x.grad == 3.0


def test_topological_order_lists_inputs_first_and_each_node_once():
    x, w = Value(1.0), Value(2.0)
    h = x * w
    y = (h + x) * (h - w)
    order = y.topological_order()
    assert order[-1] is y and len(order) == len(set(order)) == 6
    place = {node: k for k, node in enumerate(order)}
    for node in order:
        assert all(place[i] < place[node] for i in node.inputs)
    assert x.topological_order() == [x]


def test_a_chain_of_100000_nodes_needs_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(100_000):
        y = y * 1.00001
    y.backward()  # a recursive topological sort would pass Python's recursion limit here
    assert len(y.topological_order()) == 200_001  # 100,000 products and their constants
    assert x.grad == pytest.approx(1.00001**100_000, rel=1e-9)
    assert y.data == pytest.approx(0.5 * 1.00001**100_000, rel=1e-9)


OPS = ["+", "-", "*", "neg", "tanh", "sigmoid", "square", "exp∘tanh", "relu"]


def run_program(program, inputs, make_leaf, apply):
    """Run ``program`` (a list of (op, i, j)) on ``inputs``; every earlier result can be used
    again (fan-out). The output is the sum of all results, so every node feeds two or more."""
    pool = [make_leaf(v) for v in inputs]
    for op, i, j in program:
        pool.append(apply(op, pool[i % len(pool)], pool[j % len(pool)]))
    total = pool[0]
    for node in pool[1:]:
        total = total + node
    return total, pool


def apply_value(op, a, b):
    return {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "neg": lambda: -a,
        "tanh": a.tanh,
        "sigmoid": a.sigmoid,
        "square": lambda: a**2,
        "exp∘tanh": lambda: a.tanh().exp(),
        "relu": a.relu,
    }[op]()


def apply_float(op, a, b):
    """The same operations on plain floats: the independent oracle."""
    return {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "neg": lambda: -a,
        "tanh": lambda: math.tanh(a),
        "sigmoid": lambda: 1 / (1 + math.exp(-a)),
        "square": lambda: a * a,
        "exp∘tanh": lambda: math.exp(math.tanh(a)),
        "relu": lambda: max(a, 0.0),
    }[op]()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    inputs=st.lists(st.floats(-2, 2, allow_nan=False), min_size=1, max_size=4),
    program=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 30), st.integers(0, 30)),
        min_size=1,
        max_size=14,
    ),
)
def test_random_graphs_with_fan_out_match_finite_differences(inputs, program):
    def f(*xs):
        return run_program(program, xs, float, apply_float)[0]

    values = list(inputs)
    for op, i, j in program:
        a = values[i % len(values)]
        assume(op != "relu" or abs(a) > 1e-2)  # a difference straddling relu's kink is no slope
        values.append(apply_float(op, a, values[j % len(values)]))
    scale = max(1.0, *map(abs, values))
    assume(scale < 1e3)  # keeps the finite differences' rounding noise small
    out, leaves = run_program(program, inputs, Value, apply_value)
    out.backward()
    assert out.data == pytest.approx(f(*inputs), rel=1e-12, abs=1e-12)
    for k in range(len(inputs)):
        fd = central_difference(f, inputs, k)
        assert abs(leaves[k].grad - fd) <= 1e-5 * (scale + abs(fd))


# --------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("make", "error", "fragments"),
    [
        (lambda: Value("3"), TypeError, ["data", "real number", "str"]),
        (lambda: Value(None), TypeError, ["data", "NoneType"]),
        (lambda: Value(True), TypeError, ["data", "bool"]),
        (lambda: Value(1 + 2j), TypeError, ["data", "complex"]),
        (lambda: Value(Value(1.0)), TypeError, ["data", "Value"]),
        (lambda: Value(np.array([1.0])), TypeError, ["data", "ndarray"]),
        (lambda: Value(float("nan")), ValueError, ["data", "finite"]),
        (lambda: Value(-math.inf), ValueError, ["data", "finite"]),
        (lambda: Value(1.0, label=3), TypeError, ["label", "string", "int"]),
        (lambda: Value(2.0) ** Value(2.0), TypeError, ["exponent", "Value"]),
        (lambda: Value(2.0) ** "2", TypeError, ["exponent", "str"]),
        (lambda: Value(2.0) ** math.nan, ValueError, ["exponent", "finite"]),
        (lambda: 2 ** Value(2.0), TypeError, ["exponent", "Value"]),
        (lambda: Value(1.0) + "a", TypeError, ["operand of +", "str"]),
        (lambda: "a" * Value(1.0), TypeError, ["operand of *", "str"]),
        (lambda: Value(1.0) - None, TypeError, ["operand of -", "NoneType"]),
        (lambda: Value(1.0) / True, TypeError, ["operand of /", "bool"]),
        (lambda: Value(1.0) * math.inf, ValueError, ["operand of *", "finite"]),
        (lambda: Value(0.0, "x").log(), ValueError, ["log", "positive", "'x'", "0.0"]),
        (lambda: Value(-2.0).log(), ValueError, ["log", "positive", "the value", "-2.0"]),
        (lambda: Value(1000.0).exp(), ValueError, ["exp", "not a finite number"]),
        (lambda: Value(1.0) / 0, ValueError, ["/", "not a finite number"]),
        (lambda: 1 / Value(0.0), ValueError, ["/", "not a finite number"]),
        (lambda: Value(1e200) * 1e200, ValueError, ["*", "not a finite number"]),
        (lambda: Value(1e308) + 1e308, ValueError, ["+", "not a finite number"]),
        (lambda: Value(-2.0) ** 0.5, ValueError, ["**0.5", "not a finite number"]),
        (lambda: Value(0.0) ** 0.5, ValueError, ["**0.5", "not a finite number"]),  # slope ∞
        (lambda: Value(0.0) ** -1, ValueError, ["**-1", "not a finite number"]),
        (lambda: Value(1e200) ** 2, ValueError, ["**2", "not a finite number"]),
    ],
)
def test_bad_input_names_the_argument_or_operation(make, error, fragments):
    with pytest.raises(error) as caught:
        make()
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_a_failed_operation_changes_nothing():
    x = Value(1000.0, "x")
    with pytest.raises(ValueError, match="exp"):
        x.exp()
    assert (x.data, x.grad, x.inputs, x.op) == (1000.0, 0.0, (), "")


def test_an_overflowing_backward_pass_raises_and_keeps_the_old_gradients():
    x = Value(1e-300, "x")
    y = (x * 1e200) * 1e200  # 1e100 is finite, but ∂y/∂x = 1e400 is not
    s = y * 1e-200  # a graph sharing y's nodes, whose pass does not overflow
    s.backward()
    before = {node: node.grad for node in y.topological_order()}
    with pytest.raises(ValueError, match="backward: a gradient is not finite"):
        y.backward()
    assert {node: node.grad for node in y.topological_order()} == before
    assert x.grad == pytest.approx(1e200, rel=1e-12)


def test_values_cannot_take_new_attributes():
    with pytest.raises(AttributeError):
        Value(1.0).gard = 2.0  # a typo does not silently make a new attribute
