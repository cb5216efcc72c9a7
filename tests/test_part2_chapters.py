"""Each Part II chapter runs in a fresh kernel, quickly, cleanly and self-consistently.

Executes the MyST sources with jupytext + nbclient (no book build) and checks: no error and
nothing on stderr (warnings included), well under a minute, every exercise cell reports
"correct" for the chapter's own answer, every number the prose glues was glued, and every
slider made it to the page as a widget.
"""

import re
import time
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("softmax", "classifier", "variations", "problems_part2")
SECONDS = 60
_GLUE_ROLE = re.compile(r"\{glue:(?:text|md|math)\}`([A-Za-z0-9_]+)")
_FEEDBACK = re.compile(r"nllce-feedback-(\w+)")
_WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module", params=PAGES)
def executed(request):
    source = ROOT / "book" / f"{request.param}.md"
    notebook = jupytext.read(source)
    client = NotebookClient(
        notebook,
        timeout=SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(source.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    return request.param, notebook, time.perf_counter() - start


def _outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            yield from ((cell, output) for output in cell.get("outputs", []))


def test_chapter_runs_well_under_a_minute(executed):
    page, _, seconds = executed
    assert seconds < SECONDS, f"{page} took {seconds:.1f} s"


def test_chapter_writes_nothing_to_stderr(executed):
    page, notebook, _ = executed
    for cell, output in _outputs(notebook):
        if output.output_type == "stream":
            assert output.name != "stderr", f"{page}: {cell.source[:60]!r} wrote {output.text!r}"


def test_every_exercise_cell_reports_correct(executed):
    page, notebook, _ = executed
    verdicts = [
        status
        for cell, output in _outputs(notebook)
        if 'check("' in cell.source
        for status in _FEEDBACK.findall(output.get("data", {}).get("text/html", ""))
    ]
    assert len(verdicts) >= 3, page
    assert set(verdicts) == {"correct"}, page


def test_every_glued_name_in_the_prose_is_glued(executed):
    page, notebook, _ = executed
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    used = set(_GLUE_ROLE.findall(text))
    glued = {
        output.metadata["scrapbook"]["name"]
        for _, output in _outputs(notebook)
        if "scrapbook" in output.get("metadata", {})
    }
    assert used, page
    assert used <= glued, f"{page}: not glued: {sorted(used - glued)}"


def test_sliders_render_as_widgets(executed):
    page, notebook, _ = executed
    sliders = [cell for cell in notebook.cells if re.search(r"^slider(_grid)?\(", cell.source,
                                                             re.MULTILINE)]
    assert sliders or page == "problems_part2", f"{page} has no slider"
    for cell in sliders:
        assert any(_WIDGET in output.get("data", {}) for output in cell.outputs), page
