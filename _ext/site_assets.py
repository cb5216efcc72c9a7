"""Sphinx glue for the self-contained site (loaded via ``sphinx: local_extensions``).

- Fails the build early, with the command to run, when the vendored front-end
  files (``tools/vendor_assets.py``) are missing.
- Serves "Live code" from the book's own files: sphinx-thebe 0.3.1 loads
  ``thebe@0.8.2`` from unpkg, which cannot show ipywidgets 8 widgets; its
  ``THEBE_JS_URL`` is pointed at the vendored ``thebe@0.9.2`` instead, and every
  page loads ``thebe-setup.js``, which gives Thebe 0.9 the options it needs.
- Drops repeated inline scripts: sphinx-thebe 0.3.1 registers its
  ``const THEBE_JS_URL = ...`` script twice (once with filename ``None``, once
  with ``""``), and the second declaration is a console error on every page.
- Marks bibliography entries as list items: docutils gives them the deprecated
  role ``doc-biblioentry`` inside a ``role="list"``, which leaves the list without
  items for assistive technology (axe: aria-required-children, critical).
- Serves the book's site-wide page files from ``assets/`` (`SITE_FILES`), on every page:
  the static sliders' script and styles (``nllce-sliders.js``, loaded async; it only
  switches frames, so the page never waits for it) and the page layout fixes for phones
  and print (``nllce-page.css``), and the book's icon (``favicon.svg``; without one,
  browsers ask for ``/favicon.ico`` and log a 404).
- Takes what no page uses off every page, once the build is done (`lighten_pages`):
  the theme's ``fontawesome.js`` (1.5 MB of script that redraws the icons its style
  sheet already draws with the Font Awesome web font) and, on every page but the search
  page, Sphinx's search scripts and index, which the theme loads for a search-as-you-type
  it has switched off (``search_as_you_type`` is false). Thebe's set-up script is
  deferred: it is needed only when a reader starts "Live code".
- Keeps the exercise modules out of ``sphinx.ext.viewcode``'s highlighted source
  pages (``_modules/``), in both editions: they hold the reference answers, which the
  student edition must not publish. Their objects get no "[source]" link and their
  code is never read; every other module of ``nllce`` links to its source.
"""

import re
from pathlib import Path

from sphinx.errors import ExtensionError

VENDOR_COMMAND = "npm ci --ignore-scripts && python -m tools.vendor_assets"
THEBE = "vendored/thebe/index.js"
THEBE_SETUP = "vendored/thebe-setup.js"
THEBE_FILES = [THEBE, THEBE_SETUP, "vendored/thebe/thebe.css", "vendored/thebe-mathjax.js"]
THEBE_URL = re.compile(r'(const THEBE_JS_URL = ")[^"]*(")')
ASSETS = Path(__file__).resolve().parents[1] / "assets"
#: Files of ``assets/`` served as ``_static/<name>`` and linked from every page, with
#: their ``<script>`` loading method (None for a style sheet). One file per feature.
SITE_FILES = {"nllce-page.css": None, "nllce-sliders.css": None, "nllce-sliders.js": "async"}
# Script tags of the theme that no page needs (see `lighten_pages`).
FONTAWESOME = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>'
)
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)">'
    r"</script>"
)


def check_vendored(app, config):
    local = [path for path in config.nb_ipywidgets_js if "://" not in path]
    if "://" not in config.mathjax_path:
        local.append(config.mathjax_path)
    roots = [Path(app.confdir, extra, "_static") for extra in config.html_extra_path]
    missing = [
        path for path in [*local, *THEBE_FILES]
        if not any((root / path).is_file() for root in roots)
    ]
    if missing:
        raise ExtensionError(
            f"vendored front-end files are missing: {missing}; run `{VENDOR_COMMAND}` first"
        )


def serve_site_files(app, config):
    """Copy `SITE_FILES` into ``_static/`` (Sphinx copies files named in html_static_path)."""
    for name in SITE_FILES:
        config.html_static_path.append(str(ASSETS / name))
    if not config.html_favicon:
        config.html_favicon = str(ASSETS / "favicon.svg")


def serve_thebe_locally(app, pagename, templatename, context, doctree):
    """Point sphinx-thebe's ``THEBE_JS_URL`` at the vendored Thebe, relative to the page."""
    scripts = []
    for script in context.get("script_files", []):
        body = script.attributes.get("body", "")
        if "THEBE_JS_URL" in body:
            if not THEBE_URL.search(body):
                raise ExtensionError(f"sphinx-thebe's THEBE_JS_URL has a new form: {body[:200]}")
            local = context["pathto"](f"_static/{THEBE}", 1)
            attributes = {**script.attributes, "body": THEBE_URL.sub(rf"\g<1>{local}\g<2>", body)}
            script = type(script)(script.filename, priority=script.priority, **attributes)
        scripts.append(script)
    context["script_files"] = scripts


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def lighten_pages(app, exception):
    """Drop `FONTAWESOME` from every page, and `SEARCH_SCRIPTS` from all but the search page.

    Pages written by an earlier build are already light; tests/browser/test_site.py
    checks that no page loads them (a new theme version could load them otherwise).
    """
    if exception is not None or app.builder.format != "html":
        return
    search_as_you_type = app.config.html_theme_options.get("search_as_you_type", False)
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        light = FONTAWESOME.sub("", text)
        if not search_as_you_type and page.name != "search.html":
            light = SEARCH_SCRIPTS.sub("", light)
        if light != text:
            page.write_text(light, encoding="utf-8")


def mark_citations_as_list_items(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def is_exercise_module(modname):
    """``nllce.exercises`` and its definition modules (and any other ``*exercises*``)."""
    return "exercises" in modname


def hide_exercise_source(app, modname):
    """``viewcode-find-source``: an empty source, with no tags, for an exercise module.

    Returning ``None`` would let viewcode read the module's file; an empty source gives
    its objects no "[source]" link and leaves no code for a page.
    """
    if is_exercise_module(modname):
        return "", {}
    return None


def drop_exercise_source_pages(app):
    """Before viewcode writes ``_modules/``: forget the exercise modules' empty entries.

    Without this viewcode would still write an empty page per exercise module and list it
    in ``_modules/index.html``. ``_viewcode_modules`` is viewcode's private record; if it
    is ever renamed, only those empty pages come back, never the code.
    """
    modules = getattr(app.env, "_viewcode_modules", None)
    if isinstance(modules, dict):
        for modname in [name for name in modules if is_exercise_module(name)]:
            del modules[modname]
    return []


def setup(app):
    # viewcode first: its events must exist before the exercise guard connects to them.
    app.setup_extension("sphinx.ext.viewcode")
    app.connect("viewcode-find-source", hide_exercise_source)
    # before viewcode's own page collector (priority 500)
    app.connect("html-collect-pages", drop_exercise_source_pages, priority=400)
    app.connect("config-inited", check_vendored)
    app.add_js_file(THEBE_SETUP, loading_method="defer")
    app.connect("config-inited", serve_site_files)
    for name, loading in SITE_FILES.items():
        if loading is None:
            app.add_css_file(name)
        else:
            app.add_js_file(name, loading_method=loading)
    # after every extension has added its per-page scripts
    app.connect("html-page-context", serve_thebe_locally, priority=900)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", mark_citations_as_list_items)
    app.connect("build-finished", lighten_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
