"""Math rendered at build time: every formula is SVG in the page, and no page loads MathJax.

Loaded via ``sphinx: local_extensions`` and chosen with ``html_math_renderer: nllce_svg``.

- While a page is written, each formula is left as a marker holding its TeX (the
  ``nllce-math`` element) inside Sphinx's usual ``span.math`` / ``div.math`` (with
  the equation number and its permalink, as ``sphinx.ext.mathjax`` writes them).
- When the page is put together (``html-page-context``, before the themes render its
  tables of contents), all its formulas (body, contents, links) go in one request to
  MathJax 4 in Node (``_ext/mathjax_render.mjs``, npm ``@mathjax/src``):
  SVG whose glyphs are defined once per page, with assistive MathML beside each
  formula (``mjx-assistive-mml``), which screen readers read. The SVG is
  ``aria-hidden`` and takes no focus: a formula is no tab stop.
- A display formula wider than `NARROW_PX` is also rendered broken into lines that fit
  `NARROW_PX`; the page's CSS (``nllce-math.css``, written here) shows that version
  when its ``div.math`` is narrower than the formula (a container query), so that
  nothing is cut off on a phone. The colours are ``currentColor``: dark mode and print
  follow the text.
- A TeX error stops the build with the formula and the page.

Live code (Thebe) still typesets its outputs in the browser: ``thebe-mathjax.js``
loads the vendored MathJax 3 when the reader starts it.
"""

import html
import json
import math
import re
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

RENDERER = "nllce_svg"
SCRIPT = Path(__file__).resolve().with_name("mathjax_render.mjs")
INSTALL_COMMAND = "npm ci --ignore-scripts"
CSS_FILE = "nllce-math.css"
#: Width (CSS px) of the narrow rendering: the narrowest ``div.math`` of a 390 px phone
#: (inside an admonition) is 291 px.
NARROW_PX = 280
# The SVG is sized in ex of the page's font: 0.5 em in MathJax's reckoning, up to 0.56 em
# in common fonts (DejaVu Sans); sizes are planned with the larger.
EM_PER_EX = 0.5625
# kind: "inline", "display", or "numbered" (a display formula with its number beside it)
MARKER = re.compile(r'<nllce-math data-kind="(\w+)">(.*?)</nllce-math>', re.DOTALL)
# A numbered formula also needs room for its number.
EQNO_EM = 3
# Breakpoints of the container queries (em), one CSS rule each.
BREAKPOINTS = range(10, 122, 2)
CSS_EXTRA = """
/* _ext/math_prerender.py: formulas prerendered as SVG by MathJax 4 (attributes that
   _ext/mathjax_render.mjs leaves out of every formula). */
mjx-container[jax="SVG"] {
  position: relative;
}

mjx-container[jax="SVG"] > svg {
  fill: currentColor;
  stroke: currentColor;
  stroke-width: 0;
}

mjx-container[jax="SVG"] use {
  stroke-width: 3;
}

/* The theme lays div.math out as a row (the number at the right, row-reverse): let the
   formula wrap under its number, never be wider than the column (a formula wider than
   its row scrolls, from its start), and never overflow at the left. */
div.math {
  container: nllce-math / inline-size;
  flex-wrap: wrap;
}

div.math > .nllce-math-wide,
div.math > .nllce-math-narrow,
div.math > mjx-container {
  flex: 1 1 auto;
  min-width: 0;
  max-width: 100%;
}

div.math mjx-container[display] {
  overflow-x: auto;
}

.nllce-math-narrow {
  display: none;
}
"""


def _marker(tex, kind):
    return f'<nllce-math data-kind="{kind}">{html.escape(tex, quote=False)}</nllce-math>'


def visit_inline(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_marker(node.astext(), "inline") + "</span>")
    raise nodes.SkipNode


def visit_block(self, node):
    """As ``sphinx.ext.mathjax``'s display math: the number, then the formula."""
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["nowrap"]:
        tex = node.astext()
    else:
        if node["number"]:
            number = get_node_equation_number(self, node)
            self.body.append(f'<span class="eqno">({number})')
            self.add_permalink_ref(node, _("Link to this equation"))
            self.body.append("</span>")
        parts = [part for part in node.astext().split("\n\n") if part.strip()]
        parts = [rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part
                 for part in parts]
        tex = parts[0] if len(parts) == 1 else (
            r"\begin{align}\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}\end{align}"
        )
    kind = "numbered" if node["number"] and not node["nowrap"] else "display"
    self.body.append(_marker(tex, kind) + "</div>\n")
    raise nodes.SkipNode


class MathJaxProcess:
    """MathJax 4 in Node, started at the first page with math, for the whole build."""

    def __init__(self):
        self.process = None

    def ask(self, request):
        if self.process is None or self.process.poll() is not None:
            self.start()
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ExtensionError(
                f"MathJax in Node stopped: {self.process.stderr.read()[-2000:]}; "
                f"is @mathjax/src installed (`{INSTALL_COMMAND}`)?"
            )
        return json.loads(line)

    def start(self):
        try:
            self.process = subprocess.Popen(
                ["node", str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=SCRIPT.parent,
            )
        except FileNotFoundError as error:
            raise ExtensionError(f"Node.js is needed to render the math: {error}") from error

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.process = None


def _bucket(width_ex, numbered):
    """The container width (em, a `BREAKPOINTS` value) under which the wide form overflows."""
    em = width_ex * EM_PER_EX + (EQNO_EM if numbered else 0) + 1
    bucket = BREAKPOINTS.start + BREAKPOINTS.step * math.ceil(
        (em - BREAKPOINTS.start) / BREAKPOINTS.step
    )
    return min(max(bucket, BREAKPOINTS.start), BREAKPOINTS[-1])


def _replacement(answer, kind):
    if kind == "inline" or answer["narrow"] is None:
        return answer["wide"]
    bucket = _bucket(answer["width"], kind == "numbered")
    return (
        f'<span class="nllce-math-wide nllce-fits-{bucket}">{answer["wide"]}</span>'
        f'<span class="nllce-math-narrow nllce-fits-{bucket}">{answer["narrow"]}</span>'
    )


def _texts(context):
    """(holder, key) of every string of the page context that can hold formulas."""
    holders = [(context, key) for key in ("body", "toc", "title")]
    holders += [(context[link], "title") for link in ("prev", "next")
                if isinstance(context.get(link), dict)]
    return [(holder, key) for holder, key in holders if isinstance(holder.get(key), str)]


def prerender(app, pagename, templatename, context, doctree):
    places = [(holder, key) for holder, key in _texts(context) if "<nllce-math " in holder[key]]
    if not places:
        return
    items = [
        {"tex": html.unescape(match.group(2)), "display": match.group(1) != "inline"}
        for holder, key in places for match in MARKER.finditer(holder[key])
    ]
    narrow_ex = NARROW_PX / (16 * EM_PER_EX)
    answer = app.nllce_mathjax.ask({"page": items, "narrow": narrow_ex})
    if "error" in answer:
        raise ExtensionError(
            f"{pagename}: MathJax cannot read {answer['tex']!r}: {answer['error']}"
        )
    rendered = iter(answer["html"])
    for holder, key in places:
        holder[key] = MARKER.sub(lambda match: _replacement(next(rendered), match.group(1)),
                                 holder[key])
    context["body"] = answer["defs"] + context.get("body", "")


def stylesheet(process):
    rules = "".join(
        f"\n@container nllce-math (max-width: {em}em) {{\n"
        f"  .nllce-math-wide.nllce-fits-{em} {{ display: none; }}\n"
        f"  .nllce-math-narrow.nllce-fits-{em} {{ display: block; }}\n}}\n"
        for em in BREAKPOINTS
    )
    return process.ask({"css": True})["css"] + CSS_EXTRA + rules


def write_stylesheet(app, exception):
    try:
        if exception is None and app.builder.format == "html":
            static = Path(app.outdir, "_static")
            static.mkdir(parents=True, exist_ok=True)
            (static / CSS_FILE).write_text(stylesheet(app.nllce_mathjax), encoding="utf-8")
    finally:
        app.nllce_mathjax.close()


def check_node(app, config):
    if config.html_math_renderer == RENDERER and not (
        SCRIPT.parent.parent / "node_modules" / "@mathjax" / "src" / "package.json"
    ).is_file():
        raise ExtensionError(f"@mathjax/src is not installed; run `{INSTALL_COMMAND}` first")


def setup(app):
    app.add_html_math_renderer(RENDERER, (visit_inline, None), (visit_block, None))
    app.nllce_mathjax = MathJaxProcess()
    app.connect("config-inited", check_node)
    # before the themes' handlers, which render (and cache) the page's tables of contents
    app.connect("html-page-context", prerender, priority=100)
    app.connect("build-finished", write_stylesheet)
    app.add_css_file(CSS_FILE)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
