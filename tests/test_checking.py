"""The checker's machinery (backprop_lib/lessons/checking.py) on toy exercises defined here:
numbers judged to 3 significant digits, computed mistakes matched to their hints, code run on
seeded cases with the likely mistake named, and no message giving the answer away."""

import re
import textwrap
from fractions import Fraction

import numpy as np
import pytest

from backprop_lib.lessons import checking
from backprop_lib.lessons.checking import (
    Case,
    CodeExercise,
    ExerciseDeclarationError,
    Mistake,
    NumberExercise,
    check,
    register,
    reveals,
    validate,
    validate_registry,
)


@pytest.fixture(autouse=True)
def registry():
    """Each test registers its toy exercises into the real registry, which is restored after
    (so the notebooks' exercises, if loaded, are untouched)."""
    saved = dict(checking._REGISTRY)
    yield
    checking._REGISTRY.clear()
    checking._REGISTRY.update(saved)


# ----------------------------------------------------------------------------- a number

# C = (x w - y*)², dC/dw at a point: the answer and three computed mistakes.
X, W, TARGET = 5.7, 0.5, 50.1


def gradient(x=X, factor=2.0):
    return factor * (x * W - TARGET) * x


HINTS = {
    "sign": "Check the sign: the prediction minus the target, not the other way round.",
    "factor 2": "The derivative of a square u² is 2u: keep its factor 2.",
    "missing x": "The chain rule multiplies by dz/dw = x as well.",
}
METHOD = "Differentiate C = (xw - y*)² with the chain rule: outer derivative times inner."
FORMAT = "Give a number, e.g. answer = 0.5."


def number_exercise(**changes):
    declaration = dict(
        id="99-toy-number",
        question="dC/dw of C = (xw - y*)² at x = 5.7, w = 0.5, y* = 50.1",
        expected=gradient,
        mistakes=[
            Mistake("sign", lambda: -gradient(), HINTS["sign"]),
            Mistake("factor 2", lambda: gradient(factor=1.0), HINTS["factor 2"]),
            Mistake("missing x", lambda: 2 * (X * W - TARGET), HINTS["missing x"]),
        ],
        method_hint=METHOD,
        answer_format=FORMAT,
    )
    declaration.update(changes)
    return NumberExercise(**declaration)


def by_hand():
    """The answer written out independently: 2 (x w - y*) x."""
    return 2 * (5.7 * 0.5 - 50.1) * 5.7  # = -538.65


def test_three_significant_digits_rule():
    agrees = checking.agrees_to_3_digits
    assert agrees(0.00265, 0.0026545) and agrees(0.00265, 0.002654)
    assert agrees(234, 234.4) and not agrees(234, 234.6) and agrees(235, 234.6)
    assert agrees(1 / 7, 0.142857) and agrees(0.143, 1 / 7) and not agrees(0.14, 1 / 7)
    assert agrees(-539, -538.65) and not agrees(-538, -538.65) and not agrees(539, -538.65)
    assert agrees(10.0, 9.996) and agrees(1.0e-7, 0.99996e-7)


def test_number_right_answer_and_its_rounding_are_accepted():
    register(number_exercise())
    exact = by_hand()
    for answer in (exact, float(f"{exact:.3g}"), -539, np.float64(exact), np.array([exact])):
        result = check("99-toy-number", answer)
        assert result.correct and result.message == "Right! ✔", answer
    assert not check("99-toy-number", -540).correct
    assert not check("99-toy-number", float(f"{exact:.2g}")).correct


def test_fractions_are_numbers():
    register(number_exercise(id="99-toy-seventh", expected=lambda: 1 / 7, mistakes=[]))
    assert check("99-toy-seventh", Fraction(1, 7)).correct
    assert check("99-toy-seventh", 1 / 7).correct
    assert check("99-toy-seventh", 0.143).correct


def test_each_mistake_gets_its_own_hint():
    register(number_exercise())
    answers = {"sign": 538.65, "factor 2": -269.3, "missing x": -94.5}  # by hand, 3-4 digits
    for name, answer in answers.items():
        result = check("99-toy-number", answer)
        assert not result.correct and result.mistake == name
        assert result.message == f"Not yet. {HINTS[name]}"


def test_other_wrong_answers_get_the_method_hint():
    register(number_exercise())
    for answer in (-500.0, 0.0, 1e6, -538.0, -269.0 * 3):
        result = check("99-toy-number", answer)
        assert not result.correct and result.mistake is None
        assert result.message == f"Not yet. {METHOD}"


def test_unanswered_and_wrong_kinds_never_raise():
    register(number_exercise())
    for unanswered in (None, ...):
        result = check("99-toy-number", unanswered)
        assert not result.correct and result.message == f"Not answered yet. {FORMAT}"
    kinds = [
        ("-538.65", "not text"),
        (True, "not True or False"),
        (np.array([1.0, 2.0]), "not an array of shape (2,)"),
        ([-538.65], "not a list"),
        (1 + 2j, "not a complex one"),
        (float("nan"), "finite number"),
        (len, "not a function"),
        (object(), "not an object"),
    ]
    for answer, words in kinds:
        result = check("99-toy-number", answer)
        assert not result.correct and words in result.message and FORMAT in result.message


def test_numbers_beyond_float64_or_in_other_forms_are_judged_without_raising():
    """A learner's number goes through the library's one definition of a finite real number
    (``_validate.one_number``): a Python int or long double beyond float64 is a message, not
    an OverflowError; a one-entry array, a Fraction or a Decimal is judged as its number."""
    from decimal import Decimal

    register(number_exercise())
    for too_big in (10**400, -(10**400), np.longdouble("1e400"), float("inf")):
        result = check("99-toy-number", too_big)
        assert not result.correct and "finite number" in result.message and FORMAT in result.message
    for form in (np.array([[by_hand()]]), np.float32(by_hand()), Decimal(repr(by_hand()))):
        assert check("99-toy-number", form).correct
    assert "not True or False" in check("99-toy-number", np.array([True])).message


def test_an_author_value_that_is_not_one_finite_number_is_a_declaration_problem():
    """expected() and each mistake's value are read by ``_validate.one_number``: a non-finite or
    out-of-range value, or one that is not one number, is reported naming it."""
    bad_values = [
        (float("nan"), "expected\\(\\) must be finite"),
        (10**400, "expected\\(\\) must be within the float64 range"),
        (np.ones(2), "expected\\(\\) must be one number"),
        ("-538.65", "expected\\(\\) must be a real number"),
    ]
    for value, words in bad_values:
        exercise = number_exercise(expected=lambda value=value: value)
        (problem,) = validate(exercise)
        assert re.match(words, problem), problem
    mistake = Mistake("overflow", lambda: 10**400, "A hint of its own.")
    problems = validate(number_exercise(mistakes=[mistake]))
    assert problems == [
        "mistake 'overflow' must be within the float64 range (about ±1.8e308), got int of "
        "401 characters"
    ]


def test_a_symbolic_answer_is_named():
    import sympy

    register(number_exercise())
    x, w = sympy.symbols("x w")
    message = check("99-toy-number", 2 * (x * w - 50.1) * x).message
    assert message.startswith("The answer should be a number; it still holds w, x.")
    assert check("99-toy-number", sympy.Float(by_hand())).correct


def test_no_message_contains_the_answer():
    register(number_exercise())
    answer = by_hand()
    for wrong in np.linspace(-1200, 1200, 97):
        message = check("99-toy-number", float(wrong)).message
        assert not reveals(message, answer)
        assert f"{abs(answer):.3g}" not in message


def test_reveals_finds_a_number_in_any_notation():
    value = 0.0026545
    for text in ("δ = 0.00265", "it is 0.002654!", "(2.65e-03)", "-0.0026545", "2.6545E-3"):
        assert reveals(text, value), text
    for text in ("w31 = 0.3", "0.0027", "0.00266 and 0.00264", "factor 2"):
        assert not reveals(text, value), text


def test_unknown_id_is_the_notebooks_mistake():
    with pytest.raises(ValueError, match="exercise_id"):
        check("99-no-such-exercise", 1.0)
    with pytest.raises(TypeError, match="exercise_id"):
        check(99, 1.0)


# ----------------------------------------------------------------------------- declarations


def test_register_rejects_malformed_declarations():
    register(number_exercise())
    with pytest.raises(ExerciseDeclarationError, match="already registered"):
        register(number_exercise())
    with pytest.raises(ExerciseDeclarationError, match="NN-short-name"):
        register(number_exercise(id="toy"))
    same_hint = [Mistake("a", lambda: 1.0, METHOD)]
    with pytest.raises(ExerciseDeclarationError, match="own hint"):
        register(number_exercise(id="99-toy-hints", mistakes=same_hint))
    with pytest.raises(ExerciseDeclarationError, match="NumberExercise or CodeExercise"):
        register("99-toy")


def test_validate_finds_a_mistake_that_equals_the_answer():
    assert validate(number_exercise()) == []
    rounding = Mistake("rounded", lambda: by_hand() * (1 + 4e-4), "A hint.")
    problems = validate(number_exercise(mistakes=[rounding]))
    assert any("agree to 3 significant digits" in p for p in problems), problems
    twins = [Mistake("a", lambda: 7.0, "Hint a."), Mistake("b", lambda: 7.001, "Hint b.")]
    assert any("a and b agree" in p for p in validate(number_exercise(mistakes=twins)))
    register(number_exercise(mistakes=[rounding]))
    with pytest.raises(ExerciseDeclarationError, match="99-toy-number: the answer and rounded"):
        validate_registry()


def test_validate_finds_a_message_that_reveals_the_answer():
    leaky = number_exercise(method_hint="It is about -539 (twice the error times x).")
    assert any("reveals the answer" in p for p in validate(leaky))
    zero = number_exercise(expected=lambda: 0.0, mistakes=[])
    assert any("0" in p for p in validate(zero))


# ----------------------------------------------------------------------------- code


def layer_cases(rng):
    """(n_out, n_in, m): a single example first, then batches of 2 and 5."""
    return [
        Case(
            f"{n_out} units, {n_in} inputs, batch of {m}",
            (rng.normal(size=(n_out, m)), rng.normal(size=(n_in, m))),
        )
        for n_out, n_in, m in [(3, 2, 1), (2, 4, 2), (4, 3, 5)]
    ]


def layer_gradients(delta, a_prev):
    m = delta.shape[1]
    return delta @ a_prev.T / m, delta.sum(axis=1) / m


def layer_finite_differences(delta, a_prev):
    """The gradients of L(W, b) = mean over columns of δ·(W a + b), which is linear in W and
    b with exactly these gradients, by central differences."""
    W, b = np.zeros((delta.shape[0], a_prev.shape[0])), np.zeros(delta.shape[0])

    def loss():
        return float(np.mean(np.sum(delta * (W @ a_prev + b[:, None]), axis=0)))

    return tuple(checking.finite_differences(loss, [W, b]))


CODE_HINTS = {
    "transpose": "dW has W's shape: δ on the left, the transposed activations on the right.",
    "missing 1/m": "The loss is the mean over the batch: divide the sums by m.",
    "factor 2": "There is no factor 2 in δ a_prevᵀ.",
    "bias without sum": "db adds δ over the examples (the columns) of the batch.",
    "sign": "The gradient points uphill: no minus sign here.",
}
CODE_METHOD = "dW = (1/m) δ a_prevᵀ and db = (1/m) Σ over columns of δ."
CODE_FORMAT = "Define layer(delta, a_prev) returning (dW, db)."


def code_exercise(**changes):
    declaration = dict(
        id="99-toy-code",
        question="layer(delta, a_prev) returns (dW, db) of one layer for a batch",
        cases=layer_cases,
        reference=layer_gradients,
        finite_differences=layer_finite_differences,
        mistakes=[
            Mistake(
                "transpose",
                lambda d, a: (a @ d.T / d.shape[1], d.sum(axis=1) / d.shape[1]),
                CODE_HINTS["transpose"],
            ),
            Mistake(
                "missing 1/m", lambda d, a: (d @ a.T, d.sum(axis=1)), CODE_HINTS["missing 1/m"]
            ),
            Mistake(
                "factor 2",
                lambda d, a: tuple(2 * g for g in layer_gradients(d, a)),
                CODE_HINTS["factor 2"],
            ),
            Mistake(
                "bias without sum",
                lambda d, a: (layer_gradients(d, a)[0], d / d.shape[1]),
                CODE_HINTS["bias without sum"],
            ),
            Mistake(
                "sign",
                lambda d, a: tuple(-g for g in layer_gradients(d, a)),
                CODE_HINTS["sign"],
            ),
        ],
        method_hint=CODE_METHOD,
        answer_format=CODE_FORMAT,
        output_names=("dW", "db"),
    )
    declaration.update(changes)
    return CodeExercise(**declaration)


# Learner-style implementations, written independently of the declarations above.
def right_with_loops(delta, a_prev):
    n_out, m = delta.shape
    dW = np.zeros((n_out, a_prev.shape[0]))
    db = np.zeros(n_out)
    for k in range(m):
        dW += np.outer(delta[:, k], a_prev[:, k])
        db += delta[:, k]
    return [dW / m, db / m]  # a list is as good as a tuple


def forgets_the_mean(delta, a_prev):
    return delta @ a_prev.T, np.sum(delta, axis=1)


def transposes(delta, a_prev):
    return np.dot(a_prev, delta.T) / delta.shape[1], delta.mean(axis=1)


def doubles(delta, a_prev):
    return 2 * delta @ a_prev.T / delta.shape[1], 2 * delta.mean(axis=1)


def keeps_bias_per_example(delta, a_prev):
    return delta @ a_prev.T / delta.shape[1], delta / delta.shape[1]


def flips_the_sign(delta, a_prev):
    return -(delta @ a_prev.T) / delta.shape[1], -delta.mean(axis=1)


def two_mistakes(delta, a_prev):
    return a_prev @ delta.T, delta.mean(axis=1)  # transposed and without 1/m


def test_validate_accepts_the_toy_code_exercise():
    assert validate(code_exercise()) == []


def test_code_right_implementation_passes():
    register(code_exercise())
    result = check("99-toy-code", right_with_loops)
    assert result.correct
    assert result.message == (
        "Right! ✔ Your function agrees with the library and with finite differences on all 3 cases."
    )
    register(code_exercise(id="99-toy-code-nofd", finite_differences=None))
    assert check("99-toy-code-nofd", right_with_loops).message == (
        "Right! ✔ Your function agrees with the library on all 3 cases."
    )


@pytest.mark.parametrize(
    "learner, mistake, case",
    [
        (forgets_the_mean, "missing 1/m", 2),  # case 1 has m = 1, where the mean is the sum
        (transposes, "transpose", 1),
        (doubles, "factor 2", 1),
        (keeps_bias_per_example, "bias without sum", 1),
        (flips_the_sign, "sign", 1),
    ],
)
def test_code_mistakes_are_recognised(learner, mistake, case):
    """In case 2 (m = 2) the missing 1/m and the factor 2 give the same numbers: the mistake
    that agrees on the most failing cases is named."""
    register(code_exercise())
    result = check("99-toy-code", learner)
    assert not result.correct and result.mistake == mistake
    assert result.message.startswith(f"Not yet. Case {case} of 3 (")
    assert result.message.endswith(f"Likely mistake: {CODE_HINTS[mistake]}")


def test_code_messages_name_case_item_and_shape():
    register(code_exercise())
    message = check("99-toy-code", transposes).message
    assert message == (
        "Not yet. Case 1 of 3 (3 units, 2 inputs, batch of 1): dW has shape (2, 3), expected "
        f"(3, 2). Likely mistake: {CODE_HINTS['transpose']}"
    )
    message = check("99-toy-code", keeps_bias_per_example).message
    assert "db has shape (3, 1), expected (3,)" in message
    message = check("99-toy-code", forgets_the_mean).message
    assert "(2 units, 4 inputs, batch of 2): dW has the right shape but 8 of its 8 entries" in (
        message
    )


def test_code_unmatched_mistake_gets_the_method_hint():
    register(code_exercise())

    def squashes_delta(delta, a_prev):
        return np.tanh(delta) @ a_prev.T / delta.shape[1], delta.mean(axis=1)

    result = check("99-toy-code", squashes_delta)
    assert not result.correct and result.mistake is None
    assert result.message.endswith(f"Hint: {CODE_METHOD}")


def test_code_two_mistakes_are_named_one_at_a_time():
    """Transposed and without the 1/m: in case 1 (m = 1) that is exactly the transpose."""
    register(code_exercise())
    result = check("99-toy-code", two_mistakes)
    assert result.mistake == "transpose" and "Case 1 of 3" in result.message

    def transposes_dW_only(delta, a_prev):
        return np.dot(a_prev, delta.T) / delta.shape[1], delta.sum(axis=1)  # and db's 1/m

    result = check("99-toy-code", transposes_dW_only)
    assert result.mistake == "transpose" and "dW has shape (2, 3)" in result.message


def test_code_wrong_structure():
    register(code_exercise())
    only_dW = check("99-toy-code", lambda d, a: d @ a.T / d.shape[1]).message
    assert "the result should be a tuple or list of 2 items, got an array of shape" in only_dW
    three = check("99-toy-code", lambda d, a: (*layer_gradients(d, a), 0.0)).message
    assert "the result should hold 2 items, got 3" in three
    text = check("99-toy-code", lambda d, a: ("dW", "db")).message
    assert "dW should be an array of numbers, got a str" in text


def test_code_exception_in_learner_code_is_a_message():
    register(code_exercise())

    def broken(delta, a_prev):
        dW = delta @ a_prev / delta.shape[1]  # a_prev not transposed: (3, 1) @ (2, 1) fails
        return dW, delta.sum(axis=1)

    result = check("99-toy-code", broken)
    assert not result.correct
    assert result.message.startswith(
        "Not yet. Case 1 of 3 (3 units, 2 inputs, batch of 1): your function raised ValueError "
        "(line "
    )
    line = broken.__code__.co_firstlineno + 1
    assert f"(line {line} of its cell)" in result.message
    assert "Traceback" not in result.message


def test_code_unanswered_and_not_a_function():
    register(code_exercise())

    def stub(delta, a_prev): ...

    def stub_raising(delta, a_prev):
        raise NotImplementedError

    for answer in (None, ..., stub, stub_raising):
        result = check("99-toy-code", answer)
        assert not result.correct and result.message == f"Not answered yet. {CODE_FORMAT}"
    result = check("99-toy-code", layer_gradients(np.ones((1, 1)), np.ones((1, 1))))
    assert "should be a function (pass the function itself, without calling it)" in (result.message)


def test_code_learner_changing_its_inputs_changes_nothing():
    register(code_exercise())

    def destructive(delta, a_prev):
        result = layer_gradients(delta, a_prev)
        delta *= 100
        a_prev[...] = 0
        return result

    assert check("99-toy-code", destructive).correct
    assert check("99-toy-code", right_with_loops).correct


def test_code_messages_never_show_the_reference_output():
    register(code_exercise())
    cases = code_exercise().make_cases()
    entries = np.concatenate([np.ravel(g) for case in cases for g in layer_gradients(*case.args)])
    learners = [forgets_the_mean, transposes, doubles, flips_the_sign, two_mistakes]
    for learner in [*learners, lambda d, a: (np.zeros((3, 2)), np.zeros(3))]:
        message = check("99-toy-code", learner).message
        assert not any(reveals(message, v) for v in entries), message


def test_validate_finds_bad_code_declarations():
    # A mistake that every case hides: all cases with m = 1, where the mean is the sum.
    def single_examples(rng):
        return [
            Case(f"m = 1, n = {n}", (rng.normal(size=(n, 1)), rng.normal(size=(2, 1))))
            for n in (2, 3)
        ]

    problems = validate(code_exercise(cases=single_examples))
    assert any("'missing 1/m' does not get its own hint" in p for p in problems), problems
    wrong_fd = code_exercise(
        finite_differences=lambda d, a: tuple(2 * g for g in layer_gradients(d, a))
    )
    assert any("finite differences disagree" in p for p in validate(wrong_fd))
    same = code_exercise(cases=lambda rng: [Case("x", layer_cases(rng)[0].args)] * 2)
    assert any("distinct" in p for p in validate(same))


def test_the_authoring_examples_in_the_docstring_work():
    """The module docstring's two examples, run as written: they register, validate, and
    judge a right answer and a computed mistake."""
    examples = re.findall(r"::\n\n((?:    .*\n|\n)+)", checking.__doc__)[:2]
    checking._REGISTRY.clear()  # restored by the fixture
    for example in examples:
        exec(textwrap.dedent(example), {})
    assert sorted(checking.EXERCISES) == ["01-one-step", "05-weight-gradient"]
    validate_registry()
    assert check("01-one-step", 1 / 18).correct
    assert check("01-one-step", 0.111).mistake == "factor 2 dropped"
    assert check("05-weight-gradient", lambda d, a: d @ a.T).mistake == "missing 1/m"
    assert check("05-weight-gradient", lambda d, a: d @ a.T / d.shape[1]).correct


def test_a_worked_solution_that_is_not_right_raises():
    import backprop_lib as bp

    check_solution, SolutionError = bp.check_solution, checking.SolutionError
    exercise_id = "01-one-step"
    right = bp.critical_rates(3.0)["one_step"]
    assert check_solution(exercise_id, right).correct
    with pytest.raises(SolutionError, match="worked solution to 01-one-step fails: Not yet"):
        check_solution(exercise_id, 2 * right)
    with pytest.raises(SolutionError, match="Not answered yet"):
        check_solution(exercise_id, ...)
