"""Notebook 00's environment check and the timer the notebooks print with."""

import pytest

import backprop_lib as bp


def test_environment_report_lists_supported_versions():
    rows = bp.environment_report()
    names = [row[0] for row in rows]
    assert names[0] == "Python" and {"numpy", "sympy", "ipywidgets", "matplotlib"} <= set(names)
    assert all(ok for *_, ok in rows)


def test_best_time_is_the_fastest_of_its_runs(monkeypatch):
    """With a fake clock whose runs last 3, 1, 2 and 4 ticks, best_time is 1 tick."""
    ticks = iter([0, 3, 10, 11, 20, 22, 30, 34])
    monkeypatch.setattr(bp.lessons.timing.time, "perf_counter", lambda: next(ticks))
    calls = []
    assert bp.lessons.timing.best_time(calls.append, 1, repeats=4) == 1
    assert calls == [1, 1, 1, 1]
    with pytest.raises(ValueError, match="repeats"):
        bp.lessons.timing.best_time(lambda: None, repeats=0)
