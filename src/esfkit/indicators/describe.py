"""Plain-text descriptions of the indicator libraries, for ``esfkit indicators``."""

from __future__ import annotations

import yaml

from esfkit.goalfile.yamlnode import Node
from esfkit.indicators import LIBRARIES, Indicator, library
from esfkit.messages import MESSAGES


def indicator_list(names: tuple[str, ...] = LIBRARIES, lang: str = "sv") -> str:
    """Each library's indicators in one language: in Swedish the library's title and each
    goal's Swedish title, in English its English title and each official name (as the
    regulation writes it); the frame in ``lang``."""
    said = MESSAGES[lang]
    lines = []
    for name in names:
        lib = library(name)
        title = lib.title if lang == "sv" else lib.title_en
        lines.append(f"{name}: {title} ({lib.regulation})")
        for indicator in lib.indicators:
            mark = " " if indicator.verified else "?"
            lines.append(f"  {indicator.code:<7}{mark} {_name(indicator, lang)}")
        lines.append("")
    lines.append(said["indicators.unchecked"])
    lines.append(said["indicators.use"])
    return "\n".join(lines) + "\n"


def indicator_detail(indicator: Indicator, lang: str = "sv") -> str:
    """One indicator: its name, source, the columns it needs and its goal definition; the
    frame in ``lang``."""
    said = MESSAGES[lang]
    lib = library(indicator.library)
    checked = said["indicators.yes" if indicator.verified else "indicators.no"]
    lines = [
        f"{indicator.code}  {indicator.name}",
        "",
        said["indicators.library"].format(name=lib.name, regulation=lib.regulation),
        said["indicators.type"].format(type=indicator.type),
        said["indicators.checked"].format(checked=checked, against=indicator.checked_against),
        said["indicators.code"],
        said["indicators.needs"],
    ]
    needs = [
        said["indicators.outcome_group"].format(group=g, outcomes=lib.outcomes[g])
        for g in indicator.outcomes
    ]
    for key in indicator.columns:
        column = lib.columns[key]
        values = ", ".join(column.values)
        needs.append(said["indicators.column"].format(key=key, header=column.header, values=values))
    if indicator.needs_age:
        needs.append(said["indicators.age"])
    lines += needs or [said["indicators.nothing"]]
    if indicator.outcomes or indicator.type != "output":
        lines += ["", said["indicators.upon_leaving"].format(text=lib.upon_leaving)]
    lines += [
        "",
        said["indicators.definition"],
        _yaml([{"id": indicator.code, **_plain(indicator.goal)}]),
        said["indicators.only"],
        "",
        "  include:",
        f"    {lib.name}:",
        f"      only: [{indicator.code}]",
    ]
    return "\n".join(lines) + "\n"


def _name(indicator: Indicator, lang: str) -> str:
    """The official (English) name, or in Swedish the goal's title without its code."""
    title = _plain(indicator.goal).get("title") if lang == "sv" else None
    if not isinstance(title, str):
        return indicator.name
    return title.removeprefix(indicator.code).strip()


def _plain(node: Node):
    if node.is_mapping:
        return {k: _plain(v) for k, v in node.value.items()}
    if node.is_sequence:
        return [_plain(item) for item in node.value]
    return node.text


def _yaml(value) -> str:
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=90)
    return "\n".join("  " + line for line in text.splitlines()) + "\n"
