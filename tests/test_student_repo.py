"""`make student-repo`: a ready-to-push student repository, with no solution in it (issue 13).

The repository is written into a temporary folder: what it holds (the student chapters,
the package, Binder's files, a configuration whose launch buttons open it, a README), that
writing it again changes nothing, which folders it refuses, and -- with the scanner of the
student edition -- that no solution text is in any file it wrote. The one exception is by
design (README, "How exercises check themselves"): the `nllce` package ships whole, and
the feedback its `check` prints may repeat a sentence of a solution.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.solution_scan import leaks, normal, published_texts, solution_segments
from tools import ROOT, toc
from tools.student_repo import (
    MARKER,
    StudentRepoError,
    main,
    student_readme,
    write_student_repo,
)

URL = "https://github.com/example-class/nllce-student"


def _digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    }


@pytest.fixture(scope="module")
def student_repo(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("student-repo") / "nllce-student"
    write_student_repo(dest, URL)
    return dest


def test_holds_what_students_and_binder_need(student_repo: Path) -> None:
    for name in (
        "README.md",
        "_config.yml",
        "_toc.yml",
        "requirements.txt",
        "runtime.txt",
        "postBuild",
        "pyproject.toml",
        "LICENSE",
        "src/nllce/__init__.py",
        "src/nllce/exercises/__init__.py",
        MARKER,
    ):
        assert (student_repo / name).is_file(), f"the student repository has no {name}"
    for name in ("requirements.txt", "runtime.txt", "postBuild", "_toc.yml", "pyproject.toml"):
        assert (student_repo / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert (student_repo / "postBuild").stat().st_mode & 0o111, "postBuild must stay executable"
    # The package whole, as the teachers' repository has it (the checks need every module).
    package = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src/nllce").rglob("*.py")}
    shipped = {p.relative_to(student_repo / "src").as_posix()
               for p in (student_repo / "src/nllce").rglob("*.py")}
    assert shipped == package
    assert not list(student_repo.rglob("__pycache__"))
    # Nothing of the teachers' own: tests, benchmarks, the student overlay, the teacher README.
    for name in ("tests", "benchmarks", "_config_student.yml", "Makefile", "requirements-test.txt"):
        assert not (student_repo / name).exists(), f"{name} is not for students"


def test_chapters_are_the_student_chapters(student_repo: Path) -> None:
    chapters = [f"{docname}.md" for docname in toc.chapters()]
    for name in chapters:
        text = (student_repo / name).read_text(encoding="utf-8")
        assert "{solution}" not in text, f"{name} still has a solution block"
    answer_cells = [
        line
        for name in chapters
        for line in (student_repo / name).read_text(encoding="utf-8").splitlines()
        if line.endswith("= ...  # your answer")
    ]
    assert answer_cells, "no answer cell was left for the students"
    assert (student_repo / "book/references.bib").read_bytes() == (
        ROOT / "book/references.bib"
    ).read_bytes()


def test_config_points_the_launch_buttons_at_itself(student_repo: Path) -> None:
    config = yaml.safe_load((student_repo / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"]["url"] == URL
    assert config["launch_buttons"]["binderhub_url"]
    assert config["sphinx"]["config"]["hide_solutions"] is True
    assert config["sphinx"]["config"]["html_copy_source"] is False
    assert "student" in config["title"]
    # Every path it names is inside the student repository.
    assert config["sphinx"]["config"]["html_extra_path"] == ["site_vendor"]
    for folder in config["sphinx"]["local_extensions"].values():
        assert (student_repo / folder).is_dir()
    assert all((student_repo / path).is_file() for path in config["bibtex_bibfiles"])


def test_readme_tells_students_how_to_read_run_and_check(student_repo: Path) -> None:
    readme = (student_repo / "README.md").read_text(encoding="utf-8")
    assert "https://mybinder.org/v2/gh/example-class/nllce-student/HEAD" in readme
    assert "JupyterHub" in readme
    assert 'check("' in readme and "not answered yet" in readme
    assert "src/nllce/exercises/" in readme, "say where the reference answers are"
    assert "requirements.txt" in readme


def test_readme_names_the_site_when_given() -> None:
    readme = student_readme(URL, "https://example-class.github.io/nllce-student/", "book/x")
    assert "<https://example-class.github.io/nllce-student/>" in readme
    assert "urlpath=lab/tree/book/x.md" in readme


def test_without_a_url_there_are_no_launch_buttons(tmp_path: Path) -> None:
    write_student_repo(tmp_path / "repo", None)
    config = yaml.safe_load((tmp_path / "repo" / "_config.yml").read_text(encoding="utf-8"))
    assert "launch_buttons" not in config and "repository" not in config
    assert "mybinder.org/v2" not in (tmp_path / "repo" / "README.md").read_text()


def test_writing_again_changes_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "repo"
    first = write_student_repo(dest, URL)
    before = _digest(dest)
    assert json.loads((dest / MARKER).read_text())["files"] == first
    assert set(before) == {*first, MARKER}, "every file written is listed in the marker"
    (dest / "book" / "likelihood.md").write_text("edited by hand\n")  # overwritten
    (dest / "notes.txt").write_text("the teacher's own file\n")  # not ours: kept
    (dest / ".git").mkdir(exist_ok=True)
    assert write_student_repo(dest, URL) == first
    after = _digest(dest)
    assert after.pop("notes.txt")
    assert after == before


def test_a_file_no_longer_written_is_removed(tmp_path: Path) -> None:
    dest = tmp_path / "repo"
    write_student_repo(dest, URL)
    marker = json.loads((dest / MARKER).read_text())
    (dest / "old" / "gone").mkdir(parents=True)
    (dest / "old" / "gone" / "chapter.md").write_text("a chapter since removed\n")
    marker["files"].append("old/gone/chapter.md")
    (dest / MARKER).write_text(json.dumps(marker))
    write_student_repo(dest, URL)
    assert not (dest / "old").exists()
    assert "old/gone/chapter.md" not in json.loads((dest / MARKER).read_text())["files"]


def test_a_run_stopped_half_way_can_be_run_again(tmp_path: Path, monkeypatch) -> None:
    import tools.student_repo

    def fail(source: Path, target: Path) -> None:
        raise RuntimeError("stopped")

    dest = tmp_path / "repo"
    with monkeypatch.context() as patch:
        patch.setattr(tools.student_repo, "write_student_chapter", fail)
        with pytest.raises(RuntimeError):
            write_student_repo(dest, URL)
    assert json.loads((dest / MARKER).read_text())["complete"] is False
    write_student_repo(dest, URL)
    assert json.loads((dest / MARKER).read_text())["complete"] is True


@pytest.mark.parametrize("where", ["teacher repository", "inside it"])
def test_refuses_the_teachers_repository(where: str, capsys) -> None:
    dest = ROOT if where == "teacher repository" else ROOT / "book" / "student-repo"
    with pytest.raises(StudentRepoError, match="teachers' repository"):
        write_student_repo(dest, URL)
    assert not (ROOT / "book" / "student-repo").exists()
    assert not (ROOT / MARKER).exists()
    assert main(["--dest", str(dest)]) == 2
    assert "teachers' repository" in capsys.readouterr().err


def test_refuses_a_folder_it_did_not_write(tmp_path: Path, capsys) -> None:
    (tmp_path / "thesis.tex").write_text("someone's work\n")
    with pytest.raises(StudentRepoError, match=r"not empty .* thesis\.tex"):
        write_student_repo(tmp_path, URL)
    assert main(["--dest", str(tmp_path), "--url", URL]) == 2
    assert "not written by `make student-repo`" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.tex"]
    (tmp_path / "thesis.tex").unlink()
    (tmp_path / ".git").mkdir()  # a clone of an empty repository holds something too
    with pytest.raises(StudentRepoError):
        write_student_repo(tmp_path, URL)


def test_a_new_folder_becomes_a_git_repository(tmp_path: Path) -> None:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    write_student_repo(tmp_path / "repo", URL)
    assert (tmp_path / "repo" / ".git" / "HEAD").is_file()
    head = (tmp_path / "repo" / ".git" / "HEAD").read_text()
    assert re.search(r"refs/heads/main", head)


@pytest.mark.build
def test_no_solution_text_in_any_file(student_repo: Path, built_book: Path) -> None:
    """Every solution sentence (rendered and source) searched in every file written."""
    solutions = solution_segments(built_book)
    texts = published_texts(student_repo)
    assert any(name == "book/likelihood.md" for name, _ in texts), "nothing was scanned"
    leaked = leaks(solutions, texts)
    elsewhere = [(s, name) for s, name in leaked if not name.startswith("src/nllce/exercises/")]
    assert not elsewhere, f"solution text in the student repository: {elsewhere[:5]}"
    # In the exercises package, only what `check` itself shows a student (its feedback).
    from nllce import exercises

    feedback = normal(
        " ".join(
            text
            for label in exercises.labels()
            for text in (
                exercises.exercise(label).hint,
                exercises.exercise(label).explanation,
                *(mistake.message for mistake in exercises.exercise(label).mistakes),
            )
        )
    )
    not_feedback = [(s, name) for s, name in leaked if normal(s) not in feedback]
    assert not not_feedback, f"solution text in the package beyond its feedback: {not_feedback}"
