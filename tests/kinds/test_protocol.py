"""A goal kind is one module: nothing outside esfkit.kinds asks which kind a goal is.

Two checks: the source outside ``kinds/`` compares no goal's kind with a kind's name (nor
imports a kind module), and a kind registered under another name gives the very same
reports, suppression and ``explain`` as the kind itself, so every output reads what the
kind declares rather than its name.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from esfkit import kinds
from tests.conftest import EXAMPLES, ROOT, example_data, run_cli

SRC = ROOT / "src" / "esfkit"
KIND_MODULES = tuple(kinds.KINDS[name].__module__.rsplit(".", 1)[1] for name in kinds.KIND_NAMES)
_COMPARED = re.compile(
    r"""\bkind\s*(?:==|!=)\s*["'](\w+)["']|["'](\w+)["']\s*(?:==|!=)\s*[\w.]*kind\b"""
)
_MEMBER = re.compile(r"\bkind\s+(?:not\s+)?in\s*[(\[{]([^)\]}]*)[)\]}]")
_KIND_IMPORT = re.compile(
    rf"esfkit\.kinds\.({'|'.join(KIND_MODULES)})\b"
    rf"|from\s+esfkit\.kinds\s+import\s+[^\n]*\b({'|'.join(KIND_MODULES)})\b"
)
_DEFINITION = re.compile(r"\b(\w+Goal)\b")


def kind_tests(source: str) -> list[str]:
    """The places in ``source`` that ask which kind a goal is: a comparison of a kind with
    a kind's name, an import of a kind module, a kind's definition class named."""
    found = []
    names = set(kinds.KIND_NAMES)
    for match in _COMPARED.finditer(source):
        if {match.group(1), match.group(2)} & names:
            found.append(match.group(0))
    for match in _MEMBER.finditer(source):
        if set(re.findall(r"""["'](\w+)["']""", match.group(1))) & names:
            found.append(match.group(0))
    found += [m.group(0) for m in _KIND_IMPORT.finditer(source)]
    definitions = {
        name
        for name in dir_of_kinds()
        if name.endswith("Goal") and name[: -len("Goal")].lower() in names
    }
    found += [m.group(0) for m in _DEFINITION.finditer(source) if m.group(1) in definitions]
    return found


def dir_of_kinds() -> set[str]:
    names: set[str] = set()
    for kind in kinds.KINDS.values():
        module = __import__(kind.__module__, fromlist=["_"])
        names |= set(vars(module))
    return names


@pytest.mark.parametrize(
    "line",
    [
        'if goal.kind == "share":',
        "if result.kind != 'manual':",
        'numeric = goal.kind in ("count", "share")',
        'if kind not in {"composition"}:',
        'if "parity" == goal.kind:',
        "from esfkit.kinds.count import CountGoal",
        "from esfkit.kinds import count, share",
        "isinstance(goal.definition, ShareGoal)",
    ],
)
def test_the_scan_finds_a_kind_test(line: str) -> None:
    assert kind_tests(line), line


@pytest.mark.parametrize(
    "line",
    [
        'if f.kind == "no_municipality_column":',
        'if column.kind in ("date", "number"):',
        "if goal.layout.table == 'inner':",
        "from esfkit.kinds.base import inner_key",
        "from esfkit import kinds",
    ],
)
def test_the_scan_leaves_other_kinds_alone(line: str) -> None:
    assert not kind_tests(line), line


def test_no_goal_kind_is_tested_outside_the_kinds_package() -> None:
    found = {
        f"{path.relative_to(ROOT)}: {hit}"
        for path in SRC.rglob("*.py")
        if SRC / "kinds" not in path.parents
        for hit in kind_tests(path.read_text(encoding="utf-8"))
    }
    assert not found, "ask the goal's Layout or its kind (esfkit.kinds), not its name"


def test_every_kind_is_registered_as_one_module() -> None:
    for name, kind in kinds.KINDS.items():
        assert isinstance(kind, kinds.GoalKind)
        assert kind.name == name
        assert kind.doc.strip().startswith(f"``{name}``")
        assert kind.__module__ == f"esfkit.kinds.{name}"


# --- a kind under another name -------------------------------------------------------------

PREFIX = "renamed"
# Between them, these examples use every kind.
KIND_EXAMPLES = [EXAMPLES / "vagar-till-egen-forsorjning", EXAMPLES / "malmfalten"]
RUNS = [(fmt, ()) for fmt in ("json", "csv", "markdown", "text", "html")]
RUNS += [(fmt, ("--suppress-below", "5")) for fmt in ("json", "markdown", "html")]


def _renamed_kinds() -> dict[str, kinds.GoalKind]:
    """Each kind again, under the name ``renamed<name>``: a subclass that changes nothing else."""
    out = {}
    for name, kind in kinds.KINDS.items():
        cls = type(f"Renamed{type(kind).__name__}", (type(kind),), {"name": PREFIX + name})
        out[PREFIX + name] = cls()
    return out


def _renamed_goal_file(path: Path) -> str:
    """The goal file with every goal's kind key renamed."""
    text = path.read_text(encoding="utf-8")
    pattern = rf"^(\s*(?:- )?)({'|'.join(kinds.KIND_NAMES)}):"
    renamed, count = re.subn(pattern, rf"\1{PREFIX}\2:", text, flags=re.MULTILINE)
    assert count
    return renamed


def _outputs(goals: Path, data: list[Path], as_of: str) -> dict[str, str]:
    out = {}
    for fmt, extra in RUNS:
        run = run_cli("check", goals, *data, "--as-of", as_of, "--format", fmt, *extra)
        assert run.exit_code in (0, 1), run.stderr
        out[f"{fmt} {extra}"] = run.stdout
    one_per_kind = {}
    for goal in yaml.safe_load(goals.read_text(encoding="utf-8"))["goals"]:
        kind = next(key for key in goal if key.removeprefix(PREFIX) in kinds.KIND_NAMES)
        one_per_kind.setdefault(kind, goal["id"])
    for goal_id in one_per_kind.values():
        run = run_cli("explain", goals, *data, goal_id, "--as-of", as_of, "--format", "json")
        out[f"explain {goal_id}"] = run.stdout + run.stderr
    return out


def test_examples_use_every_kind() -> None:
    used = {
        word
        for example in KIND_EXAMPLES
        for word in re.findall(
            r"^\s*(?:- )?(\w+):", (example / "goals.yml").read_text("utf-8"), re.M
        )
    }
    assert set(kinds.KIND_NAMES) <= used, "the examples must use every kind"


@pytest.mark.parametrize("example", KIND_EXAMPLES, ids=lambda p: p.name)
def test_a_kind_under_another_name_gives_the_same_reports(example, tmp_path, monkeypatch) -> None:
    """Were any output to ask a goal's kind by name, the renamed kinds would read otherwise."""
    expected = yaml.safe_load((example / "expected.yml").read_text(encoding="utf-8"))
    as_of = str(expected["as_of"])
    data = [tmp_path / path.name for path in example_data(example, expected)]
    for path in data:
        shutil.copyfile(example / path.name, path)
    original = _outputs(example / "goals.yml", data, as_of)
    for name, kind in _renamed_kinds().items():
        monkeypatch.setitem(kinds.KINDS, name, kind)
    goals = tmp_path / "goals.yml"
    goals.write_text(_renamed_goal_file(example / "goals.yml"), encoding="utf-8")
    renamed = _outputs(goals, data, as_of)
    for key, text in renamed.items():
        text = re.sub(rf"\b{PREFIX}(?=({'|'.join(kinds.KIND_NAMES)})\b)", "", text)
        assert text.replace(str(goals), str(example / "goals.yml")) == original[key], key
