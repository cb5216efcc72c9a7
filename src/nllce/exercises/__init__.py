"""Self-checking exercises: ``check(label, answer)`` says correct, or what went wrong.

Each exercise of the book is registered under the label of its ``{exercise}``
block, with a reference answer computed by :mod:`nllce` (never typed in) and the
mistakes we expect, each with its own feedback: a log in base 2 instead of e, a
forgotten ``1/N``, ``p`` and ``q`` swapped, a flipped sign, a product that
underflowed to 0.0, ... An answer may be a number, an array, a sympy expression, a
small function (called on test inputs) or one of a few choices.

Where things live, and how to add an exercise
---------------------------------------------
- ``_checker``: :class:`Exercise`, :class:`Mistake`, :func:`register` and
  :func:`check`. It imports no definition, and neither do its helpers: ``_answers``
  (the forms a number, an array or a choice may take), ``_expressions`` (text parsed,
  never run; symbols read by name), ``_functions`` and ``_limits`` (a function answer
  runs within a time limit).
- Verdicts (:class:`Feedback`): ``correct``, ``close`` (right but rounded too much),
  ``mistake`` (anticipated, with its own hint), ``unexpected``, ``invalid`` and
  ``unanswered``. A number right to three significant figures is correct; ``check``
  never raises because of an answer.
- One definition module per part of the book, each calling :func:`register`:
  ``_part1`` (chapters 1-2), ``_part1_information`` (chapters 3-4), ``_codes``
  (chapter 5, bits and codes), ``_held_out``
  (the held-out chapter), ``_problems1`` (Part I's problem set), ``_part2`` (Part
  II's chapters) and ``_problems2`` (Part II's problem set). Their inputs come from
  :mod:`nllce.book_data`.
- ``_export``: :func:`export` and :func:`export_all`, the registry as JSON-serialisable
  data, from which the static page's answer boxes judge (``assets/answer-boxes.js``).
- This module imports the checker, then every definition module once, below.

To add an exercise, write its ``{exercise}`` block in the chapter and one
``register(Exercise(...))`` in the definition module of that part (put any new
input in :mod:`nllce.book_data`, so the chapter can import it). Labels are what
students' notebooks call: never rename one.

Examples
--------
>>> from nllce.exercises import check
>>> check("ex-likelihood-worked", ...).message  # doctest: +ELLIPSIS
'not answered yet: replace the ... with your answer and run the cell again.'
>>> check("ex-likelihood-worked", 0.5 * 0.5 * 0.3)
✓ ex-likelihood-worked: correct. L = q_2 q_2 q_1.
>>> check("ex-likelihood-worked", 0.5 + 0.5 + 0.3).message
'Each draw contributes a factor: the likelihood multiplies the probabilities, it does not add them.'
"""

# Importing a definition module registers its exercises; each imports only `_checker`.
from . import (  # noqa: F401
    _codes,
    _held_out,
    _part1,
    _part1_information,
    _part2,
    _problems1,
    _problems2,
)
from ._checker import (
    Exercise,
    Feedback,
    Mistake,
    check,
    exercise,
    labels,
    reference,
    register,
)
from ._export import export, export_all

__all__ = [
    "Exercise",
    "Feedback",
    "Mistake",
    "check",
    "exercise",
    "export",
    "export_all",
    "labels",
    "reference",
    "register",
]

# Document and show the public names where readers import them from.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
