"""Every notebook's exercises, registered with the checker (:mod:`..checking`).

One module per notebook, ``nbNN.py`` for notebook NN, declares that notebook's exercises
(ids ``"NN-short-name"``) and registers them when imported; this package imports every
``nbNN`` module it holds, so a new notebook's module needs no line here. ``bp.check`` (exercise cells) and ``bp.check_solution`` (solution cells) are
:func:`~backprop_lib.lessons.checking.check` and ``check_solution``, reached through this package so that every
exercise is registered before the first check. How to write an exercise: the docstring of
``backprop_lib/lessons/checking.py``.
"""

import pkgutil
import re
from importlib import import_module

from ..checking import EXERCISES, SolutionError, check, check_solution, validate_registry

#: The notebook modules, in order: ``("nb00", "nb01", ...)``.
NOTEBOOK_MODULES = tuple(
    sorted(m.name for m in pkgutil.iter_modules(__path__) if re.fullmatch(r"nb\d\d", m.name))
)
for _name in NOTEBOOK_MODULES:
    import_module(f".{_name}", __name__)

__all__ = [
    "EXERCISES",
    "NOTEBOOK_MODULES",
    "SolutionError",
    "check",
    "check_solution",
    "validate_registry",
]
