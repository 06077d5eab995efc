"""`certcli schema`: the JSON Schema of the data file, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from certcli.core.output import emit
from certcli.core.text import json_text


def json_schema() -> dict[str, Any]:
    """The schema as draft-07, the dialect editors' YAML plugins understand best."""
    from certcli.datafile.schema import json_schema as generated

    return generated()


def render() -> str:
    return json_text(json_schema()) + "\n"


def execute(*, output: Path | None) -> int:
    emit(render(), output)
    return 0
