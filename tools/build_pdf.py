"""Print the built book to PDF with headless Chromium: the whole book and each problem set.

Each page of the built HTML is opened from a local web server, left to reach network
idle (MathJax typeset, widgets rendered), given the print rules of ``print.css``, and
printed with Playwright's ``page.pdf()``. The pages are joined in the order of the
book's navigation with ``pdfunite`` (poppler-utils) into ``<out>/book.pdf``; every
problem set (a page named ``problems_*``) is also written alone, ``<out>/<page>.pdf``.

Sliders print at their default frame with a line saying where to move them; with
``--online-url`` that line gives the page's address in the published book. Folded
solutions print open (sphinx-togglebutton's print rules), so the teacher edition's
problem sets are answer keys; the student edition's have no solutions.

Usage::

    python -m tools.build_pdf --html _build/html --out artifacts/pdf/teacher
    python -m tools.build_pdf --html _build/student/_build/html --out artifacts/pdf/student
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

from playwright.sync_api import Page, sync_playwright

from tools import chromium
from tools.serve import served

__all__ = ["PROBLEM_SET_PREFIX", "book_pages", "print_book"]

PRINT_CSS = Path(__file__).with_name("print.css")
PROBLEM_SET_PREFIX = "problems_"
_SKIPPED_PAGES = {"genindex.html", "search.html"}
_RENDER_TIMEOUT_MS = 60_000
# Resolves once MathJax has typeset the page (or at once on a page without MathJax).
_MATH_TYPESET = "() => (window.MathJax?.startup?.promise ?? Promise.resolve()).then(() => true)"
_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
    '<span class="title"></span> · <span class="pageNumber"></span></div>'
)


def _keep_local(page: Page, base_url: str) -> None:
    """Abort every request that leaves the local server: the print must not need the web."""
    host = urlparse(base_url).netloc

    def route(route, request):
        if urlparse(request.url).netloc == host or request.url.startswith("data:"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", route)


def book_pages(page: Page, base_url: str) -> list[str]:
    """The book's pages in reading order: the root page, then the sidebar's links."""
    page.goto(urljoin(base_url, "index.html"), wait_until="networkidle")
    hrefs = page.eval_on_selector_all(
        ".bd-sidebar-primary a.reference.internal", "links => links.map(link => link.href)"
    )
    pages = []
    for url in [page.url, *hrefs]:
        url = url.split("#")[0]
        name = urlparse(url).path.rsplit("/", 1)[-1]
        if url.startswith(base_url) and name not in _SKIPPED_PAGES and url not in pages:
            pages.append(url)
    return pages


def _print_page(page: Page, url: str, target: Path, online_url: str | None, base_url: str) -> None:
    page.goto(url, wait_until="networkidle", timeout=_RENDER_TIMEOUT_MS)
    page.evaluate(_MATH_TYPESET)
    page.add_style_tag(path=str(PRINT_CSS))
    if online_url:
        address = urljoin(online_url.rstrip("/") + "/", url.removeprefix(base_url))
        page.evaluate(
            "value => document.documentElement.style.setProperty('--nllce-online-page', value)",
            json.dumps(f" at {address}"),
        )
    page.pdf(
        path=str(target),
        format="A4",
        print_background=True,
        margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=_FOOTER,
    )


def print_book(
    html_dir: Path,
    out_dir: Path,
    *,
    online_url: str | None = None,
    problem_sets_only: bool = False,
) -> dict[str, Path]:
    """Print the book under `html_dir` to `out_dir`; return the PDFs by name.

    The whole book is ``book`` (left out with `problem_sets_only`); each problem set goes
    by its page name.
    """
    if shutil.which("pdfunite") is None:
        raise RuntimeError("`pdfunite` is missing: install poppler-utils (make chromium)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    with (
        served(html_dir) as base_url,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as scratch,
    ):
        browser = chromium.launch(playwright)
        page = browser.new_page()
        _keep_local(page, base_url)
        chapters = []
        for number, url in enumerate(book_pages(page, base_url)):
            name = Path(urlparse(url).path).stem
            if problem_sets_only and not name.startswith(PROBLEM_SET_PREFIX):
                continue
            chapter = Path(scratch) / f"{number:03d}-{name}.pdf"
            _print_page(page, url, chapter, online_url, base_url)
            chapters.append(chapter)
            if name.startswith(PROBLEM_SET_PREFIX):
                written[name] = shutil.copyfile(chapter, out_dir / f"{name}.pdf")
        browser.close()
        if not problem_sets_only:
            written["book"] = out_dir / "book.pdf"
            subprocess.run(["pdfunite", *map(str, chapters), str(written["book"])], check=True)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, required=True, help="the built book's html folder")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PDFs")
    parser.add_argument("--online-url", help="address of the published book, for the sliders")
    parser.add_argument(
        "--problem-sets-only", action="store_true", help="print only the problem sets"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    pdfs = print_book(
        args.html,
        args.out,
        online_url=args.online_url,
        problem_sets_only=args.problem_sets_only,
    )
    for path in pdfs.values():
        print(path)
    print(f"printed in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
