"""The metrics' table: every row is wired into the models, the schema, the
stated-value parser and the verdicts, and a claim of each metric is judged
(a metric added without its function, or without an example here, fails)."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from certcli.claims.verdicts import COMPUTE
from certcli.datafile.metrics import METRIC_FIELDS, METRICS, Metric, parse_stated
from certcli.datafile.models import Claim
from certcli.datafile.schema import json_schema
from certcli.datafile.stated import StatedError, StatedNumber, Tolerances
from test_claims import verdict_of
from test_units import UNITS, claim_result

# One claim of each metric that holds in tests/data/check/base.yaml (or, for
# the metrics that count reporting units, in tests/data/units/counties.yaml).
EXAMPLES: dict[Metric, str] = {
    Metric.votes: "candidate: Ann, tally: certified, stated: '502'",
    Metric.share: "candidate: Ann, tally: audit, stated: '50%'",
    Metric.margin: "candidate: Ann, tally: certified, stated: '13'",
    Metric.margin_percent: "candidate: Ann, tally: audit, stated: '1%'",
    Metric.total: "tally: certified, stated: '1,004'",
    Metric.units_certified: "tally: certified, stated: '10'",
    Metric.units_total: "stated: '10'",
    Metric.electoral_votes: "candidate: Ann, stated: '306'",
    Metric.electoral_surplus: "candidate: Ann, stated: '36'",
    Metric.state_electoral_votes: "stated: '16'",
    Metric.date: "event: certification, stated: 'Nov. 20'",
    Metric.weekday: "tally: audit, stated: Thursday",
    Metric.recount_eligible: "tally: certified, stated: 'yes'",
    Metric.units_won: "candidate: Bob, stated: '2'",
    Metric.units_changed: "tally: recount, from_tally: certified, stated: '1'",
    Metric.units_flipped: "tally: certified, from_tally: audit, stated: '0'",
    Metric.audit_sample_size: "tally: certified, probability: asn, stated: 'more"
    " than 1,000'",
    Metric.time: "event: certification, stated: '4 p.m.'",
    Metric.duration: "from: election-day, to: certification, stated: '17 days'",
    Metric.leader: "tally: certified, stated: Ann",
}


def test_every_metric_has_one_row_and_one_function() -> None:
    assert set(METRICS) == set(Metric)
    assert set(COMPUTE) == set(Metric)
    assert set(EXAMPLES) == set(Metric)


@pytest.mark.parametrize("metric", list(Metric))
def test_each_row_names_fields_of_a_claim(metric: Metric) -> None:
    row = METRICS[metric]
    assert row.allowed <= set(METRIC_FIELDS) <= set(Claim.model_fields)
    assert set(row.needs).isdisjoint(row.allows)
    assert not row.one_of or len(row.one_of) > 1
    assert row.stated.name


@pytest.mark.parametrize("metric", list(Metric))
def test_the_schema_says_what_each_metric_needs_and_forbids(metric: Metric) -> None:
    row = METRICS[metric]
    (rule,) = [
        rule["then"]
        for rule in json_schema()["definitions"]["Claim"]["allOf"]
        if rule["if"]["properties"]["metric"]["const"] == metric.value
    ]
    forbidden = {
        field.removesuffix("_") for field in METRIC_FIELDS if field not in row.allowed
    }
    nulls = {k for k, v in rule["properties"].items() if v == {"type": "null"}}
    assert nulls == forbidden
    assert set(rule["required"]) == {
        field.removesuffix("_") for field in row.needs if field != "tally"
    }


@pytest.mark.parametrize("metric", list(Metric))
def test_each_metric_judges_a_claim(tmp_path: Path, metric: Metric) -> None:
    claim = f"metric: {metric.value}, {EXAMPLES[metric]}"
    if METRICS[metric].counts_units:
        folder = tmp_path / "units"
        shutil.copytree(UNITS, folder)
        verdict, computed, reason = claim_result(folder, claim)
    else:
        result = verdict_of(tmp_path, claim)
        verdict, computed, reason = result.verdict, result.computed, result.reason
        assert result.metric == metric.value
    assert (verdict, reason) == ("consistent", None), computed


@pytest.mark.parametrize(
    ("metric", "stated", "problem"),
    [
        (Metric.votes, "-3", "'-3' is negative; votes is a count"),
        (Metric.votes, "3%", "'3%' is a percentage; votes is a count"),
        (Metric.margin, "3%", "'3%' is a percentage; margin is a count"),
        (Metric.share, "30", "'30' needs a unit for share, e.g. '0.25%'"),
        (Metric.share, "101%", "a share of '101%' is not between 0 and 100 %"),
        (Metric.margin_percent, "-101%", "a margin of '-101%' is more than 100 %"),
        (Metric.electoral_surplus, "3%", "'3%' is a percentage; electoral_surplus"),
    ],
)
def test_a_number_has_the_unit_and_range_of_its_metric(
    metric: Metric, stated: str, problem: str
) -> None:
    with pytest.raises(StatedError) as caught:
        parse_stated(metric.value, stated, Tolerances(), date(2020, 11, 3))
    assert str(caught.value).startswith(problem)


@pytest.mark.parametrize(
    ("metric", "stated", "value"),
    [
        (Metric.margin, "-13", Decimal(-13)),
        (Metric.electoral_surplus, "-2", Decimal(-2)),
        (Metric.margin_percent, "-1.5%", Decimal("-1.5")),
        (Metric.share, "0%", Decimal(0)),
    ],
)
def test_a_difference_may_be_negative(
    metric: Metric, stated: str, value: Decimal
) -> None:
    parsed = parse_stated(metric.value, stated, Tolerances(), date(2020, 11, 3))
    assert isinstance(parsed, StatedNumber)
    assert parsed.value == value
