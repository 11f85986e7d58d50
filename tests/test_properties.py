"""Invariants over random participant data and random count goals.

Every breakdown level adds up to its margins and to the total, and the total equals a count
made by a plain loop over the rows (an oracle independent of the engine).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from esfkit.api import parse_goal_file_text, validate_file
from esfkit.engine.run import evaluate

AS_OF = dt.date(2022, 6, 30)
GENDERS = {
    "Kvinna": "women",
    "K": "women",
    "Man": "men",
    "M": "men",
    "Icke-binär": "nonbinary",
    "": "unknown",
}
MUNICIPALITIES = ["Berg", "Åre", "Krokom", ""]
EXITS = ["Arbete", "Studier", "Avbrott", ""]

rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "gender": st.sampled_from(sorted(GENDERS)),
            "municipality": st.sampled_from(MUNICIPALITIES),
            "start": st.dates(dt.date(2020, 1, 1), dt.date(2022, 12, 31)),
            "days": st.one_of(st.none(), st.integers(0, 400)),
            "exit": st.sampled_from(EXITS),
            "survey": st.sampled_from(["Ja", "Nej", "", "ja "]),
        }
    ),
    min_size=0,
    max_size=40,
)

FILTERS = {
    "everyone": lambda r: True,
    "exited": lambda r: r["exited"],
    "{exit: Arbete}": lambda r: r["outcome"] == "arbete",
    "{exit: [Arbete, Studier]}": lambda r: r["outcome"] in ("arbete", "studier"),
    "{Enkät: Ja}": lambda r: r["survey"].strip().casefold() == "ja",
    "{Enkät: {missing: true}}": lambda r: r["survey"].strip() == "",
    "{any: [{exit: Studier}, {Enkät: Nej}]}": lambda r: (
        r["outcome"] == "studier" or r["survey"].strip() == "Nej"
    ),
    "{not: {exit: Avbrott}}": lambda r: r["outcome"] != "avbrott",
}


def _csv(rows: list[dict]) -> str:
    lines = ["Kön;Kommun;Inskrivningsdatum;Avslutsdatum;Avslutsorsak;Enkät"]
    for r in rows:
        end = "" if r["days"] is None else (r["start"] + dt.timedelta(days=r["days"])).isoformat()
        lines.append(
            f"{r['gender']};{r['municipality']};{r['start'].isoformat()};{end};{r['exit']};{r['survey']}"
        )
    return "\n".join(lines) + "\n"


def _oracle_rows(rows: list[dict]) -> list[dict]:
    """What the goal-file contract says each row counts as, computed by hand."""
    out = []
    for r in rows:
        if r["start"] > AS_OF:
            continue
        end = None if r["days"] is None else r["start"] + dt.timedelta(days=r["days"])
        exited = end is not None and end <= AS_OF
        shown = exited or end is None  # an undated outcome stands as recorded
        out.append(
            {
                "gender": GENDERS[r["gender"]],
                "municipality": r["municipality"] or None,
                "exited": exited,
                "outcome": r["exit"].casefold() if shown else "",
                "survey": r["survey"],
            }
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=rows_strategy,
    filters=st.lists(st.sampled_from(sorted(FILTERS)), min_size=1, max_size=4, unique=True),
)
def test_cells_add_up_to_margins_and_total_and_match_a_plain_count(rows, filters) -> None:
    goals = "version: 1\ndata: {unit: enrolment}\ngoals:\n" + "".join(
        f"  - id: g{i}\n    count: {f}\n" for i, f in enumerate(filters)
    )
    goal_file = parse_goal_file_text(goals)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_text(_csv(rows), encoding="utf-8")
        participants = validate_file(path, goal_file, AS_OF).participants
        assume(participants is not None)  # data with an error (no rows) never reaches the engine
        report = evaluate(goal_file, participants, AS_OF)
    oracle = _oracle_rows(rows)
    for f, goal in zip(filters, report.goals, strict=True):
        cells = {tuple(sorted(c.dims.items(), key=str)): c.value for c in goal.cells}
        total = cells[()]
        assert total == sum(1 for r in oracle if FILTERS[f](r)), f
        genders = [c.dims["gender"] for c in goal.cells if list(c.dims) == ["gender"]]
        towns = [c.dims["municipality"] for c in goal.cells if list(c.dims) == ["municipality"]]
        assert sum(cells[(("gender", g),)] for g in genders) == total
        assert sum(cells[(("municipality", m),)] for m in towns) == total
        for m in towns:
            inner = sum(
                cells[tuple(sorted({"municipality": m, "gender": g}.items(), key=str))]
                for g in genders
            )
            assert inner == cells[(("municipality", m),)]
        for g in genders:
            by_gender = sum(
                cells[tuple(sorted({"municipality": m, "gender": g}.items(), key=str))]
                for m in towns
            )
            assert by_gender == cells[(("gender", g),)]
            assert cells[(("gender", g),)] == sum(
                1 for r in oracle if FILTERS[f](r) and r["gender"] == g
            )
