"""What `certcli report` shows, as data: per file the answers, the two charts,
every claim grouped by its source, and the findings.

Everything here is taken from the library's results — statuses and the next
deadline from `certcli.calendar.status`, margins and recount verdicts from
`certcli.figures.tallies`, claim verdicts and findings from `certcli check`'s report —
and arranged for the page; nothing is computed again. The HTML is written by
`certcli.render.report_html` from a `ReportPage`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from certcli.claims.findings import (
    ClaimResult,
    FileReport,
    Finding,
    Report,
    Summary,
)
from certcli.core.text import visible
from certcli.figures.margins import MarginReport, MarginRow, margin_report
from certcli.figures.recount import RecountVerdict
from certcli.figures.tallies import top_two
from certcli.figures.timeline import TimelineReport
from certcli.figures.timeline import report as timeline_report
from certcli.loaded.contest import moment_of
from certcli.render.charts import (
    LAYOUTS,
    MarginChart,
    TimelineChart,
    margin_chart,
    timeline_chart,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from certcli.audit.report import AuditReport
    from certcli.datafile.models import Election
    from certcli.figures.by_unit import UnitMarginReport
    from certcli.loaded.contest import Contest


# --- pieces of text -----------------------------------------------------------

QuotePart = tuple[str, bool]  # text, and whether it is the stated phrase


def highlight(quote: str, stated: str) -> tuple[QuotePart, ...]:
    """The quote cut around the first occurrence of the stated phrase (any
    case), so that the page can mark it; one unmarked part when it is absent."""
    phrase = stated.strip()
    at = quote.casefold().find(phrase.casefold()) if phrase else -1
    # casefold() can change the length of some letters (ß → ss); then the
    # position would not fit the original quote, so nothing is marked.
    if at < 0 or len(quote.casefold()) != len(quote):
        return ((quote, False),)
    end = at + len(phrase)
    parts = ((quote[:at], False), (quote[at:end], True), (quote[end:], False))
    return tuple(part for part in parts if part[0])


def safe_link(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL that can be a link as written:
    no spaces, no control or bidi characters, a host. Anything else (a
    `javascript:` URL, a relative path) is shown as text, never linked."""
    if url is None or url != url.strip() or any(c.isspace() for c in url):
        return None
    if visible(url) != url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url


# --- the page -----------------------------------------------------------------


@dataclass(frozen=True)
class ClaimEntry:
    result: ClaimResult
    anchor: str  # the element id others can link to
    quote: tuple[QuotePart, ...]
    findings: tuple[Finding, ...]  # the findings about this claim


@dataclass(frozen=True)
class SourceGroup:
    id: str
    title: str | None  # None: the source is not in the file's sources
    publisher: str | None
    published: str | None
    url: str | None  # as written
    link: str | None  # the url, when it is safe to link to
    claims: tuple[ClaimEntry, ...]


@dataclass(frozen=True)
class FileSection:
    """One data file: its answers, charts, claims and findings, or its data
    errors (`report.problems`) when it could not be read."""

    number: int
    anchor: str  # id of the section
    prefix: str  # of every other id in the section: "" when the page has one file
    file: str  # as shown to the user
    report: FileReport
    summary: Summary
    election: Election | None = None
    timeline: TimelineReport | None = None
    timeline_charts: tuple[TimelineChart, ...] = ()
    margin: MarginReport | None = None
    margin_charts: tuple[MarginChart, ...] = ()
    latest: MarginRow | None = None  # the latest tally with a known margin
    units: UnitMarginReport | None = None  # the latest tally with units
    audit: AuditReport | None = None  # `certcli audit` of its default tally
    audit_named: bool = False  # the file names an audit (an event, a tally, a claim)
    later_tallies: int = 0  # tallies after the as-of date, left out of the margin
    recount: tuple[RecountVerdict, ...] = ()  # per rule: the verdict that decides
    sources: tuple[SourceGroup, ...] = ()
    other_findings: tuple[Finding, ...] = ()  # findings not about a claim
    names: tuple[tuple[str, str], ...] = ()  # candidate key, full name
    zone: ZoneInfo | None = None  # the election's

    @property
    def checked(self) -> bool:
        return self.report.checked

    @property
    def claim_ids(self) -> frozenset[str]:
        return frozenset(claim.id for claim in self.report.claims)


@dataclass(frozen=True)
class ReportPage:
    as_of: date
    version: str
    sections: tuple[FileSection, ...]
    summary: Summary  # of every file together
    as_of_note: str | None = None  # why the as-of date is not today, when chosen


# Today is "long after the election" when it is this much after the last date a
# file names; the page is then as of that date, not as of today.
LONG_AFTER = timedelta(days=30)


def last_dated_day(contest: Contest) -> date:
    """The last day the file names: an event's end or a tally's `as_of`."""
    zone = contest.zone
    days = [event.day("end") for event in contest.timeline.events]
    days += [
        moment_of(tally.as_of, zone).astimezone(zone).date()
        for tally in contest.model.tallies
    ]
    return max(days, default=contest.model.election.election_day)


def default_as_of(contests: Sequence[Contest], today: date) -> tuple[date, str | None]:
    """Today, or the last dated day of the files when today is long after it
    (and then why, for the page's header)."""
    if not contests:
        return today, None
    last = max(last_dated_day(contest) for contest in contests)
    if today - last <= LONG_AFTER:
        return today, None
    files = "the file" if len(contests) == 1 else "the files"
    return last, (
        f"the last date in {files}: today, {today.isoformat()}, is long after"
        " it; --as-of chooses another day"
    )


def audit_named(contest: Contest) -> bool:
    """Whether the file names an audit: an event or a tally of kind audit, or a
    claim about an audit's sample."""
    model = contest.model
    return (
        any(event.kind.value == "audit" for event in model.events)
        or any(tally.stage.value == "audit" for tally in model.tallies)
        or any(claim.metric.value == "audit_sample_size" for claim in model.claims)
    )


def audit_in_words(report: AuditReport, named: bool) -> str:
    """The audit for an editor who has not read the manual: what the sample
    would be and whether a full hand count is called for; hypothetical
    ("If a risk-limiting audit were run, …") when the file names no audit."""
    from certcli.audit.bravo import MAX_PAIR_SAMPLE

    audit = report.audit
    opening = "" if named else "If a risk-limiting audit were run: "
    if audit.rule in ("tie", "zero_risk_limit") or audit.asn is None:
        reason = audit.reason[:1].upper() + audit.reason[1:]
        return opening + reason + "."
    margin = audit.margin_percent
    assert margin is not None
    limit = f"{audit.risk_limit.normalize():f} %"
    ninety = audit.one_round[-1].ballots
    sample = (
        f"{ninety:,} ballots, {round(100 * ninety / audit.ballots)} % of all"
        if ninety is not None
        else f"more than {MAX_PAIR_SAMPLE:,} ballots"
    )
    text = (
        f"{opening}with a margin of {margin.quantize(Decimal('0.01'))} % of the"
        f" ballots, an audit that lets a wrong outcome through at most {limit} of"
        f" the time would expect to check {audit.asn:,} ballots by hand, picked at"
        f" random; to be 90 % sure of needing only one round, {sample}"
    )
    text = text[:1].upper() + text[1:]
    if audit.rule == "sample_of_all":
        return text + ": more than were cast, so only a full hand count can confirm"
    if audit.full_hand_count:
        return text + ". That is so many that a full hand count is called for."
    return text + ". A sample, not a full hand count."


def default_candidate(contest: Contest) -> str | None:
    """The leader of the latest tally that names one (most often the winner)."""
    for tally in reversed(contest.tallies_in_time):
        leader, _ = top_two(tally)
        if leader is not None:
            return leader
    return None


def known_by(contest: Contest, as_of: date) -> Callable[[date | datetime], bool]:
    """Whether a tally's `as_of` is at or before the end of the day `as_of`
    (local to the election): what the page may call the latest figures then."""
    end = moment_of(as_of + timedelta(days=1), contest.zone)
    return lambda value: moment_of(value, contest.zone) < end


def unit_margins(
    contest: Contest, candidate: str, as_of: date
) -> UnitMarginReport | None:
    """`certcli margin --by unit` for the latest tally with reporting units
    known by `as_of`; None when there is none, or when its units do not give
    the candidate or the runner-up votes."""
    known = known_by(contest, as_of)
    with_units = [
        t for t in contest.tallies_in_time if t.id in contest.units and known(t.as_of)
    ]
    if not with_units:
        return None
    from certcli.core.errors import UsageError
    from certcli.figures.by_unit import unit_margin_report

    try:
        return unit_margin_report(contest, candidate, tally_id=with_units[-1].id)
    except UsageError:
        return None


def audit_of(contest: Contest, as_of: date) -> AuditReport | None:
    """`certcli audit` as it runs without options; None when it does not apply
    (no tally has votes per candidate) or when its tally is not yet known by
    `as_of`."""
    from certcli.audit.report import audit_report
    from certcli.core.errors import UsageError

    try:
        audit = audit_report(contest)
    except UsageError:
        return None
    return audit if known_by(contest, as_of)(audit.tally.as_of) else None


def deciding_verdicts(
    margin: MarginReport, rows: Sequence[MarginRow] | None = None
) -> tuple[RecountVerdict, ...]:
    """Per recount rule: its verdict on the latest tally of the stage the rule
    applies to, else (indicative) on the latest tally with a known margin;
    among `rows` (default: every tally of `margin`)."""
    history = margin.history if rows is None else rows
    known = [row for row in history if row.margin_votes is not None]
    chosen = []
    for position in range(len(margin.rules)):
        decisive = [
            row.verdicts[position] for row in history if row.verdicts[position].decisive
        ]
        fallback = [row.verdicts[position] for row in known[-1:]]
        if decisive or fallback:
            chosen.append((decisive or fallback)[-1])
    return tuple(chosen)


def _claim_groups(
    contest: Contest, report: FileReport, prefix: str
) -> tuple[tuple[SourceGroup, ...], tuple[Finding, ...]]:
    claim_ids = {claim.id for claim in report.claims}
    about: dict[str, list[Finding]] = {}
    others = []
    for finding in sorted(report.findings, key=lambda f: f.sort_key):
        if finding.subject in claim_ids:
            about.setdefault(finding.subject, []).append(finding)
        else:
            others.append(finding)
    grouped: dict[str, list[ClaimEntry]] = {}
    for claim in report.claims:
        grouped.setdefault(claim.source, []).append(
            ClaimEntry(
                result=claim,
                anchor=f"{prefix}claim-{claim.id}",
                quote=highlight(claim.quote, claim.stated),
                findings=tuple(about.get(claim.id, ())),
            )
        )
    sources = contest.model.sources
    groups = []
    for source_id, entries in grouped.items():
        source = sources.get(source_id)
        groups.append(
            SourceGroup(
                id=source_id,
                title=source.title if source else None,
                publisher=source.publisher if source else None,
                published=source.published.isoformat() if source else None,
                url=source.url if source else None,
                link=safe_link(source.url) if source else None,
                claims=tuple(entries),
            )
        )
    return tuple(groups), tuple(others)


def file_section(
    number: int,
    contest: Contest,
    report: FileReport,
    as_of: date,
    *,
    candidate: str | None = None,
    prefix: str = "",
) -> FileSection:
    """The section of a file that was checked (`report` from `certcli check`)."""
    if not report.checked:
        return failed_section(number, report, prefix)
    timeline = timeline_report(contest, as_of)
    key = candidate if candidate is not None else default_candidate(contest)
    margin = margin_report(contest, key) if key is not None else None
    # The answers at a glance are as of `as_of`: a tally published later is
    # in the chart and the tables, never the "latest" figures of that day.
    known_then = known_by(contest, as_of)
    history = margin.history if margin is not None else ()
    then = [row for row in history if known_then(row.as_of)]
    known = [row for row in then if row.margin_votes is not None]
    # The chart and the table of margins stop at the as-of date too.
    if margin is not None:
        margin = replace(margin, history=tuple(then))
    sources, others = _claim_groups(contest, report, prefix)
    return replace(
        failed_section(number, report, prefix),
        election=contest.model.election,
        timeline=timeline,
        timeline_charts=tuple(
            drawn
            for layout in LAYOUTS
            if (
                drawn := timeline_chart(
                    timeline.events, as_of, timeline.next_deadline, layout
                )
            )
            is not None
        ),
        margin=margin,
        margin_charts=tuple(
            chart
            for layout in LAYOUTS
            if margin is not None
            and (chart := margin_chart(margin, layout)) is not None
        ),
        latest=known[-1] if known else None,
        units=unit_margins(contest, key, as_of) if key is not None else None,
        audit=audit_of(contest, as_of),
        audit_named=audit_named(contest),
        later_tallies=len(history) - len(then),
        recount=deciding_verdicts(margin, then) if margin is not None else (),
        sources=sources,
        other_findings=others,
        names=tuple((k, c.name) for k, c in contest.model.candidates.items()),
        zone=contest.zone,
    )


def failed_section(number: int, report: FileReport, prefix: str = "") -> FileSection:
    """The section of a file that could not be read (its data errors), and the
    start of every other one."""
    return FileSection(
        number=number,
        anchor=f"file-{number}",
        prefix=prefix,
        file=report.file,
        report=report,
        summary=Report(files=(report,)).summary,
    )


def page(
    sections: tuple[FileSection, ...],
    as_of: date,
    version: str,
    as_of_note: str | None = None,
) -> ReportPage:
    return ReportPage(
        as_of=as_of,
        version=version,
        sections=sections,
        summary=Report(files=tuple(s.report for s in sections)).summary,
        as_of_note=as_of_note,
    )
