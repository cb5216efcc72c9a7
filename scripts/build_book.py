"""Build the HTML book into ``_build/html`` with warnings as errors, never from stale outputs.

jupyter-cache re-executes a chapter only when its own source changes, and Sphinx re-renders
a page only when its source changes.  But the executed outputs also depend on the package
``src/nllce`` and the rendered pages on the local extension ``_ext/``.  This script keeps a
fingerprint of each in ``_build/`` and, when one changed, clears the execution cache (for
the package) and rebuilds every page (``--all``).  `make book` and the tests both use it.

Usage: ``python scripts/build_book.py [extra jupyter-book build options]``.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build"
# -W: warnings are errors; -n: every cross-reference must resolve.
BUILD_ARGS = ["build", ".", "-W", "-n", "--keep-going"]
STAMPED_FOLDERS = {"package": ROOT / "src" / "nllce", "extension": ROOT / "_ext"}


def fingerprint(folder):
    """Hash of the Python sources under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def stamp_path(name):
    return BUILD_DIR / f".stamp-{name}.sha256"


def main(extra_args):
    hashes = {name: fingerprint(folder) for name, folder in STAMPED_FOLDERS.items()}
    changed = {
        name for name in STAMPED_FOLDERS
        if not stamp_path(name).exists() or stamp_path(name).read_text() != hashes[name]
    }
    if "package" in changed:
        shutil.rmtree(BUILD_DIR / ".jupyter_cache", ignore_errors=True)
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    command = [jupyter_book, *BUILD_ARGS, *(["--all"] if changed else []), *extra_args]
    print("$ jupyter-book", " ".join(command[1:]), flush=True)
    returncode = subprocess.run(command, cwd=ROOT, check=False).returncode
    if returncode == 0:
        for name, digest in hashes.items():
            stamp_path(name).write_text(digest)
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
