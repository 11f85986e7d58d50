"""Trend charts with `check --history`: Excel's native line chart (read back by openpyxl and
opened by LibreOffice) and HTML's inline SVG."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.render.conftest import convert
from tests.test_cli import DATA, GOALS
from tests.test_history import MORE_BY_MARCH, MORE_BY_MAY, _check


@pytest.fixture
def project(write):
    return write("g.yml", GOALS), write("d.csv", DATA + MORE_BY_MARCH + MORE_BY_MAY)


def test_excel_and_html_get_a_trend_chart(project, tmp_path) -> None:
    history = tmp_path / "history.csv"
    assert _check(project, "2021-03-31", history).exit_code == 0
    out = tmp_path / "r.xlsx"
    assert _check(project, "2021-05-31", history, "-o", out).exit_code == 0
    chart = next(c for c in load_workbook(out)["studies"]._charts if c.tagname == "lineChart")
    assert len(chart.series) == 2  # actual and target
    html = _check(project, "2021-05-31", history, "-f", "html").stdout
    assert html.count('<svg class="chart trend"') == 2  # recruited and studies
    assert "2021-03-31" in html


def test_libreoffice_opens_a_workbook_with_trend_charts(project, soffice, tmp_path) -> None:
    history = tmp_path / "history.csv"
    for as_of in ("2021-01-31", "2021-03-31"):
        assert _check(project, as_of, history).exit_code == 0
    out = tmp_path / "report.xlsx"
    assert _check(project, "2021-05-31", history, "-o", out).exit_code == 0
    assert convert(soffice, out, "pdf", tmp_path).read_bytes().startswith(b"%PDF")
