"""The package's metadata and the pinned requirement files agree with pyproject.toml.

Offline and fast: it reads files only. ``[project].dependencies`` and the ``book``
dependency group are pinned in ``requirements.txt``; the ``test`` group in
``requirements-test.txt`` (which reads ``requirements.txt`` through ``-r``). After editing
a group, ``make pin`` regenerates the files.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
GROUP_FILES = {"book": "requirements.txt", "test": "requirements-test.txt"}


def group_requirements(name: str) -> list[Requirement]:
    """A dependency group's requirements, with its ``include-group`` entries expanded."""
    requirements = []
    for entry in PYPROJECT["dependency-groups"][name]:
        if isinstance(entry, dict):
            requirements += group_requirements(entry["include-group"])
        else:
            requirements.append(Requirement(entry))
    return requirements


def read_pins(filename: str) -> dict[str, Version]:
    """``{name: version}`` of a requirements file, following its ``-r`` includes."""
    pins: dict[str, Version] = {}
    for raw in (ROOT / filename).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line == "-e .":
            continue
        if line.startswith("-r "):
            pins |= read_pins(line.removeprefix("-r ").strip())
            continue
        requirement = Requirement(line)
        pinned = list(requirement.specifier)
        assert len(pinned) == 1, f"{filename}: not one exact pin: {line}"
        assert pinned[0].operator == "==", f"{filename}: not pinned: {line}"
        pins[canonicalize_name(requirement.name)] = Version(pinned[0].version)
    return pins


def _cases() -> list[tuple[str, str, Requirement]]:
    cases = [
        ("project", "requirements.txt", Requirement(spec))
        for spec in PYPROJECT["project"]["dependencies"]
    ]
    for group, filename in GROUP_FILES.items():
        cases += [(group, filename, requirement) for requirement in group_requirements(group)]
    return cases


@pytest.mark.parametrize(
    ("group", "filename", "requirement"),
    _cases(),
    ids=lambda value: str(value) if isinstance(value, Requirement) else value,
)
def test_every_requirement_is_pinned_within_its_range(
    group: str, filename: str, requirement: Requirement
) -> None:
    if requirement.marker is not None and not requirement.marker.evaluate():
        pytest.skip(f"{requirement} does not apply here")
    pins = read_pins(filename)
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement} ({group}) is not pinned in {filename}: run `make pin`"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"{filename} pins {name}=={pins[name]}, outside {group}'s {requirement}: run `make pin`"
    )


def test_requirement_files_have_their_fixed_lines() -> None:
    runtime = (ROOT / "requirements.txt").read_text().splitlines()
    test = (ROOT / "requirements-test.txt").read_text().splitlines()
    assert "-e ." in runtime, "Binder must install the nllce package itself"
    assert "-r requirements.txt" in test
    shared = read_pins("requirements.txt").keys() & {
        canonicalize_name(Requirement(line).name)
        for line in test
        if line and not line.startswith(("#", "-"))
    }
    assert not shared, f"pinned in both requirement files: {sorted(shared)}"


def test_no_dev_tool_in_the_runtime_pins() -> None:
    """Binder installs requirements.txt: no test runner, browser driver, linter or pinner."""
    tools = {"pytest", "hypothesis", "playwright", "ruff", "uv", "build", "twine"}
    assert not tools & read_pins("requirements.txt").keys()


def test_license_is_mit() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 The nllce authors" in text
    # PEP 639: an SPDX `license` replaces the License :: classifiers (repo-review PP007)
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    # setuptools reads an SPDX `license` and `license-files` from version 77 on
    setuptools = next(
        Requirement(spec)
        for spec in PYPROJECT["build-system"]["requires"]
        if canonicalize_name(Requirement(spec).name) == "setuptools"
    )
    assert not setuptools.specifier.contains("76.1.0")


def test_package_is_typed() -> None:
    assert (ROOT / "src" / "nllce" / "py.typed").is_file()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["nllce"]
    assert "Typing :: Typed" in PYPROJECT["project"]["classifiers"]
    assert importlib.resources.files("nllce").joinpath("py.typed").is_file()


def test_version_has_one_source() -> None:
    import nllce

    assert "version" not in PYPROJECT["project"].get("dynamic", [])
    assert nllce.__version__ == PYPROJECT["project"]["version"], (
        "the installed metadata is stale: reinstall with `pip install -e .`"
    )


def test_requires_python_matches_binder() -> None:
    runtime = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    assert SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(f"{runtime}.0")
