"""Shared fixtures: the book, built once per test session and served on localhost."""

import fcntl
import functools
import hashlib
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
# Pages depend on more than their sources, which is all that jupyter-cache and Sphinx
# watch: executed outputs on the package (a change re-runs every notebook), rendered
# pages on the local Sphinx extension (a change re-renders every page).
STAMPS = {
    "package": (BUILD_DIR / ".stamp-package.sha256", ROOT / "src" / "nllce"),
    "extension": (BUILD_DIR / ".stamp-extension.sha256", ROOT / "_ext"),
}
ARTIFACTS = ROOT / "artifacts"
BUILD_COMMAND = ["build", ".", "-W", "-n", "--keep-going"]


def toc_pages(toc_path=ROOT / "_toc.yml"):
    """Paths of the built pages listed in `_toc.yml`, in reading order (``book/x.html``)."""
    toc = yaml.safe_load(toc_path.read_text())
    pages = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                pages.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({key: value for key, value in toc.items() if key != "root"})
    return [f"{Path(page).with_suffix('')}.html" for page in pages]


def pytest_generate_tests(metafunc):
    """Run a test that takes `page_path` once per page of the book."""
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", toc_pages())


@pytest.fixture(scope="session")
def book_pages():
    return toc_pages()


def fingerprint(folder):
    """Hash of the Python sources under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def built_book():
    """Build the whole book (warnings are errors) and return its `_build/html` folder.

    Executed notebooks come from jupyter-cache unless the package changed since the
    last build (see `STAMPS`).  Fails the test with the end of the build log (all of it in
    artifacts/build.log).  A lock keeps parallel workers from building at once.
    """
    jupyter_book = str(Path(sys.prefix) / "bin" / "jupyter-book")
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        hashes = {name: fingerprint(folder) for name, (_, folder) in STAMPS.items()}
        changed = {
            name for name, (stamp, _) in STAMPS.items()
            if not stamp.exists() or stamp.read_text() != hashes[name]
        }
        if "package" in changed:
            shutil.rmtree(BUILD_DIR / ".jupyter_cache", ignore_errors=True)
        command = [jupyter_book, *BUILD_COMMAND, *(["--all"] if changed else [])]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            for name, (stamp, _) in STAMPS.items():
                stamp.write_text(hashes[name])
    log = result.stdout + result.stderr
    (ARTIFACTS / "build.log").write_text(log)
    if result.returncode != 0:
        tail = "\n".join(log.splitlines()[-80:])
        pytest.fail(
            f"`jupyter-book {' '.join(command[1:])}` failed with exit code "
            f"{result.returncode}; full log in artifacts/build.log. Its end:\n{tail}",
            pytrace=False,
        )
    return HTML_DIR


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_book):
    """URL of the built book served over HTTP on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()
