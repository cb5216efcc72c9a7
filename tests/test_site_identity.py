"""The footer line of `_ext/site_identity.py`, without a build (the built pages: test_links.py)."""

from __future__ import annotations

import importlib.util
import tomllib
from types import SimpleNamespace

import pytest
import yaml
from sphinx.errors import ExtensionError

from tools import ROOT

_SPEC = importlib.util.spec_from_file_location("site_identity", ROOT / "_ext" / "site_identity.py")
site_identity = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(site_identity)
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def _config(**values) -> SimpleNamespace:
    return SimpleNamespace(
        **{"nllce_edition": "teacher", "nllce_version": "", "nllce_build_date": "", **values}
    )


def test_build_date_follows_source_date_epoch(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    assert site_identity.build_date() == "2027-01-01"


def test_the_version_is_the_package_version(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    config = _config()
    site_identity.fill_in(None, config)
    assert config.nllce_version == VERSION
    assert len(config.nllce_build_date) == 10


@pytest.mark.parametrize(
    ("edition", "text"),
    [("teacher", "teacher edition (with solutions)"), ("student", "student edition")],
)
def test_footer_line(edition: str, text: str) -> None:
    line = site_identity.footer_line(
        _config(nllce_edition=edition, nllce_version="1.2.3", nllce_build_date="2027-01-01")
    )
    assert line == (
        f'<p class="nllce-site-identity" data-version="1.2.3" data-edition="{edition}" '
        f'data-built="2027-01-01">Version 1.2.3, {text}, built on 2027-01-01.</p>'
    )


def test_an_unknown_edition_stops_the_build() -> None:
    with pytest.raises(ExtensionError, match="nllce_edition"):
        site_identity.fill_in(None, _config(nllce_edition="draft"))


def test_the_configurations_name_the_editions() -> None:
    teacher = yaml.safe_load((ROOT / "_config.yml").read_text())
    student = yaml.safe_load((ROOT / "_config_student.yml").read_text())
    assert "site_identity" in teacher["sphinx"]["local_extensions"]
    assert "nllce_edition" not in teacher["sphinx"]["config"]  # the default: teacher
    assert student["sphinx"]["config"]["nllce_edition"] == "student"
