"""The claim metrics: one row per metric.

A row says which fields of a claim the metric needs and which it allows, and
what its stated value is (a count, a percent, a date...) with the parser that
reads it. The models, the schema and validation read this table; how a
metric's value is computed from the file is registered for each metric in
`certcli.claims.verdicts`. A new metric is one row here and one function
there (tests/test_metrics.py walks every row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache

from certcli.datafile.stated import (
    ANSWER,
    CANDIDATE,
    COUNT,
    DATE,
    DIFFERENCE,
    DURATION,
    MARGIN_PERCENT,
    SHARE,
    TIME,
    WEEKDAY,
    StatedForm,
    StatedValue,
    Tolerances,
)


class Metric(str, Enum):
    votes = "votes"
    share = "share"
    margin = "margin"
    margin_percent = "margin_percent"
    total = "total"
    units_certified = "units_certified"
    units_total = "units_total"
    electoral_votes = "electoral_votes"
    electoral_surplus = "electoral_surplus"
    state_electoral_votes = "state_electoral_votes"
    date = "date"
    weekday = "weekday"
    recount_eligible = "recount_eligible"
    # reporting units
    units_won = "units_won"
    units_changed = "units_changed"
    units_flipped = "units_flipped"
    audit_sample_size = "audit_sample_size"
    time = "time"
    duration = "duration"
    leader = "leader"


# The fields of a claim that a metric needs, allows or forbids.
METRIC_FIELDS = (
    "candidate",
    "opponent",
    "tally",
    "event",
    "part",
    "rule",
    "unit",
    "from_tally",
    "risk_limit",
    "probability",
    # a duration's two ends (`from_` is written `from` in the file)
    "from_",
    "to",
    "from_part",
    "to_part",
)


@dataclass(frozen=True)
class MetricRow:
    """One metric: the fields it needs (besides `stated`; `tally` may always
    be left out and then defaults by date), the fields it also allows, the
    fields of which it needs exactly one, what its stated value is, and
    whether it counts reporting units (its tallies must have units)."""

    stated: StatedForm
    needs: tuple[str, ...] = ()
    allows: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()
    counts_units: bool = False

    @property
    def allowed(self) -> frozenset[str]:
        """Every field a claim of this metric may give."""
        return frozenset(self.needs) | set(self.allows) | set(self.one_of)


METRICS: dict[Metric, MetricRow] = {
    Metric.votes: MetricRow(COUNT, ("candidate", "tally"), ("unit",)),
    Metric.share: MetricRow(SHARE, ("candidate", "tally"), ("unit",)),
    Metric.margin: MetricRow(DIFFERENCE, ("candidate", "tally"), ("opponent", "unit")),
    Metric.margin_percent: MetricRow(
        MARGIN_PERCENT, ("candidate", "tally"), ("opponent", "unit")
    ),
    Metric.total: MetricRow(COUNT, ("tally",), ("unit",)),
    Metric.units_certified: MetricRow(COUNT, ("tally",)),
    Metric.units_total: MetricRow(COUNT),
    Metric.electoral_votes: MetricRow(COUNT, ("candidate",)),
    Metric.electoral_surplus: MetricRow(DIFFERENCE, ("candidate",)),
    Metric.state_electoral_votes: MetricRow(COUNT),
    # a day of an event or of a tally; `part` only with an event
    Metric.date: MetricRow(DATE, allows=("part",), one_of=("event", "tally")),
    Metric.weekday: MetricRow(WEEKDAY, allows=("part",), one_of=("event", "tally")),
    Metric.recount_eligible: MetricRow(ANSWER, ("tally",), ("rule", "opponent")),
    # reporting units
    Metric.units_won: MetricRow(COUNT, ("candidate", "tally"), counts_units=True),
    Metric.units_changed: MetricRow(COUNT, ("tally", "from_tally"), counts_units=True),
    Metric.units_flipped: MetricRow(COUNT, ("tally", "from_tally"), counts_units=True),
    Metric.audit_sample_size: MetricRow(
        COUNT, ("tally",), ("risk_limit", "probability")
    ),
    Metric.time: MetricRow(TIME, ("event",), ("part",)),
    Metric.duration: MetricRow(DURATION, ("from_", "to"), ("from_part", "to_part")),
    Metric.leader: MetricRow(CANDIDATE, ("tally",), ("unit",)),
}


def field_name(attribute: str) -> str:
    """A claim field as the file spells it (`from_` is `from`)."""
    return attribute.removesuffix("_")


@lru_cache(maxsize=4096)
def parse_stated(
    metric: str, text: str, tolerances: Tolerances, near: date
) -> StatedValue:
    """The stated value of a claim of `metric` (a Metric value), read by the
    parser of its row.

    The loader reads every claim's phrase and the checks read it again, and
    many claims state the same phrase: results are kept (the values are
    immutable), so each distinct phrase is read once.
    """
    return METRICS[Metric(metric)].stated.parse(metric, text, tolerances, near)
