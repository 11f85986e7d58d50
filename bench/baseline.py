"""The benchmark's goal figures in plain pandas, as a skilled analyst would write them.

Input: the register as read, every cell text ('' for blank), one row per enrolment.
Same rules as esfkit with ``unit: enrolment``: rows starting after the report date are
outside; an outcome counts only when the exit date is on or before the report date;
unknown genders and blank municipalities are kept as their own groups. The indicators are
built once as boolean columns and counted in one group-by pass per breakdown; totals and
marginals are sums of those integer counts.

Output: per goal, ``num`` and ``den`` (and for parity ``target``) keyed by the cell's
dimensions, as ``tuple(sorted(dims.items()))``.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import numpy as np
import pandas as pd

GENDER = {"kvinna": "women", "man": "men", "icke-binär": "nonbinary", "": "unknown"}
WORK = ["Anställning utan stöd", "Anställning med stöd"]
STUDIES = ["Studier"]
BANDS = ["16-24", "25-29", "30-49", "50-64"]


def figures(df: pd.DataFrame, as_of: dt.date) -> dict:
    report_date = pd.Timestamp(as_of)
    start = pd.to_datetime(df["Inskrivningsdatum"], format="ISO8601")
    df = df[start <= report_date]
    start = start[start <= report_date]
    end = pd.to_datetime(df["Avslutsdatum"], format="ISO8601")
    birth = pd.to_datetime(df["Födelsedatum"], format="ISO8601")

    exited = end <= report_date
    outcome = df["Avslutsorsak"].where(exited, "")
    before_birthday = (start.dt.month * 100 + start.dt.day) < (birth.dt.month * 100 + birth.dt.day)
    age = start.dt.year - birth.dt.year - before_birthday
    p = pd.DataFrame(
        {
            "municipality": df["Kommun"].replace("", None),
            "gender": df["Kön"].str.strip().str.casefold().map(GENDER),
            "age_band": pd.cut(age, [15, 24, 29, 49, 64], labels=BANDS),
            "exit": outcome.replace("", None),
            "Insats": df["Insats"],
        }
    )
    work, studies = outcome.isin(WORK), outcome.isin(STUDIES)
    job_or_studies = work | studies
    women = p["gender"] == "women"
    survey = df["Enkät stöd"]
    plan = df["Handlingsplan fullföljd"] == "Ja"
    scope_af = df["AF-åtgärd före projektet"] == "Nej"
    job_days = pd.to_numeric(df["Anställningens längd (dagar)"])
    # goal -> (numerator, denominator)
    pairs = {
        "recruited": (True, True),
        "young": (age.between(16, 24), True),
        "to_training": (df["Arbetsträning"] == "Ja", True),
        "not_declined": (df["Arbetsträning"] != "Nej", True),
        "job_or_studies": (job_or_studies, True),
        "af_measure": ((outcome == "Åtgärd hos Arbetsförmedlingen") & scope_af, scope_af),
        "back_to_referrer": (outcome == "Återgång till remittent", True),
        "new_business": (outcome == "Eget företag", True),
        "still_enrolled": (~exited, True),
        "practice_or_training": (df["Insats"].isin(["Arbetsträning", "Praktik"]), True),
        "started_2021": (start.dt.year == 2021, True),
        "adapted_support": (survey == "Ja", survey.isin(["Ja", "Nej"])),
        "studies": (studies, exited),
        "work_lasting": (work & (job_days >= 31), exited),
        "plan_to_work": (job_or_studies & plan, plan),
        "no_outcome": (exited & (outcome == ""), exited),
    }
    indicators = {}
    for goal, (num, den) in pairs.items():
        indicators[f"{goal}.num"] = num & den
        indicators[f"{goal}.den"] = den
    for goal, matching in (("women_in_jobs", work), ("women_in_studies", studies)):
        indicators[f"{goal}.num"] = women & matching
        indicators[f"{goal}.den"] = matching
    indicators["women"] = women
    ind = pd.DataFrame(indicators, index=p.index).astype("int64")

    by_mg = ind.groupby([p["municipality"], p["gender"]], dropna=False).sum()
    out: dict = {}
    for goal in pairs:
        out[goal] = {
            "num": _levels(by_mg[f"{goal}.num"]),
            "den": _levels(by_mg[f"{goal}.den"]),
        }
    by_m = by_mg.groupby(level="municipality", dropna=False).sum()
    for goal in ("women_in_jobs", "women_in_studies"):
        out[goal] = {
            "num": _levels(by_m[f"{goal}.num"]),
            "den": _levels(by_m[f"{goal}.den"]),
            "target": {
                k: 100.0 * w / n
                for (k, w), n in zip(
                    _levels(by_m["women"]).items(),
                    _levels(by_m["recruited.den"]).values(),
                    strict=True,
                )
                if n
            },
        }
    by_ag = p.groupby(["age_band", "gender"], dropna=False, observed=True).size()
    out["recruited_by_age"] = {"num": _levels(by_ag), "den": _levels(by_ag)}
    out["gender_mix"] = _shares(by_mg["recruited.den"], "gender")
    out["age_mix"] = _shares(by_ag, "age_band")
    sizes = p.groupby(["municipality", "gender", "exit"], dropna=False).size()
    out["exits"] = _shares(sizes, "exit")
    out["insats"] = _shares(p.groupby(["gender", "Insats"], dropna=False).size(), "Insats")
    ids = df["Deltagar-ID"]
    out["population"] = {
        "enrolments": len(df),
        "persons": ids[ids != ""].nunique() + int((ids == "").sum()),
    }
    return out


def _key(names: tuple[str, ...], values: tuple) -> tuple:
    return tuple(sorted((n, None if pd.isna(v) else v) for n, v in zip(names, values, strict=True)))


def _levels(counts: pd.Series) -> dict[tuple, int]:
    """Counts for the total and every combination of the index levels, from the finest."""
    names = tuple(counts.index.names)
    out: dict[tuple, int] = {(): int(counts.sum())}
    for size in range(1, len(names) + 1):
        for subset in combinations(names, size):
            summed = counts.groupby(level=list(subset), dropna=False, observed=True).sum()
            for values, count in summed.items():
                values = values if isinstance(values, tuple) else (values,)
                out[_key(subset, values)] = int(count)
    return out


def _shares(counts: pd.Series, inner: str) -> dict[str, dict[tuple, int]]:
    """Composition and distribution cells: each inner value within each outer level."""
    levels = _levels(counts)
    num = {k: v for k, v in levels.items() if inner in dict(k)}
    outer = {k: v for k, v in levels.items() if inner not in dict(k)}
    return {
        "num": num,
        "den": {k: outer[_outer(k, inner)] for k in num},
        "outer": outer,
        "inner": inner,
    }


def _outer(dims: tuple, inner: str) -> tuple:
    return tuple(item for item in dims if item[0] != inner)


def esfkit_figures(goals: list[dict]) -> dict:
    """The same figures from esfkit's report (its JSON, or the Report as dicts)."""
    out: dict = {}
    for goal in goals:
        if goal["kind"] == "manual":
            continue
        cells = goal["cells"]
        entry = {
            "num": {_dims(c): c["numerator"] for c in cells},
            "den": {_dims(c): c["denominator"] for c in cells},
        }
        if goal["kind"] == "parity":
            entry["target"] = {_dims(c): c["target"] for c in cells if c["target"] is not None}
        out[goal["id"]] = entry
    return out


def _dims(cell: dict) -> tuple:
    return tuple(sorted(cell["dims"].items()))


def differences(expected: dict, actual: dict) -> list[str]:
    """Where esfkit's figures differ from the baseline's; empty when they agree.

    esfkit also shows empty cells (a declared municipality without rows is 0), so a figure
    missing on one side counts as 0 on that side.
    """
    problems = []
    for key in ("enrolments", "persons"):
        if expected["population"][key] != actual["population"][key]:
            problems.append(
                f"population {key}: {actual['population'][key]} != {expected['population'][key]}"
            )
    for goal, want in expected.items():
        if goal == "population":
            continue
        got = actual.get(goal)
        if got is None:
            problems.append(f"{goal}: missing from esfkit's report")
            continue
        for part in ("num", "den", "target"):
            cells = want.get(part, {})
            for dims in set(cells) | set(got.get(part, {})):
                a, b = got.get(part, {}).get(dims, 0), cells.get(dims, 0)
                if part == "den" and "outer" in want:  # a value no row has: its level's size
                    b = want["outer"].get(_outer(dims, want["inner"]), 0)
                same = np.isclose(a, b, rtol=1e-12) if part == "target" else a == b
                if not same:
                    problems.append(f"{goal} {part} {dict(dims)}: esfkit {a}, baseline {b}")
    return problems
