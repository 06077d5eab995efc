"""The JSON Schema of the data file: pydantic's, with what an editor needs.

`DESCRIPTIONS` says what every field of `certcli.datafile.models` means; it is
the one source of the schema's `description`s and of the field reference in
docs/data-file.md (`python scripts/update_docs.py`), and a test fails when a
model gains a field without one. The descriptions live here rather than on the
models so that importing the models, which every command does, pays nothing
for them.

`json_schema()` adds what draft-07 can say beyond the types, from the same
tables the models validate with: percent limits up to 100, exactly one of
`days` and `business_days`, a date or a start and an end, at least one limit
per recount rule, and per claim metric the fields it needs and those it must
not have. What needs the whole file (references, cycles, dates that resolve)
is left to certcli.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"

_ID = "An id: letters, digits, '.', '_' and '-', starting with a letter or digit."
_DATE_RULE_STATED = (
    "A date a source gives for this rule (YYYY-MM-DD); `certcli check` reports"
    " it when the rule gives another day."
)
_PART = "Which end of a span to use: start or end."

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "DataFile": {
        "format": "The version of the data format: `certcli/1`.",
        "election": "The contest: its id, title, day, time zone, holiday calendar"
        " and recount rules.",
        "electoral_college": "The electoral college (for presidential contests):"
        " electors in total, needed to win, and projections of them.",
        "candidates": "The candidates, by key (used in tallies and claims).",
        "sources": "The documents figures and dates come from, by id.",
        "events": "The calendar: elections, deadlines, certifications, windows,"
        " audits, recounts and runoffs.",
        "tallies": "Official and unofficial counts of the votes, in time order.",
        "claims": "Figures, dates and weekdays that sources reported, each"
        " checked by `certcli check`.",
        "policy": "Tolerances of the qualifiers in stated values, in percent,"
        ' and the time "close of business" stands for.',
    },
    "Election": {
        "id": "The contest's id; it makes calendar UIDs unique. " + _ID,
        "title": "The contest's name, as reports show it.",
        "jurisdiction": "The state, county or city that holds the election.",
        "office": "The office at stake.",
        "election_day": "Election day (YYYY-MM-DD).",
        "timezone": "The IANA time zone every date and time is local to"
        " (America/New_York).",
        "calendar": "The holiday calendar of business days.",
        "reporting_units": "The units that certify results (counties) and how"
        " many there are.",
        "electoral_votes": "The electoral votes the jurisdiction casts.",
        "recount_rules": "The recount laws that apply, each with its margin limit.",
    },
    "Calendar": {
        "country": "ISO country code of the `holidays` package (US).",
        "subdivision": "State or province code within the country (GA), if its"
        " holidays differ.",
    },
    "ReportingUnits": {
        "kind": "What a unit is: county, precinct, township…",
        "count": "How many units there are (at least 1).",
    },
    "RecountRule": {
        "id": "The rule's id; claims name it in `rule:`. " + _ID,
        "title": "A short name of the rule.",
        "trigger": "`on_request`: a candidate may ask for a recount;"
        " `automatic`: it happens by law.",
        "margin_percent_at_most": "The largest margin, in percent of the"
        " denominator, that still qualifies (0 to 100).",
        "margin_votes_at_most": "The largest margin in votes that still"
        " qualifies. With both limits, both must hold.",
        "denominator": "What the percent is of: `all_candidates` (the total) or"
        " `top_two` (the two leading candidates' votes).",
        "applies_to": "The tally stage whose margin decides (certified).",
        "request_window": "Id of the window event in which a recount may be requested.",
        "citation": "The law, e.g. O.C.G.A. § 21-2-495(c).",
        "note": "Anything a reader should know about the rule.",
    },
    "ElectoralCollege": {
        "total": "Electors in total (538).",
        "needed": "Electors needed to win (270).",
        "projections": "Projected electors per candidate, by date.",
    },
    "Projection": {
        "as_of": "The day of the projection (YYYY-MM-DD).",
        "source": "Id of the source that made it.",
        "electors": "Projected electors by candidate key.",
    },
    "Candidate": {
        "name": "The candidate's full name.",
        "party": "The candidate's party.",
    },
    "Source": {
        "title": "The document's title or headline.",
        "publisher": "Who published it.",
        "published": "When it was published: a date, or a date-time with its"
        " offset. Claims without `tally:` use the latest tally before it.",
        "document": "A file name of a local copy; `certcli check --articles DIR`"
        " scans the file of that name in DIR.",
        "file": "The article's file (text, Markdown or HTML), relative to the"
        " data file: `certcli check` scans it for figures in no claim's quote and"
        " for claims whose quote it lacks.",
        "url": "Where it was published.",
        "note": "Anything a reader should know about the source.",
    },
    "Event": {
        "id": "The event's id; rules, deadlines and claims name it. " + _ID,
        "title": "What happens, as calendars show it.",
        "kind": "election, deadline, certification, window, audit, recount,"
        " runoff or other.",
        "date": "The day of a single-day event: a date (YYYY-MM-DD) or a rule"
        " ({event: ID}, {after: ID, days: N}, {after: ID, business_days: N},"
        " {before: ID, days: N}). Give either date or start and end.",
        "time": 'The local time of a single-day event, quoted: "17:00".',
        "start": "The first day of a span (window, audit, recount): a date or a"
        " rule, as for date.",
        "start_time": "The local time the span starts.",
        "end": "The last day of a span: a date or a rule, as for date.",
        "end_time": 'The local time the span ends, quoted: "17:00".',
        "deadline": "Id of the deadline this action must meet.",
        "after": "Ids of events this one must not start before.",
        "sources": "Ids of the sources for this event.",
        "citation": "The law or rule that sets the date.",
        "note": "Anything a reader should know about the event.",
    },
    "EventDate": {
        "event": "The same day as this event.",
        "part": _PART + " Default: start.",
        "stated": _DATE_RULE_STATED,
    },
    "AfterDate": {
        "after": "The event counted from (its end, unless part: start).",
        "days": "Calendar days after it. Give days or business_days.",
        "business_days": "Working days after it on the election's calendar (the"
        " anchor day not counted). Give days or business_days.",
        "part": _PART + " Default: end.",
        "stated": _DATE_RULE_STATED,
    },
    "BeforeDate": {
        "before": "The event counted back from (its start, unless part: end).",
        "days": "Calendar days before it.",
        "part": _PART + " Default: start.",
        "stated": _DATE_RULE_STATED,
    },
    "Tally": {
        "id": "The tally's id; claims name it in `tally:`. " + _ID,
        "stage": "unofficial, audit, certified, recount or recertified.",
        "as_of": "When the tally stood: a date, or a date-time with its offset.",
        "source": "Id of the source that reported it.",
        "votes": "Votes by candidate key. Leave it out for a partial tally.",
        "total": "Total votes, when the source gives it (it may include write-ins).",
        "ballots": "Ballots cast in the contest, blank and over-voted ones"
        " included (default: the total); `certcli audit` samples from them. At"
        " least the votes and the total.",
        "margin": "The margin a source reported, for a tally without votes.",
        "units_certified": "Reporting units certified by then.",
        "units": "The tally per reporting unit: unit name → candidate key → votes;"
        " a unit may also give `other` (votes for no candidate) and `total`."
        " Without `votes`, the tally's votes and total are the sums.",
        "results": "The tally per reporting unit, read from an official results"
        " file (instead of `units`).",
        "note": "Anything a reader should know about the tally.",
    },
    "Results": {
        "file": "The results file, relative to the data file, in its folder or"
        " below it.",
        "format": "The file's format: clarity, medsl, openelections or csv.",
        "contest": "The contest's name as the file writes it (clarity, medsl"
        " and openelections; not for csv). In an OpenElections primary a"
        ' contest is also its party: "President (DEM)".',
        "contest_number": "When `contest` names several contests (two named"
        ' "Governor"): which one, counting from 1 in file order, as a whole'
        ' number (`2`; `"2"`, `2.0` and `true` are refused). `certcli'
        " results` writes it when it is needed.",
        "candidates": "Candidate key → the name the file gives the candidate (or"
        " a list of names, summed). Unmapped choices match a candidate's key or"
        " name.",
        "other": "Choices that are votes for no candidate (write-ins): counted"
        " in the totals only. Write-ins given as one figure (Write-ins, Write-In"
        " Totals, Scattering) are counted so unless mapped.",
        "ignore": "Choices or columns that are not votes at all (codes, margins).",
        "unit_column": "csv and openelections: the column that names the units"
        " (default: csv, the first; openelections, precinct, ward or county).",
        "year": "medsl: the year of the rows to read.",
        "state": "medsl: the state of the rows to read, by name or postal code.",
        "total_column": "csv: the column of each unit's total (default: a column"
        " named total, if any).",
    },
    "ReportedMargin": {
        "leader": "Key of the leading candidate.",
        "votes": "The lead in votes.",
        "opponent": "Key of the trailing candidate, when the source names one.",
    },
    "Claim": {
        "id": "The claim's id. " + _ID,
        "source": "Id of the source that made the claim.",
        "quote": "The sentence, verbatim.",
        "metric": "What the claim measures: votes, share, margin,"
        " margin_percent, total, units_certified, units_total, electoral_votes,"
        " electoral_surplus, state_electoral_votes, date, weekday,"
        " recount_eligible, units_won, units_changed, units_flipped,"
        " audit_sample_size, time, duration or leader. Each needs and forbids"
        " some of candidate, opponent, tally, event, part, rule, unit,"
        " from_tally, risk_limit, probability, from, to, from_part and to_part.",
        "stated": 'The figure as written, normalised only to digits: "49.5%",'
        ' "about 5 million", "Friday", "Nov. 20", "yes", "5 p.m. Saturday",'
        ' "2 business days", "Joe Biden".',
        "candidate": "Key of the candidate the figure is about.",
        "opponent": "Key of the opponent of a margin (default: the strongest"
        " other candidate).",
        "tally": "Id of the tally the figure comes from (default: the latest"
        " before the source was published).",
        "event": "Id of the event a date, weekday or time is about.",
        "part": "Which end of a span the date, weekday or time is about: start or end.",
        "rule": "Id of the recount rule (default: the first).",
        "unit": "The reporting unit the figure is about (votes, share, margin,"
        " margin_percent, total, leader), in the tally's units.",
        "from_tally": "Id of the earlier tally a units_changed or units_flipped"
        " claim compares with.",
        "risk_limit": "The risk limit of an audit_sample_size claim, in percent,"
        " at least 0 and under 100 (default 10).",
        "probability": "Which sample an audit_sample_size claim is about: asn"
        " (the average sample number), or 0.7, 0.8 or 0.9 (the sample for that"
        " chance of finishing in one round; default 0.9).",
        "from_": "Id of the event a duration starts at.",
        "to": "Id of the event a duration ends at.",
        "from_part": "Which end of the `from` span a duration counts from"
        " (default: end).",
        "to_part": "Which end of the `to` span a duration counts to (default: start).",
        "expect": "A verdict the file's authors accept (consistent,"
        " inconsistent, unverifiable); give a note why.",
        "note": "Why the verdict is pinned, or anything a reader should know.",
    },
    "Policy": {
        "about": 'Tolerance of "about", "approximately", "around": ± this'
        " percent of the stated value (default 5).",
        "almost_exactly": 'Tolerance of "almost exactly": ± this percent (default 1).',
        "nearly": 'How far below the stated value "nearly" reaches, in percent'
        " (default 10).",
        "just_over": 'How far above the stated value "just over" reaches, in'
        " percent (default 5).",
        "close_of_business": 'The local time "close of business" stands for in'
        ' time claims, "HH:MM" (default "17:00").',
    },
}


def json_schema() -> dict[str, Any]:
    """The data file's schema as draft-07, the dialect editors' YAML plugins
    understand best, with descriptions and the constraints above."""
    from certcli.datafile.metrics import METRIC_FIELDS, METRICS, field_name
    from certcli.datafile.models import DataFile, Policy

    schema = DataFile.model_json_schema(ref_template="#/definitions/{model}")
    schema.pop("$schema", None)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    for name, definition in {"DataFile": schema, **definitions}.items():
        for field, prop in definition.get("properties", {}).items():
            docs = DESCRIPTIONS.get(name, {})
            text = docs.get(field, docs.get(f"{field}_"))  # `from` is `from_`
            if text is not None:
                prop["description"] = text
    _percent_limits(definitions)
    policy = schema["properties"]["policy"]
    policy["default"] = {
        key: f"{Policy().close_of_business:%H:%M}"
        if key == "close_of_business"
        else _number(value)
        for key, value in policy["default"].items()
    }
    definitions["AfterDate"]["oneOf"] = [
        {"required": ["days"], "properties": {"business_days": {"type": "null"}}},
        {"required": ["business_days"], "properties": {"days": {"type": "null"}}},
    ]
    definitions["Event"]["oneOf"] = [
        {
            "required": ["date"],
            "properties": {
                key: {"type": "null"}
                for key in ("start", "end", "start_time", "end_time")
            },
        },
        {
            "required": ["start", "end"],
            "properties": {key: {"type": "null"} for key in ("date", "time")},
        },
    ]
    definitions["RecountRule"]["anyOf"] = [
        {
            "required": [limit],
            "properties": {limit: {"not": {"type": "null"}}},
        }
        for limit in ("margin_percent_at_most", "margin_votes_at_most")
    ]
    risk_limit = definitions["Claim"]["properties"]["risk_limit"]
    for choice in risk_limit.get("anyOf", [risk_limit]):
        if choice.get("type") == "number":
            choice["minimum"] = 0
            choice["exclusiveMaximum"] = 100
    definitions["Claim"]["allOf"] = [
        {
            "if": {"properties": {"metric": {"const": metric.value}}},
            "then": {
                "required": [field_name(n) for n in row.needs if n != "tally"],
                "properties": {
                    **{
                        field_name(need): {"not": {"type": "null"}}
                        for need in row.needs
                        if need != "tally"
                    },
                    **{
                        field_name(field): {"type": "null"}
                        for field in METRIC_FIELDS
                        if field not in row.allowed
                    },
                },
                **_one_of(row.one_of),
            },
        }
        for metric, row in METRICS.items()
    ]
    ordered: dict[str, Any] = {"$schema": SCHEMA_DIALECT, **schema}
    if definitions:
        ordered["definitions"] = definitions
    return ordered


def _one_of(choices: tuple[str, ...]) -> dict[str, Any]:
    """Exactly one of these fields (a day of an event or of a tally); `part`
    only with the event."""
    if not choices:
        return {}
    return {
        "oneOf": [
            {
                "required": [choice],
                "properties": {
                    choice: {"not": {"type": "null"}},
                    **{
                        other: {"type": "null"}
                        for other in (*choices, "part")
                        if other != choice and (other, choice) != ("part", "event")
                    },
                },
            }
            for choice in choices
        ]
    }


def _percent_limits(definitions: dict[str, Any]) -> None:
    """Percents are 0 to 100; pydantic's schema of the Decimal loses that."""
    percents = {
        "RecountRule": ("margin_percent_at_most",),
        "Policy": ("about", "almost_exactly", "nearly", "just_over"),
    }
    for name, fields in percents.items():
        for field in fields:
            prop = definitions[name]["properties"][field]
            for choice in prop.get("anyOf", [prop]):
                if choice.get("type") == "number":
                    choice["minimum"] = 0
                    choice["maximum"] = 100
            if isinstance(prop.get("default"), str):
                prop["default"] = _number(prop["default"])


def _number(text: str) -> int | float:
    """A default pydantic wrote as a decimal string, as the number it is."""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def fields_markdown() -> str:
    """docs/data-file.md's field reference: one row per field of every section."""
    from certcli.datafile.models import (
        AfterDate,
        BeforeDate,
        Calendar,
        Candidate,
        Claim,
        DataFile,
        Election,
        ElectoralCollege,
        Event,
        EventDate,
        Policy,
        Projection,
        RecountRule,
        ReportedMargin,
        ReportingUnits,
        Results,
        Source,
        Tally,
    )

    sections = (
        ("(top level)", DataFile),
        ("election", Election),
        ("election.calendar", Calendar),
        ("election.reporting_units", ReportingUnits),
        ("election.recount_rules[]", RecountRule),
        ("electoral_college", ElectoralCollege),
        ("electoral_college.projections[]", Projection),
        ("candidates.KEY", Candidate),
        ("sources.ID", Source),
        ("events[]", Event),
        ("{event: ID}", EventDate),
        ("{after: ID, …}", AfterDate),
        ("{before: ID, …}", BeforeDate),
        ("tallies[]", Tally),
        ("tallies[].margin", ReportedMargin),
        ("tallies[].results", Results),
        ("claims[]", Claim),
        ("policy", Policy),
    )
    lines = ["| section | field | required | meaning |", "|---|---|---|---|"]
    for section, model in sections:
        docs = DESCRIPTIONS[model.__name__]
        for name, info in model.model_fields.items():
            text = docs[name].replace("|", "\\|")
            required = "yes" if info.is_required() else ""
            shown = info.alias or name
            lines.append(f"| `{section}` | `{shown}` | {required} | {text} |")
    return "\n".join(lines) + "\n"
