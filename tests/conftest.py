"""Shared fixtures: the book, built once per test session and served on localhost."""

import fcntl
import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HTML_DIR = ROOT / "_build" / "html"
# The build script keeps executed outputs in step with src/nllce and _ext/ (see there).
BUILD_SCRIPT = ROOT / "scripts" / "build_book.py"
ARTIFACTS = ROOT / "artifacts"


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


@pytest.fixture(scope="session")
def built_book():
    """Build the whole book (warnings are errors) and return its `_build/html` folder.

    Executed notebooks come from jupyter-cache unless the package changed since the
    last build (see scripts/build_book.py).  Fails the test with the end of the build log
    (all of it in artifacts/build.log).  A lock keeps parallel workers from building at once.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    command = [sys.executable, str(BUILD_SCRIPT)]
    with open(ARTIFACTS / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    log = result.stdout + result.stderr
    (ARTIFACTS / "build.log").write_text(log)
    if result.returncode != 0:
        tail = "\n".join(log.splitlines()[-80:])
        pytest.fail(
            "`python scripts/build_book.py` failed with exit code "
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
