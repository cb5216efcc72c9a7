"""A picture of the book's pages: one figure drawn four ways, the browser picks one.

The static pages show every figure (a slider's frames, and the figures that stand
alone, :func:`nllce.widgets.figure`) as a ``<picture>``:

- wide, or for a phone (:func:`nllce.style.narrow_layout`: panels stacked, 360 px
  wide, so the text stays legible where a wide drawing would be halved);
- for a light page, or a dark one (:func:`nllce.style.dark_style`: the same hues on
  the theme's dark background);
- each at 1x and 2x pixel density.

The ``<img>`` is the light, wide drawing; the ``<source>`` elements (`SOURCES`) give
the others, and a browser fetches only what it shows. The dark sources ask the system
(``prefers-color-scheme``); ``assets/nllce-sliders.js`` points them at the theme's
switch when the reader chose otherwise. Every drawing says, in ``data-text-px``, how
tall its smallest text is in CSS pixels when shown at its own width.

A figure that stands alone reaches the page as a PNG (so that its cell's alt text and
caption apply) that carries its drawings in a ``tEXt`` chunk (`embed`); the build's
``_ext/slider_frames.py`` reads them (`embedded`) and puts the picture in its place.
"""

import base64
import contextlib
import html
import json
import struct
import zlib

from .style import dark_style, narrow_layout

__all__ = [
    "DARK_MEDIA",
    "DRAWINGS",
    "NARROW_DPI",
    "NARROW_MEDIA",
    "SOURCES",
    "draw_four_ways",
    "embed",
    "embedded",
    "picture",
]

#: Screens up to this width get the drawing made for a phone, where the wide drawing
#: would be shown at about half its size.
NARROW_MEDIA = "(max-width: 600px)"
#: A dark page gets the drawing made for it, on screen only (a print is on white paper).
DARK_MEDIA = "(prefers-color-scheme: dark)"
#: The ``<source>`` elements of a ``<picture>`` as (theme, layout, media), in order; the
#: first whose media query matches wins, and the ``<img>`` (light, wide) takes the rest.
SOURCES = (
    ("dark", "narrow", f"screen and {NARROW_MEDIA}"),
    ("dark", "wide", "screen"),
    ("light", "narrow", NARROW_MEDIA),
)
#: The narrow drawing's resolution (360 px wide at 1x), whatever the figure's own dpi.
NARROW_DPI = 100
#: The four drawings, the light wide one first.
DRAWINGS = (("light", "wide"), ("light", "narrow"), ("dark", "wide"), ("dark", "narrow"))
_CHUNK_KEY = b"nllce-drawings"


@contextlib.contextmanager
def _drawn_for(theme, layout):
    with contextlib.ExitStack() as stack:
        if theme == "dark":
            stack.enter_context(dark_style())
        if layout == "narrow":
            stack.enter_context(narrow_layout())
        yield


def draw_four_ways(render, dpi):
    """Each of `DRAWINGS` as ``(png_1x, png_2x, text_px)``, and what `render` said first.

    ``render(dpis)`` draws the figure in the current style and returns
    ``(pngs, points, extra)``: one PNG per dpi, the size in points of the smallest
    text (None if it has none) and anything else the caller wants from the first
    (light, wide) drawing. `text_px` is that text's height in pixels at 1x.
    """
    drawings, first = {}, None
    for theme, layout in DRAWINGS:
        base = NARROW_DPI if layout == "narrow" else dpi
        with _drawn_for(theme, layout):
            pngs, points, extra = render([base, 2 * base])
        drawings[theme, layout] = (*pngs, None if points is None else points * base / 72)
        if first is None:
            first = extra
    return drawings, first


def picture(drawings, image_attributes, shown=True):
    """The ``<picture>`` of `drawings` (see `draw_four_ways`), PNGs as data URLs.

    `image_attributes` (class, alt, ...) go on the ``<img>`` before its size.
    """
    sources = "".join(
        _source(drawings[theme, layout], theme, media) for theme, layout, media in SOURCES
    )
    wide_1x, wide_2x, text_px = drawings["light", "wide"]
    width, height = png_size(wide_1x)
    attributes = "".join(
        f' {name}="{html.escape(value)}"' for name, value in image_attributes.items()
    )
    return (
        f"<picture>{sources}<img{attributes} width=\"{width}\" height=\"{height}\""
        f'{_text_px(text_px)}{"" if shown else " hidden"} '
        f'srcset="{data_url(wide_2x)} 2x" src="{data_url(wide_1x)}"></picture>'
    )


def _source(drawing, theme, media):
    png_1x, png_2x, text_px = drawing
    width, height = png_size(png_1x)
    dark = theme == "dark"
    follows = f' data-theme="dark" data-media="{media}"' if dark else ""
    shown_for = media.replace("screen", f"screen and {DARK_MEDIA}") if dark else media
    return (
        f'<source media="{shown_for}"{follows} '
        f'srcset="{data_url(png_1x)} 1x, {data_url(png_2x)} 2x" '
        f'width="{width}" height="{height}"{_text_px(text_px)}>'
    )


def _text_px(text_px):
    return "" if text_px is None else f' data-text-px="{text_px:.1f}"'


def png_size(png):
    """``(width, height)`` in pixels, from the PNG's IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def data_url(png):
    """`png` as a ``data:`` URL (the build turns it into a file of the site)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def embed(png, drawings):
    """`png` with `drawings` in a ``tEXt`` chunk before its end (see `embedded`)."""
    text = json.dumps({
        f"{theme} {layout}": [base64.b64encode(one).decode(), base64.b64encode(two).decode(), px]
        for (theme, layout), (one, two, px) in drawings.items()
    })
    data = _CHUNK_KEY + b"\0" + text.encode("ascii")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data))
    end = png.rindex(b"IEND") - 4  # the IEND chunk starts with its length
    return png[:end] + chunk + png[end:]


def embedded(png):
    """The drawings `embed` put in `png`, or None if it has none."""
    at = 8  # after the signature
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        data = png[at + 8 : at + 8 + length]
        if kind == b"tEXt" and data.startswith(_CHUNK_KEY + b"\0"):
            drawings = json.loads(data[len(_CHUNK_KEY) + 1 :])
            return {
                tuple(name.split()): (base64.b64decode(one), base64.b64decode(two), px)
                for name, (one, two, px) in drawings.items()
            }
        at += 12 + length
    return None
