"""`make lab` is set up as Binder is: the same viewer, the same pins, glued numbers shown.

tests/browser/test_lab.py drives the real JupyterLab; these are the quick checks of what
it is started with (tools/lab.py), and of `nllce.widgets.glue`, which shows each glued
number under its cell when the sliders are live (jupyterlab-myst cannot fill glue roles).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import Markdown
from IPython.utils.capture import capture_output

from tools import ROOT
from tools import lab as local_lab

OVERRIDES = local_lab.CONFIG_PATH / "labconfig" / "default_setting_overrides.json"
VIEWER_COMMAND = "jupytext-config set-default-viewer markdown myst"


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$", line.strip())
        if match:
            pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return pins


def test_the_lab_viewer_setting_is_what_postbuild_sets_on_binder(tmp_path: Path):
    """jupytext opens `.md` as notebooks: the same setting, written by the same command."""
    assert VIEWER_COMMAND in (ROOT / "postBuild").read_text()
    written = tmp_path / "overrides.json"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("jupytext-config")),
            "--settings-file", str(written), *VIEWER_COMMAND.split()[1:],
        ],
        check=True,
    )
    assert json.loads(OVERRIDES.read_text()) == json.loads(written.read_text())
    assert VIEWER_COMMAND in (ROOT / "README.md").read_text()


def test_the_lab_environment_finds_the_setting_and_draws_live_sliders():
    env = local_lab.environment({"NLLCE_SLIDERS": "static", "JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert "NLLCE_SLIDERS" not in env
    paths = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert paths == [str(local_lab.CONFIG_PATH), "/elsewhere"]
    # the user's own configuration folder is left as it is
    assert "JUPYTER_CONFIG_DIR" not in env


def test_the_lab_command_serves_the_repository_and_opens_a_chapter():
    line = local_lab.command(port=8899, token="t", open_browser=False)
    assert Path(line[0]) == Path(sys.executable).with_name("jupyter-lab")
    assert f"--ServerApp.root_dir={ROOT}" in line
    assert "--ServerApp.ip=127.0.0.1" in line and "--ServerApp.port=8899" in line
    assert "--no-browser" in line and "--IdentityProvider.token=t" in line
    assert f"--LabApp.default_url=/lab/tree/{local_lab.DEFAULT_CHAPTER}" in line
    assert (ROOT / local_lab.DEFAULT_CHAPTER).is_file()


def test_make_lab_runs_the_tool():
    makefile = (ROOT / "Makefile").read_text()
    target = r"^lab: \$\(RUNTIME_STAMP\)\n\t\$\(BIN\)/python -m tools\.lab$"
    assert re.search(target, makefile, re.MULTILINE)
    assert re.search(r"^\.PHONY:.* lab\b", makefile, re.MULTILINE)


def test_binder_and_make_lab_install_the_same_pinned_jupyterlab():
    """requirements.txt (Binder) pins JupyterLab, jupyterlab-myst and jupytext (its lab part)."""
    pins = _pins(ROOT / "requirements.txt")
    assert pins.get("jupyterlab-myst") == "2.7.0"
    assert pins.get("jupyterlab", "").startswith("4.")
    assert "jupytext" in pins
    test_only = set(_pins(ROOT / "requirements-test.txt"))
    assert not {"jupyterlab", "jupyterlab-myst", "jupytext"} & test_only


@pytest.fixture
def shell():
    return InteractiveShell.instance()


def _glued(shell, mode, *call):
    from nllce.widgets import glue

    env = {"NLLCE_SLIDERS": mode} if mode else {}
    with mock.patch.dict(os.environ, env, clear=False), capture_output() as captured:
        if not mode:
            os.environ.pop("NLLCE_SLIDERS", None)
        glue(*call)
    return [(output.data, output.metadata) for output in captured.outputs]


def test_glue_for_the_book_is_myst_nbs_glue(shell):
    from myst_nb import glue as myst_nb_glue

    with capture_output() as expected:
        myst_nb_glue("L_worked", 0.075, display=False)
    assert _glued(shell, "static", "L_worked", 0.075, False) == [
        (output.data, output.metadata) for output in expected.outputs
    ]


def test_glue_live_also_shows_the_value_under_the_cell(shell):
    glued, shown = _glued(shell, "", "L_worked", 0.07500000000000001, False)
    assert glued[1]["scrapbook"]["name"] == "L_worked"
    assert shown == ({"text/plain": "L_worked = 0.075", "text/markdown": "`L_worked` = 0.075"}, {})
    (_, (markdown, _)) = _glued(shell, "live", "L_big_true", Markdown("$10^{-1125}$"), False)
    assert markdown["text/markdown"] == "`L_big_true` = $10^{-1125}$"


def test_glue_live_with_display_shows_the_value_once(shell):
    (output,) = _glued(shell, "live", "n", 3, True)
    assert output[0]["text/plain"] == "3"
