"""Build the student edition: the book with no solution text in any file the build writes.

The student edition is built from a *student source tree*, not from the chapters
themselves, so that no solution reaches any file of the build -- pages, ``_sources``,
the search index, the executed notebooks, or the notebooks the launch buttons copy:

1. ``<out>/source`` mirrors the repository (links) except ``book/``, whose chapters are
   rewritten as in ``tools/student_notebooks.py``: no ``{solution}`` blocks, answer cells
   reduced to ``answer = ...`` (or ``def f(args): ...``) and their ``check(...)`` calls;
2. its ``_config.yml`` is ``_config.yml`` with ``_config_student.yml`` laid over it
   (mappings merge, lists extend, other values replace); its ``_toc.yml`` adds a page
   that links the student notebooks;
3. ``<out>/extra`` holds the student notebooks (one ``.ipynb`` per chapter, one ``.zip``
   per part) and is published with the site through ``html_extra_path``;
4. ``jupyter-book build`` (the flags and environment of ``tools/build_book.py``) writes
   the site to ``<out>/_build/html``: publish that folder.

Launch buttons (Binder, JupyterHub, live code) must not open the teachers' repository,
which has the solutions: they point at ``--student-repository`` (or the environment
variable ``STUDENT_REPOSITORY_URL``), a repository that holds the student sources, and
are dropped when none is given.

Usage::

    python -m tools.build_student --path-output _build/student \\
        [--student-repository https://github.com/<org>/<student-repo>]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
from pathlib import Path

import jupytext
import yaml
from sphinx_external_toc.api import Document, FileItem, TocTree
from sphinx_external_toc.parsing import create_toc_dict

from tools import ROOT, toc
from tools.build_book import run_build
from tools.student_notebooks import (
    is_notebook_source,
    strip_solutions,
    student_notebook,
    write_student_notebooks,
)

__all__ = [
    "layered_config",
    "main",
    "student_config",
    "write_student_chapter",
    "write_student_source",
]

STUDENT_OVERLAY = "_config_student.yml"
DOWNLOADS_PAGE = "student_notebooks"
NOTEBOOKS_FOLDER = "notebooks"
# Never mirrored into the student source tree, nor any hidden entry (.git, caches): the
# chapters are rewritten, and the rest is build output or environments (the build reads
# site_vendor/, not node_modules/).
_NOT_MIRRORED = {
    *("book", "_config.yml", "_toc.yml"),
    *("_build", "artifacts", "node_modules"),
}


def layered_config(base: dict, overlay: dict) -> dict:
    """Lay `overlay` over `base`: mappings merge, lists extend, other values replace."""
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = layered_config(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + [item for item in value if item not in merged[key]]
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def student_config(root: Path, extra_dir: Path | None, student_repository: str | None) -> dict:
    """The student edition's configuration (see the module docstring).

    `extra_dir` (the student notebooks) is published with the site; `None` publishes
    nothing more (the student repository, ``tools/student_repo.py``).
    """
    base = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    overlay = yaml.safe_load((root / STUDENT_OVERLAY).read_text(encoding="utf-8"))
    config = layered_config(base, overlay)
    if extra_dir is not None:
        sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
        sphinx_config["html_extra_path"] = [
            *sphinx_config.get("html_extra_path", []),
            str(extra_dir.resolve()),
        ]
    if student_repository:
        config.setdefault("repository", {})["url"] = student_repository
    else:
        config.pop("launch_buttons", None)
        config.pop("repository", None)
        config.setdefault("html", {})["use_repository_button"] = False
    return config


def _student_toc(root: Path) -> dict:
    """`_toc.yml` with a first part that links the student notebooks."""
    site_map = toc.site_map(root)
    site_map[DOWNLOADS_PAGE] = Document(DOWNLOADS_PAGE)
    notebooks_part = TocTree([FileItem(DOWNLOADS_PAGE)], caption="Notebooks", titlesonly=True)
    site_map.root.subtrees.insert(0, notebooks_part)
    return create_toc_dict(site_map)


def _downloads_page(root: Path, notebooks: dict[str, dict[str, Path]]) -> str:
    """The page listing the student notebooks, one zip per part and one file per chapter."""
    lines = [
        "# Notebooks to work in",
        "",
        "Each chapter is also a Jupyter notebook. The exercises are left for you as",
        "`answer = ...` (or a function whose body is `...`): replace the `...` with your",
        "answer and run the cell, and its",
        "`check(...)` line tells you whether the answer is right (or that it is not",
        "answered yet). The notebooks need the book's helper package `nllce`, which the",
        "class hub and the launch buttons provide.",
        "",
    ]
    captions = {part.slug: part.caption for part in toc.parts(root)}
    for slug, part_notebooks in notebooks.items():
        links = ", ".join(
            f'<a href="{NOTEBOOKS_FOLDER}/{path.name}" download>{path.stem}</a>'
            for path in part_notebooks.values()
        )
        lines += [
            f"## {captions[slug]}",
            "",
            (
                f'<p><a href="{NOTEBOOKS_FOLDER}/{slug}.zip" download>All of {captions[slug]} '
                f"(zip)</a>; one at a time: {links}.</p>"
            ),
            "",
        ]
    return "\n".join(lines)


def write_student_chapter(source: Path, target: Path) -> None:
    """Write the student version of one `.md` page (a notebook or plain MyST)."""
    if is_notebook_source(source):
        text = jupytext.writes(student_notebook(source), fmt="md:myst")
    else:
        text = strip_solutions(source.read_text(encoding="utf-8")) + "\n"
    target.write_text(text, encoding="utf-8")


def write_student_source(root: Path, out: Path, student_repository: str | None) -> Path:
    """Write the student source tree and the published extras under `out`; return the tree."""
    source, extra = out / "source", out / "extra"
    for folder in (source, extra):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for entry in root.iterdir():
        if entry.name not in _NOT_MIRRORED and not entry.name.startswith("."):
            (source / entry.name).symlink_to(entry.resolve())
    (source / "book").mkdir()
    for path in sorted((root / "book").rglob("*")):
        target = source / path.relative_to(root)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.suffix == ".md":
            write_student_chapter(path, target)
        else:
            target.symlink_to(path.resolve())

    notebooks = write_student_notebooks(extra / NOTEBOOKS_FOLDER, root)
    # The page's download button offers `_sources/<page>.ipynb`: serve the student notebook.
    for part_notebooks in notebooks.values():
        for docname, path in part_notebooks.items():
            served = extra / "_sources" / f"{docname}.ipynb"
            served.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, served)

    config = student_config(root, extra, student_repository)
    (source / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    (source / "_toc.yml").write_text(yaml.safe_dump(_student_toc(root), sort_keys=False), "utf-8")
    (source / f"{DOWNLOADS_PAGE}.md").write_text(_downloads_page(root, notebooks), "utf-8")
    return source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path-output", type=Path, required=True, help="build folder")
    parser.add_argument("--root", type=Path, default=ROOT, help="book root (_toc.yml)")
    parser.add_argument(
        "--student-repository",
        default=os.environ.get("STUDENT_REPOSITORY_URL") or None,
        help="repository with the student sources, for the launch buttons "
        "(default: $STUDENT_REPOSITORY_URL; without one, no launch buttons)",
    )
    args = parser.parse_args()
    out = args.path_output.resolve()
    source = write_student_source(args.root.resolve(), out, args.student_repository)
    run_build(source, ["--path-output", str(out)], check=True)
    print(f"\nThe student edition is in {out / '_build' / 'html'}: publish that folder.")


if __name__ == "__main__":
    main()
