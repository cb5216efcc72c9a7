"""The static slider of the book's pages: native HTML that needs no widget manager.

Under ``NLLCE_SLIDERS=static`` (the book build), :func:`nllce.widgets.slider` and
:func:`~nllce.widgets.slider_grid` render one frame per position (per pair of
positions for a grid) and return a :class:`StaticSlider`, whose ``text/html``
output myst-nb puts into the page as is::

    <div class="nllce-slider nllce-static">
      <div class="nllce-controls">           one row per parameter
        <label for="ID">q₂</label>
        <input type="range" class="nllce-range" id="ID" min="0" max="9" value="3"
               aria-valuetext="0.40" data-texts='["0.10", ...]'>
        <span class="nllce-value" aria-hidden="true">0.40</span>
      </div>
      <div class="nllce-frames">             one <img> per frame, all but one hidden
        <img class="nllce-frame-image" data-position="3" data-readout="..." alt="...">
      </div>
      <p class="nllce-readout" aria-live="polite">the default frame's readout</p>
      <p class="nllce-print-note">(printed only)</p>
    </div>

The default frame and its readout are in the HTML, so they show before any script
runs and nothing moves when it does. The page's one small script
(``assets/nllce-sliders.js``) listens to ``input`` events: it shows the frame whose
``data-position`` is the inputs' values joined by spaces, and puts the value's text
in ``aria-valuetext``, in the printed value and its frame's readout in the live
region. The range inputs move by position (0, 1, ...), so the slider's values need
not be evenly spaced. No ipywidgets object is made, so the notebook saves no
widget state and the page loads no widget manager.
"""

import html
import itertools
import json

from ._slider_checks import check_budget
from ._slider_parts import data_url, png_size, render_parts

__all__ = ["PRINT_NOTE", "StaticSlider", "static_slider"]

#: Printed under a slider instead of its controls (the page's CSS shows it only in print).
PRINT_NOTE = "Move the slider in the online book to see the other positions."

# One number per slider of a notebook: the ids of its inputs, unique on the page.
_numbers = itertools.count(1)


class StaticSlider:
    """A prerendered slider: its HTML, which notebooks and myst-nb show as ``text/html``.

    Attributes
    ----------
    html : str
        The markup (see the module's documentation).
    frames : int
        How many frames it holds.
    """

    def __init__(self, markup, frames):
        self.html = markup
        self.frames = frames

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return f"<nllce static slider, {self.frames} frames>"


def static_slider(frame, axes, fixed, dpi, max_bytes, css_class):
    """The :class:`StaticSlider` over the `axes` (checked ``_Axis`` tuples of nllce.widgets)."""
    positions = list(itertools.product(*(range(len(axis.values)) for axis in axes)))
    names = [axis.name for axis in axes]
    default = tuple(axis.index for axis in axes)
    images, readouts = [], {}
    for at in positions:
        moving = {name: axis.values[i] for name, axis, i in zip(names, axes, at, strict=True)}
        png, alt, readout = render_parts(frame, moving, fixed, dpi)
        images.append(_image(png, alt, readout, at, at == default))
        readouts[at] = readout
    check_budget(images, max_bytes, dpi, " x ".join(f"`{name}`" for name in names))
    number = next(_numbers)
    controls = "".join(_control(axis, f"nllce-{number}-{axis.name}") for axis in axes)
    has_readout = any(text is not None for text in readouts.values())
    readout = (
        f'<p class="nllce-readout" aria-live="polite">{html.escape(readouts[default] or "")}</p>'
        if has_readout else ""
    )
    markup = (
        f'<div class="{css_class} nllce-static">'
        f'<div class="nllce-controls">{controls}</div>'
        f'<div class="nllce-frames">{"".join(images)}</div>'
        f'{readout}<p class="nllce-print-note">{html.escape(PRINT_NOTE)}</p></div>'
    )
    return StaticSlider(markup, len(images))


def _control(axis, element_id):
    """Label, range input and printed value of one parameter."""
    text = axis.texts[axis.index]
    width = max(len(text) for text in axis.texts)
    texts = html.escape(json.dumps(axis.texts, ensure_ascii=False), quote=True)
    return (
        f'<label class="nllce-label" for="{element_id}">{html.escape(axis.label)}</label>'
        f'<input type="range" class="nllce-range" id="{element_id}" min="0" '
        f'max="{len(axis.values) - 1}" step="1" value="{axis.index}" autocomplete="off" '
        f'aria-valuetext="{html.escape(text)}" data-texts="{texts}">'
        f'<span class="nllce-value" aria-hidden="true" style="min-width:{width}ch">'
        f"{html.escape(text)}</span>"
    )


def _image(png, alt, readout, at, shown):
    width, height = png_size(png)
    position = " ".join(map(str, at))
    readout = "" if readout is None else f' data-readout="{html.escape(readout)}"'
    return (
        f'<img class="nllce-frame-image" data-position="{position}"{readout} '
        f'alt="{html.escape(alt)}" width="{width}" height="{height}"'
        f'{"" if shown else " hidden"} src="{data_url(png)}">'
    )
