"""Wall-clock timing for the figures the notebooks print (after a ``⏱`` mark).

Notebooks only *print* measured times; no test or assert depends on them (the machines are
shared and noisy; performance claims live in ``benchmarks/``). Used in notebooks 04 and 05.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .. import _validate


def best_time(f: Callable[..., object], *args, repeats: int = 3) -> float:
    """The shortest of ``repeats`` wall-clock times of ``f(*args)``, in seconds: the minimum
    is the run least disturbed by whatever else the machine was doing."""
    repeats = _validate.integer(repeats, "repeats", 1)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - start)
    return min(times)
