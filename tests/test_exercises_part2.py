"""Part II's exercises: every reference passes and every anticipated mistake gets its own
feedback; the chapters and the registry name the same exercises."""

import re
from pathlib import Path

import numpy as np
import pytest

import nllce
from nllce import exercises

ROOT = Path(__file__).resolve().parent.parent
PART2_PAGES = ("softmax", "classifier", "variations", "problems_part2")
PART2_PREFIXES = ("ex-softmax-", "ex-classifier-", "ex-variations-", "pr2-")
# Moved from Part I's problem set, label unchanged (students' notebooks call it).
MOVED_FROM_PART1 = ("pr1-softmax-twice",)
PART2_LABELS = [
    label
    for label in exercises.labels()
    if label.startswith(PART2_PREFIXES) or label in MOVED_FROM_PART1
]
_EXERCISE_LABEL = re.compile(r"^```\{exercise\}.*?\n:label: (\S+)", re.MULTILINE)


def _mistake_cases():
    for label in PART2_LABELS:
        for index in range(len(exercises.exercise(label).mistakes)):
            yield pytest.param(label, index, id=f"{label}-{index}")


def _an_answer_for(mistake, exercise):
    """The mistake's own answer, or one that its predicate accepts."""
    if mistake.matches is None:
        return mistake.answer
    for candidate in (np.inf, -np.inf, np.nan):
        if mistake.matches(candidate):
            return candidate
    raise AssertionError(f"no test answer for a predicate mistake of {exercise.label}")


def test_each_part2_chapter_has_at_least_three_registered_exercises():
    for page in PART2_PAGES:
        text = (ROOT / "book" / f"{page}.md").read_text()
        labels = _EXERCISE_LABEL.findall(text)
        assert len(labels) >= 3, page
        for label in labels:
            assert label in exercises.labels(), f"{page}: {label} is not registered"
            assert f'check("{label}", ' in text, f"{page}: {label} has no answer cell"


def test_every_registered_part2_exercise_appears_in_a_chapter():
    text = "\n".join((ROOT / "book" / f"{page}.md").read_text() for page in PART2_PAGES)
    on_pages = set(_EXERCISE_LABEL.findall(text))
    assert set(PART2_LABELS) == on_pages


@pytest.mark.parametrize("label", PART2_LABELS)
def test_reference_answer_is_correct(label):
    exercise = exercises.exercise(label)
    feedback = exercises.check(label, exercise.reference)
    assert feedback.correct, feedback.message


@pytest.mark.parametrize("label", PART2_LABELS)
def test_every_exercise_expects_mistakes_and_has_a_hint(label):
    exercise = exercises.exercise(label)
    assert len(exercise.mistakes) >= 1
    assert exercise.hint


@pytest.mark.parametrize(("label", "index"), list(_mistake_cases()))
def test_each_anticipated_mistake_gets_its_own_feedback(label, index):
    exercise = exercises.exercise(label)
    mistake = exercise.mistakes[index]
    feedback = exercises.check(label, _an_answer_for(mistake, exercise))
    assert feedback.status == "mistake"
    assert feedback.message == mistake.message


@pytest.mark.parametrize("label", PART2_LABELS)
def test_unanswered_is_not_an_answer(label):
    assert exercises.check(label, ...).status == "unanswered"


_OPEN_LABELS = [label for label in PART2_LABELS if exercises.exercise(label).kind != "choice"]


@pytest.mark.parametrize("label", _OPEN_LABELS)
def test_an_unexpected_answer_gets_the_hint(label):
    exercise = exercises.exercise(label)
    unexpected = {
        "number": 12345.678,
        "array": np.full(np.shape(exercise.reference), 12345.678),
        "function": lambda z: 12345.678,
    }[exercise.kind]
    feedback = exercises.check(label, unexpected)
    assert feedback.status == "unexpected"
    assert exercise.hint in feedback.message


def test_wrong_shapes_and_kinds_are_invalid_not_wrong():
    assert exercises.check("ex-softmax-grad", [0.1, 0.2]).status == "invalid"
    assert exercises.check("ex-softmax-loss", "0.24").status == "invalid"
    assert exercises.check("ex-softmax-shift", "D").status == "invalid"
    assert exercises.check("ex-softmax-stable", 3.0).status == "invalid"


def test_a_crashing_function_answer_is_reported_not_raised():
    def broken(z):
        raise RuntimeError("boom")

    feedback = exercises.check("ex-softmax-stable", broken)
    assert feedback.status == "invalid" and "RuntimeError: boom" in feedback.message


def test_reference_answers_are_computed_by_nllce():
    """Spot checks that the registry's references are the package's numbers."""
    loss = nllce.cross_entropy_with_logits(np.array([2.0, -1.0, 0.5]), 0)
    assert exercises.reference("ex-softmax-loss") == pytest.approx(loss)
    np.testing.assert_allclose(
        exercises.reference("ex-variations-smoothed-target"), [0.025, 0.925, 0.025, 0.025]
    )
    assert exercises.reference("ex-variations-margin") == pytest.approx(np.log(37))
    assert exercises.reference("pr2-softmax-twice-floor") == pytest.approx(np.log1p(9 / np.e))
    assert exercises.reference("pr2-forgot-mean") == pytest.approx(0.0, abs=1e-12)
