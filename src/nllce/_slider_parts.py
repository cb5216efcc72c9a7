"""The parts :mod:`nllce.widgets` builds its sliders from: rendered frames and widgets.

A frame function's :class:`~nllce.frames.Frame` becomes the HTML of one frame: an
``<img>`` with real alt text (``ipywidgets.Image`` has no alt attribute) holding
the figure as a PNG, then the readout. Every failure names the slider values it
happened at.
"""

import base64
import html
import io
import struct

import ipywidgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ._frame import Frame
from ._slider_checks import check_text, describe

__all__ = [
    "SLIDER_LAYOUT",
    "call",
    "data_url",
    "frame_html",
    "png_size",
    "render",
    "render_parts",
    "selection_slider",
]

SLIDER_LAYOUT = {"width": "100%", "max_width": "36em"}
_IMAGE_STYLE = "max-width:100%;height:auto"
_READOUT_STYLE = "margin:0.25em 0 0;font-variant-numeric:tabular-nums"


def render(frame, moving, fixed, dpi):
    """HTML of ``frame(**fixed, **moving)``; the figure is closed once rendered."""
    return frame_html(*render_parts(frame, moving, fixed, dpi))


def render_parts(frame, moving, fixed, dpi):
    """``(png, alt, readout)`` of ``frame(**fixed, **moving)``, the texts checked.

    The figure is closed once rendered; `readout` may be None.
    """
    where = describe(moving)
    result = call(frame, "frame", where, {**fixed, **moving})
    if not isinstance(result, Frame):
        if isinstance(result, Figure):
            plt.close(result)
        raise TypeError(
            "`frame` must return an nllce Frame(figure, readout, alt); "
            f"got {type(result).__name__} for {where}"
        )
    figure, readout, alt = result
    try:
        if not isinstance(figure, Figure):
            raise TypeError(
                "the `figure` of the Frame must be a matplotlib Figure; "
                f"got {type(figure).__name__} for {where}"
            )
        alt = check_text(alt, "alt", where)
        if readout is not None:
            readout = check_text(readout, "readout", where)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        if isinstance(figure, Figure):
            plt.close(figure)
    return buffer.getvalue(), alt, readout


def png_size(png):
    """``(width, height)`` in pixels, from the PNG's IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def data_url(png):
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def frame_html(png, alt, readout):
    """One frame as the live slider shows it: the image, then the readout."""
    width, height = png_size(png)
    image = (
        f'<img class="nllce-frame-image" alt="{html.escape(alt)}" width="{width}" '
        f'height="{height}" style="{_IMAGE_STYLE}" src="{data_url(png)}">'
    )
    caption = (
        "" if readout is None
        else f'<p class="nllce-readout" style="{_READOUT_STYLE}">{html.escape(readout)}</p>'
    )
    return f'<div class="nllce-frame">{image}{caption}</div>'


def call(function, name, where, kwargs):
    """Call a user's function; any failure names the function and the slider values."""
    try:
        return function(**kwargs)
    except Exception as exc:
        raise ValueError(f"`{name}` raised {type(exc).__name__} for {where}: {exc}") from exc


def selection_slider(texts, index, label, label_width="initial", values=None, **options):
    """A slider over the printed `texts`; its value is the position, or one of `values`."""
    positions = list(zip(texts, range(len(texts)) if values is None else values, strict=True))
    options = {"continuous_update": True, **options}
    return ipywidgets.SelectionSlider(
        options=positions, index=index, description=label,
        style={"description_width": label_width}, layout=ipywidgets.Layout(**SLIDER_LAYOUT),
        **options,
    )
