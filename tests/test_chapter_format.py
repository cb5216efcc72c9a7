"""Saving a chapter in JupyterLab writes it back unchanged, byte for byte.

JupyterLab (`make lab`, Binder, a hub) opens `book/<name>.md` through jupytext's contents
manager and writes it back through jupytext on every save and autosave. Here each chapter
goes through the same read and write: `jupytext.reads` and `jupytext.writes` with the
configuration `jupytext.config.find_jupytext_configuration_file` finds for it (the
repository's `jupytext.toml`), the formats the contents manager picks, and the kernelspec
JupyterLab sets once the kernel runs. No page of `book/` may change: neither the
notebooks nor the Markdown pages without code (the glossary, ...), which JupyterLab opens
as notebooks too. A page that does is rewritten in jupytext's form by
`python -m tools.chapter_format --write <page>`. tests/browser/test_lab.py saves one
chapter in the real JupyterLab too.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import jupytext
import pytest
from jupytext.config import (
    find_jupytext_configuration_file,
    load_jupytext_configuration_file,
    notebook_formats,
    preferred_format,
)

from tools import ROOT, chapter_format, toc

PAGES = chapter_format.pages()


def _diff(before: str, after: str, path: Path) -> str:
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), str(path), "saved", lineterm="", n=0
    )
    return "\n".join(list(lines)[:40])


def test_every_page_of_the_book_is_checked():
    checked = {f"book/{path.name}" for path in PAGES}
    assert {f"{docname}.md" for docname in toc.chapters()} <= checked
    notebooks = {path.name for path in chapter_format.chapters()}
    assert {"likelihood.md", "preface.md", "problems_part1.md"} <= notebooks
    assert "glossary.md" in {path.name for path in PAGES} - notebooks


def test_the_repository_shields_the_chapters_from_a_global_jupytext_configuration():
    """The repository's own file is found first; it keeps jupytext's defaults."""
    config_file = find_jupytext_configuration_file(str(ROOT / "book"))
    assert config_file == str(ROOT / "jupytext.toml")
    config = load_jupytext_configuration_file(config_file)
    assert not config.notebook_metadata_filter and not config.cell_metadata_filter
    assert config.formats in ("", [""], None), "no pairing: no .ipynb next to a chapter"


def test_the_books_notebook_settings_live_in_the_book_config():
    """A chapter's header keeps `jupytext` and `kernelspec` only (jupytext's default filter):
    myst-nb's settings for every chapter are in `_config.yml`."""
    config = (ROOT / "_config.yml").read_text()
    assert re.search(r"^\s+nb_render_markdown_format: myst$", config, re.MULTILINE)
    for path in chapter_format.chapters():
        assert set(jupytext.read(path).metadata) <= {"jupytext", "kernelspec"}, path.name


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_jupytext_round_trip_changes_nothing(path: Path):
    """Read and write as the contents manager does, with the repository's configuration."""
    config = load_jupytext_configuration_file(find_jupytext_configuration_file(str(path.parent)))
    text = path.read_text()
    notebook = jupytext.reads(
        text, fmt=preferred_format(".md", config.preferred_jupytext_formats_read), config=config
    )
    (save_format,) = notebook_formats(notebook, config, str(path))
    saved = jupytext.writes(notebook, fmt=save_format, config=config)
    assert saved == text, (
        f"saving {path.name} would change it; run "
        f"`python -m tools.chapter_format --write {path.relative_to(ROOT)}`:\n"
        + _diff(text, saved, path)
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_saving_with_jupyterlabs_kernelspec_changes_nothing(path: Path):
    """JupyterLab sets `kernelspec` (and `language_info`) once the kernel runs."""
    text = path.read_text()
    saved = chapter_format.round_trip(path)
    assert saved == text, (
        f"saving {path.name} in JupyterLab would change it; run "
        f"`python -m tools.chapter_format --write {path.relative_to(ROOT)}`:\n"
        + _diff(text, saved, path)
    )


def test_the_round_trip_keeps_what_the_build_reads(tmp_path: Path):
    """Cell options (alt text, caption, figure name, tags) survive a save as they were."""
    chapter = tmp_path / "book" / "chapter.md"
    chapter.parent.mkdir()
    (tmp_path / "jupytext.toml").write_text((ROOT / "jupytext.toml").read_text())
    chapter.write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n"
        "---\n\n# A chapter\n\n"
        "```{code-cell} ipython3\n---\nmystnb:\n  image:\n    alt: " + "A long alt text. " * 8
        + "\n  figure:\n    caption: It's a caption.\n    name: fig-x\ntags: [hide-input]\n---\n"
        "print(1)\n```\n"
    )
    saved = jupytext.reads(chapter_format.round_trip(chapter), fmt="md:myst")
    original = jupytext.read(chapter)
    assert saved.metadata["kernelspec"] == chapter_format.LAB_KERNELSPEC
    assert saved.cells[1].metadata == original.cells[1].metadata
    assert saved.cells[1].source == "print(1)"


def test_the_command_reports_every_chapter_as_saved():
    assert chapter_format.main([]) == 0
