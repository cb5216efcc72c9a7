"""The one localhost web server: a folder served on 127.0.0.1, quiet and threaded.

``served(folder)`` is a context manager that serves on a free port and yields the base
URL; the tests, the PDF printer and the page benchmark use it. As a command it serves
the built book until interrupted (``make serve``)::

    python -m tools.serve [folder] [--port 8000]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

from tools import ROOT

__all__ = ["HOST", "served"]

HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Serve without a line per request."""


@contextlib.contextmanager
def served(folder: Path | str, port: int = 0) -> Iterator[str]:
    """Serve `folder` on `port` of 127.0.0.1 (0: a free one); yield the base URL.

    The URL ends with ``/``. The server stops, and frees its port, when the block ends.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"nothing to serve: {folder} is not a folder")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", type=Path, nargs="?", default=ROOT / "_build" / "html", help="folder to serve"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (0: a free one)")
    args = parser.parse_args()
    with served(args.folder, args.port) as url:
        print(f"Serving {args.folder} on {url} (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
