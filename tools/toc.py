"""The table of contents, ``_toc.yml``, read with sphinx-external-toc's own parser.

Jupyter Book reads ``_toc.yml`` with the same parser, so the order here is the book's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from sphinx_external_toc.api import FileItem, SiteMap
from sphinx_external_toc.parsing import parse_toc_yaml

from tools import ROOT

__all__ = ["TOC_FILE", "Part", "chapters", "parts", "site_map"]

TOC_FILE = "_toc.yml"


class Part(NamedTuple):
    """One part of the book: its caption, a short name for files, and its documents."""

    caption: str
    slug: str
    docnames: tuple[str, ...]


def site_map(root: Path = ROOT) -> SiteMap:
    """The parsed ``_toc.yml`` of the book at `root`."""
    return parse_toc_yaml(Path(root) / TOC_FILE)


def _descendants(toc: SiteMap, docname: str) -> list[str]:
    """The documents under `docname` in reading order (depth first; no globs or URLs)."""
    found = []
    for subtree in toc[docname].subtrees:
        found += _items(toc, subtree.items)
    return found


def _items(toc: SiteMap, items) -> list[str]:
    """The files among a toctree's `items` and the documents under each, in reading order."""
    files = [str(item) for item in items if isinstance(item, FileItem)]  # not globs or URLs
    return [name for file in files for name in (file, *_descendants(toc, file))]


def chapters(root: Path = ROOT) -> list[str]:
    """Every document of the book, root first, in reading order (``book/likelihood``)."""
    toc = site_map(root)
    return [toc.root.docname, *_descendants(toc, toc.root.docname)]


def _slug(caption: str) -> str:
    """A file name from a part's caption: "Part II: into the network" -> "part-ii"."""
    return re.sub(r"[^a-z0-9]+", "-", caption.split(":")[0].lower()).strip("-")


def parts(root: Path = ROOT) -> list[Part]:
    """The parts of the book (the root page's toctrees); the root page joins the first."""
    toc = site_map(root)
    found = []
    for number, subtree in enumerate(toc.root.subtrees, start=1):
        docnames = _items(toc, subtree.items)
        if number == 1:
            docnames.insert(0, toc.root.docname)
        caption = subtree.caption or f"Part {number}"
        found.append(Part(caption, _slug(caption), tuple(docnames)))
    return found
