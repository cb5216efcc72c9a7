"""Student notebooks: shipped with empty answers that check themselves (issue 6).

Each chapter's student notebook (`tools/student_notebooks.py`) is executed as shipped:
it runs without error and every exercise check reports "not answered yet". Then the
reference answers (the chapter's own answer cells) are filled in and it is executed
again: every check passes.
"""

from __future__ import annotations

import ast
import re
import zipfile
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from tools import ROOT, student_notebooks, toc

pytestmark = pytest.mark.build

_TIMEOUT = 600
# `nllce.exercises.check` returns a Feedback shown as <div class="nllce-feedback-STATUS">.
_FEEDBACK_STATUS = re.compile(r"nllce-feedback-(\w+)")


def _chapters() -> list[str]:
    return [
        docname
        for docname in toc.chapters(ROOT)
        if (ROOT / f"{docname}.md").exists()
        and student_notebooks.is_notebook_source(ROOT / f"{docname}.md")
    ]


def _answer_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [
        cell
        for cell in notebook.cells
        if student_notebooks.ANSWER_TAG in cell.metadata.get("tags", [])
    ]


def _statuses(cell: nbformat.NotebookNode) -> list[str]:
    """The verdicts an executed answer cell displays ("unanswered", "correct", ...)."""
    return [
        status
        for output in cell.get("outputs", [])
        for status in _FEEDBACK_STATUS.findall(output.get("data", {}).get("text/html", ""))
    ]


def _execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(
        notebook,
        timeout=_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "book")}},
    )
    return client.execute()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict[str, Path]:
    """The notebooks as a student downloads them: out of the per-part zips."""
    out = tmp_path_factory.mktemp("student-notebooks")
    written = student_notebooks.write_student_notebooks(out, ROOT)
    unzipped = tmp_path_factory.mktemp("unzipped")
    for slug in written:
        with zipfile.ZipFile(out / f"{slug}.zip") as archive:
            archive.extractall(unzipped)
    return {
        docname: unzipped / slug / path.name
        for slug, notebooks in written.items()
        for docname, path in notebooks.items()
    }


def test_every_chapter_has_a_notebook_in_a_zip(shipped: dict[str, Path]) -> None:
    assert _chapters(), "no notebook chapter in _toc.yml"
    assert sorted(shipped) == sorted(_chapters())
    assert all(path.is_file() for path in shipped.values())


def test_answer_cells_hold_no_worked_answer(shipped: dict[str, Path]) -> None:
    """An answer cell keeps imports, `name = ...` or `def name(args): ...` and the checks."""
    answer_cells = [
        cell for path in shipped.values() for cell in _answer_cells(nbformat.read(path, 4))
    ]
    assert answer_cells, "no chapter has an exercise answer cell"
    for cell in answer_cells:
        for statement in ast.parse(cell.source).body:
            placeholder = (
                isinstance(statement, ast.Assign)
                and isinstance(statement.value, ast.Constant)
                and statement.value.value is Ellipsis
            )
            imports = isinstance(statement, ast.Import | ast.ImportFrom)
            stub = (  # a function exercise keeps its signature, with `...` as its body
                isinstance(statement, ast.FunctionDef)
                and len(statement.body) == 1
                and isinstance(statement.body[0], ast.Expr)
                and isinstance(statement.body[0].value, ast.Constant)
                and statement.body[0].value.value is Ellipsis
            )
            assert (
                placeholder
                or imports
                or stub
                or student_notebooks.is_answer_cell(ast.unparse(statement))
            ), f"answer cell gives away more than a placeholder:\n{cell.source}"


def test_solutions_are_removed(shipped: dict[str, Path]) -> None:
    for path in shipped.values():
        for cell in nbformat.read(path, 4).cells:
            assert "{solution}" not in cell.source, f"{path.name} keeps a solution block"


@pytest.mark.parametrize("docname", _chapters())
def test_shipped_notebook_runs_and_reports_not_answered(
    shipped: dict[str, Path], docname: str
) -> None:
    executed = _execute(nbformat.read(shipped[docname], 4))
    for cell in _answer_cells(executed):
        statuses = _statuses(cell)
        assert statuses and set(statuses) == {"unanswered"}, f"{docname}: {cell.source!r}"


@pytest.mark.parametrize("docname", _chapters())
def test_reference_answers_pass_every_check(shipped: dict[str, Path], docname: str) -> None:
    notebook = nbformat.read(shipped[docname], 4)
    reference = [
        cell.source
        for cell in jupytext.read(ROOT / f"{docname}.md", fmt="md:myst").cells
        if cell.cell_type == "code" and student_notebooks.is_answer_cell(cell.source)
    ]
    answer_cells = _answer_cells(notebook)
    assert len(reference) == len(answer_cells)
    for cell, source in zip(answer_cells, reference, strict=True):
        cell.source = source
    executed = _execute(notebook)
    for cell in _answer_cells(executed):
        statuses = _statuses(cell)
        assert statuses and set(statuses) == {"correct"}, f"{docname}: {cell.source!r} {statuses}"
