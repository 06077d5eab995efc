"""Output formats of each command, in one place so options and renderers agree.

Each registry maps a format name to the "module:function" that renders it; the
module is imported only when that format is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

TIMELINE_RENDERERS = {
    "table": "certcli.render.timeline_table:render",
    "json": "certcli.render.timeline_json:render",
    "markdown": "certcli.render.timeline_markdown:render",
    "ics": "certcli.render.timeline_ics:render",
}
MARGIN_RENDERERS = {
    "table": "certcli.render.margin_table:render",
    "json": "certcli.render.margin_json:render",
}
# `certcli margin --by unit`: the same formats, one row per reporting unit.
MARGIN_UNIT_RENDERERS = {
    "table": "certcli.render.margin_units_table:render",
    "json": "certcli.render.margin_units_json:render",
}
AUDIT_RENDERERS = {
    "table": "certcli.render.audit_table:render",
    "json": "certcli.render.audit_json:render",
}
CHECK_RENDERERS = {
    "text": "certcli.render.check_text:render",
    "json": "certcli.render.check_json:render",
    "github": "certcli.render.check_github:render",
    "sarif": "certcli.render.check_sarif:render",
}
RESULTS_RENDERERS = {
    "table": "certcli.render.results_table:render",
    "json": "certcli.render.results_json:render",
}
SCAN_RENDERERS = {
    "table": "certcli.render.scan_table:render",
    "json": "certcli.render.scan_json:render",
    "yaml": "certcli.render.scan_yaml:render",
}
# The keys of certcli.readers.READERS, written out so that `--help` does not
# import the readers (a test keeps the two the same).
RESULTS_INPUT_FORMATS = ("clarity", "medsl", "openelections", "csv")

TIMELINE_FORMATS = tuple(TIMELINE_RENDERERS)
MARGIN_FORMATS = tuple(MARGIN_RENDERERS)
assert tuple(MARGIN_UNIT_RENDERERS) == MARGIN_FORMATS
AUDIT_FORMATS = tuple(AUDIT_RENDERERS)
CHECK_FORMATS = ("auto", *CHECK_RENDERERS)
RESULTS_FORMATS = tuple(RESULTS_RENDERERS)
SCAN_FORMATS = tuple(SCAN_RENDERERS)
HUMAN_FORMATS = frozenset({"table", "text", "markdown"})
COLOR_CHOICES = ("auto", "always", "never")
STAGES = ("unofficial", "audit", "certified", "recount", "recertified")


def renderer(registry: dict[str, str], name: str) -> Any:
    """The render function registered for `name`."""
    module, _, function = registry[name].partition(":")
    return getattr(import_module(module), function)
