"""Estimate how long each notebook takes a learner, from what is in it (`make times`).

This is a model, not a measurement with learners: it counts what a notebook asks a reader to
do and charges each item a fixed time. The rates are assumptions, stated here and in
docs/teaching.md, so that anyone can disagree with one number and re-run the script:

* prose: the words of the Markdown cells (a math span counts as one word) read at
  ``WORDS_PER_MINUTE`` = 100, about half of ordinary reading speed, for text that is studied;
* displayed equations (``$$ … $$`` or an ``align``-type environment): ``EQUATION_MINUTES`` each;
* code: ``CODE_CELL_MINUTES`` per code cell (run it, read what it prints) plus
  ``CODE_LINE_MINUTES`` per line of code that is not blank or a comment;
* figures: ``FIGURE_MINUTES`` per image a cell outputs (the cell's stored outputs are counted);
* widget panels (a cell that calls ``…panel(``): ``PANEL_MINUTES`` each, to move the sliders;
* exercises (a call to ``bp.check(`` outside a solution cell): ``EXERCISE_MINUTES`` each.

Cells tagged ``solution`` are not counted (a learner who needs one reads it instead of
solving, which the exercise time already covers). The total is rounded up to 5 minutes.

    python -m tools.estimate_times notebooks/*.ipynb            # a table on the terminal
    python -m tools.estimate_times --update docs/teaching.md notebooks/*.ipynb
        # rewrites the table between the guide's "times:begin" and "times:end" markers
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_MINUTE = 100
EQUATION_MINUTES = 0.5
CODE_CELL_MINUTES = 0.25
CODE_LINE_MINUTES = 0.1
FIGURE_MINUTES = 0.5
PANEL_MINUTES = 3.0
EXERCISE_MINUTES = 5.0

BEGIN, END = "<!-- times:begin -->", "<!-- times:end -->"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_DISPLAY_MATH = re.compile(
    r"\$\$.+?\$\$|\\begin\{(align|equation|gather)\*?\}.+?\\end\{\1\*?\}", re.S
)
_INLINE_MATH = re.compile(r"\$[^$]+\$")


@dataclass
class Estimate:
    """What one notebook holds and the minutes the model charges for it."""

    name: str
    words: int
    equations: int
    code_cells: int
    code_lines: int
    figures: int
    panels: int
    exercises: int

    @property
    def minutes(self) -> int:
        raw = (
            self.words / WORDS_PER_MINUTE
            + self.equations * EQUATION_MINUTES
            + self.code_cells * CODE_CELL_MINUTES
            + self.code_lines * CODE_LINE_MINUTES
            + self.figures * FIGURE_MINUTES
            + self.panels * PANEL_MINUTES
            + self.exercises * EXERCISE_MINUTES
        )
        return 5 * math.ceil(raw / 5)


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def estimate(path: Path) -> Estimate:
    """Count the words, equations, code, figures, panels and exercises of one notebook."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    counts = dict.fromkeys(
        ("words", "equations", "code_cells", "code_lines", "figures", "panels", "exercises"), 0
    )
    for cell in cells:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        source = _source(cell)
        if cell["cell_type"] == "markdown":
            counts["equations"] += len(_DISPLAY_MATH.findall(source))
            prose = _INLINE_MATH.sub(" x ", _DISPLAY_MATH.sub(" ", source))
            counts["words"] += len(re.findall(r"[\w′’'-]+", prose))
        elif cell["cell_type"] == "code":
            counts["code_cells"] += 1
            lines = [line.strip() for line in source.splitlines()]
            counts["code_lines"] += sum(1 for line in lines if line and not line.startswith("#"))
            counts["exercises"] += source.count("bp.check(")
            counts["panels"] += int(bool(re.search(r"\w*panel\(", source)))
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if WIDGET_VIEW not in data:  # a panel's drawing is in PANEL_MINUTES
                    counts["figures"] += sum(1 for kind in IMAGE_TYPES if kind in data)
    return Estimate(Path(path).stem, **counts)


def markdown_table(estimates: list[Estimate]) -> str:
    """The table docs/teaching.md shows: the counts, and the minutes they add up to."""
    rows = [
        "| notebook | words | displayed equations | code cells (lines) | figures | panels "
        "| exercises | estimate |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in estimates:
        rows.append(
            f"| {e.name} | {e.words} | {e.equations} | {e.code_cells} ({e.code_lines}) "
            f"| {e.figures} | {e.panels} | {e.exercises} | about {e.minutes} min |"
        )
    total = sum(e.minutes for e in estimates)
    rows.append(f"| **all** | | | | | | | **about {total} min** |")
    return "\n".join(rows)


def update(document: Path, table: str) -> bool:
    """Replace the text between the markers in ``document`` by ``table``; True if it changed."""
    text = document.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        raise ValueError(f"{document} needs exactly one {BEGIN} and one {END} line")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    new = f"{head}{BEGIN}\n{table}\n{END}{tail}"
    if new != text:
        document.write_text(new, encoding="utf-8")
    return new != text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--update", type=Path, help="rewrite the table in this Markdown file")
    args = parser.parse_args()
    table = markdown_table([estimate(path) for path in sorted(args.notebooks)])
    if args.update:
        changed = update(args.update, table)
        print(f"{args.update}: {'table rewritten' if changed else 'already up to date'}")
    else:
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
