"""The environment check of notebook 00: are the packages the series needs installed, in
versions inside the ranges ``pyproject.toml`` declares?"""

from __future__ import annotations

import platform
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import Version

DISTRIBUTION = "backprop-notebooks"
#: Checked even when the installed metadata cannot be read (e.g. running from a source tree).
CORE = ("numpy", "sympy", "ipywidgets", "matplotlib")


def environment_report() -> list[tuple[str, str, str, bool]]:
    """Rows ``(package, installed version, supported range, ok)``: Python first, then every
    runtime dependency of the ``backprop-notebooks`` distribution."""
    try:
        requirements = [
            Requirement(text)
            for text in metadata.requires(DISTRIBUTION) or []
            if "extra ==" not in text
        ]
        python_range = metadata.metadata(DISTRIBUTION)["Requires-Python"] or ""
    except metadata.PackageNotFoundError:
        requirements = [Requirement(name) for name in CORE]
        python_range = ""
    rows = [_row("Python", platform.python_version(), python_range)]
    for requirement in requirements:
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            version = "missing"
        rows.append(_row(requirement.name, version, str(requirement.specifier)))
    return rows


def _row(name: str, version: str, specifier: str) -> tuple[str, str, str, bool]:
    from packaging.specifiers import SpecifierSet

    ok = version != "missing" and Version(version) in SpecifierSet(specifier)
    return name, version, specifier or "any", ok


def print_environment_report() -> bool:
    """Print one line per package (``name  version X  supported R  OK``); return True when
    everything is installed in a supported version."""
    rows = environment_report()
    width = max(len(row[0]) for row in rows)  # the names in one column
    for name, version, specifier, ok in rows:
        print(
            f"{name:<{width}} version {version:<10} supported {specifier:<14} "
            f"{'OK' if ok else 'PROBLEM'}"
        )
    all_ok = all(row[3] for row in rows)
    print("Everything the series needs is installed." if all_ok else "Fix the PROBLEM lines first.")
    return all_ok
