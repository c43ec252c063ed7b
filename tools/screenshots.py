"""Take the README's screenshots (`make screenshots`): each widget notebook's panel, in
JupyterLab in Chromium, exactly as the browser tests drive it (tests/browser/labdriver.py).

Writes docs/screenshots/NN_name.png, one per widget notebook (its first panel: the sliders,
the status line and the plot at the notebook's default settings).

    .venv/bin/python -m tools.screenshots [NN_name.ipynb ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.browser import labdriver

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="names in notebooks/ (default: all)")
    args = parser.parse_args()
    reason = labdriver.unavailable_reason()
    if reason:
        print(f"cannot take screenshots: {reason}")
        return 1
    from playwright.sync_api import sync_playwright

    names = args.notebooks or [path.name for path in labdriver.widget_notebooks()]
    OUT.mkdir(parents=True, exist_ok=True)
    with labdriver.LabServer() as lab, sync_playwright() as playwright:
        browser = labdriver.launch_chromium(playwright)
        for name in names:
            page = labdriver.new_page(browser, width=1280, height=1400)
            problems = labdriver.run_problems(labdriver.open_and_run_all(page, lab, name))
            if problems:
                print(f"{name}: the notebook did not run cleanly: {problems}")
                return 1
            panel = labdriver.panels(page)[0]
            panel.wait_for_plot()
            panel.box.scroll_into_view_if_needed()
            target = OUT / (Path(name).stem + ".png")
            panel.box.screenshot(path=str(target), animations="disabled")
            print(f"{target.relative_to(ROOT)}", flush=True)
            page.close()
            lab.shutdown_kernels()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
