"""The package as a release: an sdist and a wheel that twine accepts and that install (issue 13).

`python -m build` makes both from this repository, offline (``--no-isolation``: the build
backend of ``[build-system].requires`` is installed with the test tools). The wheel is then
installed, with no index and no dependencies, into a fresh virtual environment that sees
the dependencies already installed here, and ``import nllce`` runs there: its version is
``[project].version`` (the one place the version lives) and the exercise registry loads.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tools import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def _run(*command, **options) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False, **options
    )
    assert result.returncode == 0, f"{command[:4]} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    for spec in PYPROJECT["build-system"]["requires"]:
        requirement = Requirement(spec)
        assert requirement.specifier.contains(version(requirement.name)), (
            f"the build backend here is not {requirement}: `make test` installs it"
        )
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT, cwd=ROOT)
    return out


@pytest.mark.build  # builds (and installs) the package: about 20 s
def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    names = sorted(path.name for path in dist.iterdir())
    assert names == [f"nllce-{VERSION}-py3-none-any.whl", f"nllce-{VERSION}.tar.gz"]
    result = _run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert result.stdout.count("PASSED") == 2


@pytest.mark.build  # builds (and installs) the package: about 20 s
def test_distributions_hold_the_package_and_not_the_book(dist: Path) -> None:
    with zipfile.ZipFile(dist / f"nllce-{VERSION}-py3-none-any.whl") as wheel:
        files = set(wheel.namelist())
        metadata = wheel.read(f"nllce-{VERSION}.dist-info/METADATA").decode()
    assert {"nllce/__init__.py", "nllce/py.typed", "nllce/exercises/__init__.py"} <= files
    assert f"nllce-{VERSION}.dist-info/licenses/LICENSE" in files
    assert not [name for name in files if not name.startswith(("nllce/", "nllce-"))]
    assert "License-Expression: MIT" in metadata
    assert f"Version: {VERSION}" in metadata
    with tarfile.open(dist / f"nllce-{VERSION}.tar.gz") as sdist:
        members = [name.split("/", 1)[-1] for name in sdist.getnames()]
    assert "src/nllce/exercises/_checker.py" in members
    assert not [name for name in members if name.startswith(("tests", "book", "tools"))]


@pytest.mark.build  # builds (and installs) the package: about 20 s
def test_wheel_installs_and_imports_in_a_fresh_venv(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv)
    python = venv / "bin" / "python"
    # The dependencies installed here (this interpreter may itself be a venv, whose
    # packages --system-site-packages does not reach): the folders, not their .pth files,
    # so this repository's editable nllce stays out of sight.
    site_packages = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout
        .strip()
    )
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "dependencies-of-the-tests.pth").write_text("\n".join(sorted(here)) + "\n")
    wheel = dist / f"nllce-{VERSION}-py3-none-any.whl"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
         "--no-deps", "--no-index", wheel)
    probe = (
        "import json, nllce, nllce.exercises\n"
        "labels = nllce.exercises.labels()\n"
        "feedback = nllce.exercises.check(labels[0], ...)\n"
        "print(json.dumps({'file': nllce.__file__, 'version': nllce.__version__,\n"
        "                  'labels': len(labels), 'answered': feedback.answered}))\n"
    )
    found = json.loads(_run(python, "-I", "-c", probe, cwd=tmp_path).stdout)
    assert Path(found["file"]).is_relative_to(venv), "imported the repository's nllce"
    assert found["version"] == VERSION
    assert found["labels"] >= 20, "the exercise registry did not load"
    assert found["answered"] is False


def test_changelog_has_the_version_and_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "[Keep a Changelog](https://keepachangelog.com/" in changelog
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, flags=re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert VERSION in headings, f"CHANGELOG.md has no section for {VERSION}"
    for heading in headings:
        assert re.search(rf"^\[{re.escape(heading)}\]: https://", changelog, re.MULTILINE), (
            f"CHANGELOG.md: no link for [{heading}]"
        )
