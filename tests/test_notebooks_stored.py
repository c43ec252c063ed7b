"""What nbval cannot see for itself: every notebook is stored executed top to bottom from a
fresh kernel, its outputs hold nothing machine-specific, only widget cells are exempt from
comparison, and every notebook has the parts a chapter of the series must have."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted(
    (Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")
)
LEAKS = re.compile(r"/root/|/home/|/tmp/|/work/|/Users/|[A-Z]:\\\\| at 0x[0-9a-f]+")
NBVAL_MARKERS = re.compile(r"#\s*NBVAL_\w+")


def cells(path, kind="code"):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == kind]


def source(cell):
    return "".join(cell["source"])


def test_the_series_is_there():
    names = [p.name for p in NOTEBOOKS]
    assert names[:2] == ["00_start_here.ipynb", "01_one_weight.ipynb"]
    assert len(set(n[:2] for n in names)) == len(names), "two notebooks share a number"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_executed_in_order(path):
    code = [c for c in cells(path) if source(c).strip()]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "re-run with `make notebooks`"
    assert all(c["outputs"] or not _displays(c) for c in code)
    for c in code:
        assert not any(o.get("output_type") == "error" for o in c["outputs"]), source(c)[:80]


def _displays(cell):
    """A cell whose last line is an expression (not an assignment, import or statement)."""
    last = source(cell).strip().splitlines()[-1]
    return not re.match(r"^\s*(#|[\w.\[\], ]+\s*=[^=]|import |from |def |for |assert |with )", last)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_hold_nothing_machine_specific(path):
    for c in cells(path):
        for output in c["outputs"]:
            text = json.dumps({k: v for k, v in output.get("data", {}).items() if "image" not in k})
            text += json.dumps(output.get("text", ""))
            assert not LEAKS.search(text), f"{path.name}: {LEAKS.search(text).group()!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_widget_cells_skip_comparison(path):
    for c in cells(path):
        markers = NBVAL_MARKERS.findall(source(c))
        if markers:
            assert markers == ["# NBVAL_IGNORE_OUTPUT"], markers
            assert "panel(" in source(c), "only the cell that displays a widget panel is exempt"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_structure(path):
    text = "\n".join(source(c) for c in cells(path, "markdown"))
    first = source(cells(path, "markdown")[0])
    assert first.startswith("# "), "a title first"
    for part in ("What you will learn", "Summary"):
        assert part in text, f"{path.name} has no '{part}' section"
    number = int(path.name[:2])
    links = re.findall(r"\]\((\d\d_[\w]+\.ipynb)\)", text)
    for link in links:
        assert (path.parent / link).exists(), f"{path.name} links to missing {link}"
    if number > 0:
        assert any(link.startswith(f"{number - 1:02d}_") for link in links), "no link back"
    if number > 0 and path != NOTEBOOKS[-1]:
        assert any(link.startswith(f"{number + 1:02d}_") for link in links), "no link forward"
    assert "bp.check(" in "\n".join(source(c) for c in cells(path)), "no checked exercise"
