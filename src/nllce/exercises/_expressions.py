"""Expression answers: read them safely, put them in a normal form, compare them.

Text answers (``"q0*q1*q2**4"``) are never run as code: ``sympify``/``eval`` would
execute ``"__import__('os').system(...)"``. :func:`parse` reads the text with Python's
parser into a syntax tree and builds the sympy expression itself, node by node, from a
whitelist: numbers, names (which become positive symbols), ``+ - * / **`` (``^`` is
read as ``**``), ``q[0]`` for ``q0``, and the functions ``log``/``ln``, ``exp`` and
``sqrt``, called with plain arguments. Anything else -- attributes, other calls,
keywords, lambdas, strings, comparisons, names starting with ``_`` -- is refused
as not a plain expression, and nothing of the text is ever evaluated by Python.

The normal form (:func:`as_expression`):

- every symbol becomes a positive symbol of the same name (probabilities are
  positive), whatever assumptions the reader gave it; ``q[0]`` (an ``Indexed``, as in
  :mod:`nllce.symbolic`) becomes ``q0``;
- a float that is an exact rational with a small denominator (``4.0``, ``0.5``,
  ``1/3`` as ``0.333...``) becomes that rational (``nsimplify``), so ``q2**4.0`` is
  ``q2**4``;
- a symbol whose name differs from an expected one only in case, underscores or
  braces (``q_0``, ``Q0``, ``q_{0}``) is read as that one, and the feedback names the
  expected symbols.
"""

from __future__ import annotations

import ast
import random
import re

import sympy

from ._answers import InvalidAnswer, short

__all__ = ["as_expression", "parse", "same"]

_FUNCTIONS = {"log": sympy.log, "ln": sympy.log, "exp": sympy.exp, "sqrt": sympy.sqrt}
_CONSTANTS = {"pi": sympy.pi, "E": sympy.E}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_MAX_LENGTH = 500  # characters of text read
_MAX_NODES = 300  # syntax-tree nodes
_MAX_EXPONENT = 1000  # |exponent| of a number raised to a number
_OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_PLAIN = (
    "only numbers, symbols, + - * / ** (or ^), parentheses and log, exp, sqrt are "
    "allowed, as in 'q0*q1*q2**4'"
)


def parse(text: str) -> sympy.Expr:
    """Read `text` as a sympy expression without running it (see the module docstring).

    Examples
    --------
    >>> parse("q0*q1*q2^4")
    q0*q1*q2**4
    >>> parse("__import__('os').system('echo hi')")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nllce.exercises._answers.InvalidAnswer: `__import__('os').system('echo hi')` is not ...
    """
    if len(text) > _MAX_LENGTH:
        raise InvalidAnswer(f"the expression is too long (over {_MAX_LENGTH} characters)")
    source = text.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise InvalidAnswer(
            f"could not read {short(text)} as a sympy expression: write products with * and "
            "powers with ** (q0*q2**2, not q0 q2^2 or 2q0)"
        ) from None
    if sum(1 for _ in ast.walk(tree)) > _MAX_NODES:
        raise InvalidAnswer(f"the expression is too long (over {_MAX_NODES} parts)")
    return _build(tree.body)


def _refuse(node) -> InvalidAnswer:
    try:
        piece = ast.unparse(node)
    except Exception:  # an odd tree: name the node type instead
        piece = type(node).__name__
    piece = piece if len(piece) <= 40 else piece[:37] + "..."
    return InvalidAnswer(f"`{piece}` is not a plain expression: {_PLAIN}")


def _build(node) -> sympy.Expr:
    """The sympy expression of one whitelisted syntax-tree node."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _refuse(node)
        if isinstance(value, int):
            return sympy.Integer(value)
        return sympy.Float(repr(value)) if value == value else sympy.nan
    if isinstance(node, ast.Name):
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if node.id in _FUNCTIONS or not _NAME.fullmatch(node.id):
            raise _refuse(node)
        return sympy.Symbol(node.id, positive=True)
    if isinstance(node, ast.Subscript):  # q[0], the book's Indexed symbols, as q0
        base, index = node.value, node.slice
        if (
            isinstance(base, ast.Name)
            and _NAME.fullmatch(base.id)
            and isinstance(index, ast.Constant)
            and type(index.value) is int
            and 0 <= index.value < 1000
        ):
            return sympy.Symbol(f"{base.id}{index.value}", positive=True)
        raise _refuse(node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _build(node.operand)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_build(node.left), _build(node.right))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exponent = _build(node.left), _build(node.right)
        if base.is_number and exponent.is_number and abs(exponent) > _MAX_EXPONENT:
            raise InvalidAnswer(f"the exponent {short(exponent)} is too large to work with")
        return base**exponent
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and not node.keywords
        and 1 <= len(node.args) <= (2 if node.func.id in ("log", "ln") else 1)
        and not any(isinstance(arg, ast.Starred) for arg in node.args)
    ):
        return _FUNCTIONS[node.func.id](*(_build(arg) for arg in node.args))
    raise _refuse(node)


def _canonical(name: str) -> str:
    return re.sub(r"[_{}\s\\]", "", name).lower()


def _rational_floats(expression):
    """Replace floats that are exact small-denominator rationals (4.0, 0.5, 1/3)."""
    replacements = {}
    for number in expression.atoms(sympy.Float):
        rational = sympy.nsimplify(number, rational=True, tolerance=1e-12)
        if isinstance(rational, sympy.Rational) and rational.q <= 10**6:
            replacements[number] = rational
    return expression.xreplace(replacements) if replacements else expression


def _plain_symbols(expression):
    """``q[0]`` (an Indexed with an integer index) as the symbol ``q0``."""
    replacements = {
        indexed: sympy.Symbol(f"{indexed.base}{indexed.indices[0]}", positive=True)
        for indexed in expression.atoms(sympy.Indexed)
        if len(indexed.indices) == 1 and indexed.indices[0].is_Integer
    }
    return expression.xreplace(replacements) if replacements else expression


def as_expression(answer, expected: sympy.Expr) -> tuple[sympy.Expr, str]:
    """`answer` in normal form (see the module docstring) and a note about its symbols.

    The note is empty, or names the symbols the exercise expects when the answer spells
    them differently (``q_0``) or uses unknown ones.

    Examples
    --------
    >>> q0, q1, q2 = sympy.symbols("q0 q1 q2", positive=True)
    >>> as_expression("q_0*q_1*Q2**4.0", q0 * q1 * q2**4)[0]
    q0*q1*q2**4
    """
    if isinstance(answer, str):
        expression = parse(answer)
    elif isinstance(answer, sympy.core.relational.Relational):
        raise InvalidAnswer(
            f"expected an expression, got the equation {short(answer)}: give only the "
            "expression (its right-hand side), not an equation"
        )
    elif isinstance(answer, sympy.MatrixBase):
        raise InvalidAnswer(f"expected one expression, got a matrix {short(answer)}")
    elif isinstance(answer, sympy.Expr):
        expression = answer
    elif isinstance(answer, list | tuple | set | frozenset | dict):
        raise InvalidAnswer(
            f"expected one expression, got a {type(answer).__name__} of {len(answer)} items "
            f"({short(answer)}): combine them into one expression"
        )
    elif isinstance(answer, int | float) and not isinstance(answer, bool):
        expression = sympy.Float(answer) if isinstance(answer, float) else sympy.Integer(answer)
    else:
        got = "None" if answer is None else f"{type(answer).__name__} {short(answer)}"
        raise InvalidAnswer(
            f"expected a sympy expression (or text such as 'q0*q1*q2**4'), got {got}"
        )

    expression = _rational_floats(_plain_symbols(expression))
    known = {symbol.name: symbol for symbol in expected.free_symbols}
    by_canonical = {_canonical(name): name for name in known}
    renamed, unknown, mapping = [], [], {}
    for symbol in expression.free_symbols:
        name = getattr(symbol, "name", None)
        if name is None:
            raise InvalidAnswer(f"expected an expression in plain symbols, got {short(answer)}")
        target = name if name in known else by_canonical.get(_canonical(name))
        if target is None:
            unknown.append(name)
        elif target != name:
            renamed.append((name, target))
        mapping[symbol] = known.get(target) or sympy.Symbol(name, positive=True)
    expression = expression.xreplace(mapping)

    expected_names = ", ".join(sorted(known)) or "none"
    notes = []
    if renamed:
        spelled = ", ".join(f"{name} as {target}" for name, target in sorted(renamed))
        notes.append(
            f"The exercise's symbols are {expected_names}; I read {spelled}: use those names."
        )
    if unknown:
        notes.append(
            f"Your expression uses {', '.join(sorted(unknown))}, which this exercise does "
            f"not know; its symbols are {expected_names}."
        )
    return expression, " ".join(notes)


def _numerically_equal(difference, symbols, rng) -> bool:
    values = {symbol: sympy.Rational(rng.randint(11, 89), 100) for symbol in symbols}
    value = complex(difference.xreplace(values).evalf(30))
    return abs(value) < 1e-9


def same(answer: sympy.Expr, expected: sympy.Expr) -> bool:
    """Whether two expressions (in normal form) are equal for positive symbols.

    Random positive points rule out a difference fast; equal ones are confirmed by
    ``simplify``, or by agreeing at several points when ``simplify`` cannot tell.
    """
    difference = answer - expected
    if difference == 0:
        return True
    symbols = sorted(difference.free_symbols, key=str)
    rng = random.Random(0)
    try:
        if not all(_numerically_equal(difference, symbols, rng) for _ in range(3)):
            return False
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        pass  # not a number at those points (zoo, nan): let simplify decide
    if sympy.simplify(sympy.expand_log(difference, force=True)) == 0:
        return True
    try:
        return all(_numerically_equal(difference, symbols, rng) for _ in range(5))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return False
