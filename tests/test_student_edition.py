"""The student edition publishes no solution text in any file (issue 6).

The teacher edition (the `built_book` fixture) and the student edition
(`tools/build_student.py`) are both built. Every solution -- its rendered sentences, the
lines of its source and the words found only in solutions -- must be found in the teacher
edition (so the test cannot pass by finding nothing) and nowhere in what the student build
writes: pages, search index, notebooks (also inside the zips), executed notebooks, its
source tree, every other text file, and the problem sets printed to PDF from it.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent
MIN_SEGMENT = 25  # characters: shorter pieces ("q = p") also occur outside solutions
_SOLUTION_FENCE = re.compile(r"^(`{3,}|:{3,})\{solution\}.*?^\1\s*$", re.DOTALL | re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
_STEMMER = SearchEnglish({})


def _normal(text: str) -> str:
    return " ".join(text.split())


def _html_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return _normal(soup.get_text(" "))


def _notebook_text(raw: str) -> str:
    notebook = json.loads(raw)
    pieces = ["".join(cell.get("source", "")) for cell in notebook.get("cells", [])]
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            pieces.append("".join(output.get("text", "")))
            pieces.extend("".join(value) for value in output.get("data", {}).values())
    return _normal("\n".join(pieces))


def _texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """Every text a reader could get from one published file, with where it came from."""
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _texts(f"{name}:{member}", archive.read(member))
        return
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # images and fonts
    yield name, _normal(raw)
    if name.endswith(".html"):
        yield f"{name} (text)", _html_text(raw)
    elif name.endswith(".ipynb"):
        yield f"{name} (cells)", _notebook_text(raw)


def _published_texts(folder: Path) -> list[tuple[str, str]]:
    return [
        text
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        for text in _texts(str(path.relative_to(folder)), path.read_bytes())
    ]


def _sentences(text: str) -> list[str]:
    pieces = re.split(r"(?<=[.!?:;])\s+|\n", text)
    return [_normal(piece) for piece in pieces if len(_normal(piece)) >= MIN_SEGMENT]


def _rendered_solutions(html_dir: Path) -> dict[str, list[str]]:
    """The text of each solution box of the teacher edition (title left out), by page."""
    solutions = {}
    for page in sorted(html_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        boxes = soup.select("div.solution.admonition")
        if boxes:
            solutions[str(page.relative_to(html_dir))] = [
                _html_text(str(box.find("section") or box)) for box in boxes
            ]
    return solutions


def _source_solution_lines() -> list[str]:
    """Prose lines of every {solution} block in the chapters' sources."""
    lines = []
    for source in sorted((ROOT / "book").glob("*.md")):
        for block in _SOLUTION_FENCE.finditer(source.read_text(encoding="utf-8")):
            for line in block.group(0).splitlines()[1:-1]:
                line = line.strip()
                if len(line) >= MIN_SEGMENT and not line.startswith(":"):
                    lines.append(line)
    return lines


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
def student_build(tmp_path_factory) -> Path:
    """Everything `build_student.py` writes: sources, extras, executed notebooks, site."""
    out = tmp_path_factory.mktemp("student-edition")
    subprocess.run(
        [sys.executable, "-m", "tools.build_student", "--path-output", str(out)],
        check=True,
        cwd=ROOT,
    )
    return out


@pytest.fixture(scope="module")
def student_book(student_build: Path) -> Path:
    """The published student edition."""
    return student_build / "_build" / "html"


@pytest.fixture(scope="module")
def solutions(built_book: Path) -> list[str]:
    """Sentences of every rendered solution and lines of every solution's source."""
    rendered = _rendered_solutions(built_book)
    assert rendered, "the teacher edition has no solution boxes: nothing to check"
    segments = [s for boxes in rendered.values() for box in boxes for s in _sentences(box)]
    segments += _source_solution_lines()
    assert segments, "the solutions have no sentence long enough to look for"
    return sorted(set(segments))


def test_solutions_are_in_the_teacher_edition(built_book: Path, solutions: list[str]) -> None:
    teacher = " ".join(text for _, text in _published_texts(built_book))
    sources = _normal(" ".join(p.read_text(encoding="utf-8") for p in ROOT.glob("book/*.md")))
    missing = [s for s in solutions if s not in teacher and _normal(s) not in sources]
    assert not missing, f"solution text not found in the teacher edition: {missing[:5]}"


def test_no_solution_text_in_any_student_file(student_build: Path, solutions: list[str]) -> None:
    texts = _published_texts(student_build)
    assert any(".zip:" in name for name, _ in texts), "no notebook zip was published"
    assert any(name.startswith("_build/jupyter_execute/") for name, _ in texts)
    leaks = [(s, name) for s in solutions for name, text in texts if _normal(s) in text]
    assert not leaks, f"solution text published in the student edition: {leaks[:5]}"


def _stems(text: str) -> set[str]:
    words = {word.lower() for word in _WORD.findall(text)}
    return {_STEMMER.stem(word) for word in words if _STEMMER.word_filter(word)}


def test_no_solution_words_in_the_student_search_index(
    built_book: Path, student_book: Path
) -> None:
    in_solutions = _stems(
        " ".join(box for boxes in _rendered_solutions(built_book).values() for box in boxes)
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
        text = _normal(
            subprocess.run(
                ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
        )
        assert "Exercise" in text
        assert not [s for s in solutions if _normal(s) in text]
