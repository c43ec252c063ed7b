"""Hub load: 1, 5, 10 and 20 students at once on a real JupyterHub on this machine.

For each class size N a fresh JupyterHub (``tests/hub/hubdriver.py``: configurable-http-proxy,
shared-password login, single-user servers as local processes) serves N students who all
follow the nbgitpuller link at the same moment (log in, launch, pull the series from a clone
of HEAD), open notebook 05 in a kernel each and, once all are ready, run all its cells at
once. Recorded: each student's wall time from the link to the JupyterLab page and for the
run of notebook 05 (median and max), and the memory of every process the hub started (hub,
proxy, single-user servers, kernels), sampled every half second: the peak of the summed RSS
(and of the summed PSS, which counts a shared page once).

Then checks the sizing rule built from ``benchmarks/student_resources.json`` against these
figures and writes the rule, with the node sizes it gives, into its section of
``benchmarks/RESULTS.md`` and into ``benchmarks/hub_load.json`` (``make hub-bench``).

    python -m benchmarks.hub_load [--sizes 1 5 10 20]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from benchmarks import _timing as t
from benchmarks._sections import RESULTS, write_section
from tests.hub import hubdriver

HERE = Path(__file__).resolve().parent
RUN = "notebooks/05_matrix_backprop.ipynb"
MiB, GiB = 2**20, 2**30

# The sizing rule's assumptions (stated in the section it writes).
KERNELS_GUARANTEED = 2  # the notebook in use and the previous one, still running
# every notebook of the series open at once
KERNELS_LIMIT = len(list((t.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
RESERVE_GIB = 2  # the node's system, the hub and the proxy
LAB = "lab session: a quarter run cells at the same moment"
SCENARIOS = {  # name: (share of the class running notebook 05 at the same moment, wait in s)
    "lecture: everybody presses Run All at once": (1.0, 30.0),
    LAB: (0.25, 20.0),
}
NODES = [(2, 8), (4, 16), (8, 32), (16, 64), (32, 128)]
GUIDE = t.ROOT / "docs" / "jupyterhub.md"


class Sampler(threading.Thread):
    """Reads the hub's memory every ``interval`` seconds; keeps the peak of the totals."""

    def __init__(self, hub: hubdriver.Hub, interval: float = 0.5):
        super().__init__(daemon=True)
        self.hub, self.interval = hub, interval
        self.done = threading.Event()
        self.peak = {"rss": 0, "pss": 0, "roles": {}, "pss_max": 0}
        self.samples = 0

    def run(self) -> None:
        while not self.done.is_set():
            roles = self.hub.memory()
            rss = sum(r["rss"] for r in roles.values())
            pss = sum(r["pss"] for r in roles.values())
            self.samples += 1
            if rss > self.peak["rss"]:
                self.peak.update(rss=rss, pss=pss, roles=roles)
            self.peak["pss_max"] = max(self.peak["pss_max"], pss)
            self.done.wait(self.interval)


def one_class(size: int) -> dict:
    users = [f"student{n:02d}" for n in range(1, size + 1)]
    with (
        tempfile.TemporaryDirectory() as tmp,
        hubdriver.Hub(users, startup_timeout=120, spawn_timeout=600) as hub,
    ):
        origin = hubdriver.series_origin(Path(tmp))
        link = hubdriver.git_pull_link(
            hub.url, str(origin.path), origin.branch, "notebooks/00_start_here.ipynb"
        )
        base = hub.memory()
        sampler = Sampler(hub)
        sampler.start()
        start = time.monotonic()
        outcomes = hubdriver.run_class(hub, users, link, RUN, timeout=1200, cell_timeout=900)
        wall = time.monotonic() - start
        sampler.done.set()
        sampler.join()
    problems = [p for out in outcomes for p in out.problems()]
    wrong = [o.name for o in outcomes if o.commit != origin.commit]
    ok = [o for o in outcomes if not o.problems() and o.commit == origin.commit]
    opened = [o.timings.get("open_link", math.nan) for o in ok]
    runs = [o.run_seconds for o in ok]
    result = {
        "students": size,
        "ok": len(ok),
        "problems": problems[:5] + [f"pulled another commit: {wrong}"] * bool(wrong),
        "open_link_s": {"median": statistics.median(opened), "max": max(opened)} if ok else None,
        "run_s": {"median": statistics.median(runs), "max": max(runs)} if ok else None,
        "base_rss": sum(r["rss"] for r in base.values()),
        "peak": sampler.peak,
        "samples": sampler.samples,
        "wall_s": wall,
        "load_after": round(os.getloadavg()[0], 1),
    }
    print(json.dumps({k: v for k, v in result.items() if k != "peak"}), flush=True)
    print(
        f"{size} students: peak RSS {sampler.peak['rss'] / MiB:.0f} MiB, "
        f"PSS {sampler.peak['pss_max'] / MiB:.0f} MiB",
        flush=True,
    )
    return result


def round_up(value: float, step: float) -> float:
    return math.ceil(value / step) * step


def sizing(resources: dict, classes: list[dict], cores: int) -> dict:
    """The sizing rule from the per-student figures and the load runs, and its check."""
    kernels = {r["notebook"]: r for r in resources["kernels"]}
    kernel_peak = max(r["peak_rss"] for name, r in kernels.items() if name.endswith(".ipynb"))
    server_rss = max(s["rss"] for s in resources["server"]["steps"])
    run_cpu = kernels["05_matrix_backprop.ipynb"]["cpu_s"]
    guarantee = round_up(server_rss + KERNELS_GUARANTEED * kernel_peak, 128 * MiB)
    limit = round_up(server_rss + KERNELS_LIMIT * kernel_peak, 128 * MiB)
    # Notebook 05's time against the class size, where the students outnumber the cores:
    # wait(N) = t0 + N * cost / cores, fitted by least squares; cost is what one student's
    # Run All costs the node under load (kernel, server, proxy, hub), in core-seconds.
    loaded = [c for c in classes if c["ok"] == c["students"] and c["students"] > cores]
    fit = statistics.linear_regression(
        [c["students"] for c in loaded], [c["run_s"]["median"] for c in loaded]
    )
    cost, t0 = fit.slope * cores, fit.intercept
    # The rule plans for the series' costliest notebook: 05's cost under load, scaled by the
    # two notebooks' kernel CPU seconds alone.
    series = {name: r for name, r in kernels.items() if name.endswith(".ipynb")}
    heaviest = max(series, key=lambda name: series[name]["cpu_s"])
    heavy_cost = cost * max(1.0, series[heaviest]["cpu_s"] / run_cpu)
    checks = []
    for c in classes:
        if not c["ok"]:
            continue
        roles = c["peak"]["roles"]
        fixed = sum(roles.get(r, {}).get("rss", 0) for r in ("hub", "proxy"))
        checks.append(
            {
                "students": c["students"],
                "predicted_rss": fixed + c["students"] * (server_rss + kernel_peak),
                "measured_rss": c["peak"]["rss"],
                "kernel_cpu_run_s": c["students"] * run_cpu / cores,
                "fitted_run_s": t0 + c["students"] * cost / cores,
                "measured_run_s": c["run_s"]["median"],
                "measured_run_max_s": c["run_s"]["max"],
            }
        )
    nodes = []
    for node_cores, node_gib in NODES:
        by_memory = int((node_gib - RESERVE_GIB) * GiB // guarantee)
        row = {"cores": node_cores, "gib": node_gib, "by_memory": by_memory, "by_cpu": {}}
        for name, (share, wait) in SCENARIOS.items():
            row["by_cpu"][name] = int(node_cores * (wait - t0) / (share * heavy_cost))
        nodes.append(row)
    share, wait = SCENARIOS[LAB]
    return {
        "kernel_peak": kernel_peak,
        "server_rss": server_rss,
        "run_cpu_s": run_cpu,
        "run_wall_s": kernels["05_matrix_backprop.ipynb"]["wall_s"],
        "cost_s": cost,
        "heaviest": heaviest,
        "heaviest_cpu_s": series[heaviest]["cpu_s"],
        "heavy_cost_s": heavy_cost,
        "t0_s": t0,
        "fitted_on": [c["students"] for c in loaded],
        "mem_guarantee": guarantee,
        "mem_limit": limit,
        "cpu_guarantee": round_up(share * heavy_cost / (wait - t0), 0.01),
        "cpu_limit": 1.0,
        "checks": checks,
        "nodes": nodes,
        "cores_here": cores,
    }


def node_table(s: dict) -> list[str]:
    lines = [
        "| node | by memory | "
        + " | ".join(f"by CPU, {name} (≤ {w:.0f} s)" for name, (_, w) in SCENARIOS.items())
        + " |",
        "|---|---|" + "---|" * len(SCENARIOS),
    ]
    for n in s["nodes"]:
        lines.append(
            f"| {n['cores']} cores, {n['gib']} GiB | {n['by_memory']} | "
            + " | ".join(str(n["by_cpu"][name]) for name in SCENARIOS)
            + " |"
        )
    return lines


def rule(s: dict) -> list[str]:
    share, wait = SCENARIOS[LAB]
    return [
        f"* **Memory** per student: guarantee **{s['mem_guarantee'] / MiB:.0f} MiB** = a "
        f"single-user server ({s['server_rss'] / MiB:.0f} MiB once its student has worked "
        f"through the series) + {KERNELS_GUARANTEED} kernels (the notebook in use and the "
        "previous one, whose kernel JupyterLab leaves running when its tab is closed) at the "
        f"largest kernel's peak ({s['kernel_peak'] / MiB:.0f} MiB); limit "
        f"**{s['mem_limit'] / MiB:.0f} MiB** = server + {KERNELS_LIMIT} kernels (every notebook "
        "of the series open at once). Both rounded up to 128 MiB.",
        f"* **CPU** per student: limit **{s['cpu_limit']:.0f} core** (notebook 05 alone: "
        f"{s['run_cpu_s']:.1f} CPU seconds, kernel start included, in {s['run_wall_s']:.1f} s; "
        "set `OMP_NUM_THREADS=1` too, or numpy's BLAS starts a thread per core of the node); "
        f"guarantee **{s['cpu_guarantee']:.2f} core** (a {share:.0%} share of the class running "
        f"the costliest notebook at the same moment, each done within {wait:.0f} s).",
        f"* **Students working at once** on a node with C cores and G GiB: N = min((G − "
        f"{RESERVE_GIB}) / {s['mem_guarantee'] / GiB:.2f}, C × (wait − {s['t0_s']:.1f} s) / "
        f"(share × {s['heavy_cost_s']:.1f} s)). *share*: the part of the class running cells at "
        "the same moment; *wait*: how long a Run All of the costliest notebook may take; "
        f"{RESERVE_GIB} GiB stay for the system, the hub and the proxy. "
        f"{s['heavy_cost_s']:.1f} core-seconds is what one student's Run All of the costliest "
        f"notebook ({s['heaviest']}, {s['heaviest_cpu_s']:.1f} CPU seconds alone) costs the hub "
        f"under load: notebook 05 costs {s['cost_s']:.1f} core-seconds per student (kernel, "
        "server, proxy and hub; fitted as wait = t0 + N × cost / cores on the runs with "
        f"{', '.join(map(str, s['fitted_on']))} students at once on {s['cores_here']} cores, "
        f"t0 = {s['t0_s']:.1f} s), scaled by the two notebooks' CPU seconds alone.",
    ]


def deciding(s: dict) -> list[str]:
    """Which limit decides (the smaller column), per scenario, over the node sizes."""
    lines = []
    for name in SCENARIOS:
        cpu = sum(n["by_cpu"][name] < n["by_memory"] for n in s["nodes"])
        which = "CPU" if cpu == len(s["nodes"]) else "memory" if cpu == 0 else "either"
        lines.append(f"In a {name.split(':')[0]}, {which} decides on these node sizes.")
    return [" ".join(lines)]


def section(data: dict) -> str:
    s = data["sizing"]
    lines = [
        "## JupyterHub under load (5, 10, 20 students at once)",
        "",
        f"Written by `benchmarks/hub_load.py` (`make hub-bench`) on {data['date']}; "
        f"{data['seconds']:.0f} s. Machine: {data['machine']}.",
        "",
        "A fresh JupyterHub per row on 127.0.0.1 (configurable-http-proxy, single-user "
        "servers as local processes). All students follow the nbgitpuller link at the same "
        "moment (log in, launch the server, pull the series), open notebook 05 in a kernel "
        "each and, once all are ready, run all its cells at the same moment. *Link to "
        "JupyterLab*: from the link to the notebook's page (login, spawn, pull). *Notebook 05*: "
        "the run of all its cells. Memory: every process the hub started (hub, proxy, servers, "
        "kernels), sampled every 0.5 s; the sample with the largest RSS sum (PSS counts a "
        "page shared by several processes once). The machine is shared: the load average "
        "after each row is given (other work on it slows the runs).",
        "",
        "| students at once | all ran it | link to JupyterLab, median / max | notebook 05, "
        "median / max | peak RSS, all processes | of which kernels / servers / hub + proxy "
        "| peak PSS | load average after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in data["classes"]:
        load = c.get("load_after", "")
        if not c["ok"]:
            lines.append(f"| {c['students']} | **0** | — | — | — | — | — | {load} |")
            continue
        roles = c["peak"]["roles"]

        def rss(*names, roles=roles):
            return sum(roles.get(n, {}).get("rss", 0) for n in names) / MiB

        lines.append(
            f"| {c['students']} | {c['ok']} of {c['students']} | "
            f"{c['open_link_s']['median']:.1f} / {c['open_link_s']['max']:.1f} s | "
            f"**{c['run_s']['median']:.1f}** / {c['run_s']['max']:.1f} s | "
            f"**{c['peak']['rss'] / MiB:.0f} MiB** | {rss('kernel'):.0f} / {rss('server'):.0f} / "
            f"{rss('hub', 'proxy'):.0f} MiB | {c['peak']['pss_max'] / MiB:.0f} MiB | {load} |"
        )
    problems = [p for c in data["classes"] for p in c["problems"]]
    if problems:
        lines += ["", "Problems:", *[f"* `{p[:300]}`" for p in problems]]
    lines += [
        "",
        "### Sizing rule",
        "",
        "From the per-student figures (previous section) and the load runs above; "
        "`docs/jupyterhub.md` carries the same rule and table.",
        "",
        *rule(s),
        "",
        *node_table(s),
        "",
        "Checked against the load runs: memory predicted as hub + proxy (as measured) plus, per "
        "student, one server and one kernel at the figures above (each student had one kernel "
        "open); notebook 05's time predicted from the kernel's own CPU seconds alone "
        f"(N × {s['run_cpu_s']:.1f} s / {s['cores_here']} cores) and by the fit the rule uses:",
        "",
        "| students at once | predicted peak RSS | measured | notebook 05 from kernel CPU "
        "| from the fit | measured median / max |",
        "|---|---|---|---|---|---|",
    ]
    for c in s["checks"]:
        lines.append(
            f"| {c['students']} | {c['predicted_rss'] / MiB:.0f} MiB | "
            f"{c['measured_rss'] / MiB:.0f} MiB | {c['kernel_cpu_run_s']:.1f} s | "
            f"{c['fitted_run_s']:.1f} s | {c['measured_run_s']:.1f} / "
            f"{c['measured_run_max_s']:.1f} s |"
        )
    return "\n".join(lines)


def guide(data: dict) -> str:
    """The block of docs/jupyterhub.md that carries the measured figures."""
    s = data["sizing"]
    mem_g, mem_l = f"{s['mem_guarantee'] / MiB:.0f}M", f"{s['mem_limit'] / MiB:.0f}M"
    return "\n".join(
        [
            f"Measured on {data['date']} by `make hub-bench` (`benchmarks/hub_load.py` writes "
            "this block; the figures and how they were taken are in `benchmarks/RESULTS.md`).",
            "",
            *rule(s),
            "",
            *node_table(s),
            "",
            *deciding(s),
            "",
            "On the 2-core machine these come from, a real hub served "
            + ", ".join(
                f"{c['students']} students at once (notebook 05 in {c['measured_run_s']:.0f} s "
                f"each, {c['measured_rss'] / GiB:.1f} GiB in all)"
                for c in s["checks"]
                if c["students"] > 1
            )
            + ".",
            "",
            "In `jupyterhub_config.py` (enforced by spawners that use containers or cgroups "
            "such as KubeSpawner, DockerSpawner, SystemdSpawner; LocalProcessSpawner ignores "
            "them):",
            "",
            "```python",
            f'c.Spawner.mem_guarantee = "{mem_g}"',
            f'c.Spawner.mem_limit = "{mem_l}"',
            f"c.Spawner.cpu_guarantee = {s['cpu_guarantee']:.2f}",
            f"c.Spawner.cpu_limit = {s['cpu_limit']:.0f}",
            "```",
            "",
            "In Zero to JupyterHub's `config.yaml`:",
            "",
            "```yaml",
            "singleuser:",
            "  memory:",
            f"    guarantee: {mem_g}",
            f"    limit: {mem_l}",
            "  cpu:",
            f"    guarantee: {s['cpu_guarantee']:.2f}",
            f"    limit: {s['cpu_limit']:.0f}",
            "```",
        ]
    )


def write(data: dict) -> None:
    (HERE / "hub_load.json").write_text(json.dumps(data, indent=1) + "\n")
    write_section("hub_load", section(data))
    write_section("hub_sizing", guide(data), GUIDE)
    print(f"\nwrote {RESULTS}, {GUIDE} and {HERE / 'hub_load.json'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--quick", action="store_true", help="print only, write nothing")
    parser.add_argument(
        "--rewrite", action="store_true", help="rewrite the sections from hub_load.json, no runs"
    )
    args = parser.parse_args()
    resources_file = HERE / "student_resources.json"
    if not resources_file.exists():
        print("hub_load: run benchmarks/student_resources.py first", file=sys.stderr)
        return 2
    resources = json.loads(resources_file.read_text())
    if args.rewrite:
        data = json.loads((HERE / "hub_load.json").read_text())
        data["sizing"] = sizing(resources, data["classes"], data["sizing"]["cores_here"])
        write(data)
        return 0
    reason = hubdriver.unavailable_reason()
    if reason:
        print(f"hub_load: {reason}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    info = t.machine()
    data = {
        "date": date.today().isoformat(),
        "machine": f"{info['cpu']}, {info['cores']} cores, Python {info['python']}, "
        f"load average at start {info['load_average']}",
        "classes": [one_class(size) for size in args.sizes],
    }
    data["sizing"] = sizing(resources, data["classes"], info["cores"])
    data["seconds"] = time.perf_counter() - started
    print("\n" + section(data))
    if not args.quick:
        write(data)
    return 0 if all(c["ok"] == c["students"] for c in data["classes"]) else 1


if __name__ == "__main__":
    sys.exit(main())
