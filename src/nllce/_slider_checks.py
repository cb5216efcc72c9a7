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
    "check_budget",
    "check_callable",
    "check_dpi",
    "check_live",
    "check_max_bytes",
    "check_name",
    "check_text",
    "default_index",
    "describe",
    "is_real",
    "per_param",
    "value_text",
    "value_texts",
]


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
    """Index of `default` among `values` (to rounding): where the slider starts."""
    if default is None:
        raise ValueError(
            f"`{argument}` for `{name}` is required: the slider's starting value, one of "
            f"`values` {values}"
        )
    if not is_real(default):
        raise TypeError(f"`{argument}` for `{name}` must be a real number; got {default!r}")
    for index, value in enumerate(values):
        if math.isclose(value, default, rel_tol=1e-9, abs_tol=1e-12):
            return index
    raise ValueError(f"`{argument}` for `{name}` must be one of `values` {values}; got {default!r}")


_LIVE_KEYS = ("min", "max", "step")


def check_live(live, name, default):
    """The finer range of a live slider, ``{"min": ..., "max": ..., "step": ...}``, or None.

    Returns None (the live slider moves over `values`) or the bounds and the
    default as Python ints when all four are integers (an IntSlider, so that a frame
    gets ints it can index with; a FloatSlider would pass 30.0 for a sample size of
    30), else as floats.
    """
    if live is None:
        return None
    if not isinstance(live, Mapping) or sorted(live) != sorted(_LIVE_KEYS):
        raise TypeError(
            f"`live` for `{name}` must be a mapping with the keys min, max and step "
            f"(or None: the live slider moves over `values`); got {live!r}"
        )
    bounds = {**live, "default": default}
    for key, number in bounds.items():
        if not is_real(number) or not math.isfinite(number):
            raise TypeError(f"`{key}` for `{name}` must be a finite real number; got {number!r}")
    if not live["min"] < live["max"] or live["step"] <= 0 or not (
        live["min"] <= default <= live["max"]
    ):
        raise ValueError(
            f"slider `{name}` needs `min` < `max`, `step` > 0 and `min` <= `default` <= `max`; "
            f"got min={live['min']!r}, max={live['max']!r}, step={live['step']!r}, "
            f"default={default!r}"
        )
    integral = all(isinstance(number, numbers.Integral) for number in bounds.values())
    return {key: (int if integral else float)(number) for key, number in bounds.items()}


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
    """``0.25 nats``: the formatted value (a minus sign, not a hyphen, as in the prose), then
    the unit after a no-break space."""
    if not isinstance(unit, str):
        raise TypeError(f"`unit` must be a str; got {unit!r}")
    number = format(value, value_format).replace("-", "\N{MINUS SIGN}")
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


def per_param(mapping, names, argument, required=False):
    """A mapping keyed by parameter names (defaults, labels, units or live ranges of a grid)."""
    if mapping is None and not required:
        return {}
    if not isinstance(mapping, Mapping):
        raise TypeError(f"`{argument}` must be a mapping from parameter names; got {mapping!r}")
    unknown = sorted(set(mapping) - set(names))
    if unknown:
        raise ValueError(f"`{argument}` names {unknown}, which are not in `params` {names}")
    missing = [name for name in names if name not in mapping] if required else []
    if missing:
        raise ValueError(f"`{argument}` must give a value for every parameter; missing {missing}")
    return mapping


def check_max_bytes(max_bytes):
    """The budget of a static slider's frames: a positive integer."""
    if not isinstance(max_bytes, numbers.Integral) or isinstance(max_bytes, bool) or max_bytes < 1:
        raise TypeError(f"`max_bytes` must be a positive integer; got {max_bytes!r}")


def check_budget(downloads, max_bytes, dpi, where):
    """Each set of frames a reader may download (`downloads`, bytes by name) fits `max_bytes`.

    A page holds four sets (wide or narrow, 1x or 2x density) and a browser fetches one.
    """
    check_max_bytes(max_bytes)
    variant, total = max(downloads.items(), key=lambda item: item[1])
    if total > max_bytes:
        raise ValueError(
            f"the {variant} frames for {where} take {total:,} bytes, over the budget "
            f"`max_bytes` = {max_bytes:,}; use fewer values or a lower `dpi` (now {dpi})"
        )


def check_text(text, argument, where):
    """A text (label, or a frame's alt text or readout) must be a non-blank str."""
    if not isinstance(text, str):
        raise TypeError(f"`{argument}` must give a str for {where}; got {type(text).__name__}")
    if not text.strip():
        raise ValueError(f"`{argument}` must not be empty (for {where})")
    return text


def check_name(name, argument):
    """A slider parameter is passed to `frame` as a keyword, so it must be an identifier."""
    if not isinstance(name, str) or not name.isidentifier():
        raise TypeError(f"`{argument}` must name a keyword argument of `frame`; got {name!r}")


def check_callable(function, argument):
    """The frame function is called once per frame."""
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


