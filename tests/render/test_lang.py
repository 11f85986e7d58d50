"""Language: --lang, else project.lang, else Swedish; every label in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from esfkit.i18n import LABELS, Words
from tests.conftest import ROOT, run_cli
from tests.test_cli import DATA, GOALS


def test_both_languages_have_the_same_labels() -> None:
    assert set(LABELS["sv"]) == set(LABELS["en"])


def test_project_lang_is_the_default_and_lang_overrides_it(write) -> None:
    goals = write(
        "g.yml", GOALS.replace("project: {name: Test,", "project: {name: Test, lang: en,")
    )
    data = write("d.csv", DATA)
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-f", "markdown")
    assert "**Report date:** 2021-12-31" in run.stdout and "| Goal | Target |" in run.stdout
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-f", "markdown", "--lang", "sv")
    assert "**Rapportdatum:** 2021-12-31" in run.stdout


def test_swedish_numbers() -> None:
    w = Words("sv")
    assert w.percent(46.65) == "46,7 %"
    assert w.integer(1234567) == "1 234 567"
    assert Words("en").percent(46.65) == "46.7%"


def test_renderers_hold_no_labels_of_their_own() -> None:
    """Every word a renderer writes comes from i18n: no quoted Swedish or English label
    words (capitalised words of three letters or more) in the render modules."""
    for path in sorted((ROOT / "src" / "esfkit" / "render").glob("*.py")):
        code = re.sub(r'"""[\s\S]*?"""', "", Path(path).read_text(encoding="utf-8"))
        labels = re.findall(r'"((?:[A-ZÅÄÖ][a-zåäö]{2,})(?: [a-zåäö]+)*)"', code)
        labels = [label for label in labels if label not in FONTS]
        assert labels == [], f"{path.name}: {labels}"


FONTS = {"Calibri"}  # names a document gives its fonts by, no words of a report
