"""The one localhost web server: a folder served on 127.0.0.1, quiet and threaded.

``served(folder)`` is a context manager that serves on a free port and yields the base
URL; the tests, the PDF printer and the page benchmark use it. As a command it serves
the built book until interrupted (``make serve``), gzip-compressing text files (HTML,
scripts, styles, SVG, JSON) for browsers that accept it, as a static host would::

    python -m tools.serve [folder] [--port 8000] [--no-gzip]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from tools import ROOT

__all__ = ["HOST", "served"]

HOST = "127.0.0.1"


#: File types worth compressing (images and fonts are compressed already).
COMPRESSIBLE = frozenset({".html", ".js", ".css", ".svg", ".json", ".txt", ".xml", ".map"})


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Serve without a line per request."""


class _GzipHandler(_QuietHandler):
    """Sends `COMPRESSIBLE` files gzip-compressed to a client that accepts gzip."""

    _cache: ClassVar[dict] = {}  # (path, mtime, size) -> compressed bytes

    def send_head(self):
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like body for `SimpleHTTPRequestHandler.copyfile`."""

    def __init__(self, data):
        self.data = data

    def read(self, size=-1):
        data, self.data = self.data, b""
        return data

    def close(self):
        self.data = b""


@contextlib.contextmanager
def served(folder: Path | str, port: int = 0, *, compress: bool = False) -> Iterator[str]:
    """Serve `folder` on `port` of 127.0.0.1 (0: a free one); yield the base URL.

    The URL ends with ``/``. The server stops, and frees its port, when the block ends.
    With `compress`, text files go gzip-compressed to clients that accept it.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"nothing to serve: {folder} is not a folder")
    handler_class = _GzipHandler if compress else _QuietHandler
    handler = functools.partial(handler_class, directory=str(folder))
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
    parser.add_argument("--no-gzip", action="store_true", help="send files uncompressed")
    args = parser.parse_args()
    with served(args.folder, args.port, compress=not args.no_gzip) as url:
        print(f"Serving {args.folder} on {url} (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
