"""Independent answer keys for every registered exercise, one module per notebook.

Each ``nbNN.py`` here may define

* ``NUMBERS = {exercise_id: function}``: the function computes a number exercise's answer
  without the checker's code path (plain floats, the formula written out by hand);
* ``CODE = {exercise_id: {"solution": f, "wrong": {mistake_name: g, ...}}}``: for a code
  exercise, a right implementation and, for each of its declared mistakes, a wrong one,
  written here the way a learner would write them (not the declaration's functions).

tests/test_exercises.py requires a key for every registered exercise and a wrong
implementation for every declared mistake of a code exercise.
"""

import pkgutil
from importlib import import_module

NUMBERS: dict = {}
CODE: dict = {}

for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("nb"):
        _keys = import_module(f".{_module.name}", __name__)
        for _table, _new in (
            (NUMBERS, getattr(_keys, "NUMBERS", {})),
            (CODE, getattr(_keys, "CODE", {})),
        ):
            assert not set(_table) & set(_new), f"{_module.name}: a key is defined twice"
            _table.update(_new)
