"""The checker behind :mod:`nllce.exercises`: exercises, mistakes, the registry, ``check``.

This module imports no definition; the definition modules import it and
:mod:`nllce.exercises` imports both, in that order, so there is no import cycle. Its
helpers are private modules that import no definition either: ``_answers`` reads
numbers, arrays and choices, ``_expressions`` reads and compares expressions (text is
parsed, never run), ``_functions`` calls function answers and ``_limits`` stops one
that runs too long.

How an answer is judged, in order: ``...`` is *unanswered*; an answer that cannot be
read as the kind asked for is *invalid* (the message says what was expected); then
*correct* if it matches the reference, *mistake* if it matches an anticipated mistake
(its own message), *invalid* if it is nan (after the mistakes, which may explain the
nan), *close* if it is a number or array within a few percent of the reference
(rounded too much), else *unexpected*, with the exercise's hint. :func:`check` never
raises because of an answer.
"""

from __future__ import annotations

import copy
import html
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ._answers import (
    InvalidAnswer,
    as_array,
    as_choice,
    as_number,
    describe,
    error_text,
    short,
)
from ._expressions import as_expression, same
from ._functions import call, call_with_limit, describe_args, does_nothing, read_like
from ._limits import TimeLimitExceeded, time_limit

__all__ = [
    "STATUSES",
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
#: Every status :func:`check` can give, best first.
STATUSES = ("correct", "close", "mistake", "unexpected", "invalid", "unanswered")
#: Seconds reading and comparing an expression answer may take.
EXPRESSION_TIME_LIMIT = 10.0
#: A number or array this close to the reference (relative) is "close", rounded too much.
CLOSE = 0.05
_NOT_ANSWERED = "not answered yet: replace the ... with your answer and run the cell again."
_STUB = (
    "not answered yet: your function's body is still `...`; write it (with a `return`) "
    "and run the cell again."
)
_NAN_CAUSES = (
    "something was undefined, most often 0 * log 0 (numpy gives 0 * -inf = nan; the "
    "convention is 0 log 0 = 0, so leave out the terms with p_i = 0), or inf - inf, or 0 / 0."
)
_NAN = f"your answer is nan (not a number): {_NAN_CAUSES}"


def _frozen(value):
    """A read-only copy of an array (anything else as it is)."""
    if isinstance(value, np.ndarray):
        value = value.copy()
        value.setflags(write=False)
    return value


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
        family of answers (for example "any negative number", or nan). It gets the
        answer as read: a float, a float array, a sympy expression, the choice, or for
        a function the tuple of its outputs. An exception inside it means no match.
    """

    message: str
    answer: Any = None
    matches: Callable[[Any], bool] | None = None

    def __post_init__(self):
        if not isinstance(self.message, str) or not self.message.strip():
            raise ValueError(f"`message` must be a non-empty string; got {self.message!r}")
        if (self.answer is None) == (self.matches is None):
            raise ValueError("a Mistake needs exactly one of `answer` and `matches`")
        object.__setattr__(self, "answer", _frozen(self.answer))


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
    sig_figs : int
        Numbers and arrays: an answer right to this many significant figures is
        correct (for an array, figures of its largest entry; 0.241 for 0.24131).
    decimals : int, optional
        Instead of `sig_figs`: right to this many decimals (for "give 4 decimals").
    rtol, atol : float
        `rtol`: relative tolerance of a function's outputs. `atol`: absolute tolerance
        everywhere (for references that are 0 up to rounding).
    """

    label: str
    kind: str
    reference: Any
    mistakes: Sequence[Mistake] = ()
    hint: str = ""
    explanation: str = ""
    inputs: Sequence[tuple] = ()
    choices: Sequence[Any] = ()
    sig_figs: int = 3
    decimals: int | None = None
    rtol: float = 1e-3
    atol: float = 1e-9
    _judge: Callable = field(init=False, repr=False, compare=False)

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
        if self.kind == "array":
            object.__setattr__(self, "reference", np.asarray(self.reference, dtype=float))
        object.__setattr__(self, "reference", _frozen(self.reference))
        object.__setattr__(self, "mistakes", tuple(self.mistakes))
        object.__setattr__(self, "inputs", tuple(tuple(map(_frozen, a)) for a in self.inputs))
        object.__setattr__(self, "choices", tuple(self.choices))
        object.__setattr__(self, "_judge", getattr(self, f"_judge_{self.kind}"))

    def check(self, answer) -> Feedback:
        """Judge `answer` (see the module docstring); never raises because of it."""
        if answer is Ellipsis:
            return self._feedback("unanswered", _NOT_ANSWERED)
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return self._judge(answer)
        except InvalidAnswer as problem:
            return self._feedback("invalid", str(problem))
        except TimeLimitExceeded:
            return self._feedback("invalid", "checking this answer took too long; simplify it.")
        except Exception as error:  # the reader's object did something odd: say so, go on
            return self._feedback(
                "invalid",
                f"could not read this answer ({error_text(error)}); "
                f"expected {_EXPECTED[self.kind]}.",
            )

    # --- one judge per kind --------------------------------------------------------

    def _judge_number(self, answer) -> Feedback:
        return self._judge_values(as_number(answer), float(self.reference), as_number)

    def _judge_array(self, answer) -> Feedback:
        shape = self.reference.shape
        return self._judge_values(
            as_array(answer, shape), self.reference, lambda value: as_array(value, shape)
        )

    def _judge_values(self, value, reference, read) -> Feedback:
        if _within(value, reference, self._tolerance(reference)):
            return self._correct()
        for mistake in self.mistakes:
            if mistake.matches is not None:
                hit = _predicate(mistake.matches, value)
            else:
                expected = read(mistake.answer)
                hit = _within(value, expected, self._tolerance(expected))
            if hit:
                return self._feedback("mistake", mistake.message)
        if np.isnan(value).any():
            return self._feedback("invalid", _NAN)
        scale = float(np.max(np.abs(reference), initial=0.0))
        if np.all(np.abs(value - reference) <= CLOSE * scale):
            rule = (
                f"{self.decimals} decimals" if self.decimals is not None
                else f"{self.sig_figs} significant figures"
            )
            return self._feedback(
                "close",
                f"close: keep more digits. You gave {describe(value)}; round to at least "
                f"{rule}, or keep the number as Python computes it.",
            )
        return self._unexpected(f"you gave {describe(value)}")

    def _judge_choice(self, answer) -> Feedback:
        chosen = as_choice(answer, self.choices)
        if chosen == self.reference:
            return self._correct()
        for mistake in self.mistakes:
            hit = (
                _predicate(mistake.matches, chosen)
                if mistake.matches is not None
                else chosen == mistake.answer
            )
            if hit:
                return self._feedback("mistake", mistake.message)
        return self._unexpected(f"you gave {short(chosen)}")

    def _judge_expression(self, answer) -> Feedback:
        with time_limit(EXPRESSION_TIME_LIMIT):
            expression, note = as_expression(answer, self.reference)
            if same(expression, self.reference):
                return self._correct(note)
            for mistake in self.mistakes:
                hit = (
                    _predicate(mistake.matches, expression)
                    if mistake.matches is not None
                    else same(expression, as_expression(mistake.answer, self.reference)[0])
                )
                if hit:
                    return self._feedback("mistake", f"{mistake.message} {note}".strip())
            return self._unexpected(f"you gave {short(expression)}", note)

    def _judge_function(self, answer) -> Feedback:
        if not callable(answer):
            raise InvalidAnswer(
                f"expected a function (define it with def, then pass its name), got "
                f"{'None' if answer is None else type(answer).__name__ + ' ' + short(answer)}"
            )
        raw = call_with_limit(answer, self.inputs)
        if all(output is None for output in raw):
            if does_nothing(answer):
                return self._feedback("unanswered", _STUB)
            raise InvalidAnswer("your function returned None: did you forget `return`?")
        outputs = []
        for output, args, expected in zip(raw, self.inputs, self._reference_outputs, strict=True):
            try:
                outputs.append(read_like(output, expected))
            except InvalidAnswer as problem:
                raise InvalidAnswer(
                    f"when called with {describe_args(args)}, your function returned "
                    f"{short(output)}: {problem}"
                ) from None
        if self._same_outputs(outputs, self._reference_outputs):
            return self._correct()
        for index, mistake in enumerate(self.mistakes):
            if mistake.matches is not None:
                hit = _predicate(mistake.matches, tuple(outputs))
            else:
                expected = self._mistake_outputs.get(index)
                hit = expected is not None and self._same_outputs(outputs, expected)
            if hit:
                return self._feedback("mistake", mistake.message)
        for output, args in zip(outputs, self.inputs, strict=True):
            if np.isnan(output).any():
                raise InvalidAnswer(
                    f"when called with {describe_args(args)}, your function returned nan: "
                    f"{_NAN_CAUSES}"
                )
        returned = ", ".join(describe(output) for output in outputs)
        return self._unexpected(f"your function returned {returned} on the test inputs")

    # --- helpers ----------------------------------------------------------------------

    @cached_property
    def _reference_outputs(self) -> tuple:
        return tuple(
            _frozen(read_like(call(self.reference, args), None)) for args in self.inputs
        )

    @cached_property
    def _mistake_outputs(self) -> dict[int, tuple]:
        outputs = {}
        for index, mistake in enumerate(self.mistakes):
            if mistake.answer is None:
                continue
            try:
                outputs[index] = tuple(
                    read_like(call(mistake.answer, args), None) for args in self.inputs
                )
            except Exception:  # a mistake that cannot run on some input matches nothing
                continue
        return outputs

    def _same_outputs(self, outputs, expected) -> bool:
        return all(
            np.shape(mine) == np.shape(theirs)
            and bool(np.allclose(mine, theirs, rtol=self.rtol, atol=self.atol))
            for mine, theirs in zip(outputs, expected, strict=True)
        )

    def _tolerance(self, expected) -> float:
        """Half a unit of the last digit that must be right (see `sig_figs`, `decimals`)."""
        if self.decimals is not None:
            return max(0.5 * 10.0 ** -self.decimals * (1 + 1e-9), self.atol)
        finite = np.abs(np.asarray(expected, dtype=float))
        finite = finite[np.isfinite(finite)]
        scale = float(np.max(finite, initial=0.0))
        if scale == 0:
            return self.atol
        last_digit = 10.0 ** (math.floor(math.log10(scale)) - (self.sig_figs - 1))
        return max(0.5 * last_digit * (1 + 1e-9), self.atol)

    def _feedback(self, status: str, message: str) -> Feedback:
        return Feedback(self.label, status, message)

    def _correct(self, note: str = "") -> Feedback:
        message = " ".join(part for part in ("correct.", self.explanation, note) if part)
        return self._feedback("correct", message)

    def _unexpected(self, given: str, note: str = "") -> Feedback:
        """"not yet: `given`. <hint>"; `given` is "you gave 0.9" or "your function ..."."""
        message = f"not yet: {given}. {self.hint} {note}"
        return self._feedback("unexpected", message.strip())


_EXPECTED = {
    "number": "a number",
    "array": "a list or array of numbers",
    "expression": "a sympy expression",
    "function": "a function",
    "choice": "one of the choices",
}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``status`` is one of ``"correct"``; ``"close"`` (a number or array within a
    few percent of the answer: rounded too much); ``"mistake"`` (an
    anticipated one, with targeted feedback); ``"unexpected"`` (a wrong answer we did
    not anticipate; the message gives a hint); ``"invalid"`` (not the kind of answer
    asked for, nan, or a function that raised or ran too long; the message says what was
    expected) or ``"unanswered"``.

    In a notebook it shows as a coloured box whose HTML carries ``data-exercise`` (the
    label) and ``data-status``, which the grader (``make grade``, ``tools/grade.py``)
    reads from the saved outputs.
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
        label = html.escape(self.label)
        return (
            f'<div class="nllce-feedback nllce-feedback-{self.status}" '
            f'data-exercise="{label}" data-status="{self.status}" role="status" '
            f'style="border-left:4px solid {_BORDERS[self.status]};padding:0.3em 0.7em;'
            f'margin:0.3em 0"><strong>{_ICONS[self.status]} <code>{label}</code></strong>: '
            f"{html.escape(self.message)}</div>"
        )


_ICONS = {
    "correct": "✓",
    "close": "≈",
    "mistake": "✗",
    "unexpected": "✗",
    "invalid": "?",
    "unanswered": "…",
}
_BORDERS = {  # the house palette: green, blue, vermillion, orange, grey
    "correct": "#009E73",
    "close": "#0072B2",
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
    if not isinstance(label, str):
        raise TypeError(
            f"`label` must be a string such as 'ex-likelihood-worked'; got "
            f"{type(label).__name__} {short(label)}"
        )
    if label not in _REGISTRY:
        known = ", ".join(labels())
        raise ValueError(f"`label` {label!r} is not a known exercise; known labels: {known}")
    return _REGISTRY[label]


def reference(label: str):
    """A copy of the reference answer of an exercise (what a solution computes)."""
    value = exercise(label).reference
    return value.copy() if isinstance(value, np.ndarray) else copy.deepcopy(value)


def check(label: str, answer) -> Feedback:
    """Check `answer` to the exercise `label`; ``...`` means not answered yet.

    Never raises because of `answer` (a wrong `label` raises ``TypeError`` or
    ``ValueError``).

    Returns
    -------
    Feedback
        ``.correct``, ``.status`` (see :class:`Feedback`) and a ``.message`` that
        says what to fix.
    """
    return exercise(label).check(answer)


def is_nan(answer) -> bool:
    """A `Mistake.matches` for an nan answer (or an array holding one): 0 log 0 and kin."""
    return bool(np.isnan(np.asarray(answer, dtype=float)).any())


def _predicate(matches, value) -> bool:
    try:
        return bool(matches(value))
    except Exception:  # a predicate that cannot handle this answer does not match it
        return False


def _within(value, expected, tolerance: float) -> bool:
    """Equal shapes and every entry within `tolerance` (infinities must be equal)."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    if value.shape != expected.shape:
        return False
    with np.errstate(invalid="ignore"):
        return bool(np.all((value == expected) | (np.abs(value - expected) <= tolerance)))
