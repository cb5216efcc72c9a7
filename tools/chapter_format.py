"""The chapters as JupyterLab saves them: jupytext's own form, so that saving changes nothing.

JupyterLab (``make lab``, Binder, a hub) opens a chapter, ``book/<name>.md``, through
jupytext's contents manager and, on every save or autosave, writes it back with
``jupytext.writes``. So a chapter stays byte for byte what it was only if it already is
what jupytext writes, with

- the repository's jupytext configuration (``jupytext.toml``: jupytext's defaults, which
  keep only ``jupytext`` and ``kernelspec`` in a notebook's header; the book's notebook
  settings live in ``_config.yml``);
- the kernelspec JupyterLab writes when the chapter's ``python3`` kernel starts
  (`LAB_KERNELSPEC`, in that key order);
- jupytext's YAML for cell options: a blank line after ``:tags: [...]``, long ``alt`` and
  ``caption`` texts folded at 80 columns (the same strings to myst-nb).

The Markdown pages without a jupytext header (the glossary, ...) open as notebooks of
Markdown cells and are written back without one: jupytext gives a text without a header
an empty metadata filter.

``round_trip(path)`` is that text. As a command::

    python -m tools.chapter_format [--write] [chapter.md ...]

lists the pages (default: every ``book/*.md``) that saving would change, and with
``--write`` rewrites them in that form.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import jupytext
from jupytext.config import (
    find_jupytext_configuration_file,
    load_jupytext_configuration_file,
    notebook_formats,
    preferred_format,
)

from tools import ROOT

__all__ = ["LAB_KERNELSPEC", "chapters", "is_notebook", "pages", "round_trip"]

#: What JupyterLab puts in a notebook's metadata once ipykernel's ``python3`` kernel runs.
LAB_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
#: What the kernel reports as ``language_info``; jupytext's filter leaves it out of the file.
LAB_LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py"}


def is_notebook(path: Path) -> bool:
    """Whether ``path`` is a MyST notebook: a jupytext header, as Jupyter Book requires."""
    text = path.read_text()
    return text.startswith("---\n") and "\njupytext:\n" in text.split("\n---\n", 1)[0]


def pages(root: Path = ROOT) -> list[Path]:
    """Every Markdown page in ``root/book`` (notebooks or not), sorted."""
    return sorted((root / "book").glob("*.md"))


def chapters(root: Path = ROOT) -> list[Path]:
    """The pages of ``root/book`` that are notebooks, sorted."""
    return [path for path in pages(root) if is_notebook(path)]


def round_trip(path: Path, text: str | None = None, *, as_jupyterlab: bool = True) -> str:
    """The text JupyterLab's jupytext contents manager writes when it saves ``path``.

    Read (``text``, default: the file's) and written as the contents manager does (the
    configuration file found from the chapter's folder, the read format preferred for
    ``.md``, the save format from ``notebook_formats``). With ``as_jupyterlab`` the
    notebook also gets the kernelspec and ``language_info`` that JupyterLab sets once the
    kernel runs.
    """
    path = Path(path)
    config_file = find_jupytext_configuration_file(str(path.parent))
    config = load_jupytext_configuration_file(config_file) if config_file else None
    read_format = preferred_format(
        path.suffix, config.preferred_jupytext_formats_read if config else None
    )
    text = path.read_text() if text is None else text
    notebook = jupytext.reads(text, fmt=read_format, config=config)
    if as_jupyterlab:
        notebook.metadata["kernelspec"] = dict(LAB_KERNELSPEC)
        notebook.metadata["language_info"] = dict(LAB_LANGUAGE_INFO)
    save_format = next(
        fmt for fmt in notebook_formats(notebook, config, str(path))
        if fmt["extension"] == path.suffix
    )
    return jupytext.writes(notebook, fmt=save_format, config=config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="pages (default: book/*.md)")
    parser.add_argument("--write", action="store_true", help="rewrite them in jupytext's form")
    args = parser.parse_args(argv)
    changed = []
    for path in args.paths or pages():
        before, after = path.read_text(), round_trip(path)
        if before == after:
            continue
        changed.append(path)
        if args.write:
            path.write_text(after)
            print(f"{path}: rewritten")
        else:
            diff = difflib.unified_diff(
                before.splitlines(), after.splitlines(), str(path), "as saved", lineterm="", n=0
            )
            print("\n".join(diff))
    if not changed:
        print("every page is as JupyterLab saves it")
    return 1 if changed and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
