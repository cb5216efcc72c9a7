"""Input checks of :mod:`nllce.widgets`, done before any frame is rendered.

Each check names the argument in backticks and the slider parameter it belongs
to, so that a chapter's mistake reads as a clear error at build time.
"""

import itertools
import math
import numbers
from collections.abc import Mapping

__all__ = [
    "as_fixed",
    "as_values",
    "check_alt",
    "check_budget",
    "check_callable",
    "check_dpi",
    "check_name",
    "check_text",
    "default_index",
    "describe",
    "is_real",
    "pairs",
    "per_param",
    "value_text",
    "value_texts",
]


def check_alt(alt):
    """`alt` must be a non-empty str or a callable: every frame needs alt text."""
    if alt is None:
        raise TypeError(
            "`alt` is required: describe what the figure shows (a str, to which each "
            "frame's value is appended, or a function of the value(s) returning a str)"
        )
    if isinstance(alt, str):
        check_text(alt, "alt", "every frame")
    elif not callable(alt):
        raise TypeError(f"`alt` must be a str or a callable; got {type(alt).__name__}")
    return alt


def as_values(values, name):
    """The slider positions as a list of Python numbers: non-empty, finite, increasing."""
    if isinstance(values, str | bytes | Mapping) or not hasattr(values, "__iter__"):
        raise TypeError(f"`values` for `{name}` must be a sequence of numbers; got {values!r}")
    values = [value.item() if hasattr(value, "item") else value for value in values]
    if not values:
        raise ValueError(f"`values` for `{name}` is empty; give at least one slider position")
    for value in values:
        if not is_real(value):
            raise TypeError(f"`values` for `{name}` must be real numbers; got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"`values` for `{name}` must be finite; got {value!r}")
    for position, (before, after) in enumerate(itertools.pairwise(values), start=1):
        if not after > before:
            raise ValueError(
                f"`values` for `{name}` must be strictly increasing; {after!r} at position "
                f"{position} follows {before!r}"
            )
    return values


def default_index(values, default, name, argument):
    """Index of `default` among `values` (to rounding); the middle one if `default` is None."""
    if default is None:
        return (len(values) - 1) // 2
    if not is_real(default):
        raise TypeError(f"`{argument}` for `{name}` must be a real number; got {default!r}")
    for index, value in enumerate(values):
        if math.isclose(value, default, rel_tol=1e-9, abs_tol=1e-12):
            return index
    raise ValueError(f"`{argument}` for `{name}` must be one of `values` {values}; got {default!r}")


def value_texts(values, unit, value_format, name):
    """The readout of each value; two values that print alike would confuse the reader."""
    texts = [value_text(value, unit, value_format) for value in values]
    if len(set(texts)) != len(texts):
        raise ValueError(
            f"`values` for `{name}` print alike with `value_format` {value_format!r}: {texts}; "
            "use a more precise `value_format`"
        )
    return texts


def value_text(value, unit, value_format):
    """``0.25 nats``: the formatted value, then the unit after a no-break space."""
    if not isinstance(unit, str):
        raise TypeError(f"`unit` must be a str; got {unit!r}")
    number = format(value, value_format)
    return f"{number}\N{NO-BREAK SPACE}{unit}" if unit else number


def as_fixed(fixed, names):
    """The keyword arguments every frame shares, which must not set a slider's parameter."""
    if fixed is None:
        return {}
    if not isinstance(fixed, Mapping):
        raise TypeError(f"`fixed` must be a mapping of keyword arguments; got {fixed!r}")
    clash = sorted(set(fixed) & set(names))
    if clash:
        raise ValueError(f"`fixed` must not set the slider parameter(s) {clash}")
    return dict(fixed)


def per_param(mapping, names, argument):
    """A mapping keyed by parameter names (defaults, labels or units of a grid)."""
    if mapping is None:
        return {}
    if not isinstance(mapping, Mapping):
        raise TypeError(f"`{argument}` must be a mapping from parameter names; got {mapping!r}")
    unknown = sorted(set(mapping) - set(names))
    if unknown:
        raise ValueError(f"`{argument}` names {unknown}, which are not in `params` {names}")
    return mapping


def check_budget(frames, max_bytes, dpi, where):
    """The HTML of all frames must fit in `max_bytes`: it is all embedded in the page."""
    if not isinstance(max_bytes, numbers.Integral) or isinstance(max_bytes, bool) or max_bytes < 1:
        raise TypeError(f"`max_bytes` must be a positive integer; got {max_bytes!r}")
    total = sum(len(frame.encode()) for frame in frames)
    if total > max_bytes:
        raise ValueError(
            f"the {len(frames)} frames for {where} take {total:,} bytes, over the budget "
            f"`max_bytes` = {max_bytes:,}; use fewer values or a lower `dpi` (now {dpi})"
        )


def check_text(text, argument, where):
    """A user's text (label, alt text, readout) must be a non-blank str."""
    if not isinstance(text, str):
        raise TypeError(f"`{argument}` must give a str for {where}; got {type(text).__name__}")
    if not text.strip():
        raise ValueError(f"`{argument}` must not be empty (for {where})")
    return text


def check_name(name, argument):
    """A slider parameter is passed to `figure` as a keyword, so it must be an identifier."""
    if not isinstance(name, str) or not name.isidentifier():
        raise TypeError(f"`{argument}` must name a keyword argument of `figure`; got {name!r}")


def check_callable(function, argument):
    """`figure` and `readout` are called once per frame."""
    if not callable(function):
        raise TypeError(f"`{argument}` must be callable; got {type(function).__name__}")


def check_dpi(dpi):
    """The resolution of the frames: a positive number."""
    if not is_real(dpi):
        raise TypeError(f"`dpi` must be a positive number; got {dpi!r}")
    if not math.isfinite(dpi) or dpi <= 0:
        raise ValueError(f"`dpi` must be a positive number; got {dpi!r}")


def is_real(value):
    """A real number, booleans excluded."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def describe(params):
    """The slider values a message is about, each name in backticks."""
    return ", ".join(f"`{name}` = {value!r}" for name, value in params.items())


def pairs(labels, texts):
    """``q = 0.5, p = 0.2``: labels and printed values, appended to a str alt text."""
    return ", ".join(f"{label} = {text}" for label, text in zip(labels, texts, strict=True))
