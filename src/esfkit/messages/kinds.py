"""The goal kinds' errors and hints, each as (Swedish, English)."""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    "composition.target_shape": (
        "target ska vara en mappning av värde: procentsats",
        "target must be a mapping of value: percentage",
    ),
    "hint.composition_target": (
        "till exempel target: {{women: 53 %, men: 47 %}}",
        "for example target: {{women: 53 %, men: 47 %}}",
    ),
    "composition.both_bounds": (
        "ett målvärde för sammansättning är antingen ett golv (at_least) eller ett tak "
        "(at_most), inte båda",
        "a composition target is either a floor (at_least) or a ceiling (at_most), not both",
    ),
    "hint.composition_range": (
        "för ett intervall skriv målvärdet och en tolerans: target: {{women: 55 %}}, "
        "tolerance: 5 %",
        "for a range write the target and a tolerance: target: {{women: 55 %}}, tolerance: 5 %",
    ),
    "count.per_without_target": (
        "'per' behöver ett målvärde att multiplicera",
        "'per' needs a target to multiply",
    ),
    "count.per_municipality": (
        "'per: municipality' med ett målvärde per kommun",
        "'per: municipality' with a target per municipality",
    ),
    "hint.per_municipality": (
        "varje kommun har redan sitt eget målvärde; skriv per: year eller ta bort 'per'",
        "each municipality has its own target already; write per: year or leave 'per' out",
    ),
    "mean.unit_for_number": (
        "'unit' gäller tidslängder; '{field}' är ett tal i sig",
        "'unit' is for durations; '{field}' is a number of its own",
    ),
    "hint.mean_unit": (
        "ta bort 'unit', eller ta medelvärdet av en tidslängd: {{days: [start, end]}}",
        "leave 'unit' out, or average a duration: {{days: [start, end]}}",
    ),
    "mean.needs_days": ("'{what}' behöver days: [från, till]", "'{what}' needs days: [from, to]"),
    "hint.mean_days": ("t.ex. {{days: [start, end]}}", "e.g. {{days: [start, end]}}"),
    "mean.two_dates": ("'days' behöver två datum", "'days' needs two dates"),
    "hint.mean_two_dates": (
        "starten och slutet: {{days: [start, Anställd datum]}}",
        "the start and the end: {{days: [start, Anställd datum]}}",
    ),
    "share.own_dimension": (
        "share: {{{field}: {values}}} bryts också ned per {field}, så dess celler för {field} "
        "kan bara bli 100 % eller 0 %",
        "share: {{{field}: {values}}} is broken down by {field} too, so its {field} cells "
        "could only be 100 % or 0 %",
    ),
    "hint.share_own_dimension": (
        "för en andel av deltagarna skriv composition: {field}, target: {{{first}: 60 %}}, "
        "at_least: true; eller behåll andelen och bryt ned den per resten: breakdown: [{rest}]",
        "for a share of the participants write composition: {field}, target: "
        "{{{first}: 60 %}}, at_least: true; or keep the share and break it down by the rest: "
        "breakdown: [{rest}]",
    ),
}
