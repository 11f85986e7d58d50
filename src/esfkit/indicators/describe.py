"""Plain-text descriptions of the indicator libraries, for ``esfkit indicators``."""

from __future__ import annotations

import yaml

from esfkit.goalfile.yamlnode import Node
from esfkit.indicators import LIBRARIES, Indicator, library


def indicator_list(names: tuple[str, ...] = LIBRARIES) -> str:
    lines = []
    for name in names:
        lib = library(name)
        lines.append(f"{name}: {lib.title} ({lib.regulation})")
        for indicator in lib.indicators:
            mark = " " if indicator.verified else "?"
            lines.append(f"  {indicator.code:<7}{mark} {indicator.name}")
        lines.append("")
    lines.append("? = the name was not checked against the regulation's text (see `show`).")
    lines.append(
        "Use them with `include: esf-plus` in the goal file; details: esfkit indicators show CODE"
    )
    return "\n".join(lines) + "\n"


def indicator_detail(indicator: Indicator) -> str:
    lib = library(indicator.library)
    checked = "yes" if indicator.verified else "NO"
    lines = [
        f"{indicator.code}  {indicator.name}",
        "",
        f"library:      {lib.name} ({lib.regulation})",
        f"type:         {indicator.type} indicator",
        f"name checked against the regulation: {checked} — {indicator.checked_against}",
        "code:         the Commission's monitoring code, not in the regulation; not checked",
        "needs:",
    ]
    needs = [f"  outcome group {g}: {lib.outcomes[g]}" for g in indicator.outcomes]
    for key in indicator.columns:
        column = lib.columns[key]
        needs.append(
            f"  column {key} (default header '{column.header}'), values: "
            + ", ".join(column.values)
        )
    if indicator.needs_age:
        needs.append("  age: a birth date column (data.columns.birth_date) or a personnummer id")
    lines += needs or ["  nothing beyond the participant list"]
    if indicator.outcomes or indicator.type != "output":
        lines += ["", "upon leaving: " + lib.upon_leaving]
    lines += [
        "",
        "goal definition (column keys become your headers when included):",
        _yaml([{"id": indicator.code, **_plain(indicator.goal)}]),
        "to include only this indicator:",
        "",
        "  include:",
        f"    {lib.name}:",
        f"      only: [{indicator.code}]",
    ]
    return "\n".join(lines) + "\n"


def _plain(node: Node):
    if node.is_mapping:
        return {k: _plain(v) for k, v in node.value.items()}
    if node.is_sequence:
        return [_plain(item) for item in node.value]
    return node.text


def _yaml(value) -> str:
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=90)
    return "\n".join("  " + line for line in text.splitlines()) + "\n"
