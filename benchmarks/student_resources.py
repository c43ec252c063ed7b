"""Per-student resources: what one student's kernel and single-user server cost.

1. Every notebook (``notebooks/[0-9][0-9]_*.ipynb``) runs top to bottom by nbclient in a fresh
   kernel of this interpreter, from an in-memory copy, ``--rounds`` times; for each run the
   kernel's peak resident memory (``VmHWM`` in ``/proc/<pid>/status``, read before the kernel
   is stopped) and its CPU seconds (user + system, start-up and imports included) are read.
   The first row, *kernel + imports*, is a one-cell notebook with the series' imports.
2. A real single-user server (``jupyterhub-singleuser`` spawned by a JupyterHub on 127.0.0.1,
   ``tests/hub/hubdriver.py``): one student opens the nbgitpuller link, then opens and runs
   every notebook in turn through the server's API (one kernel at a time, each closed after
   its notebook); the server's resident memory is read after each step.

Writes ``benchmarks/student_resources.json`` and its own section of ``benchmarks/RESULTS.md``
(``make hub-bench``; needs ``make hub-deps``).

    python -m benchmarks.student_resources [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from benchmarks import _timing as t
from benchmarks._sections import RESULTS, write_section
from tests.hub import hubdriver
from tools.run_notebooks import CurrentEnvironment

HERE = Path(__file__).resolve().parent
NOTEBOOKS = t.ROOT / "notebooks"
FLOOR_SOURCE = (
    "%matplotlib inline\nimport ipywidgets\nimport matplotlib.pyplot\nimport numpy\nimport sympy\n"
    "import backprop_lib"
)
MiB = 2**20


def peak_rss(pid: int) -> int:
    """The process's peak resident set size (VmHWM) in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def run_in_kernel(notebook: nbformat.NotebookNode) -> dict:
    """Execute a copy of ``notebook`` in a fresh kernel; its wall time, CPU, memory."""
    notebook = nbformat.from_dict(notebook)
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=CurrentEnvironment())
    client = NotebookClient(
        notebook, km=manager, timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    try:
        start = time.perf_counter()
        client.execute()
        wall = time.perf_counter() - start
        kernel = psutil.Process(manager.provisioner.process.pid)
        cpu = kernel.cpu_times()
        result = {
            "wall_s": wall,
            "cpu_s": cpu.user + cpu.system,
            "peak_rss": peak_rss(kernel.pid),
            "end_rss": kernel.memory_info().rss,
        }
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=False)
    return result


def kernels(rounds: int) -> list[dict]:
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    jobs = {"kernel + imports": floor} | {p.name: nbformat.read(p, as_version=4) for p in paths}
    runs: dict[str, list[dict]] = {name: [] for name in jobs}
    for round_ in range(1 + rounds):  # round 0 warms the disk cache and bytecode
        for name, notebook in jobs.items():
            result = run_in_kernel(notebook)
            print(
                f"round {round_}: {name}: {result['wall_s']:.1f} s, CPU {result['cpu_s']:.1f} s, "
                f"peak {result['peak_rss'] / MiB:.0f} MiB",
                flush=True,
            )
            if round_:
                runs[name].append(result)
    return [
        {
            "notebook": name,
            "runs": len(results),
            "wall_s": statistics.median(r["wall_s"] for r in results),
            "cpu_s": statistics.median(r["cpu_s"] for r in results),
            "peak_rss": max(r["peak_rss"] for r in results),
            "end_rss": statistics.median(r["end_rss"] for r in results),
        }
        for name, results in runs.items()
    ]


def server(idle_s: float = 5.0) -> dict:
    """One student on a real hub; the single-user server's memory after each step."""
    steps = []
    with tempfile.TemporaryDirectory() as tmp, hubdriver.Hub(["student"]) as hub:
        origin = hubdriver.series_origin(Path(tmp))
        link = hubdriver.git_pull_link(
            hub.url, str(origin.path), origin.branch, "notebooks/00_start_here.ipynb"
        )
        student = hubdriver.Student(hub, "student", timeout=300)

        def note(step: str) -> None:
            (process,) = [p for p in hub.processes() if hubdriver.role(p) == "server"]
            memory = hub.memory()
            steps.append(
                {
                    "step": step,
                    "rss": process.memory_info().rss,
                    "peak_rss": peak_rss(process.pid),
                    "hub_rss": memory["hub"]["rss"],
                    "proxy_rss": memory["proxy"]["rss"],
                }
            )
            print(f"server after {step}: {steps[-1]['rss'] / MiB:.0f} MiB", flush=True)

        student.open_link(link)
        time.sleep(idle_s)
        note(f"the link opened (spawned, pulled, JupyterLab page served), {idle_s:.0f} s idle")
        for path in sorted((hub.home("student") / hubdriver.SERIES / "notebooks").glob("[0-9]*")):
            kernel = student.open_notebook(f"{hubdriver.SERIES}/notebooks/{path.name}")
            try:
                failed = [c for c in kernel.run_all(cell_timeout=300) if c.status != "ok"]
                if failed:
                    raise RuntimeError(f"{path.name}: {failed[0].error}")
            finally:
                kernel.close()
            note(f"{path.name} opened, run, closed")
        time.sleep(idle_s)
        note(f"the whole series, {idle_s:.0f} s idle")
        version = hub.version
    return {"jupyterhub": version, "steps": steps}


def mib(n: float) -> str:
    return f"{n / MiB:.0f}"


def section(data: dict) -> str:
    rows = data["kernels"]
    lines = [
        "## Per-student resources (kernel and single-user server)",
        "",
        f"Written by `benchmarks/student_resources.py` (`make hub-bench`) on {data['date']}; "
        f"{data['seconds']:.0f} s. Machine: {data['machine']}.",
        "",
        f"Each notebook run top to bottom in a fresh kernel (nbclient), {rows[0]['runs']} runs "
        "after a warm-up: median wall time and CPU seconds of the kernel (start-up and imports "
        "included), the largest peak resident memory (VmHWM) of its runs, and the median "
        "resident memory when the last cell had run.",
        "",
        "| notebook | wall time | kernel CPU | kernel peak RSS | kernel RSS at the end |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['notebook']} | {r['wall_s']:.1f} s | {r['cpu_s']:.1f} s | "
            f"{mib(r['peak_rss'])} MiB | {mib(r['end_rss'])} MiB |"
        )
    series = rows[1:]
    lines += [
        "",
        f"The whole series: {sum(r['cpu_s'] for r in series):.0f} CPU seconds in "
        f"{len(series)} kernels; the largest kernel peaks at "
        f"**{max(r['peak_rss'] for r in series) / MiB:.0f} MiB**.",
        "",
        f"A single-user server (`jupyterhub-singleuser`, JupyterHub {data['server']['jupyterhub']},"
        " JupyterLab) for one student who opens the nbgitpuller link, then opens and runs every "
        "notebook in turn through the server's API (one kernel at a time, closed after its "
        "notebook). Resident memory of the server process after each step (its kernels "
        "not included), and of the hub and the proxy beside it:",
        "",
        "| after | server RSS | server peak RSS | hub RSS | proxy RSS |",
        "|---|---|---|---|---|",
    ]
    for s in data["server"]["steps"]:
        lines.append(
            f"| {s['step']} | {mib(s['rss'])} MiB | {mib(s['peak_rss'])} MiB | "
            f"{mib(s['hub_rss'])} MiB | {mib(s['proxy_rss'])} MiB |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed runs per notebook")
    parser.add_argument("--quick", action="store_true", help="one run, not written anywhere")
    args = parser.parse_args()
    reason = hubdriver.unavailable_reason()
    if reason:
        print(f"student_resources: {reason}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    info = t.machine()
    data = {
        "date": date.today().isoformat(),
        "machine": f"{info['cpu']}, {info['cores']} cores, Python {info['python']}, "
        f"numpy {info['numpy']}, load average at start {info['load_average']}",
        "kernels": kernels(1 if args.quick else args.rounds),
        "server": server(),
    }
    data["seconds"] = time.perf_counter() - started
    text = section(data)
    print("\n" + text)
    if not args.quick:
        (HERE / "student_resources.json").write_text(json.dumps(data, indent=1) + "\n")
        write_section("student_resources", text)
        print(f"\nwrote {RESULTS} and {HERE / 'student_resources.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
