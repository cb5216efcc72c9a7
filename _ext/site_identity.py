"""The site says what it is: every page's footer names the version, edition and build date.

Loaded via ``sphinx: local_extensions`` in ``_config.yml``. The footer line reads, e.g.,
"Version 0.1.0, teacher edition (with solutions), built on 2026-12-01."; its element
carries the same facts as ``data-`` attributes for the tests.

- ``nllce_version``: the version of the installed ``nllce`` package, whose one source is
  ``[project].version`` in ``pyproject.toml`` (read through ``importlib.metadata``).
- ``nllce_edition``: ``teacher`` (the default) or ``student``, which
  ``_config_student.yml`` sets.
- ``nllce_build_date``: ``SOURCE_DATE_EPOCH`` (reproducible builds) or today, in UTC.

The three are configuration values that re-write every page (not re-read, not re-executed)
when one changes, so a page never shows yesterday's date beside today's pages. The line
is added to the theme's ``extra_footer`` (``html.extra_footer`` in ``_config.yml``).
"""

import datetime as dt
import html
import os
from importlib.metadata import PackageNotFoundError, version

from sphinx.errors import ExtensionError

EDITIONS = {"teacher": "teacher edition (with solutions)", "student": "student edition"}


def build_date() -> str:
    """``SOURCE_DATE_EPOCH``'s date, or today's, in UTC (ISO 8601)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch
        else dt.datetime.now(dt.UTC)
    )
    return moment.date().isoformat()


def fill_in(app, config):
    if config.nllce_edition not in EDITIONS:
        raise ExtensionError(
            f"nllce_edition is {config.nllce_edition!r}: use one of {sorted(EDITIONS)}"
        )
    if not config.nllce_version:
        try:
            config.nllce_version = version("nllce")
        except PackageNotFoundError as error:
            raise ExtensionError(
                "the nllce package is not installed: run `pip install -e .`"
            ) from error
    if not config.nllce_build_date:
        config.nllce_build_date = build_date()


def footer_line(config) -> str:
    """The footer's HTML line of the site's version, edition and build date."""
    facts = {
        "version": config.nllce_version,
        "edition": config.nllce_edition,
        "built": config.nllce_build_date,
    }
    attributes = " ".join(f'data-{key}="{html.escape(value)}"' for key, value in facts.items())
    return (
        f'<p class="nllce-site-identity" {attributes}>Version {html.escape(facts["version"])}, '
        f"{EDITIONS[facts['edition']]}, built on {html.escape(facts['built'])}.</p>"
    )


def add_footer_line(app, pagename, templatename, context, doctree):
    extra = context.get("theme_extra_footer") or ""
    context["theme_extra_footer"] = f"{extra}{footer_line(app.config)}"


def setup(app):
    app.add_config_value("nllce_edition", "teacher", "html", types=[str])
    app.add_config_value("nllce_version", "", "html", types=[str])
    app.add_config_value("nllce_build_date", "", "html", types=[str])
    app.connect("config-inited", fill_in)
    app.connect("html-page-context", add_footer_line)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
