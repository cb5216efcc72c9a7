"""Links of both built editions, and what each site says it is (issue 13).

- Every internal link of every page (pages, anchors, downloads, scripts, styles, images)
  of the teacher edition and the student edition leads to a file of the site, and its
  ``#anchor`` to an element of that page (`tools.links.broken_links`, offline).
- The external addresses the pages link to are all listed in ``docs/external_links.txt``,
  and it lists nothing else, so a teacher can check them online before a class.
- Every page's footer names the book's version (``[project].version``), the edition and
  the build date (``_ext/site_identity.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools import ROOT
from tools.links import LINKS_FILE, broken_links, external_links, listed_links, pages

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]
REGENERATE = (
    "python -m tools.links --html _build/html --html _build/student/_build/html --write "
    "(after `make book student`)"
)


@pytest.fixture(scope="module", params=["teacher", "student"])
def edition(request, built_book: Path) -> tuple[str, Path]:
    if request.param == "teacher":
        return "teacher", built_book
    return "student", request.getfixturevalue("student_book")


@pytest.mark.build
def test_every_internal_link_leads_somewhere(edition: tuple[str, Path]) -> None:
    name, html_dir = edition
    assert len(pages(html_dir)) >= 10, f"the {name} edition has almost no pages"
    broken = broken_links(html_dir)
    assert not broken, f"{len(broken)} broken links in the {name} edition:\n" + "\n".join(
        broken[:30]
    )


def test_the_checker_sees_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<p id="here"><a href="#here">a</a> <a href="page.html#there">b</a> '
        '<a href="gone.html">c</a> <img src="_images/x.png"> <a href="#nowhere">d</a></p>'
    )
    (tmp_path / "page.html").write_text('<h1 id="there">page</h1>')
    assert broken_links(tmp_path) == [
        "index.html: a gone.html: no such file",
        "index.html: a #nowhere: no #nowhere in that page",
        "index.html: img _images/x.png: no such file",
    ]


def test_the_checker_follows_every_drawing_of_a_picture(tmp_path: Path) -> None:
    (tmp_path / "book").mkdir()
    (tmp_path / "here.png").write_bytes(b"")
    (tmp_path / "book" / "page.html").write_text(
        '<picture><source media="(max-width: 600px)" srcset="../here.png 1x, ../two.png 2x">'
        '<img srcset="../three.png 2x" src="../here.png" alt="x"></picture>'
    )
    assert broken_links(tmp_path) == [
        "book/page.html: source ../two.png: no such file",
        "book/page.html: img ../three.png: no such file",
    ]


def test_viewcode_links_back_to_their_anchors(tmp_path: Path) -> None:
    """One source module documented under two module names (the API page does so)."""
    package = tmp_path / "src" / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('from .mod import first\n__all__ = ["first"]\n')
    (package / "mod.py").write_text(
        'def first():\n    """The first."""\n\n\ndef second():\n    """The second."""\n'
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(tmp_path / 'src')!r}, {str(ROOT / '_ext')!r}]\n"
        "extensions = ['sphinx.ext.autodoc', 'sphinx.ext.viewcode', 'site_links']\n"
    )
    (docs / "index.rst").write_text(
        "API\n===\n\n.. automodule:: pkg\n   :members:\n\n"
        ".. automodule:: pkg.mod\n   :members: second\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(docs), str(tmp_path / "html")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    source_page = (tmp_path / "html" / "_modules" / "pkg" / "mod.html").read_text()
    assert "index.html#pkg.mod.second" in source_page
    assert broken_links(tmp_path / "html") == []


@pytest.mark.build
def test_external_links_are_all_listed(built_book: Path, student_book: Path) -> None:
    found = external_links([built_book, student_book])
    assert found, "no external link found: the check would be vacuous"
    listed = listed_links()
    missing = sorted(set(found) - set(listed))
    stale = sorted(set(listed) - set(found))
    assert not missing, f"{LINKS_FILE.name} misses {missing[:10]}: run {REGENERATE}"
    assert not stale, f"{LINKS_FILE.name} lists links no page has: {stale[:10]}: run {REGENERATE}"
    assert listed == sorted(set(listed)), f"{LINKS_FILE.name} is not sorted and unique"


@pytest.mark.build
def test_footer_says_version_edition_and_build_date(edition: tuple[str, Path]) -> None:
    name, html_dir = edition
    checked = 0
    for page in pages(html_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.find("footer") is None:
            assert soup.find("meta", attrs={"http-equiv": "Refresh"}), f"{page}: no footer"
            continue  # the root index.html only redirects to the first page
        line = soup.select_one("footer .nllce-site-identity")
        assert line is not None, f"{page.relative_to(html_dir)}: no version line in the footer"
        checked += 1
        assert line["data-version"] == VERSION
        assert line["data-edition"] == name
        built = dt.date.fromisoformat(line["data-built"])
        assert dt.date(2026, 1, 1) <= built <= dt.datetime.now(dt.UTC).date()
        text = " ".join(line.get_text(" ").split())
        assert re.fullmatch(
            rf"Version {re.escape(VERSION)}, {name} edition( \(with solutions\))?, "
            rf"built on {built.isoformat()}\.",
            text,
        ), text
    assert checked >= len(pages(html_dir)) - 1
