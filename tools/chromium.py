"""Debian's Chromium, the one browser that drives the browser tests, the PDFs and benchmarks.

It is installed with ``apt-get install -y chromium`` (``make chromium``); nothing here
skips when it is missing or downloads a browser: a missing Chromium is an error that
says how to install it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ARGS", "EXECUTABLE", "LOCAL_ONLY", "ChromiumMissing", "executable", "launch"]

EXECUTABLE = Path("/usr/bin/chromium")
#: Headless in a container (no sandbox, no GPU), and no traffic of the browser's own:
#: the pages must load with no network.
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
)


class ChromiumMissing(FileNotFoundError):
    """Debian's Chromium is not installed where it is expected."""


def executable(path: Path | str = EXECUTABLE) -> str:
    """The path of Chromium's executable, checked: raises `ChromiumMissing` if absent."""
    path = Path(path)
    if not path.is_file():
        raise ChromiumMissing(
            f"Debian's Chromium is missing at {path}: install it with "
            "`apt-get install -y chromium` (or `make chromium`)"
        )
    return str(path)


#: Resolves no host name but 127.0.0.1: no request leaves the machine, and none is
#: intercepted on the way (interception through Playwright slows every request).
LOCAL_ONLY = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",)


def launch(playwright, path: Path | str = EXECUTABLE, extra_args=(), **options):
    """Launch headless Chromium with Playwright (a `sync_playwright()` instance).

    `extra_args` are added to `ARGS` (e.g. `LOCAL_ONLY`, for measuring pages).
    """
    return playwright.chromium.launch(
        executable_path=executable(path), args=[*ARGS, *extra_args], **options
    )
