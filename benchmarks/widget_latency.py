"""Widget latency in a real browser: from a slider's key press to the new plot in the page.

For every widget notebook (see ``tests/browser/labdriver.py``): open it in JupyterLab
(Debian's Chromium driven by Playwright), Run All, then nudge the learning-rate slider with
the keyboard ``--changes`` times (alternately right and left, each press ``--settle`` seconds
after the last change was shown), first at the default settings, then with the iterations
(or epochs) slider at its maximum. Each change is timed in the
page's own clock, from the ``keydown`` event to the new PNG decoded in the Output widget, so
it covers the widget message to the kernel, the redraw, and the image's way back.

**The floor**, measured beside every panel: the same round trip through the same
:class:`~backprop_lib.lessons.panels.Panel` with a drawing function that draws nothing (an
empty figure whose background alternates between two whites, so that each PNG differs), from
a small notebook written into the server's temporary folder only, open in a page and kernel of
its own for the whole run. Each timed change of a panel is followed by one of the floor, so
both see the same load; every panel is reported as its median and its *excess* over the
median of the floor's changes interleaved with it: what its own drawing, rendering and larger
image cost, which a busy machine's bursts hide less than the median itself.

Prints the median, min and max per notebook and setting, and (when every widget notebook was
measured, or with ``--write``) writes them into the ``widget_latency`` section of
``benchmarks/RESULTS.md``, which ``make bench`` keeps. Goal: median ≤ 150 ms at the default
settings.

    .venv/bin/python -m benchmarks.widget_latency [--changes 12] [--settle 0.2] [--write]
        [NN_name.ipynb ...]
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
#: Seconds between a change shown and the next key press: a learner looks at the new plot
#: before moving a slider again. Pressed back to back (``--settle 0``), a change waits for
#: the kernel to finish with the last one: about 30 ms more, measured on the floor.
SETTLE_S = 0.2
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


def keys_for(panel, slider: int) -> list[str]:
    """ArrowRight then ArrowLeft (the other way round at the slider's maximum), so the slider
    stays next to its starting value."""
    keys = ["ArrowRight", "ArrowLeft"]
    return keys[::-1] if panel.at_max(slider) else keys


def fresh_value(base: float, k: int) -> str:
    """The ``k``-th value typed into a slider starting at ``base``: 0.3 % apart, alternately
    above and below it (1.003, 0.997, 1.006, … times ``base``), none drawn before."""
    step = 0.003 * (k // 2 + 1)
    return f"{base * (1 + step if k % 2 == 0 else 1 - step):.6g}"


def measure_typed(panel, slider: int, text: str, timeout_s: float = 60.0) -> float:
    """Type ``text`` into slider number ``slider``'s readout, then time from the Enter key's
    press to the new plot decoded in the page (milliseconds), as
    :func:`tests.browser.labdriver.measure_change` does for a key on the handle."""
    page = panel.page
    readout = panel.slider_boxes.nth(slider).locator(".widget-readout").first
    readout.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)
    old_status = panel.status_text()
    page.evaluate(lab_driver._ARM_LATENCY_JS, [panel.box.element_handle()])
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => window.__bpLatency.end !== null", timeout=timeout_s * 1000, polling=20
    )
    latency = page.evaluate("() => window.__bpLatency")
    page.wait_for_function(
        "([status, old]) => status.innerText.split(/\\s+/).join(' ').trim() !== old",
        arg=[panel.status.element_handle(), old_status],
    )
    return latency["end"] - latency["start"]


class Changes:
    """The timed changes of one slider: ``revisit`` presses ArrowRight and ArrowLeft in turn
    (two values, so a drawing that remembers its runs redraws a remembered one); otherwise
    every change types a value not drawn before (:func:`fresh_value`), so every change
    trains and draws afresh."""

    def __init__(self, panel, slider: int, revisit: bool, base: float | None = None):
        self.panel, self.slider, self.revisit = panel, slider, revisit
        self.keys = keys_for(panel, slider)
        self.base = float(panel.sliders()[slider].readout) if base is None else base

    def warm_up(self) -> None:
        """One untimed change away and one back (to ``base``)."""
        if self.revisit:
            for key in self.keys:
                self.panel.change(self.slider, lambda view, i, key=key: view.press(i, key))
        else:
            for text in (f"{self.base * 1.05:.6g}", f"{self.base:.6g}"):
                self.panel.change(self.slider, lambda view, i, t=text: view.type_readout(i, t))

    def measure(self, k: int) -> float:
        if self.revisit:
            return lab_driver.measure_change(self.panel, self.slider, self.keys[k % 2])
        return measure_typed(self.panel, self.slider, fresh_value(self.base, k))


def open_panels(browser, lab, name: str):
    """Open ``name`` in a new page, run it, and return (page, its panels) once drawn."""
    page = lab_driver.new_page(browser)
    problems = lab_driver.run_problems(lab_driver.open_and_run_all(page, lab, name))
    if problems:
        page.close()
        raise RuntimeError(f"{name}: the notebook did not run cleanly: {problems}")
    views = lab_driver.panels(page)
    for view in views:
        view.wait_for_plot()
    return page, views


def measure_notebook(
    browser, lab, name: str, floor, changes: int, settle: float, revisit: bool
) -> list[dict]:
    """Open ``name``, run it, and time every panel in it at the default settings and (for a
    panel with an iterations or epochs slider) at that slider's maximum: ``changes`` changes
    of its learning-rate slider (:class:`Changes`), each followed by one of the floor's slider
    (the floor's page stays open beside it), so that the floor is measured under the same
    load as the panel. Each change comes ``settle`` seconds after the last was shown."""
    kernels = {kernel["id"] for kernel in lab.api("GET", "/api/kernels")}
    page, views = open_panels(browser, lab, name)
    try:
        rows = []
        for number, panel in enumerate(views, start=1):
            lr = slider_index(panel, r"learning rate|\blr\b", 0)
            iterations = slider_index(panel, r"iteration|epoch|^steps$", None)
            settings = [("default", None)]
            default_lr = float(panel.sliders()[lr].readout)
            if iterations is not None:
                settings.append(("max " + panel.sliders()[iterations].description, "End"))
            for label, key in settings:
                if key:
                    # Back to the default learning rate first: the iterations change trains at
                    # the rate it finds, which would otherwise be the last timed value, and the
                    # timed changes that follow would find that run remembered.
                    text = f"{default_lr:.6g}"
                    if panel.sliders()[lr].readout != text:
                        panel.change(lr, lambda view, i, t=text: view.type_readout(i, t))
                    panel.change(iterations, lambda view, i, key=key: view.press(i, key))
                panel_changes = Changes(panel, lr, revisit, default_lr)
                floor_changes = Changes(floor, 0, revisit)
                panel_changes.warm_up()
                floor_changes.warm_up()
                state = ", ".join(f"{s.description} = {s.readout}" for s in panel.sliders())
                times, floor_times = [], []
                for k in range(changes):
                    page.bring_to_front()
                    time.sleep(settle)
                    times.append(panel_changes.measure(k))
                    floor.page.bring_to_front()
                    time.sleep(settle)
                    floor_times.append(floor_changes.measure(k))
                row = {
                    "notebook": name,
                    "panel": number,
                    "setting": label,
                    "state": state,
                    "times": times,
                    "median": statistics.median(times),
                    "floor_times": floor_times,
                    "floor": statistics.median(floor_times),
                }
                row["excess"] = row["median"] - row["floor"]
                rows.append(row)
                print(
                    f"{name:32} {label:24} median {row['median']:6.0f} ms"
                    f"  (min {min(times):.0f}, max {max(times):.0f}, n = {len(times)})"
                    f"  floor {row['floor']:4.0f} ms  excess {row['excess']:+5.0f} ms"
                    f"  [{state}]",
                    flush=True,
                )
        return rows
    finally:
        page.close()
        for kernel in lab.api("GET", "/api/kernels"):  # this notebook's kernel, not the floor's
            if kernel["id"] not in kernels:
                lab.api("DELETE", f"/api/kernels/{kernel['id']}")


def section(rows: list[dict], info: dict) -> str:
    """The ``widget_latency`` section of RESULTS.md."""
    floor_times = [x for row in rows for x in row["floor_times"]]
    lines = [
        "## Widget latency in the browser (key press to new plot)",
        "",
        f"Written by `python -m benchmarks.widget_latency` on {info['date']}; "
        f"{info['seconds']:.0f} s. Machine: {info['machine']}; load average at start "
        f"{info['load_start']}, at the end {info['load_end']}.",
        "",
        "Each notebook opened in JupyterLab in headless Chromium (Playwright), Run All, then "
        f"{info['changes']} timed changes of the learning-rate slider after an untimed pair: "
        + (
            "the handle nudged with the keyboard, alternately right and left (two values, so "
            "a drawing that remembers its runs redraws a remembered one)"
            if info["revisit"]
            else "each a value not drawn before typed into its readout (0.3 % steps around "
            "the default, alternately above and below), so every change trains and draws afresh"
        )
        + f", each {info['settle']:g} s after the last change was shown (a learner looks at "
        "the plot before the next change), timed in the page's own clock from "
        "the `keydown` (of Enter, or of the arrow key) to the new PNG decoded in the Output "
        "widget (the widget message, the "
        "kernel's redraw, the image's way back). **Floor**: the same round trip through the "
        "same `Panel` with a drawing function that draws nothing (an empty "
        f"{FLOOR_SIZE[0]:g} × {FLOOR_SIZE[1]:g} in figure whose background alternates between "
        "two whites), in a page and kernel of its own open beside the notebook's; each timed "
        "change of a panel is followed by one of the floor, so both are measured under the "
        "same load. **Excess** = the panel's median minus the floor's median over the changes "
        "interleaved with it: what the panel's own drawing, rendering and larger image add. "
        "The same again with the iterations (or epochs) slider at its maximum, moved there "
        "from the default learning rate (so that no timed value was trained at the maximum "
        "before).",
        "",
        f"**Floor: {statistics.median(floor_times):.0f} ms** (median of all its "
        f"{len(floor_times)} changes; min {min(floor_times):.0f}, max {max(floor_times):.0f}).",
        "",
        f"| notebook | setting | median | floor beside it | excess over the floor | min / max "
        f"| goal ≤ {GOAL_MS:.0f} ms at default | slider values |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        goal = ""
        if row["setting"] == "default":
            goal = "yes" if row["median"] <= GOAL_MS else "**no**"
        name = row["notebook"] + (f" (panel {row['panel']})" if row["panel"] > 1 else "")
        lines.append(
            f"| {name} | {row['setting']} | **{row['median']:.0f} ms** | {row['floor']:.0f} ms | "
            f"{row['excess']:+.0f} ms | {min(row['times']):.0f} / {max(row['times']):.0f} ms | "
            f"{goal} | {row['state']} |"
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
    parser.add_argument(
        "--settle",
        type=float,
        default=SETTLE_S,
        help="seconds between a change shown and the next key press (default %(default)s)",
    )
    parser.add_argument(
        "--revisit",
        action="store_true",
        help="press ArrowRight/ArrowLeft in turn (two values) instead of typing new values",
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
    rows = []
    with lab_driver.LabServer(args.dir) as lab, sync_playwright() as playwright:
        (lab.root / "notebooks" / FLOOR_NOTEBOOK).write_text(json.dumps(floor_notebook()))
        browser = lab_driver.launch_chromium(playwright)
        floor_page, (floor,) = open_panels(browser, lab, FLOOR_NOTEBOOK)
        for name in names:
            rows += measure_notebook(
                browser, lab, name, floor, args.changes, args.settle, args.revisit
            )
        floor_page.close()
        browser.close()
    floor_ms = statistics.median(x for row in rows for x in row["floor_times"])
    print(f"floor: {floor_ms:.0f} ms (median of all its changes, interleaved with the panels')")
    defaults = [row for row in rows if row["setting"] == "default"]
    if defaults:
        worst = max(defaults, key=lambda row: row["median"])
        print(
            f"worst median at default settings: {worst['median']:.0f} ms, {worst['notebook']} "
            f"(goal ≤ {GOAL_MS:.0f} ms); largest excess {max(r['excess'] for r in defaults):+.0f} ms"
        )
    machine = t.machine()
    info = {
        "date": date.today().isoformat(),
        "seconds": time.monotonic() - started,
        "machine": f"{machine['cpu']}, {machine['cores']} cores, {machine['system']}, "
        f"Python {machine['python']}",
        "load_start": load_start,
        "load_end": machine["load_average"],
        "changes": args.changes,
        "settle": args.settle,
        "revisit": args.revisit,
    }
    if args.json:
        args.json.write_text(json.dumps({"info": info, "rows": rows}, indent=1))
    if not args.notebooks or args.write:
        write_section(SECTION, section(rows, info))
        print(f"wrote its section of {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
