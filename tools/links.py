"""The built book's links: internal ones followed on disk, external ones listed for a teacher.

- `broken_links(html_dir)`: every internal link of every page of a built site -- ``href``,
  ``src`` and ``srcset`` of links, scripts, styles, images (each drawing of a
  ``<picture>``) and downloads -- must name a file of the
  site, and its ``#anchor`` an ``id`` (or ``name``) in the page it names. Nothing is
  fetched: this runs offline.
- `external_links(html_dirs)`: the addresses outside the site that the book's pages link
  to (the page content, not the theme's header and sidebar, whose launch buttons depend on
  the repository). They are listed in `LINKS_FILE`, one a line, so a teacher can check
  them online; `tests/test_links.py` checks that the list is complete and current.

Usage::

    python -m tools.links --html _build/html --html _build/student/_build/html [--write]

prints the broken internal links (exit 1 if any) and, with ``--write``, writes
`LINKS_FILE` from the sites given.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

from tools import ROOT

__all__ = [
    "LINKS_FILE",
    "broken_links",
    "external_links",
    "links_file_text",
    "listed_links",
    "main",
    "pages",
]

LINKS_FILE = ROOT / "docs" / "external_links.txt"
#: The attributes that name another file, by tag.
LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "area": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "iframe": "src",
    "embed": "src",
}
#: Schemes that are not a place to follow or list.
_NOT_FOLLOWED = ("data", "javascript", "mailto", "tel", "blob", "about")
#: Where a page's own content is (the theme's header, sidebars and footer are not).
CONTENT = "main#main-content article, article.bd-article"
LINKS_HEADER = """\
# Addresses outside the book that its pages link to (both editions), one a line, sorted.
# Generated from the built sites by `python -m tools.links --html _build/html --html
# _build/student/_build/html --write`; tests/test_links.py checks it is complete.
# Check them online before a class, for example:
#   grep -v '^#' docs/external_links.txt |
#     xargs -n1 curl -sLo /dev/null -w '%{http_code} %{url_effective}\\n'
"""


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.lru_cache(maxsize=512)
def _anchors(path: Path) -> frozenset[str]:
    soup = _soup(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    names = {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids | names)


def _targets(soup: BeautifulSoup) -> Iterator[tuple[str, str]]:
    """``(tag, address)`` of every link of a page."""
    for tag, attribute in LINK_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value:
                yield tag, value.strip()
    # the other pictures an image or a <picture>'s source offers: "a.png 1x, b.png 2x"
    for element in soup.find_all(("img", "source"), srcset=True):
        for candidate in element["srcset"].split(","):
            if candidate.strip():
                yield element.name, candidate.split()[0]


def _is_external(address: str) -> bool:
    parts = urlsplit(address)
    return bool(parts.scheme or parts.netloc)


def pages(html_dir: Path) -> list[Path]:
    """The site's pages: its ``.html`` files but the theme's templates under ``_static/``."""
    return [
        page
        for page in sorted(Path(html_dir).rglob("*.html"))
        if page.relative_to(html_dir).parts[0] != "_static"
    ]


def broken_links(html_dir: Path) -> list[str]:
    """``"<page>: <tag> <address>: <why>"`` for each internal link that leads nowhere."""
    html_dir = html_dir.resolve()
    _anchors.cache_clear()
    problems = []
    for page in pages(html_dir):
        where = page.relative_to(html_dir).as_posix()
        for tag, address in _targets(_soup(page)):
            if _is_external(address) or address.split(":", 1)[0] in _NOT_FOLLOWED:
                continue
            target, fragment = urldefrag(address)
            path = unquote(urlsplit(target).path)
            file = (page.parent / path).resolve() if path else page
            if path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_relative_to(html_dir):
                problems.append(f"{where}: {tag} {address}: outside the site")
            elif not file.is_file():
                problems.append(f"{where}: {tag} {address}: no such file")
            elif fragment and file.suffix == ".html" and unquote(fragment) not in _anchors(file):
                problems.append(f"{where}: {tag} {address}: no #{fragment} in that page")
    return problems


def external_links(html_dirs: Iterable[Path]) -> list[str]:
    """The external addresses the pages' content links to, in every site given, sorted."""
    found = set()
    for html_dir in html_dirs:
        for page in pages(html_dir):
            for content in _soup(page).select(CONTENT):
                for _, address in _targets(content):
                    if _is_external(address) and urlsplit(address).scheme not in _NOT_FOLLOWED:
                        found.add(address)
    return sorted(found)


def links_file_text(html_dirs: Iterable[Path]) -> str:
    """`LINKS_FILE` as `external_links` of these sites make it."""
    return LINKS_HEADER + "".join(f"{address}\n" for address in external_links(html_dirs))


def listed_links(path: Path = LINKS_FILE) -> list[str]:
    """The addresses `LINKS_FILE` lists."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, action="append", required=True,
                        help="a built site's folder (repeat for each edition)")
    parser.add_argument("--write", action="store_true", help=f"write {LINKS_FILE.name}")
    args = parser.parse_args(argv)
    broken = [problem for html_dir in args.html for problem in broken_links(html_dir)]
    for problem in broken:
        print(problem)
    print(f"links: {len(broken)} broken internal links in {len(args.html)} site(s)")
    if args.write:
        LINKS_FILE.parent.mkdir(parents=True, exist_ok=True)
        LINKS_FILE.write_text(links_file_text(args.html), encoding="utf-8")
        print(f"links: {len(listed_links())} external addresses in {LINKS_FILE.relative_to(ROOT)}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
