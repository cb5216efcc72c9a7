"""The book's data has one home: nllce.book_data. Nothing is typed twice."""

import ast
import re
from pathlib import Path

import jupytext
import numpy as np
import pytest

import nllce
from nllce import book_data

BOOK = Path(__file__).resolve().parent.parent / "book"
# The chapters that are notebooks (a jupytext header), not plain pages like the API page.
CHAPTERS = sorted(path for path in BOOK.glob("*.md") if "kernelspec:" in path.read_text())


def _constants():
    """Every array-like constant of book_data, as float arrays."""
    found = {}
    for name in book_data.__all__:
        value = getattr(book_data, name)
        if isinstance(value, np.ndarray) and value.size > 1:
            found[name] = np.asarray(value, dtype=float)
    for x, q in book_data.PAIR_MODEL.items():
        found[f"PAIR_MODEL[{x}]"] = np.asarray(q, dtype=float)
    return found


def _literal_arrays(source):
    """The numeric list literals of a code cell (``[1.0, 2.0]``, ``np.array([[...]])``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics; none of our data cells use them
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple):
            try:
                value = np.asarray(ast.literal_eval(node), dtype=float)
            except (ValueError, TypeError, SyntaxError):
                continue
            if value.size > 1:
                yield node.lineno, value


def test_arrays_are_read_only_so_no_reader_can_change_them_for_the_others():
    for name, value in vars(book_data).items():
        if isinstance(value, np.ndarray):
            with pytest.raises(ValueError, match="read-only"):
                value.flat[0] = 0
            assert not value.flags.writeable, name


def test_the_running_example_is_consistent():
    np.testing.assert_allclose(nllce.softmax(book_data.WORKED_LOGITS), book_data.WORKED_MODEL)
    assert book_data.WORKED_LABELS.tolist() == [2, 2, 1]
    assert book_data.WORKED_NUM_CLASSES == 3
    np.testing.assert_allclose(book_data.PAIR_MODEL[0.0], book_data.WORKED_MODEL)
    for name in ("WORKED_MODEL", "TRUE_DISTRIBUTION", "COIN_P", "COIN_Q"):
        assert getattr(book_data, name).sum() == pytest.approx(1.0), name


def test_resampled_is_reproducible_and_drawn_from_the_true_distribution():
    first = book_data.resampled(20_000, 7)
    assert np.array_equal(first, book_data.resampled(20_000, 7))
    np.testing.assert_allclose(
        nllce.frequencies(first, 3), book_data.TRUE_DISTRIBUTION, atol=0.02
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_no_chapter_types_a_constant_of_book_data_again(chapter):
    constants = _constants()
    notebook = jupytext.read(chapter)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for line, value in _literal_arrays(cell.source):
            for name, constant in constants.items():
                same = value.size == constant.size and np.allclose(value.ravel(), constant.ravel())
                assert not same, (
                    f"{chapter.name}: a code cell types {value.tolist()} (line {line} of the "
                    f"cell) again; use nllce.book_data.{name}"
                )


def _shown(values):
    return "(" + ", ".join(f"{v:g}" for v in values) + ")"


@pytest.mark.parametrize(
    ("chapter", "text"),
    [
        ("classifier.md", f"$q(\\cdot \\mid b) = {_shown(book_data.PAIR_MODEL[1.0])}$"),
        ("classifier.md", f"$q(\\cdot \\mid a) = {_shown(book_data.PAIR_MODEL[0.0])}$"),
        ("classifier.md", "labels $" + ", ".join(map(str, book_data.PAIR_LABELS)) + "$"),
        ("cross_entropy.md", f"$q = {_shown(book_data.WORKED_MODEL)}$"),
        ("cross_entropy.md", f"$p_{{\\text{{true}}}} = {_shown(book_data.TRUE_DISTRIBUTION)}$"),
        (
            "held_out.md",
            "held-out sample $[" + ", ".join(map(str, book_data.HELD_OUT_LABELS)) + "]$",
        ),
        ("bits_codes.md", f"$q = {_shown(book_data.WORKED_MODEL)}$"),
        ("bits_codes.md", f"$p_{{\\text{{true}}}} = {_shown(book_data.TRUE_DISTRIBUTION)}$"),
        ("bits_codes.md", f"$q = {_shown(book_data.NO_WORD_MODEL)}$"),
        ("bits_codes.md", f"$q = {_shown(book_data.HUFFMAN_MODEL)}$"),
    ],
)
def test_exercise_statements_state_the_data_the_checker_uses(chapter, text):
    assert text in re.sub(r"\s+", " ", (BOOK / chapter).read_text())
