"""Self-checking exercises: references pass, each anticipated mistake gets its own feedback."""

from pathlib import Path

import numpy as np
import pytest
import sympy

from nllce import exercises
from nllce.exercises import Exercise, Feedback, Mistake, check

LABELS = exercises.labels()
BOOK = Path(__file__).resolve().parent.parent / "book"
# A problem keeps its label when it moves between problem sets (students' notebooks call
# it): pr1-softmax-twice needs softmax, so it moved to Part II's set, label and all.
MOVED_TO_PART2 = ("pr1-softmax-twice",)
PART1 = [
    label
    for label in LABELS
    if label.startswith(
        ("ex-likelihood", "ex-counts", "ex-ce", "ex-kl", "ex-codes", "ex-heldout", "pr1-")
    )
    and label not in MOVED_TO_PART2
]
# The checker and its private helpers; every other `_*.py` module defines exercises.
CHECKER_MODULES = {"_checker", "_answers", "_expressions", "_functions", "_limits"}
WITH_ANSWERS = [
    (label, index)
    for label in LABELS
    for index, mistake in enumerate(exercises.exercise(label).mistakes)
    if mistake.answer is not None
]


def test_part1_has_at_least_three_exercises_per_chapter_and_a_problem_set():
    for prefix in ("ex-likelihood-", "ex-counts-", "ex-ce-", "ex-kl-", "ex-codes-", "ex-heldout-"):
        assert sum(label.startswith(prefix) for label in PART1) >= 3, prefix
    assert sum(label.startswith("pr1-") for label in PART1) >= 4


def test_a_moved_problem_keeps_its_label_and_lives_in_its_new_set():
    for label in MOVED_TO_PART2:
        assert label in LABELS
        assert f":label: {label}" in (BOOK / "problems_part2.md").read_text()
        assert f":label: {label}" not in (BOOK / "problems_part1.md").read_text()
        assert check(label, exercises.reference(label)).correct


def test_the_unseen_class_exercise_costs_minus_log_of_the_kept_share():
    from nllce import book_data

    share = book_data.UNSEEN_SHARE
    assert exercises.reference("ex-kl-unseen-class") == pytest.approx(-np.log1p(-share))
    assert check("ex-kl-unseen-class", -np.log1p(-share)).correct
    assert check("ex-kl-unseen-class", round(-np.log1p(-share), 4)).correct
    assert check("ex-kl-unseen-class", share).status == "mistake"  # first order only
    assert check("ex-kl-unseen-class", 0.0).status == "mistake"


def test_every_definition_module_is_loaded_by_the_package():
    # Registration happens on import: a definition module that `nllce.exercises` does
    # not import would register only if something else happened to import it.
    import sys

    package = Path(exercises.__file__).parent
    modules = {f"nllce.exercises.{path.stem}" for path in package.glob("_*.py")}
    modules -= {"nllce.exercises.__init__"} | {f"nllce.exercises.{m}" for m in CHECKER_MODULES}
    assert modules, "no definition module found"
    assert modules <= set(sys.modules)
    assert any(label.startswith("pr2-") for label in LABELS)


def test_the_checker_imports_no_definition_and_no_picture():
    # Definitions import the checker, never the reverse; checking never needs plotting.
    import ast

    package = Path(exercises.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = {
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
        for name in ("figures", "widgets", "readouts", "style", "frames", "matplotlib"):
            assert not any(name in module for module in imported), (path.name, name)
        if path.stem in CHECKER_MODULES:  # the checker and its helpers: no definition
            private = {module for module in imported if module.startswith("_")} - {"__future__"}
            assert private <= CHECKER_MODULES, (path.name, private)


@pytest.mark.parametrize("label", LABELS)
def test_reference_answer_is_correct(label):
    feedback = check(label, exercises.reference(label))
    assert feedback.correct, feedback
    assert feedback.message.startswith("correct")


@pytest.mark.parametrize(("label", "index"), WITH_ANSWERS)
def test_each_anticipated_mistake_gets_its_own_feedback(label, index):
    mistake = exercises.exercise(label).mistakes[index]
    feedback = check(label, mistake.answer)
    assert feedback.status == "mistake"
    assert not feedback.correct
    assert feedback.message == mistake.message


@pytest.mark.parametrize("label", LABELS)
def test_mistake_messages_differ_within_an_exercise(label):
    messages = [mistake.message for mistake in exercises.exercise(label).mistakes]
    assert messages, f"{label} anticipates no mistake"
    assert len(set(messages)) == len(messages)


@pytest.mark.parametrize("label", LABELS)
def test_unanswered_reports_not_answered_yet(label):
    feedback = check(label, ...)
    assert feedback.status == "unanswered"
    assert "not answered yet" in repr(feedback)
    assert "not answered yet" in feedback.message
    assert not feedback.correct and not feedback.answered


def test_predicate_mistakes_are_recognised():
    assert check("ex-ce-worked", float("inf")).status == "mistake"
    assert "swapped" in check("ex-ce-worked", np.inf).message
    assert "not symmetric" in check("ex-kl-worked", np.inf).message
    assert "never negative" in check("ex-kl-bits", -0.9).message


def test_rounded_numbers_are_accepted_but_not_sloppy_ones():
    reference = exercises.reference("ex-ce-worked")
    assert check("ex-ce-worked", round(reference, 4)).correct
    assert not check("ex-ce-worked", round(reference, 1)).correct


def test_unexpected_answers_get_a_hint_not_just_wrong():
    feedback = check("ex-likelihood-worked", 0.9)
    assert feedback.status == "unexpected"
    assert "0.9" in feedback.message
    assert exercises.exercise("ex-likelihood-worked").hint in feedback.message


@pytest.mark.parametrize(
    ("label", "answer", "expected"),
    [
        ("ex-likelihood-worked", "0.075", "expected a number"),
        ("ex-likelihood-worked", True, "expected a number"),
        ("ex-counts-worked", [1, 5], "3 numbers"),
        ("ex-counts-expression", "q0 **", "sympy expression"),
        ("ex-likelihood-underflow", 3.0, "expected a function"),
        ("ex-likelihood-compare", "D", "expected one of"),
        ("ex-likelihood-worked", sympy.Symbol("q"), "expected a number"),
    ],
)
def test_answers_of_the_wrong_kind_say_what_is_expected(label, answer, expected):
    feedback = check(label, answer)
    assert feedback.status == "invalid"
    assert expected in feedback.message


def test_a_function_that_raises_is_reported_not_raised():
    def broken(q, labels):
        raise RuntimeError("oops")

    feedback = check("ex-likelihood-underflow", broken)
    assert feedback.status == "invalid"
    assert "RuntimeError: oops" in feedback.message


def test_function_answers_are_called_on_copies_of_the_inputs():
    def destructive(q, labels):
        q[:] = 0
        return 0.0

    check("ex-likelihood-underflow", destructive)
    assert check("ex-likelihood-underflow", exercises.reference("ex-likelihood-underflow")).correct


def test_underflowing_product_is_caught_only_on_the_big_sample():
    def product_first(q, labels):
        return -np.log(np.prod(q[labels])) / labels.size

    feedback = check("ex-likelihood-underflow", product_first)
    assert "underflowed" in feedback.message


def test_expression_answers_compare_by_symbol_name_whatever_the_assumptions():
    q0, q1, q2 = sympy.symbols("q0 q1 q2")  # no assumptions, as a reader might write them
    assert check("ex-counts-expression", q0 * q1 * q2**4).correct
    assert check("ex-counts-expression", q2**4 * q1 * q0).correct
    assert check("ex-counts-expression", q0 * q1 * q2).status == "mistake"


def test_choice_answers_ignore_case_and_spaces():
    assert check("ex-likelihood-compare", " c ").correct


def test_unknown_label_lists_the_known_ones():
    with pytest.raises(ValueError, match="`label` 'no-such-exercise' is not a known") as error:
        check("no-such-exercise", 1.0)
    assert "ex-likelihood-worked" in str(error.value)


def test_feedback_renders_as_text_and_html():
    feedback = check("ex-likelihood-worked", 1.3)
    assert repr(feedback).startswith("✗ ex-likelihood-worked: ")
    html = feedback._repr_html_()
    assert 'role="status"' in html and "ex-likelihood-worked" in html
    assert "correct" not in html.lower()  # a wrong answer never reads as "correct"
    assert "correct." in check("ex-likelihood-worked", 0.075)._repr_html_()
    assert Feedback("x", "correct", "correct.").correct


def test_register_rejects_duplicates_and_non_exercises():
    with pytest.raises(ValueError, match="already registered"):
        exercises.register(exercises.exercise("ex-likelihood-worked"))
    with pytest.raises(TypeError, match="`exercise`"):
        exercises.register("ex-new")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"label": "", "kind": "number", "reference": 1.0, "hint": "h"}, "`label`"),
        ({"label": "x", "kind": "text", "reference": 1.0, "hint": "h"}, "`kind`"),
        ({"label": "x", "kind": "number", "reference": 1.0}, "`hint`"),
        ({"label": "x", "kind": "function", "reference": abs, "hint": "h"}, "`inputs`"),
        (
            {"label": "x", "kind": "choice", "reference": "Z", "choices": "AB", "hint": "h"},
            "`choices`",
        ),
    ],
)
def test_bad_exercise_definitions_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Exercise(**kwargs)


def test_a_mistake_needs_exactly_one_way_to_match():
    with pytest.raises(ValueError, match="exactly one"):
        Mistake("m")
    with pytest.raises(ValueError, match="exactly one"):
        Mistake("m", answer=1.0, matches=lambda answer: True)
    with pytest.raises(ValueError, match="`message`"):
        Mistake("", answer=1.0)


def test_reference_answers_are_computed_with_nllce():
    import nllce

    assert exercises.reference("ex-likelihood-worked") == nllce.likelihood(
        [0.2, 0.3, 0.5], [2, 2, 1]
    )
    np.testing.assert_array_equal(
        exercises.reference("ex-counts-worked"), nllce.counts([0, 2, 2, 2, 1, 2], 3)
    )


# --- a checker that judges fairly ---------------------------------------------------------
# Imports for this section are local to it, so that parametrized cases added above by
# others never collide with them.
import math  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from decimal import Decimal  # noqa: E402
from fractions import Fraction  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

from nllce.exercises import _functions  # noqa: E402
from nllce.exercises._checker import STATUSES  # noqa: E402


class FakeTensor:
    """What the checker sees of a torch tensor: ``detach().cpu().numpy()``."""

    def __init__(self, value):
        self._value = np.asarray(value)

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self._value


class Hostile:
    """An answer whose every conversion raises."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError("hostile")

    __float__ = __int__ = __index__ = __len__ = __iter__ = __array__ = _fail
    __str__ = __bool__ = __getitem__ = __call__ = _fail

    def __eq__(self, other):
        raise RuntimeError("hostile")

    __hash__ = None

    def __repr__(self):  # hypothesis prints its examples
        return "Hostile()"


class Unprintable(Hostile):
    __repr__ = Hostile._fail


def _lone(reference, **options):
    return Exercise("x-lone", "number", reference, hint="Compute it.", **options)


def test_right_to_three_significant_figures_is_correct():
    exercise = _lone(0.24131)
    assert exercise.check(0.241).correct
    assert exercise.check(0.2413).correct
    assert exercise.check(0.2415).correct  # still 0.241 to three figures
    feedback = exercise.check(0.240)  # two figures' worth
    assert feedback.status == "close"
    assert feedback.message.startswith("close: keep more digits. You gave 0.24;")
    reference = exercises.reference("ex-ce-worked")
    assert check("ex-ce-worked", round(reference, 3)).correct
    assert check("ex-ce-worked", float(f"{reference:.3g}")).correct


def test_the_decimals_asked_for_replace_significant_figures():
    exercise = _lone(0.123456, decimals=4)
    assert exercise.check(0.1235).correct
    feedback = exercise.check(0.123)
    assert feedback.status == "close" and "4 decimals" in feedback.message


def test_three_decimal_vectors_are_correct():
    for label in ("ex-softmax-grad", "ex-classifier-batch-grad", "ex-kl-best"):
        assert check(label, np.round(exercises.reference(label), 3)).correct, label
    assert check("ex-counts-worked", [1.0, 1.0, 4.0]).correct


def test_a_near_miss_is_close_and_a_far_one_is_not():
    reference = exercises.reference("ex-likelihood-log")
    feedback = check("ex-likelihood-log", round(reference, 1))
    assert feedback.status == "close" and not feedback.correct
    assert "keep more digits" in feedback.message
    assert check("ex-likelihood-log", reference * 1.5).status == "unexpected"
    grad = exercises.reference("ex-softmax-grad")
    assert check("ex-softmax-grad", np.round(grad, 1)).status == "close"


_GRAD = exercises.reference("ex-softmax-grad")


@pytest.mark.parametrize(
    ("label", "answer"),
    [
        ("ex-likelihood-worked", [0.075]),
        ("ex-likelihood-worked", (0.075,)),
        ("ex-likelihood-worked", np.array([[0.075]])),
        ("ex-likelihood-worked", np.float32(0.075)),
        ("ex-likelihood-worked", Fraction(3, 40)),
        ("ex-likelihood-worked", Decimal("0.075")),
        ("ex-likelihood-worked", sympy.Rational(3, 40)),
        ("ex-likelihood-worked", sympy.Float(0.075)),
        ("ex-likelihood-worked", FakeTensor(0.075)),
        ("ex-likelihood-worked", FakeTensor([0.075])),
        ("ex-likelihood-log", 2 * sympy.log(sympy.Rational(1, 2)) + sympy.log(sympy.S(3) / 10)),
        ("pr1-find-error-mean", "3"),
        ("pr1-find-error-mean", " 3 "),
        ("pr1-find-error-mean", np.int64(3)),
        ("pr1-find-error-mean", 3.0),
        ("ex-likelihood-compare", "(c)"),
        ("ex-likelihood-compare", "C."),
        ("ex-softmax-grad", _GRAD.reshape(-1, 1)),  # a column
        ("ex-softmax-grad", _GRAD.reshape(1, -1)),  # a row
        ("ex-softmax-grad", sympy.Matrix(_GRAD)),
        ("ex-softmax-grad", sympy.Matrix(_GRAD).T),
        ("ex-softmax-grad", FakeTensor(_GRAD)),
        ("ex-softmax-grad", tuple(_GRAD)),
        ("ex-counts-worked", [sympy.Integer(1), Fraction(1), Decimal(4)]),
    ],
    ids=repr,
)
def test_equivalent_forms_of_a_right_answer_are_correct(label, answer):
    feedback = check(label, answer)
    assert feedback.correct, feedback


@pytest.mark.parametrize(
    ("label", "answer", "expected"),
    [
        ("ex-softmax-grad", _GRAD + 0.5j, "complex"),  # the real part is right
        ("ex-likelihood-worked", 0.075 + 0j, "complex"),
        ("ex-likelihood-worked", np.complex128(0.075), "complex"),
        ("pr1-find-error-mean", True, "expected one of 1, 2, 3, 4"),  # not choice 1
        ("ex-likelihood-compare", True, "expected one of 'A', 'B', 'C'"),
        ("ex-likelihood-worked", True, "True and False are not numbers"),
        ("ex-softmax-grad", [True, False, True], "True and False are not numbers"),
        ("ex-likelihood-worked", float("nan"), "nan"),
        ("ex-softmax-grad", [np.nan, 0.0, 0.0], "nan"),
        ("ex-likelihood-worked", "0.075", "remove the quotes"),
        ("ex-likelihood-worked", None, "got None"),
        ("ex-counts-worked", None, "got None"),
        ("ex-counts-expression", None, "got None"),
        ("ex-likelihood-underflow", None, "expected a function"),
        ("ex-likelihood-compare", None, "expected one of"),
        ("ex-likelihood-worked", 10**400, "too large for a float"),
        ("ex-likelihood-worked", [0.075, 0.1], "expected one number, got 2 numbers"),
        ("ex-likelihood-worked", [], "an empty list"),
        ("ex-likelihood-worked", sympy.Symbol("q"), "still holds the symbols q"),
        ("ex-likelihood-worked", sympy.I, "complex"),
        ("ex-counts-worked", np.array(["1", "1", "4"]), "text"),
        ("ex-counts-worked", [[1, 1], [4]], "not a regular list"),
        ("ex-counts-worked", [1, 1, 10**400], "too large"),
        ("ex-counts-expression", list(sympy.symbols("q0 q1 q2")), "got a list of 3 items"),
        ("ex-counts-expression", sympy.Eq(sympy.Symbol("L"), sympy.Symbol("q0")), "equation"),
        ("ex-counts-expression", sympy.Matrix([1, 2]), "matrix"),
        ("ex-likelihood-underflow", lambda q, labels: math.exp(1000), "OverflowError"),
        ("ex-likelihood-underflow", lambda q, labels: 10**400, "too large for a float"),
        ("ex-likelihood-underflow", lambda q, labels: "0.86", "remove the quotes"),
        ("ex-softmax-stable", lambda z: np.log(np.sum(np.exp(z))) + 0j, "complex"),
    ],
    ids=lambda value: repr(value)[:40],
)
def test_answers_that_cannot_be_judged_are_invalid_and_say_what_was_expected(
    label, answer, expected
):
    feedback = check(label, answer)
    assert feedback.status == "invalid", feedback
    assert expected in feedback.message, feedback


def test_nan_from_0_log_0_gets_its_own_hint_where_it_happens():
    p = exercises.exercise("ex-kl-best").reference  # (1/6, 1/6, 4/6)
    with np.errstate(all="ignore"):
        p_worked = np.array([0.0, 1 / 3, 2 / 3])
        naive_bits = -np.sum(p_worked * np.log2(p_worked))
        naive_kl = np.sum(p_worked * np.log(p_worked / np.array([0.2, 0.3, 0.5])))
    assert np.isnan(naive_bits) and np.isnan(naive_kl) and p.size == 3
    for label, answer in [
        ("ex-kl-bits", naive_bits),
        ("ex-kl-worked", naive_kl),
        ("pr2-kl-direction", naive_kl),
        ("ex-classifier-floor", np.nan),
    ]:
        feedback = check(label, answer)
        assert feedback.status == "mistake", (label, feedback)
        assert "0 log 0 = 0" in feedback.message, (label, feedback)
    # Elsewhere an nan is invalid, with the usual suspects named.
    feedback = check("ex-likelihood-worked", np.nan)
    assert feedback.status == "invalid" and "0 * log 0" in feedback.message



def _new_mistakes():
    """The mistakes added for the teacher's list, as the answers a student would give."""
    import nllce
    from nllce import book_data as data

    q_grad = nllce.softmax(data.GRADIENT_LOGITS)
    batch_q = nllce.softmax(data.BATCH_LOGITS)
    rows = np.arange(len(data.BATCH_LABELS))
    smoothed = 0.9 * np.eye(3)[0] + 0.1 / 3
    pairs = np.array([data.PAIR_MODEL[x] for x in data.PAIR_INPUTS[:, 0]])
    p = nllce.frequencies(data.WORKED_LABELS, 3)
    q = np.asarray(data.WORKED_MODEL)
    return [
        # the gradient taken with respect to q instead of z
        ("ex-softmax-grad", -np.eye(3)[0] / q_grad[0], "with respect to the probabilities q"),
        (
            "ex-classifier-batch-grad",
            -np.eye(3)[data.BATCH_LABELS]
            / batch_q[rows, data.BATCH_LABELS][:, None]
            / len(rows),
            "with respect to the probabilities q",
        ),
        ("pr2-smoothed-grad", -smoothed / q_grad, "with respect to the probabilities q"),
        # -z_y forgotten
        ("ex-softmax-loss", nllce.logsumexp(data.SOFTMAX_LOGITS), "forgot the -z_y"),
        ("pr1-softmax-twice", nllce.logsumexp(data.PROBLEM_LOGITS[0]), "forgot the -z_y"),
        # dividing by K instead of N
        (
            "ex-classifier-grouped",
            nllce.nll(pairs, data.PAIR_LABELS, reduction="sum") / 3,
            "divided by K = 3",
        ),
        (
            "ex-likelihood-underflow",
            lambda q, labels: -np.sum(np.log(q[labels])) / len(q),
            "divided by K",
        ),
        ("ex-ce-function", lambda n, q: -np.sum(n * np.log(q)) / len(n), "divided by K"),
        # H(q) or H(p) for H(p, q)
        ("ex-ce-worked", nllce.entropy(p), "That is H(p)"),
        ("ex-ce-worked", nllce.entropy(q), "That is H(q)"),
        ("ex-ce-function", lambda n, q: -np.sum(q * np.log(q)), "That is H(q)"),
        ("ex-ce-limit", nllce.entropy(q), "H(q)"),
        ("pr2-not-joint", 0.0, "That is H(p)"),
    ]


@pytest.mark.parametrize(("label", "answer", "words"), _new_mistakes(), ids=lambda v: str(v)[:30])
def test_the_new_anticipated_mistakes_each_get_their_hint(label, answer, words):
    feedback = check(label, answer)
    assert feedback.status == "mistake", feedback
    assert words in feedback.message, feedback


def test_the_two_wrong_feedback_texts_are_right_now():
    assert f"{math.exp(103):.1e}" == "5.4e+44"
    assert "about 5.4e44" in check("ex-softmax-shift", "C").message
    gaussian = exercises.exercise("ex-variations-gaussian")
    texts = " ".join(mistake.message for mistake in gaussian.mistakes)
    assert "precision" not in texts
    assert "+log sigma" in texts


def test_function_feedback_reads_well():
    feedback = check("ex-likelihood-underflow", lambda q, labels: 1.0)
    assert feedback.status == "unexpected"
    assert feedback.message.startswith("not yet: your function returned 1, 1, 1 on the test")
    assert "returned you gave" not in feedback.message


def test_a_function_stub_is_not_answered_and_a_missing_return_is_named():
    def mean_nll(q, labels): ...

    def documented(q, labels) -> float:
        """The mean NLL."""

    for stub in (mean_nll, documented):
        feedback = check("ex-likelihood-underflow", stub)
        assert feedback.status == "unanswered" and "not answered yet" in feedback.message

    def no_return(q, labels):
        -np.mean(np.log(q[labels]))

    feedback = check("ex-likelihood-underflow", no_return)
    assert feedback.status == "invalid" and "forget `return`" in feedback.message


def test_a_function_that_never_returns_is_stopped_and_leaves_no_thread(monkeypatch):
    monkeypatch.setattr(_functions, "TIME_LIMIT", 0.3)

    def forever(q, labels):
        while True:
            try:
                while True:
                    pass
            except Exception:  # a reader's catch-all must not keep it running
                pass

    threads = threading.active_count()
    started = time.monotonic()
    feedback = check("ex-likelihood-underflow", forever)
    assert time.monotonic() - started < 3
    assert feedback.status == "invalid"
    assert "did not finish within 0.3 s" in feedback.message
    assert threading.active_count() == threads
    # The checker still works, and its timer is gone.
    assert check("ex-likelihood-underflow", exercises.reference("ex-likelihood-underflow")).correct


def test_the_time_limit_works_outside_the_main_thread_too(monkeypatch):
    monkeypatch.setattr(_functions, "TIME_LIMIT", 0.3)

    def forever(z):
        while True:
            pass

    threads = threading.active_count()
    verdicts = []
    worker = threading.Thread(target=lambda: verdicts.append(check("ex-softmax-stable", forever)))
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert verdicts[0].status == "invalid" and "did not finish" in verdicts[0].message
    assert threading.active_count() == threads


def test_symbols_spelled_differently_are_read_and_named():
    q_0, q_1, q_2 = sympy.symbols("q_0 q_1 q_2")
    feedback = check("ex-counts-expression", q_0 * q_1 * q_2**4)
    assert feedback.correct
    assert "symbols are q0, q1, q2" in feedback.message and "q_0 as q0" in feedback.message
    feedback = check("ex-counts-expression", "Q0*Q1*Q2**4")
    assert feedback.correct and "Q2 as q2" in feedback.message
    feedback = check("ex-counts-expression", "x*y")
    assert feedback.status == "unexpected"
    assert "uses x, y, which this exercise does not know; its symbols are q0, q1, q2" in (
        feedback.message
    )


def test_float_exponents_and_rational_floats_are_exact():
    q0, q1, q2 = sympy.symbols("q0 q1 q2")
    assert check("ex-counts-expression", q0 * q1 * q2**4.0).correct
    assert check("ex-counts-expression", 1.0 * q0 * q1 * q2**4).correct
    assert check("ex-counts-expression", "q0*q1*q2**4.0").correct
    assert check("ex-counts-expression", "q0*q1*q2^4").correct
    assert check("ex-counts-expression", "q[0]*q[1]*q[2]**4").correct
    from nllce import symbolic

    assert check("ex-counts-expression", symbolic.q[0] * symbolic.q[1] * symbolic.q[2] ** 4).correct
    feedback = check("ex-counts-expression", q0 ** (1 / 6) * q1 ** (1 / 6) * q2 ** (4 / 6))
    assert feedback.status == "mistake" and "frequencies" in feedback.message


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('touch {marker}')",
        "q0.__class__",
        "().__class__.__bases__[0].__subclasses__()",
        "exec('open(\"{marker}\", \"w\")')",
        "eval('1')",
        "lambda: 1",
        "[q0 for q0 in (1,)]",
        "open('{marker}', 'w')",
        "q0 if True else q1",
        "log(q0, base=2)",
        "_hidden + 1",
        "9**9**9**9",
    ],
)
def test_text_answers_are_parsed_never_run(text, tmp_path, monkeypatch):
    import builtins

    marker = tmp_path / "ran"

    def refuse(*args, **kwargs):
        raise AssertionError("an answer was run as code")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    feedback = check("ex-counts-expression", text.format(marker=marker))
    assert feedback.status == "invalid", feedback
    assert (
        "is not a plain expression" in feedback.message
        or "too large" in feedback.message
        or "could not read" in feedback.message
    ), feedback
    assert not marker.exists()
    # ... while plain text still parses, with eval and exec out of reach.
    assert check("ex-counts-expression", "q0*q1*q2**4").correct


_ODD_OBJECTS = [
    Hostile(),
    Ellipsis,
    object(),
    type,
    print,
    sympy.oo,
    sympy.zoo,
    sympy.nan,
    sympy.true,
    sympy.Symbol("q0"),
    sympy.Eq(sympy.Symbol("q0"), 1),
    sympy.Matrix([[1, 2], [3, 4]]),
    sympy.FiniteSet(1, 2),
    np.datetime64("2026-01-01"),
    np.array([None, 1.0, "x"], dtype=object),
    np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]),
    range(3),
    (x for x in range(3)),
    {1: 2},
    {1, 2},
    b"\x00\xff",
    "\x00",
    "(" * 200 + "q0" + ")" * 200,
    "1/0",
    "0**-1",
    "log(0)",
    "q0" * 300,
    lambda *args: 1 / 0,
    lambda *args: None,
    lambda *args: Hostile(),
    lambda *args: np.array(["a", "b"]),
    lambda *args: [1.0, 2.0],
    lambda *args: sympy.Symbol("x"),
    lambda *args: 10**400,
]
_ANSWERS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()
    | st.complex_numbers()
    | st.fractions()
    | st.decimals()
    | st.text(max_size=20)
    | st.sampled_from(_ODD_OBJECTS)
    | hnp.arrays(
        st.sampled_from([np.float64, np.int64, np.complex128, np.bool_, "U3"]),
        hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
    ),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children),
    max_leaves=6,
)


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(label=st.sampled_from(LABELS), answer=_ANSWERS)
def test_check_never_raises_whatever_the_answer(label, answer):
    feedback = check(label, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status in STATUSES
    assert isinstance(feedback.message, str) and feedback.message
    repr(feedback), feedback._repr_html_()


@pytest.mark.parametrize("label", LABELS)
def test_an_answer_that_cannot_even_be_printed_is_invalid(label):
    for answer in (Unprintable(), [Unprintable()], lambda *args: Unprintable()):
        feedback = check(label, answer)
        assert feedback.status in {"invalid", "unexpected"}, feedback
        feedback._repr_html_()


def test_a_predicate_that_raises_does_not_match():
    exercise = Exercise(
        "x-predicate",
        "number",
        1.0,
        mistakes=[Mistake("never", matches=lambda answer: 1 / 0)],
        hint="h",
    )
    assert exercise.check(2.0).status == "unexpected"


def test_a_label_that_is_not_a_string_says_so():
    with pytest.raises(TypeError, match="`label` must be a string such as 'ex-likelihood-worked'"):
        check(["x"], 1.0)


def test_reference_hands_out_a_copy():
    label = "ex-counts-worked"
    copy_of_it = exercises.reference(label)
    copy_of_it[:] = 0
    assert check(label, [1, 1, 4]).correct
    np.testing.assert_array_equal(exercises.reference(label), [1, 1, 4])
    with pytest.raises(ValueError, match="read-only"):
        exercises.exercise(label).reference[0] = 5


def test_feedback_carries_a_machine_readable_marker():
    html = check("ex-likelihood-worked", 0.9)._repr_html_()
    assert 'data-exercise="ex-likelihood-worked"' in html
    assert 'data-status="unexpected"' in html
    assert 'data-status="close"' in check("ex-likelihood-worked", 0.074)._repr_html_()
    assert repr(check("ex-likelihood-worked", 0.074)).startswith("≈ ex-likelihood-worked: close")


# --- the student edition and the teacher edition ----------------------------------------


def test_a_function_exercise_keeps_its_signature_in_the_student_edition():
    from tools.student_notebooks import student_answer_source

    worked = (
        "import numpy as np\n\n"
        "def mean_nll(q, labels):\n"
        '    """The mean NLL."""\n'
        "    return -np.mean(np.log(q[labels]))\n\n\n"
        'check("ex-likelihood-underflow", mean_nll)\n'
    )
    student = student_answer_source(worked)
    assert "def mean_nll(q, labels):\n    ...  # your answer" in student
    assert "np.log" not in student and "mean_nll = ..." not in student
    namespace = {"check": check}
    exec(compile(student, "<student cell>", "exec"), namespace)  # our own code
    assert check("ex-likelihood-underflow", namespace["mean_nll"]).status == "unanswered"


def _answer_cells_extension():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "_ext" / "answer_cells.py"
    spec = importlib.util.spec_from_file_location("answer_cells", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cell(code, tags, output="✓ ex-likelihood-worked: correct. L = q_2 q_2 q_1."):
    from docutils import nodes

    cell = nodes.container(
        nb_element="cell_code", cell_metadata={"tags": tags}, classes=["cell"]
    )
    if "hide-input" in tags:
        cell["hide_mode"] = "input"
        cell["prompt_show"], cell["prompt_hide"] = "Show code cell {type}", "Hide code cell {type}"
    source = nodes.container(nb_element="cell_code_source", classes=["cell_input"])
    source += nodes.literal_block(code, code)
    result = nodes.container(nb_element="cell_code_output", classes=["cell_output"])
    result += nodes.literal_block(output, output)
    cell += [source, result]
    return cell


def test_the_teacher_edition_folds_a_worked_answer_with_its_verdict():
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from myst_nb.sphinx_ import HideCodeCellNode, HideInputCells

    extension = _answer_cells_extension()
    document = new_document("page", get_default_settings(Parser))
    worked = _cell('answer = q[2] * q[2] * q[1]\ncheck("ex-likelihood-worked", answer)',
                   ["hide-input"])
    student = _cell("answer = ...\ncheck('ex-likelihood-worked', answer)", ["student-answer"])
    plain = _cell("q[labels]", [], output="array([0.5, 0.5, 0.3])")
    untagged = _cell('check("ex-likelihood-worked", 0.075)', [])
    document += [worked, student, plain, untagged]

    assert extension.fold_answer_cells(document, "Show {type}", "Hide {type}") == 2
    assert worked["hide_mode"] == untagged["hide_mode"] == "all"
    assert "hide_mode" not in student and "hide_mode" not in plain
    assert untagged["prompt_show"] == "Show {type}"

    HideInputCells(document).run()  # myst-nb's own wrapping, as in the build
    for cell in (worked, untagged):
        (toggle,) = cell.children
        assert isinstance(toggle, HideCodeCellNode)  # one toggle holds code and verdict
        assert "correct." in toggle.astext()
    assert not any(isinstance(child, HideCodeCellNode) for child in student.children)
    assert "answer_cells" in (Path(__file__).resolve().parent.parent / "_config.yml").read_text()
