"""`make pdf`: the whole book and each problem set, printed from the built HTML (issue 6)."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools import ROOT, toc

pytestmark = pytest.mark.browser

# The equations the book is about, as pdftotext reads the MathML printed over them
# (compared without whitespace, after `_folded`: pdftotext spaces and breaks math
# freely, and reads a fraction or a script line by line).
KEY_EQUATIONS = (
    "∏kqxk=∏iqniii",  # equal factors grouped by counts
    "pi=ni/N",  # frequencies
    "logL(q)=H(p,q)",  # the mean NLL is the cross-entropy (the 1/N on the lines around)
    "H(p,q)=H(p)+KL(p∥q)",  # entropy plus divergence
    "softmax(z)\N{MINUS SIGN}p",  # the gradient with respect to the logits
)


def _folded(text: str) -> str:
    """`text` without whitespace, its math letters (italic, U+1D45E) folded to plain ones, no
    invisible function application (log q), and one double bar."""
    squeezed = unicodedata.normalize("NFKC", "".join(text.split()))
    return squeezed.replace("\N{FUNCTION APPLICATION}", "").replace("\u2016", "\u2225")


def _text(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
    return " ".join(result.stdout.decode("utf-8").split())


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def _title(html: Path) -> str:
    heading = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("h1")
    for link in heading.select("a.headerlink"):
        link.decompose()
    return " ".join(heading.get_text(" ").split())


@pytest.fixture(scope="module")
def pdfs(built_book: Path, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    subprocess.run(
        [
            *(sys.executable, "-m", "tools.build_pdf"),
            *("--html", str(built_book), "--out", str(out)),
            *("--online-url", "https://example.org/nllce"),
        ],
        check=True,
        cwd=ROOT,
    )
    return {path.stem: path for path in out.glob("*.pdf")}


def test_every_page_and_problem_set_is_printed(pdfs: dict[str, Path]) -> None:
    problem_sets = [Path(d).name for d in toc.chapters() if Path(d).name.startswith("problems_")]
    assert problem_sets, "the table of contents has no problem set"
    assert sorted(pdfs) == sorted(["book", *problem_sets])
    # Every page starts on a new sheet, so the book has at least one sheet per page.
    assert _pages(pdfs["book"]) >= len(toc.chapters())
    assert _pages(pdfs["book"]) > sum(_pages(pdfs[name]) for name in problem_sets)


def test_book_pdf_has_every_chapter_title(built_book: Path, pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["book"])
    titles = [_title(built_book / f"{docname}.html") for docname in toc.chapters()]
    missing = [title for title in titles if title not in text]
    assert not missing, f"chapter titles missing from the PDF: {missing}"


def test_math_is_rendered_not_printed_as_tex(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["book"])
    # Math delimiters left in the text mean MathJax did not typeset them (code may
    # print TeX strings, but never inside $ or \( \) delimiters).
    raw_tex = re.findall(r".{0,40}(?:(?<!\\)\\[([]|\$\$|\$\\[A-Za-z]).{0,40}", text)
    assert not raw_tex, f"math printed as TeX, not rendered: {raw_tex}"
    squeezed = _folded(text)
    missing = [equation for equation in KEY_EQUATIONS if equation not in squeezed]
    assert not missing, f"key equations missing from the PDF: {missing}"


def test_sliders_print_a_line_saying_where_to_move_them(
    built_book: Path, pdfs: dict[str, Path]
) -> None:
    pages_with_sliders = [
        page.relative_to(built_book).as_posix()
        for page in sorted(built_book.glob("book/*.html"))
        if 'class="nllce-slider nllce-static"' in page.read_text(encoding="utf-8")
    ]
    assert pages_with_sliders, "the built book has no slider"
    text = _text(pdfs["book"])
    for page in pages_with_sliders:
        assert f"move the slider in the online book at https://example.org/nllce/{page}" in text


def test_teacher_problem_sets_print_the_solutions(built_book: Path, pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        if name == "book":
            continue
        page = BeautifulSoup(
            (built_book / "book" / f"{name}.html").read_text(encoding="utf-8"), "html.parser"
        )
        # Text between the math reads the same in the page and in the PDF.
        prose = [
            "".join(piece.split())
            for box in page.select("div.solution.admonition section")
            for piece in box.find_all(string=True)
            if not piece.find_parent(class_="math")
        ]
        longest = max(prose, key=len, default="")
        assert len(longest) >= 30, f"{name} has no solution text to look for"
        assert longest[:60] in "".join(_text(pdf).split()), f"{name}: solutions not printed"
