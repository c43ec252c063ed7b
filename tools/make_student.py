"""Write the student edition (`make student`): every notebook without its solution cells and
with all outputs cleared, built with nbconvert's own preprocessors.

A solution cell is a code cell tagged ``solution`` (it follows an exercise cell; see the
docstring of backprop_lib/lessons/checking.py). The student runs each notebook with the
library installed; every exercise cell then says "Not answered yet." until answered.

    python -m tools.make_student [--out student] [notebooks/*.ipynb]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_TAG = "solution"


def student_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without the cells tagged ``solution`` and without outputs."""
    copy = nbformat.from_dict(notebook)
    copy, _ = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}).preprocess(copy, {})
    copy, _ = ClearOutputPreprocessor().preprocess(copy, {})
    return copy


def build(notebooks: list[Path], out: Path) -> list[Path]:
    """Write the student edition of each notebook into ``out``; return the written paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        notebook = student_notebook(nbformat.read(path, as_version=4))
        nbformat.validate(notebook)
        target = out / path.name
        nbformat.write(notebook, target)
        written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "student", help="output folder")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for target in build(notebooks, args.out):
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
