"""docs/python.md runs: its Python code blocks, in order, in one namespace, from the
repository's root (where its paths start). Each block asserts what the text around it says,
so the page cannot drift from what esfkit does."""

from __future__ import annotations

import re
import warnings

from tests.conftest import ROOT

PAGE = ROOT / "docs" / "python.md"


def code_blocks(text: str) -> list[str]:
    """The ```python blocks of a Markdown text, in order."""
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_the_python_page_runs_as_a_notebook_would(monkeypatch, capsys) -> None:
    blocks = code_blocks(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 8  # the page lost no block to a broken fence
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' notices about read_excel's engine
        for number, block in enumerate(blocks, 1):
            exec(compile(block, f"docs/python.md block {number}", "exec"), namespace)
    shown = capsys.readouterr().out
    assert "Norrsken" in shown  # the rendered minutes were printed
    assert "row 6, column 'Avslutsdatum'" in shown  # and the error stopping check


def test_code_blocks_are_found_as_written() -> None:
    text = "a\n```python\nx = 1\n```\nb\n```\nnot python\n```\n```python\ny = 2\n```\n"
    assert code_blocks(text) == ["x = 1\n", "y = 2\n"]
