"""Laying out a ``Step``'s LaTeX so that it fits a page column.

Private to :mod:`nllce.symbolic`. MathJax 3 does not break long equations, so
a step wider than the column runs off the page. :func:`layout` measures the
LaTeX that sympy prints with :func:`latex_width`, a rough estimate of the
typeset width in ems (display style, TeX's style rules for fractions, scripts
and matrices), and breaks what does not fit: the right side moves under the
left side, a long sum wraps after whole terms, and the ``where`` definitions go
on their own lines under the equation.
"""

import re
from collections.abc import Sequence

import sympy

from ._sympy_check import ordered_terms, tex

#: Script size by TeX style (display and text full size, script 70 %, scriptscript 50 %).
_SCALE = {"display": 1.0, "text": 1.0, "script": 0.71, "scriptscript": 0.5}
_FRACTION_STYLE = {
    "display": "text",
    "text": "script",
    "script": "scriptscript",
    "scriptscript": "scriptscript",
}
_SCRIPT_STYLE = {
    "display": "script",
    "text": "script",
    "script": "scriptscript",
    "scriptscript": "scriptscript",
}
#: Widths in ems (at full size) of the commands sympy prints; unknown commands count 0.6.
_COMMAND_WIDTH = {
    "log": 1.45, "exp": 1.55, "sin": 1.3, "cos": 1.45, "max": 1.85, "min": 1.75,
    "partial": 0.57, "ell": 0.42, "infty": 1.0, "cdot": 0.78, "cdots": 1.5, "dots": 1.3,
    "quad": 1.0, "qquad": 2.0, ";": 0.28, ",": 0.17, ":": 0.22, "!": -0.17, " ": 0.25,
    "left": 0.0, "right": 0.0, "displaystyle": 0.0, "{": 0.5, "}": 0.5, "|": 0.5,
}  # fmt: skip
_BIG_OPERATORS = {"sum", "prod"}
_TEXT_COMMANDS = {"text", "operatorname", "mathrm"}
_CHARACTER_WIDTH = {"(": 0.39, ")": 0.39, "[": 0.28, "]": 0.28, ",": 0.45, "|": 0.28, "!": 0.28}
_BINARY = {"+": 1.22, "-": 1.22}
_RELATION = {"=": 1.33, "<": 1.33, ">": 1.33}
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.")
#: Vertical gap between the equation and its ``where`` lines.
_GAP = r"\\[1ex]"
_INDENT = r"\quad "


def layout(lhs, rhs, where: Sequence[tuple[str, str]], max_width: float) -> str:
    """The LaTeX of ``lhs = rhs`` (and its definitions) in lines of at most `max_width` ems.

    `where` holds ``(key, value)`` LaTeX pairs. A step that fits on one line and
    has no definitions stays a plain ``lhs = rhs``; otherwise the lines are set in
    an ``aligned`` block, with the definitions in a second one under it.
    """
    one_line = f"{tex(lhs)} = {tex(rhs)}"
    if not where and latex_width(one_line) <= max_width:
        return one_line
    equation = _aligned(_equation_lines(lhs, rhs, max_width))
    if not where:
        return equation
    definitions = [f"{key} = {value}" for key, value in where]
    below = r"\text{where }\; " + r", \; ".join(definitions)
    if latex_width(below) > max_width:  # one definition a line
        definition_lines = [f"& {definition}," for definition in definitions]
        definition_lines[0] = r"\text{where }\; " + definition_lines[0]
        definition_lines[-1] = definition_lines[-1].removesuffix(",")
        below = _aligned(definition_lines)
    return rf"\begin{{gathered}}{equation} {_GAP} {below}\end{{gathered}}"


def _aligned(lines: list[str]) -> str:
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def _equation_lines(lhs, rhs, max_width: float) -> list[str]:
    """``lhs = rhs`` as lines of an ``aligned`` block, ``&`` before the ``=``."""
    lhs_tex, rhs_tex = tex(lhs), tex(rhs)
    lhs_width = latex_width(lhs_tex)
    equals, indent = _RELATION["="], latex_width(_INDENT)
    if lhs_width + equals + latex_width(rhs_tex) <= max_width:
        return [f"{lhs_tex} &= {rhs_tex}"]
    # Both sides start at the left margin, the right one under the left one ...
    lhs_chunks = _wrap(lhs, max_width - indent)
    rhs_chunks = _wrap(rhs, max_width - equals - indent)
    stacked = [f"& {_unary(lhs_chunks[0])}", *_continued(lhs_chunks[1:])]
    stacked += [f"&= {rhs_chunks[0]}", *_continued(rhs_chunks[1:])]
    # ... unless the right side wraps in as few lines after the left side.
    room = max_width - lhs_width - equals - indent
    if room > 0:
        chunks = _wrap(rhs, room)
        if len(chunks) <= len(stacked) and all(latex_width(c) <= room for c in chunks):
            return [f"{lhs_tex} &= {chunks[0]}", *_continued(chunks[1:])]
    return stacked


def _unary(chunk: str) -> str:
    # A cell of an aligned block starts with an empty group, which would make a
    # leading minus binary (spaced); braced, it stays the sign of the first term.
    return "{-}" + chunk[1:] if chunk.startswith("- ") else chunk


def _continued(chunks: list[str]) -> list[str]:
    # The empty group makes the sign that starts each chunk a binary operator.
    return [f"&{_INDENT}{{}} {chunk}" for chunk in chunks]


def _wrap(expr, room: float) -> list[str]:
    """The LaTeX of `expr`, broken before whole terms of a sum into pieces of `room` ems.

    Each piece after the first starts with its sign. Anything but a sum stays
    whole, and so does a sum whose pieces would not print exactly as the whole.
    """
    text = tex(expr)
    if not isinstance(expr, sympy.Add) or latex_width(text) <= room:
        return [text]
    pieces = [_signed(tex(term)) for term in ordered_terms(expr)]
    pieces[0] = pieces[0].removeprefix("+ ")
    if " ".join(pieces) != text:
        return [text]
    chunks = [pieces[0]]
    for piece in pieces[1:]:
        joined = f"{chunks[-1]} {piece}"
        if latex_width(joined) <= room:
            chunks[-1] = joined
        else:
            chunks.append(piece)
    return chunks


def _signed(term_tex: str) -> str:
    if term_tex.startswith("-"):
        return "- " + term_tex[1:].lstrip()
    return "+ " + term_tex


# --- width estimate ------------------------------------------------------------


def latex_width(text: str, style: str = "display") -> float:
    """Estimated typeset width of `text` in ems of the surrounding font.

    >>> latex_width("x + y")
    2.32
    >>> latex_width(r"\\frac{1}{x + y}") < latex_width("1 + x + y")
    True
    """
    tokens = [token for token in _TOKEN.findall(text) if not token.isspace()]
    width, _ = _sequence(tokens, 0, style, stop=())
    return round(width, 2)


def _sequence(tokens, position, style, stop):
    """Width of the tokens from `position` up to a token in `stop` (or a closing brace)."""
    width = 0.0
    previous = 0.0  # the width of the last atom: limits of a big operator stack on it
    big_operator = False
    at_start = True  # a leading sign is unary: no space around it
    while position < len(tokens) and tokens[position] not in stop and tokens[position] != "}":
        token = tokens[position]
        if token in ("^", "_"):
            scripts = []
            while position < len(tokens) and tokens[position] in ("^", "_"):
                script, position = _atom(tokens, position + 1, _SCRIPT_STYLE[style])
                scripts.append(script)
            if big_operator and style == "display":  # limits go above and below
                width += max(0.0, max(scripts) - previous)
            else:  # x_a^b: the scripts stack, the wider one counts
                width += max(scripts)
            continue
        atom, position = _atom(tokens, position, style, at_start=at_start)
        width += atom
        previous = atom
        big_operator = token[1:] in _BIG_OPERATORS
        at_start = token in ("&", "(", "[", r"\left", r"\quad") or token in _RELATION
    return width, position


def _atom(tokens, position, style, at_start=False):
    """Width of one atom (a group, a command with its arguments, or a character)."""
    scale = _SCALE[style]
    token = tokens[position]
    position += 1
    if token == "{":
        width, position = _sequence(tokens, position, style, stop=())
        return width, position + 1  # past the closing brace
    if token == r"\frac":
        inner = _FRACTION_STYLE[style]
        numerator, position = _atom(tokens, position, inner)
        denominator, position = _atom(tokens, position, inner)
        return max(numerator, denominator) + 0.24 * scale, position
    if token == r"\sqrt":
        radicand, position = _atom(tokens, position, style)
        return radicand + 0.85 * scale, position
    if token in (r"\left", r"\right"):
        delimiter = tokens[position]
        return (0.0 if delimiter == "." else 0.6 * scale), position + 1
    if token == r"\begin":
        return _environment(tokens, position, style)
    if token == r"\substack":
        rows, position = _rows(tokens, position + 1, style, end="}")
        return max(max(row) for row in rows), position + 1
    if token[1:] in _TEXT_COMMANDS:
        start = position + 1  # the argument is one brace group of plain text
        end = tokens.index("}", start)
        return 0.5 * scale * sum(len(t) for t in tokens[start:end]), end + 1
    if token[1:] in _BIG_OPERATORS:
        return (1.45 if style == "display" else 1.0) * scale, position
    if token.startswith("\\"):
        return _COMMAND_WIDTH.get(token[1:], 0.6) * scale, position
    if token in _BINARY:
        return (0.78 if at_start else _BINARY[token]) * scale, position
    if token in _RELATION:
        return _RELATION[token] * scale, position
    if token == "&":
        return 0.0, position
    return _CHARACTER_WIDTH.get(token, 0.5 if token.isdigit() else 0.55) * scale, position


def _environment(tokens, position, style):
    """Width of ``\\begin{matrix}`` (or ``aligned``, ``gathered``) up to its ``\\end``."""
    name_end = tokens.index("}", position)
    name = "".join(tokens[position + 1 : name_end])
    cell_style = "text" if name.endswith("matrix") else style
    rows, position = _rows(tokens, name_end + 1, cell_style, end=r"\end")
    position = tokens.index("}", position) + 1  # past \end{name}
    count = max(len(row) for row in rows)
    columns = [max(row[c] if c < len(row) else 0.0 for row in rows) for c in range(count)]
    column_gap = 1.0 if name.endswith("matrix") else 0.0
    return sum(columns) + column_gap * (len(columns) - 1), position


def _rows(tokens, position, style, end):
    """Cell widths, row by row, of ``a & b \\\\ c & d`` up to the token `end`."""
    rows, row = [], []
    while True:
        width, position = _sequence(tokens, position, style, stop=("&", "\\\\", end))
        row.append(width)
        token = tokens[position] if position < len(tokens) else end
        if token == "&":
            position += 1
            continue
        rows.append(row)
        row = []
        if token == "\\\\":
            position += 1
            if position < len(tokens) and tokens[position] == "[":  # \\[1ex]
                position = tokens.index("]", position) + 1
            continue
        return rows, position
