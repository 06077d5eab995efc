"""The MIT Election Data and Science Lab county returns reader, on a fixture in
the exact column form of `countypres_2000-2020.csv` (no file of the lab ships
with the tests): mode rows summed into a county, TOTAL rows used alone, the
year and state chosen by the tally, FIPS codes kept on units."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.loaded.loader import load
from certcli.readers import detect, medsl
from conftest import Run

RESULTS = Path(__file__).parent / "data" / "results"
COUNTYPRES = RESULTS / "medsl-countypres.csv"
HEADER = (
    '"year","state","state_po","county_name","county_fips","office","candidate",'
    '"party","candidatevotes","totalvotes","version","mode"\n'
)


def test_the_form_is_recognised() -> None:
    assert detect(COUNTYPRES, "c.csv") == "medsl"


def test_modes_are_summed_and_a_total_row_is_used_alone() -> None:
    results = medsl.read(COUNTYPRES, "c.csv", "US President", year=2020, state="GA")
    assert results.contest == "US PRESIDENT, GA 2020"
    assert results.unit_kind == "county"
    assert results.choices == ("JOSEPH R BIDEN JR", "DONALD J TRUMP", "JO JORGENSEN")
    assert results.units == {
        # Appling: four modes each, no TOTAL row.
        "APPLING": {
            "JOSEPH R BIDEN JR": 1092 + 551 + 330 + 6,
            "DONALD J TRUMP": 2231 + 3744 + 938 + 12,
            "JO JORGENSEN": 0,
        },
        # Atkinson: TOTAL rows and mode rows; TOTAL, never both.
        "ATKINSON": {
            "JOSEPH R BIDEN JR": 825,
            "DONALD J TRUMP": 2300,
            "JO JORGENSEN": 30,
        },
    }
    assert results.unit_codes == {"APPLING": "13001", "ATKINSON": "13003"}
    assert results.unit_where == {"APPLING": (6, 0), "ATKINSON": (14, 0)}


@pytest.mark.parametrize("state", ["GA", "georgia", "Georgia"])
def test_the_year_and_state_choose_the_rows(state: str) -> None:
    results = medsl.read(COUNTYPRES, "c.csv", "US PRESIDENT", year=2016, state=state)
    assert results.units == {"APPLING": {"HILLARY CLINTON": 2053, "DONALD TRUMP": 5494}}
    alabama = medsl.read(COUNTYPRES, "c.csv", "US PRESIDENT", year=2020, state="AL")
    assert alabama.unit_codes == {"AUTAUGA": "01001"}


def test_summary_lists_each_office_state_and_year_with_its_notes() -> None:
    summary = medsl.summarize(COUNTYPRES, "c.csv")
    assert [(c.name, c.units, c.choices) for c in summary.contests] == [
        (
            "US PRESIDENT, GA 2016",
            1,
            (("HILLARY CLINTON", 2053), ("DONALD TRUMP", 5494)),
        ),
        (
            "US PRESIDENT, AL 2020",
            1,
            (("JOSEPH R BIDEN JR", 7503), ("DONALD J TRUMP", 19838)),
        ),
        (
            "US PRESIDENT, GA 2020",
            2,
            (
                ("JOSEPH R BIDEN JR", 2804),
                ("DONALD J TRUMP", 9225),
                ("JO JORGENSEN", 30),
            ),
        ),
    ]
    assert summary.contests[2].notes == (
        "1 county figure(s) have a TOTAL row and mode rows that differ (ATKINSON,"
        " DONALD J TRUMP: TOTAL 2,300, modes 2,299); certcli uses TOTAL",
        "1 row(s) give no figure (candidatevotes NA); passed over",
    )


def test_a_four_digit_fips_code_gets_its_leading_zero(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + '2000,"ALABAMA","AL","AUTAUGA",1001,"PRESIDENT","AL GORE",'
        '"DEMOCRAT",4942,17208,20191203,"TOTAL"\n',
        encoding="utf-8",
    )
    assert medsl.read(path, "c.csv", "President", year=2000, state="AL").unit_codes == {
        "AUTAUGA": "01001"
    }


def test_a_blank_mode_is_the_total_never_added_to_the_modes(tmp_path: Path) -> None:
    rows = [
        # Appling: a blank-mode row and the mode rows it is the total of.
        ("APPLING", 1779, ""),
        ("APPLING", 1000, "ABSENTEE"),
        ("APPLING", 779, "ELECTION DAY"),
        # Atkinson: a mode cell of blanks, and a mode that differs from it.
        ("ATKINSON", 825, "  "),
        ("ATKINSON", 800, "ABSENTEE"),
        # Bacon: a blank-mode row alone.
        ("BACON", 12, ""),
    ]
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER
        + "".join(
            f'2020,"GEORGIA","GA","{county}","1","US PRESIDENT","A","D",{votes},1,1,'
            f'"{mode}"\n'
            for county, votes, mode in rows
        ),
        encoding="utf-8",
    )
    results = medsl.read(path, "c.csv", "US PRESIDENT", year=2020, state="GA")
    assert results.units == {
        "APPLING": {"A": 1779},
        "ATKINSON": {"A": 825},
        "BACON": {"A": 12},
    }
    [contest] = medsl.summarize(path, "c.csv").contests
    assert contest.choices == (("A", 1779 + 825 + 12),)
    assert contest.notes == (
        "1 county figure(s) have a TOTAL row and mode rows that differ (ATKINSON,"
        " A: TOTAL 825, modes 800); certcli uses TOTAL",
    )


ROW = (
    '2020,"GEORGIA","GA","APPLING","13001","US PRESIDENT","A","D",{votes},1,1,"TOTAL"\n'
)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ROW.format(votes="x"),
            "c.csv:2: candidatevotes 'x' is not a whole number of votes (0 or more,"
            " digits only)",
        ),
        (
            ROW.format(votes="1") + ROW.format(votes="2"),
            "c.csv:3: repeats row 2 ('US PRESIDENT, GA 2020', county 'APPLING',"
            " candidate 'A', mode 'TOTAL')",
        ),
        (
            # A blank mode is TOTAL: beside a TOTAL row, a second total.
            ROW.format(votes="1") + ROW.format(votes="1").replace('"TOTAL"', '""'),
            "c.csv:3: repeats row 2 ('US PRESIDENT, GA 2020', county 'APPLING',"
            " candidate 'A', mode blank, read as TOTAL)",
        ),
        (
            # Two spellings of one county would be two units a tally adds up.
            ROW.format(votes="1") + ROW.format(votes="2").replace("APPLING", "Appling"),
            "c.csv:3: unit 'Appling' is the same as unit 'APPLING' (names are"
            " compared case-folded; first at row 2)",
        ),
        (
            ROW.format(votes="1")
            + ROW.format(votes="2").replace('"A"', '"a"').replace('"D"', '"R"'),
            "c.csv:3: choice 'a' is the same as choice 'A' (names are compared"
            " case-folded; first at row 2)",
        ),
    ],
)
def test_bad_rows_are_located(tmp_path: Path, rows: str, message: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        medsl.read(path, "c.csv", "US PRESIDENT", year=2020, state="GA")
    assert [str(problem) for problem in refused.value.problems] == [message]
    [contest] = medsl.summarize(path, "c.csv").contests
    assert [str(problem) for problem in contest.problems] == [message]


def test_a_contest_not_in_that_year_and_state_lists_theirs() -> None:
    with pytest.raises(DataError) as refused:
        medsl.read(COUNTYPRES, "c.csv", "US SENATE", year=2020, state="GA")
    assert [str(problem) for problem in refused.value.problems] == [
        "c.csv:1: no contest 'US SENATE (GA, 2020)' in the file; its contests:"
        " 'US PRESIDENT'"
    ]


DATA = """\
format: certcli/1
election:
  id: ga-2020
  title: Georgia 2020
  jurisdiction: Georgia
  office: President
  election_day: 2020-11-03
  timezone: America/New_York
  calendar: {country: US}
candidates:
  biden: {name: Joseph R Biden Jr}
  trump: {name: Donald J Trump}
sources:
  lab: {title: MIT Election Data and Science Lab, published: 2021-06-01}
tallies:
  - id: certified
    stage: certified
    as_of: 2020-11-20
    source: lab
    results:
      file: countypres.csv
      format: medsl
      contest: US PRESIDENT
      year: 2020
      state: GA
      other: [JO JORGENSEN]
claims: []
"""


def test_a_tally_reads_its_year_and_state(
    tmp_path: Path, certcli: Callable[..., Run]
) -> None:
    (tmp_path / "countypres.csv").write_bytes(COUNTYPRES.read_bytes())
    (tmp_path / "ga.yaml").write_text(DATA, encoding="utf-8")
    contest = load(tmp_path / "ga.yaml", "ga.yaml")
    [tally] = contest.model.tallies
    assert tally.votes == {"biden": 2804, "trump": 9225}
    assert tally.total == 2804 + 9225 + 30
    run = certcli(
        "margin",
        "--data",
        str(tmp_path / "ga.yaml"),
        "--candidate",
        "biden",
        "--by",
        "unit",
        "-f",
        "json",
    )
    assert run.code == 0, run.err
    units = json.loads(run.out)["units"]
    # By margin: Atkinson (825 - 2300) before Appling (1979 - 6925).
    assert [(unit["unit"], unit["code"]) for unit in units] == [
        ("ATKINSON", "13003"),
        ("APPLING", "13001"),
    ]


def test_a_medsl_tally_needs_its_year_and_state(tmp_path: Path) -> None:
    (tmp_path / "countypres.csv").write_bytes(COUNTYPRES.read_bytes())
    (tmp_path / "ga.yaml").write_text(
        DATA.replace("      year: 2020\n", ""), encoding="utf-8"
    )
    with pytest.raises(DataError) as refused:
        load(tmp_path / "ga.yaml", "ga.yaml")
    assert "a medsl file holds every year and state; give year and state" in str(
        refused.value
    )
