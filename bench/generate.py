"""Synthetic participant registers and the benchmark's goal file.

A register row is one enrolment, with the columns a regional ESF register holds. The same
rows are written as UTF-8 CSV, as Swedish Excel exports CSV (';', Windows-1252, CRLF) and
as XLSX with real date cells. Files are generated once per size and cached by name.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

AS_OF = "2023-06-30"
FORMATS = ("csv", "csv-excel-sv", "xlsx")
SUFFIX = {"csv": ".csv", "csv-excel-sv": ".csv", "xlsx": ".xlsx"}

MUNICIPALITIES = (
    "Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund",
    "Härnösand", "Kramfors", "Sollefteå", "Sundsvall", "Timrå", "Ånge", "Örnsköldsvik",
    "Umeå", "Skellefteå", "Lycksele", "Vilhelmina", "Storuman",
)  # fmt: skip
GENDERS = {"Kvinna": 0.485, "Man": 0.475, "Icke-binär": 0.01, "": 0.03}
OUTCOMES = {
    "Anställning utan stöd": 0.18,
    "Anställning med stöd": 0.10,
    "Studier": 0.14,
    "Eget företag": 0.02,
    "Åtgärd hos Arbetsförmedlingen": 0.16,
    "Återgång till remittent": 0.22,
    "Sjukskrivning": 0.08,
    "Flytt": 0.06,
    "": 0.04,
}
INSATSER = {"Arbetsträning": 0.35, "Praktik": 0.25, "Studiemotivation": 0.2, "Vägledning": 0.2}

GOALS = """\
version: 1

project:
  name: Regional ESF-register (syntetiskt)
  start: 2019-01-01
  end: 2024-12-31
  municipalities: [{municipalities}]

data:
  unit: enrolment

outcomes:
  work: [Anställning utan stöd, Anställning med stöd]
  studies: [Studier]
  job_or_studies: [work, studies]
  own_business: [Eget företag]
  af_measure: [Åtgärd hos Arbetsförmedlingen]
  back_to_referrer: [Återgång till remittent]

age_bands: [16-24, 25-29, 30-49, 50-64]
breakdown: [municipality, gender]

goals:
  - {{id: recruited, title: Rekryterade deltagare, count: everyone, target: {{women: 40000, men: 38000}}}}
  - id: recruited_by_age
    title: Rekryterade per åldersgrupp
    count: everyone
    breakdown: [age_band, gender]
  - {{id: young, title: Unga 16-24 år, count: {{age: {{min: 16, max: 24}}}}, target: 20000}}
  - {{id: to_training, title: Arbetsträning, count: {{Arbetsträning: Ja}}, target: {{women: 9000, men: 8000}}}}
  - {{id: not_declined, title: Inte tackat nej till arbetsträning, count: {{Arbetsträning: {{not: Nej}}}}}}
  - {{id: job_or_studies, title: Anställning eller studier, count: {{exit: job_or_studies}}, target: {{women: 9000, men: 8000}}}}
  - id: af_measure
    title: Åtgärd hos Arbetsförmedlingen
    scope: {{AF-åtgärd före projektet: Nej}}
    count: {{exit: af_measure}}
    target: {{women: 3000, men: 2800}}
  - {{id: back_to_referrer, title: Återgår till remittenten, count: {{exit: back_to_referrer}}, target: 25000, at_most: true}}
  - {{id: new_business, title: Startar företag, count: {{exit: own_business}}, target: 2, per: [year, municipality]}}
  - {{id: still_enrolled, title: Inskrivna på rapportdagen, count: enrolled}}
  - {{id: practice_or_training, title: Arbetsträning eller praktik, count: {{any: [{{Insats: Arbetsträning}}, {{Insats: Praktik}}]}}}}
  - {{id: started_2021, title: Började 2021, count: {{Inskrivningsdatum: {{after: 2020-12-31, before: 2022-01-01}}}}}}
  - id: adapted_support
    title: Upplever individuellt anpassat stöd
    share: {{Enkät stöd: Ja}}
    of: {{Enkät stöd: [Ja, Nej]}}
    target: 90 %
  - {{id: studies, title: Går till studier, share: {{exit: studies}}, of: exited, target: 15 %}}
  - id: work_lasting
    title: Arbete mer än en månad
    share: {{all: [{{exit: work}}, {{Anställningens längd (dagar): {{min: 31}}}}]}}
    of: exited
    target: 15 %
  - {{id: plan_to_work, title: Handlingsplan till arbete eller studier, share: {{exit: job_or_studies}}, of: {{Handlingsplan fullföljd: Ja}}, target: 50 %}}
  - {{id: no_outcome, title: Avslutade utan avslutsorsak, share: {{exit: {{missing: true}}}}, of: exited, target: 2 %, at_most: true}}
  - {{id: gender_mix, title: Könsfördelning, composition: gender, target: {{women: 50 %, men: 50 %}}, tolerance: 2 %}}
  - {{id: age_mix, title: Åldersfördelning, composition: age_band, breakdown: [gender, age_band], target: {{16-24: 25 %}}, tolerance: 5 %}}
  - {{id: women_in_jobs, title: Kvinnor bland dem som får arbete, parity: {{exit: work}}}}
  - {{id: women_in_studies, title: Kvinnor bland dem som studerar, parity: {{exit: studies}}, tolerance: 2 %}}
  - {{id: exits, title: Avslut per orsak, distribution: exit}}
  - {{id: insats, title: Insatser, distribution: Insats, breakdown: [gender]}}
  - {{id: income_support, title: Minskat försörjningsstöd, manual: met}}
"""


def goals_text() -> str:
    return GOALS.format(municipalities=", ".join(MUNICIPALITIES))


def register(rows: int, seed: int = 20240601) -> pd.DataFrame:
    """``rows`` enrolments as text cells, the way a register export holds them."""
    rng = np.random.default_rng(seed)

    def pick(choices: dict[str, float] | tuple[str, ...], p=None) -> np.ndarray:
        if isinstance(choices, dict):
            names, weights = list(choices), np.array(list(choices.values()))
            p = weights / weights.sum()
        else:
            names = list(choices)
        return np.array(names, dtype=object)[rng.choice(len(names), size=rows, p=p)]

    def iso(days: np.ndarray) -> np.ndarray:
        dates = np.datetime64("2019-01-01") + days.astype("timedelta64[D]")
        return np.datetime_as_string(dates, unit="D").astype(object)

    start_days = rng.integers(0, 5 * 365, size=rows)  # 2019-01-01 .. 2023-12-31
    length = rng.integers(10, 700, size=rows)
    export = (np.datetime64("2024-01-31") - np.datetime64("2019-01-01")).astype(int)
    ended = start_days + length <= export
    age_at_start = rng.integers(16, 65, size=rows)
    birth_days = start_days - age_at_start * 365 - rng.integers(0, 365, size=rows)
    municipality = pick(MUNICIPALITIES)
    municipality[rng.random(rows) < 0.005] = ""
    outcome = np.where(ended, pick(OUTCOMES), "").astype(object)
    employed = np.isin(outcome, ["Anställning utan stöd", "Anställning med stöd"])
    job_days = np.where(employed, rng.integers(1, 400, size=rows), -1)
    person = rng.permutation(rows)
    again = rng.random(rows) < 0.05  # one enrolment in twenty is a re-enrolment
    person[again] = rng.integers(0, rows, size=int(again.sum()))
    ids = np.char.add("D", np.char.zfill(person.astype(str), 7))
    return pd.DataFrame(
        {
            "Deltagar-ID": ids.astype(object),
            "Kön": pick(GENDERS),
            "Födelsedatum": iso(birth_days),
            "Kommun": municipality,
            "Insats": pick(INSATSER),
            "Inskrivningsdatum": iso(start_days),
            "Avslutsdatum": np.where(ended, iso(start_days + length), "").astype(object),
            "Avslutsorsak": outcome,
            "Arbetsträning": pick({"Ja": 0.3, "Nej": 0.6, "": 0.1}),
            "Enkät stöd": pick({"Ja": 0.5, "Nej": 0.1, "": 0.4}),
            "AF-åtgärd före projektet": pick({"Ja": 0.3, "Nej": 0.7}),
            "Handlingsplan fullföljd": pick({"Ja": 0.6, "Nej": 0.4}),
            "Anställningens längd (dagar)": np.where(
                job_days >= 0, job_days.astype(str), ""
            ).astype(object),
        }
    )


def write(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    """One register in one format; written to a temporary name, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    if fmt == "csv":
        frame.to_csv(tmp, index=False, encoding="utf-8")
    elif fmt == "csv-excel-sv":
        frame.to_csv(tmp, index=False, sep=";", encoding="cp1252", lineterminator="\r\n")
    elif fmt == "xlsx":
        _write_xlsx(frame, tmp)
    else:
        raise ValueError(fmt)
    tmp.replace(path)


DATE_COLUMNS = ("Födelsedatum", "Inskrivningsdatum", "Avslutsdatum")
NUMBER_COLUMNS = ("Anställningens längd (dagar)",)


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """A minimal workbook as Excel saves one: shared strings, date cells with a date style.

    Written by hand because openpyxl needs minutes for a million rows.
    """
    strings: dict[str, int] = {}
    columns = []
    for name in frame.columns:
        values = frame[name].to_numpy(dtype=object)
        if name in DATE_COLUMNS:
            serial = (pd.to_datetime(values) - pd.Timestamp("1899-12-30")).days
            cells = [f' s="1"><v>{d}</v></c>' if d == d else "" for d in serial]
        elif name in NUMBER_COLUMNS:
            cells = [f"><v>{v}</v></c>" if v else "" for v in values]
        else:
            codes = [strings.setdefault(v, len(strings)) if v else -1 for v in values]
            cells = [f' t="s"><v>{c}</v></c>' if c >= 0 else "" for c in codes]
        columns.append(cells)
    header = "".join(
        f'<c t="s"><v>{strings.setdefault(name, len(strings))}</v></c>' for name in frame.columns
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/styles.xml", _STYLES)
        shared = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        z.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_NS}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}">'
                f'<sheetData><row r="1">{header}</row>'.encode()
            )
            chunk = []
            letters = [chr(ord("A") + i) for i in range(len(columns))]  # up to 26 columns
            for number, cells in enumerate(zip(*columns, strict=True), start=2):
                row = "".join(
                    f'<c r="{letter}{number}"{cell}'
                    for letter, cell in zip(letters, cells, strict=True)
                    if cell
                )
                chunk.append(f'<row r="{number}">{row}</row>')
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    _XML + f'<workbook xmlns="{_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Deltagare" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_STYLES = (
    _XML + f'<styleSheet xmlns="{_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs></styleSheet>"
)


def files(rows: int, folder: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """The register of ``rows`` rows in each format, generated unless already there."""
    paths = {fmt: folder / f"register-{rows}-{fmt}{SUFFIX[fmt]}" for fmt in formats}
    missing = [fmt for fmt, path in paths.items() if not path.exists()]
    if missing:
        frame = register(rows)
        for fmt in missing:
            write(frame, paths[fmt], fmt)
    goals = folder / "goals.yml"
    if not goals.exists() or goals.read_text(encoding="utf-8") != goals_text():
        goals.write_text(goals_text(), encoding="utf-8")
    return paths


def as_of() -> dt.date:
    return dt.date.fromisoformat(AS_OF)
