"""Sliders over the book's figures, for the static page and for a live kernel.

A *prerendered* slider renders one PNG frame per parameter value while the
notebook runs, stacks the frames in an :class:`ipywidgets.Stack` and ties the
slider to the stack with :func:`ipywidgets.jslink`.  The link runs in the
browser, so the slider answers on the static HTML page, without a kernel.  A
*live* slider recomputes the figure in a running kernel (Binder, JupyterLab) on
every move, at any resolution.

Each frame is an ``<img>`` with real alt text inside an :class:`ipywidgets.HTML`
(``ipywidgets.Image`` has no alt attribute), followed by the numbers computed
for that value (``readout``).  Figure functions are pure: they take the
parameters as keyword arguments and return a :class:`matplotlib.figure.Figure`,
which is closed once rendered.
"""

import base64
import html
import io
import math
import numbers
import struct
from collections.abc import Mapping

import ipywidgets
import matplotlib.pyplot as plt
from ipywidgets.widgets.widget_string import HTMLStyle
from matplotlib.figure import Figure

from ._slider_checks import (
    as_fixed,
    as_values,
    check_alt,
    check_budget,
    check_callable,
    check_dpi,
    check_name,
    check_text,
    default_index,
    describe,
    is_real,
    pairs,
    per_param,
    value_text,
    value_texts,
)

__all__ = [
    "SLIDER_CLASS",
    "live_slider",
    "prerendered_grid",
    "prerendered_slider",
    "render_frame",
]

#: CSS class on the box of every slider made here (the page script and tests look for it).
SLIDER_CLASS = "nllce-slider"
_SLIDER_LAYOUT = {"width": "100%", "max_width": "36em"}
_IMAGE_STYLE = "max-width:100%;height:auto"
_READOUT_STYLE = "margin:0.25em 0 0;font-variant-numeric:tabular-nums"


def render_frame(figure, params, *, alt, readout=None, dpi=80):
    """Render ``figure(**params)`` to the HTML of one frame.

    This is also the callback of :func:`live_slider`, so a test can call it.

    Parameters
    ----------
    figure : callable
        Pure function returning a :class:`matplotlib.figure.Figure`.
    params : mapping of str to object
        Keyword arguments for `figure`.
    alt : str
        Alt text of the image: what the figure shows, for readers who cannot see it.
    readout : str, optional
        Numbers computed for these parameters, shown under the image.
    dpi : float, default 80
        Resolution of the PNG; the image is shown at one image pixel per CSS pixel.

    Returns
    -------
    str
        ``<div class="nllce-frame"><img alt=... src="data:image/png;base64,...">...</div>``

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def bars(q):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().bar([0, 1], [q, 1 - q])
    ...     return fig
    >>> frame = render_frame(bars, {"q": 0.25}, alt="two bars", readout="q = 0.25")
    >>> frame.startswith('<div class="nllce-frame"><img class="nllce-frame-image" alt="two bars"')
    True
    >>> 'width="160" height="80"' in frame, frame.endswith("q = 0.25</p></div>")
    (True, True)
    """
    if not isinstance(params, Mapping):
        raise TypeError(f"`params` must be a mapping of parameter names to values; got {params!r}")
    check_dpi(dpi)
    where = describe(params)
    alt = check_text(alt, "alt", where)
    if readout is not None:
        readout = check_text(readout, "readout", where)
    return _frame_html(_png(figure, params, dpi, where), alt, readout)


def prerendered_slider(
    figure,
    param,
    values,
    *,
    default=None,
    fixed=None,
    label=None,
    unit="",
    readout=None,
    alt=None,
    dpi=80,
    max_bytes=1_500_000,
    value_format="g",
):
    """A slider over prerendered frames that works on the static page.

    Parameters
    ----------
    figure : callable
        ``figure(**{param: value}, **fixed)`` returns a :class:`matplotlib.figure.Figure`.
    param : str
        Name of the keyword argument of `figure` that the slider moves.
    values : sequence of real numbers
        The slider positions, strictly increasing; one frame each.
    default : real number, optional
        Starting value, one of `values`; the middle value if omitted.
    fixed : mapping, optional
        Further keyword arguments of `figure`, the same for every frame.
    label : str, optional
        Slider label (default: `param`).
    unit : str, default ""
        Unit printed after each value in the slider's readout.
    readout : callable, optional
        ``readout(value) -> str``: numbers for that value, printed under its frame.
    alt : str or callable
        Alt text: a description of the figure (the value is appended), or
        ``alt(value) -> str``.  Required.
    dpi : float, default 80
        Resolution of the frames.
    max_bytes : int, default 1_500_000
        Budget for the HTML of all frames together.
    value_format : str, default "g"
        Format spec of the values in the readout.

    Returns
    -------
    ipywidgets.VBox
        The slider above a :class:`ipywidgets.Stack` of frames, linked in the browser.

    Raises
    ------
    ValueError
        Empty or not strictly increasing `values`, `default` not among them, `figure`
        failing for a value (the original error is chained), or frames over `max_bytes`.
    TypeError
        `figure` not returning a Figure, or arguments of the wrong type.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def bars(q):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().bar([0, 1], [q, 1 - q])
    ...     return fig
    >>> box = prerendered_slider(bars, "q", [0.1, 0.5, 0.9], default=0.5, alt="two bars")
    >>> slider, stack = box.children
    >>> slider.label, stack.selected_index, len(stack.children)
    ('0.5', 1, 3)
    """
    check_callable(figure, "figure")
    check_name(param, "param")
    values = as_values(values, param)
    index = default_index(values, default, param, "default")
    fixed = as_fixed(fixed, [param])
    label = param if label is None else check_text(label, "label", f"`{param}`")
    texts = value_texts(values, unit, value_format, param)
    _check_functions(alt, readout, dpi)

    frames = [
        _frame(figure, fixed, {param: value}, [label], [text], alt, readout, dpi)
        for value, text in zip(values, texts, strict=True)
    ]
    check_budget(frames, max_bytes, dpi, f"`{param}`")
    stack = ipywidgets.Stack(_frame_widgets(frames), selected_index=index)
    slider = _slider(texts, index, label)
    ipywidgets.jslink((slider, "index"), (stack, "selected_index"))
    return ipywidgets.VBox([slider, stack]).add_class(SLIDER_CLASS)


def prerendered_grid(
    figure,
    params,
    *,
    defaults=None,
    fixed=None,
    labels=None,
    units=None,
    readout=None,
    alt=None,
    dpi=80,
    max_bytes=1_500_000,
    value_format="g",
):
    """Two sliders over a grid of prerendered frames that works on the static page.

    The frames for each value of the first parameter sit in an inner
    :class:`ipywidgets.Stack` driven by the second slider; the first slider picks
    the inner stack.

    Parameters
    ----------
    figure : callable
        ``figure(**{name1: v1, name2: v2}, **fixed)`` returns a Figure.
    params : mapping
        Exactly two entries ``name -> values`` (each strictly increasing), in slider order.
    defaults, labels, units : mapping, optional
        Per parameter name: starting value (default: the middle one), slider label
        (default: the name) and unit (default: none).
    readout : callable, optional
        ``readout(v1, v2) -> str``, printed under each frame.
    alt : str or callable
        Alt text: a description (the values are appended), or ``alt(v1, v2) -> str``.
    fixed, dpi, max_bytes, value_format
        As in :func:`prerendered_slider`; `max_bytes` budgets the whole grid.

    Returns
    -------
    ipywidgets.VBox
        Both sliders above the outer stack.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def dot(x, y):
    ...     fig = Figure(figsize=(1, 1))
    ...     fig.add_subplot().plot([x], [y], "o")
    ...     return fig
    >>> box = prerendered_grid(dot, {"x": [0, 1], "y": [0, 1, 2]}, alt="a dot")
    >>> first, second, outer = box.children
    >>> [len(inner.children) for inner in outer.children], outer.selected_index
    ([3, 3], 0)
    """
    check_callable(figure, "figure")
    if not isinstance(params, Mapping) or len(params) != 2:
        raise ValueError(
            "`params` must be a mapping of exactly two parameter names to their values; "
            f"got {params!r}"
        )
    names = list(params)
    for name in names:
        check_name(name, "params")
    defaults = per_param(defaults, names, "defaults")
    labels = per_param(labels, names, "labels")
    units = per_param(units, names, "units")
    values = [as_values(params[name], name) for name in names]
    indices = [
        default_index(vals, defaults.get(name), name, "defaults")
        for name, vals in zip(names, values, strict=True)
    ]
    fixed = as_fixed(fixed, names)
    shown = [check_text(labels.get(name, name), "labels", f"`{name}`") for name in names]
    texts = [
        value_texts(vals, units.get(name, ""), value_format, name)
        for name, vals in zip(names, values, strict=True)
    ]
    _check_functions(alt, readout, dpi)

    rows = [
        [
            _frame(figure, fixed, {names[0]: v1, names[1]: v2}, shown, [t1, t2], alt, readout, dpi)
            for v2, t2 in zip(values[1], texts[1], strict=True)
        ]
        for v1, t1 in zip(values[0], texts[0], strict=True)
    ]
    check_budget([frame for row in rows for frame in row], max_bytes, dpi,
                  f"`{names[0]}` x `{names[1]}`")
    widgets = iter(_frame_widgets([frame for row in rows for frame in row]))
    inner = [
        ipywidgets.Stack([next(widgets) for _ in row], selected_index=indices[1]) for row in rows
    ]
    outer = ipywidgets.Stack(inner, selected_index=indices[0])
    # one label width for both, so that the two tracks line up
    width = f"{0.6 * max(map(len, shown)) + 0.5:.1f}em"
    sliders = [_slider(t, i, s, width) for t, i, s in zip(texts, indices, shown, strict=True)]
    ipywidgets.jslink((sliders[0], "index"), (outer, "selected_index"))
    for stack in inner:
        ipywidgets.jslink((sliders[1], "index"), (stack, "selected_index"))
    return ipywidgets.VBox([*sliders, outer]).add_class(SLIDER_CLASS)


def live_slider(
    figure,
    param,
    *,
    min,
    max,
    step,
    default,
    fixed=None,
    label=None,
    unit="",
    readout=None,
    alt=None,
    dpi=100,
    value_format="g",
):
    """A slider that recomputes the figure in a running kernel on every move.

    It needs a kernel (Binder, JupyterLab); on the static page use
    :func:`prerendered_slider`.  The frame is recomputed with :func:`render_frame`
    when the slider is released or moved with the keyboard.

    Parameters
    ----------
    figure, param, fixed, label, unit, readout, alt, dpi, value_format
        As in :func:`prerendered_slider`.
    min, max, step : real number
        Range and resolution of the slider, ``min < max`` and ``step > 0``.
    default : real number
        Starting value, within ``[min, max]``.  When `min`, `max`, `step` and
        `default` are all integers, the slider is an :class:`ipywidgets.IntSlider`
        and `figure` gets Python ints; otherwise a :class:`ipywidgets.FloatSlider`.

    Returns
    -------
    ipywidgets.VBox
        A row (slider, value with unit) above the frame.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def bars(q):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().bar([0, 1], [q, 1 - q])
    ...     return fig
    >>> box = live_slider(bars, "q", min=0, max=1, step=0.01, default=0.5, alt="two bars")
    >>> (slider, shown), frame = box.children[0].children, box.children[1]
    >>> slider.value = 0.25
    >>> shown.value, 'alt="two bars (q = 0.25)"' in frame.value
    ('0.25', True)
    """
    check_callable(figure, "figure")
    check_name(param, "param")
    bounds = {"min": min, "max": max, "step": step, "default": default}
    for name, number in bounds.items():
        if not is_real(number) or not math.isfinite(number):
            raise TypeError(f"`{name}` for `{param}` must be a finite real number; got {number!r}")
    if not min < max or step <= 0 or not min <= default <= max:
        raise ValueError(
            f"slider `{param}` needs `min` < `max`, `step` > 0 and `min` <= `default` <= `max`; "
            f"got min={min!r}, max={max!r}, step={step!r}, default={default!r}"
        )
    fixed = as_fixed(fixed, [param])
    label = param if label is None else check_text(label, "label", f"`{param}`")
    _check_functions(alt, readout, dpi)

    def show(value):
        text = value_text(value, unit, value_format)
        return text, _frame(figure, fixed, {param: value}, [label], [text], alt, readout, dpi)

    # Integer bounds make an IntSlider, so that the figure gets ints it can index with
    # (a FloatSlider would pass 30.0 for a sample size of 30); else every value is a float.
    integral = all(isinstance(number, numbers.Integral) for number in bounds.values())
    kind, number = (ipywidgets.IntSlider, int) if integral else (ipywidgets.FloatSlider, float)
    min, max, step, default = map(number, bounds.values())
    text, first = show(default)
    slider = kind(
        value=default, min=min, max=max, step=step, description=label, readout=False,
        continuous_update=False, style={"description_width": "initial"},
        layout=ipywidgets.Layout(**_SLIDER_LAYOUT),
    )
    shown = ipywidgets.Label(text)
    frame = ipywidgets.HTML(first)

    def on_move(change):
        shown.value, frame.value = show(change["new"])

    slider.observe(on_move, names="value")
    return ipywidgets.VBox([ipywidgets.HBox([slider, shown]), frame]).add_class(SLIDER_CLASS)


def _check_functions(alt, readout, dpi):
    check_alt(alt)
    if readout is not None:
        check_callable(readout, "readout")
    check_dpi(dpi)


def _frame(figure, fixed, moving, labels, texts, alt, readout, dpi):
    """HTML of the frame for the slider values `moving`, shown as ``label = text``."""
    where = describe(moving)
    values = list(moving.values())
    if callable(alt):
        alt = check_text(_call(alt, values, "alt", where), "alt", where)
    else:
        alt = f"{alt} ({pairs(labels, texts)})"
    if readout is not None:
        readout = check_text(_call(readout, values, "readout", where), "readout", where)
    return _frame_html(_png(figure, {**fixed, **moving}, dpi, where), alt, readout)


def _png(figure, params, dpi, where):
    """PNG bytes of ``figure(**params)``; the figure is closed afterwards."""
    fig = _call(figure, [], "figure", where, params)
    if not isinstance(fig, Figure):
        raise TypeError(
            f"`figure` must return a matplotlib Figure; got {type(fig).__name__} for {where}"
        )
    try:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        plt.close(fig)
    return buffer.getvalue()


def _frame_html(png, alt, readout):
    width, height = struct.unpack(">II", png[16:24])  # from the PNG's IHDR chunk
    data = base64.b64encode(png).decode("ascii")
    image = (
        f'<img class="nllce-frame-image" alt="{html.escape(alt)}" width="{width}" '
        f'height="{height}" style="{_IMAGE_STYLE}" src="data:image/png;base64,{data}">'
    )
    caption = (
        "" if readout is None
        else f'<p class="nllce-readout" style="{_READOUT_STYLE}">{html.escape(readout)}</p>'
    )
    return f'<div class="nllce-frame">{image}{caption}</div>'


def _call(function, args, name, where, kwargs=None):
    """Call a user's function; any failure names the function and the slider values."""
    try:
        return function(*args, **(kwargs or {}))
    except Exception as exc:
        raise ValueError(f"`{name}` raised {type(exc).__name__} for {where}: {exc}") from exc


def _frame_widgets(frames):
    """An HTML widget per frame; all share one layout and one style, so that the page
    loads one model per frame instead of three."""
    layout, style = ipywidgets.Layout(), HTMLStyle()
    return [ipywidgets.HTML(frame, layout=layout, style=style) for frame in frames]


def _slider(texts, index, label, label_width="initial"):
    return ipywidgets.SelectionSlider(
        options=[(text, i) for i, text in enumerate(texts)], index=index, description=label,
        continuous_update=True, style={"description_width": label_width},
        layout=ipywidgets.Layout(**_SLIDER_LAYOUT),
    )
