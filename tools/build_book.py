"""Build the HTML book into ``_build/html`` with warnings as errors, never from stale outputs.

This module holds the one jupyter-book command line: `BUILD_FLAGS` and `BUILD_ENV`,
used through `build_command` and `run_build` by ``make book``, the student edition, the
tests that build and the benchmarks.

jupyter-cache re-executes a chapter only when its own source changes, and Sphinx re-renders
a page only when its source changes.  But the executed outputs also depend on the package
``src/nllce`` and the rendered pages on the local extension ``_ext/``.  This script keeps a
fingerprint of each in ``_build/`` and, when one changed, clears the execution cache (for
the package) and rebuilds every page (``--all``).  `make book` and the tests both use it.

Usage: ``python -m tools.build_book [extra jupyter-book build options]``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tools import ROOT

__all__ = ["BUILD_ENV", "BUILD_FLAGS", "build_command", "build_environment", "main", "run_build"]

BUILD_DIR = ROOT / "_build"
# -W: warnings are errors; -n: every cross-reference must resolve.
BUILD_FLAGS = ("-W", "-n", "--keep-going")
#: Set for every build: sliders render their static (native HTML) version on the page.
BUILD_ENV = {"NLLCE_SLIDERS": "static"}
STAMPED_FOLDERS = {"package": ROOT / "src" / "nllce", "extension": ROOT / "_ext"}


def build_command(source: Path | str = ".", extra_args: Sequence[str] = ()) -> list[str]:
    """The jupyter-book command that builds the book at `source` (this environment's)."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    return [str(jupyter_book), "build", str(source), *BUILD_FLAGS, *extra_args]


def build_environment() -> dict[str, str]:
    """This process's environment with `BUILD_ENV` laid over it."""
    return {**os.environ, **BUILD_ENV}


def run_build(
    source: Path | str = ".", extra_args: Sequence[str] = (), **options
) -> subprocess.CompletedProcess:
    """Run `build_command` in `BUILD_ENV` (from the repository root unless `cwd` is given).

    `options` go to `subprocess.run` (``check`` is off unless given).
    """
    command = build_command(source, extra_args)
    settings = " ".join(f"{name}={value}" for name, value in BUILD_ENV.items())
    print(f"$ {settings} jupyter-book", " ".join(command[1:]), flush=True)
    options = {"cwd": ROOT, "check": False, **options}
    return subprocess.run(command, env=build_environment(), **options)


def fingerprint(folder: Path) -> str:
    """Hash of the Python sources under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def stamp_path(name: str) -> Path:
    return BUILD_DIR / f".stamp-{name}.sha256"


def main(extra_args: Sequence[str]) -> int:
    hashes = {name: fingerprint(folder) for name, folder in STAMPED_FOLDERS.items()}
    changed = {
        name for name in STAMPED_FOLDERS
        if not stamp_path(name).exists() or stamp_path(name).read_text() != hashes[name]
    }
    if "package" in changed:
        shutil.rmtree(BUILD_DIR / ".jupyter_cache", ignore_errors=True)
    returncode = run_build(".", [*(["--all"] if changed else []), *extra_args]).returncode
    if returncode == 0:
        for name, digest in hashes.items():
            stamp_path(name).write_text(digest)
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
