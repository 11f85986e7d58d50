"""Small-number suppression: the property that matters, proved on random tables by an oracle
that knows nothing of how esfkit chooses what to hide.

The oracle is the reader of the minutes: it sees every shown figure, knows that each row and
column adds up to its total, that "<N" is between 1 and N-1 and that ".." is 0 or at least N,
and searches every integer table that fits. A hidden figure is safe when some table that
fits gives it another value.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.suppression import OPEN, SMALL, Grid, protect
from tests.conftest import run_cli
from tests.leaks import assert_markdown_has_no_small_count, assert_no_small_count

# --- the oracle ----------------------------------------------------------------------------


def _lines(rows: int, cols: int) -> list[list[tuple[int, int, int]]]:
    """Each additive relation as (row, col, coefficient) terms that sum to zero."""
    lines = [[(r, c, 1) for c in range(cols - 1)] + [(r, cols - 1, -1)] for r in range(rows)]
    lines += [[(r, c, 1) for r in range(rows - 1)] + [(rows - 1, c, -1)] for c in range(cols)]
    return lines


def _feasible(grid: Grid, hidden: dict, threshold: int, fixed: dict) -> bool:
    """Is there a table that fits what is shown, with the hidden keys in ``fixed`` set?"""
    rows, cols = grid.shape
    cap = 2 * max(max(line) for line in grid.values) + threshold + 2
    # "<N" is 1..N-1; ".." is 0 or at least N; an OPEN ".." (where the markers alone would
    # pin a count down) says nothing but that it is a count.
    domain = {
        key: range(1, threshold)
        if marker == SMALL
        else range(cap + 1)
        if marker == OPEN
        else [0, *range(threshold, cap + 1)]
        for key, marker in hidden.items()
    }
    lines = _lines(rows, cols)

    def value(assigned: dict, r: int, c: int) -> int | None:
        key = grid.keys[r][c]
        return assigned.get(key) if key in hidden else grid.values[r][c]

    def search(assigned: dict) -> bool:
        # Propagate: a relation with one unknown left fixes it.
        assigned = dict(assigned)
        changed = True
        while changed:
            changed = False
            for line in lines:
                unknown = {grid.keys[r][c] for r, c, _ in line if value(assigned, r, c) is None}
                if not unknown:
                    if sum(k * value(assigned, r, c) for r, c, k in line) != 0:
                        return False
                elif len(unknown) == 1:
                    key = next(iter(unknown))
                    coefficient = sum(k for r, c, k in line if grid.keys[r][c] == key)
                    rest = sum(
                        k * value(assigned, r, c) for r, c, k in line if grid.keys[r][c] != key
                    )
                    if coefficient == 0:
                        if rest != 0:
                            return False
                        continue
                    if rest % coefficient or -rest // coefficient not in domain[key]:
                        return False
                    assigned[key] = -rest // coefficient
                    changed = True
        free = [key for key in hidden if key not in assigned]
        if not free:
            return True
        key = free[0]
        return any(search({**assigned, key: v}) for v in domain[key])

    return search(fixed)


def undeterminable(grid: Grid, hidden: dict, threshold: int, key) -> bool:
    truth = next(
        grid.values[r][c]
        for r in range(grid.shape[0])
        for c in range(grid.shape[1])
        if grid.keys[r][c] == key
    )
    others = [v for v in range(0, 2 * truth + threshold + 2) if v != truth]
    others.sort(key=lambda v: abs(v - truth))
    return any(_feasible(grid, hidden, threshold, {key: v}) for v in others)


# --- random tables -------------------------------------------------------------------------


@st.composite
def tables(draw) -> tuple[Grid, int]:
    threshold = draw(st.integers(3, 6))
    rows = draw(st.integers(1, 3))
    cols = draw(st.integers(1, 3))
    small_heavy = st.one_of(st.integers(0, threshold), st.integers(0, 3 * threshold))
    inner = [[draw(small_heavy) for _ in range(cols)] for _ in range(rows)]
    values = [[*line, sum(line)] for line in inner]
    values.append([sum(line[c] for line in values) for c in range(cols + 1)])
    keys = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    if rows == 1 and draw(st.booleans()):
        # A table with one dimension: its only row is its total row (one figure, two places).
        keys[1] = keys[0]
    return Grid(values, keys), threshold


@pytest.mark.slow  # 300 examples
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_every_hidden_value_stays_undeterminable(table: tuple[Grid, int]) -> None:
    grid, threshold = table
    hidden = protect(grid, threshold)
    rows, cols = grid.shape
    for r in range(rows):
        for c in range(cols):
            value, key = grid.values[r][c], grid.keys[r][c]
            if 1 <= value < threshold:
                assert key in hidden, (r, c)  # no small count is ever shown
    assert _feasible(grid, hidden, threshold, {})  # the real table fits, of course
    for key in hidden:
        assert undeterminable(grid, hidden, threshold, key), (grid, hidden, key)


def test_a_lone_small_cell_takes_its_row_column_and_a_fourth_with_it() -> None:
    values = [[1, 10, 11], [20, 30, 50], [21, 40, 61]]
    keys = [[(r, c) for c in range(3)] for r in range(3)]
    hidden = protect(Grid(values, keys), 5)
    assert hidden[(0, 0)] == SMALL
    assert len(hidden) == 4
    assert (2, 2) not in hidden  # the grand total stays


def test_the_oracle_catches_a_lone_hidden_cell() -> None:
    values = [[1, 10, 11], [20, 30, 50], [21, 40, 61]]
    keys = [[(r, c) for c in range(3)] for r in range(3)]
    assert not undeterminable(Grid(values, keys), {(0, 0): SMALL}, 5, (0, 0))


# --- through the command line --------------------------------------------------------------

GOALS = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
report: {suppress_below: 3}
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
  - id: exits
    title: Avslut
    distribution: exit
"""
ROWS = ["1;Kvinna;Berg;2021-01-01;2021-03-01;Studier"] * 2 + [
    "2;Man;Berg;2021-01-01;2021-04-01;Arbete",
    "3;Kvinna;Åre;2021-02-01;2021-05-01;Arbete",
    *["4;Man;Åre;2021-02-01;2021-05-01;Arbete"] * 4,
    *["5;Kvinna;Åre;2021-02-01;2021-05-01;Studier"] * 5,
]
HEADER = "Deltagar-ID;Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak\n"
DATA = HEADER + "".join(f"{i};{row.split(';', 1)[1]}\n" for i, row in enumerate(ROWS, start=1))


def test_report_suppress_below_hides_small_counts_in_every_text_format(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    for fmt in ("markdown", "text", "table", "csv"):
        run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-f", fmt)
        assert run.exit_code == 0, run.stderr
        assert "<3" in run.stdout, fmt
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", "-f", "markdown")
    # Berg: 2 women, 1 man -> both hidden, and enough of Åre's and the exits' cells that
    # neither table, nor the two together, give them away.
    berg = next(line for line in run.stdout.splitlines() if line.startswith("| Berg |"))
    assert set(berg.strip("| ").split(" | ")[1:3]) <= {"<3", ".."}
    assert_markdown_has_no_small_count(run.stdout, 3)
    assert "Antal från 1 till 2 visas som <3" in run.stdout


def test_json_carries_no_hidden_value(write) -> None:
    run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", DATA), "--as-of", "2021-12-31", "-f", "json"
    )
    report = run.json()
    assert report["suppress_below"] == 3
    assert_no_small_count(run.stdout, 3)
    for goal in report["goals"]:
        for cell in goal["cells"]:
            assert set(cell.get("suppressed", {})) <= {
                "value",
                "numerator",
                "denominator",
                "percent",
                "target",
            }
            for name in cell.get("suppressed", {}):
                assert cell[name] is None, (goal["id"], cell)


def test_command_line_threshold_wins_and_must_be_at_least_two(write) -> None:
    goals, data = write("g.yml", GOALS), write("d.csv", DATA)
    run = run_cli(
        "check", goals, data, "--as-of", "2021-12-31", "-f", "markdown", "--suppress-below", "6"
    )
    assert "<6" in run.stdout and "<3" not in run.stdout
    assert run_cli("check", goals, data, "--suppress-below", "1").exit_code == 2
    bad = write("bad.yml", GOALS.replace("suppress_below: 3", "suppress_below: yes"))
    run = run_cli("check", bad, data)
    assert run.exit_code == 2 and "suppress_below" in run.stderr


# --- the leaks of the first implementation, one by one ------------------------------------

LINKED = """\
version: 1
project: {name: Test, start: 2021-01-01, end: 2021-12-31}
goals:
  - id: recruited
    title: Rekryterade
    count: everyone
    target: {women: 2, men: 20}
  - id: work
    title: Arbete
    share: {exit: Arbete}
    of: everyone
  - id: exits
    title: Avslut
    distribution: exit
    breakdown: [gender]
  - id: women_at_work
    title: Kvinnor i arbete
    parity: {exit: Arbete}
"""


def _people(*groups: tuple[str, str, str, int]) -> str:
    """(gender, municipality, exit, how many) -> participant rows."""
    lines, n = [HEADER], 0
    for gender, municipality, exit_, count in groups:
        for _ in range(count):
            n += 1
            lines.append(f"{n};{gender};{municipality};2021-01-01;2021-06-01;{exit_}\n")
    return "".join(lines)


LINKED_DATA = _people(
    ("Kvinna", "Berg", "Arbete", 1),
    ("Kvinna", "Berg", "Studier", 6),
    ("Man", "Berg", "Arbete", 7),
    ("Man", "Berg", "Studier", 6),
    ("Kvinna", "Åre", "Arbete", 6),
    ("Kvinna", "Åre", "Studier", 7),
    ("Man", "Åre", "Arbete", 8),
    ("Man", "Åre", "Studier", 9),
)


def _json(write, goals: str, data: str, *extra: str) -> dict:
    run = run_cli(
        "check", write("g.yml", goals), write("d.csv", data), "--as-of", "2021-12-31",
        "-f", "json", "--suppress-below", "5", *extra,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert_no_small_count(run.stdout, 5)
    return run.json()


def _cell(report: dict, goal: str, **dims) -> dict:
    found = next(g for g in report["goals"] if g["id"] == goal)
    return next(c for c in found["cells"] if c["dims"] == dims)


def test_a_figure_hidden_in_one_table_is_hidden_in_every_table_that_shows_it(write) -> None:
    # Berg: one woman at work. The share's numerator, the distribution's row (Berg is not in
    # it, but women at work are 1 + 6 = 7 and Åre's 6 is a cell of the share table) and the
    # parity goal's numerator by municipality all count her.
    report = _json(write, LINKED, LINKED_DATA)
    assert _cell(report, "work", municipality="Berg", gender="women")["numerator"] is None
    assert _cell(report, "women_at_work", municipality="Berg")["numerator"] is None
    # Women at work (7) and women in Åre at work (6) may not both be shown: 7 - 6 = 1.
    shown = [
        _cell(report, "exits", exit="Arbete", gender="women")["numerator"],
        _cell(report, "work", municipality="Åre", gender="women")["numerator"],
        _cell(report, "work", gender="women")["numerator"],
    ]
    assert None in shown[1:] or shown[0] is None


def test_a_share_hides_its_numerator_with_its_percentage_and_value(write) -> None:
    # Berg women: 1 of 7 at work. The 7 may stay: 7 alone says nothing of the 1 (or of the 6
    # who did not), but the percentage would.
    report = _json(write, LINKED, LINKED_DATA)
    cell = _cell(report, "work", municipality="Berg", gender="women")
    assert cell["numerator"] is None and cell["percent"] is None and cell["value"] is None
    assert cell["needed"] is None if "needed" in cell else True


def test_a_hidden_count_keeps_its_status_only_when_its_marker_decides_it(write) -> None:
    report = _json(write, LINKED, LINKED_DATA)
    # recruited: women 20 of a target of 2 -> shown, met; Berg women is no target cell.
    women = _cell(report, "recruited", gender="women")
    assert women["value"] == 20 and women["status"] == "met"
    small = _json(write, LINKED.replace("women: 2,", "women: 3,"), _people(
        ("Kvinna", "Berg", "Arbete", 2), ("Man", "Berg", "Arbete", 20)
    ))  # fmt: skip
    # "<5" against a target of 3 may be met or not: the status and the gap are hidden.
    cell = _cell(small, "recruited", gender="women")
    assert cell["value"] is None and cell["status"] == "hidden" and cell["gap"] is None
    # The goal is not met whatever the women are: the total, 22 of 23, decides it.
    assert next(g for g in small["goals"] if g["id"] == "recruited")["status"] == "not_met"
    far = _json(write, LINKED.replace("women: 2,", "women: 30,"), _people(
        ("Kvinna", "Berg", "Arbete", 2), ("Man", "Berg", "Arbete", 20)
    ))  # fmt: skip
    # "<5" against a target of 30: not met whatever it is.
    assert _cell(far, "recruited", gender="women")["status"] == "not_met"


def test_parity_target_built_on_a_hidden_count_is_hidden(write) -> None:
    # Berg: 3 women of 13, so the target there (the share of women, 23,1 %) is built on a 3.
    data = _people(
        ("Kvinna", "Berg", "Studier", 3),
        ("Man", "Berg", "Arbete", 5),
        ("Man", "Berg", "Studier", 5),
        ("Kvinna", "Åre", "Arbete", 6),
        ("Kvinna", "Åre", "Studier", 7),
        ("Man", "Åre", "Arbete", 8),
    )
    berg = _cell(_json(write, LINKED, data), "women_at_work", municipality="Berg")
    assert berg["target"] is None and berg["suppressed"]["target"] == "secondary"
    assert berg["status"] in ("hidden", "no_data")


def test_header_and_data_notes_hide_small_counts_and_what_adds_up_to_them(write) -> None:
    late = "".join(f"{100 + i};Man;Åre;2022-03-01;;\n" for i in range(2))
    report = _json(write, LINKED, LINKED_DATA + late)
    hidden = report["suppressed"]
    assert report["population"]["outside_period"] is None
    assert hidden["population.outside_period"] == "small"
    assert hidden["finding.starts_after_report_date"] == "small"
    # rows of the file = enrolments + rows outside: one of the first two goes too.
    assert report["input"]["rows"] is None or report["population"]["enrolments"] is None
    finding = next(f for f in report["findings"] if f["kind"] == "starts_after_report_date")
    assert finding["count"] is None and finding["rows"] == []
    markdown = run_cli(
        "check", write("g.yml", LINKED), write("d.csv", LINKED_DATA + late), "--as-of",
        "2021-12-31", "--suppress-below", "5", "-f", "markdown",
    ).stdout  # fmt: skip
    assert "- **Rader utanför rapporten:** <5" in markdown
    assert "räknas inte: <5" in markdown
    assert_markdown_has_no_small_count(markdown, 5)


def test_fail_on_judges_the_real_figures_and_history_records_hidden_statuses(
    write, tmp_path
) -> None:
    goals = write("g.yml", LINKED.replace("women: 2,", "women: 3,"))
    data = write("d.csv", _people(("Kvinna", "Berg", "Arbete", 2), ("Man", "Berg", "Arbete", 20)))
    history = tmp_path / "history.csv"
    args = ("--suppress-below", "5", "--history", history, "-f", "json")
    run = run_cli("check", goals, data, "--as-of", "2021-12-31", *args, "--fail-on", "unmet")
    assert run.exit_code == 1  # women: 2 of 3, not met, though the report hides it
    run = run_cli("check", goals, data, "--as-of", "2022-01-31", *args)
    assert run.exit_code == 0, run.stderr
    women = _cell(run.json(), "recruited", gender="women")
    assert women["change"] is None  # hidden now and then: no arrow gives it away
    rows = history.read_text(encoding="utf-8").splitlines()
    assert any(',"{""gender"":""women""}",,3,hidden,5' in row for row in rows), rows
    assert run_cli("history", history, "--goal", "recruited").exit_code == 0  # it reads back
