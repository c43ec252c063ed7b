"""Item 4: deriving and checking every partial of the 2-4-3-2 network symbolically.

The series' way (``backprop_lib.symbolic.SymbolicNetwork``, as the notebooks use it): build
the cost of the 2-4-3-2 sigmoid network with biases (35 parameters) with sigmoid kept as an
unevaluated function whose derivative sympy knows, differentiate it by every parameter,
lambdify the 35 partials and check them against ``MLP.gradients`` at one example. Goal:
≤ 2 s. The naive way writes σ(z) = 1/(1+e^(−z)) explicitly and runs ``sympy.diff`` then
``sympy.simplify`` per weight; it is far too slow to finish, so it runs against a time budget
and the ratio it gives is a lower bound. sympy's cache is cleared before every run.

    python -m benchmarks.bench_symbolic [--json out.json] [--repeats 7]
"""

from __future__ import annotations

import itertools
import signal
import time

import numpy as np
import sympy as sp
from sympy.core.cache import clear_cache

import backprop_lib as bp
from backprop_lib.symbolic import SymbolicNetwork
from benchmarks import _timing as t

SIZES = [2, 4, 3, 2]
NAIVE_BUDGET = 30.0  # seconds


def example():
    net = bp.MLP.random(SIZES, "sigmoid", seed=2)
    rng = np.random.default_rng(2)
    for b in net.biases:
        b[...] = rng.normal(0.0, 0.5, size=b.shape)
    return net, np.array([0.6, -0.4]), np.array([1.0, 0.0])


def series_way() -> None:
    clear_cache()
    net, x, y = example()
    sym = SymbolicNetwork(SIZES, "sigmoid", loss="half_sse", biases=True)
    assert len(sym.partials()) == 35
    dW, db = sym.gradients(x, y, net.weights, net.biases)
    assert bp.relative_error((dW, db), net.gradients(x, y)) < 1e-10


class _OutOfTime(Exception):
    pass


def naive_way(budget: float) -> tuple[int, float]:
    """diff + simplify per parameter until the budget runs out: (partials done, seconds)."""
    clear_cache()

    def sigma(z):
        return 1 / (1 + sp.exp(-z))

    x = sp.Matrix(sp.symbols("x1 x2", real=True))
    y = sp.symbols("y1 y2", real=True)
    weights = [
        sp.Matrix(n_out, n_in, lambda i, j, l=l: sp.Symbol(f"w{l}_{i}{j}", real=True))
        for l, (n_in, n_out) in enumerate(itertools.pairwise(SIZES))
    ]
    biases = [
        sp.Matrix([sp.Symbol(f"b{l}_{i}", real=True) for i in range(n)])
        for l, n in enumerate(SIZES[1:])
    ]
    a = x
    for W, b in zip(weights, biases, strict=True):
        a = (W * a + b).applyfunc(sigma)
    cost = sum((a_i - y_i) ** 2 for a_i, y_i in zip(a, y, strict=True)) / 2
    params = [w for W in weights for w in W] + [b for B in biases for b in B]

    def out_of_time(signum, frame):
        raise _OutOfTime

    done = 0
    start = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        for p in params:
            sp.simplify(sp.diff(cost, p))
            done += 1
    except _OutOfTime:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return done, time.perf_counter() - start


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    repeats = 3 if args.quick else max(args.repeats, 5)
    timings = t.compare({"series": series_way}, repeats=repeats, min_time=0.0)
    ours = timings["series"]["median"]
    budget = 5.0 if args.quick else NAIVE_BUDGET
    done, naive_s = naive_way(budget)
    finished = done == 35
    rows = [
        t.row(
            "4",
            "2-4-3-2 with biases: all 35 partials derived (SymbolicNetwork), lambdified and "
            "checked against MLP.gradients",
            ("derive + check", ours),
            ("2 s goal", 2.0),
            goal="≤ 2 s (ratio ≤ 1)",
            met=ours <= 2.0,
            repeats=repeats,
        ),
        t.row(
            "4",
            "naive: sympy.diff + sympy.simplify per weight, explicit 1/(1+e^(−z))"
            + ("" if finished else f" — {done} of 35 partials in a {budget:.0f} s budget"),
            ("naive", naive_s),
            ("derive + check", ours),
            goal="(context)",
            repeats=1,
            note="" if finished else "one run, stopped at the budget: the ratio is a lower bound",
        ),
    ]
    t.save(args.json, "Symbolic derivation of every partial of the 2-4-3-2 network", rows)


if __name__ == "__main__":
    main()
