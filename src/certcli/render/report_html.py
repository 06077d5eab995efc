"""`certcli report`: a `ReportPage` as one self-contained HTML file.

The page is written by Jinja2 templates (`certcli/render/templates/`) in one
environment with autoescaping on, so that every value from a data file is
escaped for HTML; the environment's `finalize` also passes every printed value
through `certcli.core.text.visible`, so that control and bidi characters show as
what they are. No HTML is put together from strings here.

The page needs nothing from outside: the style sheet is inline, the charts are
inline SVG, there is no script, and a Content-Security-Policy forbids scripts
and every fetch (the style sheet is allowed by its hash).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from certcli.core.text import visible

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from certcli.figures.by_unit import UnitMarginReport
    from certcli.render.page import ReportPage

# Colours of the page. Every pair in CONTRAST_PAIRS is text on a background and
# has a contrast ratio of at least 4.5:1 (tests/test_report.py measures it).
PALETTE = {
    "text": "#1f2328",
    "muted": "#57606a",
    "background": "#ffffff",
    "band": "#f6f8fa",
    "rule": "#d0d7de",
    "link": "#0550ae",
    "consistent": "#1a7f37",
    "inconsistent": "#c4201e",
    "unverifiable": "#57606a",
    "met": "#1a7f37",
    "missed": "#c4201e",
    "open": "#8a5a00",
    "mark": "#fff1a8",
    "accent": "#0550ae",
    "threshold": "#8a5a00",
}
CONTRAST_PAIRS = (
    ("text", "background"),
    ("text", "band"),
    ("text", "mark"),
    ("muted", "background"),
    ("muted", "band"),
    ("link", "background"),
    ("background", "consistent"),
    ("background", "inconsistent"),
    ("background", "unverifiable"),
    ("met", "background"),
    ("missed", "background"),
    ("open", "background"),
    ("met", "band"),
    ("missed", "band"),
    ("open", "band"),
    ("accent", "background"),
    ("threshold", "background"),
)


def _shown(value: Any) -> Any:
    """Every printed value: data text with its control and bidi characters
    spelled out (line feeds kept: in HTML they are spaces). Markup that a
    template built itself is left alone."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value, keep_newlines=True)
    return value


def _unit_rows(units: UnitMarginReport) -> Markup:
    """The rows of the reporting units' table, one `<tr>` per unit.

    Written here rather than as a loop in the template: a page of 176,000
    precincts took the template's loop 30 s. Names are made visible as by
    `_shown` and escaped, as every value the template prints is.
    """
    from markupsafe import Markup, escape

    from certcli.render.margin_table import percent, votes

    def text(value: str) -> str:  # as `_shown`, then escaped
        return str(escape(visible(value, keep_newlines=True)))

    # The figures are digits, signs, commas, "%" or "?", which HTML shows as
    # they are; only the names are data text.
    candidate, opponent = units.candidate, units.opponent
    return Markup(
        "".join(
            '<tr class="unit">\n'
            f'<th scope="row">{text(row.unit)}</th>\n'
            f'<td class="number">{votes(row.votes.get(candidate))}</td>\n'
            f'<td class="number">{votes(row.votes.get(opponent))}</td>\n'
            f'<td class="number optional">{votes(row.total)}</td>\n'
            f'<td class="number">{votes(row.margin, sign=True)}</td>\n'
            '<td class="number optional">'
            f"{percent(row.margin_percent, sign=True)}</td>\n"
            f"<td>{text(row.leader or 'tie')}</td>\n"
            "</tr>\n"
            for row in units.rows
        )
    )


# `code` in a message (the Markdown of the terminal's reports), a date with its
# weekday, time and zone ("Tue 2020-11-24 17:00 EST"), and a whole number of
# four or more digits standing alone (not part of a date, a time or an id).
_CODE = re.compile(r"`([^`\n]+)`")
_DATE = re.compile(
    r"(?:\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* )?\b\d{4}-\d{2}-\d{2}"
    r"(?:[ T]\d{2}:\d{2}(?::\d{2})?(?: [A-Z]{3,5}\b)?)?"
)
_WHOLE = re.compile(r"(?<![\w.,:/-])(-?)(\d{4,})(?=(?:\.\d+)?(?![\w:/-]))")
_BOUNDS = re.compile(r"^([\[(])(.+?), (.+?)([\])])(.*)$", re.DOTALL)


def prose(value: Any) -> Any:
    """Text for the page: made visible, escaped, `code` as code, and dates kept
    on one line (a date never breaks at its hyphens)."""
    from markupsafe import Markup, escape

    if value is None:
        return ""
    text = str(escape(visible(str(value), keep_newlines=True)))
    text = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", text)
    text = _DATE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', text)
    return Markup(text)


def grouped(value: Any) -> str:
    """A computed value or an interval with thousands separators (2,474,507);
    an interval's two ends joined by "to", so that no comma is ambiguous."""
    text = "" if value is None else str(value)
    bounds = _BOUNDS.match(text)
    if bounds is not None:
        opening, low, high, closing, rest = bounds.groups()
        text = f"{opening}{low} to {high}{closing}{rest}"
    return _WHOLE.sub(lambda m: f"{m.group(1)}{int(m.group(2)):,}", text)


@cache
def environment() -> Environment:
    """The one Jinja2 environment of the HTML output: autoescaping always on."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from certcli.core.text import count, plural
    from certcli.render import (
        margin_table,
        margin_units_table,
        timeline_table,
    )
    from certcli.render.charts import STATE_SYMBOL, VERDICT_SYMBOL
    from certcli.render.page import audit_in_words

    env = Environment(
        loader=PackageLoader("certcli.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(prose=prose, grouped=grouped)
    env.globals.update(
        status_phrase=timeline_table.status_phrase,
        when_lines=timeline_table.when_lines,
        moment_phrase=timeline_table.moment_phrase,
        days_phrase=timeline_table.days_phrase,
        footnote=timeline_table.footnote,
        votes=margin_table.votes,
        percent=margin_table.percent,
        when=margin_table.when,
        eligibility=lambda verdict: margin_table.eligibility(verdict)[0],
        units_summary=margin_units_table.summary,
        unit_rows=_unit_rows,
        audit_in_words=audit_in_words,
        plural=plural,
        count=count,
        state_symbol=STATE_SYMBOL,
        verdict_symbol=VERDICT_SYMBOL,
    )
    return env


def style_sheet() -> str:
    """The page's CSS, with the palette filled in."""
    return environment().get_template("report.css").render(palette=PALETTE)


def content_security_policy(css: str) -> str:
    """No script, no fetch of any kind; only the inline style sheet, by hash."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render(page: ReportPage) -> str:
    from markupsafe import Markup

    css = style_sheet()
    return (
        environment()
        .get_template("report.html")
        .render(
            page=page,
            css=Markup(css),
            csp=content_security_policy(css),
            palette=PALETTE,
        )
    )
