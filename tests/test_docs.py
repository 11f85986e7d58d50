"""The documentation says what the code does.

- docs/goal-file.md carries the goal-kind reference made from each kind's docstring; it
  fails here when out of date (refresh: ESFKIT_UPDATE_DOCS=1 pytest tests/test_docs.py).
- Each kind's "Passes" example loads, and its "Fails to load" example fails with the
  message its comment quotes.
- Every file a document links to exists.
"""

from __future__ import annotations

import os
import re

import pytest

from esfkit import kinds
from esfkit.api import parse_goal_file_text
from esfkit.errors import GoalFileError
from tests.conftest import ROOT

REFERENCE = ROOT / "docs" / "goal-file.md"
BEGIN, END = "<!-- kinds:begin (generated from src/esfkit/kinds) -->", "<!-- kinds:end -->"


def test_goal_kind_reference_is_up_to_date() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN)
    _old, tail = rest.split(END)
    fresh = f"{head}{BEGIN}\n{kinds.reference()}\n{END}{tail}"
    if os.environ.get("ESFKIT_UPDATE_DOCS"):
        REFERENCE.write_text(fresh, encoding="utf-8")
    assert text == fresh, (
        "docs/goal-file.md is out of date: ESFKIT_UPDATE_DOCS=1 pytest tests/test_docs.py"
    )


def _examples(kind: str) -> tuple[str, str, str]:
    doc = kinds.lookup(kind).doc
    passes = doc.split("Passes::")[1].split("Fails to load::")[0]
    fails = doc.split("Fails to load::")[1]
    message = re.search(r'#\s*"([^"]+)"', fails).group(1)
    return passes, fails, message


@pytest.mark.parametrize("kind", kinds.KIND_NAMES)
def test_docstring_examples_pass_and_fail_as_documented(kind: str) -> None:
    passes, fails, message = _examples(kind)
    goal_file = parse_goal_file_text("version: 1\ngoals:\n" + passes)
    assert goal_file.goals[0].kind == kind
    with pytest.raises(GoalFileError) as raised:
        parse_goal_file_text("version: 1\ngoals:\n" + fails)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "doc", [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"], ids=lambda p: p.name
)
def test_links_point_at_files_that_exist(doc) -> None:
    for target in re.findall(r"\]\(([^)#:]+)\)", doc.read_text(encoding="utf-8")):
        assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
