"""What Binder installs is enough: chapters and student notebooks run, live sliders recompute.

A fresh virtual environment gets `requirements.txt` and nothing else (no test or dev
tools), as Binder does. In it, every chapter (read with jupytext, as Binder opens the
`.md` files) and every student notebook runs top to bottom in a fresh kernel; then, in
that kernel, every slider (`nllce.widgets.slider`, live there: Binder does not set
NLLCE_SLIDERS) is moved and must compute a new frame. A slider over one of the book's
frames is built and moved too, so the live mode is exercised even by pages without one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import ROOT, student_notebooks, toc

pytestmark = pytest.mark.build

# Run by the fresh environment's Python: execute one notebook in a fresh kernel, then move
# its live sliders. Prints one JSON line: {"prefix": ..., "moved": [frame changed, ...]}.
RUNNER = r'''
import json, sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

MOVE_LIVE_SLIDERS = """
import json, sys
import ipywidgets
from ipywidgets.widgets.widget import _instances
from nllce import frames
from nllce.widgets import SLIDER_CLASS, slider

slider(frames.likelihood_path, "share", [0.25, 0.5, 0.75], default=0.5,
       live=dict(min=0.05, max=0.95, step=0.05))
moved = []
for widget in list(_instances.values()):
    if (isinstance(widget, ipywidgets.VBox) and SLIDER_CLASS in widget._dom_classes
            and isinstance(widget.children[0], ipywidgets.HBox)):
        frame = widget.children[-1]
        for row in widget.children[:-1]:
            moving, before = row.children[0], frame.value
            if isinstance(moving, ipywidgets.SelectionSlider):
                last = len(moving.options) - 1
                moving.index = 0 if moving.index != 0 else last
            else:
                moving.value = moving.min if moving.value != moving.min else moving.max
            moved.append(frame.value != before)
print(json.dumps({"prefix": sys.prefix, "moved": moved}))
"""

path = Path(sys.argv[1])
notebook = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell(MOVE_LIVE_SLIDERS))
NotebookClient(
    notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
).execute()
print(notebook.cells[-1].outputs[-1]["text"].strip())
'''


@pytest.fixture(scope="module")
def binder_python(tmp_path_factory) -> Path:
    """A fresh venv with only `requirements.txt` installed (pip's cache keeps it quick)."""
    venv = tmp_path_factory.mktemp("binder") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "requirements.txt",
        ],
        check=True,
        cwd=ROOT,
    )
    return python


@pytest.fixture(scope="module")
def student_notebook_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student-notebooks")
    student_notebooks.write_student_notebooks(out, ROOT)
    return out


def _chapters() -> list[Path]:
    return [
        ROOT / f"{docname}.md"
        for docname in toc.chapters(ROOT)
        if (ROOT / f"{docname}.md").exists()
        and student_notebooks.is_notebook_source(ROOT / f"{docname}.md")
    ]


def _run(python: Path, notebook: Path) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "NLLCE_SLIDERS"}
    }
    environment["PATH"] = f"{python.parent}{os.pathsep}{environment.get('PATH', '')}"
    result = subprocess.run(
        [str(python), "-c", RUNNER, str(notebook)],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 0, (
        f"{notebook.name} failed in the Binder environment:\n{result.stderr[-3000:]}"
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_binder_environment_has_no_dev_tools(binder_python: Path) -> None:
    for tool in ("pytest", "hypothesis", "playwright", "ruff"):
        found = subprocess.run(
            [str(binder_python), "-c", f"import {tool}"], capture_output=True, check=False
        )
        assert found.returncode != 0, f"{tool} is installed: the environment is not Binder's"


@pytest.mark.parametrize("chapter", _chapters(), ids=lambda path: path.stem)
def test_chapter_runs_with_live_sliders(binder_python: Path, chapter: Path) -> None:
    result = _run(binder_python, chapter)
    assert Path(result["prefix"]) == binder_python.parent.parent, "ran outside the fresh venv"
    assert result["moved"] and all(result["moved"]), "a live slider did not compute a new frame"


def test_student_notebooks_run_with_live_sliders(
    binder_python: Path, student_notebook_dir: Path
) -> None:
    notebooks = sorted(student_notebook_dir.glob("*.ipynb"))
    assert notebooks, "no student notebook was written"
    for notebook in notebooks:
        result = _run(binder_python, notebook)
        assert result["moved"] and all(result["moved"]), f"{notebook.name}: a live slider is dead"
