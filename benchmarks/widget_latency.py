"""Widget latency in a real browser: from a slider's key press to the new plot in the page.

For every widget notebook (see ``tests/browser/labdriver.py``): open it in JupyterLab
(Debian's Chromium driven by Playwright), Run All, then nudge the learning-rate slider with
the keyboard ``--changes`` times (alternately right and left), first at the default settings,
then with the iterations (or epochs) slider at its maximum. Each change is timed in the
page's own clock, from the ``keydown`` event to the new PNG decoded in the Output widget, so
it covers the widget message to the kernel, the redraw, and the image's way back.

**The floor**, measured in the same run (first and again last, each time in a fresh kernel):
the same round trip through the same :class:`~backprop_lib.lessons.panels.Panel` with a
drawing function that draws nothing (an empty figure whose background alternates between two
whites, so that each PNG differs), from a small notebook written into the server's temporary
folder only. Every panel is reported as its median and its *excess* over the floor's median:
what its own drawing, rendering and larger image cost, which a busy machine hides less than
the median itself.

Prints the median, min and max per notebook and setting, and (when every widget notebook was
measured, or with ``--write``) writes them into the ``widget_latency`` section of
``benchmarks/RESULTS.md``, which ``make bench`` keeps. Goal: median ≤ 150 ms at the default
settings.

    .venv/bin/python -m benchmarks.widget_latency [--changes 12] [--write] [NN_name.ipynb ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks import _timing as t
from benchmarks._sections import RESULTS, write_section
from tests.browser import labdriver as lab_driver

GOAL_MS = 150.0
SECTION = "widget_latency"
#: The floor's notebook, written into the lab server's temporary copy of ``notebooks/`` only.
FLOOR_NOTEBOOK = "zz_latency_floor.ipynb"
#: Its size in inches: about the series' panel figures (9 × 3.4 to 13 × 3.9 in).
FLOOR_SIZE = (10.0, 3.6)
FLOOR_SOURCE = f'''\
import backprop_lib as bp
from matplotlib.figure import Figure

from backprop_lib.lessons.panels import Panel, iterations_slider, lr_slider

bp.use_style()


def draw_nothing(lr, iterations, fig=None):
    """The latency floor's drawing: an empty figure, only its background alternating between
    two whites so that every PNG differs from the last (the page waits for a new image)."""
    if fig is None:
        fig = Figure(figsize={FLOOR_SIZE!r})
    white = fig.get_facecolor()[0] == 1.0
    fig.patch.set_facecolor("#fefefe" if white else "#ffffff")
    return fig


Panel(
    draw_nothing, {{"lr": lr_slider(0.01, 1e-4, 1.0), "iterations": iterations_slider(20, 200)}}
)
'''


def floor_notebook() -> dict:
    """The floor's notebook (nbformat 4): one code cell (:data:`FLOOR_SOURCE`)."""
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "latency-floor",
                "metadata": {},
                "outputs": [],
                "source": FLOOR_SOURCE.splitlines(keepends=True),
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def slider_index(panel, pattern: str, default: int | None) -> int | None:
    for index, slider in enumerate(panel.sliders()):
        if re.search(pattern, slider.description, re.I):
            return index
    return default


def measure(panel, slider: int, changes: int) -> list[float]:
    """Time ``changes`` key presses, alternately right and left (left first at the maximum),
    so the slider stays next to its starting value; one untimed warm-up pair first."""
    keys = ["ArrowRight", "ArrowLeft"]
    if panel.at_max(slider):
        keys.reverse()
    for key in keys:
        panel.change(slider, lambda view, i, key=key: view.press(i, key))
    return [lab_driver.measure_change(panel, slider, keys[k % 2]) for k in range(changes)]


def measure_notebook(browser, lab, name: str, changes: int, floor: bool = False) -> list[dict]:
    """Open ``name``, run it, and time every panel in it: at the default settings and (for a
    panel with an iterations or epochs slider, not the floor) at that slider's maximum."""
    page = lab_driver.new_page(browser)
    try:
        problems = lab_driver.run_problems(lab_driver.open_and_run_all(page, lab, name))
        if problems:
            raise RuntimeError(f"{name}: the notebook did not run cleanly: {problems}")
        rows = []
        for number, panel in enumerate(lab_driver.panels(page), start=1):
            panel.wait_for_plot()
            lr = slider_index(panel, r"learning rate|\blr\b", 0)
            iterations = slider_index(panel, r"iteration|epoch|^steps$", None)
            settings = [("default", None)]
            if iterations is not None and not floor:
                settings.append(("max " + panel.sliders()[iterations].description, "End"))
            for label, key in settings:
                if key:
                    panel.change(iterations, lambda view, i, key=key: view.press(i, key))
                times = measure(panel, lr, changes)
                state = ", ".join(f"{s.description} = {s.readout}" for s in panel.sliders())
                rows.append(
                    {
                        "notebook": "floor" if floor else name,
                        "panel": number,
                        "setting": label,
                        "state": state,
                        "times": times,
                        "median": statistics.median(times),
                    }
                )
                print(
                    f"{rows[-1]['notebook']:32} {label:24} median {rows[-1]['median']:6.0f} ms"
                    f"  (min {min(times):.0f}, max {max(times):.0f}, n = {len(times)})"
                    f"  [{state}]",
                    flush=True,
                )
        return rows
    finally:
        page.close()
        lab.shutdown_kernels()


def section(rows: list[dict], floor: list[dict], info: dict) -> str:
    """The ``widget_latency`` section of RESULTS.md."""
    floor_times = [x for row in floor for x in row["times"]]
    floor_ms = statistics.median(floor_times)
    lines = [
        "## Widget latency in the browser (key press to new plot)",
        "",
        f"Written by `python -m benchmarks.widget_latency` on {info['date']}; "
        f"{info['seconds']:.0f} s. Machine: {info['machine']}; load average at start "
        f"{info['load_start']}, at the end {info['load_end']}.",
        "",
        "Each notebook opened in JupyterLab in headless Chromium (Playwright), Run All, then the "
        "learning-rate slider nudged with the keyboard, alternately right and left, "
        f"{info['changes']} timed changes after an untimed pair, in the page's own clock from "
        "the `keydown` to the new PNG decoded in the Output widget (the widget message, the "
        "kernel's redraw, the image's way back). **Floor**: the same round trip through the "
        "same `Panel` with a drawing function that draws nothing (an empty "
        f"{FLOOR_SIZE[0]:g} × {FLOOR_SIZE[1]:g} in figure), measured first and again last in "
        "the same run, each time in a fresh kernel. **Excess** = a panel's median minus the "
        "floor's median: what the panel's own drawing, rendering and larger image add.",
        "",
        f"**Floor: {floor_ms:.0f} ms** (median of {len(floor_times)} changes; "
        + ", ".join(
            f"{'first' if i == 0 else 'last'}: {row['median']:.0f} ms "
            f"(min {min(row['times']):.0f}, max {max(row['times']):.0f})"
            for i, row in enumerate(floor)
        )
        + ").",
        "",
        "| notebook | setting | median | excess over floor | min / max | goal ≤ "
        f"{GOAL_MS:.0f} ms at default | slider values |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        goal = ""
        if row["setting"] == "default":
            goal = "yes" if row["median"] <= GOAL_MS else "**no**"
        name = row["notebook"] + (f" (panel {row['panel']})" if row["panel"] > 1 else "")
        lines.append(
            f"| {name} | {row['setting']} | **{row['median']:.0f} ms** | "
            f"{row['median'] - floor_ms:+.0f} ms | {min(row['times']):.0f} / "
            f"{max(row['times']):.0f} ms | {goal} | {row['state']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="names in notebooks/ (default: all)")
    parser.add_argument("--changes", type=int, default=12, help="timed changes per setting")
    parser.add_argument("--dir", type=Path, default=lab_driver.NOTEBOOKS, help="notebook folder")
    parser.add_argument(
        "--write", action="store_true", help="write RESULTS.md even for a subset of notebooks"
    )
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    reason = lab_driver.unavailable_reason()
    if reason:
        print(f"cannot measure: {reason}")
        return 1
    from playwright.sync_api import sync_playwright

    names = args.notebooks or [path.name for path in lab_driver.widget_notebooks(args.dir)]
    started, load_start = time.monotonic(), [round(x, 2) for x in os.getloadavg()]
    rows, floor = [], []
    with lab_driver.LabServer(args.dir) as lab, sync_playwright() as playwright:
        (lab.root / "notebooks" / FLOOR_NOTEBOOK).write_text(json.dumps(floor_notebook()))
        browser = lab_driver.launch_chromium(playwright)
        floor += measure_notebook(browser, lab, FLOOR_NOTEBOOK, args.changes, floor=True)
        for name in names:
            rows += measure_notebook(browser, lab, name, args.changes)
        floor += measure_notebook(browser, lab, FLOOR_NOTEBOOK, args.changes, floor=True)
        browser.close()
    floor_ms = statistics.median(x for row in floor for x in row["times"])
    print(f"floor: {floor_ms:.0f} ms (median of both floor runs)")
    for row in rows:
        print(
            f"{row['notebook']:32} {row['setting']:24} median {row['median']:6.0f} ms"
            f"  excess {row['median'] - floor_ms:+5.0f} ms"
        )
    defaults = [row["median"] for row in rows if row["setting"] == "default"]
    if defaults:
        print(f"worst median at default settings: {max(defaults):.0f} ms (goal ≤ {GOAL_MS:.0f} ms)")
    machine = t.machine()
    info = {
        "date": date.today().isoformat(),
        "seconds": time.monotonic() - started,
        "machine": f"{machine['cpu']}, {machine['cores']} cores, {machine['system']}, "
        f"Python {machine['python']}",
        "load_start": load_start,
        "load_end": machine["load_average"],
        "changes": args.changes,
    }
    if args.json:
        args.json.write_text(json.dumps({"info": info, "floor": floor, "rows": rows}, indent=1))
    if not args.notebooks or args.write:
        write_section(SECTION, section(rows, floor, info))
        print(f"wrote its section of {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
