"""Grade returned student notebooks: ``make grade SUBMISSIONS=<folder>``.

``<folder>`` holds one sub-folder per student (their notebooks, at any depth), or one
file per student (``<student>.ipynb``), or both. Every notebook runs in a fresh kernel
(nbclient), cell by cell, with a time limit per cell (``GRADE_TIMEOUT`` seconds, default
60) and errors allowed. The verdict of each exercise is read from what its ``check``
call displayed: the :class:`nllce.exercises.Feedback` box carries ``data-exercise`` and
``data-status`` attributes.

What each exercise gets, in the gradebook:

- a status of ``check``: ``correct``, ``close``, ``mistake``, ``unexpected``,
  ``invalid`` or ``unanswered`` -- the last verdict the notebook displayed for it;
- ``error``: the cell that checks it raised, or ran out of time (the kernel is
  interrupted, or restarted and the cells that ran well are run again, and grading goes
  on with the next cell);
- ``missing``: the notebook never checks it (the cell was deleted).

Columns are the exercises of the chapters the notebooks come from (a notebook is matched
to a chapter by its name, else by the labels it checks) and any other label a notebook
checks. A notebook's row leaves the exercises of other chapters empty; ``correct`` and
``total`` count its own. A file that is not a notebook gets a row of ``error`` and a
message; the run goes on.

Nothing submitted is changed: each notebook is read into memory and run in a temporary
folder (a copy of the student's folder). The grader writes only ``<folder>/gradebook.csv``
and ``<folder>/feedback-<student>.md`` (Markdown, one per student). Submissions are
code: grade on a machine, account or container you can throw away.

Usage::

    python -m tools.grade <folder> [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import ast
import csv
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from tools import ROOT, toc

__all__ = [
    "GRADEBOOK",
    "STATUSES",
    "NotebookGrade",
    "chapter_labels",
    "find_submissions",
    "grade_folder",
    "grade_notebook",
    "main",
    "verdicts",
]

GRADEBOOK = "gradebook.csv"
FEEDBACK_PREFIX = "feedback-"
DEFAULT_TIMEOUT = 60
#: ``check``'s statuses, then the grader's own.
STATUSES = (
    "correct", "close", "mistake", "unexpected", "invalid", "unanswered", "error", "missing"
)
_CHECK_CALL = re.compile(r"""\bcheck\(\s*(["'])([^"'\n]+)\1""")


# --- what a notebook should hold -------------------------------------------------------


def labels_in_source(code: str) -> list[str]:
    """The labels of the ``check("label", ...)`` calls in cell code, in order."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):  # IPython magics: fall back to a pattern
        return [match.group(2) for match in _CHECK_CALL.finditer(code)]
    found = [
        (node.lineno, node.col_offset, node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "check"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]
    return [label for *_, label in sorted(found)]


def chapter_labels(root: Path = ROOT) -> dict[str, list[str]]:
    """For each chapter (by file stem), the labels its answer cells check, in order."""
    chapters = {}
    for docname in toc.chapters(root):
        source = root / f"{docname}.md"
        if source.exists():
            text = source.read_text(encoding="utf-8")
            labels = list(dict.fromkeys(m.group(2) for m in _CHECK_CALL.finditer(text)))
            if labels:
                chapters[Path(docname).name] = labels
    return chapters


def _expected(name: str, found: Iterable[str], chapters: dict[str, list[str]]) -> list[str]:
    """The exercises a notebook should answer: its chapter's, and any other it checks."""
    found = list(dict.fromkeys(found))
    stem = Path(name).stem
    chapter = chapters.get(stem)
    if chapter is None:  # renamed ("likelihood (1).ipynb"): the chapter it overlaps most
        overlaps = {key: len(set(labels) & set(found)) for key, labels in chapters.items()}
        best = max(overlaps, key=overlaps.get, default=None)
        chapter = chapters[best] if best and overlaps[best] else []
    return list(dict.fromkeys([*chapter, *found]))


# --- reading verdicts ------------------------------------------------------------------


class _FeedbackParser(HTMLParser):
    """Collect (label, status, text) from ``<div data-exercise=.. data-status=..>`` boxes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self._open: list | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if self._open is not None:
            self._depth += tag == "div"
            return
        attributes = dict(attrs)
        if tag == "div" and "data-exercise" in attributes and "data-status" in attributes:
            self._open = [attributes["data-exercise"] or "", attributes["data-status"] or "", []]
            self._depth = 0

    def handle_endtag(self, tag):
        if self._open is None or tag != "div":
            return
        if self._depth:
            self._depth -= 1
            return
        label, status, text = self._open
        self.found.append((label, status, " ".join("".join(text).split())))
        self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2].append(data)


def verdicts(cell) -> list[tuple[str, str, str]]:
    """The (label, status, message) of every feedback box an executed cell displayed."""
    found = []
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html", "")
        html = "".join(html) if isinstance(html, list) else html
        if "data-exercise" not in html:
            continue
        parser = _FeedbackParser()
        parser.feed(html)
        for label, status, text in parser.found:
            message = text.split(": ", 1)[1] if ": " in text else text
            found.append((label, status if status in STATUSES else "invalid", message))
    return found


def _error_of(cell) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip(": ")
    return None


# --- running a notebook ----------------------------------------------------------------


@dataclass
class _Run:
    """How each code cell of one execution ended: "ok", "error" or "timeout"."""

    ended: dict[int, str] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)


class _Runner:
    """Execute a notebook cell by cell; a cell that hangs or kills the kernel is its own."""

    def __init__(self, notebook, timeout: float, cwd: Path):
        self.notebook = notebook
        self.timeout = timeout
        self.client = NotebookClient(
            notebook,
            timeout=int(max(1, round(timeout))),
            kernel_name="python3",
            allow_errors=True,
            interrupt_on_timeout=True,
            error_on_timeout={
                "ename": "TimeoutError",
                "evalue": f"the cell ran longer than {timeout:g} s",
                "traceback": [],
            },
            record_timing=False,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(cwd)}},
        )

    def run(self) -> _Run:
        result = _Run()
        pending = [
            index for index, cell in enumerate(self.notebook.cells)
            if cell.cell_type == "code" and cell.source.strip()
        ]
        while pending:
            # A fresh kernel; after a restart, brought back by the cells that ran well.
            with self.client.setup_kernel():
                self._replay(result)
                while pending:
                    index = pending.pop(0)
                    ended, healthy = self._execute(index, self.notebook.cells[index], result)
                    result.ended[index] = ended
                    if not healthy:
                        break
        return result

    def _execute(self, index: int, cell, result: _Run) -> tuple[str, bool]:
        """How the cell ended, and whether the kernel can go on."""
        started = time.monotonic()
        try:
            self.client.execute_cell(cell, index)
        except DeadKernelError:
            result.errors[index] = "the kernel died while running this cell"
            return "error", False
        if time.monotonic() - started >= self.timeout:
            result.errors[index] = f"the cell ran longer than {self.timeout:g} s (stopped)"
            return "timeout", self._responds()
        error = _error_of(cell)
        if error:
            result.errors[index] = error
            return "error", True
        return "ok", True

    def _run_quietly(self, code: str) -> bool:
        """Run `code` outside the notebook (outputs dropped); whether it ended in time.

        Not `execute_cell`, which writes the cell it runs into the notebook.
        """
        try:
            message = self.client.kc.execute(code, store_history=False, allow_stdin=False)
            reply = self.client.wait_for_reply(message)  # None when it timed out
        except DeadKernelError:
            return False
        return reply is not None

    def _responds(self) -> bool:
        """Whether the kernel, interrupted, runs a trivial cell in time."""
        return self._run_quietly("pass")

    def _replay(self, result: _Run) -> None:
        """Run again the cells that ran well (after a restart), outputs dropped."""
        for index, ended in result.ended.items():
            if ended == "ok":
                self._run_quietly(self.notebook.cells[index].source)


@dataclass
class NotebookGrade:
    """One notebook's grades: a status and a message per exercise, and what went wrong."""

    student: str
    notebook: str
    statuses: dict[str, str]
    messages: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def correct(self) -> int:
        return sum(status == "correct" for status in self.statuses.values())


def _read_notebook(path: Path):
    """The notebook at `path` (read into memory; the file is never written)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # old notebooks: missing cell ids and the like
        notebook = nbformat.reads(path.read_bytes().decode("utf-8"), as_version=4)
    if not isinstance(notebook.get("cells"), list):
        raise ValueError("it has no cells")
    return notebook


def grade_notebook(
    path: Path,
    student: str,
    name: str,
    chapters: dict[str, list[str]],
    timeout: float,
    workdir: Path | None = None,
) -> NotebookGrade:
    """Run one submitted notebook and grade each exercise it should answer."""
    try:
        notebook = _read_notebook(path)
    except Exception as error:  # not JSON, not a notebook, not UTF-8: a row of errors
        expected = chapters.get(Path(name).stem, [])
        problem = (
            f"{name} is not a notebook that can be read "
            f"({type(error).__name__}: {str(error)[:200]})"
        )
        return NotebookGrade(student, name, dict.fromkeys(expected, "error"), problems=[problem])
    for cell in notebook.cells:  # never trust saved outputs: they are re-made below
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.setdefault("metadata", {})

    sources = {index: labels_in_source(cell.source) for index, cell in
               enumerate(notebook.cells) if cell.cell_type == "code"}
    expected = _expected(name, (label for found in sources.values() for label in found),
                         chapters)
    with tempfile.TemporaryDirectory(prefix="nllce-grade-") as scratch:
        cwd = Path(scratch) / "work"
        if workdir is not None:
            shutil.copytree(workdir, cwd, ignore=shutil.ignore_patterns(".*"))
        else:
            cwd.mkdir()
        try:
            run = _Runner(notebook, timeout, cwd).run()
        except Exception as error:  # the kernel would not start, ...
            problem = f"the notebook could not be run: {type(error).__name__}: {error}"
            return NotebookGrade(student, name, dict.fromkeys(expected, "error"),
                                 problems=[problem])

    statuses = dict.fromkeys(expected, "missing")
    messages: dict[str, str] = {}
    problems = []
    for index, ended in run.ended.items():
        cell = notebook.cells[index]
        shown = verdicts(cell)
        for label, status, message in shown:
            statuses[label], messages[label] = status, message
        if ended != "ok":
            problems.append(f"cell {index + 1}: {run.errors.get(index, ended)}")
            for label in sources.get(index, []):
                if label not in {found[0] for found in shown}:
                    statuses[label] = "error"
                    messages[label] = run.errors.get(index, "the cell raised an error")
    return NotebookGrade(student, name, statuses, messages, problems)


# --- a class folder ----------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """One file to grade: whose, which (as shown in the gradebook), where to run it."""

    student: str
    path: Path | None
    name: str
    workdir: Path | None = None


def _ours(path: Path) -> bool:
    return path.name == GRADEBOOK or (
        path.name.startswith(FEEDBACK_PREFIX) and path.suffix == ".md"
    )


def _hidden(path: Path, folder: Path) -> bool:
    return any(
        part.startswith(".") or part == "__pycache__"
        for part in path.relative_to(folder).parts
    )


def find_submissions(folder: Path) -> list[Submission]:
    """Every submission in a class folder (see the module docstring), sorted by student."""
    submissions = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or _ours(entry) or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            notebooks = sorted(
                path for path in entry.rglob("*.ipynb")
                if path.is_file() and not _hidden(path, folder)
            )
            for path in notebooks:
                name = path.relative_to(entry).as_posix()
                submissions.append(Submission(entry.name, path, name, path.parent))
            if not notebooks:
                submissions.append(Submission(entry.name, None, ""))
        elif entry.is_file():
            submissions.append(Submission(entry.stem, entry, entry.name))
    return submissions


def _grade(submission: Submission, chapters, timeout: float) -> NotebookGrade:
    if submission.path is None:
        return NotebookGrade(submission.student, "", {}, problems=["no notebook found"])
    if submission.path.suffix != ".ipynb":
        return NotebookGrade(
            submission.student, submission.name, {},
            problems=[f"{submission.name} is not a notebook (.ipynb): not graded"],
        )
    return grade_notebook(
        submission.path, submission.student, submission.name, chapters, timeout,
        submission.workdir,
    )


def _columns(grades: list[NotebookGrade], chapters: dict[str, list[str]]) -> list[str]:
    """Every label any notebook should answer, in the book's order, then the others."""
    used = {label for grade in grades for label in grade.statuses}
    book_order = [label for labels in chapters.values() for label in labels]
    return [label for label in book_order if label in used] + sorted(
        used - set(book_order)
    )


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _feedback_markdown(student: str, grades: list[NotebookGrade]) -> str:
    lines = [f"# Feedback for {student}", ""]
    for grade in grades:
        title = grade.notebook or "(no notebook)"
        lines += [f"## {title}: {grade.correct} of {len(grade.statuses)} correct", ""]
        for problem in grade.problems:
            lines.append(f"- {_cell(problem)}")
        if grade.problems:
            lines.append("")
        if grade.statuses:
            lines += ["| exercise | verdict | feedback |", "|---|---|---|"]
            for label, status in grade.statuses.items():
                message = grade.messages.get(label, {
                    "missing": "this exercise's cell is not in the notebook",
                }.get(status, ""))
                lines.append(f"| `{label}` | {status} | {_cell(message)} |")
            lines.append("")
    return "\n".join(lines)


def _file_name(student: str) -> str:
    return FEEDBACK_PREFIX + (re.sub(r"[^A-Za-z0-9._-]+", "_", student).strip("._") or "student")


def grade_folder(
    folder: Path, timeout: float = DEFAULT_TIMEOUT, root: Path = ROOT, log=print
) -> Path:
    """Grade every submission in `folder`; write the gradebook and feedback; return it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"`folder` must be a folder of submissions; got {str(folder)!r}")
    chapters = chapter_labels(root)
    grades = []
    for submission in find_submissions(folder):
        started = time.monotonic()
        grade = _grade(submission, chapters, timeout)
        score = f"{grade.correct} of {len(grade.statuses)} correct" if grade.statuses else "-"
        log(f"{submission.student}/{submission.name or '-'}: {score} "
            f"({time.monotonic() - started:.1f} s)"
            + "".join(f"\n    {problem}" for problem in grade.problems))
        grades.append(grade)

    columns = _columns(grades, chapters)
    for grade in grades:  # a file that is no notebook: a row of errors
        if not grade.statuses and grade.problems:
            grade.statuses = dict.fromkeys(columns, "error")
    gradebook = folder / GRADEBOOK
    with gradebook.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "notebook", *columns, "correct", "total"])
        for grade in grades:
            writer.writerow([
                grade.student, grade.notebook,
                *(grade.statuses.get(label, "") for label in columns),
                grade.correct, len(grade.statuses),
            ])
    by_student: dict[str, list[NotebookGrade]] = {}
    for grade in grades:
        by_student.setdefault(grade.student, []).append(grade)
    for student, own in by_student.items():
        (folder / f"{_file_name(student)}.md").write_text(
            _feedback_markdown(student, own), encoding="utf-8"
        )
    return gradebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the class folder of submissions")
    parser.add_argument(
        "--timeout",
        type=float,
        default=float(os.environ.get("GRADE_TIMEOUT") or DEFAULT_TIMEOUT),
        help="seconds a cell may run (default: $GRADE_TIMEOUT or 60)",
    )
    args = parser.parse_args(argv)
    try:
        gradebook = grade_folder(args.folder, args.timeout)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"\nWrote {gradebook} and one {FEEDBACK_PREFIX}<student>.md per student beside it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
