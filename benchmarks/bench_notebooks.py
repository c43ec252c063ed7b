"""Item 5: the time to execute each notebook against the floor of any notebook.

Each notebook found as ``notebooks/[0-9][0-9]_*.ipynb`` is executed by nbclient in a fresh
kernel of this interpreter (as ``make notebooks`` and ``make test`` do), from an in-memory
copy: the files in ``notebooks/`` are never written. The floor is the same thing for a
notebook of one cell, ``%matplotlib inline`` and ``import numpy, sympy, matplotlib.pyplot,
ipywidgets``: starting a kernel and importing the series' libraries, as every notebook's
first cell does. Both are timed from the kernel's start to the last cell's reply.
ratio = time(notebook) / time(floor). Goal: ≤ 2 for every notebook; where a notebook is
above, the cells that cost most are listed.

    python -m benchmarks.bench_notebooks [--json out.json] [--repeats 5]
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from benchmarks import _timing as t
from tools.run_notebooks import CurrentEnvironment

NOTEBOOKS = t.ROOT / "notebooks"
FLOOR_SOURCE = (
    "%matplotlib inline\nimport ipywidgets\nimport matplotlib.pyplot\nimport numpy\nimport sympy"
)


def run(notebook: nbformat.NotebookNode) -> tuple[float, list[float]]:
    """Execute a copy of ``notebook``; return the total seconds and each code cell's seconds."""
    notebook = nbformat.from_dict(notebook)  # a deep copy: the caller's stays as it was
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=CurrentEnvironment())
    client = NotebookClient(
        notebook,
        km=manager,
        timeout=600,
        record_timing=True,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        start = time.perf_counter()
        client.execute()  # starts the kernel, runs every cell
        total = time.perf_counter() - start
    finally:  # nbclient leaves a kernel it did not create running: stop it (not timed)
        if client.kc is not None:
            client.kc.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=False)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        timing = cell.metadata.get("execution", {})
        begin, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if begin and end:
            seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(begin)).total_seconds()
        else:
            seconds = 0.0
        cells.append(seconds)
    return total, cells


def main() -> None:
    args = t.arguments(__doc__.splitlines()[0])
    repeats = 1 if args.quick else max(args.repeats, 5)
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    jobs = {"floor": floor} | {p.name: nbformat.read(p, as_version=4) for p in paths}
    totals: dict[str, list[float]] = {name: [] for name in jobs}
    cell_times: dict[str, list[list[float]]] = {name: [] for name in jobs}
    for round_ in range(1 + repeats):  # round 0 is the warm-up (disk cache, bytecode)
        for name, notebook in jobs.items():
            total, cells = run(notebook)
            print(f"round {round_}: {name} {total:.2f} s", flush=True)
            if round_:
                totals[name].append(total)
                cell_times[name].append(cells)
    floor_s = statistics.median(totals["floor"])
    rows, notes = [], []
    for path in paths:
        name = path.name
        seconds = statistics.median(totals[name])
        r = seconds / floor_s
        note = ""
        if r > 2:
            per_cell = [statistics.median(c) for c in zip(*cell_times[name], strict=True)]
            code = [c for c in jobs[name].cells if c.cell_type == "code"]
            top = sorted(range(len(per_cell)), key=per_cell.__getitem__, reverse=True)[:3]
            parts = []
            for i in top:
                first = next((ln for ln in code[i].source.splitlines() if ln.strip()), "")
                first = first if len(first) <= 60 else first[:57] + "..."
                parts.append(f"code cell {i + 1} `{first}` {per_cell[i]:.2f} s")
            note = "costliest cells: " + "; ".join(parts)
        rows.append(
            t.row(
                "5",
                name,
                ("notebook", seconds),
                ("kernel + imports", floor_s),
                goal="≤ 2",
                met=r <= 2,
                repeats=repeats,
                note=note,
            )
        )
    if not paths:
        notes.append("no notebooks found in notebooks/")
    notes.append(f"floor notebook: one cell `{FLOOR_SOURCE.replace(chr(10), '; ')}`")
    t.save(args.json, "Notebook execution against a kernel start with the imports", rows, notes)


if __name__ == "__main__":
    main()
