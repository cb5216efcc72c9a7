"""Regenerate requirements.txt and requirements-test.txt from pyproject.toml (`make pin`).

- ``requirements.txt``: ``[project].dependencies`` and the ``book`` dependency group,
  every package pinned exactly (Binder installs this file), then ``-e .``.
- ``requirements-test.txt``: ``-r requirements.txt``, then the exact pins the ``test``
  group (which includes ``book``) adds.

Pins change only where the groups require it: today's pins are the resolver's preferred
versions (``uv pip compile`` seeded with the current files), and the test file is
resolved under the runtime file's pins, so both files agree. ``--upgrade-package NAME``
lifts the preference for one package. The resolution targets Binder: Linux, the Python
of ``runtime.txt``. Like ``pip freeze`` (what wrote the files first), pip, setuptools and
wheel are not pinned. Each file keeps its leading comment block, and a package keeps the
spelling its file gave it.

Run as ``python -m tools.pin_requirements [--check] [-P NAME]`` from the repository root.
Needs uv (``python -m pip install --group pin``) and PyPI. ``--check`` writes nothing
and exits 1 when a file would change.
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "requirements.txt"
TEST = ROOT / "requirements-test.txt"
NOT_PINNED = ("pip", "setuptools", "wheel")
RUNTIME_HEADER = (
    "# Exact pins of what the chapters need at run time and what builds the book.\n"
    "# Binder installs this file. Generated: edit [project].dependencies or the `book`\n"
    "# dependency group in pyproject.toml, then run `make pin` (tools/pin_requirements.py).\n"
)
RUNTIME_FOOTER = "# the book's helper package, from this repository\n-e .\n"
TEST_HEADER = (
    "# Exact pins of the test-only tools.\n"
    "# Generated: edit the `test` dependency group in pyproject.toml, then run `make pin`.\n"
)
TEST_INCLUDE = "-r requirements.txt\n"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s*$")


def normalize(name: str) -> str:
    """The PEP 503 form of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, tuple[str, str]]:
    """``{normalized name: (name as written, version)}`` of a file's ``name==version`` lines."""
    pins = {}
    if path.exists():
        for line in path.read_text().splitlines():
            match = PIN.match(line.strip())
            if match:
                pins[normalize(match[1])] = (match[1], match[2])
    return pins


def leading_comments(path: Path, default: str) -> str:
    """The comment block a file starts with (kept as written), or ``default``."""
    if not path.exists():
        return default
    lines = []
    for line in path.read_text().splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines) or default


@functools.cache
def target_python() -> str:
    """Binder's Python (``runtime.txt``), at this interpreter's patch level when it matches."""
    wanted = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    here = ".".join(map(str, sys.version_info[:3]))
    if here.startswith(f"{wanted}."):
        return here
    print(f"note: resolving for Python {wanted}.0 (runtime.txt); this is Python {here}")
    return wanted


def find_uv() -> str:
    try:
        from uv import find_uv_bin
    except ImportError:
        found = shutil.which("uv")
        if found is None:
            sys.exit("uv is missing: run `python -m pip install --group pin` (or `make pin`)")
        return found
    return find_uv_bin()


def compile_pins(
    groups: list[str],
    preferred: dict[str, tuple[str, str]],
    constraints: dict[str, tuple[str, str]],
    upgrade: list[str],
    workdir: Path,
) -> dict[str, str]:
    """Resolve the project's dependencies plus ``groups``: ``{normalized name: version}``."""
    output = workdir / f"{'-'.join(groups)}.txt"
    output.write_text("".join(f"{name}=={version}\n" for name, version in preferred.values()))
    command = [
        find_uv(), "pip", "compile", "pyproject.toml",
        "--python", sys.executable,
        "--python-version", target_python(),
        "--python-platform", "linux",
        "--no-header", "--no-annotate", "--quiet",
        "--output-file", str(output),
    ]
    for group in groups:
        command += ["--group", group]
    for package in NOT_PINNED:
        command += ["--no-emit-package", package]
    for package in upgrade:
        command += ["--upgrade-package", package]
    if constraints:
        constraint_file = workdir / "constraints.txt"
        constraint_file.write_text(
            "".join(f"{name}=={version}\n" for name, version in constraints.values())
        )
        command += ["--constraint", str(constraint_file)]
    subprocess.run(command, check=True, cwd=ROOT)
    return {normalize(name): version for name, (_, version) in read_pins(output).items()}


def spelled(pins: dict[str, str], *known: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Give each pin the spelling a current file uses (so diffs show only real changes)."""
    result = {}
    for key, version in pins.items():
        name = next((spelling[key][0] for spelling in known if key in spelling), key)
        result[key] = (name, version)
    return result


def render(header: str, pins: dict[str, tuple[str, str]], before: str = "", after: str = "") -> str:
    ordered = sorted(pins.values(), key=lambda pin: pin[0].lower())  # `pip freeze`'s order
    return header + before + "".join(f"{name}=={version}\n" for name, version in ordered) + after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail on a change")
    parser.add_argument(
        "--upgrade-package", "-P", action="append", default=[], metavar="NAME",
        help="let this package move to its newest allowed version (repeatable)",
    )
    args = parser.parse_args(argv)

    runtime_now, test_now = read_pins(RUNTIME), read_pins(TEST)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        runtime = spelled(
            compile_pins(["book"], runtime_now, {}, args.upgrade_package, workdir),
            runtime_now, test_now,
        )
        everything = compile_pins(
            ["test"], {**runtime_now, **test_now}, runtime, args.upgrade_package, workdir
        )
    test = spelled(
        {key: version for key, version in everything.items() if key not in runtime},
        test_now, runtime_now,
    )

    texts = {
        RUNTIME: render(leading_comments(RUNTIME, RUNTIME_HEADER), runtime, after=RUNTIME_FOOTER),
        TEST: render(leading_comments(TEST, TEST_HEADER), test, before=TEST_INCLUDE),
    }
    changed = [
        path for path, text in texts.items() if not path.exists() or path.read_text() != text
    ]
    for path in changed:
        print(f"{path.name}: {'would change' if args.check else 'rewritten'}")
        if not args.check:
            path.write_text(texts[path])
    if not changed:
        print("requirements files are up to date")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
