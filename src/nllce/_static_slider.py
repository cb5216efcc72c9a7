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
      <div class="nllce-frames">             one <picture> per frame, all but one hidden
        <picture>
          <source media="screen and (prefers-color-scheme: dark) and (max-width: 600px)"
                  data-theme="dark" srcset="... 1x, ... 2x">     dark page, phone
          <source media="screen and (prefers-color-scheme: dark)" ...>   dark page
          <source media="(max-width: 600px)" ...>                        phone
          <img class="nllce-frame-image dark-light" data-position="3" data-readout="..."
               alt="..." srcset="... 2x" src="...">                      light, wide
        </picture>
      </div>
      <p class="nllce-readout" aria-live="polite">the default frame's readout</p>
      <p class="nllce-print-note">(printed only)</p>
    </div>

Each frame is drawn four ways, each at 1x and 2x pixel density, and the browser
fetches the one it needs (``nllce._pictures``): wide, or for a phone, on a light or
a dark page. The book's build turns the data URLs into files of the site
(``_ext/slider_frames.py``).

The default frame and its readout are in the HTML, so they show before any script
runs and nothing moves when it does. The page's one small script
(``assets/nllce-sliders.js``) listens to ``input`` events: it shows the frame whose
``data-position`` is the inputs' values joined by spaces, and puts the value's text
in ``aria-valuetext``, in the printed value and its frame's readout in the live
region; and when the reader's choice of theme differs from the system's, it points
the dark ``<source>`` elements at the theme's choice. The range inputs move by
position (0, 1, ...), so the slider's values need not be evenly spaced. No ipywidgets
object is made, so the notebook saves no widget state and the page loads no widget
manager.
"""

import html
import itertools
import json

from ._pictures import draw_four_ways, picture
from ._slider_checks import check_budget
from ._slider_parts import render_figures

__all__ = ["PRINT_NOTE", "StaticSlider", "static_slider"]

#: Printed under a slider instead of its controls (the page's CSS shows it only in print).
PRINT_NOTE = "Move the slider in the online book to see the other positions."

#: The frames' class; ``dark-light`` keeps pydata-sphinx-theme from dimming them in dark
#: mode, since they come drawn for it.
FRAME_CLASS = "nllce-frame-image dark-light"

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
    images, readouts, downloads = [], {}, {}
    for at in positions:
        moving = {name: axis.values[i] for name, axis, i in zip(names, axes, at, strict=True)}

        def render(dpis, moving=moving):
            pngs, alt, readout, points = render_figures(frame, moving, fixed, dpis)
            return pngs, points, (alt, readout)

        drawings, (alt, readout) = draw_four_ways(render, dpi)
        for (theme, layout), (one, two, _) in drawings.items():
            for density, png in (("1x", one), ("2x", two)):
                key = f"{theme} {layout} {density}"
                downloads[key] = downloads.get(key, 0) + len(png)
        attributes = {"class": FRAME_CLASS, "data-position": " ".join(map(str, at))}
        if readout is not None:
            attributes["data-readout"] = readout
        images.append(picture(drawings, {**attributes, "alt": alt}, shown=at == default))
        readouts[at] = readout
    check_budget(downloads, max_bytes, dpi, " x ".join(f"`{name}`" for name in names))
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
