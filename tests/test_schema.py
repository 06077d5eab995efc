"""The committed JSON Schema is the one the models generate, and it fits the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from certcli.cli import cli
from certcli.commands.schema import render
from certcli.core.errors import DataError
from certcli.datafile.located import parse_yaml, read_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schema" / "certcli.schema.json"
DATA_FILE = ROOT / "data" / "events.yaml"


def _plain(path: Path) -> object:
    """The file as JSON would see it: dates and numbers as YAML wrote them."""
    located = parse_yaml(read_text(path, str(path)), str(path))
    return json.loads(json.dumps(located.data, default=float))


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), (
        "schema/certcli.schema.json is stale: run `certcli schema -o"
        " schema/certcli.schema.json`"
    )


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.output == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_is_draft_07_that_editors_understand() -> None:
    schema = json.loads(render())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


def test_bundled_data_validates_against_schema() -> None:
    schema = json.loads(render())
    jsonschema.Draft7Validator(schema).validate(_plain(DATA_FILE))


def test_data_file_points_editors_at_the_schema() -> None:
    first = DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/certcli.schema.json"


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (lambda d: d["election"].update(colour="blue"), "Additional properties"),
        (lambda d: d["tallies"][0].update(stage="final"), "is not one of"),
        (lambda d: d["events"][0].update(time="25:00"), "not valid under any"),
        (lambda d: d.pop("candidates"), "'candidates' is a required property"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(edit: object, complaint: str) -> None:
    data = _plain(DATA_FILE)
    edit(data)  # type: ignore[operator]
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.Draft7Validator(json.loads(render())).validate(data)


BAD = ROOT / "tests" / "data" / "bad"

# Broken files the schema accepts, and why only certcli can refuse them. A
# schema validator sees the parsed values, not the YAML text, and one value at
# a time, not the file as a whole.
ONLY_CERTCLI = {
    # The YAML text: a validator's YAML reader keeps one of duplicate keys and
    # turns a number key into text before the schema sees them.
    "duplicate-key": "a key given twice",
    "key-not-text": "a key that is a number",
    # References between sections (draft-07 cannot say "one of the ids
    # defined elsewhere in the file").
    "duplicate-id": "two events with one id",
    "unknown-candidate": "votes for a candidate the file does not list",
    "unknown-event": "an event id that does not exist",
    "unknown-source": "a source id that does not exist",
    "unknown-tally": "a tally id that does not exist",
    "date-rule-self": "a date rule that counts from its own event",
    "date-rule-cycle": "date rules that count from each other",
    "claim-forms-references": "a duration's unknown event, a part of a single"
    " date, a leader the file does not list",
    "window-ends-before-start": "a span whose resolved end precedes its start",
    # Lists that belong to the installed packages, not to the format.
    "unknown-country": "a country the holidays package does not know",
    "unknown-subdivision": "a subdivision the holidays package does not know",
    "unknown-zone": "a time zone the installed tzdata does not know",
    # The grammar of stated values (qualifier, number, scale, unit).
    "stated-unparseable": "a stated value certcli cannot read",
    "share-above-100": "a stated share above 100 %",
    # Sums within an entry: a draft-07 schema cannot add up a tally's votes.
    "ballots-below-votes": "fewer ballots than the tally's votes",
    "ballots-below-total": "fewer ballots than the tally's total",
    "claim-forms-stated": "a time, a duration or a leader certcli cannot read",
}


def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        json.loads(render()), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def test_every_bad_file_is_refused_by_the_schema_or_listed() -> None:
    validator = _validator()
    unreadable, accepted = [], []
    for path in sorted(BAD.glob("*.yaml")):
        try:
            data = _plain(path)
        except DataError:
            unreadable.append(path.stem)  # not YAML a validator could read
            continue
        if not list(validator.iter_errors(data)):
            accepted.append(path.stem)
    assert accepted == sorted(ONLY_CERTCLI)
    assert unreadable == [
        "billion-laughs",
        "bom",
        "deep-nesting",
        "huge-number",
        "local-tag",
        "non-utf8",
        "nul-byte",
        "python-tag",
        "syntax-unclosed-bracket",
        "syntax-unclosed-quote",
        "tabs",
        "two-documents",
        "unknown-alias",
    ]


def test_every_property_has_a_description() -> None:
    schema = json.loads(render())
    missing = [
        f"{name}.{field}"
        for name, definition in {"DataFile": schema, **schema["definitions"]}.items()
        for field, prop in definition.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []


def test_descriptions_name_only_fields_that_exist() -> None:
    from certcli.datafile import models
    from certcli.datafile.schema import DESCRIPTIONS

    for name, fields in DESCRIPTIONS.items():
        model = getattr(models, name)
        assert sorted(fields) == sorted(model.model_fields), name


def _claim(**fields: object) -> dict[str, Any]:
    """The bundled file's values (as YAML reads them) with one claim."""
    located = parse_yaml(read_text(DATA_FILE, str(DATA_FILE)), str(DATA_FILE))
    data: dict[str, Any] = located.data
    claim = {"id": "c", "source": "seed-000", "quote": "q", "stated": "1", **fields}
    data["claims"] = [claim]
    return data


@pytest.mark.parametrize(
    ("fields", "valid"),
    [
        ({"metric": "votes", "candidate": "Biden"}, True),
        (
            {"metric": "votes", "candidate": "Biden", "tally": "certified-2020-11-20"},
            True,
        ),
        ({"metric": "votes"}, False),
        ({"metric": "votes", "candidate": None}, False),
        ({"metric": "votes", "candidate": "Biden", "event": "election-day"}, False),
        ({"metric": "units_total"}, True),
        ({"metric": "units_total", "candidate": "Biden"}, False),
        ({"metric": "units_total", "candidate": None}, True),
        ({"metric": "weekday", "event": "election-day", "part": "end"}, True),
        ({"metric": "share", "candidate": "Biden", "part": "end"}, False),
        ({"metric": "margin", "candidate": "Biden", "opponent": "Trump"}, True),
        ({"metric": "recount_eligible", "rule": "requested-recount"}, True),
        ({"metric": "recount_eligible", "candidate": "Biden"}, False),
        ({"metric": "time", "event": "election-day"}, True),
        ({"metric": "time", "tally": "certified-2020-11-20"}, False),
        ({"metric": "duration", "from": "election-day", "to": "recount"}, True),
        ({"metric": "duration", "from": "election-day"}, False),
        ({"metric": "duration", "from_": "election-day", "to": "recount"}, False),
        (
            {
                "metric": "duration",
                "from": "recount",
                "from_part": "start",
                "to": "recount",
                "to_part": "end",
            },
            True,
        ),
        ({"metric": "time", "event": "election-day", "to": "recount"}, False),
        ({"metric": "leader", "tally": "certified-2020-11-20"}, True),
        ({"metric": "leader", "event": "election-day"}, False),
        ({"metric": "weekday", "tally": "certified-2020-11-20"}, True),
        ({"metric": "weekday"}, False),
        ({"metric": "date", "event": "election-day", "tally": "recount"}, False),
        ({"metric": "date", "tally": "certified-2020-11-20", "part": "end"}, False),
    ],
)
def test_schema_knows_what_each_metric_needs_and_forbids(
    fields: dict[str, object], valid: bool
) -> None:
    from certcli.core.errors import DataError as Refused
    from certcli.datafile.models import DataFile

    data = _claim(**fields)
    errors = list(_validator().iter_errors(json.loads(json.dumps(data, default=float))))
    assert (errors == []) is valid
    # The models agree: the schema says no more and no less than they do.
    try:
        DataFile.model_validate(data)
    except (ValueError, Refused):
        accepted = False
    else:
        accepted = True
    assert accepted is valid


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (
            lambda d: d["election"]["recount_rules"][0].update(
                margin_percent_at_most=100.5
            ),
            "is not valid under any",
        ),
        (lambda d: d.update(policy={"about": 101}), "greater than the maximum"),
        (
            lambda d: d["election"]["recount_rules"][0].pop("margin_percent_at_most"),
            "is not valid under any",
        ),
        (
            lambda d: d["events"][0].update(start="2020-11-01", end="2020-11-02"),
            "is valid under each of|is not valid under any",
        ),
    ],
)
def test_schema_enforces_what_draft_07_can(edit: object, complaint: str) -> None:
    data = _plain(DATA_FILE)
    edit(data)  # type: ignore[operator]
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        _validator().validate(data)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "tests" / "data" / "good").glob("*.yaml")),
    ids=lambda path: path.stem,
)
def test_every_good_file_fits_the_stronger_schema(path: Path) -> None:
    assert [error.message for error in _validator().iter_errors(_plain(path))] == []
