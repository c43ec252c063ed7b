"""Sections of ``benchmarks/RESULTS.md`` that a script other than ``run_all.py`` owns.

Such a section sits between ``<!-- BEGIN name -->`` and ``<!-- END name -->``. Its script
replaces only that block (:func:`write_section`); ``run_all.py`` rewrites the rest of the file
and keeps every such block as it was (:func:`kept_sections`).
"""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
_BLOCK = re.compile(r"<!-- BEGIN (\S+) -->\n.*?<!-- END \1 -->\n", re.DOTALL)


def kept_sections(path: Path = RESULTS) -> list[str]:
    """Every marked block in ``path`` (with its markers), in file order."""
    if not path.exists():
        return []
    return [m.group(0) for m in _BLOCK.finditer(path.read_text())]


def write_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Put ``body`` into the block ``name`` of ``path``, replacing that block only (or adding
    it at the end)."""
    block = f"<!-- BEGIN {name} -->\n{body.rstrip()}\n<!-- END {name} -->\n"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    pattern = re.compile(
        rf"<!-- BEGIN {re.escape(name)} -->\n.*?<!-- END {re.escape(name)} -->\n", re.DOTALL
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text)
