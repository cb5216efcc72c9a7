"""The GitHub Actions workflow: linted offline, pinned, least privilege, cached (issue 13).

The workflow is not run here (it runs on GitHub). `actionlint` (types, expressions,
action inputs) and `zizmor --offline` (security audits, no network) must find nothing,
and the workflow must keep its shape: `make test` on every push and pull request; on the
default branch the chosen edition (`vars.BOOK_EDITION`) built and deployed with the
official Pages actions; every action pinned by a full commit SHA with its tag in a
comment; no permission at the workflow level and only what each job needs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tools import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BOOK = ROOT / ".github" / "workflows" / "book.yml"
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+(?:\.\d+)*)$")
PAGES_ACTIONS = {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}


def _tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is not installed: `make test` installs the test tools"
    return found


def _offline_environment() -> dict[str, str]:
    """No token reaches the linters: zizmor would use one to go online."""
    return {k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN"}}


def _workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1).
    return yaml.safe_load(BOOK.read_text(encoding="utf-8"))


def _steps(job: dict, action: str) -> list[dict]:
    return [step for step in job.get("steps", []) if step.get("uses", "").startswith(f"{action}@")]


def test_there_is_a_workflow() -> None:
    assert BOOK in WORKFLOWS


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [_tool("actionlint"), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True, text=True, check=False, cwd=ROOT, env=_offline_environment(),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_offline_finds_nothing() -> None:
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--persona=pedantic", "--format=plain",
         str(ROOT / ".github" / "workflows")],
        capture_output=True, text=True, check=False, cwd=ROOT, env=_offline_environment(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_every_action_is_pinned_by_commit_with_its_tag() -> None:
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(?:- )?uses:", line):
                assert PINNED.match(line), f"{workflow.name}: not pinned by SHA and tag: {line}"


def test_tests_run_on_every_push_and_pull_request() -> None:
    workflow = _workflow()
    triggers = workflow[True]
    assert "push" in triggers and "pull_request" in triggers
    assert triggers["push"] is None, "every branch is tested"
    test = workflow["jobs"]["test"]
    assert "make test" in [step.get("run") for step in test["steps"]]
    assert "if" not in test


def test_least_privilege_permissions() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {}, "no permission at the workflow level"
    granted = {name: job.get("permissions") for name, job in workflow["jobs"].items()}
    assert all(permissions is not None for permissions in granted.values()), granted
    writes = {
        name: sorted(scope for scope, level in permissions.items() if level == "write")
        for name, permissions in granted.items()
    }
    assert writes == {"test": [], "build-pages": [], "deploy-pages": ["id-token", "pages"]}
    for name, job in workflow["jobs"].items():
        for step in _steps(job, "actions/checkout"):
            assert step["with"]["persist-credentials"] is False, name


def test_pip_and_npm_are_cached() -> None:
    jobs = _workflow()["jobs"]
    for name in ("test", "build-pages"):
        assert [step["with"]["cache"] for step in _steps(jobs[name], "actions/setup-python")] == [
            "pip"
        ], name
        assert [step["with"]["cache"] for step in _steps(jobs[name], "actions/setup-node")] == [
            "npm"
        ], name


def test_the_default_branch_deploys_the_chosen_edition_to_pages() -> None:
    text = BOOK.read_text(encoding="utf-8")
    jobs = _workflow()["jobs"]
    used = {
        step["uses"].split("@")[0] for job in jobs.values() for step in job.get("steps", [])
        if "uses" in step
    }
    assert used >= PAGES_ACTIONS
    build = jobs["build-pages"]
    assert build["needs"] == "test"
    assert "github.event.repository.default_branch" in build["if"]
    assert "vars.BOOK_EDITION" in text and "vars.STUDENT_REPOSITORY_URL" in text
    script = "\n".join(step.get("run", "") for step in build["steps"])
    assert "make book" in script and "make student" in script
    assert "_build/student/_build/html" in script, "publish only the student site folder"
    deploy = jobs["deploy-pages"]
    assert deploy["needs"] == "build-pages"
    assert deploy["environment"]["name"] == "github-pages"


def test_make_lint_runs_the_workflow_linters() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "actionlint" in recipe
    assert "zizmor --offline" in recipe
