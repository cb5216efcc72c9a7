"""Figures and slider frames as ``<picture>`` elements whose drawings are files of the site.

Every figure of the book is drawn four ways, each at 1x and 2x pixel density: wide or
for a phone, for a light or a dark page (``src/nllce/_pictures.py``). A browser
fetches the one drawing it shows, so the pages carry links, not images:

- A figure that stands alone (``nllce.widgets.figure``) comes out of its notebook as
  a PNG carrying its drawings; when the page is read (``doctree-read``, before Sphinx
  collects its images), its image node becomes the ``<picture>``, with the alt text
  and classes the cell gave the image, inside the same figure and caption.
- A static slider comes out of its notebook as HTML that holds its frames as
  ``data:image/png;base64,...`` URLs.

When a page is put together (``html-page-context``), each PNG data URL in its body
becomes a file ``_images/nllce/<hash>.png`` (named by a hash of its bytes, so a file
never changes under its name and a host may cache it for long) and the URL a relative
link to it, which works from a server and from ``file://`` alike.
"""

import base64
import binascii
import hashlib
import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

from nllce._pictures import embedded, picture

#: Where the drawings go, under the HTML output folder.
FOLDER = "_images/nllce"
#: The class of a standalone figure's ``<img>``; ``dark-light`` keeps pydata-sphinx-theme
#: from dimming it in dark mode, since it comes drawn for it.
FIGURE_CLASS = "nllce-figure-image dark-light"
DATA_URL = re.compile(r"data:image/png;base64,([A-Za-z0-9+/]+=*)")


def figures_to_pictures(app, doctree):
    """Replace each image node whose PNG carries drawings with their ``<picture>``."""
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        path = Path(app.srcdir, uri.lstrip("/")) if uri.startswith("/") else None
        if path is None or path.suffix != ".png" or not path.is_file():
            continue
        drawings = embedded(path.read_bytes())
        if drawings is None:
            continue
        alt = image.get("alt", "").strip()
        if not alt:
            raise ExtensionError(f"{app.env.docname}: a figure has no alt text ({uri})")
        classes = " ".join([FIGURE_CLASS, *image.get("classes", [])])
        markup = picture(drawings, {"class": classes, "alt": alt})
        image.replace_self(nodes.raw("", markup, format="html"))


def drawings_to_files(app, pagename, templatename, context, doctree):
    """Write the body's PNG data URLs to `FOLDER` and link to the files instead."""
    body = context.get("body")
    if app.builder.format != "html" or not body or "data:image/png;base64," not in body:
        return
    folder = Path(app.outdir, FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    prefix = posixpath.relpath(FOLDER, posixpath.dirname(pagename) or ".")

    def to_file(match):
        try:
            png = base64.b64decode(match.group(1), validate=True)
        except binascii.Error as error:
            raise ExtensionError(f"{pagename}: a PNG data URL does not decode: {error}") from error
        name = hashlib.sha256(png).hexdigest()[:20] + ".png"
        path = folder / name
        if not path.exists():
            path.write_bytes(png)
        return f"{prefix}/{name}"

    context["body"] = DATA_URL.sub(to_file, body)


def setup(app):
    # before Sphinx's image collector (priority 500), which would copy the carrier PNG
    app.connect("doctree-read", figures_to_pictures, priority=400)
    app.connect("html-page-context", drawings_to_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
