"""Properties of reporting units: sums, comparisons and margins per unit agree
with the statewide figures, whatever the units hold."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from certcli.checks import CheckContext, run
from certcli.claims.verdicts import evaluate
from certcli.datafile.located import Located
from certcli.figures.by_unit import (
    leader,
    unit_margin_report,
    units_changed,
    units_flipped,
)
from certcli.figures.tallies import margin_votes
from certcli.loaded.contest import Contest
from certcli.loaded.loader import validate

CANDIDATES = ("Ann", "Bob", "Cy")
votes = st.integers(min_value=0, max_value=10**6)
figures = st.fixed_dictionaries({name: votes for name in CANDIDATES})
names = st.lists(
    st.text(alphabet="abcdefgh", min_size=1, max_size=6),
    min_size=1,
    max_size=12,
    unique=True,
)


def contest(before: dict[str, Any], after: dict[str, Any]) -> Contest:
    data = {
        "format": "certcli/1",
        "election": {
            "id": "p",
            "title": "P",
            "jurisdiction": "J",
            "office": "O",
            "election_day": "2024-11-05",
            "timezone": "UTC",
            "calendar": {"country": "US"},
            "reporting_units": {"kind": "county", "count": max(len(after), 1)},
        },
        "candidates": {name: {"name": f"{name} Example"} for name in CANDIDATES},
        "sources": {"s": {"title": "S", "published": "2024-11-30"}},
        "tallies": [
            {
                "id": "before",
                "stage": "certified",
                "as_of": "2024-11-20",
                "source": "s",
                "units": before,
            },
            {
                "id": "after",
                "stage": "recertified",
                "as_of": "2024-11-27",
                "source": "s",
                "units": after,
            },
        ],
    }
    return validate(Located("p.yaml", data, {}, {}))


@given(names, st.data())
def test_derived_figures_are_the_sums_and_the_margin_moves_by_the_net_change(
    units: list[str], data: st.DataObject
) -> None:
    before = {name: data.draw(figures) for name in units}
    after = {name: data.draw(figures) for name in units}
    loaded = contest(before, after)
    then, now = loaded.model.tallies
    for tally, written in ((then, before), (now, after)):
        assert tally.votes == {
            name: sum(unit[name] for unit in written.values()) for name in CANDIDATES
        }
        assert tally.total == sum(sum(unit.values()) for unit in written.values())
    # derived figures never disagree with their units
    claims = evaluate(loaded, loaded.timeline)
    assert run(CheckContext(loaded, loaded.timeline, claims, then.as_of)) == []
    report = unit_margin_report(loaded, "Ann", "Bob", "after", None, "before")
    statewide = margin_votes(now, "Ann", "Bob")
    assert statewide is not None
    assert sum(row.margin for row in report.rows) == statewide
    assert report.net_change == statewide - (margin_votes(then, "Ann", "Bob") or 0)
    assert report.changed == units_changed(
        loaded.units["after"], loaded.units["before"]
    )
    assert report.changed == sum(before[name] != after[name] for name in units)
    assert report.flipped == units_flipped(
        loaded.units["after"], loaded.units["before"]
    )
    assert report.led == sum(
        1 for unit in loaded.units["after"].units if leader(unit) == "Ann"
    )
    # sorted by the size of the change in the margin, largest first
    sizes = [abs(row.change.margin) for row in report.rows if row.change is not None]
    assert sizes == sorted(sizes, reverse=True)


@given(st.lists(figures, min_size=1, max_size=8))
def test_a_unit_leads_for_the_one_with_the_most_votes(
    units: list[dict[str, int]],
) -> None:
    loaded = contest({f"u{i}": u for i, u in enumerate(units)}, {"x": units[0]})
    for unit, written in zip(loaded.units["before"].units, units, strict=True):
        most = max(written.values())
        top = [name for name in CANDIDATES if written[name] == most]
        assert leader(unit) == (top[0] if len(top) == 1 else None)
