"""Widget latency in a real browser: from a slider's key press to the new plot in the page.

For every widget notebook (see ``tests/browser/labdriver.py``): open it in JupyterLab
(Debian's Chromium driven by Playwright), Run All, then nudge the learning-rate slider with
the keyboard ``--changes`` times (alternately right and left), first at the default settings,
then with the iterations (or epochs) slider at its maximum. Each change is timed in the
page's own clock, from the ``keydown`` event to the new PNG decoded in the Output widget, so
it covers the widget message to the kernel, the redraw, and the image's way back.
Prints the median, min and max per notebook and setting. Goal: median ≤ 150 ms.

    .venv/bin/python -m benchmarks.widget_latency [--changes 12] [NN_name.ipynb ...]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from tests.browser import labdriver as lab_driver

GOAL_MS = 150.0


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="names in notebooks/ (default: all)")
    parser.add_argument("--changes", type=int, default=12, help="timed changes per setting")
    parser.add_argument("--dir", type=Path, default=lab_driver.NOTEBOOKS, help="notebook folder")
    args = parser.parse_args()
    reason = lab_driver.unavailable_reason()
    if reason:
        print(f"cannot measure: {reason}")
        return 1
    from playwright.sync_api import sync_playwright

    names = args.notebooks or [path.name for path in lab_driver.widget_notebooks(args.dir)]
    rows = []
    with lab_driver.LabServer(args.dir) as lab, sync_playwright() as playwright:
        browser = lab_driver.launch_chromium(playwright)
        for name in names:
            page = lab_driver.new_page(browser)
            problems = lab_driver.run_problems(lab_driver.open_and_run_all(page, lab, name))
            if problems:
                print(f"{name}: the notebook did not run cleanly: {problems}")
                return 1
            for panel in lab_driver.panels(page):
                panel.wait_for_plot()
                lr = slider_index(panel, r"learning rate|\blr\b", 0)
                iterations = slider_index(panel, r"iteration|epoch|^steps$", None)
                settings = [("default settings", None)]
                if iterations is not None:
                    settings.append(("max " + panel.sliders()[iterations].description, "End"))
                for label, key in settings:
                    if key:
                        panel.change(iterations, lambda view, i, key=key: view.press(i, key))
                    times = measure(panel, lr, args.changes)
                    state = ", ".join(f"{s.description} = {s.readout}" for s in panel.sliders())
                    rows.append((name, label, state, times))
                    print(
                        f"{name:32} {label:24} median {statistics.median(times):6.0f} ms"
                        f"  (min {min(times):.0f}, max {max(times):.0f}, n = {len(times)})"
                        f"  [{state}]",
                        flush=True,
                    )
            page.close()
            lab.shutdown_kernels()
        browser.close()
    worst = max(statistics.median(times) for *_, times in rows)
    print(f"worst median: {worst:.0f} ms (goal ≤ {GOAL_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
