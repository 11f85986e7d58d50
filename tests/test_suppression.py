"""Small-number suppression: the property that matters, proved on random tables by an oracle
that knows nothing of how esfkit chooses what to hide.

The oracle is the reader of the minutes: it sees every shown figure, knows that each row and
column adds up to its total, that "<N" is between 1 and N-1 and that ".." is 0 or at least N,
and searches every integer table that fits. A hidden figure is safe when some table that
fits gives it another value.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkit.suppression import SMALL, Grid, protect
from tests.conftest import run_cli

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
    # A table hidden whole (no "<N" in it) says nothing of its figures but that they add up.
    whole = SMALL not in hidden.values()
    domain = {
        key: range(1, threshold)
        if marker == SMALL
        else range(cap + 1)
        if whole
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
    # Berg: 2 women, 1 man -> both hidden, and Åre's two cells so that the column totals
    # do not give them away.
    lines = run.stdout.splitlines()
    assert "| Berg | <3 | <3 | 3 |" in lines and "| Åre | .. | .. | 10 |" in lines
    assert "Antal från 1 till 2 visas som <3" in run.stdout


def test_json_carries_no_hidden_value(write) -> None:
    run = run_cli(
        "check", write("g.yml", GOALS), write("d.csv", DATA), "--as-of", "2021-12-31", "-f", "json"
    )
    report = run.json()
    assert report["suppress_below"] == 3
    for goal in report["goals"]:
        for cell in goal["cells"]:
            for name in ("value", "numerator", "denominator"):
                if cell[name] is not None and name in ("numerator", "value"):
                    assert not 1 <= cell[name] < 3, (goal["id"], cell)
            assert set(cell.get("suppressed", {})) <= {
                "value",
                "numerator",
                "denominator",
                "percent",
            }


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
