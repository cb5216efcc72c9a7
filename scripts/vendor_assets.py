"""Copy the front-end files the book serves itself into ``site_vendor/``.

Run ``npm ci --ignore-scripts`` first: ``package-lock.json`` pins every npm file by
version and integrity hash, and this script refuses to copy from a
``node_modules/`` that does not match it.

``site_vendor/`` is a Sphinx ``html_extra_path``: its tree is copied as is into
``_build/html``, so ``site_vendor/_static/vendored/x`` is served as
``_static/vendor/x``.  It is deliberately not the book's ``_static/`` folder, whose
every ``.js``/``.css`` Jupyter Book adds to every page.  ``_config.yml`` points
myst-nb's ``nb_ipywidgets_js`` and Sphinx's ``mathjax_path`` at these copies.

Usage: ``python scripts/vendor_assets.py`` from anywhere.
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
TARGET = ROOT / "site_vendor" / "_static" / "vendored"

WIDGETS = "@jupyter-widgets/html-manager"
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
    for name in ["widgets-setup.js", "widgets.css"]:
        copy(ROOT / "assets" / name, TARGET / name)

    # The widget manager and the icon fonts it fetches beside itself (see widgets-setup.js).
    dist = NODE_MODULES / WIDGETS / "dist"
    widgets_dist = TARGET / "jupyter-widgets" / "html-manager" / "dist"
    for path in [dist / "embed-amd.js", *dist.glob("*.woff2"), *dist.glob("*.woff")]:
        copy(path, widgets_dist / path.name)
    copy(NODE_MODULES / WIDGETS / "LICENSE", widgets_dist / "LICENSE")

    mathjax = NODE_MODULES / "mathjax"
    for part in MATHJAX_PARTS:
        copy(mathjax / "es5" / part, TARGET / "mathjax" / part)
    copy(mathjax / "LICENSE", TARGET / "mathjax" / "LICENSE")

    files = [path for path in TARGET.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    print(f"vendor_assets: {len(files)} files, {size / 1e6:.1f} MB in {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
