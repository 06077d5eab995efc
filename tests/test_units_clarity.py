"""A data file whose tallies read real Clarity exports (county and precinct
level): the statewide sums, each unit's figures and the unit claims, with no
code written for these files."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.checks import CheckContext, run
from certcli.claims.verdicts import evaluate
from certcli.core.errors import DataError
from certcli.loaded.contest import Contest
from certcli.loaded.loader import load
from conftest import Run

RESULTS = Path(__file__).parent / "data" / "results"

PRECINCTS = """\
format: certcli/1
election:
  id: ky-greenup-2014-senate-primary
  title: 2014 Republican primary for U.S. Senate in Greenup County, Kentucky
  jurisdiction: Greenup County, Kentucky
  office: U.S. Senator
  election_day: 2014-05-20
  timezone: America/New_York
  calendar: {country: US}
  reporting_units: {kind: precinct, count: 33}
candidates:
  McConnell: {name: Mitch McConnell}
  Bevin: {name: Matt Bevin}
  Copas: {name: Brad Copas}
  Payne: {name: Chris Payne}
  Sterling: {name: Shawna Sterling}
sources:
  clerk: {title: County clerk, published: 2014-05-30}
tallies:
  - id: official
    stage: certified
    as_of: 2014-05-30
    source: clerk
    results:
      file: greenup.xml
      format: clarity
      contest: us senator - republican
claims:
  - {id: won, source: clerk, quote: q, metric: units_won, candidate: McConnell,
     stated: "25"}
  - {id: bevin-won, source: clerk, quote: q, metric: units_won, candidate: Bevin,
     stated: "8"}
  - {id: a101, source: clerk, quote: q, metric: votes, candidate: Bevin,
     unit: A101, stated: "36"}
  - {id: a101-margin, source: clerk, quote: q, metric: margin, candidate: Bevin,
     unit: a101, stated: "14"}
"""

COUNTIES = """\
format: certcli/1
election:
  id: ar-2014-senate
  title: 2014 election for U.S. Senate in Arkansas
  jurisdiction: Arkansas
  office: U.S. Senator
  election_day: 2014-11-04
  timezone: America/Chicago
  calendar: {country: US}
  reporting_units: {kind: county, count: 75}
candidates:
  Cotton: {name: Tom Cotton}
sources:
  sos: {title: Secretary of State, published: 2014-11-13}
tallies:
  - id: official
    stage: certified
    as_of: 2014-11-13
    source: sos
    votes: {Cotton: 477734}
    results:
      file: ar.xml
      format: clarity
      contest: U.S. Senate
claims:
  - {id: won, source: sos, quote: q, metric: units_won, candidate: Cotton,
     stated: "75"}
  - {id: pulaski, source: sos, quote: q, metric: votes, candidate: Cotton,
     unit: PULASKI, stated: "52,101"}
"""


def loaded(tmp_path: Path, text: str, sample: str, name: str) -> Contest:
    shutil.copyfile(RESULTS / sample, tmp_path / name)
    (tmp_path / "contest.yaml").write_text(text, encoding="utf-8")
    return load(tmp_path / "contest.yaml", "contest.yaml")


def test_a_precinct_file(tmp_path: Path) -> None:
    contest = loaded(
        tmp_path,
        PRECINCTS,
        "clarity-ky-greenup-2014-primary-precinct.xml",
        "greenup.xml",
    )
    (tally,) = contest.model.tallies
    assert tally.votes == {
        "McConnell": 1135,
        "Bevin": 820,
        "Copas": 11,
        "Payne": 48,
        "Sterling": 46,
    }
    units = contest.units["official"]
    assert (units.kind, len(units.units)) == ("precinct", 33)
    a101 = units.find("A101")
    assert a101 is not None
    assert a101.votes == {
        "McConnell": 22,
        "Bevin": 36,
        "Copas": 0,
        "Payne": 2,
        "Sterling": 0,
    }
    claims = evaluate(contest, contest.timeline)
    assert [(c.id, c.verdict, c.computed) for c in claims] == [
        ("won", "consistent", "25"),
        ("bevin-won", "consistent", "8"),
        ("a101", "consistent", "36"),
        ("a101-margin", "consistent", "14"),
    ]


def test_a_county_file_whose_own_total_differs_from_its_counties(
    tmp_path: Path,
) -> None:
    contest = loaded(tmp_path, COUNTIES, "clarity-ar-2014-general-county.xml", "ar.xml")
    units = contest.units["official"]
    assert (units.kind, len(units.units), units.sums) == (
        "county",
        75,
        {"Cotton": 462123},
    )
    arkansas = units.find("Arkansas")
    assert arkansas is not None
    assert arkansas.votes == {"Cotton": 2590}
    claims = evaluate(contest, contest.timeline)
    assert [(c.id, c.verdict, c.computed) for c in claims] == [
        ("won", "consistent", "75"),
        ("pulaski", "consistent", "52101"),
    ]
    # The file states 477,734 for Tom Cotton, its counties add up to 462,123.
    found = run(
        CheckContext(
            contest, contest.timeline, claims, contest.model.election.election_day
        )
    )
    assert [(f.rule, f.message) for f in found if f.severity.value == "error"] == [
        (
            "units-sum-mismatch",
            "Cotton has 477,734 votes, but its 75 counties add up to"
            " 462,123 (difference +15,611)",
        )
    ]


NOTE = (
    "choice 'Tom Cotton' (line 166): the file's totalVotes is 477,734, its vote"
    " types add up to 462,123; certcli uses its counties' figures (462,123)"
)


def test_the_file_s_note_on_its_own_figures_reaches_check_and_margin(
    tmp_path: Path, certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tally whose figures rest on a choice the reader made (the file's
    total against its counties') says so where the figures are used: a
    warning of `check` at the tally's `results`, a remark of `margin`."""
    text = COUNTIES.replace("    votes: {Cotton: 477734}\n", "")
    contest = loaded(tmp_path, text, "clarity-ar-2014-general-county.xml", "ar.xml")
    assert contest.units["official"].notes == (NOTE,)
    monkeypatch.chdir(tmp_path)
    checked = certcli("check", "contest.yaml", "-f", "json")
    assert checked.code == 0, checked.err
    assert [
        (f["rule"], f["severity"], f["line"], f["message"])
        for f in json.loads(checked.out)["findings"]
    ] == [("results-note", "warning", 21, f"ar.xml: {NOTE}")]
    margin = certcli(
        "margin",
        "--data",
        tmp_path / "contest.yaml",
        "--candidate",
        "Cotton",
        "-f",
        "json",
    )
    assert margin.code == 0, margin.err
    remarks = json.loads(margin.out)["tallies"][0]["remarks"]
    assert remarks[0] == "no other candidate in this tally"
    assert remarks[1].endswith(f"ar.xml: {NOTE}")


def test_a_county_spelled_two_ways_is_refused_by_results_as_by_a_tally(
    tmp_path: Path, certcli: Callable[..., Run]
) -> None:
    # Arkansas County's early votes given as 'ARKANSAS': two units to add up,
    # which a tally (units compared case-folded) cannot use.
    path = tmp_path / "ar.xml"
    text = (RESULTS / "clarity-ar-2014-general-county.xml").read_text(encoding="utf-8")
    early = '<County name="Arkansas" votes="494" />'
    assert text.count(early) == 1
    path.write_text(
        text.replace(early, early.replace("Arkansas", "ARKANSAS")), encoding="utf-8"
    )
    message = (
        "unit 'ARKANSAS' is the same as unit 'Arkansas' (names are compared"
        " case-folded; first at line 168)"
    )
    shown = certcli("results", path, "-f", "json")
    assert shown.code == 2
    (senate,) = json.loads(shown.out)["contests"]
    assert senate["units"] == 75
    assert [(p["line"], p["column"], p["message"]) for p in senate["problems"]] == [
        (245, 17, message)
    ]
    (tmp_path / "contest.yaml").write_text(COUNTIES, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load(tmp_path / "contest.yaml", "contest.yaml")
    assert f"ar.xml:245:17: {message}" in [
        str(problem) for problem in refused.value.problems
    ]


def test_a_contest_the_file_lacks_is_located_at_the_tally_s_contest(
    tmp_path: Path,
) -> None:
    """The name to correct is the data file's, not the results file's."""
    text = COUNTIES.replace("contest: U.S. Senate", "contest: U.S. Senat")
    with pytest.raises(DataError) as refused:
        loaded(tmp_path, text, "clarity-ar-2014-general-county.xml", "ar.xml")
    [problem] = refused.value.problems
    assert (problem.line, problem.column, problem.path) == (
        24,
        16,
        "tallies[0].results.contest",
    )
    assert problem.message.startswith("ar.xml: no contest 'U.S. Senat' in the file")
