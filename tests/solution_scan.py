"""Find solution text in files: the scanner of the student edition and the student repository.

The *solutions* are the sentences of every rendered solution box of the teacher edition
(`rendered_solutions`, `sentences`) and the prose lines of every ``{solution}`` block in
the chapters' sources (`source_solution_lines`). `published_texts` reads every file of a
folder as a reader could (raw text, the text of an HTML page, the cells and outputs of a
notebook, the members of a zip); `leaks` finds the solutions in them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
MIN_SEGMENT = 25  # characters: shorter pieces ("q = p") also occur outside solutions
SOLUTION_FENCE = re.compile(r"^(`{3,}|:{3,})\{solution\}.*?^\1\s*$", re.DOTALL | re.MULTILINE)


def normal(text: str) -> str:
    """`text` with every run of whitespace made one space."""
    return " ".join(text.split())


def html_text(markup: str) -> str:
    """The visible text of an HTML page or fragment (no scripts, no styles)."""
    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return normal(soup.get_text(" "))


def notebook_text(raw: str) -> str:
    """The cells and the text outputs of a notebook."""
    notebook = json.loads(raw)
    pieces = ["".join(cell.get("source", "")) for cell in notebook.get("cells", [])]
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            pieces.append("".join(output.get("text", "")))
            pieces.extend("".join(value) for value in output.get("data", {}).values())
    return normal("\n".join(pieces))


def texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """Every text a reader could get from one file, with where it came from."""
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from texts(f"{name}:{member}", archive.read(member))
        return
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # images and fonts
    yield name, normal(raw)
    if name.endswith(".html"):
        yield f"{name} (text)", html_text(raw)
    elif name.endswith(".ipynb"):
        yield f"{name} (cells)", notebook_text(raw)


def published_texts(folder: Path) -> list[tuple[str, str]]:
    """`texts` of every file under `folder` (a folder's symbolic links are not followed)."""
    return [
        text
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        for text in texts(str(path.relative_to(folder)), path.read_bytes())
    ]


def sentences(text: str) -> list[str]:
    """The sentences of `text` long enough to be searched for."""
    pieces = re.split(r"(?<=[.!?:;])\s+|\n", text)
    return [normal(piece) for piece in pieces if len(normal(piece)) >= MIN_SEGMENT]


def rendered_solutions(html_dir: Path) -> dict[str, list[str]]:
    """The text of each solution box of the teacher edition (title left out), by page."""
    solutions = {}
    for page in sorted(html_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        boxes = soup.select("div.solution.admonition")
        if boxes:
            solutions[str(page.relative_to(html_dir))] = [
                html_text(str(box.find("section") or box)) for box in boxes
            ]
    return solutions


def source_solution_lines(book: Path = ROOT / "book") -> list[str]:
    """Prose lines of every {solution} block in the chapters' sources."""
    lines = []
    for source in sorted(book.glob("*.md")):
        for block in SOLUTION_FENCE.finditer(source.read_text(encoding="utf-8")):
            for line in block.group(0).splitlines()[1:-1]:
                line = line.strip()
                if len(line) >= MIN_SEGMENT and not line.startswith(":"):
                    lines.append(line)
    return lines


def solution_segments(html_dir: Path | None) -> list[str]:
    """Sentences of every rendered solution (of `html_dir`, if given) and source line."""
    segments = []
    if html_dir is not None:
        rendered = rendered_solutions(html_dir)
        assert rendered, "the teacher edition has no solution boxes: nothing to check"
        segments += [s for boxes in rendered.values() for box in boxes for s in sentences(box)]
    segments += source_solution_lines()
    assert segments, "the solutions have no sentence long enough to look for"
    return sorted(set(segments))


def leaks(
    solutions: Iterable[str], found: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``(solution, where)`` for every solution found in the ``(where, text)`` pairs."""
    found = list(found)
    return [(s, name) for s in solutions for name, text in found if normal(s) in text]
