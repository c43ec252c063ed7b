r"""The exercise checker: ``bp.check(exercise_id, answer)`` judges a number or a function.

Every notebook from 01 on asks the learner for **a number** (computed by hand or with sympy)
and for **code** (a function the learner writes). ``bp.check`` answers with a
:class:`CheckResult`: ``correct`` and a ``message`` that says right or wrong and, if wrong,
gives a hint aimed at the mistake the answer matches. A message never contains the answer
or the library's output, and a learner's mistake never raises: only an unknown
``exercise_id`` (the notebook's mistake) does.

**Number exercises** (:class:`NumberExercise`) are judged to the 3 significant digits a person
writes by hand: ``answer`` is right when :math:`|a - e| \le` half a unit of the third
significant digit of the expected value :math:`e` (plus a relative slack of 1e-9), so
0.00265 is right for 0.0026545 and 234 for 234.4; a fraction such as ``1/7`` is fine. Each
exercise lists the mistakes it expects, each *computed* (a sign, a missing factor 2 or σ′, σ
where σ′ belongs, the wrong weight, a sum instead of a mean, …): an answer that matches a
mistake's value to 3 significant digits gets that mistake's hint, any other wrong answer the
exercise's hint about the method.

**Code exercises** (:class:`CodeExercise`) take the learner's function. The exercise draws
its cases from a seeded ``numpy`` generator (shapes and values chosen by the checker), runs
the learner's function on fresh copies of each case's arguments and compares its output with
the library's (the ``reference``) and, if the exercise has one, with a finite-difference
estimate. Outputs may be a number, an array, or (nested) tuples/lists of them such as
``(dW, db)``: the structure, then the shapes, then the values (``rtol``/``atol`` as in
``numpy.testing.assert_allclose``) are compared. The message names the first failing case
by its description and the likely mistake: the listed wrong implementation whose output
agrees with the learner's where the learner's first goes wrong (preferring the one that
agrees on most failing cases), else the method hint. An exception raised inside the
learner's code becomes a message naming its type and the case.

Messages (the exact formats):

* ``"Right! ✔"`` (number), ``"Right! ✔ Your function agrees with the library on all 4
  cases."`` (code; "… with the library and with finite differences …" when the exercise
  has them);
* ``"Not yet. <mistake hint or method hint>"`` (number);
* ``"Not yet. Case 2 of 4 (3 layers, tanh, batch of 5): dW[1] has shape (3, 4), expected
  (4, 3). Likely mistake: <hint>"`` or ``"… Hint: <method hint>"`` (code);
* ``"Not yet. Case 1 of 4 (…): your function raised ValueError (line 3 of its cell): …"``;
* ``"Not answered yet. <answer format>"`` for ``None`` or ``...`` (and for a function that
  returns ``None`` or raises ``NotImplementedError`` on the first case);
* ``"The answer should be …. <answer format>"`` for an answer of the wrong kind.

Writing an exercise
-------------------
Exercises live in ``backprop_lib/lessons/exercises/``, one module per notebook (``nb03.py``
holds every ``03-…`` exercise); the package's ``__init__`` imports each module, which calls
:func:`register` at import. Ids are ``"NN-short-name"`` with NN the notebook's number.
Compute every value from the library (never a stored literal); a mistake is a function
computing the *wrong* value (or a wrong implementation), with a hint that names the method,
never the value. A number exercise::

    import backprop_lib as bp
    from backprop_lib.lessons.checking import Mistake, NumberExercise, register

    def one_step_rate(x):  # the factor 1 - 2Rx² of C = (xw - y*)² is 0
        return bp.critical_rates(x)["one_step"]

    register(NumberExercise(
        id="01-one-step",
        question="For x = 3.0, which learning rate R lands on the minimum in one step?",
        expected=lambda: one_step_rate(3.0),
        mistakes=[
            Mistake("factor 2 dropped", lambda: 2 * one_step_rate(3.0),
                    "The derivative of (xw - y*)² is 2x(xw - y*): keep its factor 2."),
            Mistake("x of the notebook", lambda: one_step_rate(bp.ONE_WEIGHT["x"]),
                    "This exercise uses x = 3.0, not the notebook's x = 5.7."),
        ],
        method_hint="Write w₁ - w* as (1 - 2Rx²)(w₀ - w*): which R makes the factor 0?",
        answer_format="Give a positive number, e.g. answer = 0.01 (a fraction like 1/7 is fine).",
    ))

A code exercise (a layer's weight gradient, checked on three random batches)::

    import numpy as np
    from backprop_lib.lessons.checking import Case, CodeExercise, Mistake, register

    def cases(rng):  # rng: numpy.random.default_rng(exercise.seed)
        return [
            Case(f"{n_out} units, {n_in} inputs, batch of {m}",
                 (rng.normal(size=(n_out, m)), rng.normal(size=(n_in, m))))
            for n_out, n_in, m in [(2, 3, 1), (3, 2, 4), (4, 4, 5)]
        ]

    register(CodeExercise(
        id="05-weight-gradient",
        question="weight_gradient(delta, a_prev) returns dL/dW = (1/m) δ a_prevᵀ.",
        cases=cases,
        reference=lambda delta, a_prev: delta @ a_prev.T / delta.shape[1],
        mistakes=[
            Mistake("transpose", lambda delta, a_prev: a_prev @ delta.T / delta.shape[1],
                    "dL/dW has W's shape (units of this layer, units of the layer before): "
                    "δ on the left, the transposed activations on the right."),
            Mistake("missing 1/m", lambda delta, a_prev: delta @ a_prev.T,
                    "The loss is the mean over the batch: divide the sum over columns by m."),
        ],
        method_hint="Each column is one example: δ a_prevᵀ adds the examples' outer products.",
        answer_format="Define weight_gradient(delta, a_prev) returning an array, then run "
        'bp.check("05-weight-gradient", weight_gradient).',
    ))

:func:`validate_registry` (run by the tests) then proves each declaration: the expected
value is accepted, also rounded to 3 significant digits; each mistake gets its own hint and
none coincides with the answer to 3 significant digits; no message contains the answer; a
code exercise's reference passes, agrees with its finite differences, and each wrong
implementation fails with its own hint. ``tests/test_exercises.py`` also wants an
independent key for every exercise in ``tests/exercise_keys/nbNN.py`` (the answer computed
without this code path; for code, a right implementation and one wrong implementation per
listed mistake, written as a learner would) and checks that no exercise asks for a number
its notebook printed before the exercise cell.

The exercise cell in a notebook
-------------------------------
The exercise cell holds the learner's stub and ends with the check::

    answer = ...  # your answer: a number
    bp.check("03-bias-hidden", answer)

or, for code, a stub whose body is ``...`` or ``raise NotImplementedError``::

    def weight_gradient(delta, a_prev):
        ...  # your code here

    bp.check("05-weight-gradient", weight_gradient)

The next cell is its worked solution: tagged ``solution``, stored collapsed (cell metadata
``"jupyter": {"source_hidden": true}``), it redefines the answer or function and calls
``bp.check_solution`` with the same id (:func:`check_solution`: the same message, and an
error when the solution is not right), so running the notebook (nbval) proves it passes. The
student edition (``make student``) leaves the solution cells out, so no later cell may use a
name that only a solution cell defines.

Used by every notebook's exercises (``bp.check``); numpy only.
"""

from __future__ import annotations

import copy
import math
import numbers
import re
import traceback
import types
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import _validate

# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CheckResult:
    """What :func:`check` found: ``correct``, the ``message`` shown to the learner, and the
    ``mistake`` (its name) whose hint the message gives, if any."""

    correct: bool
    message: str
    mistake: str | None = None

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        return self.message


RIGHT = "Right! ✔"
NOT_ANSWERED = "Not answered yet."
NOT_YET = "Not yet."


# ----------------------------------------------------------------------------- declarations


@dataclass(frozen=True)
class Mistake:
    """An expected mistake: its ``name`` (for authors and tests), ``compute`` (for a number
    exercise a function of no arguments returning the wrong value; for a code exercise a
    wrong implementation with the reference's signature) and the ``hint`` shown when the
    learner's answer matches it. The hint names the method, never a value."""

    name: str
    compute: Callable[..., Any]
    hint: str


@dataclass(frozen=True)
class Case:
    """One case of a code exercise: a short ``description`` shown in messages (``"3 layers,
    tanh, batch of 5"``) and the arguments the learner's function is called with."""

    description: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class NumberExercise:
    """An exercise whose answer is one number.

    ``expected()`` computes the answer from the library; ``mistakes`` are the wrong values
    the exercise expects (each :class:`Mistake` computes one); ``method_hint`` is the hint for
    any other wrong answer; ``answer_format`` says how to answer (shown with "Not answered
    yet." and for an answer of the wrong kind); ``question`` states the exercise as the
    notebook asks it.
    """

    id: str
    question: str
    expected: Callable[[], float]
    mistakes: Sequence[Mistake]
    method_hint: str
    answer_format: str = "Give a number, e.g. answer = 0.5 (a fraction like 1/7 is fine)."

    def judge(self, answer) -> CheckResult:
        """The learner's ``answer`` judged to 3 significant digits."""
        if answer is None or answer is Ellipsis:
            return CheckResult(False, f"{NOT_ANSWERED} {self.answer_format}")
        value, problem = _as_number(answer)
        if problem:
            return CheckResult(False, f"{problem} {self.answer_format}")
        if agrees_to_3_digits(value, _validate.one_number(self.expected(), "expected()")):
            return CheckResult(True, RIGHT)
        for mistake in self.mistakes:
            if agrees_to_3_digits(value, _validate.one_number(mistake.compute(), mistake.name)):
                return CheckResult(False, f"{NOT_YET} {mistake.hint}", mistake.name)
        return CheckResult(False, f"{NOT_YET} {self.method_hint}")


@dataclass(frozen=True, kw_only=True)
class CodeExercise:
    """An exercise whose answer is a function.

    ``cases(rng)`` returns the :class:`Case` list (``rng`` is
    ``numpy.random.default_rng(seed)``, so the cases are the same on every check);
    ``reference(*case.args, **case.kwargs)`` computes the right output with the library;
    ``finite_differences`` (optional, same signature) estimates it independently, compared
    within ``fd_rtol``/``fd_atol``; ``mistakes`` are wrong implementations (same signature)
    with their hints; outputs are compared within ``rtol``/``atol``. ``output_names`` names
    the items of a tuple output in messages (``("dW", "db")`` gives ``dW[1]``).
    """

    id: str
    question: str
    cases: Callable[[np.random.Generator], Iterable[Case]]
    reference: Callable[..., Any]
    mistakes: Sequence[Mistake]
    method_hint: str
    answer_format: str
    finite_differences: Callable[..., Any] | None = None
    output_names: tuple[str, ...] | None = None
    seed: int = 0
    rtol: float = 1e-7
    atol: float = 1e-10
    fd_rtol: float = 1e-5
    fd_atol: float = 1e-7

    def make_cases(self) -> list[Case]:
        """This exercise's cases, drawn afresh from its seeded generator."""
        return list(self.cases(np.random.default_rng(self.seed)))

    def judge(self, answer) -> CheckResult:
        """Run the learner's function ``answer`` on every case; report the first failure."""
        if answer is None or answer is Ellipsis:
            return CheckResult(False, f"{NOT_ANSWERED} {self.answer_format}")
        if not callable(answer):
            return CheckResult(
                False,
                f"The answer should be a function (pass the function itself, without calling "
                f"it), not {_kind(answer)}. {self.answer_format}",
            )
        cases = self.make_cases()
        outputs = []  # the learner's output per case, or an exception
        for case in cases:
            outputs.append(_run(answer, case))
            if len(outputs) == 1 and _unanswered(outputs[0]):
                return CheckResult(False, f"{NOT_ANSWERED} {self.answer_format}")
        expected = [_run(self.reference, case) for case in cases]
        failures = {}  # case index -> (path, what is wrong)
        for k, (output, right) in enumerate(zip(outputs, expected, strict=True)):
            if isinstance(right, _Raised):
                raise right.error  # the declaration is wrong, not the learner
            if not isinstance(output, _Raised):
                difference = _first_difference(right, output, self.rtol, self.atol)
                if difference:
                    failures[k] = difference
        for k, output in enumerate(outputs):
            if isinstance(output, _Raised):  # every case before it passed
                return CheckResult(False, f"{NOT_YET} {self._where(k, cases)}: {output}")
            if k in failures:
                path, what = failures[k]
                mistake = self._likely_mistake(k, cases, outputs, failures)
                hint = f"Likely mistake: {mistake.hint}" if mistake else f"Hint: {self.method_hint}"
                name = _describe_path(path, self.output_names)
                return CheckResult(
                    False,
                    f"{NOT_YET} {self._where(k, cases)}: {name} {what}. {hint}",
                    mistake.name if mistake else None,
                )
        if self.finite_differences is None:
            return CheckResult(
                True, f"{RIGHT} Your function agrees with the library on all {len(cases)} cases."
            )
        for k, case in enumerate(cases):
            estimate = _run(self.finite_differences, case)
            if isinstance(estimate, _Raised):
                raise estimate.error
            difference = _first_difference(estimate, outputs[k], self.fd_rtol, self.fd_atol)
            if difference:
                path, what = difference
                name = _describe_path(path, self.output_names)
                return CheckResult(
                    False,
                    f"{NOT_YET} {self._where(k, cases)}: {name} agrees with the library but "
                    f"not with finite differences ({what}). Hint: {self.method_hint}",
                )
        return CheckResult(
            True,
            f"{RIGHT} Your function agrees with the library and with finite differences on "
            f"all {len(cases)} cases.",
        )

    def _where(self, k: int, cases: list[Case]) -> str:
        return f"Case {k + 1} of {len(cases)} ({cases[k].description})"

    def _likely_mistake(self, first: int, cases, outputs, failures) -> Mistake | None:
        """The mistake whose output agrees with the learner's where the learner's output first
        goes wrong on case ``first``; among several, the one agreeing on most failing cases."""
        best, best_score = None, 0
        for mistake in self.mistakes:
            score = 0
            for k, (path, _) in failures.items():
                wrong = _run(mistake.compute, cases[k])
                theirs = _MISSING if isinstance(wrong, _Raised) else _at(wrong, path)
                mine = _at(outputs[k], path)
                if theirs is not _MISSING and not _first_difference(
                    theirs, mine, self.rtol, self.atol
                ):
                    score += 1
                elif k == first:
                    break  # it must agree on the case the message reports
            else:
                if score > best_score:
                    best, best_score = mistake, score
        return best


Exercise = NumberExercise | CodeExercise


# ----------------------------------------------------------------------------- the registry

_REGISTRY: dict[str, Exercise] = {}

#: The registered exercises by id (read-only view).
EXERCISES = types.MappingProxyType(_REGISTRY)

_ID = re.compile(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*")


class ExerciseDeclarationError(ValueError):
    """An exercise is declared wrongly (an author's mistake, found by :func:`register` or
    :func:`validate_registry`), e.g. a mistake whose value equals the answer."""


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry under its id; returns it.

    Checks the declaration's form at once (id ``"NN-short-name"``, not yet registered,
    distinct mistake names and hints, callables where functions belong); the values are
    checked by :func:`validate_registry`.
    """
    problems = _form_problems(exercise)
    if problems:
        raise ExerciseDeclarationError("; ".join(problems))
    if exercise.id in _REGISTRY:
        raise ExerciseDeclarationError(f"exercise id {exercise.id!r} is already registered")
    _REGISTRY[exercise.id] = exercise
    return exercise


def check(exercise_id: str, answer) -> CheckResult:
    """Check ``answer`` to the exercise ``exercise_id`` (a number, or the learner's function
    for a code exercise). Returns a :class:`CheckResult`; its message says right or wrong
    with a hint, never the answer. Raises ``ValueError`` only for an unknown id."""
    exercise_id = _validate.choice(exercise_id, "exercise_id", sorted(_REGISTRY))
    return _REGISTRY[exercise_id].judge(answer)


class SolutionError(AssertionError):
    """A worked solution that does not pass its own check (raised by :func:`check_solution`)."""


def check_solution(exercise_id: str, answer) -> CheckResult:
    """Check a worked solution: as :func:`check`, but a solution that is not right raises
    :class:`SolutionError` with the checker's message, so running the notebook (nbval, the
    student edition's tests) fails loudly at that cell instead of storing a wrong "solution".
    Solution cells (tagged ``solution``) call this; exercise cells call :func:`check`."""
    result = check(exercise_id, answer)
    if not result.correct:
        raise SolutionError(f"the worked solution to {exercise_id} fails: {result.message}")
    return result


def validate_registry() -> None:
    """Validate every registered exercise (:func:`validate`); raise
    :class:`ExerciseDeclarationError` listing every problem found."""
    problems = [f"{eid}: {p}" for eid, ex in sorted(_REGISTRY.items()) for p in validate(ex)]
    if problems:
        raise ExerciseDeclarationError("\n".join(problems))


def validate(exercise: Exercise) -> list[str]:
    """The problems of one declaration (an empty list when it is sound).

    A number exercise: the expected value is a finite non-zero real; it is accepted, and so
    is its rounding to 3 significant digits; no mistake's value agrees with it, or with
    another mistake's, to 3 significant digits; each mistake's value gets that mistake's
    hint; no message contains the answer. A code exercise: at least one case, distinct
    descriptions; the reference passes; it agrees with the finite differences; each wrong
    implementation fails with its own hint.
    """
    problems = _form_problems(exercise)
    if problems:
        return problems
    if isinstance(exercise, NumberExercise):
        return _number_problems(exercise)
    return _code_problems(exercise)


def _form_problems(exercise) -> list[str]:
    if not isinstance(exercise, NumberExercise | CodeExercise):
        return [f"expected a NumberExercise or CodeExercise, got {type(exercise).__name__}"]
    problems = []
    if not isinstance(exercise.id, str) or not _ID.fullmatch(exercise.id):
        problems.append(f"id must look like '03-bias-hidden' (NN-short-name), got {exercise.id!r}")
    texts = {"question": exercise.question, "method_hint": exercise.method_hint}
    texts["answer_format"] = exercise.answer_format
    for name, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{name} must be a non-empty string")
    functions = ["expected"] if isinstance(exercise, NumberExercise) else ["cases", "reference"]
    for name in functions:
        if not callable(getattr(exercise, name)):
            problems.append(f"{name} must be a function")
    mistakes = list(exercise.mistakes)
    for m in mistakes:
        if not isinstance(m, Mistake) or not callable(m.compute) or not m.hint.strip():
            problems.append(f"mistakes must be Mistake(name, function, hint), got {m!r}")
            return problems
    names = [m.name for m in mistakes]
    hints = [m.hint for m in mistakes] + [exercise.method_hint]
    if len(set(names)) != len(names):
        problems.append(f"mistake names must be distinct, got {names}")
    if len(set(hints)) != len(hints):
        problems.append("every mistake needs its own hint, distinct from the method hint")
    return problems


def _number_problems(exercise: NumberExercise) -> list[str]:
    problems = []
    try:
        expected = _validate.one_number(exercise.expected(), "expected()")
        values = {
            m.name: _validate.one_number(m.compute(), f"mistake {m.name!r}")
            for m in exercise.mistakes
        }
    except (TypeError, ValueError) as error:
        return [str(error)]
    if expected == 0:
        return ["the expected value is 0: an answer of 0 cannot be judged to 3 digits"]
    named = [("the answer", expected), *values.items()]
    for i, (name_a, a) in enumerate(named):
        for name_b, b in named[i + 1 :]:
            if abs(a - b) <= _half_unit(a) + _half_unit(b):
                problems.append(f"{name_a} and {name_b} agree to 3 significant digits")
    for answer in (expected, float(f"{expected:.3g}")):
        if not exercise.judge(answer).correct:
            problems.append(f"the answer {'rounded ' if answer != expected else ''}is rejected")
    for m in exercise.mistakes:
        result = exercise.judge(float(f"{values[m.name]:.3g}"))
        if result.correct or result.mistake != m.name:
            problems.append(f"mistake {m.name!r} does not get its own hint")
    messages = [m.hint for m in exercise.mistakes] + [exercise.method_hint, exercise.answer_format]
    for message in messages:
        if reveals(message, expected):
            problems.append(f"a message reveals the answer: {message!r}")
    return problems


def _code_problems(exercise: CodeExercise) -> list[str]:
    cases = exercise.make_cases()
    if not cases or not all(isinstance(c, Case) for c in cases):
        return ["cases(rng) must return at least one Case"]
    descriptions = [c.description for c in cases]
    if len(set(descriptions)) != len(descriptions):
        return [f"case descriptions must be distinct, got {descriptions}"]
    problems = []
    if exercise.finite_differences is not None:
        for k, case in enumerate(cases):
            right, estimate = (
                _run(exercise.reference, case),
                _run(exercise.finite_differences, case),
            )
            for what, value in (("reference", right), ("finite_differences", estimate)):
                if isinstance(value, _Raised):
                    return [f"{what} raised on case {k + 1}: {value}"]
            if _first_difference(right, estimate, exercise.fd_rtol, exercise.fd_atol):
                problems.append(f"reference and finite differences disagree on case {k + 1}")
    result = exercise.judge(exercise.reference)
    if not result.correct:
        problems.append(f"the reference does not pass its own check: {result.message}")
    for m in exercise.mistakes:
        result = exercise.judge(m.compute)
        if result.correct or result.mistake != m.name:
            problems.append(f"mistake {m.name!r} does not get its own hint: {result.message}")
    return problems


# ----------------------------------------------------------------------------- numbers


def agrees_to_3_digits(answer: float, value: float) -> bool:
    """True when ``answer`` equals ``value`` to 3 significant digits: within half a unit of
    the third significant digit of ``value``, plus a relative slack of 1e-9."""
    return abs(answer - value) <= _half_unit(value)


def _half_unit(value: float) -> float:
    if value == 0:
        return 1e-12
    exponent = math.floor(math.log10(abs(value)))
    return 0.5 * 10.0 ** (exponent - 2) + 1e-9 * abs(value)


_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text`` (``0.00265``, ``2.65e-03``, ``234``), as floats."""
    return [float(token) for token in _NUMBER.findall(text)]


def reveals(text: str, value: float) -> bool:
    """True when ``text`` writes ``value`` (or its negative) to 3 significant digits or
    more, in any notation."""
    return any(agrees_to_3_digits(abs(n), abs(value)) for n in numbers_in(text))


def _as_number(answer) -> tuple[float, str | None]:
    """``(value, None)`` for an answer that is one real number; else ``(nan, message)``."""
    nan = math.nan
    if isinstance(answer, str | bytes):
        return nan, "The answer should be a number, not text (write it without quotes)."
    if isinstance(answer, bool | np.bool_):
        return nan, "The answer should be a number, not True or False."
    if callable(answer):
        return nan, "The answer should be a number, not a function."
    if isinstance(answer, np.ndarray) and answer.size != 1:
        return nan, f"The answer should be one number, not an array of shape {answer.shape}."
    if isinstance(answer, list | tuple | dict | set):
        return nan, f"The answer should be one number, not {_a(type(answer).__name__)}."
    if isinstance(answer, numbers.Complex) and not isinstance(answer, numbers.Real):
        return nan, "The answer should be a real number, not a complex one."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _validate.one_number(answer, "answer"), None  # the library's definition
    except ValueError:  # nan, inf, or beyond the float64 range
        return nan, "The answer should be a finite number (not nan or inf), within ±1.8e308."
    except (TypeError, AttributeError):
        symbols = sorted(str(s) for s in getattr(answer, "free_symbols", ()))
        if symbols:  # a sympy expression
            return nan, f"The answer should be a number; it still holds {', '.join(symbols)}."
        if isinstance(answer, np.ndarray) and answer.dtype == np.bool_:
            return nan, "The answer should be a number, not True or False."
        return nan, f"The answer should be a number, not {_a(type(answer).__name__)}."


# ----------------------------------------------------------------------------- running code


class _Raised:
    """An exception raised by a function run on a case, with where it was raised."""

    def __init__(self, error: Exception, function):
        self.error = error
        self.line = None
        code = getattr(function, "__code__", None)
        if code is not None:
            for frame, line in traceback.walk_tb(error.__traceback__):
                if frame.f_code.co_filename == code.co_filename:
                    self.line = line

    def __str__(self) -> str:
        where = f" (line {self.line} of its cell)" if self.line else ""
        text = str(self.error).strip()
        text = text if len(text) <= 300 else text[:297] + "..."
        return f"your function raised {type(self.error).__name__}{where}" + (
            f": {text}" if text else ""
        )


def _run(function, case: Case):
    """``function(*case.args, **case.kwargs)`` on copies of the arguments (a function that
    changes its inputs changes nothing for the next call), quietly; an exception raised
    inside is returned as :class:`_Raised`, not raised."""
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return function(*args, **kwargs)
    except Exception as error:
        return _Raised(error, function)


def _unanswered(output) -> bool:
    return output is None or (
        isinstance(output, _Raised) and isinstance(output.error, NotImplementedError)
    )


# ----------------------------------------------------------------------------- comparing

_MISSING = object()


def _kind(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool | np.bool_):
        return "True or False"
    if isinstance(value, numbers.Real | np.floating | np.integer):
        return "a number"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__} of {len(value)} items"
    if callable(value):
        return "a function"
    return _a(type(value).__name__)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _first_difference(expected, received, rtol: float, atol: float, path=()):
    """``None`` when ``received`` matches ``expected`` (same structure and shapes, values
    within ``atol + rtol·|expected|``); else ``(path, what is wrong)`` for the first leaf
    (depth first) that differs. The text never shows an expected value."""
    if expected is None:
        return None if received is None else (path, f"should be None, got {_kind(received)}")
    if isinstance(expected, list | tuple):
        n = len(expected)
        if not isinstance(received, list | tuple):
            return path, f"should be a tuple or list of {n} items, got {_kind(received)}"
        if len(received) != n:
            return path, f"should hold {n} items, got {len(received)}"
        for i, (e, r) in enumerate(zip(expected, received, strict=True)):
            difference = _first_difference(e, r, rtol, atol, (*path, i))
            if difference:
                return difference
        return None
    e = np.asarray(expected, dtype=np.float64)
    wanted = "a number" if e.ndim == 0 else "an array of numbers"
    if received is None or isinstance(received, str | bytes | bool | np.bool_ | dict | set):
        return path, f"should be {wanted}, got {_kind(received)}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = np.asarray(received)
            if np.iscomplexobj(raw):
                return path, "should hold real numbers, got complex ones"
            r = raw.astype(np.float64)
    except (TypeError, ValueError):
        return path, f"should be {wanted}, got {_kind(received)}"
    if r.shape != e.shape:
        if e.ndim == 0:
            return path, f"should be a single number, got an array of shape {r.shape}"
        return path, f"has shape {r.shape}, expected {e.shape}"
    if not np.all(np.isfinite(r)):
        return path, "contains nan or inf"
    excess = np.abs(r - e) - (atol + rtol * np.abs(e))
    if np.all(excess <= 0):
        return None
    if e.ndim == 0:
        return path, "is not the right number"
    wrong = int(np.count_nonzero(excess > 0))
    index = tuple(int(i) for i in np.unravel_index(np.argmax(excess), e.shape))
    return path, (
        f"has the right shape but {wrong} of its {e.size} entries are wrong "
        f"(the largest error at index {index})"
    )


def _at(value, path):
    for i in path:
        if not isinstance(value, list | tuple) or i >= len(value):
            return _MISSING
        value = value[i]
    return value


def _describe_path(path, names) -> str:
    if not path:
        return "the result"
    head, *rest = path
    text = names[head] if names and head < len(names) else f"result[{head}]"
    return text + "".join(f"[{i}]" for i in rest)


# ----------------------------------------------------------------------------- authors' tools


def finite_differences(f: Callable[[], float], arrays: Sequence[np.ndarray], eps: float = 1e-6):
    r"""Central differences :math:`\partial f/\partial p \approx (f(p+\varepsilon) -
    f(p-\varepsilon))/2\varepsilon` of the scalar ``f()`` for every entry of each array in
    ``arrays`` (float64 arrays that ``f`` reads; each entry is perturbed in place and
    restored). Returns a list of arrays shaped like ``arrays``: an exercise's
    ``finite_differences`` for a function that is not an :class:`~backprop_lib.MLP`."""
    grads = []
    for p in arrays:
        g = np.empty_like(p, dtype=np.float64)
        for index in np.ndindex(p.shape):
            saved = p[index]
            p[index] = saved + eps
            up = f()
            p[index] = saved - eps
            down = f()
            p[index] = saved
            g[index] = (up - down) / (2 * eps)
        grads.append(g)
    return grads


__all__ = [
    "EXERCISES",
    "Case",
    "CheckResult",
    "CodeExercise",
    "Exercise",
    "ExerciseDeclarationError",
    "Mistake",
    "NumberExercise",
    "agrees_to_3_digits",
    "check",
    "finite_differences",
    "numbers_in",
    "register",
    "reveals",
    "validate",
    "validate_registry",
]
