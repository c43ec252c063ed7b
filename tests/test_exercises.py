"""Exercise checks: right answers pass, wrong ones get a hint without the answer."""

import pytest

import backprop_lib as bp
from backprop_lib.exercises import EXERCISES


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_right_answer_is_accepted(exercise_id):
    result = bp.check(exercise_id, EXERCISES[exercise_id].expected())
    assert result.correct and "Right" in result.message


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
@pytest.mark.parametrize("factor", [0.5, 0.9, 1.1, 2.0])
def test_wrong_answer_gets_a_hint_but_not_the_answer(exercise_id, factor):
    expected = EXERCISES[exercise_id].expected()
    result = bp.check(exercise_id, expected * factor)
    assert not result.correct and result.message.startswith("Not yet.")
    for shown in (f"{expected:.2g}", f"{expected:.3g}", f"{expected:.4g}", f"{expected:.6f}"):
        assert shown not in result.message
    assert ("small" in result.message) == (factor < 1)


def test_placeholders_and_wrong_types():
    assert bp.check("01-one-step", None).message.startswith("Not answered yet")
    assert not bp.check("01-one-step", "0.05").correct
    with pytest.raises(ValueError, match="exercise_id"):
        bp.check("no-such-exercise", 1.0)


def test_environment_report_lists_supported_versions():
    rows = bp.environment_report()
    names = [row[0] for row in rows]
    assert names[0] == "Python" and {"numpy", "sympy", "ipywidgets", "matplotlib"} <= set(names)
    assert all(ok for *_, ok in rows)


def test_best_time_is_the_fastest_of_its_runs():
    calls = []
    seconds = bp.timing.best_time(lambda: calls.append(1), repeats=4)
    assert len(calls) == 4 and 0 <= seconds < 1
    with pytest.raises(ValueError, match="repeats"):
        bp.timing.best_time(lambda: None, repeats=0)
