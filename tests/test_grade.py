"""Grading returned notebooks (`make grade`, tools/grade.py).

A small class folder is made from the real student notebooks: answers right, wrong,
missing, a cell that raises, a cell that never ends (short GRADE_TIMEOUT), a file that is
not a notebook and one that is broken. The grader runs once (as `python -m tools.grade`)
and the gradebook, the feedback files and the untouched submissions are checked.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from nllce.exercises import check
from tools import ROOT, grade, student_notebooks

CHAPTER = "problems_part1"  # the quickest chapter to run: no figures
TIMEOUT = 15  # seconds a cell may run; the looping cell costs this much


def _reference_sources() -> dict[str, str]:
    """The chapter's own answer cells, by the label they check."""
    notebook = jupytext.read(ROOT / "book" / f"{CHAPTER}.md", fmt="md:myst")
    return {
        grade.labels_in_source(cell.source)[0]: cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and student_notebooks.is_answer_cell(cell.source)
    }


def _answer_cells(notebook) -> dict[str, nbformat.NotebookNode]:
    return {
        grade.labels_in_source(cell.source)[0]: cell
        for cell in notebook.cells
        if student_notebooks.ANSWER_TAG in cell.metadata.get("tags", [])
    }


def grade_exercise(label):
    from nllce import exercises

    return exercises.exercise(label)


def _answer(label: str, value: str) -> str:
    return f"answer = {value}\ncheck({label!r}, answer)"


def _literal(value) -> str:
    """Python source for a mistake's answer (a number, a choice or an array)."""
    return f"np.array({value.tolist()!r})" if hasattr(value, "tolist") else repr(value)


@pytest.fixture(scope="module")
def labels() -> list[str]:
    found = grade.chapter_labels(ROOT)[CHAPTER]
    assert len(found) >= 4, found
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory, labels):
    """The class folder, graded once: (folder, rows by student, hashes before)."""
    shipped = tmp_path_factory.mktemp("shipped")
    written = student_notebooks.write_student_notebooks(shipped, ROOT)
    path = next(
        path for notebooks in written.values() for doc, path in notebooks.items()
        if Path(doc).name == CHAPTER
    )
    blank = nbformat.read(path, 4)
    folder = tmp_path_factory.mktemp("class")

    # alice (a folder): every answer is the chapter's own.
    right = nbformat.from_dict(blank)
    for label, source in _reference_sources().items():
        if label in _answer_cells(right):
            _answer_cells(right)[label].source = source
    (folder / "alice").mkdir()
    nbformat.write(right, folder / "alice" / f"{CHAPTER}.ipynb")

    # bob (one file): an anticipated mistake, a cell that raises, one that never ends,
    # and an unexpected answer.
    wrong = nbformat.from_dict(blank)
    cells = _answer_cells(wrong)
    first, second, third, fourth = labels[:4]
    mistake = next(
        m.answer for m in grade_exercise(first).mistakes if m.answer is not None
    )
    cells[first].source = _answer(first, _literal(mistake))
    cells[second].source = _answer(second, "1 / 0")
    cells[third].source = "while True:\n    pass\n" + _answer(third, "0.5")
    cells[fourth].source = _answer(fourth, "123456.0")
    nbformat.write(wrong, folder / "bob.ipynb")

    # carol: the notebook as shipped; dan: a deleted answer cell, renamed notebook.
    nbformat.write(blank, folder / "carol.ipynb")
    deleted = nbformat.from_dict(blank)
    deleted.cells = [cell for cell in deleted.cells if cell is not _answer_cells(deleted)[first]]
    (folder / "dan" / "work").mkdir(parents=True)
    nbformat.write(deleted, folder / "dan" / "work" / "my notebook.ipynb")

    # erin: not a notebook at all; frank: a broken one.
    (folder / "erin.pdf").write_bytes(b"%PDF-1.4 a scan of my answers")
    (folder / "frank.ipynb").write_text('{"cells": [', encoding="utf-8")

    before = _hashes(folder)
    result = subprocess.run(
        [sys.executable, "-m", "tools.grade", str(folder)],
        cwd=ROOT,
        env={**os.environ, "GRADE_TIMEOUT": str(TIMEOUT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with (folder / grade.GRADEBOOK).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return folder, {row["student"]: row for row in rows}, before, result.stdout


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_the_gradebook_has_a_row_per_notebook_and_a_column_per_exercise(graded, labels):
    folder, rows, _, _ = graded
    with (folder / grade.GRADEBOOK).open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:2] == ["student", "notebook"] and header[-2:] == ["correct", "total"]
    assert set(labels) <= set(header[2:-2])
    assert sorted(rows) == ["alice", "bob", "carol", "dan", "erin", "frank"]
    assert rows["alice"]["notebook"] == f"{CHAPTER}.ipynb"
    assert rows["dan"]["notebook"] == "work/my notebook.ipynb"


def test_right_answers_are_correct(graded, labels):
    _, rows, _, _ = graded
    assert {rows["alice"][label] for label in labels} == {"correct"}
    assert rows["alice"]["correct"] == rows["alice"]["total"] == str(len(labels))


def test_each_wrong_answer_gets_its_own_status(graded, labels):
    _, rows, _, _ = graded
    bob = rows["bob"]
    first, second, third, fourth = labels[:4]
    assert bob[first] == "mistake"
    assert bob[second] == "error"  # its cell raised
    assert bob[third] == "error"  # its cell never ended: stopped after GRADE_TIMEOUT
    assert bob[fourth] == "unexpected"  # graded after the loop: the run went on
    assert bob["correct"] == "0"


def test_unanswered_and_missing_exercises(graded, labels):
    _, rows, _, _ = graded
    assert {rows["carol"][label] for label in labels} == {"unanswered"}
    dan = rows["dan"]  # renamed notebook, matched to its chapter by the labels it checks
    assert dan[labels[0]] == "missing"
    assert {dan[label] for label in labels[1:]} == {"unanswered"}
    assert dan["total"] == str(len(labels))


def test_a_file_that_is_not_a_notebook_gets_a_row_of_errors(graded, labels):
    _, rows, _, log = graded
    for student in ("erin", "frank"):
        row = rows[student]
        assert {row[label] for label in labels} == {"error"}, row
        assert row["correct"] == "0"
    assert "erin.pdf is not a notebook" in log
    assert "frank.ipynb is not a notebook that can be read" in log


def test_nothing_submitted_changes_and_only_the_reports_are_added(graded):
    folder, _, before, _ = graded
    after = _hashes(folder)
    assert {name: after[name] for name in before} == before
    added = sorted(set(after) - set(before))
    assert added == sorted(
        [grade.GRADEBOOK] + [f"feedback-{s}.md" for s in ("alice", "bob", "carol", "dan",
                                                          "erin", "frank")]
    )


def test_each_student_gets_feedback_with_the_checker_messages(graded, labels):
    folder, _, _, _ = graded
    bob = (folder / "feedback-bob.md").read_text(encoding="utf-8")
    assert bob.startswith("# Feedback for bob")
    assert "ZeroDivisionError" in bob
    assert f"ran longer than {TIMEOUT} s" in bob
    first_mistake = next(m for m in grade_exercise(labels[0]).mistakes if m.answer is not None)
    assert first_mistake.message.split(":")[0] in bob
    alice = (folder / "feedback-alice.md").read_text(encoding="utf-8")
    assert f"{len(labels)} of {len(labels)} correct" in alice
    assert "not a notebook" in (folder / "feedback-erin.md").read_text(encoding="utf-8")


# --- the pieces, without a kernel ------------------------------------------------------


def test_verdicts_are_read_from_the_feedback_marker():
    shown = check("ex-likelihood-worked", 0.5 + 0.5 + 0.3)
    cell = nbformat.v4.new_code_cell("check('ex-likelihood-worked', answer)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="data-exercise lookalike"),
        nbformat.v4.new_output(
            "execute_result",
            data={"text/plain": repr(shown), "text/html": shown._repr_html_()},
            execution_count=1,
        ),
    ]
    ((label, status, message),) = grade.verdicts(cell)
    assert (label, status) == ("ex-likelihood-worked", "mistake")
    assert message == shown.message


def test_labels_are_found_in_cells_even_with_magics():
    assert grade.labels_in_source("a = 1\ncheck('ex-a', a)\ncheck(\"ex-b\", ...)") == [
        "ex-a",
        "ex-b",
    ]
    assert grade.labels_in_source("%time x = 1\ncheck('ex-c', x)") == ["ex-c"]


def test_a_folder_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(ValueError, match="`folder` must be a folder"):
        grade.grade_folder(tmp_path / "nowhere")


def test_make_grade_is_a_listed_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ngrade:" in makefile and "make grade SUBMISSIONS=" in makefile
    assert "tools.grade" in makefile
