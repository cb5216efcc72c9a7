"""The chapters live on one's own machine: a local JupyterLab (``make lab``).

JupyterLab opens the MyST chapters (``book/*.md``) as notebooks with jupytext, as it does
on Binder, and renders their MyST (admonitions, ``{prf:...}``, exercises, ``{eq}`` and
``{term}`` roles) with jupyterlab-myst; the sliders are live (``NLLCE_SLIDERS`` is unset
for the kernel). Saving writes the chapter back through jupytext unchanged
(``jupytext.toml``, ``tools/chapter_format.py``; ``tests/test_chapter_format.py`` checks
the round trip of every page, ``tests/browser/test_lab.py`` a save in JupyterLab).

The one setting this needs, jupytext as the default viewer of ``.md`` files, is what
``postBuild`` sets on Binder with ``jupytext-config set-default-viewer markdown myst``.
Here it is the same file, kept in this repository
(``tools/jupyter/labconfig/default_setting_overrides.json``) and found through
``JUPYTER_CONFIG_PATH`` for this session only: the user's own Jupyter configuration is
neither read for it nor written, and a viewer the user chose in JupyterLab's settings
still wins (overrides change defaults only).

``running(root)`` starts the same server on a free localhost port with a token and no
browser, and stops it at the end of the block (the browser test uses it). As a command::

    python -m tools.lab [path] [--port 8888] [--no-browser]

opens ``path`` (default: the preface) in the repository's JupyterLab until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT

__all__ = ["CONFIG_PATH", "HOST", "ISOLATED", "Lab", "command", "environment", "running"]

HOST = "127.0.0.1"
#: A Jupyter config directory of this repository: only ``labconfig/`` with the default viewer.
CONFIG_PATH = ROOT / "tools" / "jupyter"
DEFAULT_CHAPTER = "book/preface.md"
#: The user-level Jupyter folders that `running` points into a temporary directory.
ISOLATED = {
    "JUPYTER_CONFIG_DIR": "config",
    "JUPYTER_DATA_DIR": "data",
    "JUPYTER_RUNTIME_DIR": "runtime",
    "JUPYTERLAB_SETTINGS_DIR": "settings",
    "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
    "IPYTHONDIR": "ipython",
}
#: User settings of `running`'s JupyterLab: no news prompt, no update check (which the
#: server would fetch from PyPI): nothing leaves the machine, nothing covers the page.
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) set up for the chapters in JupyterLab.

    ``JUPYTER_CONFIG_PATH`` gets this repository's config directory first (jupytext as the
    default viewer of ``.md``); ``NLLCE_SLIDERS`` is removed so that the kernel, which
    inherits this environment, draws live sliders.
    """
    env = dict(os.environ if base is None else base)
    env.pop("NLLCE_SLIDERS", None)
    paths = [str(CONFIG_PATH), *filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def command(
    root_dir: Path | str = ROOT,
    *,
    path: str | None = DEFAULT_CHAPTER,
    port: int | None = None,
    token: str | None = None,
    open_browser: bool = True,
) -> list[str]:
    """The ``jupyter lab`` command line: served from ``root_dir``, opening ``path``."""
    line = [
        str(Path(sys.executable).with_name("jupyter-lab")),
        f"--ServerApp.root_dir={root_dir}",
        f"--ServerApp.ip={HOST}",
    ]
    if port is not None:
        line.append(f"--ServerApp.port={port}")
    if token is not None:
        line.append(f"--IdentityProvider.token={token}")
    if not open_browser:
        line.append("--no-browser")
    if getattr(os, "geteuid", lambda: None)() == 0:  # a container's root: allowed on purpose
        line.append("--allow-root")
    if path:
        line.append(f"--LabApp.default_url=/lab/tree/{path}")
    return line


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: its base URL (ending with ``/``) and token."""

    url: str
    token: str

    def lab_url(self, path: str = "") -> str:
        """The address that opens ``path`` (relative to the root) in JupyterLab."""
        return f"{self.url}lab/tree/{path}?token={self.token}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running(root_dir: Path | str, *, timeout: float = 60, log: Path | None = None) -> Iterator[Lab]:
    """Run JupyterLab on a free port of 127.0.0.1 serving ``root_dir``; yield a `Lab`.

    The server has a token, opens no browser, and runs with Jupyter's user-level folders
    (`ISOLATED`: config, data, runtime, settings, workspaces) in a temporary directory, so
    that it neither reads nor writes the user's, and with `QUIET_SETTINGS`. Its output goes
    to ``log`` (default: discarded). It is stopped, and its port freed, when the block ends.
    """
    port, token = _free_port(), secrets.token_hex(16)
    with contextlib.ExitStack() as stack:
        home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nllce-lab-")))
        env = {key: value for key, value in os.environ.items() if key != "JUPYTER_CONFIG_PATH"}
        for variable, folder in ISOLATED.items():
            env[variable] = str(home / folder)
        for name, settings in QUIET_SETTINGS.items():
            path = home / ISOLATED["JUPYTERLAB_SETTINGS_DIR"] / name
            path.parent.mkdir(parents=True)
            path.write_text(json.dumps(settings))
        env = environment(env)
        output = stack.enter_context(log.open("w")) if log else subprocess.DEVNULL
        server = subprocess.Popen(
            command(root_dir, path=None, port=port, token=token, open_browser=False),
            env=env, stdout=output, stderr=subprocess.STDOUT,
        )
        lab = Lab(f"http://{HOST}:{port}/", token)
        try:
            _wait_until_ready(server, lab, timeout)
            yield lab
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_ready(server: subprocess.Popen, lab: Lab, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with code {server.returncode} before it was up")
        try:
            with urllib.request.urlopen(f"{lab.url}api/status?token={lab.token}", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"jupyter lab was not up after {timeout} s") from None
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", default=DEFAULT_CHAPTER,
        help=f"file to open, relative to the repository root (default: {DEFAULT_CHAPTER})",
    )
    parser.add_argument("--port", type=int, help="port (default: 8888, or the next free one)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    line = command(ROOT, path=args.path, port=args.port, open_browser=not args.no_browser)
    with contextlib.suppress(KeyboardInterrupt):
        return subprocess.run(line, env=environment(), cwd=ROOT, check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
