"""The committed JSON Schema is the one the models generate, and it fits the data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from certcli.cli import cli
from certcli.commands.schema import render
from certcli.located import parse_yaml, read_text

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
