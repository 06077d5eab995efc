"""`certcli schema`: the JSON Schema of the data file, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from certcli.output import emit


def json_schema() -> dict[str, Any]:
    """The schema as draft-07, the dialect editors' YAML plugins understand best."""
    from certcli.models import DataFile

    schema = DataFile.model_json_schema(ref_template="#/definitions/{model}")
    schema.pop("$schema", None)
    definitions = schema.pop("$defs", {})
    ordered: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **schema,
    }
    if definitions:
        ordered["definitions"] = definitions
    return ordered


def render() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def execute(*, output: Path | None) -> int:
    emit(render(), output)
    return 0
