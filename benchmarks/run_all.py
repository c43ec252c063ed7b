"""Run every benchmark and write ``benchmarks/RESULTS.md`` (``make bench``).

Each script runs in its own process and hands its rows back as JSON. The numeric scripts
(items 1–3 and 8) run once in the environment as it is and, where ``OPENBLAS_CORETYPE`` or
``OPENBLAS_L2_SIZE`` is set on this machine, once more with both unset (for that run only:
older OpenBLAS builds need them, a current numpy runs a slower kernel with them), so the
BLAS kernel each run used is in the table.

    python -m benchmarks.run_all [--quick] [--only bench_torch bench_gemm_floor ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks import _timing as t
from benchmarks._sections import kept_sections

HERE = Path(__file__).resolve().parent
NUMERIC = ["bench_torch", "bench_gemm_floor", "bench_per_example", "bench_sgd"]
OTHER = ["bench_symbolic", "bench_value", "bench_notebooks"]

# Why a goal is missed, after what was tried: kept here, next to the figures they explain.
EXPLANATIONS = {
    "2": (
        "Besides its matrix products the step makes about a dozen elementwise numpy passes "
        "over layer-sized arrays that the floor leaves out and numpy cannot fuse: the sigmoid "
        "(tanh, +1, ×½), σ′ = a(1−a), the δ products, the 1/m scaling, the update p − ηg, the "
        "finiteness check that guarantees no partial update, and the copy into the live "
        "parameters; its result arrays are also fresh (page-faulted) where the floor writes "
        "into preallocated ones. The row *GEMM floor + elementwise passes* times the products "
        "and those passes alone, into preallocated arrays: what remains between it and the "
        "step is the library's own cost (argument checks, fresh arrays, Python). Done to "
        "close the gap: the 1/m scaling, the update and the sigmoid now work in place, with "
        "no temporaries (measured when the change was made: large step 62.9 → 53.3 ms, "
        "ratio 1.61 → 1.51; medium 3.86 → 2.84 ms). Going further would take preallocated "
        "work buffers or a fused kernel (numexpr, a C extension), which this teaching code "
        "deliberately does without."
    ),
    "5": (
        "A notebook above 2× the floor is one that draws figures, runs sympy derivations or "
        "times itself on purpose; its costliest cells are listed beside it."
    ),
}


def run(script: str, env: dict, extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        cmd = [sys.executable, "-m", f"benchmarks.{script}", "--json", str(out), *extra]
        print(f"\n=== {script} ({' '.join(extra) or 'defaults'})", flush=True)
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, cwd=HERE.parent)
        print(f"=== {script}: {time.perf_counter() - start:.0f} s", flush=True)
        return json.loads(out.read_text())


def blas_label(result: dict) -> str:
    libs = [lib for lib in result["machine"]["blas"] if lib.get("internal_api") == "openblas"]
    kernel = libs[0].get("architecture") if libs else "?"
    env = result["machine"]["blas_env"]
    core = env.get("OPENBLAS_CORETYPE")
    return f"{kernel} (CORETYPE={core})" if core or env.get("OPENBLAS_L2_SIZE") else kernel


def table(results: list[dict]) -> list[str]:
    lines = [
        "| item | what was measured | BLAS kernel | time A | time B | ratio A/B | goal | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for r in result["rows"]:
            met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
            what = r["what"] + (f" — {r['note']}" if r["note"] else "")
            lines.append(
                f"| {r['item']} | {what} | {blas_label(result)} | {r['top']}: "
                f"{t.fmt_seconds(r['top_s'])} | {r['bottom']}: {t.fmt_seconds(r['bottom_s'])} | "
                f"**{r['ratio']:.3g}** | {r['goal']} | {met} |"
            )
    return lines


def merged(text: str, updated: dict[str, list[str]]) -> list[str]:
    """The lines of the results file ``text`` with the sections named in ``updated`` replaced
    (a section missing from ``text`` is added at the end): ``--only`` reruns some scripts
    and keeps every other section as it was measured."""
    head, *parts = text.rstrip("\n").split("\n## ")
    sections = {part.split("\n", 1)[0]: part.split("\n")[1:] for part in parts}
    sections |= updated
    lines = head.rstrip("\n").split("\n")
    for title, body in sections.items():
        lines += ["", f"## {title}", "", *"\n".join(body).strip("\n").split("\n")]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: few short runs")
    parser.add_argument("--only", nargs="+", choices=NUMERIC + OTHER)
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    extra = ["--quick"] if args.quick else []
    scripts = args.only or NUMERIC + OTHER
    started = time.perf_counter()

    env = dict(os.environ)
    variants = [("as set on this machine", env)]
    if any(env.get(k) for k in t.BLAS_VARIABLES):
        unset = {k: v for k, v in env.items() if k not in t.BLAS_VARIABLES}
        variants.append(("OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset", unset))

    sections: dict[str, list[dict]] = {}
    for script in scripts:
        runs = variants if script in NUMERIC else variants[:1]
        sections[script] = [run(script, e, extra) for _, e in runs]

    first = next(iter(sections.values()))[0]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`benchmarks/run_all.py`) on {date.today().isoformat()}"
        f"{' with --quick (smoke test, not evidence)' if args.quick else ''}; "
        f"{time.perf_counter() - started:.0f} s in all. Do not edit by hand.",
        "",
        "Every ratio is A/B for two things timed **side by side in one process**, interleaved "
        "round by round after a warm-up; each time is the **median** per call over the "
        "repeats given in each section (each repeat long enough to time reliably). Absolute "
        "times are only context: the machine is shared and noisy.",
        "",
        "**Machine**: " + t.describe(first["machine"]).replace("\n", "  \n"),
        "",
        "BLAS environment runs: " + "; ".join(label for label, _ in variants) + ".",
    ]
    updated: dict[str, list[str]] = {}
    for results in sections.values():
        lines += ["", f"## {results[0]['title']}", ""]
        start = len(lines)
        if args.only:  # this section may be merged into a file measured elsewhere
            lines += [
                f"Run on its own (`--only`) on {date.today().isoformat()}; machine: "
                + t.describe(results[0]["machine"]).replace("\n", "  \n"),
                "",
            ]
        rows = [r for res in results for r in res["rows"]]
        if rows:
            loads = ", ".join(str(res["machine"]["load_average"]) for res in results)
            lines.append(
                f"Median of {rows[0]['repeats']} runs after a warm-up. Load average (1, 5, 15 "
                f"min) when the script ended: {loads} on {first['machine']['cores']} cores."
            )
            lines += ["", *table(results)]
            for item, text in EXPLANATIONS.items():
                if any(r["item"] == item and r["met"] is False for r in rows):
                    lines += ["", f"**Goal missed — why.** {text}"]
        notes = dict.fromkeys(n for res in results for n in res["notes"])
        if notes:
            lines += [""] + [f"* {n}" for n in notes]
        if any("torch" in res["machine"] for res in results):
            lines += ["", f"* torch: {results[0]['machine']['torch']}"]
        updated[results[0]["title"]] = lines[start:]
    # Sections written by other scripts (benchmarks/student_resources.py, hub_load.py) stay.
    kept = kept_sections(args.output)
    if args.only and not args.quick and args.output.exists():
        text = args.output.read_text()
        for block in kept:
            text = text.replace(block, "")
        lines = merged(text, updated)
    args.output.write_text("\n".join(lines) + "\n" + "".join("\n" + block for block in kept))
    print(f"\nwrote {args.output} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
