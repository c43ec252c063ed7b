r"""A small network's cost as one sympy expression, and every partial derivative of it.

The notebooks derive each gradient twice: by hand with the chain rule, and here by letting
sympy differentiate the whole cost. :class:`SymbolicNetwork` builds, for layer sizes
:math:`n_0, \dots, n_L` (notation of ``../shared/CURRICULUM.md``),

.. math::
    a^{(0)} = x, \qquad z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = f(z^{(l)}),
    \qquad C = \sum_i (a^{(L)}_i - y_i)^2 \;\text{("sse")} \;\text{or}\;
    \tfrac12 \sum_i (a^{(L)}_i - y_i)^2 \;\text{("half\_sse")}

with symbols :math:`x_j`, :math:`y_i`, :math:`w^{(l)}_{ij}` (destination first) and
:math:`b^{(l)}_i`. The sigmoid is the unevaluated function :class:`sigmoid` whose
derivative sympy knows as :math:`\sigma(z)(1-\sigma(z))`: expressions stay small, even for
notebook 04's 2-4-3-2 network with biases (35 parameters).

Introduced in notebook 02 (a chain of weights), used in notebooks 03 and 04.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import sympy as sp

from . import _validate

#: Activation names :class:`SymbolicNetwork` understands.
SYMBOLIC_ACTIVATIONS = ("identity", "sigmoid", "tanh")
#: Cost names :class:`SymbolicNetwork` understands (no cross-entropy here).
SYMBOLIC_LOSSES = ("sse", "half_sse")


class sigmoid(sp.Function):
    r"""The logistic function :math:`\sigma(z) = 1/(1+e^{-z})`, kept unevaluated.

    sympy differentiates it as :math:`\sigma'(z) = \sigma(z)\,(1-\sigma(z))` (``fdiff``), prints
    it as :math:`\sigma(z)` and, through ``lambdify(..., modules="numpy")``, evaluates it as
    :math:`\tfrac12(1+\tanh(z/2))` (the same function, without overflow).
    ``expr.rewrite(sp.exp)`` gives the explicit form, to check the derivative rule.

    >>> z = sp.Symbol("z")
    >>> sp.diff(sigmoid(z), z)
    (1 - sigmoid(z))*sigmoid(z)
    >>> sp.simplify(sp.diff(sigmoid(z).rewrite(sp.exp), z) - sp.diff(sigmoid(z), z).rewrite(sp.exp))
    0
    """

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    @classmethod
    def eval(cls, z):
        if z.is_zero:
            return sp.Rational(1, 2)
        return None

    def _eval_rewrite_as_exp(self, z, **kwargs):
        return 1 / (1 + sp.exp(-z))

    def _latex(self, printer, exp=None):
        inner = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return inner if exp is None else rf"{inner}^{{{exp}}}"

    def _numpycode(self, printer):
        tanh = printer._module_format(printer._module + ".tanh")
        return f"(0.5 + 0.5*{tanh}(0.5*({printer._print(self.args[0])})))"


_FUNCTIONS = {"identity": lambda z: z, "sigmoid": sigmoid, "tanh": sp.tanh}


def weight_symbol(l: int, i: int, j: int) -> sp.Symbol:
    r"""The symbol :math:`w^{(l)}_{ij}`: into unit ``i`` of layer ``l`` from unit ``j`` of
    layer ``l-1`` (1-based, as written on paper; a comma separates indices above 9)."""
    sep = "," if max(i, j) > 9 else ""
    return sp.Symbol(f"w^{{({l})}}_{{{i}{sep}{j}}}", real=True)


def bias_symbol(l: int, i: int) -> sp.Symbol:
    r"""The symbol :math:`b^{(l)}_i` (1-based unit index)."""
    return sp.Symbol(f"b^{{({l})}}_{{{i}}}", real=True)


class SymbolicNetwork:
    r"""The cost of a fully connected network as a sympy expression of its symbols.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes :math:`n_0, \dots, n_L` (at least two, each at least 1).
    activation : str or sequence of str
        ``"sigmoid"`` (default), ``"identity"`` or ``"tanh"``; one name for every layer or one
        per weight layer.
    loss : str
        ``"half_sse"`` :math:`\tfrac12\sum_i (a^{(L)}_i - y_i)^2` (default) or ``"sse"``
        :math:`\sum_i (a^{(L)}_i - y_i)^2`.
    biases : bool
        Whether each layer has biases :math:`b^{(l)}`.

    Attributes
    ----------
    x, y : sympy Matrix
        Input symbols :math:`x_1 \dots x_{n_0}` and targets :math:`y_1 \dots y_{n_L}`, columns.
    weights : list of sympy Matrix
        ``weights[l-1]`` is :math:`W^{(l)}` of shape ``(n_l, n_{l-1})`` holding
        :math:`w^{(l)}_{ij}`, as in :class:`~backprop_lib.MLP`.
    biases : list of sympy Matrix or None
        ``biases[l-1]`` is :math:`b^{(l)}`, shape ``(n_l, 1)``; None without biases.
    z, a : list of sympy Matrix
        ``z[l]`` :math:`= z^{(l)}`, ``a[l]`` :math:`= a^{(l)}` as expressions of the symbols
        (columns of shape ``(n_l, 1)``); ``z[0]`` is None and ``a[0]`` is ``x``, as in
        :meth:`MLP.forward_all <backprop_lib.MLP.forward_all>`.
    cost : sympy expression
        :math:`C` as above.

    >>> net = SymbolicNetwork([1, 1, 1], activation="identity", loss="sse")
    >>> net.partials()[net.weights[0][0, 0]].factor()
    2*w^{(2)}_{11}*x_1*(w^{(1)}_{11}*w^{(2)}_{11}*x_1 - y_1)
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation="sigmoid",
        loss: str = "half_sse",
        biases: bool = False,
    ):
        self.sizes = _validate.sizes(sizes)
        self.activations = _validate.activations(
            activation, len(self.sizes) - 1, SYMBOLIC_ACTIVATIONS, "activation"
        )
        _validate.choice(loss, "loss", SYMBOLIC_LOSSES)
        _validate.flag(biases, "biases")
        self.loss_name = loss
        n = self.sizes
        self.x = sp.Matrix([sp.Symbol(f"x_{j + 1}", real=True) for j in range(n[0])])
        self.y = sp.Matrix([sp.Symbol(f"y_{i + 1}", real=True) for i in range(n[-1])])
        self.weights = [
            sp.Matrix(n[l], n[l - 1], lambda i, j, l=l: weight_symbol(l, i + 1, j + 1))
            for l in range(1, len(n))
        ]
        self.biases = (
            [sp.Matrix([bias_symbol(l, i + 1) for i in range(n[l])]) for l in range(1, len(n))]
            if biases
            else None
        )
        self.z: list = [None]
        self.a: list = [self.x]
        for l, W in enumerate(self.weights, start=1):
            z_l = W * self.a[-1]
            if self.biases is not None:
                z_l += self.biases[l - 1]
            f = _FUNCTIONS[self.activations[l - 1]]
            self.z.append(z_l)
            self.a.append(z_l.applyfunc(f))
        squares = sum((a_i - y_i) ** 2 for a_i, y_i in zip(self.a[-1], self.y, strict=True))
        self.cost = squares / 2 if loss == "half_sse" else squares
        self._partials: dict | None = None
        self._gradient_function = None

    def __repr__(self) -> str:
        return (
            f"SymbolicNetwork(sizes={list(self.sizes)}, activation={list(self.activations)}, "
            f"loss={self.loss_name!r}, biases={self.biases is not None})"
        )

    def parameters(self) -> list[sp.Symbol]:
        """Every parameter symbol: the weights layer by layer (row-major), then the biases."""
        params = [w for W in self.weights for w in W]
        if self.biases is not None:
            params += [b for B in self.biases for b in B]
        return params

    def partials(self) -> dict[sp.Symbol, sp.Expr]:
        r""":math:`\partial C/\partial p` for every parameter ``p`` of :meth:`parameters`, by
        ``sympy.diff`` of the whole cost (no delta rule involved); computed once, cached."""
        if self._partials is None:
            self._partials = {p: sp.diff(self.cost, p) for p in self.parameters()}
        return dict(self._partials)

    def gradient_matrices(self) -> tuple[list[sp.Matrix], list[sp.Matrix] | None]:
        r"""``(dW, db)``: the partials arranged like ``weights`` and ``biases``, so that
        ``dW[l-1][i, j]`` :math:`= \partial C/\partial w^{(l)}_{i+1,j+1}`."""
        d = self.partials()
        dW = [W.applyfunc(lambda w: d[w]) for W in self.weights]
        db = None if self.biases is None else [B.applyfunc(lambda b: d[b]) for B in self.biases]
        return dW, db

    def symbols(self) -> list[sp.Symbol]:
        """The arguments of :meth:`lambdify`'s functions, flattened: ``x``, ``y``, then
        :meth:`parameters`."""
        return [*self.x, *self.y, *self.parameters()]

    def lambdify(self, exprs):
        r"""A numeric function ``f(x, y, weights, biases=None)`` evaluating ``exprs``.

        ``exprs`` is one sympy expression, a Matrix, a list/tuple of them or a dict of them
        (built with ``sympy.lambdify(..., modules="numpy", cse=True)``, so shared
        subexpressions are computed once). ``x`` has shape ``(n_0,)`` and ``y`` ``(n_L,)``;
        ``weights`` and ``biases`` are lists of arrays shaped as in :class:`~backprop_lib.MLP`
        (``biases`` only for a network built with biases). A dict gives a dict with the same
        keys; a Matrix gives a 2-D array; a list a list.
        """
        if isinstance(exprs, dict):
            keys = list(exprs)
            inner = self.lambdify([exprs[k] for k in keys])
            return lambda *args, **kwargs: dict(zip(keys, inner(*args, **kwargs), strict=True))
        function = sp.lambdify(self.symbols(), exprs, modules="numpy", cse=True)

        def evaluate(x, y, weights, biases=None):
            return function(*self._flat_values(x, y, weights, biases))

        return evaluate

    def gradients(self, x, y, weights, biases=None) -> tuple[list, list | None]:
        r"""``(dW, db)`` as float arrays shaped like ``weights`` and ``biases`` (``db`` None
        without biases): the sympy partials evaluated at these numbers, to compare with
        :meth:`MLP.gradients <backprop_lib.MLP.gradients>` for one example."""
        if self._gradient_function is None:
            dW, db = self.gradient_matrices()
            self._gradient_function = self.lambdify([*dW, *(db or [])])
        values = [
            np.asarray(v, dtype=np.float64) for v in self._gradient_function(x, y, weights, biases)
        ]
        L = len(self.weights)
        dW = values[:L]
        db = None if self.biases is None else [v[:, 0] for v in values[L:]]
        return dW, db

    def _flat_values(self, x, y, weights, biases) -> list[float]:
        """Check the numbers against the symbols' shapes and flatten them in :meth:`symbols`
        order."""
        n = self.sizes
        x = _validate.shaped_array(x, "x", (n[0],))
        y = _validate.shaped_array(y, "y", (n[-1],))
        shapes = [(n[l], n[l - 1]) for l in range(1, len(n))]
        flat = [*x, *y]
        for W in _validate.shaped_list(weights, "weights", shapes):
            flat += list(W.ravel())
        if self.biases is None:
            if biases is not None:
                raise ValueError("biases must be None: this network was built without biases")
        else:
            for b in _validate.shaped_list(biases, "biases", [(n_l,) for n_l in n[1:]]):
                flat += list(b)
        return flat


def chain_latex(chain, factors=None, result=None) -> str:
    r"""A partial derivative written as the product of its chain-rule factors, in LaTeX.

    ``chain`` lists the quantities from the cost down to the parameter, e.g. ``[C, a_2, a_1,
    w_1]`` (sympy symbols or LaTeX strings); the result reads
    :math:`\frac{\partial C}{\partial w_1} = \frac{\partial C}{\partial a_2}
    \frac{\partial a_2}{\partial a_1}\frac{\partial a_1}{\partial w_1}`. ``factors`` (one per
    link, sympy expressions or LaTeX strings) adds ``= (f_1)\,(f_2)\cdots`` with each factor
    in brackets; ``result`` (expression or string) adds a final ``= result``. Returns the
    LaTeX without surrounding ``$``.

    >>> C, a, w = sp.symbols("C a w")
    >>> chain_latex([C, a, w], [2 * a, sp.Symbol("x")])
    '\\frac{\\partial C}{\\partial w} = \\frac{\\partial C}{\\partial a}\\,\\frac{\\partial a}{\\partial w} = \\left(2 a\\right)\\,\\left(x\\right)'
    """
    chain = _validate.sequence(chain, "chain", min_length=2)
    names = [_tex(q) for q in chain]

    def frac(top, bottom):
        return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"

    parts = [
        frac(names[0], names[-1]),
        r"\,".join(frac(t, b) for t, b in pairwise(names)),
    ]
    if factors is not None:
        factors = _validate.sequence(factors, "factors", length=len(chain) - 1)
        parts.append(r"\,".join(rf"\left({_tex(f)}\right)" for f in factors))
    if result is not None:
        parts.append(_tex(result))
    return " = ".join(parts)


def _tex(value) -> str:
    return value if isinstance(value, str) else sp.latex(value)
