"""Reporting units: inline or from a results file, their checks, claims and
`margin --by unit`, on copies of tests/data/units/."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.checks import CheckContext, run
from certcli.claims.verdicts import evaluate
from certcli.commands import BUNDLED_NOTICE
from certcli.core.errors import DataError
from certcli.loaded.loader import load
from conftest import Run

UNITS = Path(__file__).parent / "data" / "units"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of tests/data/units/ to edit."""
    target = tmp_path / "units"
    shutil.copytree(UNITS, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(folder / "counties.yaml", "counties.yaml")
    return [str(problem) for problem in caught.value.problems]


def findings(folder: Path) -> list[tuple[str, str, int, int, str]]:
    contest = load(folder / "counties.yaml", "counties.yaml")
    claims = evaluate(contest, contest.timeline)
    found = run(
        CheckContext(
            contest, contest.timeline, claims, contest.model.election.election_day
        )
    )
    return [(f.rule, f.file, f.line, f.column, f.message) for f in found]


# --- loading -------------------------------------------------------------------


def test_units_give_the_missing_votes_and_totals() -> None:
    contest = load(UNITS / "counties.yaml", "counties.yaml")
    audit, certified, recount = contest.model.tallies
    # inline: summed; Birch's total is given (110), the others are their votes
    assert (audit.votes, audit.total) == ({"Ann": 150, "Bob": 122, "Cy": 7}, 287)
    # as written: the checks compare them with the units
    assert (certified.votes, certified.total) == (
        {"Ann": 152, "Bob": 122, "Cy": 7},
        284,
    )
    # from the file: Ann and Bob by their keys, the write-ins in the totals
    assert (recount.votes, recount.total) == ({"Ann": 150, "Bob": 127, "Cy": 7}, 288)
    units = contest.units["recount"]
    assert (units.kind, units.results) == ("county", "results/recount.csv")
    birch = units.find("  BIRCH ")
    assert birch is not None
    assert (birch.votes, birch.other, birch.total) == (
        {"Ann": 41, "Bob": 60, "Cy": 2},
        3,
        106,
    )
    assert (birch.file, birch.line, birch.column) == ("results/recount.csv", 3, 0)
    alder = contest.units["audit"].units[0]
    assert (alder.file, alder.line, alder.column, alder.total_given) == (
        "counties.yaml",
        26,
        7,
        False,
    )


def test_the_unit_files_pass_every_check() -> None:
    assert findings(UNITS) == []


def test_a_choice_that_maps_to_no_candidate_is_refused_in_both_files(
    folder: Path,
) -> None:
    edit(folder / "counties.yaml", "      other: [write-ins]\n", "")
    edit(folder / "results" / "recount.csv", "write-ins", "lee")
    assert refused(folder) == [
        "counties.yaml:45:7: tallies[2].results: map lee of results/recount.csv"
        " under candidates (to a candidate; a list of names adds up one"
        " candidate's spellings: `Ann: [Ann Able, its other"
        " spelling]`), other (counted"
        " in the total only) or ignore (not votes); candidates: Ann (Ann Able),"
        " Bob (Bob Baker), Cy (Cy Cole)",
        "results/recount.csv:1: 1 choice of results/recount.csv maps to no candidate:"
        " lee; the file's choices: total, ann, bob, cy, lee",
    ]


def test_unmapped_names_with_commas_are_quoted_and_a_list_is_offered(
    folder: Path,
) -> None:
    # Arizona's counties write 'BIDEN, JOE' and 'TRUMP, PENCE': a list joined
    # with commas would read as four names; mapping two spellings takes a list.
    edit(folder / "counties.yaml", "      other: [write-ins]\n", "")
    edit(folder / "results" / "recount.csv", "write-ins", '"Lee, Al"')
    assert refused(folder) == [
        "counties.yaml:45:7: tallies[2].results: map 'Lee, Al' of"
        " results/recount.csv under candidates (to a candidate; a list of names"
        " adds up one candidate's spellings: `Ann: [Ann Able, its other"
        " spelling]`),"
        " other (counted in the total only) or ignore (not votes); candidates:"
        " Ann (Ann Able), Bob (Bob Baker), Cy (Cy Cole)",
        "results/recount.csv:1: 1 choice of results/recount.csv maps to no"
        " candidate: 'Lee, Al'; the file's choices: 'total', 'ann', 'bob', 'cy',"
        " 'Lee, Al'",
    ]


def test_write_ins_as_one_figure_count_as_other_unless_mapped(folder: Path) -> None:
    before = load(folder / "counties.yaml", "counties.yaml").model.tallies[2]
    edit(folder / "counties.yaml", "      other: [write-ins]\n", "")
    after = load(folder / "counties.yaml", "counties.yaml").model.tallies[2]
    assert after.votes == before.votes
    assert after.total == before.total


def test_a_column_both_counted_and_ignored_is_refused_as_such(folder: Path) -> None:
    edit(
        folder / "counties.yaml",
        "      other: [write-ins]\n",
        "      other: [write-ins]\n      ignore: [Write-Ins]\n",
    )
    assert refused(folder) == [
        "counties.yaml:48:15: tallies[2].results.other[0]: column 'write-ins' is"
        " under ignore too; a column is votes or ignored, not both"
    ]


def test_a_mapped_choice_that_the_file_lacks_is_refused(folder: Path) -> None:
    edit(folder / "counties.yaml", "Cy: [Cy Cole]", "Cy: [Cy Cole, Cyrus]")
    assert refused(folder) == [
        "counties.yaml:38:49: tallies[1].results.candidates.Cy[1]: no choice 'Cyrus'"
        " in certified.csv; its choices: Ann Able, bob, Cy Cole, total"
    ]


def test_a_choice_named_as_one_candidate_mapped_to_another_is_refused(
    folder: Path,
) -> None:
    """Two names swapped under candidates would give one candidate's votes to
    the other, and every margin the wrong sign, with nothing to say so."""
    edit(
        folder / "counties.yaml",
        "{Ann: Ann Able, Cy: [Cy Cole]}",
        "{Ann: Cy Cole, Cy: [Ann Able]}",
    )
    assert refused(folder) == [
        "counties.yaml:38:25: tallies[1].results.candidates.Ann: choice 'Cy Cole'"
        " is the name of candidate Cy, but is mapped to Ann; map it to Cy",
        "counties.yaml:38:39: tallies[1].results.candidates.Cy[0]: choice 'Ann"
        " Able' is the name of candidate Ann, but is mapped to Cy; map it to Ann",
    ]


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("missing.csv", "results file missing.csv: no such file"),
        ("results", "results file results: is a directory; expected a results file"),
        (
            "counties.yaml",
            "results file counties.yaml: is the data file itself; name the results"
            " file",
        ),
        (
            "../units/certified.csv",
            "results file '../units/certified.csv' is outside the data file's folder;"
            " name it relative to the data file, in that folder or below it",
        ),
        (
            "/etc/passwd",
            "results file '/etc/passwd' is outside the data file's folder;"
            " name it relative to the data file, in that folder or below it",
        ),
    ],
)
def test_a_results_path_that_cannot_be_read_is_refused_at_file(
    folder: Path, file: str, message: str
) -> None:
    edit(folder / "counties.yaml", "file: certified.csv", f"file: {file}")
    assert refused(folder) == [
        f"counties.yaml:36:13: tallies[1].results.file: {message}"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_hanging(folder: Path) -> None:
    os.mkfifo(folder / "pipe.csv")
    edit(folder / "counties.yaml", "file: certified.csv", "file: pipe.csv")
    assert refused(folder) == [
        "counties.yaml:36:13: tallies[1].results.file: results file pipe.csv:"
        " is not a regular file but a pipe (FIFO)"
    ]


def test_a_problem_inside_a_results_file_is_shown_there_and_at_the_tally(
    folder: Path,
) -> None:
    edit(folder / "certified.csv", "Birch,2,41", "Birch,2,4x")
    assert refused(folder) == [
        "certified.csv:4: column 'Ann Able': expected a whole number of votes, found"
        " '4x'",
        "counties.yaml:36:7: tallies[1].results: tally certified: cannot use results"
        " file certified.csv (see the problem there)",
    ]


def test_a_file_named_by_two_tallies_is_read_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from certcli.readers import csv

    calls: list[str] = []
    original = csv.read

    def counting(*args: object, **options: object) -> object:
        calls.append(str(args[1]))
        return original(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(csv, "read", counting)
    edit(folder / "counties.yaml", "file: results/recount.csv", "file: certified.csv")
    edit(
        folder / "counties.yaml",
        "      unit_column: name\n      other: [write-ins]\n",
        "      candidates: {Ann: Ann Able, Cy: [Cy Cole]}\n      ignore: [code]\n",
    )
    contest = load(folder / "counties.yaml", "counties.yaml")
    assert calls == ["certified.csv"]
    assert contest.units["recount"].sums == contest.units["certified"].sums


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "Cedar: {Ann: 10, Bob: 12}",
            "Cedar: {Ann: 10, Dan: 12}",
            "counties.yaml:28:24: tallies[0].units.Cedar.Dan: unknown candidate 'Dan'"
            "; did you mean 'Ann'? (known: Ann, Bob, Cy; besides them a unit may give"
            " other and total)",
        ),
        (
            "candidates: {Ann: Ann Able,",
            "candidates: {Dan: Ann Able,",
            "counties.yaml:38:20: tallies[1].results.candidates.Dan: unknown candidate"
            " 'Dan'; did you mean 'Ann'? (known: Ann, Bob, Cy)",
        ),
        (
            "      format: csv\n      candidates",
            "      format: csv\n      contest: President\n      candidates",
            "counties.yaml:36:7: tallies[1].results: a csv results file holds one"
            " contest; remove contest",
        ),
        (
            "      format: csv\n      candidates",
            "      format: clarity\n      candidates",
            "counties.yaml:36:7: tallies[1].results: a clarity results file may hold"
            " many"
            " contests; give contest: the contest's name as the file writes it",
        ),
        (
            "      format: csv\n      candidates",
            "      format: xls\n      candidates",
            "counties.yaml:37:15: tallies[1].results.format: expected one of clarity,"
            " medsl, openelections, csv, found the text 'xls'",
        ),
        (
            "    source: sos\n    votes: {Ann: 152",
            "    source: sos\n    units: {A: {Ann: 1}}\n    votes: {Ann: 152",
            "counties.yaml:29:5: tallies[1]: give either units or results, not both",
        ),
    ],
)
def test_wrong_unit_entries_are_located(
    folder: Path, old: str, new: str, message: str
) -> None:
    edit(folder / "counties.yaml", old, new)
    assert refused(folder) == [message]


# --- checks --------------------------------------------------------------------


def test_a_changed_unit_figure_is_an_error_that_names_the_candidate(
    folder: Path,
) -> None:
    edit(folder / "certified.csv", "Alder,1,101,", "Alder,1,102,")
    assert findings(folder) == [
        (
            "unit-votes-above-total",
            "certified.csv",
            2,
            0,
            "Alder: the votes add up to 157, more than its total 156 (by 1)",
        ),
        (
            "units-sum-mismatch",
            "counties.yaml",
            33,
            18,
            "Ann has 152 votes, but its 3 counties add up to 153 (difference -1)",
        ),
    ]


def test_a_total_that_differs_from_the_units_is_an_error(folder: Path) -> None:
    edit(folder / "counties.yaml", "    total: 284\n", "    total: 290\n")
    assert findings(folder) == [
        (
            "units-sum-mismatch",
            "counties.yaml",
            34,
            12,
            "the total is 290, but the totals of its 3 counties add up to"
            " 284 (difference +6)",
        )
    ]


def test_a_candidate_the_units_lack_is_an_error(folder: Path) -> None:
    edit(
        folder / "counties.yaml",
        "Cy: [Cy Cole]}\n      ignore: [code]",
        "Cy: []}\n      ignore: [code, Cy Cole]",
    )
    assert [finding[4] for finding in findings(folder)] == [
        "Cy has 7 votes, but its 3 counties give Cy no votes at all"
    ]


def test_unit_counts_and_missing_units_are_warnings(folder: Path) -> None:
    edit(folder / "counties.yaml", "count: 3", "count: 4")
    edit(folder / "results" / "recount.csv", "22,Cedar,10,12,0,0\n", "")
    assert findings(folder) == [
        (
            "units-count-mismatch",
            "counties.yaml",
            26,
            7,
            "the audit tally has 3 counties, but the election has 4 county units",
        ),
        (
            "units-count-mismatch",
            "counties.yaml",
            36,
            7,
            "the certified tally has 3 counties, but the election has 4 county units",
        ),
        (
            "units-count-mismatch",
            "counties.yaml",
            45,
            7,
            "the recertified tally has 2 counties, but the election has 4 county units",
        ),
        (
            "units-missing",
            "counties.yaml",
            45,
            7,
            "no figures for 1 of the units that other tallies have: Cedar (in audit)",
        ),
    ]


# --- claims --------------------------------------------------------------------


def claim_result(folder: Path, claim: str) -> tuple[str, str | None, str | None]:
    """Verdict, computed value and reason of one claim added to the file."""
    source = "" if "source:" in claim else "source: paper, "
    edit(
        folder / "counties.yaml",
        "claims: []\n",
        f"claims:\n  - {{id: probe, {source}quote: q, {claim}}}\n",
    )
    contest = load(folder / "counties.yaml", "counties.yaml")
    (result,) = evaluate(contest, contest.timeline)
    return result.verdict, result.computed, result.reason


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "metric: votes, candidate: Ann, tally: audit, unit: birch, stated: '40'",
            ("consistent", "40", None),
        ),
        (
            "metric: total, tally: audit, unit: Birch, stated: '110'",
            ("consistent", "110", None),
        ),
        (
            "metric: share, candidate: Ann, tally: recount, unit: Alder, stated:"
            " '61.9%'",
            ("consistent", "61.8750", None),
        ),
        # the unit's runner-up: in Cedar, Bob leads Ann by 2
        (
            "metric: margin, candidate: Ann, unit: Cedar, stated: '-2'",
            ("consistent", "-2", None),
        ),
        (
            "metric: margin_percent, candidate: Bob, opponent: Cy, tally: certified,"
            " unit: Birch, stated: '54.7%'",
            ("consistent", "54.7170", None),
        ),
        # who leads in one unit
        ("metric: leader, unit: Cedar, stated: Bob", ("consistent", "Bob", None)),
        ("metric: leader, unit: cedar, stated: Ann", ("inconsistent", "Bob", None)),
        (
            "metric: units_won, candidate: Ann, tally: recount, stated: '1'",
            ("consistent", "1", None),
        ),
        ("metric: units_won, candidate: Bob, stated: '2'", ("consistent", "2", None)),
        (
            "metric: units_changed, tally: recount, from_tally: certified, stated: '1'",
            ("consistent", "1", None),
        ),
        (
            "metric: units_changed, from_tally: audit, stated: '2'",
            ("consistent", "2", None),
        ),
        (
            "metric: units_flipped, tally: certified, from_tally: audit, stated: '0'",
            ("consistent", "0", None),
        ),
        (
            "metric: units_flipped, tally: recount, from_tally: audit, stated: '1'",
            ("inconsistent", "0", None),
        ),
    ],
)
def test_unit_claims(folder: Path, claim: str, expected: tuple[str, str, None]) -> None:
    assert claim_result(folder, claim) == expected


def test_a_unit_claim_on_a_tally_chosen_by_date_without_units_is_unverifiable(
    folder: Path,
) -> None:
    edit(
        folder / "counties.yaml",
        "  paper: {title: The paper, published: 2020-12-10}",
        "  paper: {title: The paper, published: 2020-12-10}\n  early: {title: E,"
        " published: 2020-11-10}",
    )
    edit(
        folder / "counties.yaml",
        "tallies:\n",
        "tallies:\n  - {id: early, stage: unofficial, as_of: 2020-11-05, source:"
        " sos, votes: {Ann: 1}}\n",
    )
    assert claim_result(
        folder, "source: early, metric: votes, candidate: Ann, unit: Alder, stated: '1'"
    ) == ("unverifiable", None, "tally early has no reporting units")


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (
            "metric: votes, candidate: Ann, tally: audit, unit: Dogwood, stated: '1'",
            "counties.yaml:50:93: claims[0].unit: tally audit has no county 'Dogwood'"
            " (3 counties: Alder, Birch, Cedar)",
        ),
        (
            "metric: units_changed, tally: recount, stated: '1'",
            "counties.yaml:50:5: claims[0]: metric units_changed needs from_tally",
        ),
        (
            "metric: units_won, candidate: Ann, tally: recount, unit: Alder, stated:"
            " '1'",
            "counties.yaml:50:5: claims[0]: metric units_won does not use unit",
        ),
        (
            "metric: units_changed, tally: recount, from_tally: nope, stated: '1'",
            "counties.yaml:50:93: claims[0].from_tally: unknown tally 'nope' (known:"
            " audit, certified, recount)",
        ),
    ],
)
def test_wrong_unit_claims_are_data_errors(
    folder: Path, claim: str, message: str
) -> None:
    edit(
        folder / "counties.yaml",
        "claims: []\n",
        f"claims:\n  - {{id: probe, source: paper, quote: q, {claim}}}\n",
    )
    assert refused(folder) == [message]


def test_a_claim_about_a_tally_without_units_is_a_data_error(folder: Path) -> None:
    edit(
        folder / "counties.yaml",
        "tallies:\n",
        "tallies:\n  - {id: early, stage: unofficial, as_of: 2020-11-05, source:"
        " sos, votes: {Ann: 1}}\n",
    )
    edit(
        folder / "counties.yaml",
        "claims: []\n",
        "claims:\n  - {id: p, source: paper, quote: q, metric: units_flipped,"
        " tally: recount, from_tally: early, stated: '1'}\n",
    )
    assert refused(folder) == [
        "counties.yaml:51:89: claims[0].from_tally: tally early has no reporting units"
        " (units: or results:); tallies with units: audit, certified, recount"
    ]


# --- margin --by unit ------------------------------------------------------------


def test_margin_by_unit_table(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(UNITS)
    result = certcli(
        "margin",
        "--data",
        "counties.yaml",
        "--candidate",
        "ann",
        "--by",
        "unit",
        "--tally",
        "certified",
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Units test election\n"
        "Margin of Ann Able (Ann) over Bob Baker (Bob) by county, tally certified"
        " from\n"
        "certified.csv\n"
        "\n"
        "County           Ann          Bob  Total         Margin  Leader\n"
        + "\u2500"
        * 63
        + "\n"
        "Alder   101 64.7436%  50 32.0513%    156  +51 +32.6923%  Ann\n"
        "Cedar    10 45.4545%  12 54.5455%     22    -2 -9.0909%  Bob\n"
        "Birch    41 38.6792%  60 56.6038%    106  -19 -17.9245%  Bob\n"
        "\n"
        "Ann led in 1 of 3 counties.\n"
    )


def test_margin_by_unit_json_with_changes(certcli: Callable[..., Run]) -> None:
    result = certcli(
        "margin",
        "--data",
        UNITS / "counties.yaml",
        "--candidate",
        "Ann",
        "--by",
        "unit",
        "--from",
        "audit",
        "-f",
        "json",
    )
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    assert data["summary"] == {
        "units": 3,
        "led": 1,
        "changed": 2,
        "flipped": 0,
        "net_change": -5,
        "only_in_tally": [],
        "only_in_from_tally": [],
    }
    assert [unit["unit"] for unit in data["units"]] == ["Alder", "Birch", "Cedar"]
    assert data["units"][0] == {
        "unit": "Alder",
        "votes": {"Ann": 99, "Bob": 55, "Cy": 5},
        "total": 160,
        "margin": 44,
        "margin_percent": 27.5,
        "leader": "Ann",
        "change": {
            "votes": {"Ann": -1, "Bob": 5, "Cy": 0},
            "total": 5,
            "margin": -6,
            "margin_percent": -4.758065,
            "changed": True,
            "flipped": False,
            "leader_before": "Ann",
        },
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "audit"], "Error: --from goes with --by unit"),
        (
            ["--by", "unit", "--tally", "nope"],
            "Error: unknown tally 'nope'; tallies: audit, certified, recount",
        ),
    ],
)
def test_margin_by_unit_usage_errors(
    certcli: Callable[..., Run], args: list[str], message: str
) -> None:
    result = certcli(
        "margin", "--data", UNITS / "counties.yaml", "--candidate", "Ann", *args
    )
    assert result.code == 2
    assert message in result.err


# --- the bundled file's counties -----------------------------------------------

BUNDLED = Path(__file__).parent.parent / "data" / "events.yaml"
CERTIFIED_CSV = "ga_2020_president_county_certified_2020-11-20.csv"
RECOUNT_CSV = "ga_2020_president_county_recount_2020-12-07.csv"


def test_the_bundled_check_shows_its_two_county_tallies(
    certcli: Callable[..., Run],
) -> None:
    result = certcli("check", "--format", "json")
    assert result.code == 0
    (file,) = json.loads(result.out)["files"]
    assert [(u["tally"], u["kind"], u["units"]) for u in file["units"]] == [
        ("certified-2020-11-20", "county", 159),
        ("recertified-2020-12-07", "county", 159),
    ]
    assert [Path(u["results"]).name for u in file["units"]] == [
        CERTIFIED_CSV,
        RECOUNT_CSV,
    ]


def test_one_changed_county_fails_the_bundled_file(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import copy_bundled_results

    shutil.copyfile(BUNDLED, tmp_path / "events.yaml")
    copy_bundled_results(tmp_path)
    edit(
        tmp_path / RECOUNT_CSV,
        "Fulton,13121,380212,137247,",
        "Fulton,13121,380212,137347,",
    )
    monkeypatch.chdir(tmp_path)
    result = certcli("check", "events.yaml", "--format", "json")
    assert result.code == 1
    errors = [
        (f["rule"], f["file"], f["message"])
        for f in json.loads(result.out)["findings"]
        if f["severity"] == "error"
    ]
    assert errors == [
        (
            "units-sum-mismatch",
            "events.yaml",
            "Trump has 2,461,854 votes, but its 159 counties"
            " add up to 2,461,954 (difference -100)",
        ),
        (
            "unit-votes-above-total",
            RECOUNT_CSV,
            "Fulton: the votes add up to 523,879, more than its total 523,779 (by 100)",
        ),
    ]


def test_the_bundled_counties_that_changed_in_the_recount(
    certcli: Callable[..., Run],
) -> None:
    result = certcli(
        "margin",
        "--candidate",
        "Biden",
        "--by",
        "unit",
        "--tally",
        "recertified-2020-12-07",
        "--from",
        "certified-2020-11-20",
    )
    assert (result.code, result.err) == (0, BUNDLED_NOTICE)
    lines = result.out.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("\u2500"))
    end = lines.index("", rule)
    assert lines[rule - 1].split() == [
        "County",
        "Δ",
        "Biden",
        "Δ",
        "Trump",
        "Δ",
        "Jorgensen",
        "Δ",
        "Margin",
        "Margin",
        "Leader",
    ]
    changed = lines[rule + 1 : end]
    assert changed[0].split() == [
        "Fulton",
        "-932",
        "+7",
        "+45",
        "-939",
        "+242,965",
        "Biden",
    ]
    assert " ".join(" ".join(lines[end:]).split()) == (
        "105 of 159 counties changed; none flipped; net change in the margin"
        " \u2212891 (54 unchanged not listed)."
    )
    assert len(changed) == 105


def test_a_unit_written_twice_is_refused(folder: Path) -> None:
    edit(folder / "counties.yaml", "      Cedar: {Ann: 10", "      ALDER : {Ann: 10")
    assert refused(folder) == [
        "counties.yaml:28:7: tallies[0].units.ALDER: unit 'ALDER' is written twice"
        " (first at line 26, column 7); names are compared case-folded"
    ]


def test_a_results_file_without_units_is_refused(folder: Path) -> None:
    (folder / "certified.csv").write_text("county,code,Ann Able,bob,Cy Cole,total\n")
    assert refused(folder) == [
        "counties.yaml:36:7: tallies[1].results: tally certified: results file"
        " certified.csv has no units"
    ]


def test_every_bundled_data_file_ships_in_the_package() -> None:
    """What the bundled data file reads is package data, so that an installed
    certcli (not only a checkout) finds it; CI checks an installed copy."""
    import fnmatch
    import re

    root = Path(__file__).parent.parent
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(
        r"\[tool\.setuptools\.package-data\]\ncertcli = \[(.*)\]", pyproject
    )
    assert found is not None
    patterns = re.findall(r'"([^"]+)"', found.group(1))
    shipped = sorted(p.name for p in (root / "src" / "certcli" / "data").iterdir())
    assert shipped == sorted(["events.yaml", CERTIFIED_CSV, RECOUNT_CSV])
    for name in shipped:
        assert any(fnmatch.fnmatch(f"data/{name}", pattern) for pattern in patterns)
        assert (root / "src" / "certcli" / "data" / name).resolve() == (
            root / "data" / name
        ).resolve()


def test_a_finding_in_a_results_file_is_located_there_in_every_format(
    certcli: Callable[..., Run], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(folder / "certified.csv", "Alder,1,101,", "Alder,1,102,")
    monkeypatch.chdir(folder)
    github = certcli("check", "counties.yaml", "-f", "github")
    assert github.code == 1
    assert github.out.splitlines() == [
        "::error file=certified.csv,line=2,title=unit-votes-above-total (certified)"
        "::Alder: the votes add up to 157, more than its total 156 (by 1)",
        "::error file=counties.yaml,line=33,col=18,title=units-sum-mismatch"
        " (certified)::Ann has 152 votes, but its 3 counties add up to"
        " 153 (difference -1)",
    ]
    sarif = json.loads(certcli("check", "counties.yaml", "-f", "sarif").out)
    assert [
        r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]
    ] == [
        {
            "artifactLocation": {"uri": "certified.csv", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 2},
        },
        {
            "artifactLocation": {"uri": "counties.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 33, "startColumn": 18},
        },
    ]
    text = certcli("check", "counties.yaml", "--color", "never", "-f", "text").out
    assert text.splitlines()[-7:-1] == [
        " 33:18 error units-sum-mismatch certified: Ann has 152 votes, but"
        " its 3 counties add up to 153",
        "                                (difference -1)",
        "  certified.csv",
        " 2 error unit-votes-above-total certified: Alder: the votes add"
        " up to 157, more than its total 156",
        "                                (by 1)",
        "",
    ]
