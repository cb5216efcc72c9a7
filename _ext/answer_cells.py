"""Fold each worked answer's verdict with its code, so the page does not give it away.

Loaded via ``sphinx: local_extensions`` in ``_config.yml`` (both editions).

An *answer cell* is a code cell that calls ``check(label, answer)`` (as in
``tools/student_notebooks.py``). In the teacher edition it holds the worked answer,
folded by its ``hide-input`` tag; but its output, ``✓ ex-...: correct. <explanation>``,
stayed on the page, above the folded ``{solution}``, and gave the answer away. This
extension folds the whole cell, code and verdict, under one toggle ("Show code cell
content"): one mechanism for every answer cell of every chapter, and no tag to remember
in any chapter.

How: a post-transform sets myst-nb's ``hide_mode`` of each answer cell to ``"all"``
(what a ``hide-cell`` tag gives) before myst-nb's own ``HideInputCells`` (priority 199)
wraps the cell in its ``<details>`` toggle. The student edition's answer cells (tagged
``student-answer``, the blanks a student fills in) stay open.
"""

import ast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

STUDENT_TAG = "student-answer"
_CHECK = "check"


def is_answer_source(code: str) -> bool:
    """Whether cell code calls ``check(label, answer)`` at top level."""
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython magics: not an answer cell
        return False
    for statement in tree.body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if isinstance(call, ast.Call) and len(call.args) == 2:
            function = call.func
            name = getattr(function, "attr", None) or getattr(function, "id", None)
            if name == _CHECK:
                return True
    return False


def fold_answer_cells(document, prompt_show: str, prompt_hide: str) -> int:
    """Set ``hide_mode = "all"`` on every answer cell of `document`; return how many."""
    folded = 0
    for cell in document.findall(nodes.container):
        if cell.get("nb_element") != "cell_code" or not cell.children:
            continue
        tags = (cell.get("cell_metadata") or {}).get("tags", [])
        source = cell.children[0]
        if STUDENT_TAG in tags or source.get("nb_element") != "cell_code_source":
            continue
        if not is_answer_source(source.astext()):
            continue
        cell["hide_mode"] = "all"
        cell.setdefault("prompt_show", prompt_show)
        cell.setdefault("prompt_hide", prompt_hide)
        folded += 1
    return folded


class FoldAnswerCells(SphinxPostTransform):
    """Runs just before myst-nb's ``HideInputCells`` (priority 199)."""

    default_priority = 198
    formats = ("html",)

    def run(self, **kwargs):
        config = self.app.config
        fold_answer_cells(
            self.document,
            getattr(config, "nb_code_prompt_show", "Show code cell {type}"),
            getattr(config, "nb_code_prompt_hide", "Hide code cell {type}"),
        )


def setup(app):
    app.add_post_transform(FoldAnswerCells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
