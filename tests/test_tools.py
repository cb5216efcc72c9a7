"""The tooling in `tools/`: local server, table of contents, build command, Chromium path."""

from __future__ import annotations

import gzip
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools import ROOT, chromium, toc
from tools.build_book import BUILD_ENV, BUILD_FLAGS, build_command, build_environment
from tools.serve import served


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def test_server_serves_a_file_and_stops(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>served</p>", encoding="utf-8")
    with served(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert _get(url + "page.html") == b"<p>served</p>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(url + "missing.html")
        missing.value.close()  # the error holds the response, and its socket
        assert missing.value.code == 404
    with pytest.raises(urllib.error.URLError):
        _get(url + "page.html")


def test_server_can_send_text_files_gzipped_as_a_static_host_would(tmp_path: Path) -> None:
    page = "<p>served</p>" * 100
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "frame.png").write_bytes(b"\x89PNG not compressed again")
    with served(tmp_path, compress=True) as url:
        request = urllib.request.Request(url + "page.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == page
        request = urllib.request.Request(url + "frame.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] is None
        assert _get(url + "page.html").decode() == page  # a client without gzip


def test_make_serve_sends_the_book_gzipped(tmp_path: Path) -> None:
    """`make serve` runs `python -m tools.serve`, which compresses text unless told not to."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:[^\n]*\n\t([^\n]+)", makefile, re.MULTILINE).group(1)
    assert "-m tools.serve " in recipe and "--no-gzip" not in recipe, recipe
    page = "<p>served</p>" * 100
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "tools.serve", str(tmp_path), "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/page.html", headers={"Accept-Encoding": "gzip, br"}
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                response = urllib.request.urlopen(request, timeout=5)
                break
            except urllib.error.URLError:
                assert server.poll() is None, "python -m tools.serve stopped"
                assert time.monotonic() < deadline, "python -m tools.serve did not start"
                time.sleep(0.1)
        with response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Vary"] == "Accept-Encoding"
            body = response.read()
        assert gzip.decompress(body).decode() == page and len(body) < len(page) / 10
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_server_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a folder"), served(tmp_path / "nothing"):
        pass


def test_toc_lists_every_chapter_of_the_book_once_root_first() -> None:
    chapters = toc.chapters()
    assert chapters[0] == toc.site_map().root.docname
    assert len(chapters) == len(set(chapters))
    missing = [name for name in chapters if not (ROOT / f"{name}.md").is_file()]
    assert not missing, f"_toc.yml lists chapters with no file: {missing}"
    on_disk = {path.relative_to(ROOT).with_suffix("").as_posix() for path in ROOT.glob("book/*.md")}
    assert set(chapters) == on_disk, "a chapter in book/ is missing from _toc.yml"
    assert [name for part in toc.parts() for name in part.docnames] == chapters


def test_toc_reads_in_reading_order_depth_first(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text(
        """\
format: jb-book
root: intro
parts:
  - caption: "Part I: first steps"
    chapters:
      - file: a
        sections:
          - file: a1
          - file: a2
      - file: b
  - chapters:
      - file: c
      - url: https://example.org
""",
        encoding="utf-8",
    )
    assert toc.chapters(tmp_path) == ["intro", "a", "a1", "a2", "b", "c"]
    assert toc.parts(tmp_path) == [
        toc.Part("Part I: first steps", "part-i", ("intro", "a", "a1", "a2", "b")),
        toc.Part("Part 2", "part-2", ("c",)),
    ]


def test_build_command_has_the_flags_and_the_environment(monkeypatch) -> None:
    command = build_command("book-src", ["--path-output", "out"])
    assert Path(command[0]).name == "jupyter-book"
    assert command[1:3] == ["build", "book-src"]
    assert {"-W", "-n", "--keep-going"} <= set(BUILD_FLAGS) <= set(command)
    assert command[-2:] == ["--path-output", "out"]
    assert BUILD_ENV == {"NLLCE_SLIDERS": "static"}
    monkeypatch.setenv("NLLCE_SLIDERS", "live")
    monkeypatch.setenv("NLLCE_TOOLS_TEST", "kept")
    environment = build_environment()
    assert environment["NLLCE_SLIDERS"] == "static"
    assert environment["NLLCE_TOOLS_TEST"] == "kept"


def test_chromium_launch_args() -> None:
    assert {"--no-sandbox", "--disable-gpu", "--disable-background-networking"} <= set(
        chromium.ARGS
    )
    assert Path("/usr/bin/chromium") == chromium.EXECUTABLE


def test_missing_chromium_fails_with_how_to_install_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    with pytest.raises(chromium.ChromiumMissing, match="apt-get install -y chromium") as error:
        chromium.executable(missing)
    assert str(missing) in str(error.value)
    assert isinstance(error.value, FileNotFoundError)
