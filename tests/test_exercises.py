"""Self-checking exercises: references pass, each anticipated mistake gets its own feedback."""

from pathlib import Path

import numpy as np
import pytest
import sympy

from nllce import exercises
from nllce.exercises import Exercise, Feedback, Mistake, check

LABELS = exercises.labels()
PART1 = [
    label
    for label in LABELS
    if label.startswith(("ex-likelihood", "ex-counts", "ex-ce", "ex-kl", "pr1-"))
]
WITH_ANSWERS = [
    (label, index)
    for label in LABELS
    for index, mistake in enumerate(exercises.exercise(label).mistakes)
    if mistake.answer is not None
]


def test_part1_has_at_least_three_exercises_per_chapter_and_a_problem_set():
    for prefix in ("ex-likelihood-", "ex-counts-", "ex-ce-", "ex-kl-"):
        assert sum(label.startswith(prefix) for label in PART1) >= 3, prefix
    assert sum(label.startswith("pr1-") for label in PART1) >= 4


def test_every_definition_module_is_loaded_by_the_package():
    # Registration happens on import: a definition module that `nllce.exercises` does
    # not import would register only if something else happened to import it.
    import sys

    package = Path(exercises.__file__).parent
    modules = {f"nllce.exercises.{path.stem}" for path in package.glob("_*.py")}
    modules -= {"nllce.exercises.__init__", "nllce.exercises._checker"}
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
        if path.name == "_checker.py":
            assert not any(module.startswith("_") and module != "_checker" for module in imported)


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
