"""Reading answers: the many forms a reader may give a number, an array or a choice.

Everything here turns an answer into a plain float, a float array or one of the
exercise's choices, or raises :class:`InvalidAnswer` with a message that says what was
expected and what was given. Accepted forms:

- numbers: ``int``, ``float``, :class:`~fractions.Fraction`, :class:`~decimal.Decimal`,
  numpy scalars, sympy numbers (``Rational(3, 40)``, ``log(2)``), 0-d arrays and
  tensors (anything with ``detach``/``numpy`` like a torch tensor, or ``__array__``),
  and one-element lists, tuples and arrays (``[0.075]``);
- arrays: lists, tuples, numpy arrays, tensors and sympy matrices, as a flat vector, a
  row or a column when the exercise asks for a vector;
- choices: the choice itself, any case and spacing, ``"(B)"``, ``"3"`` for ``3``.

Refused, with a message: ``None``, ``True``/``False``, text where a number is asked
(``"0.075"``), complex numbers (even with a right real part), dates, sympy expressions
that still hold symbols, equations, and numbers too large for a float.
"""

from __future__ import annotations

import decimal
import fractions
import math
import numbers
import re

import numpy as np
import sympy

__all__ = [
    "InvalidAnswer",
    "as_array",
    "as_choice",
    "as_number",
    "describe",
    "error_text",
    "short",
]


class InvalidAnswer(ValueError):
    """The answer is not of the kind the exercise asks for (the message says why)."""


def short(value, limit: int = 60) -> str:
    """A one-line ``repr`` of `value`, cut to about `limit` characters; never raises."""
    try:
        text = repr(value)
    except Exception:  # the reader's object: its repr may fail too
        text = f"<a {type(value).__name__} object>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def error_text(error: BaseException, limit: int = 120) -> str:
    """``Type: message`` of an exception raised by the reader's code; never raises."""
    try:
        text = " ".join(str(error).split())
    except Exception:  # an exception whose __str__ fails
        text = ""
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _given(value) -> str:
    """How an answer reads in "got ..." messages."""
    if value is None:
        return "None"
    if isinstance(value, str | bytes):
        return f"the text {short(value)}"
    if callable(value) and not hasattr(value, "__array__"):
        return f"the function {getattr(value, '__name__', short(value))}"
    return f"{type(value).__name__} {short(value)}"


def _from_tensor(answer):
    """A torch-like tensor (``detach``, ``cpu``, ``numpy``) as a numpy array."""
    for method in ("detach", "cpu", "numpy"):
        if callable(getattr(answer, method, None)):
            answer = getattr(answer, method)()
    return answer


def _sympy_number(value) -> float:
    if isinstance(value, sympy.core.relational.Relational):
        raise InvalidAnswer(f"expected a number, got the equation {short(value)}")
    if not isinstance(value, sympy.Expr):
        raise InvalidAnswer(f"expected a number, got the sympy object {short(value)}")
    if value.free_symbols:
        raise InvalidAnswer(
            f"expected a number, got the expression {short(value)}, which still holds the "
            f"symbols {', '.join(sorted(map(str, value.free_symbols)))}: substitute numbers"
        )
    number = value.evalf()
    if number is sympy.nan:
        return math.nan
    if number in (sympy.oo, -sympy.oo):
        return float(number)
    real, imaginary = number.as_real_imag()
    if imaginary != 0 or number is sympy.zoo:
        raise InvalidAnswer(f"expected a real number, got {short(value)}, which is complex")
    return float(real)


def _scalar(value) -> float:
    """One entry of an answer as a float (nan and inf pass; the judge decides)."""
    if isinstance(value, bool | np.bool_):
        raise InvalidAnswer(
            f"expected a number, got {value}: True and False are not numbers here"
        )
    if isinstance(value, sympy.Basic):
        return _sympy_number(value)
    if isinstance(value, complex | np.complexfloating):
        raise InvalidAnswer(
            f"expected a real number, got the complex number {short(value)}: take out the "
            "complex arithmetic (np.lib.scimath, ** of a negative number, np.sqrt of a "
            "complex array)"
        )
    if isinstance(value, numbers.Real | decimal.Decimal | fractions.Fraction):
        try:
            return float(value)
        except OverflowError:
            raise InvalidAnswer(
                f"expected a number of ordinary size, got {short(value, 30)}, which is too "
                "large for a float (over 1.8e308)"
            ) from None
    raise InvalidAnswer(f"expected a number, got {_given(value)}")


def _to_array(answer, expected: str) -> np.ndarray:
    """`answer` as a float array of any shape, or :class:`InvalidAnswer` about `expected`."""
    if answer is None:
        raise InvalidAnswer(
            f"expected {expected}, got None: did the cell assign the answer? (A function "
            "without `return` also gives None.)"
        )
    if isinstance(answer, str | bytes):
        raise InvalidAnswer(
            f"expected {expected}, got the text {short(answer)}: give a number, not a "
            "string (remove the quotes)"
        )
    if isinstance(answer, dict | set | frozenset):
        raise InvalidAnswer(f"expected {expected}, got a {type(answer).__name__}")
    answer = _from_tensor(answer)
    if isinstance(answer, sympy.MatrixBase):
        answer = answer.tolist()
    if isinstance(answer, sympy.Basic | numbers.Number | decimal.Decimal | np.generic):
        return np.array(_scalar(answer))
    if callable(answer) and not hasattr(answer, "__array__"):
        raise InvalidAnswer(
            f"expected {expected}, got {_given(answer)}: call it and give what it returns"
        )
    try:
        array = np.asarray(answer)
    except (TypeError, ValueError, OverflowError, RecursionError, MemoryError):
        raise InvalidAnswer(
            f"expected {expected}, got {_given(answer)}, which is not a regular list of "
            "numbers (are some rows longer than others?)"
        ) from None
    kind = array.dtype.kind
    if kind in "iuf":
        return array.astype(float)
    if kind == "b":
        raise InvalidAnswer(
            f"expected {expected}, got True/False values ({short(answer)}): True and False "
            "are not numbers here"
        )
    if kind == "c":
        raise InvalidAnswer(
            f"expected real numbers, got complex ones ({short(answer)}): even when the real "
            "part is right, a complex result means a log or square root of a negative number"
        )
    if kind in "US":
        raise InvalidAnswer(
            f"expected {expected}, got text ({short(answer)}): give numbers, not strings"
        )
    if kind == "O":
        return _scalar_array(array)
    raise InvalidAnswer(f"expected {expected}, got {_given(answer)} (dtype {array.dtype})")


def _scalar_array(array: np.ndarray) -> np.ndarray:
    values = [_scalar(item) for item in array.reshape(-1)]
    return np.array(values, dtype=float).reshape(array.shape)


def as_number(answer) -> float:
    """`answer` as one float (nan and inf included), or :class:`InvalidAnswer`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> as_number([0.075]), as_number(Fraction(3, 40)), as_number(sympy.Rational(3, 40))
    (0.075, 0.075, 0.075)
    >>> as_number(True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nllce.exercises._answers.InvalidAnswer: expected a number, got True: ...
    """
    array = _to_array(answer, "a number")
    if array.size != 1:
        got = "an empty list" if array.size == 0 else f"{array.size} numbers"
        raise InvalidAnswer(f"expected one number, got {got} ({short(answer)})")
    return float(array.reshape(-1)[0])


def as_array(answer, shape: tuple[int, ...]) -> np.ndarray:
    """`answer` as a float array of `shape` (a row or column for a vector), or refuse it.

    Examples
    --------
    >>> as_array([[1], [2], [3]], (3,))
    array([1., 2., 3.])
    >>> as_array(sympy.Matrix([[1, 2, 3]]), (3,))
    array([1., 2., 3.])
    """
    size = math.prod(shape)
    expected = f"{size} numbers" if len(shape) == 1 else f"an array of shape {shape}"
    array = _to_array(answer, expected)
    if array.shape == shape:
        return array
    if array.size == size and len(shape) == 1 and max(array.shape, default=1) == size:
        return array.reshape(shape)  # a row or a column vector
    per_class = ", one per class, including classes that never occur" if len(shape) == 1 else ""
    got = "one number" if array.ndim == 0 else f"shape {array.shape}"
    raise InvalidAnswer(
        f"expected {size if len(shape) == 1 else shape} numbers (shape {shape}){per_class}; "
        f"got {got}"
    )


def _choice_key(value):
    """What a choice is compared by: upper-case text without decoration, or an int."""
    if isinstance(value, str):
        text = re.sub(r"^[\s(\[\"']+|[\s)\]\"'.:]+$", "", value).upper()
        return int(text) if re.fullmatch(r"[+-]?\d+", text) else text
    if isinstance(value, bool | np.bool_):
        raise InvalidAnswer(f"{value} is not one of the choices")
    value = _from_tensor(value)
    if isinstance(value, list | tuple | np.ndarray) and np.size(value) == 1:
        return _choice_key(np.asarray(value, dtype=object).reshape(-1)[0])
    number = _scalar(value)
    if number.is_integer():
        return int(number)
    raise InvalidAnswer(f"{short(value)} is not one of the choices")


def as_choice(answer, choices: tuple):
    """The choice `answer` names, or :class:`InvalidAnswer` listing the choices.

    Examples
    --------
    >>> as_choice(" (b) ", ("A", "B")), as_choice("3", (1, 2, 3))
    ('B', 3)
    """
    listed = ", ".join(map(repr, choices))
    try:
        key = _choice_key(answer)
    except InvalidAnswer as problem:
        raise InvalidAnswer(f"expected one of {listed}; got {_given(answer)}") from problem
    for choice in choices:
        if _choice_key(choice) == key:
            return choice
    raise InvalidAnswer(f"expected one of {listed}; got {_given(answer)}")


def describe(value) -> str:
    """A normalised answer as the feedback quotes it: ``0.9``, ``[0.1 0.2]``."""
    if isinstance(value, float):
        return f"{value:.6g}" if math.isfinite(value) else str(value)
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, threshold=12)
    return short(value)
