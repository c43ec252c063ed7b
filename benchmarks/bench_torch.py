"""Item 1: one training step of backprop_lib against PyTorch CPU (eager autograd).

The same network (same weights, sigmoid hidden layers, linear output, loss ½Σ(ŷ−y)² averaged
over the batch), the same batch and learning rate. PyTorch does forward, ``loss.backward()``
and ``torch.optim.SGD.step()`` (and ``loss.item()``, since ``net.step`` returns the loss).
ratio = time(net.step) / time(torch step). Goal: ≤ 1 (as fast) at the tiny and medium sizes.

backprop_lib computes in float64 only (its API copies every array as float64), so the
float32 rows compare backprop_lib's float64 step with PyTorch's float32 step.

PyTorch is optional: ``pip install torch==2.13.0`` (the CPU build); without it this script
says so and writes no rows.

    python -m benchmarks.bench_torch [--json out.json] [--repeats 7]
"""

from __future__ import annotations

import numpy as np

from benchmarks import _timing as t

try:
    import torch
except ImportError:
    torch = None

INSTALL = "pip install torch==2.13.0  (the CPU build; into the environment running make bench)"


def torch_step(net, X, Y, dtype):
    """A PyTorch model equal to ``net`` and a function doing one SGD step on (X, Y)."""
    layers = []
    for k, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))  # (out, in): the same convention
            linear.bias.copy_(torch.from_numpy(b))
        layers.append(linear)
        if k < len(net.weights) - 1:
            layers.append(torch.nn.Sigmoid())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=t.LR)
    Xt = torch.from_numpy(np.ascontiguousarray(X.T)).to(dtype)  # one row per example
    Yt = torch.from_numpy(np.ascontiguousarray(Y.T)).to(dtype)
    m = X.shape[1]

    def step() -> float:
        opt.zero_grad(set_to_none=True)
        loss = 0.5 * ((model(Xt) - Yt) ** 2).sum() / m
        loss.backward()
        opt.step()
        return loss.item()

    return model, step


def check_same_step(name: str) -> float:
    """One step of each from the same start: the largest difference of the new weights."""
    net, X, Y = t.problem(name)
    model, step = torch_step(net, X, Y, torch.float64)
    loss_torch = step()
    loss_bp = net.step(X, Y, t.LR)
    assert abs(loss_torch - loss_bp) <= 1e-9 * max(1.0, abs(loss_bp)), (loss_torch, loss_bp)
    linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
    return max(
        float(np.abs(lin.weight.detach().numpy() - W).max())
        for lin, W in zip(linears, net.weights, strict=True)
    )


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    if torch is None:
        print(f"PyTorch is not installed: the PyTorch comparison is skipped. To run it: {INSTALL}")
        t.save(args.json, "Training step against PyTorch", [], [f"skipped: no torch ({INSTALL})"])
        return
    notes = []
    rows = []
    for name in ("tiny", "medium", "large"):
        diff = check_same_step(name)
        assert diff < 1e-12, f"{name}: PyTorch and backprop_lib disagree by {diff}"
        notes.append(f"{name}: after one step from the same start, weights agree to {diff:.1e}")
        for dtype, dtype_name in ((torch.float64, "float64"), (torch.float32, "float32")):
            net, X, Y = t.problem(name)
            _, step = torch_step(net, X, Y, dtype)
            repeats = 3 if args.quick else args.repeats
            timings = t.compare(
                {"bp": lambda net=net, X=X, Y=Y: net.step(X, Y, t.LR), "torch": step},
                repeats=repeats,
                min_time=0.01 if args.quick else 0.1,
            )
            goal_applies = name != "large" and dtype_name == "float64"
            r = t.ratio(timings, "bp", "torch")
            rows.append(
                t.row(
                    "1",
                    f"{t.label(name)}, {dtype_name}",
                    ("net.step (float64)", timings["bp"]["median"]),
                    (f"torch step ({dtype_name})", timings["torch"]["median"]),
                    goal="≤ 1" if goal_applies else "(no goal)",
                    met=(r <= 1.0) if goal_applies else None,
                    repeats=repeats,
                    note="" if dtype_name == "float64" else "backprop_lib is float64 by API",
                )
            )
    t.save(args.json, "Training step against PyTorch CPU (eager autograd)", rows, notes)


if __name__ == "__main__":
    main()
