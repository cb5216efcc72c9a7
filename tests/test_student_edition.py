"""The student edition publishes no solution text in any file (issue 6).

The teacher edition (the `built_book` fixture) and the student edition
(`tools/build_student.py`) are both built. Every solution -- its rendered sentences, the
lines of its source and the words found only in solutions -- must be found in the teacher
edition (so the test cannot pass by finding nothing) and nowhere in what the student build
writes: pages, search index, notebooks (also inside the zips), executed notebooks, its
source tree, every other text file, and the problem sets printed to PDF from it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish

from nllce.exercises import export
from tests.solution_scan import (
    leaks,
    normal,
    published_texts,
    rendered_solutions,
    solution_segments,
)

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent
# Words as Sphinx's search index splits them (at hyphens too: "first-order" is two words).
_WORD = re.compile(r"[A-Za-z]{3,}")
_STEMMER = SearchEnglish({})
# The answer boxes' data (_ext/answer_boxes.py): nllce.exercises.export of the page's
# exercises, shipped in the student pages as the notebooks ship it inside nllce (README,
# "Answer boxes on the page"). It must be exactly that export; the scan leaves it out.
_ANSWER_DATA = re.compile(
    r'<script type="application/json" id="nllce-answer-data">(.*?)</script>', re.DOTALL
)


def _without_answer_data(name: str, text: str) -> str:
    """`text` (one of `published_texts`) without the exported data, which is checked."""
    if not name.endswith(".html"):
        return text
    for match in _ANSWER_DATA.finditer(text):
        labels = list(json.loads(match.group(1).replace("<\\/", "</")))
        expected = json.dumps(
            {label: export(label) for label in labels},
            allow_nan=False, ensure_ascii=False, separators=(",", ":"),
        ).replace("</", "<\\/")
        assert match.group(1) == normal(expected), f"{name}: answer data is not the export"
    return _ANSWER_DATA.sub("", text)


def _index_terms(html_dir: Path) -> set[str]:
    raw = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    return set(index["terms"]) | set(index["titleterms"])


def _page_text_without_solutions(html_dir: Path) -> str:
    texts = []
    for page in sorted(html_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select("div.solution.admonition, script, style"):
            box.decompose()
        texts.append(soup.get_text(" "))
    return " ".join(texts)


@pytest.fixture(scope="module")
def solutions(built_book: Path) -> list[str]:
    """Sentences of every rendered solution and lines of every solution's source."""
    return solution_segments(built_book)


def test_solutions_are_in_the_teacher_edition(built_book: Path, solutions: list[str]) -> None:
    teacher = " ".join(text for _, text in published_texts(built_book))
    sources = normal(" ".join(p.read_text(encoding="utf-8") for p in ROOT.glob("book/*.md")))
    missing = [s for s in solutions if s not in teacher and normal(s) not in sources]
    assert not missing, f"solution text not found in the teacher edition: {missing[:5]}"


def test_no_solution_text_in_any_student_file(student_build: Path, solutions: list[str]) -> None:
    texts = [(name, _without_answer_data(name, text))
             for name, text in published_texts(student_build)]
    assert any(".zip:" in name for name, _ in texts), "no notebook zip was published"
    assert any(name.startswith("_build/jupyter_execute/") for name, _ in texts)
    leaked = leaks(solutions, texts)
    assert not leaked, f"solution text published in the student edition: {leaked[:5]}"


def _stems(text: str) -> set[str]:
    words = {word.lower() for word in _WORD.findall(text)}
    return {_STEMMER.stem(word) for word in words if _STEMMER.word_filter(word)}


def test_no_solution_words_in_the_student_search_index(
    built_book: Path, student_book: Path
) -> None:
    in_solutions = _stems(
        " ".join(box for boxes in rendered_solutions(built_book).values() for box in boxes)
    )
    # Words of the solutions found nowhere else, neither in the teacher edition nor on the
    # student edition's own pages (its notebooks page has words of its own).
    only_in_solutions = (
        in_solutions
        - _stems(_page_text_without_solutions(built_book))
        - _stems(_page_text_without_solutions(student_book))
    )
    assert only_in_solutions, "no word occurs only in solutions: the check would be vacuous"
    assert only_in_solutions <= _index_terms(built_book)
    leaked = only_in_solutions & _index_terms(student_book)
    assert not leaked, f"solution words in the student search index: {sorted(leaked)}"


def test_student_edition_links_its_notebooks(student_book: Path) -> None:
    page = (student_book / "student_notebooks.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(notebooks/[^"]+)"', page)
    assert any(link.endswith(".zip") for link in links)
    assert any(link.endswith(".ipynb") for link in links)
    assert all((student_book / link).is_file() for link in links)


def test_student_problem_set_pdfs_have_no_solutions(
    student_book: Path, solutions: list[str], tmp_path: Path
) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "tools.build_pdf"),
            *("--html", str(student_book), "--out", str(tmp_path)),
            "--problem-sets-only",
        ],
        check=True,
        cwd=ROOT,
    )
    pdfs = sorted(tmp_path.glob("problems_*.pdf"))
    assert pdfs, "no problem set was printed"
    for pdf in pdfs:
        text = normal(
            subprocess.run(
                ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
        )
        assert "Exercise" in text
        assert not [s for s in solutions if normal(s) in text]
