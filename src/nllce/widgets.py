"""Sliders over the book's figures, declared once: static on the page, live in a kernel.

**How to add a slider.** First write a *frame function* (Part I's in
:mod:`nllce.frames`, Part II's in :mod:`nllce.frames_network`): it takes the
slider's parameter (and any fixed ones) as keyword arguments, computes the numbers
once with the math modules, draws them with a figure function, and returns a
:class:`~nllce.frames.Frame` ``(figure, readout, alt)`` whose readout and alt text
are written from the same numbers. Then put one call in a ``hide-input`` cell of
the chapter::

    slider(frames.likelihood_path, "share", [0.1, 0.2, 0.3, 0.4, 0.5],
           default=0.4, label="q₂", live=dict(min=0.02, max=0.98, step=0.01))

That is all: the same call gives both versions of the slider.

**Static and live.** The environment variable ``NLLCE_SLIDERS`` picks the version
(:func:`slider_mode`). The book build sets it to ``static``: the slider renders one
PNG frame per value while the notebook runs and returns a :class:`StaticSlider`,
native HTML (a labelled ``<input type="range">`` per parameter and the frames as
``<img>`` elements) that the page's one small script switches, so the slider answers
on the static HTML page without a kernel and without a widget manager. Unset (or
``live``), as on Binder, JupyterLab, a hub or in the tests, the slider is *live*: an
ipywidgets slider that recomputes the frame in the running kernel at every position,
over the finer range ``live`` when given, else over the same `values`.

Each frame is an ``<img>`` with real alt text (in an :class:`ipywidgets.HTML` when
live: ``ipywidgets.Image`` has no alt attribute), with its readout under it; the
figure is closed once rendered. Every argument is checked before any frame is
rendered, in both versions, and a mistake names the argument and the slider parameter.

**Glued numbers** follow the same rule: :func:`glue` is myst-nb's ``glue`` for the
book, and live it also shows each number under its cell, since JupyterLab cannot fill
the prose's ``{glue:text}`` roles.
"""

import os
from collections.abc import Mapping
from typing import NamedTuple

import ipywidgets

from ._frame import Frame  # noqa: F401  (for frame functions written elsewhere)
from ._glue import glue  # the chapters' glued numbers, shown under the cell when live
from ._slider_checks import (
    as_fixed,
    as_values,
    check_callable,
    check_dpi,
    check_live,
    check_max_bytes,
    check_name,
    check_text,
    default_index,
    per_param,
    value_text,
    value_texts,
)
from ._slider_parts import SLIDER_LAYOUT, render, selection_slider
from ._static_figure import StaticFigure
from ._static_slider import StaticSlider, static_slider
from .style import HOUSE_STYLE

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "SLIDER_CLASS",
    "SLIDER_MODES",
    "StaticFigure",
    "StaticSlider",
    "figure",
    "glue",
    "render_frame",
    "slider",
    "slider_grid",
    "slider_mode",
]

#: CSS class on the box of every slider made here (the page script and tests look for it).
SLIDER_CLASS = "nllce-slider"
#: The environment variable that picks the version of every slider (:func:`slider_mode`).
ENVIRONMENT_VARIABLE = "NLLCE_SLIDERS"
#: Its allowed values; unset or empty means ``live``.
SLIDER_MODES = ("static", "live")


class _Axis(NamedTuple):
    """One slider parameter, checked: its name, label, positions and live range."""

    name: str
    label: str
    values: list
    texts: list
    index: int
    unit: str
    live: dict | None


def slider_mode():
    """``"static"`` or ``"live"``: the version of the sliders, from ``NLLCE_SLIDERS``.

    Raises
    ------
    ValueError
        ``NLLCE_SLIDERS`` set to anything but ``static``, ``live`` or nothing.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"NLLCE_SLIDERS": "static"}):
    ...     slider_mode()
    'static'
    """
    mode = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if mode == "":
        return "live"
    if mode not in SLIDER_MODES:
        raise ValueError(
            f"the environment variable {ENVIRONMENT_VARIABLE} must be one of {SLIDER_MODES} "
            f"(or unset, which means 'live'); got {mode!r}"
        )
    return mode


def figure(function, /, *args, **kwargs):
    """A figure that stands alone on a page: ``function(*args, **kwargs)``, drawn for every reader.

    Live, it is that matplotlib Figure. In the book's build (``NLLCE_SLIDERS=static``)
    it is a :class:`StaticFigure`: drawn wide and for a phone, for a light and a dark
    page, at 1x and 2x density, and shown as a PNG, so that the cell's alt text and
    caption apply; the build puts the drawing each reader needs in its place.

    Parameters
    ----------
    function : callable
        A figure function drawn with :func:`nllce.style.new_figure`, which returns a
        matplotlib Figure.
    *args, **kwargs
        Its arguments.

    Returns
    -------
    matplotlib.figure.Figure or StaticFigure

    Examples
    --------
    >>> from nllce import figures
    >>> figure(figures.underflow).get_size_inches().tolist()
    [6.4, 3.0]
    """
    check_callable(function, "function")
    if slider_mode() == "static":
        return StaticFigure(function, args, kwargs, dpi=HOUSE_STYLE["figure.dpi"])
    return function(*args, **kwargs)


def render_frame(frame, params, *, fixed=None, dpi=80):
    """Render ``frame(**params, **fixed)`` to the HTML of one frame.

    This is what a live slider runs at every move, so a test can call it.

    Parameters
    ----------
    frame : callable
        A frame function, returning a :class:`~nllce.frames.Frame`.
    params : mapping of str to object
        The slider values (named in error messages).
    fixed : mapping, optional
        Further keyword arguments of `frame`.
    dpi : float, default 80
        Resolution of the PNG; the image is shown at one image pixel per CSS pixel.

    Returns
    -------
    str
        ``<div class="nllce-frame"><img alt=... src="data:image/png;base64,...">...</div>``,
        the readout under the image.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def bars(q):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().bar([0, 1], [q, 1 - q])
    ...     return Frame(fig, readout=f"q = {q}", alt=f"two bars, {q} and {1 - q}")
    >>> html = render_frame(bars, {"q": 0.25})
    >>> html.startswith('<div class="nllce-frame"><img class="nllce-frame-image" alt="two bars')
    True
    >>> 'width="160" height="80"' in html, html.endswith("q = 0.25</p></div>")
    (True, True)
    """
    check_callable(frame, "frame")
    if not isinstance(params, Mapping):
        raise TypeError(f"`params` must be a mapping of parameter names to values; got {params!r}")
    check_dpi(dpi)
    return render(frame, dict(params), as_fixed(fixed, list(params)), dpi)


def slider(
    frame,
    param,
    values,
    *,
    default,
    label=None,
    unit="",
    value_format="g",
    dpi=80,
    live=None,
    fixed=None,
    max_bytes=1_500_000,
):
    """A slider over ``frame(**{param: value}, **fixed)``, static or live (:func:`slider_mode`).

    Parameters
    ----------
    frame : callable
        The frame function: returns a :class:`~nllce.frames.Frame` (figure, readout, alt).
    param : str
        Name of the keyword argument of `frame` that the slider moves.
    values : sequence of real numbers
        The slider positions, strictly increasing; one frame each on the static page.
    default : real number
        Starting value, one of `values` (and the live slider's too).
    label : str, optional
        Slider label (default: `param`).
    unit : str, default ""
        Unit printed after each value.
    value_format : str, default "g"
        Format spec of the printed values.
    dpi : float, default 80
        Resolution of the frames.
    live : mapping, optional
        ``dict(min=..., max=..., step=...)``: the finer range of the live slider, which
        must hold `default`; when `min`, `max`, `step` and `default` are all integers,
        `frame` gets ints. Without it, the live slider moves over `values`.
    fixed : mapping, optional
        Further keyword arguments of `frame`, the same for every frame.
    max_bytes : int, default 1_500_000
        Budget for the HTML of all frames of the static slider together.

    Returns
    -------
    StaticSlider or ipywidgets.VBox
        Static: a :class:`StaticSlider`, the HTML of a range
        input above its frames, switched in the browser. Live: a row (slider, printed
        value) above the frame, recomputed when the slider is released or moved with
        the keyboard.

    Raises
    ------
    ValueError
        Empty or not strictly increasing `values`, `default` not among them, `frame`
        failing (the original error is chained), frames over `max_bytes`, a bad
        `live` range or ``NLLCE_SLIDERS`` value.
    TypeError
        `frame` not returning a Frame, or arguments of the wrong type.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def bars(q):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().bar([0, 1], [q, 1 - q])
    ...     return Frame(fig, readout=f"q = {q}", alt=f"two bars, {q} and {1 - q}")
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"NLLCE_SLIDERS": "static"}):
    ...     page = slider(bars, "q", [0.1, 0.5, 0.9], default=0.5)
    >>> page
    <nllce static slider, 3 frames>
    >>> 'type="range"' in page.html, 'value="1"' in page.html, page.html.count(" hidden ")
    (True, True, 2)
    >>> with mock.patch.dict("os.environ", {"NLLCE_SLIDERS": "live"}):
    ...     box = slider(bars, "q", [0.1, 0.5, 0.9], default=0.5,
    ...                  live=dict(min=0, max=1, step=0.05))
    >>> (moving, shown), frame = box.children[0].children, box.children[1]
    >>> moving.value = 0.25
    >>> shown.value, 'alt="two bars, 0.25 and 0.75"' in frame.value
    ('0.25', True)
    """
    mode = slider_mode()
    check_callable(frame, "frame")
    check_name(param, "param")
    label = param if label is None else check_text(label, "label", f"`{param}`")
    axis = _axis(param, values, default, label, unit, value_format, live, "default")
    fixed = as_fixed(fixed, [param])
    check_dpi(dpi)
    check_max_bytes(max_bytes)
    if mode == "static":
        return static_slider(frame, [axis], fixed, dpi, max_bytes, SLIDER_CLASS)
    return _live(frame, [axis], fixed, dpi, value_format, "initial")


def slider_grid(
    frame,
    params,
    *,
    defaults,
    labels=None,
    units=None,
    value_format="g",
    dpi=80,
    live=None,
    fixed=None,
    max_bytes=1_500_000,
):
    """Two sliders over ``frame(**{name1: v1, name2: v2}, **fixed)``, static or live.

    On the static page there is one frame per pair of values, and the page's script
    shows the frame of both inputs' positions. Live, both sliders recompute the one
    frame.

    Parameters
    ----------
    frame : callable
        The frame function: returns a :class:`~nllce.frames.Frame`.
    params : mapping
        Exactly two entries ``name -> values`` (each strictly increasing), in slider order.
    defaults : mapping
        The starting value of each parameter, one of its values.
    labels, units, live : mapping, optional
        Per parameter name: slider label (default: the name), unit (default: none)
        and the live slider's finer range (default: over its values), as in :func:`slider`.
    value_format, dpi, fixed, max_bytes
        As in :func:`slider`; `max_bytes` budgets the whole grid.

    Returns
    -------
    StaticSlider or ipywidgets.VBox
        Static: two range inputs above the frames of every pair of positions. Live:
        both sliders above the frame.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def dot(x, y):
    ...     fig = Figure(figsize=(1, 1))
    ...     fig.add_subplot().plot([x], [y], "o")
    ...     return Frame(fig, readout=None, alt=f"a dot at ({x}, {y})")
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"NLLCE_SLIDERS": "static"}):
    ...     page = slider_grid(dot, {"x": [0, 1], "y": [0, 1, 2]}, defaults={"x": 0, "y": 1})
    >>> page.frames, page.html.count('type="range"'), 'data-position="0 1" alt' in page.html
    (6, 2, True)
    """
    mode = slider_mode()
    check_callable(frame, "frame")
    if not isinstance(params, Mapping) or len(params) != 2:
        raise ValueError(
            "`params` must be a mapping of exactly two parameter names to their values; "
            f"got {params!r}"
        )
    names = list(params)
    for name in names:
        check_name(name, "params")
    defaults = per_param(defaults, names, "defaults", required=True)
    labels, units = per_param(labels, names, "labels"), per_param(units, names, "units")
    live = per_param(live, names, "live")
    axes = [
        _axis(
            name, params[name], defaults[name],
            check_text(labels.get(name, name), "labels", f"`{name}`"),
            units.get(name, ""), value_format, live.get(name), "defaults",
        )
        for name in names
    ]
    fixed = as_fixed(fixed, names)
    check_dpi(dpi)
    check_max_bytes(max_bytes)
    # one label width for both, so that the two tracks line up
    width = f"{0.6 * max(len(axis.label) for axis in axes) + 0.5:.1f}em"
    if mode == "static":
        return static_slider(frame, axes, fixed, dpi, max_bytes, SLIDER_CLASS)
    return _live(frame, axes, fixed, dpi, value_format, width)


def _axis(name, values, default, label, unit, value_format, live, argument):
    values = as_values(values, name)
    index = default_index(values, default, name, argument)
    texts = value_texts(values, unit, value_format, name)
    return _Axis(name, label, values, texts, index, unit, check_live(live, name, default))


def _live(frame, axes, fixed, dpi, value_format, label_width):
    """One frame, recomputed by :func:`render_frame` whenever a slider moves."""
    rows, shown, sliders = [], [], []
    for axis in axes:
        if axis.live is None:
            control = selection_slider(
                axis.texts, axis.index, axis.label, label_width, values=axis.values,
                continuous_update=False, readout=False,
            )
            text = axis.texts[axis.index]
        else:
            integral = isinstance(axis.live["step"], int)  # all four are ints, or floats
            kind = ipywidgets.IntSlider if integral else ipywidgets.FloatSlider
            control = kind(
                value=axis.live["default"], min=axis.live["min"], max=axis.live["max"],
                step=axis.live["step"], description=axis.label, readout=False,
                continuous_update=False, style={"description_width": label_width},
                layout=ipywidgets.Layout(**SLIDER_LAYOUT),
            )
            text = value_text(control.value, axis.unit, value_format)
        sliders.append(control)
        shown.append(ipywidgets.Label(text))
        rows.append(ipywidgets.HBox([control, shown[-1]]))

    def current():
        return {axis.name: control.value for axis, control in zip(axes, sliders, strict=True)}

    picture = ipywidgets.HTML(render(frame, current(), fixed, dpi))

    def on_move(change):
        for axis, control, label in zip(axes, sliders, shown, strict=True):
            if control is change["owner"]:
                label.value = value_text(change["new"], axis.unit, value_format)
        picture.value = render_frame(frame, current(), fixed=fixed, dpi=dpi)

    for control in sliders:
        control.observe(on_move, names="value")
    return ipywidgets.VBox([*rows, picture]).add_class(SLIDER_CLASS)

