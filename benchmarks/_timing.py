"""Shared helpers for the benchmark scripts: side-by-side timing, machine description, results.

Every figure is a *ratio* of two things timed in the same process, interleaved round by round
(A, B, A, B, ...), so a noisy neighbour slows both alike. Each thing is first warmed up, then
timed ``repeats`` times (each time over enough calls to last at least ``min_time`` seconds);
the reported time is the median per call, and the ratio is the ratio of the two medians.

A script run with ``--json PATH`` also writes its rows there for ``run_all.py``, which turns
them into ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def calls_per_run(fn: Callable[[], object], min_time: float) -> int:
    """How many calls of ``fn`` last at least ``min_time`` seconds (1 for slow functions)."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        if time.perf_counter() - start >= min_time or number >= 1 << 20:
            return number
        number *= 2


def compare(
    fns: dict[str, Callable[[], object]],
    repeats: int = 7,
    warmup: int = 1,
    min_time: float = 0.05,
) -> dict[str, dict]:
    """Time every function in ``fns`` side by side; return ``{name: {"median": s, "runs": [...]}}``.

    Seconds are per call. The order of the functions rotates from round to round.
    """
    numbers = {name: calls_per_run(fn, min_time) for name, fn in fns.items()}
    for _ in range(warmup):
        for name, fn in fns.items():
            for _ in range(numbers[name]):
                fn()
    runs: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for r in range(repeats):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            fn, number = fns[name], numbers[name]
            start = time.perf_counter()
            for _ in range(number):
                fn()
            runs[name].append((time.perf_counter() - start) / number)
    return {
        name: {"median": statistics.median(times), "runs": times, "calls_per_run": numbers[name]}
        for name, times in runs.items()
    }


def ratio(timings: dict[str, dict], top: str, bottom: str) -> float:
    return timings[top]["median"] / timings[bottom]["median"]


def blas_description() -> list[dict]:
    """The BLAS/OpenMP libraries loaded in this process, as threadpoolctl reports them."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"error": "threadpoolctl not installed (pip install -e .)"}]
    keys = ("internal_api", "version", "architecture", "num_threads", "threading_layer", "prefix")
    return [{k: info.get(k) for k in keys} for info in threadpool_info()]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict:
    """What the figures were measured on: CPU, cores, load, Python, numpy, BLAS, torch."""
    import numpy as np

    info = {
        "cpu": _cpu_model(),
        "cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas_env": {k: os.environ.get(k) for k in BLAS_VARIABLES},
    }
    torch = sys.modules.get("torch")
    if torch is not None:
        info["torch"] = f"{torch.__version__} ({torch.get_num_threads()} threads)"
    info["blas"] = blas_description()  # after the imports, so torch's own BLAS shows too
    return info


def describe(info: dict) -> str:
    blas = "; ".join(
        ", ".join(f"{k}={v}" for k, v in lib.items() if v is not None) for lib in info["blas"]
    )
    env = ", ".join(f"{k}={v}" for k, v in info["blas_env"].items() if v is not None) or "unset"
    text = (
        f"{info['cpu']}, {info['cores']} cores, load {info['load_average']}; {info['system']}; "
        f"Python {info['python']}, numpy {info['numpy']}"
    )
    if "torch" in info:
        text += f", torch {info['torch']}"
    return f"{text}\nBLAS: {blas}\nOPENBLAS_CORETYPE/OPENBLAS_L2_SIZE: {env}"


def fmt_seconds(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def row(
    item: str,
    what: str,
    top: tuple[str, float],
    bottom: tuple[str, float],
    goal: str = "",
    met: bool | None = None,
    repeats: int = 7,
    note: str = "",
) -> dict:
    """One result: ``top`` and ``bottom`` are (label, median seconds); ratio = top / bottom."""
    return {
        "item": item,
        "what": what,
        "top": top[0],
        "top_s": top[1],
        "bottom": bottom[0],
        "bottom_s": bottom[1],
        "ratio": top[1] / bottom[1],
        "goal": goal,
        "met": met,
        "repeats": repeats,
        "note": note,
    }


def print_rows(title: str, rows: list[dict]) -> None:
    print(f"\n## {title}")
    for r in rows:
        verdict = "" if r["met"] is None else ("  goal met" if r["met"] else "  GOAL MISSED")
        print(
            f"{r['what']}: {r['top']} {fmt_seconds(r['top_s'])} / {r['bottom']} "
            f"{fmt_seconds(r['bottom_s'])} = {r['ratio']:.3g}  [{r['goal']}]{verdict}"
            + (f"  ({r['note']})" if r["note"] else "")
        )


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="also write the rows here (for run_all.py)")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs after the warm-up")
    parser.add_argument("--quick", action="store_true", help="fewer, shorter runs (smoke test)")
    return parser.parse_args()


def save(path: Path | None, title: str, rows: list[dict], notes: list[str] | None = None) -> None:
    """Print the rows and, with ``--json``, write them with the machine description."""
    info = machine()
    print(describe(info))
    print_rows(title, rows)
    for note in notes or []:
        print(f"note: {note}")
    if path is not None:
        path.write_text(
            json.dumps({"title": title, "machine": info, "rows": rows, "notes": notes or []})
        )


# The networks every numeric benchmark uses: sigmoid hidden layers, a linear output layer,
# loss "half_sse", a batch of m random examples (one column each).
SIZES = {
    "tiny": ((2, 4, 3, 2), 1),
    "medium": ((784, 256, 128, 10), 128),
    "large": ((1024, 1024, 1024, 10), 512),
}
LR = 1e-3


def problem(name: str, seed: int = 0):
    """``(net, X, Y)`` for one of ``SIZES``: a fresh ``bp.MLP.random`` and a random batch."""
    import numpy as np

    import backprop_lib as bp

    sizes, m = SIZES[name]
    activations = ["sigmoid"] * (len(sizes) - 2) + ["identity"]
    net = bp.MLP.random(list(sizes), activations, loss="half_sse", seed=seed)
    rng = np.random.default_rng(seed + 1)
    X = rng.normal(size=(sizes[0], m))
    Y = rng.normal(size=(sizes[-1], m))
    return net, X, Y


def label(name: str) -> str:
    sizes, m = SIZES[name]
    return f"{name} {'-'.join(map(str, sizes))}, batch {m}"
