"""Shared fixtures: the book, built once per test session and served on localhost."""

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import ROOT, toc
from tools.serve import served

HTML_DIR = ROOT / "_build" / "html"
# The build keeps executed outputs in step with src/nllce and _ext/ (see tools/build_book.py).
BUILD_COMMAND = [sys.executable, "-m", "tools.build_book"]
ARTIFACTS = ROOT / "artifacts"


def toc_pages():
    """Paths of the built pages listed in `_toc.yml`, in reading order (``book/x.html``)."""
    return [f"{docname}.html" for docname in toc.chapters()]


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

    With the environment variable ``NLLCE_SITE`` set to a built site's folder (its
    ``_build/html``), the tests use that site as it is and build nothing.

    Executed notebooks come from jupyter-cache unless the package changed since the
    last build (see tools/build_book.py).  Fails the test with the end of the build log
    (all of it in artifacts/build.log).  A lock keeps parallel workers from building at once.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    if os.environ.get("NLLCE_SITE"):
        site = Path(os.environ["NLLCE_SITE"]).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"NLLCE_SITE={site} holds no built book (no index.html)", pytrace=False)
        return site
    with (ARTIFACTS / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = subprocess.run(
            BUILD_COMMAND, cwd=ROOT, capture_output=True, text=True, check=False
        )
    log = result.stdout + result.stderr
    (ARTIFACTS / "build.log").write_text(log)
    if result.returncode != 0:
        tail = "\n".join(log.splitlines()[-80:])
        pytest.fail(
            "`python -m tools.build_book` failed with exit code "
            f"{result.returncode}; full log in artifacts/build.log. Its end:\n{tail}",
            pytrace=False,
        )
    return HTML_DIR


@pytest.fixture(scope="session")
def student_build(tmp_path_factory):
    """Everything `tools/build_student.py` writes (sources, extras, executed notebooks, site).

    Built once per test session. With ``NLLCE_STUDENT_BUILD`` set to a folder that
    ``python -m tools.build_student --path-output <folder>`` wrote, that build is used as
    it is.
    """
    if os.environ.get("NLLCE_STUDENT_BUILD"):
        out = Path(os.environ["NLLCE_STUDENT_BUILD"]).resolve()
        if not (out / "_build" / "html" / "index.html").is_file():
            pytest.fail(f"NLLCE_STUDENT_BUILD={out} holds no student build", pytrace=False)
        return out
    out = tmp_path_factory.mktemp("student-edition")
    subprocess.run(
        [sys.executable, "-m", "tools.build_student", "--path-output", str(out)],
        check=True,
        cwd=ROOT,
    )
    return out


@pytest.fixture(scope="session")
def student_book(student_build):
    """The published student edition (`student_build`'s ``_build/html``)."""
    return student_build / "_build" / "html"


@pytest.fixture(scope="session")
def site_url(built_book):
    """URL of the built book served over HTTP on a free localhost port."""
    with served(built_book) as url:
        yield url
