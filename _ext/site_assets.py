"""Sphinx glue for the self-contained site (loaded via ``sphinx: local_extensions``).

- Fails the build early, with the command to run, when the vendored front-end
  files (``scripts/vendor_assets.py``) are missing.
- Drops repeated inline scripts: sphinx-thebe 0.3.1 registers its
  ``const THEBE_JS_URL = ...`` script twice (once with filename ``None``, once
  with ``""``), and the second declaration is a console error on every page.
- Marks bibliography entries as list items: docutils gives them the deprecated
  role ``doc-biblioentry`` inside a ``role="list"``, which leaves the list without
  items for assistive technology (axe: aria-required-children, critical).
"""

from pathlib import Path

from sphinx.errors import ExtensionError

VENDOR_COMMAND = "npm ci --ignore-scripts && python scripts/vendor_assets.py"


def check_vendored(app, config):
    local = [path for path in config.nb_ipywidgets_js if "://" not in path]
    if "://" not in config.mathjax_path:
        local.append(config.mathjax_path)
    roots = [Path(app.confdir, extra, "_static") for extra in config.html_extra_path]
    missing = [path for path in local if not any((root / path).is_file() for root in roots)]
    if missing:
        raise ExtensionError(
            f"vendored front-end files are missing: {missing}; run `{VENDOR_COMMAND}` first"
        )


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def mark_citations_as_list_items(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("config-inited", check_vendored)
    # after every extension has added its per-page scripts
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", mark_citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
