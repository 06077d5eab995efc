"""A first data file for a jurisdiction: what `certcli new` writes.

The file is commented for someone who has never written one: the election,
its candidates, the usual deadlines as dates relative to election day (to be
checked against the jurisdiction's law), one recount rule, one tally and three
example claims that hold for that tally. Every figure in it is an example to
replace. Text given on the command line is written as YAML double-quoted
scalars (JSON strings, which YAML 1.2 reads as written), so a name with a
colon, a quote or a `#` stays a name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

# The example figures: the first candidate leads the second by 4 points.
LEADER_VOTES, RUNNER_UP_VOTES, OTHER_VOTES = 52_000, 48_000, 0
# The usual calendar, in days after election day (check them against the law).
LOCAL_CERTIFICATION_DAYS, STATE_CERTIFICATION_DAYS, CERTIFIED_TALLY_DAYS = 14, 21, 20
# The most days after election day that the file's dates reach (the state's
# deadline, then a few business days of the recount window): a later election
# day is refused before its dates leave the calendar.
LATEST_DEADLINE_DAYS = 60


@dataclass(frozen=True)
class Starter:
    """What `certcli new` asks for."""

    jurisdiction: str
    office: str
    election_day: date
    timezone: str
    country: str
    subdivision: str | None = None
    candidates: tuple[tuple[str, str], ...] = (
        ("A", "Candidate A"),
        ("B", "Candidate B"),
    )
    id: str | None = None

    @property
    def election_id(self) -> str:
        """The given id, else the jurisdiction and office as an id, with the year."""
        if self.id:
            return self.id
        words = f"{self.jurisdiction} {self.election_day.year} {self.office}"
        made = slug(words)
        # Names in another script leave only the year: not an id of its own.
        if not re.search("[a-z]", made):
            return f"election-{self.election_day.year}"
        return made


def slug(text: str) -> str:
    """ASCII letters and digits joined by hyphens: "New York 2024" → new-york-2024."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:60]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_./+-]*")
_NOT_TEXT = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _word(text: str) -> str:
    """An id, a time zone or a code as the file writes it: bare when YAML
    reads it back as that text (`georgia-2024`, `America/New_York`), else
    quoted (a number, `NO`, a space, a control character)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _NOT_TEXT:
        return text
    return _quoted(text)


def starter_file(starter: Starter) -> str:
    """The text of the starter file."""
    day = starter.election_day
    (leader, leader_name), (runner_up, _) = starter.candidates[:2]
    total = LEADER_VOTES + RUNNER_UP_VOTES + OTHER_VOTES * (len(starter.candidates) - 2)
    certified_on = day + timedelta(days=CERTIFIED_TALLY_DAYS)
    deadline = day + timedelta(days=STATE_CERTIFICATION_DAYS)
    share = LEADER_VOTES * 100 // total
    calendar = f"country: {_word(starter.country)}" + (
        f", subdivision: {_word(starter.subdivision)}" if starter.subdivision else ""
    )
    votes = ", ".join(
        f"{_quoted(key)}: {figure}"
        for (key, _), figure in zip(
            starter.candidates,
            (LEADER_VOTES, RUNNER_UP_VOTES, *([OTHER_VOTES] * 99)),
            strict=False,
        )
    )
    candidates = "\n".join(
        f"  {_quoted(key)}: {{name: {_quoted(name)}}}"
        for key, name in starter.candidates
    )
    title = f"{day.year} {starter.office} election in {starter.jurisdiction}"
    return f"""\
# certcli data file: {_comment(title)}.
# Written by `certcli new`. Every date rule, figure and quote below is an
# EXAMPLE: replace it with the law, the official tally and what the press
# wrote. Check the file after each change:  certcli check FILE
# The format is described in the manual's "The data file" page
# (https://certcli.github.io/certcli/data-file.html); editors can validate
# as you type with `certcli schema` (a JSON Schema).
format: certcli/1

election:
  id: {_word(starter.election_id)}
  title: {_quoted(title)}
  jurisdiction: {_quoted(starter.jurisdiction)}
  office: {_quoted(starter.office)}
  election_day: {day.isoformat()}
  timezone: {_word(starter.timezone)}        # IANA zone: deadlines at 17:00 are local
  calendar: {{{calendar}}}   # whose public holidays business days skip
  recount_rules:
    # EXAMPLE: a recount a candidate may request when the margin is at most
    # 0.5 % of all votes, within the window below. Use your law's figures.
    - id: requested-recount
      title: Recount on request within 0.5 %
      trigger: on_request              # or: automatic
      margin_percent_at_most: 0.5
      denominator: all_candidates      # or: top_two
      applies_to: certified            # the tally stage that decides it
      request_window: recount-request-window

# The key (left) is how claims and tallies name a candidate.
candidates:
{candidates}

# Where each tally and claim comes from; `published` is a date, or a date and
# time (2024-11-20T16:00:00-05:00) when the source gives one.
sources:
  official-results:
    title: Official results (EXAMPLE)
    publisher: {_quoted(starter.jurisdiction + " election office")}
    published: {certified_on.isoformat()}
  newspaper:
    title: A news report on the certified result (EXAMPLE)
    published: {certified_on.isoformat()}

# The calendar. Dates may be written as rules relative to another event:
# {{after: election-day, days: 14}} or {{after: certification, business_days: 2}}.
events:
  - id: election-day
    title: Election day
    kind: election
    date: {day.isoformat()}
  - id: local-certification-deadline
    title: Counties must certify their results (EXAMPLE rule)
    kind: deadline
    date: {{after: election-day, days: {LOCAL_CERTIFICATION_DAYS}}}
    time: "17:00"
  - id: certification-deadline
    title: The state must certify the result (EXAMPLE rule)
    kind: deadline
    date: {{after: election-day, days: {STATE_CERTIFICATION_DAYS}}}
    time: "17:00"
  - id: certification
    title: The state certifies the result
    kind: certification
    # once it has happened, its date: 2024-11-25
    date: {{after: election-day, days: {CERTIFIED_TALLY_DAYS}}}
    deadline: certification-deadline   # `certcli check` reports a missed deadline
    after: [local-certification-deadline]
  - id: recount-request-window
    title: A candidate may request a recount
    kind: window
    start: {{event: certification}}
    end: {{after: certification, business_days: 2}}
    end_time: "17:00"

# Official figures, each as of a date (or a date and time) from a source.
# A partial tally may give only a `total` or a `margin: {{leader, votes}}`.
tallies:
  - id: certified
    # stage: unofficial, audit, certified, recount or recertified
    stage: certified
    as_of: {certified_on.isoformat()}
    source: official-results
    votes: {{{votes}}}   # EXAMPLE figures

# What was reported, with its exact quote, checked against the tallies and the
# calendar at the precision it was written in ("about 4,000", "52%", "Friday").
claims:
  - id: margin
    source: newspaper
    quote: {_quoted(f"{leader_name} won by {LEADER_VOTES - RUNNER_UP_VOTES:,} votes")}
    metric: margin
    candidate: {_quoted(leader)}
    opponent: {_quoted(runner_up)}
    tally: certified
    stated: "{LEADER_VOTES - RUNNER_UP_VOTES:,}"
  - id: share
    source: newspaper
    quote: {_quoted(f"{leader_name} took {share}% of the vote")}
    metric: share
    candidate: {_quoted(leader)}
    # no `tally:`: the latest tally published by the source's date
    stated: "{share}%"
  - id: deadline-weekday
    source: newspaper
    quote: "The state must certify by {weekday_name(deadline)}"
    metric: weekday
    event: certification-deadline
    stated: "{weekday_name(deadline)}"
"""


def weekday_name(day: date) -> str:
    """The English name of the day (certcli never sets a locale)."""
    return day.strftime("%A")


def _comment(text: str) -> str:
    """Text on one comment line: line breaks and other controls as spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
