"""Validation: plain located values → the models, each pydantic error worded
as a located `Problem`, then the checks that need the whole file
(`certcli.loaded.references`). All problems are reported at once.
"""

from __future__ import annotations

import re
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from certcli.core.errors import DataError, KeyPath, Problem
from certcli.core.text import did_you_mean, shorten
from certcli.datafile.located import Located, describe_value
from certcli.datafile.models import FORMAT, DataFile
from certcli.loaded.references import check_references


def validate_model(located: Located) -> DataFile:
    """Models from plain values, then the checks that need the whole file."""
    from pydantic import ValidationError

    data = located.data
    if not isinstance(data, dict):
        expected = f"expected a mapping that starts with format: {FORMAT}"
        message = (
            f"the file holds no data; {expected}"
            if data is None
            else f"{expected}, found {describe_value(data)}"
        )
        raise DataError([*located.problems, located.problem((), message)])
    problems: list[Problem] = list(located.problems)
    model = None
    try:
        model = DataFile.model_validate(data)
    except ValidationError as err:
        problems += _validation_problems(err, located)
    flagged = {problem.path for problem in problems}
    problems += [p for p in check_references(located) if p.path not in flagged]
    if problems or model is None:
        raise DataError(problems)
    return model


_EXPECTED = {
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}
_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        "an id (ASCII letters A-Z and a-z, digits, '.', '_' and '-', starting with"
        " a letter or digit)"
    ),
    r"^[A-Z]{2,3}$": "a country code in capitals, e.g. US",
}
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+|[-+]?[0-9]+")


def _validation_problems(err: Any, located: Located) -> list[Problem]:
    problems = []
    for error in err.errors(include_url=False):
        loc: tuple[Any, ...] = error["loc"]
        path, at_key = _data_path(located.data, loc)
        kind = error["type"]
        if kind == "missing":
            # Named by its own path, located at the mapping that lacks it.
            path = (*path, str(loc[-1]))
            message = "required key is missing"
            if path == ("format",):
                message += f"; write format: {FORMAT} at the top of the file"
        elif kind == "extra_forbidden":
            if loc[-1] == "stated" and len(path) == 3 and path[0] == "events":
                # The date the law or the press gives goes with the rule.
                message = (
                    "unknown key 'stated' here: a stated date belongs in the"
                    " date rule, date: {after: …, days: …, stated: YYYY-MM-DD}"
                )
            else:
                message = _unknown_key(
                    str(loc[-1]), _fields_at(located.data, path[:-1])
                )
            at_key = True
        else:
            message = _wrong_value(kind, error)
        problems.append(located.problem(path, message, key=at_key))
    return problems


def _unknown_key(key: str, allowed: list[str]) -> str:
    message = f"unknown key {shorten(key)}" + did_you_mean(key, allowed)
    if allowed:
        message += f" (allowed here: {', '.join(allowed)})"
    return message


def _wrong_value(kind: str, error: Any) -> str:
    """What was expected and what was found, for one pydantic error."""
    found = error.get("input")
    context = error.get("ctx") or {}
    if kind in {"value_error", "assertion_error"}:
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "date_expression":
        shown = (
            "a mapping without event, after or before"
            if isinstance(found, dict)
            else describe_value(found)
        )
        return f"{error['msg']}; found {shown}"
    if kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, found {describe_value(found)}"
        if kind.startswith("int") and isinstance(found, str):
            if _THOUSANDS.fullmatch(found.strip()):
                digits = found.strip().replace(",", "")
                message += f"; write the number without quotes or commas: {digits}"
        elif kind == "string_type" and isinstance(found, (int, Decimal, bool)):
            written = str(found).lower() if isinstance(found, bool) else str(found)
            message += f'; quote it: "{written}"'
        return message
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = {
            "greater_than_equal": ("of at least", "ge"),
            "less_than_equal": ("of at most", "le"),
            "greater_than": ("above", "gt"),
            "less_than": ("below", "lt"),
        }[kind]
        limit = f"{bound[0]} {context.get(bound[1])}"
        return f"expected a number {limit}, found {describe_value(found)}"
    if kind in {"enum", "literal_error"}:
        return f"expected {context.get('expected')}, found {describe_value(found)}"
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern"))
        expected = _PATTERNS.get(pattern, f"text matching {pattern}")
        return f"expected {expected}, found {describe_value(found)}"
    if kind == "string_too_long":
        return (
            f"expected at most {context.get('max_length')} characters,"
            f" found {len(found) if isinstance(found, str) else '?'}"
        )
    message = str(error["msg"])
    return f"{message[:1].lower()}{message[1:]}, found {describe_value(found)}"


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, bool]:
    """The part of a pydantic location that names real keys and indices."""
    path: list[str | int] = []
    current = data
    at_key = False
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int):
            if 0 <= part < len(current):
                path.append(part)
                current = current[part]
        elif part == "[key]":
            at_key = True
    return tuple(path), at_key


def _unwrap(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [inner for arg in get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _fields_at(data: Any, path: KeyPath) -> list[str]:
    """The keys allowed in the mapping at `path`, when the models say so."""
    current: list[Any] = [DataFile]
    for part in path:
        following: list[Any] = []
        for kind in current:
            origin = get_origin(kind)
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                fields = {f.alias or n: f for n, f in kind.model_fields.items()}
                if isinstance(part, str) and part in fields:
                    following += _unwrap(fields[part].annotation)
            elif origin is list and isinstance(part, int):
                following += _unwrap(get_args(kind)[0])
            elif origin is dict and isinstance(part, str):
                following += _unwrap(get_args(kind)[1])
        current = following
    models = [k for k in current if isinstance(k, type) and issubclass(k, BaseModel)]
    if len(models) > 1:
        value = data
        for part in path:
            value = value[part]
        present = set(value) if isinstance(value, dict) else set()
        models = [m for m in models if next(iter(m.model_fields)) in present]
    if len(models) != 1:
        return []
    return [f.alias or n for n, f in models[0].model_fields.items()]


# --- references ---------------------------------------------------------------
#
# These run on the plain values, so that a file with a wrong type in one place
# still has its references checked everywhere else (all problems at once).
