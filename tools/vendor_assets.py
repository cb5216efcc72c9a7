"""Copy the front-end files the book serves itself into ``site_vendor/``.

Run ``npm ci --ignore-scripts`` first: ``package-lock.json`` pins every npm file by
version and integrity hash, and this script refuses to copy from a
``node_modules/`` that does not match it.  Thebe is the exception: installing it pulls
some 1,400 packages (over a gigabyte) of which the page needs none, since its ``lib/`` is
self-contained.  So this script fetches Thebe's own tarball with ``npm pack``, checks it
against the pinned integrity below, and unpacks only ``lib/``.

``site_vendor/`` is a Sphinx ``html_extra_path``: its tree is copied as is into
``_build/html``, so ``site_vendor/_static/vendored/x`` is served as
``_static/vendored/x``.  It is deliberately not the book's ``_static/`` folder, whose
every ``.js``/``.css`` Jupyter Book adds to every page.  ``_config.yml`` points
myst-nb's ``nb_ipywidgets_js`` and Sphinx's ``mathjax_path`` at these copies, and
``_ext/site_assets.py`` points sphinx-thebe's "Live code" at the copy of Thebe.

Usage: ``python -m tools.vendor_assets`` from the repository root.
"""

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from tools import ROOT

NODE_MODULES = ROOT / "node_modules"
TARGET = ROOT / "site_vendor" / "_static" / "vendored"

WIDGETS = "@jupyter-widgets/html-manager"
# Thebe for "Live code": name, version and the registry's sha512 integrity of its tarball.
THEBE = (
    "thebe",
    "0.9.2",
    "sha512-qjUpg33VY4CT2hKl+N+FiglTJPfmlA/lQdsJofK2WPAvkiM/l7zTG6MtXNj/pA5YGk11Opcax9EGuBXIz3T1JQ==",
)
TARBALLS = NODE_MODULES / ".vendor-tarballs"
# mathjs reads what readers type in the answer boxes (_ext/answer_boxes.py): its browser
# bundle, pinned by version (package-lock.json) and by the integrity of the file itself.
MATHJS = (
    "mathjs/lib/browser/math.js",
    "sha512-KH9TdlfQlqMVsumZjEuH4piOxtoeBFC3ZQsp4sVNjYK30lwzLJcOWDa+L7Yg8VXIZ6WRynKML/fDCbZUi8gq3Q==",
)
# MathJax: the TeX-to-HTML component, its fonts, and what it loads on demand
# (TeX extensions via autoload, the menu's accessibility tools and speech rules).
MATHJAX_PARTS = [
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "ui",
    "a11y",
    "sre",
]


def check_installed(lock_path=ROOT / "package-lock.json"):
    """Fail unless node_modules holds exactly the versions in the lock file."""
    packages = json.loads(lock_path.read_text())["packages"]
    for name in json.loads((ROOT / "package.json").read_text())["dependencies"]:
        locked = packages[f"node_modules/{name}"]["version"]
        manifest = NODE_MODULES / name / "package.json"
        installed = json.loads(manifest.read_text())["version"] if manifest.exists() else None
        if installed != locked:
            sys.exit(
                f"vendor_assets: {name} is {installed or 'not installed'} in node_modules, "
                f"the lock file pins {locked}; run `npm ci --ignore-scripts` first"
            )


def integrity(path):
    """The npm-style ``sha512-<base64>`` integrity string of a file."""
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fetch_tarball(name, version, expected):
    """Path of the package's npm tarball (cached), after checking its integrity."""
    tarball = TARBALLS / f"{name}-{version}.tgz"
    if not tarball.exists():
        TARBALLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--loglevel=warn",
             "--pack-destination", str(TARBALLS)],
            check=True, stdout=subprocess.DEVNULL,
        )
    if integrity(tarball) != expected:
        tarball.unlink()
        sys.exit(f"vendor_assets: {name}@{version} does not match its pinned integrity")
    return tarball


def copy(source, destination):
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination)
    else:
        shutil.copy2(source, destination)


def main():
    check_installed()
    if TARGET.exists():
        shutil.rmtree(TARGET)
    copy(NODE_MODULES / "requirejs" / "require.js", TARGET / "require.js")
    for name in ["widgets-setup.js", "widgets.css", "thebe-setup.js", "thebe-mathjax.js"]:
        copy(ROOT / "assets" / name, TARGET / name)

    # Thebe for "Live code": its bundle, the chunks it loads beside itself, its styles and
    # the licences of what it bundles (no source maps, no type declarations).
    with tarfile.open(fetch_tarball(*THEBE)) as archive:
        for member in archive.getmembers():
            path = Path(member.name)
            wanted = path.suffix in {".js", ".css"} or path.name.endswith(".LICENSE.txt")
            if member.isfile() and path.parent == Path("package/lib") and wanted:
                (TARGET / "thebe").mkdir(parents=True, exist_ok=True)
                (TARGET / "thebe" / path.name).write_bytes(archive.extractfile(member).read())

    # The widget manager and the icon fonts its CSS names (see widgets-setup.js): every
    # format of the @font-face rules, though browsers fetch only the first they read.
    dist = NODE_MODULES / WIDGETS / "dist"
    widgets_dist = TARGET / "jupyter-widgets" / "html-manager" / "dist"
    fonts = [path for pattern in ["*.woff2", "*.woff", "*.ttf"] for path in dist.glob(pattern)]
    for path in [dist / "embed-amd.js", *fonts]:
        copy(path, widgets_dist / path.name)
    copy(NODE_MODULES / WIDGETS / "LICENSE", widgets_dist / "LICENSE")

    mathjs, expected = MATHJS
    if integrity(NODE_MODULES / mathjs) != expected:
        sys.exit(f"vendor_assets: {mathjs} does not match its pinned integrity")
    copy(NODE_MODULES / mathjs, TARGET / "mathjs" / "math.js")
    copy(NODE_MODULES / "mathjs" / "LICENSE", TARGET / "mathjs" / "LICENSE")

    mathjax = NODE_MODULES / "mathjax"
    for part in MATHJAX_PARTS:
        copy(mathjax / "es5" / part, TARGET / "mathjax" / part)
    copy(mathjax / "LICENSE", TARGET / "mathjax" / "LICENSE")

    files = [path for path in TARGET.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    print(f"vendor_assets: {len(files)} files, {size / 1e6:.1f} MB in {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
