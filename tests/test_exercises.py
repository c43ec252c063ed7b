"""Exercise checks: right answers pass, wrong ones get a hint without the answer."""

import math

import pytest

import backprop_lib as bp
from backprop_lib.lessons.exercises import EXERCISES


def sigma(z):
    return 1 / (1 + math.exp(-z))


def two_two_one_by_hand(x1, x2, y_t):
    """Seed 003's boxed formulas, written out with plain floats (no backprop_lib)."""
    (w11, w12), (w21, w22) = bp.TWO_TWO_ONE["w_hidden"].tolist()
    w31, w32 = bp.TWO_TWO_ONE["w_out"][0].tolist()
    A1, A2 = sigma(x1 * w11 + x2 * w12), sigma(x1 * w21 + x2 * w22)
    A3 = sigma(A1 * w31 + A2 * w32)
    delta3 = (A3 - y_t) * A3 * (1 - A3)
    return delta3, delta3 * w31 * A1 * (1 - A1)  # output delta, delta of A1


def independent_answers():
    """Each exercise's answer computed without the code path its checker uses."""
    x1, x2 = bp.TWO_TWO_ONE["x"].tolist()
    y_t = float(bp.TWO_TWO_ONE["y_t"][0])
    x, target = bp.ONE_WEIGHT["x"], bp.ONE_WEIGHT["target"]
    w1, w2 = 0.5, 60.0
    a1 = sigma(w1 * x)
    return {
        "00-notation": x1 * bp.TWO_TWO_ONE["w_hidden"][1, 0]
        + x2 * bp.TWO_TWO_ONE["w_hidden"][1, 1],
        "01-one-step": 1 / (2 * 3.0**2),
        "01-diverge": 1 / 3.0**2,
        "02-sigmoid-w1": 2 * (w2 * a1 - target) * w2 * a1 * (1 - a1) * x,
        "03-bias-hidden": two_two_one_by_hand(x1, x2, y_t)[1],
        "04-hidden-delta": two_two_one_by_hand(x1, x2, 0.1)[1],
        "05-bias-batch": (two_two_one_by_hand(x1, x2, y_t)[0] + two_two_one_by_hand(x2, x1, y_t)[0])
        / 2,
    }


def test_every_exercise_has_an_independent_answer_key():
    assert set(independent_answers()) == set(EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_right_answer_is_accepted(exercise_id):
    answer = independent_answers()[exercise_id]
    result = bp.check(exercise_id, answer)
    assert result.correct and "Right" in result.message
    assert EXERCISES[exercise_id].expected() == pytest.approx(answer, rel=1e-9)


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


def test_best_time_is_the_fastest_of_its_runs(monkeypatch):
    """With a fake clock whose runs last 3, 1, 2 and 4 ticks, best_time is 1 tick."""
    ticks = iter([0, 3, 10, 11, 20, 22, 30, 34])
    monkeypatch.setattr(bp.lessons.timing.time, "perf_counter", lambda: next(ticks))
    calls = []
    assert bp.lessons.timing.best_time(calls.append, 1, repeats=4) == 1
    assert calls == [1, 1, 1, 1]
    with pytest.raises(ValueError, match="repeats"):
        bp.lessons.timing.best_time(lambda: None, repeats=0)
