"""The readouts' typography: numbers and symbols written as the book's prose writes them.

The frame functions (:mod:`nllce.frames`, :mod:`nllce.frames_network`,
:mod:`nllce.frames_coding`) print their readouts with these helpers, so that every
slider reads like the text around it: subscripts and superscripts as Unicode
(``q₂``, ``q₂²``), a real minus sign (U+2212) for negative numbers, the multiplication
sign between numbers, thousands separators (``10,000``) and no ``1e-05`` floats. The
helpers print a fixed number of decimals, so a readout keeps the same shape at every
position of its slider and the text does not jump as it moves.

The characters that ruff flags as look-alikes of ASCII (the minus and multiplication
signs, Greek letters) are written as named escapes, ``"\\N{MINUS SIGN}"``.

Examples
--------
>>> "L = q" + subscript(2) + superscript(2) + " = " + number(0.0625, 4)
'L = q₂² = 0.0625'
>>> vector([0.25, -0.5])
'(0.250, \N{MINUS SIGN}0.500)'
"""

import math
import unicodedata

__all__ = [
    "ALPHA",
    "DOT",
    "EPSILON",
    "INFINITY",
    "MINUS",
    "MU",
    "PARALLEL",
    "SIGMA",
    "TIMES",
    "number",
    "scientific",
    "subscript",
    "superscript",
    "vector",
]

#: The minus sign of negative numbers and of differences (U+2212, not the hyphen).
MINUS = "\N{MINUS SIGN}"
#: Between two numbers, as in 2,000 times 1.3723 (the prose's \times).
TIMES = "\N{MULTIPLICATION SIGN}"
_THIN = "\N{NARROW NO-BREAK SPACE}"
#: Between two symbols, as in ``q₂ · q₂ · q₁`` (the prose's \cdot).
DOT = "\N{MIDDLE DOT}"
#: Between the two arguments of the KL divergence, ``KL(p ‖ q)``.
PARALLEL = "\N{DOUBLE VERTICAL LINE}"
#: An infinite loss or margin.
INFINITY = "\N{INFINITY}"
#: The pseudo-count of additive smoothing.
ALPHA = "\N{GREEK SMALL LETTER ALPHA}"
#: The label smoothing.
EPSILON = "\N{GREEK SMALL LETTER EPSILON}"
#: The noise scale of the Gaussian.
SIGMA = "\N{GREEK SMALL LETTER SIGMA}"
#: The Gaussian's mean, the prediction.
MU = "\N{GREEK SMALL LETTER MU}"

_DIGITS = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")
_SIGNS = {
    "-": "MINUS",
    "+": "PLUS SIGN",
    "=": "EQUALS SIGN",
    "(": "LEFT PARENTHESIS",
    ")": "RIGHT PARENTHESIS",
}
# The letters Unicode has as subscripts (no Greek epsilon among them) and as superscripts.
_SUBSCRIPT_LETTERS, _SUPERSCRIPT_LETTERS = "aehijklmnoprstuvx", "in"


def _table(position, letters):
    table = {str(i): unicodedata.lookup(f"{position} {name}") for i, name in enumerate(_DIGITS)}
    table |= {sign: unicodedata.lookup(f"{position} {name}") for sign, name in _SIGNS.items()}
    latin = "LATIN SUBSCRIPT" if position == "SUBSCRIPT" else "SUPERSCRIPT LATIN"
    table |= {
        letter: unicodedata.lookup(f"{latin} SMALL LETTER {letter.upper()}") for letter in letters
    }
    table[MINUS] = table["-"]
    return table


_SUBSCRIPTS = _table("SUBSCRIPT", _SUBSCRIPT_LETTERS)
_SUPERSCRIPTS = _table("SUPERSCRIPT", _SUPERSCRIPT_LETTERS)


def _shifted(text, table, position):
    text = str(text)
    missing = sorted({character for character in text if character not in table})
    if missing:
        raise ValueError(f"Unicode has no {position} form of {missing} (in {text!r})")
    return "".join(table[character] for character in text)


def subscript(text):
    """`text` (an integer, or letters and digits) as Unicode subscripts.

    Parameters
    ----------
    text : int or str
        Digits, signs ``+ - = ( )`` and the letters Unicode has as subscripts
        (``a e h i j k l m n o p r s t u v x``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        A character without a subscript form (a Greek letter, say).

    Examples
    --------
    >>> subscript(12)
    '₁₂'
    >>> "p" + subscript("true")
    'pₜᵣᵤₑ'
    """
    return _shifted(text, _SUBSCRIPTS, "subscript")


def superscript(text):
    """`text` (an integer, or the letters ``i`` and ``n``) as Unicode superscripts.

    Parameters
    ----------
    text : int or str
        Digits, signs ``+ - = ( )`` and the letters ``i``, ``n``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        A character without a superscript form.

    Examples
    --------
    >>> "q" + subscript(2) + superscript(15)
    'q₂¹⁵'
    >>> "10" + superscript(-6)
    '10⁻⁶'
    """
    return _shifted(text, _SUPERSCRIPTS, "superscript")


def number(value, digits=3, *, grouped=False):
    """`value` with exactly `digits` decimals, a real minus sign and, if `grouped`, commas.

    The same `digits` at every position of a slider keep its readout steady. A value
    that rounds to zero prints without a sign; infinities print as ``\N{INFINITY}`` and
    ``\N{MINUS SIGN}\N{INFINITY}``.

    Parameters
    ----------
    value : float
        The number (an int or a numpy scalar is fine).
    digits : int, default 3
        Decimals after the point; 0 prints an integer.
    grouped : bool, default False
        Separate thousands with commas, as the prose does (``10,000``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        `value` is NaN.

    Examples
    --------
    >>> number(0.5, 3)
    '0.500'
    >>> number(-0.5, 3) == "\N{MINUS SIGN}0.500"
    True
    >>> number(10_000, 0, grouped=True), number(2744.68, 1, grouped=True)
    ('10,000', '2,744.7')
    >>> number(-1e-17, 4), number(float("inf"))
    ('0.0000', '∞')
    """
    value = float(value)
    if math.isnan(value):
        raise ValueError("a readout cannot print NaN")
    sign = MINUS if value < 0 else ""
    if math.isinf(value):
        return sign + INFINITY
    text = format(abs(value), f"{',' if grouped else ''}.{digits}f")
    return (sign if text.strip("0.,") else "") + text


def scientific(value, digits=3, *, spoken=False):
    """`value` as a mantissa with `digits` decimals times a power of ten.

    ``9.375e-06`` prints as ``9.375 \N{MULTIPLICATION SIGN} 10⁻⁶``. Every value, large or
    small, prints in this one form, so a readout that runs over several orders of
    magnitude keeps its shape.

    Parameters
    ----------
    value : float
        The number.
    digits : int, default 3
        Decimals of the mantissa (`digits` + 1 significant digits).
    spoken : bool, default False
        Words for the power instead of a superscript (``9.375 times 10 to the power
        minus 6``), for alt texts: screen readers read superscripts unevenly.

    Returns
    -------
    str

    Examples
    --------
    >>> scientific(9.375e-06).replace("\N{NARROW NO-BREAK SPACE}", " ")  # no-break spaces
    '9.375 \N{MULTIPLICATION SIGN} 10⁻⁶'
    >>> scientific(0.03, 3, spoken=True)
    '3.000 times 10 to the power minus 2'
    """
    value = float(value)
    if not math.isfinite(value):
        return number(value)
    mantissa, exponent = format(abs(value), f".{digits}e").split("e")
    sign, power = (MINUS if value < 0 else ""), int(exponent)
    if spoken:
        return f"{sign}{mantissa} times 10 to the power {'minus ' * (power < 0)}{abs(power)}"
    # narrow no-break spaces: a line never breaks inside the number
    return f"{sign}{mantissa}{_THIN}{TIMES}{_THIN}10{superscript(power)}"


def vector(values, digits=3):
    """A vector as the prose writes it, ``(0.250, 0.250, 0.500)``: each entry by :func:`number`.

    Parameters
    ----------
    values : iterable of float
    digits : int, default 3
        Decimals of every entry.

    Returns
    -------
    str

    Examples
    --------
    >>> vector([0.25, 0.25, 0.5])
    '(0.250, 0.250, 0.500)'
    >>> vector([3, 1, 8], 0)
    '(3, 1, 8)'
    """
    return "(" + ", ".join(number(value, digits) for value in values) + ")"
