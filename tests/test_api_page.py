"""The API page documents every public module of nllce, so it cannot fall behind the code."""

import pkgutil
import re
from pathlib import Path

import nllce

ROOT = Path(__file__).resolve().parent.parent
API_PAGE = ROOT / "book" / "api.md"


def _automodules():
    return set(re.findall(r"^\.\. automodule:: (\S+)", API_PAGE.read_text(), re.MULTILINE))


def test_every_public_module_has_an_automodule_entry():
    public = {
        f"nllce.{module.name}"
        for module in pkgutil.iter_modules(nllce.__path__)
        if not module.name.startswith("_")
    }
    missing = public - _automodules()
    assert not missing, f"book/api.md does not document {sorted(missing)}"


def test_the_summary_table_lists_every_reexported_function():
    text = API_PAGE.read_text()
    table = text[text.index(".. autosummary::") : text.index(".. automodule:: nllce\n")]
    listed = set(table.split()) - {".. autosummary::", "..", "autosummary::"}
    assert set(nllce.__all__) == listed


def test_no_attribute_comment_opens_with_a_colon_that_napoleon_reads_as_a_type():
    # napoleon reads "text: more" on the first line of a `#:` comment as "type: text",
    # and the type becomes a cross-reference that the nitpicky build cannot resolve.
    package = ROOT / "src" / "nllce"
    for path in package.rglob("*.py"):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            starts = line.lstrip().startswith("#:")
            after_code = number > 0 and not lines[number - 1].lstrip().startswith("#:")
            if starts and after_code:
                text = re.sub(r"``.*?``", "", line.lstrip()[2:])
                assert ": " not in text, f"{path.name}:{number + 1}: {line.strip()}"
