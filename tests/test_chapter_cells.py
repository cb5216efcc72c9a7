"""The chapters' code cells as notebooks (jupytext): every slider cell folds the same way.

A `slider(...)` or `slider_grid(...)` cell shows the slider and folds its code
(``hide-input``): the reader sees the slider first and may open the code, in every
chapter alike, on the page and in JupyterLab (the same cell metadata).
"""

import re

import jupytext
import pytest
from bs4 import BeautifulSoup

from tools import ROOT, toc

SLIDER_CALL = re.compile(r"^slider(_grid)?\(", re.MULTILINE)
SLIDER_TAGS = ["hide-input"]
# Tags that would show, hide or remove a cell's code or output in some other way.
FOLDING_TAGS = {
    "hide-input", "hide-output", "hide-cell", "remove-input", "remove-output", "remove-cell",
}


def slider_cells():
    """(chapter, cell) for every code cell of the book that calls `slider`/`slider_grid`."""
    found = []
    for docname in toc.chapters():
        notebook = jupytext.read(ROOT / f"{docname}.md")
        found += [
            (docname, cell) for cell in notebook.cells
            if cell.cell_type == "code" and SLIDER_CALL.search(cell.source)
        ]
    return found


def test_every_slider_cell_folds_its_code_the_same_way():
    cells = slider_cells()
    assert len({docname for docname, _ in cells}) >= 9, "fewer chapters with sliders than expected"
    tags = {
        f"{docname}: {cell.source.splitlines()[0]}": cell.metadata.get("tags", [])
        for docname, cell in cells
    }
    different = {cell: found for cell, found in tags.items() if found != SLIDER_TAGS}
    assert not different, f"slider cells not tagged {SLIDER_TAGS}: {different}"


def test_no_slider_cell_carries_other_cell_settings():
    # no per-cell override of what the tags decide (jupyter-book's hide/remove metadata,
    # a collapsed source in JupyterLab) that would set one chapter's slider apart
    for docname, cell in slider_cells():
        extra = set(cell.metadata) - {"tags"}
        assert not extra, f"{docname}: slider cell with metadata {sorted(extra)}"
        assert not FOLDING_TAGS & set(cell.metadata.get("tags", [])) - set(SLIDER_TAGS)


@pytest.mark.build
def test_every_slider_cell_is_folded_on_its_page(built_book):
    folded, unfolded = 0, []
    for docname in toc.chapters():
        page = BeautifulSoup((built_book / f"{docname}.html").read_text(), "html.parser")
        for cell in page.select("div.cell"):
            source = cell.select_one("div.cell_input")
            if source is None or not SLIDER_CALL.search(source.get_text()):
                continue
            fold = cell.select_one("details.above-input > summary")
            if "tag_hide-input" in cell["class"] and fold is not None:
                folded += 1
            else:
                unfolded.append(f"{docname}: {source.get_text().strip().splitlines()[0]}")
    assert not unfolded, f"slider cells whose code is not folded: {unfolded}"
    assert folded == len(slider_cells())
