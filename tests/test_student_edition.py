"""The student edition (`make student`, tools/make_student.py): built into a temporary folder,
every notebook has no solution cell and no output, runs top to bottom in a fresh kernel
without an error, and each exercise cell says "Not answered yet."."""

import json
from pathlib import Path

import nbformat
import pytest

from tools.make_student import build, student_notebook
from tools.run_notebooks import execute_notebook

NOTEBOOKS = sorted(
    (Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")
)
TIMEOUT = 300  # seconds per cell


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return tmp_path_factory.mktemp("student")


def is_exercise(cell) -> bool:
    return cell.cell_type == "code" and "bp.check(" in cell.source


def test_solution_cells_and_outputs_are_removed():
    exercise = nbformat.v4.new_code_cell('answer = ...\nbp.check("01-one-step", answer)')
    solution = nbformat.v4.new_code_cell(
        'answer = 1 / 18\nbp.check_solution("01-one-step", answer)'
    )
    solution.metadata = {"tags": ["solution"], "jupyter": {"source_hidden": True}}
    exercise.outputs = [nbformat.v4.new_output("stream", text="Not answered yet.")]
    exercise.execution_count = 7
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Title"), exercise, solution]
    )
    before = json.dumps(notebook)
    edition = student_notebook(notebook)
    assert [c.source for c in edition.cells] == ["# Title", exercise.source]
    assert edition.cells[1].outputs == [] and edition.cells[1].execution_count is None
    assert json.dumps(notebook) == before, "the original is unchanged"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebook_runs_with_every_exercise_unanswered(student, path):
    (written,) = build([path], student)
    notebook = nbformat.read(written, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert not any("solution" in c.metadata.get("tags", []) for c in notebook.cells)
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    exercises = [c for c in code if is_exercise(c)]
    assert exercises, f"{path.name} has no exercise"

    execute_notebook(notebook, student, TIMEOUT)  # an error in a cell raises

    for cell in exercises:
        shown = json.dumps(
            [o.get("data", {}).get("text/plain", o.get("text")) for o in cell.outputs]
        )
        assert "Not answered yet." in shown, cell.source
