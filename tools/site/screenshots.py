"""Take the README's two pictures of the static site (`make site-screenshots`).

Builds the site into a temporary folder, serves it on 127.0.0.1, and takes in Chromium (the
browser tests' own launcher, every request to another host blocked):

* ``docs/screenshots/site_index.png``: the map of the series;
* ``docs/screenshots/site_notebook.png``: a notebook page at its widget panel's last
  drawing (the first notebook with one), with its "live in JupyterLab" line.

    python -m tools.site.screenshots [--notebooks notebooks] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.browser import labdriver
from tools.site import build_site

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=build_site.NOTEBOOKS)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    reason = labdriver.unavailable_reason()
    if reason:
        print(f"site screenshots: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="backprop-site-") as tmp:
        site = Path(tmp) / "site"
        build_site.build(site, args.notebooks)
        panel_page = next(
            (
                p.name
                for p in sorted(site.glob("[0-9][0-9]_*.html"))
                if 'class="bp-live-note"' in p.read_text()
            ),
            None,
        )
        with build_site.serve(site) as base, sync_playwright() as playwright:
            browser = labdriver.launch_chromium(playwright)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page = context.new_page()
            shots = [("site_index.png", "index.html", None)]
            if panel_page:
                shots.append(("site_notebook.png", panel_page, ".bp-live-note"))
            for filename, name, anchor in shots:
                page.goto(base + name, wait_until="load")
                page.wait_for_function("() => window.MathJax?.startup?.promise")
                page.evaluate("() => MathJax.startup.promise.then(() => true)")
                if anchor:  # the panel's drawing and the line under it, at the bottom
                    page.locator(anchor).first.evaluate("el => el.scrollIntoView({block: 'end'})")
                    page.evaluate("() => window.scrollBy(0, 40)")
                args.out.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out / filename))
                print(f"{args.out / filename}: {name}")
            context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
