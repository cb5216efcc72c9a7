"""Internal links the site gets right (loaded via ``sphinx: local_extensions``).

``sphinx.ext.viewcode`` links each object of a highlighted source page (``_modules/``)
back to its documentation as ``<page>#<module>.<name>``, but it keeps one ``<module>`` per
source module: the module under which the first of its objects was documented. The API
page documents ``nllce.counts`` under ``nllce`` (where it is imported from) and
``nllce.data.sample_from`` under ``nllce.data``, both from the source of ``nllce.data``,
so the back link of ``sample_from`` pointed at ``#nllce.sample_from``, an anchor that does
not exist. Each back link whose anchor is no documented object is pointed at the object of
that name in the page's own module. ``tests/test_links.py`` follows every link.
"""

import re

BACKLINK = re.compile(r'(<a class="viewcode-back" href="[^"#]*#)([^"]+)(")')


def fix_viewcode_backlinks(app, pagename, templatename, context, doctree):
    if not pagename.startswith("_modules/") or "body" not in context:
        return
    module = pagename.removeprefix("_modules/").replace("/", ".")
    objects = app.env.get_domain("py").objects

    def fixed(match):
        anchor = match[2]
        if anchor in objects:
            return match[0]
        parts = anchor.split(".")
        for start in range(1, len(parts)):
            candidate = f"{module}.{'.'.join(parts[start:])}"
            if candidate in objects:
                return f"{match[1]}{objects[candidate].node_id}{match[3]}"
        return match[0]

    context["body"] = BACKLINK.sub(fixed, context["body"])


def setup(app):
    app.connect("html-page-context", fix_viewcode_backlinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
