"""The teachers' guide (docs/teaching.md): linked from the README, a section per notebook, and
a time table that is what tools/estimate_times.py computes from the notebooks as they are."""

import json
import re
from pathlib import Path

import pytest

from tools import estimate_times

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "teaching.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_the_readme_links_the_guide():
    assert "(docs/teaching.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_time_table_is_up_to_date():
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split(estimate_times.BEGIN)[1].split(estimate_times.END)[0].strip()
    expected = estimate_times.markdown_table([estimate_times.estimate(p) for p in NOTEBOOKS])
    assert table == expected, "the notebooks changed: run `make times`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_of_the_series_has_its_section_filled_in(path):
    sections = re.split(r"^### ", GUIDE.read_text(encoding="utf-8"), flags=re.M)
    mine = [s for s in sections if s.startswith(f"{path.name[:2]} – ")]
    assert len(mine) == 1, f"docs/teaching.md needs one '### {path.name[:2]} – …' section"
    assert "To be filled in" not in mine[0], f"fill in the section of {path.name}"
    assert "*Covers:*" in mine[0] and "*Confusions targeted:*" in mine[0]


def write(path: Path, cells: list[dict]) -> Path:
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    return path


def test_the_estimate_counts_what_a_learner_meets(tmp_path):
    png = {"output_type": "display_data", "data": {"image/png": "x"}}
    panel = {"output_type": "display_data", "data": {estimate_times.WIDGET_VIEW: {}}}
    cells = [
        {"cell_type": "markdown", "source": "# Title\n\nOne two $a+b$ three.\n\n$$x = y$$"},
        {"cell_type": "code", "source": "# a comment\nx = 1\n\ny = 2", "outputs": [png, png]},
        {"cell_type": "code", "source": "bp.check('01-one-step', x)", "outputs": []},
        {"cell_type": "code", "source": "bp.widgets.a_panel()", "outputs": [panel]},
        {
            "cell_type": "code",
            "source": "bp.check('01-one-step', 3)\n" * 5,
            "metadata": {"tags": ["solution"]},
            "outputs": [png],
        },
    ]
    got = estimate_times.estimate(write(tmp_path / "01_x.ipynb", cells))
    assert (got.words, got.equations) == (5, 1)  # Title, One, two, (a+b), three
    assert (got.code_cells, got.code_lines, got.figures) == (3, 4, 2)
    assert (got.panels, got.exercises) == (1, 1)
    minutes = 5 / 100 + 0.5 + 3 * 0.25 + 4 * 0.1 + 2 * 0.5 + 3 + 5
    assert got.minutes == 5 * -(-minutes // 5)  # rounded up to 5 minutes: 15
    assert got.minutes == 15
