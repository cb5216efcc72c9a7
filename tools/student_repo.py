"""Write a ready-to-push student repository (``make student-repo DEST=<folder> URL=<url>``).

The student repository is what the student edition's launch buttons open (Binder, a class
JupyterHub, live code), and it builds the student book on its own. It holds:

- ``book/``: the chapters as the student edition has them, from the same solution-free
  source (`tools.build_student.write_student_chapter`: no ``{solution}`` blocks, answer
  cells reduced to ``answer = ...`` and their ``check(...)`` calls), with the chapters'
  other files (the bibliography);
- ``src/nllce/`` and ``pyproject.toml``: the helper package, whole. Its exercise checks
  run in the student's own kernel, so the reference answers ship inside it, as in the
  student notebooks (README, "How exercises check themselves");
- ``requirements.txt``, ``runtime.txt``, ``postBuild``: what Binder and a hub install;
- ``_config.yml`` (``_config.yml`` with ``_config_student.yml`` laid over it, the launch
  buttons pointing at this repository's `url`) and ``_toc.yml``, with what the build reads
  (``_ext/``, ``assets/``, ``_static/``, and ``package.json``, ``package-lock.json``,
  ``tools/vendor_assets.py`` for the front-end files);
- ``README.md`` for students, ``LICENSE``, ``.gitignore``, and `MARKER`, the list of what
  this command wrote.

``DEST`` must be a new or empty folder, or one this command wrote before (it has
`MARKER`): then the files it lists are written again and nothing else is touched (a
``.git`` folder stays). Any other folder, the teachers' repository or a folder inside it,
is refused. A new folder gets ``git init``; committing and pushing are left to the teacher.

Usage::

    python -m tools.student_repo --dest ../nllce-student \\
        [--url https://github.com/<you>/nllce-student]   # default: $STUDENT_REPOSITORY_URL
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tools import ROOT, toc
from tools.build_student import student_config, write_student_chapter

__all__ = ["MARKER", "StudentRepoError", "main", "student_readme", "write_student_repo"]

#: Written into every student repository: what wrote it and the files it wrote.
MARKER = ".nllce-student-repo.json"
#: Copied as they are (those missing here are skipped: `OPTIONAL`).
FILES = (
    "LICENSE",
    "pyproject.toml",
    "requirements.txt",
    "runtime.txt",
    "postBuild",
    "_toc.yml",
    "package.json",
    "package-lock.json",
    "jupytext.toml",
    "tools/vendor_assets.py",
)
OPTIONAL = {"jupytext.toml"}
#: Copied with their files (no caches).
TREES = ("src/nllce", "_ext", "assets", "_static")
_SKIPPED = re.compile(r"(^|/)(__pycache__|\.ipynb_checkpoints|\.pytest_cache)(/|$)|\.pyc$")

TOOLS_INIT = '''"""The student repository's one tool: ``python -m tools.vendor_assets``.

It copies the front-end files the book serves itself (require.js, the widget manager,
MathJax, Thebe) from ``node_modules/`` into ``site_vendor/``; run ``npm ci
--ignore-scripts`` first.
"""

from pathlib import Path

#: The repository root: the book's ``_config.yml`` and ``_toc.yml`` are here.
ROOT = Path(__file__).resolve().parent.parent
'''

CONFIG_HEADER = """\
# Jupyter Book 1.x configuration of the student edition, written by `make student-repo`
# (the teachers' _config.yml with _config_student.yml laid over it). The launch buttons
# open this repository (`repository.url`); no solution is in any chapter here.
"""

GITIGNORE = """\
.venv/
_build/
node_modules/
site_vendor/
__pycache__/
*.egg-info/
.ipynb_checkpoints/
.jupyter_cache/
"""


class StudentRepoError(Exception):
    """`DEST` cannot hold the student repository (the message says why)."""


def _github_slug(url: str | None) -> str | None:
    """``owner/name`` of a GitHub repository address, else None."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?", url or "")
    return match[1] if match else None


def student_readme(url: str | None, site_url: str | None, first_chapter: str) -> str:
    """The student repository's README (how to read, run and check)."""
    slug = _github_slug(url)
    book = (
        f"The book is online at <{site_url}>:\nread it there, with the sliders working on "
        "the page."
        if site_url
        else "Your teacher gives you the address of the book online: read it there, with\n"
        "the sliders working on the page."
    )
    if slug:
        binder = (
            f"[open the first chapter on Binder](https://mybinder.org/v2/gh/{slug}/HEAD"
            f"?urlpath=lab/tree/{first_chapter}.md),\n  or use the rocket button at the top "
            "of any page of the book."
        )
    else:
        binder = "use the rocket button at the top of any page of the book."
    return f"""\
# NLL is cross-entropy: the student edition

An interactive textbook on why minimising the negative log-likelihood (NLL) of a
training set is the same as minimising a cross-entropy, and `nllce`, the small Python
package that computes every quantity in it. This repository holds the chapters with
their exercises left for you to do (no solutions).

## Reading the book

{book}
The **Notebooks** page at the top of the book's sidebar gives you the chapters as Jupyter
notebooks to download.

## Running a chapter

The chapters in `book/` are Jupyter notebooks written as text (MyST Markdown, opened as
notebooks by jupytext). Run one:

- **on Binder**, free and nothing to install:
  {binder}
  Binder takes a minute or more to start, and a session ends after a few idle minutes:
  download your work (File > Download) before you leave.
- **on your class JupyterHub**, if your teacher runs one: the rocket button of each page
  offers it; it copies this repository into your home folder on the hub and opens the
  chapter. Pulling again later keeps your own changes.
- **on your own computer** (Python 3.11 or newer):

  ```bash
  python -m venv .venv && source .venv/bin/activate
  pip install -r requirements.txt     # the pinned packages and nllce itself
  jupytext-config set-default-viewer markdown myst
  jupyter lab book/
  ```

## How the exercises check themselves

Each exercise has an answer cell like

```python
likelihood = ...  # your answer
check("ex-likelihood-sample", likelihood)
```

Replace the `...` with your answer (a number, an array, a formula or a small function, as
the exercise asks) and run the cell. `check` then says that the answer is right, or what
looks wrong, with a hint for the usual mistakes (a log in the wrong base, a forgotten
`1/N`, `p` and `q` swapped, ...). Run as it is, with the `...`, it says the exercise is
*not answered yet*.

The checks run in your own kernel, so the reference answers are inside the `nllce`
package (`src/nllce/exercises/`). They are there to keep you on track, not as an exam:
reading them first teaches you nothing the exercise would.

## What is here

```
book/               the chapters (and the bibliography)
src/nllce/          the helper package (`import nllce`); pyproject.toml describes it
requirements.txt    exact versions of everything the chapters need (Binder installs it)
runtime.txt         Binder's Python version
postBuild           Binder's set-up: the .md chapters open as notebooks
_config.yml         the book's configuration (Jupyter Book 1.x) and _toc.yml its contents
_ext/ assets/ _static/ package.json tools/
                    what building the book needs (below)
```

Building the book yourself is optional (Node.js and npm are needed for the front-end
files the pages serve themselves):

```bash
pip install -r requirements.txt
npm ci --ignore-scripts && python -m tools.vendor_assets
NLLCE_SLIDERS=static jupyter-book build .     # the book is then in _build/html
```

This repository was written by `make student-repo` from the teachers' repository; changes
made here are overwritten when the teacher writes it again.
"""


def _written_before(dest: Path) -> list[str] | None:
    """The files `MARKER` lists in `dest`, or None when `dest` has no marker."""
    marker = dest / MARKER
    if not marker.is_file():
        return None
    record = json.loads(marker.read_text(encoding="utf-8"))
    files = record.get("files", [])
    for name in files:
        path = Path(name)
        if path.is_absolute() or ".." in path.parts:
            raise StudentRepoError(f"{marker} lists a file outside its folder: {name}")
    return files


def _write_marker(dest: Path, url: str | None, files: list[str], complete: bool) -> None:
    record = {
        "written_by": "make student-repo (tools/student_repo.py)",
        "complete": complete,
        "url": url or "",
        "files": files,
    }
    (dest / MARKER).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def _check_dest(dest: Path, root: Path) -> list[str]:
    """Refuse a `dest` this command may not write; return the files it wrote there before."""
    if dest == root or root in dest.parents:
        raise StudentRepoError(
            f"DEST={dest} is the teachers' repository or a folder inside it, which holds the "
            "solutions: choose a folder outside it, e.g. DEST=../nllce-student"
        )
    if dest.exists() and not dest.is_dir():
        raise StudentRepoError(f"DEST={dest} is a file, not a folder")
    if not dest.exists():
        return []
    previous = _written_before(dest)
    if previous is not None:
        return previous
    others = sorted(entry.name for entry in dest.iterdir())
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        raise StudentRepoError(
            f"DEST={dest} is not empty and was not written by `make student-repo` (it has no "
            f"{MARKER}); it holds: {shown}. Choose a new or empty folder."
        )
    return []


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    shutil.copymode(source, target)


def _tree_files(folder: Path) -> list[Path]:
    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not _SKIPPED.search(path.relative_to(folder).as_posix())
    ]


def write_student_repo(
    dest: Path, url: str | None = None, root: Path = ROOT, site_url: str | None = None
) -> list[str]:
    """Write the student repository into `dest` (see the module docstring).

    Returns the files written, relative to `dest`, sorted. Raises `StudentRepoError` for
    a `dest` it may not write.
    """
    dest, root = dest.expanduser().resolve(), root.resolve()
    previous = _check_dest(dest, root)
    missing = [name for name in FILES if name not in OPTIONAL and not (root / name).is_file()]
    if missing:
        raise FileNotFoundError(f"the teachers' repository has no {', '.join(missing)}")
    first_write = not previous and not (dest / ".git").exists()
    dest.mkdir(parents=True, exist_ok=True)
    # The marker first: a run that stops half-way leaves a folder a new run may rewrite.
    _write_marker(dest, url, previous, complete=False)
    for name in previous:
        (dest / name).unlink(missing_ok=True)

    written: list[str] = []

    def record(target: Path) -> None:
        written.append(target.relative_to(dest).as_posix())

    def write_text(name: str, text: str) -> None:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        record(target)

    for path in _tree_files(root / "book"):
        target = dest / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            write_student_chapter(path, target)
        else:
            _copy(path, target)
        record(target)
    for tree in TREES:
        for path in _tree_files(root / tree):
            _copy(path, dest / path.relative_to(root))
            record(dest / path.relative_to(root))
    for name in FILES:
        if (root / name).is_file():
            _copy(root / name, dest / name)
            record(dest / name)

    config = student_config(root, None, url)
    write_text("_config.yml", CONFIG_HEADER + yaml.safe_dump(config, sort_keys=False))
    write_text("tools/__init__.py", TOOLS_INIT)
    write_text(".gitignore", GITIGNORE)
    chapters = toc.chapters(root)
    first_chapter = chapters[1] if len(chapters) > 1 else chapters[0]
    write_text("README.md", student_readme(url, site_url, first_chapter))
    # Folders a previous run wrote and this one did not: remove them when left empty.
    for name in sorted(set(previous) - set(written), key=lambda n: -n.count("/")):
        for parent in (dest / name).parents:
            if parent == dest or any(parent.iterdir()):
                break
            parent.rmdir()
    written.sort()
    _write_marker(dest, url, written, complete=True)

    if first_write and shutil.which("git"):
        subprocess.run(
            ["git", "init", "--quiet", "--initial-branch=main", str(dest)], check=False
        )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dest", type=Path, required=True, help="the student repository folder")
    parser.add_argument(
        "--url",
        default=os.environ.get("STUDENT_REPOSITORY_URL") or None,
        help="the student repository's address, for its launch buttons "
        "(default: $STUDENT_REPOSITORY_URL; without one, no launch buttons)",
    )
    parser.add_argument("--site-url", default=None, help="where the student book is published")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        written = write_student_repo(args.dest, args.url, args.root, args.site_url)
    except StudentRepoError as error:
        print(f"student-repo: {error}", file=sys.stderr)
        return 2
    dest = args.dest.expanduser().resolve()
    print(f"student-repo: wrote {len(written)} files into {dest}")
    if not args.url:
        print(
            "student-repo: no URL given, so the book has no launch buttons: run again with "
            "URL=https://github.com/<you>/<student-repo>"
        )
    print(
        "Next: cd into it, `git add -A && git commit -m 'Student edition'`, push it as a "
        "public repository, then build the student site against it:\n"
        f"  STUDENT_REPOSITORY_URL={args.url or '<its address>'} make student"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
