"""`nllce.exercises.export`: the registry as the data the static page's answer boxes judge.

The rules that judge that data in the page (assets/answer-boxes.js) are run in Chromium
against `check` in tests/browser/test_answer_boxes.py; here: every exercise exports, the
data is plain JSON, and it says what the registry says.
"""

import json
import math

import numpy as np
import pytest

from nllce.exercises import check, exercise, export, export_all, labels

KINDS = {"number", "array", "choice", "expression", "function"}


def test_every_registered_label_exports():
    data = export_all()
    assert sorted(data) == labels()
    for label, item in data.items():
        assert item == export(label)
        assert item["label"] == label
        assert item["kind"] == exercise(label).kind in KINDS
        assert item["hint"] == exercise(label).hint


def test_export_is_plain_json_that_round_trips():
    data = export_all()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def _from_json(value):
    if isinstance(value, list):
        return [_from_json(item) for item in value]
    return {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}.get(value, value)


VALUES = [label for label in labels() if exercise(label).kind in ("number", "array")]


@pytest.mark.parametrize("label", VALUES)
def test_exported_values_are_judged_as_the_registry_judges_them(label):
    item = export(label)
    assert item["close"] > 0 and item["sig_figs"] == exercise(label).sig_figs
    reference = np.asarray(_from_json(item["reference"]), dtype=float)
    assert list(reference.shape) == item["shape"]
    assert check(label, reference).status == "correct"
    for mistake in item["mistakes"]:
        if "value" in mistake:
            assert check(label, _from_json(mistake["value"])).message == mistake["message"]


@pytest.mark.parametrize("label", [lb for lb in labels() if exercise(lb).kind == "number"])
def test_predicate_mistakes_export_the_numbers_they_match(label):
    probes = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "negative": -0.7}
    for position, mistake in enumerate(export(label)["mistakes"]):
        if "classes" not in mistake:
            continue
        assert mistake["classes"], f"{label}: predicate mistake {position} was not exported"
        for name, value in probes.items():
            if name in mistake["classes"]:
                earlier = export(label)["mistakes"][:position]
                if not any(name in (m.get("classes") or []) for m in earlier):
                    assert check(label, value).message == mistake["message"]


def test_choices_and_expressions_export_what_check_accepts():
    for label in labels():
        item = export(label)
        if item["kind"] == "choice":
            assert check(label, item["reference"]).status == "correct"
            for mistake in item["mistakes"]:
                assert check(label, mistake["choice"]).message == mistake["message"]
        elif item["kind"] == "expression":
            as_python = item["reference"].replace("^", "**")
            assert check(label, as_python).status == "correct"
            assert item["symbols"] and item["domain"] == [0.11, 0.89]
            for mistake in item["mistakes"]:
                answer = mistake["expression"].replace("^", "**")
                assert check(label, answer).message == mistake["message"]


def test_function_exercises_export_only_their_kind():
    functions = [lb for lb in labels() if exercise(lb).kind == "function"]
    assert functions
    for label in functions:
        assert "reference" not in export(label)


def test_export_of_an_unknown_label_says_so():
    with pytest.raises(ValueError, match="not a known exercise"):
        export("ex-no-such-exercise")


def _answer_boxes_extension():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "_ext" / "answer_boxes.py"
    spec = importlib.util.spec_from_file_location("answer_boxes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_box_has_a_labelled_field_and_a_live_region():
    extension = _answer_boxes_extension()
    for label, item in export_all().items():
        markup = extension.box_html(label, item)
        assert f'data-exercise="{label}"' in markup
        if item["kind"] == "function":
            assert "notebook" in markup and "<input" not in markup
            continue
        field = f"nllce-answer-{label}"
        assert f'<label for="{field}">' in markup and f'<input id="{field}"' in markup
        assert 'aria-live="polite"' in markup and 'type="submit"' in markup
        assert extension.BOX.search(markup).group(1) == label
