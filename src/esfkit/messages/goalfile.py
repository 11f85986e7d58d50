"""The goal file's errors and hints, each as (Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    # what a message is about ({what} in goal.* of esfkit.messages)
    "what.goal_file": ("målfilen", "the goal file"),
    "what.goal": ("målet '{id}'", "goal '{id}'"),
    "what.goal_n": ("mål {n}", "goal {n}"),
    "what.goal_kind": ("målet '{id}' ({kind})", "goal '{id}' ({kind})"),
    "what.a_municipality": ("en kommun", "a municipality"),
    "what.a_goal_id": ("ett mål-id", "a goal id"),
    "what.title": ("title", "title"),
    "what.note": ("note", "note"),
    "what.an_age_band": ("ett åldersband", "an age band"),
    "what.a_breakdown": ("en dimension i breakdown", "a breakdown dimension"),
    "what.group_value": (
        "ett värde i avslutsgruppen '{name}'",
        "a value in outcome group '{name}'",
    ),
    "what.gender_for": ("könet för koden '{code}'", "the gender for code '{code}'"),
    "what.sheet_number": ("data.sheet som ett tal", "data.sheet as a number"),
    "what.scope_of": ("avgränsningen (scope) för {label}", "the scope of {label}"),
    "what.key_of": ("'{key}' i {label}", "'{key}' of {label}"),
    "what.key_in": ("'{key}' i {what}", "'{key}' in {what}"),
    "what.condition_on": ("villkoret på '{column}'", "the condition on '{column}'"),
    "what.missing_on": ("'missing' på '{column}'", "'missing' on '{column}'"),
    "what.date_field": ("ett datumfält eller en kolumn", "a date field or column"),
    "what.header_for": ("rubriken för {key}", "the header for {key}"),
    "what.target_for": ("målvärdet för {key}", "target for {key}"),
    "what.include": ("include '{name}'", "include '{name}'"),
    "what.include_columns": ("kolumnerna för include '{name}'", "the columns of include '{name}'"),
    "what.include_targets": ("målvärdena för include '{name}'", "the targets of include '{name}'"),
    # parse.py
    "goal.version": (
        "målfilens version {value} stöds inte",
        "unsupported goal-file version {value}",
    ),
    "hint.version": ("den här esfkit läser version 1", "this esfkit reads version 1"),
    "goal.no_goals": ("målfilen har ingen lista 'goals:'", "the goal file has no 'goals:' list"),
    "hint.no_goals": (
        "lägg till `goals:` med minst ett mål",
        "add `goals:` with at least one goal",
    ),
    "goal.empty_goals": ("'goals' är tom", "'goals' is empty"),
    "hint.empty_goals": ("lägg till minst ett mål", "add at least one goal"),
    "goal.too_many": (
        "målfilen har {n} mål; esfkit läser högst {limit}",
        "the goal file has {n} goals; esfkit reads at most {limit}",
    ),
    "hint.too_many": (
        "en rapport med fler mål än så skulle inte gå att läsa; dela upp filen",
        "a report of more goals than this could not be read; split the file",
    ),
    "goal.end_before_start": (
        "project.end {end} är före project.start {start}",
        "project.end {end} is before project.start {start}",
    ),
    "goal.municipality_twice": (
        "kommunen '{name}' står två gånger",
        "municipality '{name}' is listed twice",
    ),
    "goal.group_circle": (
        "avslutsgrupperna nämner varandra i en cirkel: {cycle}",
        "outcome groups name each other in a circle: {cycle}",
    ),
    "goal.group_depth": (
        "avslutsgrupper nämner grupper mer än {depth} nivåer djupt: {trail}",
        "outcome groups name groups more than {depth} deep: {trail}",
    ),
    "hint.group_depth": ("räkna upp gruppens värden direkt", "list the values of a group directly"),
    "goal.breakdown_twice": (
        "breakdown nämner '{dim}' två gånger",
        "breakdown names '{dim}' twice",
    ),
    "goal.band_form": (
        "åldersbandet '{label}' har inte formen 16-19, -17 eller 55-",
        "age band '{label}' is not of the form 16-19, -17 or 55-",
    ),
    "hint.band_form": (
        "skriv varje band som LÄGST-HÖGST, båda åldrarna medräknade",
        "write each band as LOW-HIGH, both ages included",
    ),
    "goal.band_reversed": (
        "åldersbandet '{label}' slutar innan det börjar",
        "age band '{label}' ends before it starts",
    ),
    "goal.band_overlap": (
        "åldersbandet '{label}' överlappar '{other}'",
        "age band '{label}' overlaps '{other}'",
    ),
    "goal.band_age": (
        "åldersbandet '{label}': en ålder är från 0 till {oldest}",
        "age band '{label}': an age is from 0 to {oldest}",
    ),
    "goal.two_kinds": (
        "{label} har mer än ett slag: {present}",
        "{label} has more than one kind: {present}",
    ),
    "hint.two_kinds": ("ett mål har exakt ett av: {kinds}", "a goal has exactly one of: {kinds}"),
    "goal.no_id": ("{label} har inget 'id'", "{label} has no 'id'"),
    "hint.no_id": (
        "lägg till `id: ett_kort_namn` (används på kommandoraden)",
        "add `id: a_short_name` (used on the command line)",
    ),
    "goal.bad_id": (
        "mål-id:t '{id}' får bara innehålla bokstäver, siffror, '_', '-' och '.'",
        "goal id '{id}' may only hold letters, digits, '_', '-' and '.'",
    ),
    "hint.bad_id": ("till exempel `id: arbete_eller_studier`", "for example `id: job_or_studies`"),
    "goal.half_phase": (
        "{label} har '{given}' men inte '{missing}'",
        "{label} has '{given}' but not '{missing}'",
    ),
    "hint.half_phase": (
        "en fas har båda: from: 2020-01-01 och to: 2020-12-31",
        "a phase has both: from: 2020-01-01 and to: 2020-12-31",
    ),
    "goal.phase_reversed": (
        "'{within}to' {last} i {label} är före dess '{within}from' {first}",
        "'{within}to' {last} of {label} is before its '{within}from' {first}",
    ),
    "goal.period_and": (
        "{label} har både 'period' och '{given}'",
        "{label} has both 'period' and '{given}'",
    ),
    "hint.period_and": (
        "skriv dess fas en gång: period: 2019-H1, eller from: och to:",
        "write its phase once: period: 2019-H1, or from: and to:",
    ),
    "hint.goal_period": (
        "skriv {named}, eller {{from: 2019-01-01, to: 2019-06-30}}",
        "write {named}, or {{from: 2019-01-01, to: 2019-06-30}}",
    ),
    "goal.period_shape": (
        "{what} ska ange en period, inte {value}",
        "{what} must name a period, not {value}",
    ),
    "goal.not_a_period": ("{what} är '{text}', ingen period", "{what} is '{text}', not a period"),
    "goal.period_reason": ("{what} är '{text}': {reason}", "{what} is '{text}': {reason}"),
    "goal.by_before_phase": (
        "'by' för målet '{id}' är {by}, innan dess fas börjar ({start})",
        "'by' of goal '{id}' is {by}, before its phase starts ({start})",
    ),
    "goal.by_without_start": (
        "'by' för målet '{id}' räknar målvärdet från projektets start, men project.start saknas",
        "'by' of goal '{id}' paces the target from the project's start, but project.start is "
        "not given",
    ),
    "hint.by_without_start": (
        "lägg till start: ÅÅÅÅ-MM-DD under project:",
        "add start: YYYY-MM-DD under project:",
    ),
    "goal.by_outside": (
        "'by' för målet '{id}' är {by}, utanför projektet ({start} till {end})",
        "'by' of goal '{id}' is {by}, outside the project ({start} to {end})",
    ),
    "goal.its_end": ("dess slut", "its end"),
    "hint.by_outside": (
        "datumet då ett målvärde ska nås ligger mellan project.start och project.end",
        "the date a target is due lies within project.start and project.end",
    ),
    "goal.kind_key": (
        "{label}: slaget skrivs som nyckeln som håller vad som mäts",
        "{label}: the kind is written as the key that holds what to measure",
    ),
    "hint.kind_key": (
        "till exempel `count: everyone` eller `share: {{exit: work}}` med `of: exited`, i "
        "stället för `kind: count`",
        "for example `count: everyone` or `share: {{exit: work}}` with `of: exited`, instead "
        "of `kind: count`",
    ),
    "goal.unknown_kind": (
        "okänt målslag '{key}' i {label}",
        "unknown goal kind '{key}' in {label}",
    ),
    "hint.did_you_mean_kinds": (
        "menade du '{suggestion}'? Målslag: {kinds}",
        "did you mean '{suggestion}'? Goal kinds: {kinds}",
    ),
    "hint.kinds": ("målslag: {kinds}", "goal kinds: {kinds}"),
    "goal.no_measure": (
        "{label} säger inte vad som ska mätas",
        "{label} does not say what to measure",
    ),
    "hint.no_measure": ("lägg till exakt ett av: {kinds}", "add exactly one of: {kinds}"),
    "goal.id_twice": (
        "mål-id:t '{id}' används två gånger (först på rad {line})",
        "goal id '{id}' is used twice (first at line {line})",
    ),
    "hint.id_twice": ("varje mål behöver ett eget id", "every goal needs its own id"),
    "hint.sheet_number": (
        "det räknar bladen från 1 (det första bladet); eller ange bladets namn",
        "it counts the sheets from 1 (the first sheet); or give the sheet's name",
    ),
    "hint.header_row": (
        "rubrikradens nummer som Excel visar det (1, 2 ...)",
        "the row number of the header as Excel shows it (1, 2 ...)",
    ),
    "hint.suppress_below": (
        "till exempel visar `suppress_below: 5` antal 1-4 som <5",
        "for example `suppress_below: 5` shows counts 1-4 as <5",
    ),
}
SAID.update(
    {
        # filters.py
        "filter.scalar": (
            "{what} ska vara everyone, exited, enrolled eller en mappning som {{Kolumn: Ja}}, "
            "inte {value}",
            "{what} must be everyone, exited, enrolled or a mapping such as {{Kolumn: Ja}}, "
            "not {value}",
        ),
        "hint.did_you_mean": ("menade du '{suggestion}'?", "did you mean '{suggestion}'?"),
        "filter.list": (
            "{what} är en lista; ett filter är en mappning",
            "{what} is a list; a filter is a mapping",
        ),
        "hint.filter_list": (
            "för att kräva flera villkor skriv {{all: [..., ...]}}; för något av dem, "
            "{{any: [...]}}",
            "to require several conditions write {{all: [..., ...]}}; for either, {{any: [...]}}",
        ),
        "filter.empty": ("{what} är en tom mappning", "{what} is an empty mapping"),
        "hint.filter_empty": (
            "skriv `everyone` för att räkna varje deltagare",
            "write `everyone` to count every participant",
        ),
        "filter.needs_one": (
            "'{key}' behöver minst ett filter",
            "'{key}' needs at least one filter",
        ),
        "filter.empty_key": ("en filternyckel kan inte vara tom", "a filter key cannot be empty"),
        "filter.no_values": (
            "listan med värden för '{column}' är tom",
            "the list of values for '{column}' is empty",
        ),
        "filter.value_shape": (
            "ett värde för '{column}' ska vara text eller ett tal, inte {value}",
            "a value for '{column}' must be plain text or a number, not {value}",
        ),
        "hint.filter_compare_alone": (
            "en jämförelse med en annan kolumn står för sig: {{any: [{{{column}: Ja}}, "
            "{{{column}: {{column: ...}}}}]}}",
            "a comparison with another column stands on its own: {{any: [{{{column}: Ja}}, "
            "{{{column}: {{column: ...}}}}]}}",
        ),
        "filter.empty_value": (
            "värdet för '{column}' är tomt",
            "the value for '{column}' is empty",
        ),
        "hint.filter_missing": (
            "för att välja tomma celler skriv {{{column}: {{missing: true}}}}",
            "to select blank cells write {{{column}: {{missing: true}}}}",
        ),
        "hint.quote_text": (
            "för att jämföra text, sätt den inom citattecken: '{text}'",
            "to compare text, quote it: '{text}'",
        ),
        "what.value_for": ("ett värde för '{column}'", "a value for '{column}'"),
        "filter.number_range": (
            "{what} ska vara ett tal från {low} till {high}, inte {value}",
            "{what} must be a number from {low} to {high}, not {value}",
        ),
        "filter.empty_condition": (
            "villkoret på '{column}' är tomt",
            "the condition on '{column}' is empty",
        ),
        "filter.offset_alone": (
            "'{key}' på '{column}' förskjuter en annan kolumn, men ingen 'column' anges",
            "'{key}' on '{column}' shifts another column, but no 'column' is named",
        ),
        "hint.offset_alone": (
            "skriv {{after: {{column: end, {key}: 13 months}}}}",
            "write {{after: {{column: end, {key}: 13 months}}}}",
        ),
        "what.key_on": ("'{key}' på '{column}'", "'{key}' on '{column}'"),
        "what.comparison_on": ("jämförelsen på '{column}'", "the comparison on '{column}'"),
        "filter.no_column": (
            "{what} är en mappning utan 'column'",
            "{what} is a mapping without 'column'",
        ),
        "hint.filter_no_column": (
            "jämför med en annan kolumn: {{{key}: {{column: Kommun}}}}; ett värde skrivs som "
            "det är",
            "compare with another column: {{{key}: {{column: Kommun}}}}; a value is written plain",
        ),
        "filter.empty_column": ("'column' i {what} är tom", "'column' in {what} is empty"),
        "filter.plus_and_minus": (
            "{what} har både 'plus' och 'minus'",
            "{what} has both 'plus' and 'minus'",
        ),
        "hint.one_of_them": ("skriv ett av dem", "write one of them"),
        "hint.offset": (
            "skriv ett heltal och en enhet: 30 days, 2 weeks, 13 months eller 1 year (eller "
            "dagar, veckor, månader, år)",
            "write a whole number and a unit: 30 days, 2 weeks, 13 months or 1 year",
        ),
        "hint.offset_back": (
            "för att gå bakåt i tiden skriv minus: {amount}",
            "to go back in time write minus: {amount}",
        ),
        "filter.offset": (
            "'{key}' i {what} ska vara en tidslängd, inte {value}",
            "'{key}' in {what} must be a length of time, not {value}",
        ),
        "filter.offset_large": (
            "'{key}' i {what} får vara högst {largest} {unit}, inte {value}",
            "'{key}' in {what} must be at most {largest} {unit}, not {value}",
        ),
        "filter.bound": (
            "'{key}' på '{column}' ska vara ett tal eller ett datum (ÅÅÅÅ-MM-DD), inte {value}",
            "'{key}' on '{column}' must be a number or a date (YYYY-MM-DD), not {value}",
        ),
        "filter.bound_date": (
            "'{key}' på '{column}' jämför datum; skriv ett datum som 2021-01-01",
            "'{key}' on '{column}' compares dates; write a date such as 2021-01-01",
        ),
    }
)
SAID.update(
    {
        # targets.py
        "what.target": ("target", "target"),
        "what.target_of": ("target för {name}", "target of {name}"),
        "what.target_key": ("{target} för {key}", "{target} for {key}"),
        "target.small": (
            "{what} ska vara 0 eller minst {smallest}, inte {value}",
            "{what} must be 0 or at least {smallest}, not {value}",
        ),
        "target.unknown_key": ("okänd nyckel '{key}' i target", "unknown key '{key}' in target"),
        "target.empty": ("{what} är tomt", "{what} is empty"),
        "hint.target_empty": (
            "skriv ett tal, eller ett per kön: {{women: 10, men: 8}}",
            "write a number, or one per gender: {{women: 10, men: 8}}",
        ),
        "target.mixed": (
            "target blandar ett kön ('{gender}') med kommuner",
            "target mixes a gender ('{gender}') with municipalities",
        ),
        "hint.target_mixed": (
            "per kommun och kön skriv {{Kiruna: {{women: 30, men: 30}}}}",
            "per municipality and gender write {{Kiruna: {{women: 30, men: 30}}}}",
        ),
        "target.municipality_twice": (
            "target nämner kommunen '{name}' två gånger ('{first}')",
            "target names municipality '{name}' twice ('{first}')",
        ),
        "target.needs_municipalities": (
            "ett målvärde per kommun ('{name}') kräver project.municipalities",
            "a target per municipality ('{name}') needs project.municipalities",
        ),
        "hint.needs_municipalities": (
            "räkna upp dem under project: municipalities: [Kiruna, Gällivare, Pajala]",
            "list them under project: municipalities: [Kiruna, Gällivare, Pajala]",
        ),
        "target.undeclared": (
            "target nämner kommunen '{name}', som inte finns i project.municipalities",
            "target names municipality '{name}', which is not in project.municipalities",
        ),
        # yamlnode.py
        "yaml.not_utf8": (
            "{file} är inte UTF-8-text (byte {byte})",
            "{file} is not UTF-8 text (byte {byte})",
        ),
        "hint.not_utf8": ("spara målfilen som UTF-8", "save the goal file as UTF-8"),
        "yaml.too_deep": (
            "målfilen är nästlad mer än {depth} nivåer djupt här",
            "the goal file is nested more than {depth} levels deep here",
        ),
        "hint.too_deep": (
            "listor och mappningar i varandra: en målfil behöver några nivåer (ett filters all, "
            "any och not), aldrig så här många",
            "lists and mappings inside each other: a goal file needs a few levels (a filter's "
            "all, any and not), never this many",
        ),
        "yaml.invalid": ("ogiltig YAML: {problem}", "invalid YAML: {problem}"),
        "hint.invalid_yaml": (
            "kontrollera indraget och att varje 'nyckel: värde' har ett mellanslag efter kolonet",
            "check indentation and that every 'key: value' has a space after the colon",
        ),
        "yaml.empty_file": ("målfilen är tom", "the goal file is empty"),
        "yaml.alias": (
            "YAML-ankare och alias (&namn, *namn) stöds inte",
            "YAML anchors and aliases (&name, *name) are not supported",
        ),
        "hint.alias": ("skriv ut värdet i sin helhet", "write the value out in full"),
        "yaml.too_many_items": (
            "en lista eller mappning med {n} poster; esfkit läser högst {limit}",
            "a list or mapping of {n} entries; esfkit reads at most {limit}",
        ),
        "hint.right_file": ("är det här rätt fil?", "is this the right file?"),
        "yaml.merge_key": (
            "YAML-sammanslagningsnycklar (<<) stöds inte",
            "YAML merge keys (<<) are not supported",
        ),
        "yaml.key_text": ("en nyckel måste vara vanlig text", "a key must be plain text"),
        "yaml.duplicate_key": (
            "nyckeln '{key}' står två gånger (först på rad {line})",
            "duplicate key '{key}' (first written at line {line})",
        ),
        "hint.duplicate_key": (
            "varje nyckel får stå en gång i en mappning; ta bort eller byt namn på en",
            "each key may appear once in a mapping; remove or rename one",
        ),
        "yaml.unreadable_value": (
            "kan inte läsa värdet {value}: {why}",
            "cannot read value {value}: {why}",
        ),
    }
)
SAID.update(
    {
        "offset.days": ("dagar", "days"),
        "offset.weeks": ("veckor", "weeks"),
        "offset.months": ("månader", "months"),
        "offset.years": ("år", "years"),
    }
)
SAID.update(
    {
        # PyYAML's most common problems, said in both languages (others as PyYAML says them)
        "yaml.problem.tab": (
            "ett tabbtecken, som YAML inte tillåter i indrag (använd mellanslag)",
            "a tab character, which YAML does not allow in indentation (use spaces)",
        ),
        "yaml.problem.mapping_value": (
            "ett 'nyckel: värde' står där det inte får stå (ett kolon för mycket, eller ett "
            "värde som behöver citattecken?)",
            "a 'key: value' where none may stand (one colon too many, or a value that needs "
            "quotes?)",
        ),
        "yaml.problem.block_end": (
            "indraget stämmer inte med raderna ovanför",
            "the indentation does not match the lines above",
        ),
        "yaml.problem.flow_end": (
            "en lista [ ... ] eller mappning {{ ... }} som aldrig stängs",
            "a list [ ... ] or mapping {{ ... }} that is never closed",
        ),
        "yaml.problem.quote": (
            "ett citattecken som aldrig stängs",
            "a quotation mark that is never closed",
        ),
    }
)
