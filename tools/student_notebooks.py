"""Student notebooks: each chapter as a `.ipynb` with the solutions taken out.

The notebooks are made from the chapters' MyST sources with jupytext, never from the
executed notebooks of a build (those hold every solution). For each chapter listed in
`_toc.yml` that is a notebook (it has a jupytext header):

- every ``{solution}`` block is removed from the markdown;
- code cells tagged ``solution`` (for example a cell that computes a number glued into a
  solution) are removed;
- an *answer cell* -- a code cell that calls ``check(label, answer)`` -- keeps its imports
  and its ``check`` calls, and each answer becomes ``...`` for the student to fill in::

      likelihood = q[2] ** 2 * q[1]          likelihood = ...  # your answer
      check("ex-likelihood", likelihood)  ->  check("ex-likelihood", likelihood)

  An answer the cell defines as a function keeps its signature (``def mean_nll(q,
  labels):``) with ``...`` as its body; the checker reports such a stub as not answered.

  Everything else in an answer cell is part of the worked answer and is dropped, so set-up
  code a student needs belongs in an earlier cell. The rewritten cell is tagged
  ``student-answer`` and loses the tags that hide or remove it from the page.

Usage::

    python -m tools.student_notebooks --out artifacts/student/notebooks

writes one ``<chapter>.ipynb`` per chapter and one ``<part>.zip`` per part of the book.
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import zipfile
from pathlib import Path

import jupytext
import nbformat
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from tools import ROOT, toc

__all__ = [
    "ANSWER_TAG",
    "is_answer_cell",
    "is_notebook_source",
    "strip_solutions",
    "student_answer_source",
    "student_notebook",
    "write_student_notebooks",
]

ANSWER_TAG = "student-answer"
SOLUTION_CELL_TAG = "solution"
_CHECK_NAME = "check"
_PLACEHOLDER_COMMENT = "  # your answer"
_HIDING_TAGS = {"hide-input", "hide-cell", "remove-input", "remove-cell"}
_MD_PARSER = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "amsmath"}), RendererHTML
)


def is_notebook_source(path: Path) -> bool:
    """Whether a `.md` file is a MyST notebook (its front matter has a jupytext header)."""
    text = path.read_text(encoding="utf-8")
    front_matter = re.match(r"---\n(.*?)\n---\n", text, flags=re.DOTALL)
    return bool(front_matter) and "jupytext:" in front_matter.group(1)


def strip_solutions(markdown: str) -> str:
    """Remove every ``{solution}`` directive (backtick or colon fence) from MyST markdown.

    Raises
    ------
    ValueError
        If the markdown uses the gated ``{solution-start}`` form, which sphinx-exercise
        cannot hide (sphinx-exercise#89).
    """
    lines = markdown.split("\n")
    drop: set[int] = set()
    for token in _MD_PARSER.parse(markdown):
        if token.level != 0 or token.type not in {"fence", "colon_fence"} or not token.map:
            continue
        directive = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        if directive in {"{solution-start}", "{solution-end}"}:
            raise ValueError(
                f"`markdown` uses the gated `{directive}` directive: write the plain "
                "`{solution}` directive instead (sphinx-exercise#89)"
            )
        if directive == "{solution}":
            drop.update(range(*token.map))
    kept = [line for number, line in enumerate(lines) if number not in drop]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def _check_calls(tree: ast.Module) -> list[ast.Call]:
    """The top-level ``check(label, answer)`` calls of a cell."""
    calls = []
    for statement in tree.body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if isinstance(call, ast.Call):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else None
            name = call.func.id if isinstance(call.func, ast.Name) else name
            if name == _CHECK_NAME and len(call.args) == 2:
                calls.append(call)
    return calls


def _parse(code: str) -> ast.Module | None:
    """Parse cell code; `None` for IPython syntax (magics) that `ast` cannot read."""
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def is_answer_cell(code: str) -> bool:
    """Whether a code cell checks an exercise answer (calls ``check(label, answer)``)."""
    tree = _parse(code)
    return tree is not None and bool(_check_calls(tree))


def _signature_stub(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """``def name(args):`` with ``...`` as its body: the exercise asks for this function."""
    stub = copy.deepcopy(function)
    stub.decorator_list = []
    stub.body = [ast.Expr(ast.Constant(value=Ellipsis))]
    return ast.unparse(stub) + _PLACEHOLDER_COMMENT


def student_answer_source(code: str) -> str:
    """The student's version of an answer cell: imports, ``name = ...`` and the checks.

    An answer that the cell defines as a function keeps its signature, with ``...`` as
    its body (``def mean_nll(q, labels): ...``), so the student sees what to write.
    """
    tree = _parse(code)
    calls = _check_calls(tree) if tree is not None else []
    if not calls:
        raise ValueError("`code` is not an answer cell: it has no `check(label, answer)` call")
    imports = [ast.unparse(s) for s in tree.body if isinstance(s, ast.Import | ast.ImportFrom)]
    placeholders: list[str] = []
    checks = []
    for call in calls:
        answer = call.args[1]
        if isinstance(answer, ast.Name):
            if answer.id not in placeholders:
                placeholders.append(answer.id)
        else:
            call.args[1] = ast.Constant(value=Ellipsis)
        checks.append(ast.unparse(call))
    functions = {
        statement.name: statement
        for statement in tree.body
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    assignments = [
        _signature_stub(functions[name]) + "\n\n"
        if name in functions
        else f"{name} = ...{_PLACEHOLDER_COMMENT}"
        for name in placeholders
    ]
    return "\n".join([*imports, *assignments, *checks])


def student_notebook(source: Path) -> nbformat.NotebookNode:
    """The student notebook of one MyST chapter (see the module docstring)."""
    notebook = jupytext.read(source, fmt="md:myst")
    cells = []
    for cell in notebook.cells:
        tags = list(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown":
            cell.source = strip_solutions(cell.source)
            if not cell.source.strip():
                continue
        elif cell.cell_type == "code":
            if SOLUTION_CELL_TAG in tags:
                continue
            if is_answer_cell(cell.source):
                cell.source = student_answer_source(cell.source)
                # Students see the cell they fill in, even where the worked one is folded.
                shown = [tag for tag in tags if tag not in _HIDING_TAGS]
                cell.metadata["tags"] = [*shown, ANSWER_TAG]
        cells.append(cell)
    notebook.cells = cells
    return notebook


def write_student_notebooks(out_dir: Path, root: Path = ROOT) -> dict[str, dict[str, Path]]:
    """Write ``<chapter>.ipynb`` for every notebook chapter and ``<part>.zip`` per part.

    Returns, for each part's slug, the notebook written for each document name. Parts
    without notebooks get no zip.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, Path]] = {}
    for part in toc.parts(root):
        notebooks = {}
        for docname in part.docnames:
            source = root / f"{docname}.md"
            if not source.exists() or not is_notebook_source(source):
                continue
            notebook = student_notebook(source)
            notebook.metadata.pop("jupytext", None)  # a plain notebook, not a jupytext pair
            notebooks[docname] = out_dir / f"{Path(docname).name}.ipynb"
            nbformat.write(notebook, notebooks[docname])
        if not notebooks:
            continue
        with zipfile.ZipFile(out_dir / f"{part.slug}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for path in notebooks.values():
                archive.write(path, arcname=f"{part.slug}/{path.name}")
        written[part.slug] = notebooks
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for .ipynb and .zip")
    parser.add_argument("--root", type=Path, default=ROOT, help="book root (_toc.yml)")
    args = parser.parse_args()
    for slug, notebooks in write_student_notebooks(args.out, args.root).items():
        print(f"{slug}.zip: {', '.join(path.name for path in notebooks.values())}")


if __name__ == "__main__":
    main()
