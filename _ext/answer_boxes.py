"""Answer boxes on the static page: check an exercise without a kernel (both editions).

Loaded via ``sphinx: local_extensions`` in ``_config.yml``.

After every ``{exercise}`` block whose label is registered in :mod:`nllce.exercises`,
right after its answer cell (a code cell calling ``check("<label>", ...)``) when one
follows, the page gets a box: a ``<form class="nllce-answer-box"
data-exercise="<label>">`` with a labelled text field, a Check button (Enter works too)
and an ``aria-live`` region for the verdict. A function exercise gets a note instead:
run it in a notebook.

The page's checker is data plus generic rules: each page that has boxes embeds
``nllce.exercises.export(label)`` of its exercises as one
``<script type="application/json" id="nllce-answer-data">`` and loads
``assets/answer-boxes.js`` (the rules of ``Exercise.check``). The vendored mathjs
(``tools/vendor_assets.py``; it reads typed answers without running them), about 650 KB,
is not loaded with the page: the script's tag carries its address (``data-mathjs``,
relative to the page, with Sphinx's ``?v=`` checksum like the page's other scripts) and
the script adds it when a reader first focuses a box that may need it or checks an answer
that does. Nothing comes from another site, so the boxes work from ``file://`` and
offline. The student edition ships these reference answers in the page, as the student
notebooks ship them inside ``nllce``.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from functools import cache
from pathlib import Path

from docutils import nodes

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SCRIPT = "answer-boxes.js"
STYLE = "answer-boxes.css"
MATHJS = "vendored/mathjs/math.js"
DATA_ID = "nllce-answer-data"
BOX = re.compile(r'<form class="nllce-answer-box"[^>]*data-exercise="([^"]+)"')
NOTE = re.compile(r'<div class="nllce-answer-box nllce-answer-notebook"')


@cache
def exported() -> dict:
    from nllce.exercises import export_all

    return export_all()


def prompt(data: dict) -> str:
    """The text of the box's label: what to type."""
    kind = data["kind"]
    if kind == "number":
        return "Your answer (a number, such as 0.25, 1/4 or log(2)/3)"
    if kind == "array":
        shape = data["shape"]
        if len(shape) == 1:
            return f"Your answer ({shape[0]} numbers, as [a, b, ...])"
        return f"Your answer ({shape[0]} rows of {shape[1]} numbers, as [[a, b, ...], [c, d, ...]])"
    if kind == "choice":
        return "Your answer (one of " + ", ".join(map(str, data["choices"])) + ")"
    return (
        "Your answer (an expression in " + ", ".join(data["symbols"])
        + ", in Python syntax such as a*b**2 or log(a))"
    )


def box_html(label: str, data: dict) -> str:
    name = html.escape(label)
    if data["kind"] == "function":
        return (
            f'<div class="nllce-answer-box nllce-answer-notebook" data-exercise="{name}">'
            "<p>Run this one in a notebook: its answer is a function, which this page cannot "
            f'run. Call <code>check("{name}", your_function)</code> there.</p></div>'
        )
    field = f"nllce-answer-{name}"
    return (
        f'<form class="nllce-answer-box" data-exercise="{name}" data-kind="{data["kind"]}" '
        f'autocomplete="off" novalidate>'
        f'<label for="{field}">{html.escape(prompt(data))}</label>'
        '<span class="nllce-answer-row">'
        f'<input id="{field}" name="answer" type="text" spellcheck="false" '
        f'autocapitalize="off" aria-describedby="{field}-feedback">'
        '<button type="submit">Check</button></span>'
        f'<div class="nllce-answer-feedback" id="{field}-feedback" aria-live="polite" '
        'aria-atomic="true"></div></form>'
    )


def _checks(cell, label: str) -> bool:
    if not isinstance(cell, nodes.container) or cell.get("nb_element") != "cell_code":
        return False
    return re.search(r"check\(\s*[\"']" + re.escape(label) + r"[\"']", cell.astext()) is not None


def _is_exercise(node) -> bool:
    return type(node).__name__ in ("exercise_node", "exercise_enumerable_node")


def add_boxes(app, doctree, docname) -> None:
    """After each registered exercise (or its answer cell), its box."""
    if app.builder.format != "html":
        return
    data = exported()
    for node in list(doctree.findall(_is_exercise)):
        label = node.get("label")
        if label not in data or node.parent is None:
            continue
        parent = node.parent
        anchor = node
        for sibling in parent.children[parent.index(node) + 1:]:
            is_cell = isinstance(sibling, nodes.container)
            if not (is_cell and sibling.get("nb_element") == "cell_code"):
                break
            if _checks(sibling, label):
                anchor = sibling
        parent.insert(
            parent.index(anchor) + 1,
            nodes.raw("", box_html(label, data[label]), format="html"),
        )


def mathjs_url(app, context) -> str:
    """The address of the vendored mathjs from this page, as Sphinx writes a script's.

    Relative (so it works from ``file://``), with the ``?v=`` of Sphinx's ``js_tag`` (the
    CRC-32 of the copied file), so a browser does not keep an old mathjs from its cache.
    """
    path = f"_static/{MATHJS}"
    content = Path(app.outdir, path).read_bytes().translate(None, b"\r")
    return f"{context['pathto'](path, resource=True)}?v={zlib.crc32(content):08x}"


def embed_data(app, pagename, templatename, context, doctree) -> None:
    """Pages with boxes: their exported data in the page, the script (told where mathjs
    is, for it to load when needed) and styles."""
    body = context.get("body", "")
    boxes = BOX.findall(body)
    if not boxes and not NOTE.search(body):
        return
    app.add_css_file(STYLE)
    if not boxes:
        return
    data = exported()
    page_data = {label: data[html.unescape(label)] for label in boxes}
    text = json.dumps(page_data, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/")
    context["body"] = (
        body + f'\n<script type="application/json" id="{DATA_ID}">{text}</script>\n'
    )
    app.add_js_file(SCRIPT, loading_method="defer", **{"data-mathjs": mathjs_url(app, context)})


def serve_files(app, config) -> None:
    for name in (SCRIPT, STYLE):
        config.html_static_path.append(str(ASSETS / name))


def setup(app):
    app.connect("config-inited", serve_files)
    app.connect("doctree-resolved", add_boxes)
    app.connect("html-page-context", embed_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
