"""The library's layout: a light core, lessons loaded on first use, imports in one direction,
no private names used across modules, one import style in the notebooks."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import backprop_lib as bp

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "backprop_lib"
HEAVY = ("sympy", "matplotlib", "ipywidgets")


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.strip()


def test_importing_the_library_imports_no_sympy_matplotlib_or_ipywidgets():
    code = f"import sys, backprop_lib; print([m for m in {HEAVY!r} if m in sys.modules])"
    assert run_python(code) == "[]"


def test_a_lazy_name_loads_its_module_on_first_use():
    code = (
        "import sys, backprop_lib as bp; bp.MLP.random([2, 1], 'sigmoid');"
        "before = 'matplotlib' in sys.modules; bp.draw_network;"
        "print(before, 'matplotlib' in sys.modules, 'sympy' in sys.modules)"
    )
    assert run_python(code) == "False True False"


def test_every_public_name_resolves_and_is_listed():
    for name in bp.__all__:
        assert getattr(bp, name) is not None, name
    assert set(bp.__all__) <= set(dir(bp))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = bp.no_such_name


def test_old_module_names_alias_the_new_modules():
    assert bp.chain is bp.lessons.two_weights
    assert bp.gates is bp.lessons.logic_gates
    assert bp.classifier is bp.lessons.moons
    assert bp.widgets is bp.lessons.panels
    assert bp.timing is bp.lessons.timing
    assert bp.scalar is bp.lessons.one_weight
    assert bp.naive is bp.lessons.per_weight_cost
    assert bp.scalar_descent is bp.lessons.one_weight.scalar_descent


def library_sources():
    return sorted(LIBRARY.rglob("*.py"))


def test_no_module_uses_the_networks_private_names_or_keeps_state_on_a_figure():
    pattern = re.compile(r"\._forward|\._loss|\._check_XY|_backprop_parts|_quiet")
    for path in library_sources():
        if path.name == "mlp.py" and path.parent == LIBRARY:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not pattern.search(line), f"{path.relative_to(ROOT)}:{number}: {line}"


def test_the_core_never_imports_a_lesson():
    for path in library_sources():
        if path.parent != LIBRARY or path.name == "__init__.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) .*lessons", text, re.M), path.name


def test_lessons_import_no_private_name_of_the_core():
    """A lesson imports the core's public names (and the package's argument checks)."""
    for path in (LIBRARY / "lessons").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"from \.\.(\w*) import (.*)", line)
            if match:
                names = [n.strip() for n in match.group(2).split(",")]
                assert all(not n.startswith("_") or n == "_validate" for n in names), line


def test_no_sys_path_edits():
    for path in [*ROOT.glob("*/*.py"), *ROOT.glob("*/*/*.py")]:
        if path.parts[len(ROOT.parts)] in (".venv", ".cache") or path == Path(__file__).resolve():
            continue
        assert "sys.path" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_import_the_library_one_way(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "import backprop_lib as bp" in code
    assert not re.search(r"from backprop_lib|import backprop_lib\.", code)
    modules = "|".join(["symbolic", "timing", "datasets", "classifier", "losses", "widgets"])
    assert not re.search(rf"\bbp\.({modules}|chain|gates|naive|lessons)\.", code)
