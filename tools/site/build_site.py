"""Build the static site of the series from the notebooks as stored (`make site`).

    python -m tools.site.build_site [--out site] [--notebooks notebooks] [--without-solutions]

Nothing is executed: every page shows the notebook's stored text, math, code and outputs,
converted by nbconvert's HTMLExporter with this folder's ``series`` template (JupyterLab's
``lab`` template with everything it would fetch from a CDN removed or made local). The site
works with no network: math is typeset by the copy of MathJax that ``make`` installs from the
npm registry (``tools/site/package.json``), copied into ``<out>/mathjax/``.

What the builder adds to a plain nbconvert export:

* ``index.html``: the map of the series, one row per ``NN_*.ipynb``: its number, its title
  (the first cell's ``#`` heading), a one-line summary (the first sentence of the first
  cell's first paragraph that is not a heading or the ←/→ navigation line) and the time
  ``tools/estimate_times.py`` estimates for it;
* on every page, links to the previous and next notebooks, to the map, and to a copy of the
  ``.ipynb`` (in ``<out>/notebooks/``); links between notebooks point to their pages; a link
  to another file of the repository points to that file in the repository
  (``[project.urls] Repository`` in pyproject.toml);
* a widget panel (an ``application/vnd.jupyter.widget-view+json`` output) is replaced by
  its last drawing, taken from the widget state stored in the notebook's metadata (the
  Output widget's PNG), and a line saying the panel is live in JupyterLab;
* alt text: a code cell whose outputs include an image must start with a line
  ``#| alt: <one sentence describing the figure>``; every image the cell outputs gets that
  sentence as its ``alt``, and the line is left out of the code shown. A cell that outputs
  an image without one stops the build with an error naming the notebook and the cell;
* a cell tagged ``solution`` is folded (``<details>``), or left out with
  ``--without-solutions``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import html
import re
import shutil
import sys
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from tools import estimate_times

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

NOTEBOOKS = ROOT / "notebooks"
#: Where `make` installs MathJax (npm ci of tools/site/package-lock.json).
MATHJAX = ROOT / ".cache" / "site-npm" / "node_modules" / "mathjax"
#: What of MathJax's es5/ build the pages use: the TeX-to-HTML component with every TeX
#: extension, its fonts, and what its menu may load on request (accessibility, speech).
MATHJAX_PARTS = ("tex-chtml-full.js", "output/chtml/fonts/woff-v2", "a11y", "sre", "ui")
ALT_LINE = re.compile(r"^#\|\s*alt:\s*(.*?)\s*$")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MARKER = ".backprop-site"  # marks a folder this script built, so a rebuild may empty it
LICENCE = (
    "The text and figures of the backprop-notebooks series are licensed under "
    '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>; its code under the '
    "MIT licence."
)
FOOTER = (
    f"{LICENCE} This page shows the notebook as stored; to run it and move its sliders, "
    "open it in JupyterLab."
)


class SiteError(Exception):
    """A notebook the site cannot be built from, with what to fix and where."""


@dataclass
class Entry:
    """One notebook of the series: where it is, and what the map says about it."""

    path: Path
    number: str
    title: str
    summary: str
    minutes: int

    @property
    def page(self) -> str:
        return self.path.with_suffix(".html").name

    @property
    def label(self) -> str:
        return f"{self.number} – {self.title}"


def _source(cell) -> str:
    return "".join(cell.source) if isinstance(cell.source, list) else cell.source


def read_entry(path: Path) -> Entry:
    """Number, title and one-line summary from the notebook's first cell."""
    cells = nbformat.read(path, as_version=4).cells
    first = _source(cells[0]) if cells and cells[0].cell_type == "markdown" else ""
    heading = re.search(r"^#\s+(.+?)\s*$", first, re.M)
    if heading is None:
        raise SiteError(f"{path.name}, cell 1: the first cell must be Markdown with a '# ' title")
    match = re.match(r"(\d\d)\s*[–—-]\s*(.+)", heading.group(1))
    number, title = (match.group(1), match.group(2)) if match else (path.name[:2], heading.group(1))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", first)]
    # Prose only: no headings, no navigation (arrows), no time line under the title (such as
    # "*About 30 minutes.*" or "*About 60 minutes* (how the times are estimated: ...)").
    prose = [
        p
        for p in paragraphs
        if p
        and not p.startswith("#")
        and not re.search("[←→]", p)
        and not re.match(r"[*_]?(About|Time)\b[^.]*\bminutes\b", p)
    ]
    if not prose:
        raise SiteError(f"{path.name}, cell 1: no paragraph to summarise the notebook with")
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z*_(])", _outside_math(prose[0]))[0]
    summary = prose[0][: len(sentence)]
    return Entry(path, number, title, summary, estimate_times.estimate(path).minutes)


def _outside_math(text: str) -> str:
    """``text`` with every ``$…$`` span blanked (same length), so no sentence ends inside math."""
    return re.sub(r"\$[^$]*\$", lambda m: "$" + " " * (len(m.group(0)) - 2) + "$", text)


class WidgetSnapshots(Preprocessor):
    """Replace each widget panel by its last drawing (the Output widget's stored PNG) and a
    line saying it is live in JupyterLab, from the widget state in the notebook's metadata."""

    def preprocess(self, nb, resources):
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        name = resources["site"]["notebook"]
        for number, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            outputs = []
            for output in cell.get("outputs", []):
                view = output.get("data", {}).get(WIDGET_VIEW)
                if view is None:
                    outputs.append(output)
                    continue
                images, status = self._last_drawing(state, view["model_id"])
                if not images:
                    raise SiteError(
                        f"{name}, cell {number}: the widget panel has no stored drawing in the "
                        "notebook's widget state; re-execute the notebook with "
                        "tools/run_notebooks.py (it stores the widget state)"
                    )
                outputs.extend(images)
                outputs.append(_live_note(status))
            cell.outputs = outputs
        nb.metadata.pop("widgets", None)  # nothing left for a widget manager to render
        return nb, resources

    @staticmethod
    def _last_drawing(state: dict, model_id: str):
        """The images shown by the Output widgets under ``model_id``, and the panel's status
        line ("drawn with …"), or the sliders' values when it has none."""
        images, status, controls, seen = [], None, [], set()

        def visit(key: str) -> None:
            if key in seen or key not in state:
                return
            seen.add(key)
            model = state[key]
            values = model.get("state", {})
            if model.get("model_name") == "OutputModel":
                for output in values.get("outputs", []):
                    if any(kind in output.get("data", {}) for kind in IMAGE_TYPES):
                        images.append(nbformat.from_dict(copy.deepcopy(output)))
            elif "bp-panel-status" in values.get("_dom_classes", []):
                nonlocal status
                status = re.sub(r"<[^>]+>", "", values.get("value", "")).strip()
            elif values.get("description") and "value" in values:
                controls.append(f"{values['description']} = {values['value']}")
            for value in values.values():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str) and item.startswith("IPY_MODEL_"):
                        visit(item.removeprefix("IPY_MODEL_"))

        visit(model_id)
        if status is None and controls:
            status = "drawn with " + ", ".join(controls)
        return images, status


def _live_note(status: str | None):
    drawn = f" ({html.escape(status)})" if status else ""
    text = (
        '<div class="bp-live-note"><p><strong>A live panel in JupyterLab.</strong> '
        f"This is its last drawing{drawn}. In JupyterLab (<code>make lab</code>, or Binder) "
        "its sliders retrain and redraw the plot.</p></div>"
    )
    return nbformat.v4.new_output("display_data", data={"text/html": text})


class AltText(Preprocessor):
    """Give every image a code cell outputs the cell's ``#| alt:`` sentence; stop the build
    (naming the notebook and cell) when a cell that outputs an image has none."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        name = resources["site"]["notebook"]
        lines = _source(cell).splitlines()
        header = []  # the cell's leading comment lines, where the alt line belongs
        for line in lines:
            if not line.startswith("#"):
                break
            header.append(line)
        alts = [m.group(1) for m in map(ALT_LINE.match, header) if m]
        stray = [line for line in lines[len(header) :] if ALT_LINE.match(line)]
        where = f"{name}, cell {index + 1} (code cell starting {lines[0][:60]!r})" if lines else ""
        if stray:
            raise SiteError(f"{where}: the '#| alt:' line must be among the cell's first lines")
        if len(alts) > 1 or (alts and not alts[0]):
            raise SiteError(f"{where}: one '#| alt: <sentence>' line, with a sentence, please")
        images = [o for o in cell.get("outputs", []) if set(o.get("data", {})) & set(IMAGE_TYPES)]
        if images and not alts:
            raise SiteError(
                f"{where}: it outputs {len(images)} image(s) but has no alt text. Start the "
                "cell with a line '#| alt: <one sentence describing the figure>'"
            )
        for output in images:
            output.setdefault("metadata", {})["alt"] = alts[0]
        if alts:
            cell.source = "\n".join(line for line in lines if not ALT_LINE.match(line))
        return cell, resources


def repository_url() -> str | None:
    """The repository's address, from pyproject.toml's ``[project.urls] Repository``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project.get("urls", {}).get("Repository")


class Links:
    """Rewrites the links and image sources of a converted notebook for the site."""

    def __init__(self, entries: list[Entry], notebooks: Path, repo_url: str | None):
        self.pages = {entry.path.name: entry.page for entry in entries}
        self.notebooks, self.repo_url = notebooks.resolve(), repo_url
        self.root = self.notebooks.parent  # the repository (notebooks/ is at its top)

    def __call__(self, page: str, name: str) -> str:
        def rewrite(match: re.Match) -> str:
            if "data-bp-site" in match.group(1):  # the template's own navigation
                return match.group(0)
            url = self.target(html.unescape(match.group(2)), name)
            return f'{match.group(1)}="{html.escape(url)}"'

        return re.sub(r'(<a\b[^>]*?\shref|<img\b[^>]*?\ssrc)="([^"]*)"', rewrite, page)

    def target(self, url: str, name: str) -> str:
        parts = urlsplit(url)
        if parts.scheme or url.startswith(("#", "//")) or not parts.path:
            return url
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        file = Path(parts.path).name
        if file in self.pages and (self.notebooks / parts.path).resolve().parent == (
            self.notebooks.resolve()
        ):
            return self.pages[file] + fragment
        source = (self.notebooks / parts.path).resolve()
        if not source.exists():
            raise SiteError(f"{name}: the link {url!r} points to nothing ({parts.path} not found)")
        try:
            relative = source.relative_to(self.root)
        except ValueError:
            raise SiteError(f"{name}: the link {url!r} leaves the repository") from None
        if self.repo_url is None:
            raise SiteError(
                f"{name}: the link {url!r} points to a file of the repository; set "
                "[project.urls] Repository in pyproject.toml so the site can link to it"
            )
        return f"{self.repo_url.rstrip('/')}/blob/HEAD/{relative.as_posix()}{fragment}"


def exporter() -> HTMLExporter:
    return HTMLExporter(
        extra_template_basedirs=[str(HERE / "templates")],
        template_name="series",
        theme="light",
    )


def copy_mathjax(mathjax: Path, out: Path) -> None:
    es5 = mathjax / "es5"
    if not (es5 / MATHJAX_PARTS[0]).is_file():
        raise SiteError(
            f"MathJax is not installed at {mathjax}: `make site` installs it (npm ci of "
            "tools/site/package-lock.json into .cache/site-npm)"
        )
    for part in MATHJAX_PARTS:
        source, target = es5 / part, out / "mathjax" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    shutil.copy2(mathjax / "LICENSE", out / "mathjax" / "LICENSE")


def prepare(out: Path) -> None:
    """Empty ``out`` if this script built it before; refuse any other non-empty folder."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SiteError(f"{out} exists and was not built by this script: not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("built by tools/site/build_site.py; rebuilt by `make site`\n")


def notebook_page(entries, i, links, with_solutions: bool) -> str:
    entry = entries[i]
    notebook = nbformat.read(entry.path, as_version=4)
    notebook.metadata["title"] = entry.label
    site = {
        "notebook": entry.path.name,
        "mathjax": "mathjax/tex-chtml-full.js",
        "index": "index.html",
        "download": f"notebooks/{entry.path.name}",
        "prev": _nav(entries[i - 1]) if i > 0 else None,
        "next": _nav(entries[i + 1]) if i + 1 < len(entries) else None,
        "footer": FOOTER,
    }
    resources = {"site": site, "metadata": {"name": entry.label}}
    steps = [WidgetSnapshots(), AltText()]
    if not with_solutions:
        steps.insert(0, TagRemovePreprocessor(remove_cell_tags={"solution"}))
    for step in steps:
        notebook, resources = step.preprocess(notebook, resources)
    body, _ = exporter().from_notebook_node(notebook, resources=resources)
    return links(body, entry.path.name)


def _nav(entry: Entry) -> dict:
    return {"href": entry.page, "label": entry.label}


def index_page(entries: list[Entry]) -> str:
    rows = "\n".join(
        f"| {e.number} | [{e.title}]({e.page}) | {e.summary} | about {e.minutes} min |"
        for e in entries
    )
    text = f"""# backprop-notebooks: backpropagation, step by step

A series of Jupyter notebooks that takes you from the chain rule on one weight to
backpropagation in matrix form. Every formula is derived with sympy, computed with the series'
small library, and checked against it. These pages show each notebook as it is stored, with
its outputs; the widget panels appear as their last drawing. To run the code and move the
sliders, open the notebooks in JupyterLab (`make lab` in a clone of the repository, or
Binder).

## The map of the series

| # | notebook | what it is about | time |
|---|---|---|---|
{rows}

The times are estimates from what each notebook holds (words, equations, code, figures,
panels and exercises, each charged a fixed time), not measurements with learners.
"""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    notebook.metadata["title"] = "backprop-notebooks: the series"
    site = {"mathjax": "mathjax/tex-chtml-full.js", "footer": LICENCE}
    body, _ = exporter().from_notebook_node(notebook, resources={"site": site})
    return body


def check_local(page: str, name: str) -> None:
    """No page may load anything from another host (the site must work offline)."""
    for tag, url in re.findall(
        r"<(script|link|img|iframe|source|video|audio)\b[^>]*?\s(?:src|href)=\"([^\"]*)\"", page
    ):
        if urlsplit(url).scheme not in ("", "data") or url.startswith("//"):
            raise SiteError(f"{name}: <{tag}> loads {url!r} from another host")


def build(
    out: Path,
    notebooks: Path = NOTEBOOKS,
    mathjax: Path = MATHJAX,
    with_solutions: bool = True,
) -> list[Path]:
    """Build the site into ``out``; returns the pages written (index first)."""
    paths = sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise SiteError(f"no NN_*.ipynb notebooks in {notebooks}")
    entries = [read_entry(path) for path in paths]
    links = Links(entries, notebooks, repository_url())
    pages = {"index.html": index_page(entries)}
    for i, entry in enumerate(entries):
        pages[entry.page] = notebook_page(entries, i, links, with_solutions)
    for name, page in pages.items():
        check_local(page, name)
    prepare(out)
    copy_mathjax(mathjax, out)
    (out / "notebooks").mkdir()
    for entry in entries:
        shutil.copy2(entry.path, out / "notebooks" / entry.path.name)
    written = []
    for name, page in pages.items():
        (out / name).write_text(page, encoding="utf-8")
        written.append(out / name)
    return written


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # the requests are not worth a log line
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base address
    (``http://127.0.0.1:PORT/``) and stops the server when the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS)
    parser.add_argument("--mathjax", type=Path, default=MATHJAX)
    parser.add_argument(
        "--without-solutions", action="store_true", help="leave out cells tagged 'solution'"
    )
    args = parser.parse_args()
    try:
        pages = build(args.out, args.notebooks, args.mathjax, not args.without_solutions)
    except SiteError as error:
        print(f"make site: {error}", file=sys.stderr)
        return 1
    print(f"{len(pages)} pages in {args.out} (open {args.out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
