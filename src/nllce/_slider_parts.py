"""The parts :mod:`nllce.widgets` builds its sliders from: rendered frames and widgets.

A frame function's :class:`~nllce.frames.Frame` becomes the HTML of one frame: an
``<img>`` with real alt text (``ipywidgets.Image`` has no alt attribute) holding
the figure as a PNG, then the readout. Every failure names the slider values it
happened at.
"""

import html
import io

import ipywidgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from ._frame import Frame
from ._pictures import data_url, png_size
from ._slider_checks import check_text, describe

__all__ = [
    "SLIDER_LAYOUT",
    "call",
    "data_url",
    "frame_html",
    "png_bytes",
    "png_size",
    "render",
    "render_figures",
    "render_parts",
    "selection_slider",
    "smallest_text_points",
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
    (png,), alt, readout, _ = render_figures(frame, moving, fixed, [dpi])
    return png, alt, readout


def render_figures(frame, moving, fixed, dpis):
    """``(pngs, alt, readout, points)``: ``frame(**fixed, **moving)`` saved at each of `dpis`.

    `points` is the size of the figure's smallest text (see `smallest_text_points`).
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
        pngs = [png_bytes(figure, dpi) for dpi in dpis]
        points = smallest_text_points(figure)  # after drawing: tick labels exist by now
    finally:
        if isinstance(figure, Figure):
            plt.close(figure)
    return pngs, alt, readout, points


def smallest_text_points(figure):
    """The size in points of the smallest text drawn on `figure` (None if it has none)."""
    sizes = [
        text.get_fontsize() for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    return min(sizes, default=None)


def png_bytes(figure, dpi):
    """`figure` as PNG bytes at `dpi`, in at most 256 colours and with no software stamp.

    The book's figures are flat colours with antialiased edges, which 256 colours
    draw without a visible change, in about a quarter of the bytes of a true-colour
    PNG; the paper (the corner pixel) keeps its exact colour, so a picture's edge is
    invisible on the page. The same figure gives the same bytes.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    image = Image.open(buffer).convert("RGB")
    paper = image.getpixel((0, 0))
    palette_image = image.quantize(
        colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    palette = palette_image.getpalette()
    index = palette_image.getpixel((0, 0))
    palette[3 * index : 3 * index + 3] = paper
    palette_image.putpalette(palette)
    buffer = io.BytesIO()
    palette_image.save(buffer, format="PNG")
    return buffer.getvalue()


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
