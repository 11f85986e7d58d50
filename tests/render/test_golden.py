"""Every output format for every example, compared byte for byte with tests/golden/.

A new ``examples/<project>/expected.yml`` is picked up by itself. Refresh the files with
``ESFKIT_UPDATE_GOLDEN=1 pytest tests/render``; a missing golden file fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, assert_golden, run_cli
from tests.test_examples import _args

GOLDEN = ROOT / "tests" / "golden"
FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/expected.yml"))
# (format, language, extension, extra options): Markdown, HTML and Word in both languages,
# the others in Swedish; Markdown, Excel and Word also with small-number suppression.
SUPPRESSED = ("--suppress-below", "5")
OUTPUTS = [
    ("markdown", "sv", "md", ()),
    ("markdown", "en", "md", ()),
    ("markdown", "sv", "md", SUPPRESSED),
    ("text", "sv", "txt", ()),
    ("csv", "sv", "csv", ()),
    ("csv", "sv", "csv", ("--csv-excel",)),
    ("json", "sv", "json", ()),
    ("xlsx", "sv", "xlsx", ()),
    ("xlsx", "sv", "xlsx", SUPPRESSED),
    ("html", "sv", "html", ()),
    ("html", "en", "html", SUPPRESSED),
    ("docx", "sv", "docx", ()),
    ("docx", "en", "docx", ()),
    ("docx", "sv", "docx", SUPPRESSED),
]


def _name(fmt: str, lang: str, extra: tuple[str, ...]) -> str:
    tag = "".join(f"-{a.lstrip('-')}" for a in extra)
    return f"{fmt}.{lang}{tag}"


def _cases() -> list:
    return [
        pytest.param(folder, fmt, lang, ext, extra, id=f"{folder.name}-{_name(fmt, lang, extra)}")
        for folder in FOLDERS
        for fmt, lang, ext, extra in OUTPUTS
    ]


def render_to_file(folder: Path, fmt: str, lang: str, out: Path, *extra: str) -> bytes:
    run = run_cli("check", *_args(folder), "--format", fmt, "--lang", lang, "-o", out, *extra)
    assert run.exit_code == 0, run.stderr
    return out.read_bytes()


@pytest.mark.parametrize(("folder", "fmt", "lang", "ext", "extra"), _cases())
def test_output_matches_golden(folder: Path, fmt, lang, ext, extra, tmp_path) -> None:
    produced = render_to_file(folder, fmt, lang, tmp_path / f"report.{ext}", *extra)
    assert_golden(GOLDEN / f"{folder.name}.{_name(fmt, lang, extra)}.{ext}", produced)


@pytest.mark.parametrize(("folder", "fmt", "lang", "ext", "extra"), _cases())
def test_same_input_gives_the_same_bytes(folder: Path, fmt, lang, ext, extra, tmp_path) -> None:
    first = render_to_file(folder, fmt, lang, tmp_path / f"a.{ext}", *extra)
    second = render_to_file(folder, fmt, lang, tmp_path / f"b.{ext}", *extra)
    assert first == second
