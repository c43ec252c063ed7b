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


# ----------------------------------------------------------------------------- lesson plans
# The plans' tables name a notebook by its number ("01:", "notebook 03") and then quote the
# headings of its sections exactly, between “ and ”; exercises are named by their ids in
# backticks. Every quoted heading must be a heading of the notebook named before it.

PLAN_TOKEN = re.compile(r"“([^”]*)”|`(\d\d-[a-z][\w-]*)`|(?<![\d.])(0\d)(?![\d.])")
EXERCISE_ID = re.compile(r"`(\d\d-[a-z][\w-]*)`")
CHECK_CALL = re.compile(r"bp\.check(?:_solution)?\(\s*[\"']([\w-]+)[\"']")


def notebook_cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def cell_source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def headings(path: Path) -> set[str]:
    return {
        heading.strip()
        for cell in notebook_cells(path)
        if cell["cell_type"] == "markdown"
        for heading in re.findall(r"^#{1,6} (.+)$", cell_source(cell), flags=re.M)
    }


def exercise_ids(path: Path) -> set[str]:
    code = "\n".join(cell_source(c) for c in notebook_cells(path) if c["cell_type"] == "code")
    return set(CHECK_CALL.findall(code))


BY_NUMBER = {path.name[:2]: path for path in NOTEBOOKS}


def plan_rows(text: str) -> list[list[str]]:
    """The cells of the columns "cells to project" and "exercises to set" of every plan row."""
    assert "## Lesson plans" in text, "docs/teaching.md needs its '## Lesson plans' section"
    plans = text.split("## Lesson plans", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in plans.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or set(line) <= set("|- ") or cells[0] == "minutes":
            continue
        assert len(cells) == 4, f"a plan row with {len(cells)} columns: {line}"
        rows.append(cells[2:])
    return rows


def quoted_headings(text: str) -> list[tuple[str, str]]:
    """(notebook number, quoted heading) for every heading the plans of ``text`` quote."""
    found = []
    for cells in plan_rows(text):
        for cell in cells:
            number = None
            for heading, _, new_number in PLAN_TOKEN.findall(cell):
                if new_number:
                    number = new_number
                elif heading:
                    assert number is not None, f"a heading quoted before a notebook: “{heading}”"
                    found.append((number, heading))
    return found


def test_every_heading_the_lesson_plans_quote_is_a_heading_of_that_notebook():
    found = quoted_headings(GUIDE.read_text(encoding="utf-8"))
    assert len(found) > 40  # the plans quote headings of every notebook
    assert {number for number, _ in found} == set(BY_NUMBER), "a plan for every notebook"
    missing = [
        f"{number}: “{heading}”"
        for number, heading in found
        if number not in BY_NUMBER or heading not in headings(BY_NUMBER[number])
    ]
    assert not missing, f"headings the notebooks do not have: {missing}"


def test_every_exercise_id_the_guide_names_is_an_exercise_of_its_notebook():
    named = set(EXERCISE_ID.findall(GUIDE.read_text(encoding="utf-8")))
    assert len(named) > 15
    unknown = [
        name
        for name in sorted(named)
        if name[:2] not in BY_NUMBER or name not in exercise_ids(BY_NUMBER[name[:2]])
    ]
    assert not unknown, f"ids that are not exercises of their notebook: {unknown}"
    every = set().union(*(exercise_ids(path) for path in NOTEBOOKS))
    assert every <= named, f"exercises the guide does not name: {sorted(every - named)}"


def test_the_plan_parser_reads_numbers_and_quoted_headings():
    text = (
        "## Lesson plans\n\n| minutes | what | cells to project | exercises to set |\n"
        "|---|---|---|---|\n| 0–10 | x | 01: “No such heading” at 0.035 | 02 “Exercises” |\n"
        "\n## Practical matters\n"
    )
    assert quoted_headings(text) == [("01", "No such heading"), ("02", "Exercises")]
    assert "No such heading" not in headings(BY_NUMBER["01"])


# ----------------------------------------------------------------------------- times
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_states_the_time_of_the_guides_table(path):
    first = cell_source(notebook_cells(path)[0])
    stated = re.search(r"\b[Aa]bout (\d+) minutes|\b[Aa]bout an hour\b", first)
    assert stated, f"{path.name}: its first cell says how long it takes ('about NN minutes')"
    minutes = int(stated.group(1)) if stated.group(1) else 60
    estimate = estimate_times.estimate(path)
    assert minutes == estimate.minutes, (
        f"{path.name} says about {minutes} minutes, the guide's table {estimate.minutes}"
    )
    count = re.search(r"\bthe (\w+) exercises? included", first)
    if count:
        assert NUMBER_WORDS.get(count.group(1)) == estimate.exercises, (
            f"{path.name}: 'the {count.group(1)} exercises', but it has {estimate.exercises}"
        )


def test_the_map_in_00_gives_each_notebook_the_time_of_the_guides_table():
    cells = notebook_cells(BY_NUMBER["00"])
    text = next(cell_source(c) for c in cells if "## Map of the series" in cell_source(c))
    rows = dict(re.findall(r"^\| (\d\d) \|.*\| (\d+) min \|$", text, re.M))
    table = {p.name[:2]: estimate_times.estimate(p).minutes for p in NOTEBOOKS}
    assert {k: int(v) for k, v in rows.items()} == table, "update 00's map (make times)"
    total = re.search(r"About (\d+) minutes", text)
    assert total and int(total.group(1)) == sum(table.values()), "00's map: the total"
