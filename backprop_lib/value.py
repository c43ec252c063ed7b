r"""A scalar computational graph and reverse-mode differentiation: :class:`Value`
(notebook 06, in the spirit of micrograd).

Every arithmetic operation on a :class:`Value` makes a new ``Value`` that remembers

* ``inputs``: the Values it was computed from (a tuple; a node used twice, as in ``x * x``,
  appears twice),
* ``op``: the operation's name (``"+"``, ``"-"``, ``"*"``, ``"/"``, ``"neg"``, ``"**2"``,
  ``"exp"``, ``"log"``, ``"tanh"``, ``"sigmoid"``, ``"relu"``; ``""`` for a leaf),
* ``local_derivatives``: :math:`\partial\,\text{out}/\partial\,\text{input}` for each input,
  as numbers at the forward pass's values (a tuple, in the order of ``inputs``).

The local derivatives, for ``out = op(a, b)``:

=============  ============================  =============================================
op             out                           local derivatives
=============  ============================  =============================================
``+``          a + b                         ∂/∂a = 1, ∂/∂b = 1
``-``          a − b                         ∂/∂a = 1, ∂/∂b = −1
``*``          a · b                         ∂/∂a = b, ∂/∂b = a
``/``          a / b                         ∂/∂a = 1/b, ∂/∂b = −a/b²
``neg``        −a                            −1
``**p``        aᵖ (p a real number)          p·aᵖ⁻¹ (0 when p = 0)
``exp``        eᵃ                            eᵃ (= out)
``log``        ln a (a > 0)                  1/a
``tanh``       tanh a                        1 − tanh² a (= 1 − out²)
``sigmoid``    σ(a) = 1/(1 + e⁻ᵃ)            σ(a)(1 − σ(a)) (= out·(1 − out))
``relu``       max(a, 0)                     1 if a > 0 else 0 (0 at a = 0, by convention)
=============  ============================  =============================================

:meth:`Value.backward` is the chain rule applied in reverse topological order: every node's
gradient :math:`\partial\,\text{out}/\partial\,\text{node}` is complete before it is passed
on, and each input *adds* ``local derivative × the node's gradient`` to its own (``+=``):
a node that feeds several others collects one term per path (the sum of the multivariable
chain rule, the Σ of the delta rule). No recursion: a chain of 100,000 nodes works.

Numbers that are not finite are refused where they would enter the graph: ``Value(data)``
takes a finite real number (not a bool); an operation whose result or local derivative is not
a finite real number (``exp`` of 1000, ``x / 0``, ``(-2) ** 0.5``, ``0 ** 0.5``'s infinite
slope) raises ``ValueError`` naming the operation; ``backward`` raises ``ValueError`` when a
gradient overflows, and then leaves every gradient as it was.
"""

from __future__ import annotations

import math

from . import _validate


def _sigmoid(a: float) -> float:
    # 1/(1 + e^(−a)) without overflow: for a < 0 use the equal form e^a/(1 + e^a).
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


class Value:
    """A scalar node of a computational graph: ``Value(data, label="")``.

    ``data`` is the number (a float), ``grad`` the derivative of the last ``backward()``'s
    output with respect to it (0.0 until a backward pass reaches it), ``label`` a name for
    drawings. ``inputs``, ``op`` and ``local_derivatives`` describe how it was computed (see
    the module's table). They hold the numbers of the forward pass: after changing ``data``
    of a leaf (a training step), build the graph again.
    """

    __slots__ = ("data", "grad", "inputs", "label", "local_derivatives", "op")
    __array_ufunc__ = None  # numpy scalars on the left (np.float64(2) * v) defer to Value

    def __init__(self, data, label: str = ""):
        self.data = _validate.real_number(data, "data")
        self.label = _validate.instance(label, "label", str, "string")
        self.grad = 0.0
        self.inputs: tuple[Value, ...] = ()  # a leaf was computed from nothing
        self.op = ""
        self.local_derivatives: tuple[float, ...] = ()

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    # ------------------------------------------------------------------ the operations
    def __add__(self, other):  # ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
        return _node(
            "+", (self, _operand(other, "+")), lambda a, b: a + b, lambda o, a, b: (1.0, 1.0)
        )

    def __radd__(self, other):  # other + self
        return _operand(other, "+") + self

    def __sub__(self, other):  # ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1
        return _node(
            "-", (self, _operand(other, "-")), lambda a, b: a - b, lambda o, a, b: (1.0, -1.0)
        )

    def __rsub__(self, other):  # other - self
        return _operand(other, "-") - self

    def __mul__(self, other):  # ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
        return _node("*", (self, _operand(other, "*")), lambda a, b: a * b, lambda o, a, b: (b, a))

    def __rmul__(self, other):  # other * self
        return _operand(other, "*") * self

    def __truediv__(self, other):  # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²
        return _node(
            "/",
            (self, _operand(other, "/")),
            lambda a, b: a / b,
            lambda o, a, b: (1 / b, -a / b**2),
        )

    def __rtruediv__(self, other):  # other / self
        return _operand(other, "/") / self

    def __neg__(self):  # ∂(−a)/∂a = −1
        return _node("neg", (self,), lambda a: -a, lambda o, a: (-1.0,))

    def __pow__(self, exponent):  # ∂(aᵖ)/∂a = p·aᵖ⁻¹ for a fixed number p
        p = _validate.real_number(exponent, "exponent")  # a Value exponent is refused
        return _node(
            f"**{p:g}", (self,), lambda a: math.pow(a, p),
            lambda o, a: (p * math.pow(a, p - 1) if p != 0 else 0.0,),
        )  # fmt: skip

    def __rpow__(self, base):  # base ** self: the exponent would be a Value
        raise TypeError(
            "exponent must be a real number, got Value (for c ** v write (v * math.log(c)).exp())"
        )

    def exp(self):  # d eᵃ/da = eᵃ, the output itself
        return _node("exp", (self,), math.exp, lambda o, a: (o,))

    def log(self):  # d ln a/da = 1/a, for a > 0
        if self.data <= 0:
            name = f"{self.label!r}" if self.label else "the value"
            raise ValueError(f"log needs a positive value: {name} is {self.data}")
        return _node("log", (self,), math.log, lambda o, a: (1 / a,))

    def tanh(self):  # d tanh a/da = 1 − tanh² a
        return _node("tanh", (self,), math.tanh, lambda o, a: (1 - o * o,))

    def sigmoid(self):  # dσ/da = σ(a)(1 − σ(a))
        return _node("sigmoid", (self,), _sigmoid, lambda o, a: (o * (1 - o),))

    def relu(self):  # d max(a, 0)/da = 1 for a > 0, else 0
        return _node("relu", (self,), lambda a: max(a, 0.0), lambda o, a: (float(a > 0),))

    # ------------------------------------------------------------------ the backward pass
    def topological_order(self) -> list[Value]:
        """Every node this one depends on, each once, inputs before the nodes computed from
        them, ``self`` last. An iterative depth-first search (no recursion limit): a node is
        appended when all of its inputs have been."""
        order: list[Value] = []
        seen: set[Value] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))  # comes back here after its inputs
                stack.extend((i, False) for i in node.inputs if i not in seen)
        return order

    def backward(self) -> None:
        r"""Set ``node.grad`` :math:`= \partial\,\text{self}/\partial\,\text{node}` for every
        node ``self`` depends on (notebook 06).

        Resets those gradients to 0, sets ``self.grad = 1``, then visits the nodes in reverse
        topological order, so a node's gradient is complete before it is passed on; each
        input adds ``local derivative × node.grad`` to its gradient. Calling it twice gives
        the same gradients. If a gradient overflows, raises ``ValueError`` and leaves every
        gradient as it was before the call."""
        order = self.topological_order()
        before = [node.grad for node in order]
        for node in order:
            node.grad = 0.0  # start afresh: a second call gives the same result
        self.grad = 1.0  # ∂self/∂self
        for node in reversed(order):
            for source, local in zip(node.inputs, node.local_derivatives, strict=True):
                source.grad += local * node.grad  # chain rule; += sums over the paths
        if not all(math.isfinite(node.grad) for node in order):
            for node, grad in zip(order, before, strict=True):
                node.grad = grad
            raise ValueError("backward: a gradient is not finite (it overflowed)")


def _operand(other, op: str) -> Value:
    """``other`` as a Value: a number becomes a constant leaf."""
    if isinstance(other, Value):
        return other
    return Value(_validate.real_number(other, f"operand of {op}"))


def _node(op: str, inputs: tuple[Value, ...], forward, local) -> Value:
    """A new node ``out = forward(*input data)`` with local derivatives
    ``local(out, *input data)``; ``ValueError`` naming ``op`` if any is not finite."""
    numbers = [i.data for i in inputs]
    try:
        data = forward(*numbers)
        locals_ = local(data, *numbers)
    except (ArithmeticError, ValueError):  # overflow, division by zero, math domain error
        data, locals_ = math.nan, ()
    if not all(math.isfinite(x) for x in (data, *locals_)):
        shown = ", ".join(f"{x:g}" for x in numbers)
        raise ValueError(
            f"{op}: the result or its local derivative at ({shown}) is not a finite number"
        )
    out = Value.__new__(Value)  # data is already a checked float
    out.data, out.grad, out.label = float(data), 0.0, ""
    out.inputs, out.op, out.local_derivatives = inputs, op, tuple(locals_)
    return out
