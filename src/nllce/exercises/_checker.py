"""The checker behind :mod:`nllce.exercises`: exercises, mistakes, the registry, ``check``.

This module imports no definition; the definition modules import it and
:mod:`nllce.exercises` imports both, in that order, so there is no import cycle.
"""

import html
import math
import numbers
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

__all__ = [
    "Exercise",
    "Feedback",
    "Mistake",
    "check",
    "exercise",
    "labels",
    "reference",
    "register",
]

KINDS = ("number", "array", "expression", "function", "choice")
_NOT_ANSWERED = "not answered yet: replace the ... with your answer and run the cell again."


@dataclass(frozen=True)
class Mistake:
    """A wrong answer we expect, and what to tell the reader who gives it.

    Parameters
    ----------
    message : str
        Targeted feedback: what the reader probably did and how to fix it.
    answer : object, optional
        The wrong answer itself (same kind as the exercise's reference), compared
        with the reader's answer exactly as the reference is.
    matches : callable, optional
        ``matches(answer) -> bool`` instead of `answer`, for mistakes that are a
        family of answers (for example "any negative number").
    """

    message: str
    answer: Any = None
    matches: Callable[[Any], bool] | None = None

    def __post_init__(self):
        if not isinstance(self.message, str) or not self.message.strip():
            raise ValueError(f"`message` must be a non-empty string; got {self.message!r}")
        if (self.answer is None) == (self.matches is None):
            raise ValueError("a Mistake needs exactly one of `answer` and `matches`")


@dataclass(frozen=True)
class Exercise:
    """One checkable exercise.

    Parameters
    ----------
    label : str
        The label of the ``{exercise}`` block in the book.
    kind : {"number", "array", "expression", "function", "choice"}
        What an answer is.
    reference : object
        The correct answer, computed with :mod:`nllce`. For ``"function"`` a
        function; for ``"choice"`` one of `choices`.
    mistakes : sequence of Mistake
        Anticipated wrong answers, checked in order after the reference.
    hint : str
        Said about an answer that is neither correct nor an anticipated mistake.
    explanation : str, optional
        Said with "correct": why it is right, in one sentence.
    inputs : sequence of tuples, optional
        For ``"function"``: the argument tuples the answer is called with.
    choices : sequence, optional
        For ``"choice"``: the valid answers.
    rtol, atol : float
        Tolerances for numbers, arrays and function outputs (relative 1e-3
        accepts answers rounded to four significant digits).
    """

    label: str
    kind: str
    reference: Any
    mistakes: Sequence[Mistake] = ()
    hint: str = ""
    explanation: str = ""
    inputs: Sequence[tuple] = ()
    choices: Sequence[Any] = ()
    rtol: float = 1e-3
    atol: float = 1e-9
    _compare: Callable = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError(f"`label` must be a non-empty string; got {self.label!r}")
        if self.kind not in KINDS:
            raise ValueError(f"`kind` must be one of {KINDS}; got {self.kind!r}")
        if not self.hint:
            raise ValueError(f"exercise {self.label!r} needs a `hint` for unexpected answers")
        if self.kind == "function" and not self.inputs:
            raise ValueError(f"function exercise {self.label!r} needs `inputs` to call it on")
        if self.kind == "choice" and self.reference not in self.choices:
            raise ValueError(f"`reference` of {self.label!r} must be one of `choices`")
        object.__setattr__(self, "mistakes", tuple(self.mistakes))
        object.__setattr__(self, "inputs", tuple(tuple(args) for args in self.inputs))
        object.__setattr__(self, "choices", tuple(self.choices))

    def check(self, answer) -> "Feedback":
        """Compare `answer` with the reference and the anticipated mistakes."""
        if answer is Ellipsis:
            return Feedback(self.label, "unanswered", _NOT_ANSWERED)
        try:
            normalised = _NORMALISE[self.kind](self, answer)
        except _InvalidAnswer as problem:
            return Feedback(self.label, "invalid", str(problem))
        if self._same(normalised, self.reference):
            return Feedback(self.label, "correct", f"correct. {self.explanation}".strip())
        for mistake in self.mistakes:
            hit = (
                mistake.matches(normalised)
                if mistake.matches is not None
                else self._same(normalised, mistake.answer)
            )
            if hit:
                return Feedback(self.label, "mistake", mistake.message)
        return Feedback(self.label, "unexpected", f"not yet: {_describe(normalised)}. {self.hint}")

    def _same(self, answer, expected) -> bool:
        return _SAME[self.kind](self, answer, expected)


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``status`` is ``"correct"``, ``"mistake"`` (an anticipated one, with targeted
    feedback), ``"unexpected"`` (a wrong answer we did not anticipate; the message
    gives a hint),
    ``"invalid"`` (not the kind of answer asked for) or ``"unanswered"``.
    """

    label: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        return self.status != "unanswered"

    def __repr__(self) -> str:
        return f"{_ICONS[self.status]} {self.label}: {self.message}"

    def _repr_html_(self) -> str:
        colour = _BORDERS[self.status]
        return (
            f'<div class="nllce-feedback nllce-feedback-{self.status}" role="status" '
            f'style="border-left:4px solid {colour};padding:0.3em 0.7em;margin:0.3em 0">'
            f"<strong>{_ICONS[self.status]} <code>{html.escape(self.label)}</code></strong>: "
            f"{html.escape(self.message)}</div>"
        )


_ICONS = {"correct": "✓", "mistake": "✗", "unexpected": "✗", "invalid": "?", "unanswered": "…"}
_BORDERS = {  # the house palette: green, vermillion, orange, grey
    "correct": "#009E73",
    "mistake": "#D55E00",
    "unexpected": "#D55E00",
    "invalid": "#E69F00",
    "unanswered": "#5F5F5F",
}

_REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add `exercise` to the registry; its label must be new."""
    if not isinstance(exercise, Exercise):
        raise TypeError(f"`exercise` must be an Exercise; got {type(exercise).__name__}")
    if exercise.label in _REGISTRY:
        raise ValueError(f"`exercise` label {exercise.label!r} is already registered")
    _REGISTRY[exercise.label] = exercise
    return exercise


def labels() -> list[str]:
    """The labels of every registered exercise, sorted."""
    return sorted(_REGISTRY)


def exercise(label: str) -> Exercise:
    """The registered exercise with this `label`."""
    if label not in _REGISTRY:
        known = ", ".join(labels())
        raise ValueError(f"`label` {label!r} is not a known exercise; known labels: {known}")
    return _REGISTRY[label]


def reference(label: str):
    """The reference answer of an exercise (what a solution computes)."""
    return exercise(label).reference


def check(label: str, answer) -> Feedback:
    """Check `answer` to the exercise `label`; ``...`` means not answered yet.

    Returns
    -------
    Feedback
        ``.correct``, ``.status`` and a ``.message`` that says what to fix.
    """
    return exercise(label).check(answer)


# --- normalising answers -------------------------------------------------------


class _InvalidAnswer(ValueError):
    """The answer is not of the kind the exercise asks for."""


def _as_number(exercise, answer):
    if isinstance(answer, sympy.Basic):
        if not answer.is_number:
            raise _InvalidAnswer(f"expected a number, got the expression {answer}")
        answer = complex(answer)
        if answer.imag:
            raise _InvalidAnswer(f"expected a real number, got {answer}")
        answer = answer.real
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.reshape(()).item()
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise _InvalidAnswer(f"expected a number, got {type(answer).__name__} {answer!r}")
    return float(answer)


def _as_array(exercise, answer):
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError) as error:
        raise _InvalidAnswer(f"expected a list or array of numbers, got {answer!r}") from error
    expected = np.shape(exercise.reference)
    if array.shape != expected:
        raise _InvalidAnswer(
            f"expected {expected[0] if len(expected) == 1 else expected} numbers "
            f"(shape {expected}), one per class, including classes that never occur; "
            f"got shape {array.shape}"
        )
    return array


def _as_expression(exercise, answer):
    try:
        expression = sympy.sympify(answer)
    except (sympy.SympifyError, TypeError) as error:
        raise _InvalidAnswer(f"expected a sympy expression, got {answer!r}") from error
    return _by_name(expression)


def _as_function(exercise, answer):
    if not callable(answer):
        raise _InvalidAnswer(f"expected a function, got {type(answer).__name__} {answer!r}")
    outputs = []
    for args in exercise.inputs:
        try:
            outputs.append(_quietly(answer, args))
        except Exception as error:  # the reader's code: report, do not crash
            raise _InvalidAnswer(
                f"your function raised {type(error).__name__}: {error} "
                f"when called with {_describe_args(args)}"
            ) from error
    return _CalledFunction(tuple(outputs))


def _as_choice(exercise, answer):
    chosen = answer.strip().upper() if isinstance(answer, str) else answer
    for choice in exercise.choices:
        if chosen == (choice.upper() if isinstance(choice, str) else choice):
            return choice
    raise _InvalidAnswer(
        f"expected one of {', '.join(map(repr, exercise.choices))}; got {answer!r}"
    )


_NORMALISE = {
    "number": _as_number,
    "array": _as_array,
    "expression": _as_expression,
    "function": _as_function,
    "choice": _as_choice,
}


@dataclass(frozen=True)
class _CalledFunction:
    """A function answer, represented by its outputs on the exercise's inputs."""

    outputs: tuple


def _quietly(function, args):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args))


def _close(exercise, answer, expected) -> bool:
    try:
        answer = np.asarray(answer, dtype=float)
        expected = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if answer.shape != expected.shape:
        return False
    return bool(np.allclose(answer, expected, rtol=exercise.rtol, atol=exercise.atol))


def _same_function(exercise, answer, expected) -> bool:
    if callable(expected):
        expected = _CalledFunction(tuple(_quietly(expected, args) for args in exercise.inputs))
    return all(
        _close(exercise, mine, theirs)
        for mine, theirs in zip(answer.outputs, expected.outputs, strict=True)
    )


def _same_expression(exercise, answer, expected) -> bool:
    difference = sympy.simplify(sympy.expand_log(answer - _by_name(expected)))
    return difference == 0


_SAME = {
    "number": _close,
    "array": _close,
    "expression": _same_expression,
    "function": _same_function,
    "choice": lambda exercise, answer, expected: answer == expected,
}


def _by_name(expression):
    """Replace every symbol by a positive one of the same name, so q0 == q0 whatever
    assumptions the reader gave it (probabilities are positive)."""
    return expression.xreplace(
        {symbol: sympy.Symbol(symbol.name, positive=True) for symbol in expression.free_symbols}
    )


def _describe(answer) -> str:
    if isinstance(answer, _CalledFunction):
        shown = ", ".join(_describe(output) for output in answer.outputs)
        return f"your function returned {shown} on the test inputs"
    if isinstance(answer, float):
        return f"you gave {answer:.6g}" if math.isfinite(answer) else f"you gave {answer}"
    if isinstance(answer, np.ndarray):
        return f"you gave {np.array2string(answer, precision=4)}"
    return f"you gave {answer}"


def _describe_args(args) -> str:
    return ", ".join(
        f"an array of {a.size} values" if isinstance(a, np.ndarray) and a.size > 6 else repr(a)
        for a in args
    )

