"""Part I chapters: each runs in a fresh kernel, and the built book answers the two
questions exactly where the preface promises."""

import re
import time
from pathlib import Path
from urllib.parse import urldefrag

import jupytext
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
PART1 = [
    "preface",
    "likelihood",
    "counts",
    "cross_entropy",
    "entropy_kl",
    "bits_codes",
    "held_out",
    "problems_part1",
]
TIME_LIMIT = 60  # seconds per chapter, kernel start included; they take about 10-20 s


def _execute(name):
    notebook = jupytext.read(BOOK / f"{name}.md")
    client = NotebookClient(
        notebook,
        timeout=TIME_LIMIT,
        kernel_name="python3",
        resources={"metadata": {"path": str(BOOK)}},
    )
    start = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - start


@pytest.fixture(scope="module", params=PART1)
def executed(request):
    notebook, seconds = _execute(request.param)
    return request.param, notebook, seconds


def _outputs(cell):
    return list(cell.get("outputs", []))


def _text(output):
    data = output.get("data", {})
    return output.get("text", "") + data.get("text/plain", "") + data.get("text/html", "")


def test_chapter_runs_in_a_fresh_kernel_in_well_under_a_minute(executed):
    name, notebook, seconds = executed
    assert seconds < TIME_LIMIT, f"{name} took {seconds:.0f} s"
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{name} has no code"
    for cell in code_cells:
        for output in _outputs(cell):
            assert output.output_type != "error", f"{name}: {output.get('ename')}"
            stderr = output.output_type == "stream" and output.get("name") == "stderr"
            assert not stderr, f"{name} printed to stderr (a warning?): {output.get('text')}"


def test_every_exercise_cell_of_the_chapter_checks_correct(executed):
    name, notebook, _ = executed
    checks = [
        cell for cell in notebook.cells if cell.cell_type == "code" and "check(" in cell.source
    ]
    if name == "preface":
        assert not checks
        return
    assert len(checks) >= 3, f"{name} has fewer than 3 self-checking exercises"
    for cell in checks:
        text = " ".join(_text(output) for output in _outputs(cell))
        assert "✓" in text and "correct" in text, f"{name}: {cell.source!r} -> {text!r}"


def test_every_sympy_step_shown_in_a_chapter_verifies(executed):
    name, notebook, _ = executed
    assert notebook.cells, name
    shown = [
        _output
        for cell in notebook.cells
        for _output in _outputs(cell)
        if "text/markdown" in _output.get("data", {})
        and "sympy" in _output["data"]["text/markdown"]
    ]
    for output in shown:
        markdown = output["data"]["text/markdown"]
        wrong_on_purpose = "(false)" in markdown
        assert ("verified by sympy" in markdown) != wrong_on_purpose, markdown


def test_chapters_show_verified_sympy_steps():
    sources = {name: (BOOK / f"{name}.md").read_text() for name in PART1}
    for name in ["likelihood", "counts", "cross_entropy", "entropy_kl", "bits_codes", "held_out"]:
        assert ".verify()" in sources[name], f"{name} shows no verified sympy step"


def test_chapters_have_goals_sliders_exercises_and_citations():
    for name in ["likelihood", "counts", "cross_entropy", "entropy_kl", "bits_codes", "held_out"]:
        source = (BOOK / f"{name}.md").read_text()
        assert "Learning goals" in source, name
        assert re.search(r"^slider(_grid)?\(", source, re.MULTILINE), f"{name} has no slider"
        assert "**What to look for:**" in source, f"{name}: say what to notice on the slider"
        assert source.count("```{exercise}") >= 3, name
        assert source.count("```{solution}") == source.count("```{exercise}"), name
        assert ":class: dropdown" in source, name
        assert "{cite}`" in source and "{eq}`" in source, name
        assert "[2, 2, 1]" in source, f"{name} does not carry the worked sample"


def test_every_slider_is_declared_once():
    # One `slider(...)` call gives the static and the live slider (nllce.widgets): the old
    # pair of calls, prerendered then live, must not come back.
    for path in sorted(BOOK.glob("*.md")):
        source = path.read_text()
        for old in ("live_slider", "prerendered_slider", "prerendered_grid", "readouts"):
            assert old not in source, f"{path.name} still uses {old}"


# --- the built book -----------------------------------------------------------------

ANSWERS = {
    # The math is SVG with MathML beside it, whose text reads "n i = N p i".
    "answer-question-1": ["the power", "is the count", "n i = N p i"],
    "answer-question-2": [
        "average per sample",
        "Comparable across sample sizes",
        "Same best model",
        "converges to an expectation",
        "gradient",
    ],
}


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_the_two_questions_are_answered_where_the_preface_promises(built_book):
    preface_page = built_book / "book" / "preface.html"
    promise = _soup(preface_page).select_one("div.where-answered")
    assert promise is not None, "the preface has no 'where the questions are answered' box"
    links = {
        urldefrag(a["href"]).fragment: urldefrag(a["href"]).url
        for a in promise.select("a[href]")
        if urldefrag(a["href"]).fragment in ANSWERS
    }
    assert set(links) == set(ANSWERS), f"the preface links to {links}"
    for anchor, page in links.items():
        target = _soup((preface_page.parent / page).resolve())
        box = target.find(id=anchor)
        assert box is not None, f"{page} has no element #{anchor}"
        if "admonition" not in box.get("class", []):
            box = box.find_next("div", class_="admonition")
        assert anchor in box.get("class", []), f"#{anchor} is not the answer box"
        text = " ".join(box.get_text(" ").split())
        for phrase in ANSWERS[anchor]:
            assert phrase in text, f"{page}#{anchor} does not say {phrase!r}: {text!r}"
        assert "cross_entropy.html" in page


@pytest.mark.build
def test_part1_pages_render_their_figures_and_sliders(built_book):
    for name in [
        "preface", "likelihood", "counts", "cross_entropy", "entropy_kl", "bits_codes", "held_out"
    ]:
        page = _soup(built_book / "book" / f"{name}.html")
        figures = page.select("figure img, div.cell_output img")
        sliders = page.select("div.nllce-slider input[type='range']")
        assert figures or sliders, f"{name} shows no figure"
        for image in figures:
            alt = image.get("alt", "").strip()
            assert len(alt) > 40, f"{name}: an image has no real alt text: {alt!r}"
        if name != "preface":
            assert sliders, f"{name} has no slider"
