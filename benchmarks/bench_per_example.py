"""Item 3: a batch step against a per-example loop (the textbook network.py style).

The loop goes through the batch one example at a time, asks the library for that example's
gradients (``net.gradients(x, y)`` on one column), sums them and then takes the same step;
the batch version is one ``net.step(X, Y, lr)``. A second row does the loop without the
library's argument checks (a plain numpy backprop per example, written here as the thing
compared), to show how much of the loop's cost is the per-call checking.
ratio = time(loop) / time(net.step), medium network, batch 128. Goal: ≥ 20.

    python -m benchmarks.bench_per_example [--json out.json] [--repeats 7]
"""

from __future__ import annotations

import numpy as np

from benchmarks import _timing as t


def library_loop(net, X, Y, lr):
    """Sum ``net.gradients`` over the examples one by one, then update every parameter."""
    m = X.shape[1]
    sum_W = [np.zeros_like(W) for W in net.weights]
    sum_b = [np.zeros_like(b) for b in net.biases]
    for k in range(m):
        dW, db = net.gradients(X[:, k], Y[:, k])
        for s, g in zip(sum_W + sum_b, dW + db, strict=True):
            s += g
    for p, s in zip(net.weights + net.biases, sum_W + sum_b, strict=True):
        p -= (lr / m) * s


def textbook_loop(net, X, Y, lr):
    """network.py's ``update_mini_batch``/``backprop``: plain numpy, one example at a time."""
    m = X.shape[1]
    sum_W = [np.zeros_like(W) for W in net.weights]
    sum_b = [np.zeros_like(b) for b in net.biases]
    last = len(net.weights) - 1
    for k in range(m):
        activation = X[:, k : k + 1]
        activations = [activation]
        for l, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            z = W @ activation + b[:, None]
            activation = z if l == last else 0.5 * (1.0 + np.tanh(0.5 * z))
            activations.append(activation)
        delta = activations[-1] - Y[:, k : k + 1]  # half_sse, linear output
        for l in range(last, -1, -1):
            sum_W[l] += delta @ activations[l].T
            sum_b[l] += delta[:, 0]
            if l:
                a = activations[l]
                delta = (net.weights[l].T @ delta) * a * (1.0 - a)
    for p, s in zip(net.weights + net.biases, sum_W + sum_b, strict=True):
        p -= (lr / m) * s


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    repeats = 3 if args.quick else args.repeats
    # Check first: the three ways give the same parameters after one step.
    nets = []
    for fn in (library_loop, textbook_loop, None):
        net, X, Y = t.problem("medium")
        if fn is None:
            net.step(X, Y, t.LR)
        else:
            fn(net, X, Y, t.LR)
        nets.append(net)
    for other in nets[:2]:
        for p, q in zip(other.weights, nets[2].weights, strict=True):
            np.testing.assert_allclose(p, q, rtol=1e-12, atol=1e-15)

    net, X, Y = t.problem("medium")
    timings = t.compare(
        {
            "step": lambda: net.step(X, Y, t.LR),
            "library loop": lambda: library_loop(net, X, Y, t.LR),
            "textbook loop": lambda: textbook_loop(net, X, Y, t.LR),
        },
        repeats=repeats,
        min_time=0.02 if args.quick else 0.2,
    )
    rows = []
    for name, what in (
        ("library loop", "net.gradients per example, summed"),
        ("textbook loop", "plain numpy per example (network.py style, no checks)"),
    ):
        r = t.ratio(timings, name, "step")
        rows.append(
            t.row(
                "3",
                f"{t.label('medium')}: {what}",
                (name, timings[name]["median"]),
                ("net.step", timings["step"]["median"]),
                goal="≥ 20",
                met=r >= 20,
                repeats=repeats,
            )
        )
    t.save(
        args.json,
        "Batch step against a per-example loop",
        rows,
        ["the loops and net.step were checked to give the same parameters (rtol 1e-12)"],
    )


if __name__ == "__main__":
    main()
