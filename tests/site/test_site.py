"""The static site (`make site`): built from the notebooks as stored into a temporary folder,
served on 127.0.0.1, and read in Chromium with every request to another host blocked.

The builder's rules are checked without a browser (alt text required, widget panels shown as
their stored drawing, no page loading anything from another host); the pages themselves in
Chromium: each loads, MathJax has typeset every formula (no TeX left in the visible text),
every image has loaded and has alt text, and every link within the site resolves.

Without Chromium or playwright the browser test is skipped with a one-line reason, and so are
all of them without MathJax (``make test`` installs it); with BACKPROP_REQUIRE_BROWSER=1 (as
.ci/run sets) each of these is a failure instead. BACKPROP_SITE_NOTEBOOKS=<folder> builds
from another folder of notebooks (to try the test on a copy).
"""

from __future__ import annotations

import base64
import html
import html.parser
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import nbformat
import pytest

from tests.browser import labdriver
from tools.site import build_site

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = Path(os.environ.get("BACKPROP_SITE_NOTEBOOKS", ROOT / "notebooks"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: A 1x1 PNG, for notebooks made up in the tests.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf000000030101001867dd8f0000000049454e44ae426082"
    )
).decode()


def _unavailable(reason: str) -> None:
    if labdriver.browser_required():
        pytest.fail(f"{reason}; {labdriver.REQUIRE_ENV}=1 requires the site tests", False)
    pytest.skip(f"site tests: {reason}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site built from NOTEBOOKS into a temporary folder."""
    if not (build_site.MATHJAX / "es5" / "tex-chtml-full.js").is_file():
        _unavailable(f"MathJax is not installed in {build_site.MATHJAX} (make site installs it)")
    out = tmp_path_factory.mktemp("site") / "site"
    build_site.build(out, NOTEBOOKS)
    return out


@pytest.fixture(scope="module")
def served(site):
    with build_site.serve(site) as base:
        yield base


def series() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def pages() -> list[str]:
    return ["index.html"] + [path.with_suffix(".html").name for path in series()]


# -- the builder, without a browser ------------------------------------------------------


class Tags(html.parser.HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **where) -> list[dict]:
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(k) == v for k, v in where.items())
        ]


def test_the_index_maps_every_notebook_in_order(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    rows = [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", index, re.S)
        if re.search(r'href="\d\d_\w+\.html"', row)
    ]
    linked = re.findall(r'<td[^>]*><a href="(\d\d_\w+\.html)"', index)
    assert linked == pages()[1:]
    for row, path in zip(rows, series(), strict=True):
        entry = build_site.read_entry(path)
        number, title, summary, time = row
        assert (number, title) == (entry.number, entry.title)
        assert len(summary.split()) >= 5, f"{path.name}: a summary of a few words at least"
        assert time == f"about {entry.minutes} min"


def test_each_page_links_to_its_neighbours_the_map_and_its_notebook(site):
    names = pages()[1:]
    for i, name in enumerate(names):
        tags = Tags((site / name).read_text(encoding="utf-8"))
        prev = {a["href"] for a in tags.find("a", rel="prev")}
        following = {a["href"] for a in tags.find("a", rel="next")}
        assert prev == ({names[i - 1]} if i else set()), name
        assert following == ({names[i + 1]} if i + 1 < len(names) else set()), name
        hrefs = {a.get("href") for a in tags.find("a")}
        assert "index.html" in hrefs
        assert f"notebooks/{Path(name).with_suffix('.ipynb').name}" in hrefs
        assert (site / "notebooks" / Path(name).with_suffix(".ipynb").name).is_file()


def test_no_page_loads_anything_from_another_host(site):
    for name in pages():
        for tag, attrs in Tags((site / name).read_text(encoding="utf-8")).tags:
            for key in ("src", "href") if tag != "a" else ():
                url = attrs.get(key) or ""
                assert urlsplit(url).scheme in ("", "data") and not url.startswith("//"), (
                    f"{name}: <{tag} {key}={url!r}>"
                )


def test_every_widget_panel_is_shown_as_its_stored_drawing(site):
    for path in series():
        notebook = nbformat.read(path, as_version=4)
        panels = [
            o
            for c in notebook.cells
            for o in c.get("outputs", [])
            if WIDGET_VIEW in o.get("data", {})
        ]
        page = (site / path.with_suffix(".html").name).read_text(encoding="utf-8")
        assert page.count('class="bp-live-note"') == len(panels), path.name
        assert "application/vnd.jupyter.widget" not in page, path.name
        state = notebook.metadata.get("widgets", {}).get(build_site.WIDGET_STATE, {})
        for model in state.get("state", {}).values():
            if model["model_name"] == "OutputModel":
                for output in model["state"].get("outputs", []):
                    if "image/png" in output.get("data", {}):
                        assert output["data"]["image/png"].strip() in page, path.name


def write_notebook(folder: Path, name: str, *cells, metadata=None) -> Path:
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# {name[:2]} – A title\n\nOne sentence. Two."),
            *cells,
        ],
        metadata=metadata or {},
    )
    path = folder / name
    nbformat.write(notebook, path)
    return path


def figure_cell(source: str):
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG})]
    return cell


def test_a_figure_without_alt_text_stops_the_build_naming_the_cell(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks, "00_a.ipynb", figure_cell("#| alt: A dot.\nplot()"))
    write_notebook(notebooks, "01_b.ipynb", figure_cell("x = 1"), figure_cell("plot()"))
    with pytest.raises(build_site.SiteError, match=r"01_b\.ipynb, cell 2 .*no alt text"):
        build_site.build(tmp_path / "site", notebooks, mathjax=tmp_path / "no-mathjax")
    assert not (tmp_path / "site").exists()  # nothing written


def test_the_alt_line_becomes_the_alt_of_every_image_of_its_cell(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    cell = figure_cell("# NBVAL_IGNORE_OUTPUT\n#| alt: A red dot on white.\nplot()")
    cell.outputs.append(cell.outputs[0])
    path = write_notebook(notebooks, "00_a.ipynb", cell)
    entries = [build_site.read_entry(path)]
    links = build_site.Links(entries, notebooks, None)
    page = build_site.notebook_page(entries, 0, links, with_solutions=True)
    assert page.count('alt="A red dot on white."') == 2
    assert "#| alt" not in page and "NBVAL_IGNORE_OUTPUT" in page


def test_a_panel_becomes_its_last_drawing_and_a_live_note(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()

    def model(name, **state):
        return {"model_name": name, "state": state}

    state = {
        "box": model(
            "VBoxModel", children=["IPY_MODEL_slider", "IPY_MODEL_status", "IPY_MODEL_out"]
        ),
        "slider": model("FloatSliderModel", description="learning rate", value=0.5),
        "status": model(
            "HTMLModel",
            _dom_classes=["bp-panel-status"],
            value="<small>drawn with lr = 0.5</small>",
        ),
        "out": model(
            "OutputModel",
            outputs=[{"output_type": "display_data", "data": {"image/png": PNG}, "metadata": {}}],
        ),
    }
    cell = nbformat.v4.new_code_cell("#| alt: The loss falls.\nbp.widgets.a_panel()")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data={WIDGET_VIEW: {"model_id": "box"}})
    ]
    metadata = {"widgets": {build_site.WIDGET_STATE: {"state": state}}}
    path = write_notebook(notebooks, "00_a.ipynb", cell, metadata=metadata)
    entries = [build_site.read_entry(path)]
    page = build_site.notebook_page(entries, 0, build_site.Links(entries, notebooks, None), True)
    assert f'src="data:image/png;base64,{PNG}"' in page
    assert 'alt="The loss falls."' in page
    assert "drawn with lr = 0.5" in page and "live panel in JupyterLab" in page

    del state["out"]  # no stored drawing: the build says what to do
    write_notebook(notebooks, "00_a.ipynb", cell, metadata=metadata)
    with pytest.raises(build_site.SiteError, match=r"00_a\.ipynb, cell 2: .*run_notebooks"):
        build_site.notebook_page(entries, 0, build_site.Links(entries, notebooks, None), True)


def test_links_between_notebooks_become_links_between_pages(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    first = write_notebook(notebooks, "00_a.ipynb")
    second = write_notebook(notebooks, "01_b.ipynb")
    links_entries = [build_site.read_entry(first), build_site.read_entry(second)]
    links = build_site.Links(links_entries, notebooks, None)
    assert links.target("01_b.ipynb#Exercises", "00_a") == "01_b.html#Exercises"
    assert links.target("https://example.org/x.ipynb", "00_a") == "https://example.org/x.ipynb"
    assert links.target("#top", "00_a") == "#top"
    with pytest.raises(build_site.SiteError, match="points to nothing"):
        links.target("02_missing.ipynb", "00_a")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# A guide\n")
    with pytest.raises(build_site.SiteError, match=r"\[project.urls\] Repository"):
        links.target("../docs/guide.md", "00_a")
    links = build_site.Links(links_entries, notebooks, "https://example.org/owner/repo/")
    assert (
        links.target("../docs/guide.md#Plans", "00_a")
        == "https://example.org/owner/repo/blob/HEAD/docs/guide.md#Plans"
    )


# -- the pages, in Chromium ------------------------------------------------------------

#: Text that means MathJax did not typeset something: TeX delimiters, an unrendered $…$,
#: or a TeX command such as \frac.
RAW_TEX = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\$[^$\s][^$]*\$|\\[A-Za-z]{2,}")

_PROSE_TEXT_JS = """() => {
  // The text a reader sees outside code: Markdown, LaTeX and HTML outputs, MathJax's own
  // rendering left out (it holds no TeX once typeset).
  const parts = [];
  for (const el of document.querySelectorAll(
      '.jp-RenderedMarkdown, .jp-RenderedLatex, .jp-RenderedHTMLCommon')) {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('code, pre, mjx-container, script, style').forEach(n => n.remove());
    parts.push(copy.textContent);
  }
  return parts.join('\\n');
}"""

_IMAGES_JS = """() => [...document.images].map(img => ({
  src: img.getAttribute('src').slice(0, 60), complete: img.complete,
  width: img.naturalWidth, alt: (img.getAttribute('alt') || '').trim()}))"""


@pytest.fixture(scope="module")
def chromium(site, chromium_session):
    """The session's one Chromium (tests/conftest.py), shared with tests/browser."""
    return chromium_session


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.site
@pytest.mark.parametrize("name", pages())
def test_the_page_reads_offline_in_chromium(name, chromium, served):
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    blocked, failed, errors = [], [], []

    def only_local(route):
        if route.request.url.startswith(served):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    try:
        answer = page.goto(served + name, wait_until="load")
        assert answer is not None and answer.status == 200
        page.wait_for_function("() => window.MathJax?.startup?.promise", timeout=30_000)
        page.evaluate("() => MathJax.startup.promise.then(() => true)")

        assert blocked == [], f"the page tried to load from another host: {blocked}"
        assert errors == [], f"JavaScript errors: {errors}"
        assert failed == [], f"requests that failed: {failed}"
        assert page.locator("mjx-container").count() > 0 or name == "index.html"
        assert page.locator("mjx-merror, [data-mjx-error]").count() == 0, (
            "a formula MathJax could not read"
        )
        raw = sorted(set(RAW_TEX.findall(page.evaluate(_PROSE_TEXT_JS))))
        assert raw == [], f"TeX left untypeset in the visible text: {raw}"

        images = page.evaluate(_IMAGES_JS)
        assert [i for i in images if not (i["complete"] and i["width"] > 0)] == []
        assert [i for i in images if not i["alt"]] == []

        links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        here = served + name
        checked: dict[str, tuple[int, str]] = {}
        for link in links:
            url, fragment = urldefrag(urljoin(here, link))
            if not url.startswith(served):
                continue
            if url not in checked:
                checked[url] = fetch(url)
            status, text = checked[url]
            assert status == 200, f"{link} answers {status}"
            if fragment and url.endswith(".html"):
                ids = {html.unescape(v) for v in re.findall(r'\b(?:id|name)="([^"]*)"', text)}
                # as browsers do: the fragment as written, then percent-decoded
                assert {fragment, unquote(fragment)} & ids, f"{link}: no element {fragment!r}"
    finally:
        context.close()
