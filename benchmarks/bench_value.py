"""Item 6: the scalar graph engine ``bp.Value`` (notebook 06).

* Scaling: ``backward()`` on graphs of 10² to 10⁵ nodes (the same random recipe at every
  size: each new node adds or multiplies the newest node with an earlier one, ``tanh`` after
  each product, so nodes feed several others). Time per call against the smallest graph, and
  the exponent of a fitted power law time ∝ nodesᵏ. Goal: linear (k ≤ 1.1). The figure
  ``benchmarks/value_scaling.png`` shows it.
* The 2-2-1 network of notebook 03 on its example: its six gradients through ``Value``
  (build the graph, ``backward()``) against ``MLP.gradients`` (context: the graph engine pays
  Python per scalar operation, the matrix form pays numpy per layer).
* With PyTorch installed: the same scalar graphs in ``torch.autograd`` (0-d float64 tensors),
  build + backward for both, and the gradients compared.

    python -m benchmarks.bench_value [--json out.json] [--repeats 7] [--quick]
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

import backprop_lib as bp
from benchmarks import _timing as t

try:
    import torch
except ImportError:
    torch = None

SIZES = [100, 316, 1_000, 3_162, 10_000, 31_623, 100_000]
GOAL_EXPONENT = 1.1
FIGURE = Path(__file__).resolve().parent / "value_scaling.png"


def recipe(operations: int, seed: int = 0) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Eight leaf values and ``operations`` steps (kind, earlier index): the same graph for
    every library that builds it."""
    rng = np.random.default_rng(seed)
    leaves = rng.uniform(-1, 1, size=8)
    kinds = rng.integers(0, 2, size=operations)
    picks = rng.integers(0, 1 << 30, size=operations)
    return leaves, list(zip(kinds.tolist(), picks.tolist(), strict=True))


def build(leaves, steps, leaf, tanh):
    """The graph of :func:`recipe` from ``leaf(value)`` and ``tanh``; returns (out, leaves)."""
    first = [leaf(float(v)) for v in leaves]
    pool = list(first)
    for kind, pick in steps:
        a, b = pool[-1], pool[pick % len(pool)]
        pool.append(a + b if kind == 0 else tanh(a * b))
    out = pool[0]
    for node in pool[-8:]:  # several nodes reach the output: more fan-out
        out = out + node
    return out, first


def value_graph(leaves, steps):
    return build(leaves, steps, bp.Value, lambda v: v.tanh())


def torch_graph(leaves, steps):
    def leaf(v):
        return torch.tensor(v, dtype=torch.float64, requires_grad=True)

    return build(leaves, steps, leaf, torch.tanh)


def operations_for(nodes: int) -> int:
    """How many recipe steps give about ``nodes`` nodes (a product step makes two nodes)."""
    return max(1, round((nodes - 16) / 1.5))


def scaling(repeats: int, quick: bool) -> tuple[list[dict], list[str], dict]:
    sizes = SIZES[:5] if quick else SIZES
    graphs = {}
    for size in sizes:
        out, _ = value_graph(*recipe(operations_for(size)))
        graphs[len(out.topological_order())] = out
    fns = {n: out.backward for n, out in graphs.items()}
    timings = t.compare(fns, repeats=repeats, min_time=0.02 if quick else 0.1)
    nodes = np.array(list(graphs), dtype=float)
    seconds = np.array([timings[n]["median"] for n in graphs])
    exponent, _ = np.polyfit(np.log(nodes), np.log(seconds), 1)
    small, large = int(nodes[0]), int(nodes[-1])
    rows = [
        t.row(
            "6",
            f"Value.backward() on {n:,} nodes against {small:,} nodes (ideal: {n / small:.3g})",
            (f"{n:,} nodes", timings[n]["median"]),
            (f"{small:,} nodes", timings[small]["median"]),
            goal=f"≈ {n / small:.3g} (linear)",
            repeats=repeats,
            note=f"{timings[n]['median'] / n * 1e9:.0f} ns per node",
        )
        for n in graphs
        if n != small
    ]
    rows.append(
        t.row(
            "6",
            f"fitted exponent k of time ∝ nodesᵏ over {small:,}–{large:,} nodes: k = "
            f"{exponent:.3f} (the ratio is {large:,} nodes against {small:,})",
            (f"{large:,} nodes", timings[large]["median"]),
            (f"{small:,} nodes", timings[small]["median"]),
            goal=f"k ≤ {GOAL_EXPONENT}",
            met=bool(exponent <= GOAL_EXPONENT),
            repeats=repeats,
        )
    )
    notes = [
        f"backward() scaling, graph recipe: 8 leaves, each step adds or multiplies (then tanh) "
        f"the newest node with an earlier one; fitted k = {exponent:.3f}. "
        f"Figure: ![backward time against nodes]({FIGURE.name})"
    ]
    return rows, notes, {"nodes": nodes, "seconds": seconds, "exponent": exponent}


def draw_scaling(data: dict) -> None:
    fig = Figure(figsize=(6.4, 4.2), layout="constrained")
    ax = fig.add_subplot()
    nodes, seconds = data["nodes"], data["seconds"]
    ax.loglog(nodes, seconds, "o-", color="#006BA4", label=f"Value.backward() (k = {data['exponent']:.2f})")  # fmt: skip
    ax.loglog(nodes, seconds[0] * nodes / nodes[0], "--", color="#595959", label="linear (k = 1)")
    ax.set_xlabel("nodes in the graph", fontsize=11)
    ax.set_ylabel("time per call (s)", fontsize=11)
    ax.set_title("backward pass time against graph size", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=10)
    fig.savefig(FIGURE, dpi=100)


def two_two_one(repeats: int, quick: bool) -> list[dict]:
    net = bp.two_two_one_network()
    x, y = bp.TWO_TWO_ONE["x"], bp.TWO_TWO_ONE["y_t"]

    def through_value():
        loss, nodes = bp.two_two_one_graph()
        loss.backward()
        return nodes

    nodes = through_value()
    dW, _ = net.gradients(x, y)
    ours = [nodes[f"w{i}{j}"].grad for i in (1, 2) for j in (1, 2)] + [
        nodes["w31"].grad,
        nodes["w32"].grad,
    ]
    assert np.allclose(ours, np.concatenate([dW[0].ravel(), dW[1].ravel()]), rtol=1e-12)
    timings = t.compare(
        {"value": through_value, "mlp": lambda: net.gradients(x, y)},
        repeats=repeats,
        min_time=0.02 if quick else 0.1,
    )
    return [
        t.row(
            "6",
            "2-2-1 network, one example: the six gradients through Value (build the 25-node "
            "graph + backward) against MLP.gradients",
            ("Value graph + backward", timings["value"]["median"]),
            ("MLP.gradients", timings["mlp"]["median"]),
            goal="(context)",
            repeats=repeats,
        )
    ]


def against_torch(repeats: int, quick: bool) -> tuple[list[dict], list[str]]:
    rows, notes = [], []
    sizes = [100, 10_000] if quick else [100, 1_000, 10_000, 100_000]
    for size in sizes:
        problem = recipe(operations_for(size))
        out, leaves = value_graph(*problem)
        out.backward()
        out_t, leaves_t = torch_graph(*problem)
        out_t.backward()
        theirs_grads = [0.0 if b.grad is None else b.grad.item() for b in leaves_t]  # None: unused
        diff = max(
            abs(a.grad - g) / max(1.0, abs(a.grad))
            for a, g in zip(leaves, theirs_grads, strict=True)
        )
        assert diff < 1e-10, f"Value and torch disagree by {diff}"
        n = len(out.topological_order())

        def ours(problem=problem):
            value_graph(*problem)[0].backward()

        def theirs(problem=problem):
            torch_graph(*problem)[0].backward()

        timings = t.compare(
            {"value": ours, "torch": theirs}, repeats=repeats, min_time=0.02 if quick else 0.1
        )
        rows.append(
            t.row(
                "6",
                f"the same scalar graph of {n:,} nodes, build + backward: Value against "
                f"torch.autograd (0-d float64 tensors)",
                ("Value", timings["value"]["median"]),
                ("torch", timings["torch"]["median"]),
                goal="(context)",
                repeats=repeats,
            )
        )
        notes.append(f"{n:,} nodes: leaf gradients of Value and torch agree to {diff:.1e}")
    return rows, notes


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    repeats = 3 if args.quick else args.repeats
    rows, notes, data = scaling(repeats, args.quick)
    rows += two_two_one(repeats, args.quick)
    if torch is None:
        note = "torch is not installed: the torch.autograd comparison was skipped"
        print(note)
        notes.append(note)
    else:
        torch.set_num_threads(1)  # scalar work: threads only add overhead
        torch_rows, torch_notes = against_torch(repeats, args.quick)
        rows += torch_rows
        notes += torch_notes
    draw_scaling(data)
    per_node = data["seconds"] / data["nodes"] * 1e9
    notes.append(
        "ns per node: "
        + ", ".join(f"{int(n):,}: {p:.0f}" for n, p in zip(data["nodes"], per_node, strict=True))
        + f" (median {math.floor(float(np.median(per_node)))})"
    )
    t.save(args.json, "The scalar graph engine Value (notebook 06)", rows, notes)


if __name__ == "__main__":
    main()
