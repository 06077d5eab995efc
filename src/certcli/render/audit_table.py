"""`certcli audit --format table`: the audit in words first, then its figures.

rich is imported here only, when this format is asked for. Text from the data
file goes through `certcli.core.text.visible` before rich sees it.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_EVEN, Decimal, localcontext
from typing import TYPE_CHECKING

from certcli.audit.bravo import MAX_PAIR_SAMPLE, Audit, share_of_ballots
from certcli.audit.report import AuditReport, plain_percent
from certcli.core.text import no_workflow_commands, plural, visible
from certcli.render.console import text_console

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

NONE = "-"


def count(size: int | None) -> str:
    """1,234; a size too large to compute as "> 1,000,000,000"."""
    return f"> {MAX_PAIR_SAMPLE:,}" if size is None else f"{size:,}"


def share_of(part: int | None, whole: int) -> str:
    """part / whole as a percentage, or "-" when either is unknown or 0."""
    if not whole or part is None:
        return NONE
    return share_of_ballots(part, whole)


def margin_words(value: Decimal) -> str:
    """A margin in percent of ballots: two decimals, more when it is smaller
    (two significant digits), trailing zeros dropped; below 10^-6 % in
    e-notation (2.0e-14 %), never rounded to a margin of 0 %."""
    if value and abs(value) < Decimal("0.000001"):
        return f"{value:.1e} %"
    places = Decimal("0.01")
    while value and abs(value) < places * 10 and places > Decimal("1e-6"):
        places /= 10
    return plain_percent(value.quantize(places, rounding=ROUND_HALF_EVEN))


def risk_words(risk: Decimal) -> str:
    """A risk as a percentage, three significant digits; tiny ones in e-notation."""
    with localcontext() as context:
        # A risk such as 1e-1161048 (a big sample) is far below the default
        # context's smallest exponent: multiplied there, it would show as 0.
        context.Emin, context.Emax = MIN_EMIN, MAX_EMAX
        percent = risk * 100
    if percent == 0:
        return "0 %"
    if percent >= Decimal("0.01"):
        digits = Decimal(1).scaleb(percent.adjusted() - 2)
        shown = percent.quantize(digits, rounding=ROUND_HALF_EVEN)
        return f"{shown:f} %"
    return f"{percent:.2e} %"


def summary(report: AuditReport) -> str:
    """The audit in a sentence: what it needs and what Arlo's rule says (raw
    text: the caller makes it visible)."""
    audit = report.audit
    limit = plain_percent(audit.risk_limit)
    if audit.rule in ("tie", "zero_risk_limit") or audit.asn is None:
        return audit.reason[:1].upper() + audit.reason[1:] + "."
    margin = audit.margin_percent
    assert margin is not None
    ninety = audit.one_round[-1].ballots if audit.one_round else None
    if audit.rule == "sample_of_all" and audit.asn >= audit.ballots:
        return (
            f"At a {limit} risk limit and a margin of {margin_words(margin)} of"
            f" ballots, a ballot-polling audit expects to examine {audit.asn:,}"
            f" ballots, more than the {audit.ballots:,} ballots cast: no sample can"
            " be that large, so only a full hand count confirms the outcome."
        )
    text = (
        f"At a {limit} risk limit and a margin of {margin_words(margin)} of ballots,"
        f" a ballot-polling audit expects to examine {audit.asn:,} ballots; for a"
        f" 90 % chance of finishing in one round, "
        + (
            f"{ninety:,} \N{EM DASH} {share_of(ninety, audit.ballots)} of all ballots"
            if ninety is not None
            else f"more than {MAX_PAIR_SAMPLE:,}"
        )
    )
    if audit.rule == "sample_of_all":
        return (
            text + ": no sample can be that large, so only a full hand count"
            " confirms the outcome."
        )
    if audit.full_hand_count:
        return text + ", so Arlo's rule calls for a full hand count."
    return text + f"; Arlo's rule does not call for a full hand count: {audit.reason}."


def _table(first: str, *figures: str) -> Table:
    """A table of one text column and figure columns, none of them wrapped."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(first, no_wrap=True)
    for header in figures:
        table.add_column(header, justify="right", no_wrap=True)
    return table


def _figures(audit: Audit) -> RenderableType:
    table = _table("Figure", "Ballots", "Of all", "Chance of one round")
    table.add_row("Ballots cast", f"{audit.ballots:,}", "100 %", "")
    if audit.asn is not None:
        chance = audit.asn_probability
        table.add_row(
            "Average sample number (ASN)",
            f"{audit.asn:,}",
            share_of(audit.asn, audit.ballots),
            NONE if chance is None else plain_percent(chance * 100),
        )
    for size in audit.one_round:
        table.add_row(
            f"One round, {plain_percent(size.probability * 100)} chance",
            count(size.ballots),
            share_of(size.ballots, audit.ballots),
            plain_percent(size.probability * 100),
        )
    return table


def _pairs(audit: Audit) -> RenderableType:
    table = _table(
        "Winner / other",
        "Votes",
        "Share",
        "ASN",
        *(plain_percent(size.probability * 100) for size in audit.one_round),
    )
    for pair in audit.pairs:
        share = pair.winner_share * 100
        cells = [
            visible(f"{pair.winner} / {pair.loser}"),
            f"{pair.winner_votes:,} / {pair.loser_votes:,}",
            f"{share.quantize(Decimal('0.0001'), rounding=ROUND_HALF_EVEN)} %",
            NONE if pair.asn is None else f"{pair.asn:,}",
        ]
        if audit.one_round:
            cells += [count(size.ballots) for size in pair.one_round] or [
                NONE for _ in audit.one_round
            ]
        table.add_row(*cells)
    return table


def _units(report: AuditReport) -> list[RenderableType]:
    """Each unit's part of the samples, in proportion to its ballots."""
    from rich.text import Text

    audit = report.audit
    kind = report.unit_kind or "unit"
    table = _table(
        kind[:1].upper() + kind[1:],
        "Ballots",
        "ASN",
        *(plain_percent(size.probability * 100) for size in audit.one_round),
    )
    for unit in report.units:
        table.add_row(
            visible(unit.name),
            f"{unit.ballots:,}",
            NONE if unit.asn is None else count(unit.asn),
            *(count(size.ballots) for size in unit.one_round),
        )
    kinds = plural(kind, 2)
    return [
        Text(f"Expected sample per {kind}", style="bold"),
        _words(
            f"Each figure split among the {kinds} in proportion to their"
            f" ballots (their totals), rounded so that the {kinds} add up to it."
        ),
        table,
    ]


def _risk(audit: Audit) -> list[RenderableType]:
    from rich.text import Text

    limit = plain_percent(audit.risk_limit)
    sampled = ", ".join(
        f"{name} {count:,}" for name, count in (audit.sampled or {}).items()
    )
    table = _table("Winner / other", "Sampled", "Risk", f"At most {limit}")
    for pair in audit.pairs:
        if pair.risk is None:
            continue
        table.add_row(
            visible(f"{pair.winner} / {pair.loser}"),
            f"{pair.risk.sampled_winner:,} / {pair.risk.sampled_loser:,}",
            risk_words(pair.risk.risk),
            "yes" if pair.risk.within_limit else "no",
        )
    if audit.may_stop is None:
        verdict = "There is no pair to measure: " + audit.reason + "."
    elif audit.may_stop:
        verdict = f"The audit may stop: the risk is at most {limit} for every pair."
    else:
        verdict = (
            f"The audit may not stop yet: the risk exceeds {limit} for at least"
            " one pair."
        )
    return [
        Text("Measured risk of the sample", style="bold"),
        _words(f"Sampled: {sampled or 'nothing'}."),
        *([table] if audit.pairs else []),
        _words(verdict),
    ]


def render(
    report: AuditReport, *, color: bool = False, width: int | None = None
) -> str:
    """The audit as text; `width` None = 80 columns, or what the tables need."""
    from rich.text import Text

    audit = report.audit
    tally = report.tally
    title = Text(visible(report.election_title), style="bold")
    ballots_from = (
        "ballots as the tally states them"
        if report.ballots_stated
        else "the tally gives no ballots: its total counts as ballots"
    )
    about = _words(
        f"BRAVO ballot-polling audit of tally {tally.id} ({tally.stage.value},"
        f" {_moment(tally.as_of)}): {report.chosen_because}; {ballots_from}."
    )
    parts: list[RenderableType] = [title, about, Text(""), _words(summary(report))]
    parts += [Text(""), _figures(audit)]
    if audit.pairs:
        parts += [Text(""), _pairs(audit)]
    hand = "yes" if audit.full_hand_count else "no"
    parts += [
        Text(""),
        _words(f"Full hand count: {hand}, because {audit.reason}."),
    ]
    if report.units and audit.asn is not None:
        parts += [Text(""), *_units(report)]
    if audit.sampled is not None:
        parts += [Text(""), *_risk(audit)]
    parts += [
        Text(""),
        Text("Method", style="bold"),
        _words(
            "BRAVO (Lindeman & Stark, 2012) as VotingWorks' Arlo computes it: the"
            " winner against every other candidate with votes; each figure is the"
            " largest over those pairs; Share is the winner's part of the pair's votes."
            " Arlo's rule: a full hand count when the"
            " contest is tied, the risk limit is 0, or more than 100,000 ballots"
            " were cast and the 90 % sample is at least 25 % of them; and, in any"
            " contest, when the 90 % sample or the expected sample (ASN) is at"
            " least every ballot cast."
        ),
    ]
    return _print(parts, color, width)


def _moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


def _words(text: str) -> Text:
    """Data-safe prose; wrapped later by `_print`, never inside "25 %"."""
    from rich.text import Text

    return Text(visible(text).replace(" %", _GLUE + "%"), style="prose")


_GLUE = "\N{NO-BREAK SPACE}"


def _print(parts: list[RenderableType], color: bool, width: int | None) -> str:
    """Prose as wide as asked (80 columns without a width), wrapped here at
    spaces so that a number keeps its unit; tables as wide as they need, at
    least that."""
    import textwrap

    from rich.console import Console, Group
    from rich.text import Text

    probe = Console(width=1000, file=io.StringIO(), legacy_windows=False)
    needs = max(
        (probe.measure(part).maximum for part in parts if not isinstance(part, Text)),
        default=0,
    )
    # Prose wraps at the width asked for (80 without one). A table is never
    # narrower than it needs: rich would cut its figures short ("2,461…").
    prose = max(width if width is not None else 80, 40)
    width = max(prose, needs)
    shown: list[RenderableType] = []
    for part in parts:
        if isinstance(part, Text) and part.style == "prose":
            lines = textwrap.wrap(part.plain, prose, break_on_hyphens=False)
            part = Text("\n".join(lines).replace(_GLUE, " "))
        shown.append(part)
    buffer = io.StringIO()
    text_console(buffer, color=color, width=width).print(Group(*shown))
    return no_workflow_commands(
        "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    )
