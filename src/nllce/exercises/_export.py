"""The registry as data: what the static page's answer boxes judge with.

:func:`export` gives one exercise as JSON-serialisable data (only ``dict``, ``list``,
``str``, ``int``, ``float``, ``bool`` and ``None``; non-finite numbers are the strings
``"inf"``, ``"-inf"`` and ``"nan"``): its kind, reference, tolerance rule
(``sig_figs``/``decimals``, ``atol`` and the ``close`` band), the anticipated mistakes
with their messages, the hint and the explanation. The book's build embeds it in each
chapter page (``_ext/answer_boxes.py``), where ``assets/answer-boxes.js`` applies the
same generic rules as :meth:`Exercise.check` to it: nothing about an exercise is written
a second time.

- Numbers and arrays: the values (an array as nested lists, with its ``shape``).
- Choices: the choices, the reference and each mistake's choice.
- Expressions: the reference and each mistake as text in the syntax of the page's
  expression parser (npm ``mathjs``: ``^`` for powers), the expected symbols and the
  interval their values are drawn from (they are positive; probabilities).
- Predicate mistakes (``Mistake(matches=...)``) of a number exercise are exported as the
  classes of numbers they match (``"nan"``, ``"inf"``, ``"-inf"``, ``"negative"``,
  ``"zero"``, ``"positive"``), found by asking the predicate about a probe of each class;
  one that no union of classes describes is exported with ``"classes": None`` and never
  matches on the page.
- Functions: only the kind (the page says "run this one in a notebook").
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from ._answers import as_array, as_number
from ._checker import CLOSE, Exercise, _predicate, exercise, labels
from ._expressions import as_expression

__all__ = ["NUMBER_CLASSES", "SAMPLE_INTERVAL", "export", "export_all"]

#: Classes of numbers a predicate mistake is described by, with probe values of each.
NUMBER_CLASSES = {
    "nan": (math.nan,),
    "inf": (math.inf,),
    "-inf": (-math.inf,),
    "negative": (-1e6, -2.5, -1.0, -0.3, -1e-6),
    "zero": (0.0,),
    "positive": (1e-6, 0.3, 1.0, 2.5, 1e6),
}
#: Expression symbols are drawn from this interval (as in ``_expressions.same``).
SAMPLE_INTERVAL = (0.11, 0.89)
_FUNCTIONS = {"log", "exp", "sqrt"}


def _number(value: float):
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def _values(array) -> object:
    """A float or nested lists of floats, non-finite entries as strings."""
    array = np.asarray(array, dtype=float)
    if array.ndim == 0:
        return _number(array)
    return [_values(row) for row in array]


def _classes(matches) -> list[str] | None:
    """The union of `NUMBER_CLASSES` that `matches` answers yes for, or None."""
    chosen = []
    for name, probes in NUMBER_CLASSES.items():
        verdicts = {_predicate(matches, probe) for probe in probes}
        if len(verdicts) > 1:
            return None
        if verdicts == {True}:
            chosen.append(name)
    return chosen


def _evaluable(expression: sympy.Expr) -> str:
    """`expression` as text for the page's parser (mathjs): ``**`` becomes ``^``."""
    functions = {type(f).__name__ for f in expression.atoms(sympy.Function)}
    if not functions <= _FUNCTIONS:
        raise ValueError(f"cannot export the functions {sorted(functions - _FUNCTIONS)}")
    return sympy.sstr(expression, order="none").replace("**", "^")


def _common(item: Exercise) -> dict:
    return {
        "label": item.label,
        "kind": item.kind,
        "hint": item.hint,
        "explanation": item.explanation,
    }


def _export_values(item: Exercise) -> dict:
    if item.kind == "number":
        read, shape = as_number, []
    else:
        shape = list(item.reference.shape)
        read = lambda value: as_array(value, item.reference.shape)  # noqa: E731
    mistakes = []
    for mistake in item.mistakes:
        if mistake.matches is not None:
            classes = _classes(mistake.matches) if item.kind == "number" else None
            mistakes.append({"message": mistake.message, "classes": classes})
        else:
            mistakes.append({"message": mistake.message, "value": _values(read(mistake.answer))})
    return {
        "shape": shape,
        "reference": _values(read(item.reference)),
        "sig_figs": item.sig_figs,
        "decimals": item.decimals,
        "atol": item.atol,
        "close": CLOSE,
        "mistakes": mistakes,
    }


def _export_choice(item: Exercise) -> dict:
    return {
        "choices": list(item.choices),
        "reference": item.reference,
        "mistakes": [
            {"message": m.message, "choice": m.answer if m.matches is None else None}
            for m in item.mistakes
        ],
    }


def _export_expression(item: Exercise) -> dict:
    reference = item.reference
    mistakes = []
    for mistake in item.mistakes:
        if mistake.matches is not None:
            mistakes.append({"message": mistake.message, "expression": None})
        else:
            wrong = as_expression(mistake.answer, reference)[0]
            mistakes.append({"message": mistake.message, "expression": _evaluable(wrong)})
    return {
        "reference": _evaluable(reference),
        "symbols": sorted(symbol.name for symbol in reference.free_symbols),
        "domain": list(SAMPLE_INTERVAL),
        "mistakes": mistakes,
    }


def export(label: str) -> dict:
    """The exercise `label` as JSON-serialisable data (see the module docstring).

    Examples
    --------
    >>> data = export("ex-counts-expression")
    >>> data["kind"], data["reference"], data["symbols"]
    ('expression', 'q0*q1*q2^4', ['q0', 'q1', 'q2'])
    """
    item = exercise(label)
    data = _common(item)
    if item.kind in ("number", "array"):
        data.update(_export_values(item))
    elif item.kind == "choice":
        data.update(_export_choice(item))
    elif item.kind == "expression":
        data.update(_export_expression(item))
    return data


def export_all() -> dict[str, dict]:
    """:func:`export` of every registered exercise, by label."""
    return {label: export(label) for label in labels()}
