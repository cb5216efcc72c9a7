"""Time ``make grade`` on a class of 30 returned notebooks.

Usage: ``python -m benchmarks.bench_grade [--students 30] [--timeout 60]``

Builds a class folder in a temporary directory: one sub-folder per student holding the
student notebook of a chapter (round-robin over every chapter that has exercises), with
the chapter's own answers filled in for even-numbered students and left blank for the
others. Then it runs ``python -m tools.grade`` on it, as ``make grade`` does, and prints
the wall time, the time per notebook and how many verdicts were read.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat

from tools import ROOT, grade, student_notebooks


def _reference_cells(docname: str) -> list[str]:
    notebook = jupytext.read(ROOT / f"{docname}.md", fmt="md:myst")
    return [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and student_notebooks.is_answer_cell(cell.source)
    ]


def make_class(folder: Path, students: int) -> None:
    """Write `students` sub-folders of one notebook each into `folder`."""
    shipped = folder.parent / "shipped"
    written = student_notebooks.write_student_notebooks(shipped, ROOT)
    chapters = [
        (docname, path)
        for notebooks in written.values()
        for docname, path in notebooks.items()
        if grade.labels_in_source(
            "\n".join(cell.source for cell in nbformat.read(path, 4).cells
                      if cell.cell_type == "code")
        )
    ]
    for number in range(students):
        docname, path = chapters[number % len(chapters)]
        notebook = nbformat.read(path, 4)
        if number % 2 == 0:
            answers = [
                cell for cell in notebook.cells
                if student_notebooks.ANSWER_TAG in cell.metadata.get("tags", [])
            ]
            for cell, source in zip(answers, _reference_cells(docname), strict=False):
                cell.source = source
        own = folder / f"student{number:02d}"
        own.mkdir(parents=True)
        nbformat.write(notebook, own / path.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--timeout", type=int, default=60, help="GRADE_TIMEOUT, seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as scratch:
        folder = Path(scratch) / "class"
        folder.mkdir()
        make_class(folder, args.students)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tools.grade", str(folder)],
            cwd=ROOT,
            env={**os.environ, "GRADE_TIMEOUT": str(args.timeout)},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        with (folder / grade.GRADEBOOK).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    verdicts = sum(
        1 for row in rows for key, value in row.items()
        if key not in {"student", "notebook", "correct", "total"} and value
    )
    correct = sum(int(row["correct"]) for row in rows)
    print(
        f"grade: {len(rows)} notebooks in {seconds:.1f} s "
        f"({seconds / max(len(rows), 1):.1f} s a notebook); "
        f"{verdicts} verdicts read, {correct} correct"
    )


if __name__ == "__main__":
    main()
