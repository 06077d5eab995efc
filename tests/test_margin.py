"""`certcli margin` end to end: exit code, stdout and stderr together."""

# ruff: noqa: E501  (expected output is written as the terminal shows it)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from certcli.cli import main
from certcli.commands import BUNDLED_NOTICE
from certcli.render.formats import MARGIN_FORMATS

GOOD = Path(__file__).parent / "data" / "good"
CEDAR = GOOD / "cedar-county-commissioner.yaml"


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    env: dict[str, str] | None = None,
) -> tuple[int, str, str]:
    """certcli in this process: (exit code, stdout, stderr)."""
    for name in ("COLUMNS", "NO_COLOR", "CERTCLI_DATA", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stop:
        main(["margin", *args])
    out = capsys.readouterr()
    code = stop.value.code
    return (code if isinstance(code, int) else -1), out.out, out.err


GEORGIA_TABLE = """\
2020 presidential election in Georgia
Margin of Joe Biden (Biden) over the runner-up of each tally

Tally                           Biden   Opponent      Total    Margin      Change  requested-recount
────────────────────────────────────────────────────────────────────────────────────────────────────
unofficial-2020-11-11-0730          ?          ?  4,989,046         ?           ?  unknown
unofficial                          ?          ?                    ?           ?  indicative
2020-11-11 07:30                               ?

unofficial-2020-11-11-0805          ?      Trump  4,991,741   +14,101           —  eligible
unofficial                          ?          ?             +0.2825%           —  indicative
2020-11-11 08:05                               ?

unofficial-2020-11-11-0910          ?          ?          ?         ?           ?  unknown
unofficial                          ?          ?                    ?           ?  indicative
2020-11-11 09:10                               ?

arlo-2020-11-11             2,471,981      Trump  4,991,963   +14,057         -44  eligible
unofficial                   49.5192%  2,457,924             +0.2816%  -0.0009 pp  indicative
2020-11-12                              49.2376%

audit-2020-11-19            2,475,141      Trump  5,000,585   +12,284      -1,773  eligible
audit                        49.4970%  2,462,857             +0.2457%  -0.0359 pp  indicative
2020-11-19                              49.2514%

certified-2020-11-20        2,474,507      Trump  4,998,482   +12,670        +386  eligible
certified                    49.5052%  2,461,837             +0.2535%  +0.0078 pp  decisive
2020-11-20 16:00                        49.2517%

recertified-2020-12-07      2,473,633      Trump  4,997,716   +11,779        -891  eligible
recertified                  49.4953%  2,461,854             +0.2357%  -0.0178 pp  indicative
2020-12-07                              49.2596%

Margin, Biden minus the runner-up (bars scaled to 14,101 votes)
unofficial-2020-11-11-0730  │ ?
unofficial-2020-11-11-0805  │████████████████████████████████████████  +14,101
unofficial-2020-11-11-0910  │ ?
arlo-2020-11-11             │████████████████████████████████████████  +14,057
audit-2020-11-19            │███████████████████████████████████       +12,284
certified-2020-11-20        │████████████████████████████████████      +12,670
recertified-2020-12-07      │█████████████████████████████████         +11,779

Recount rule requested-recount, O.C.G.A. § 21-2-495(c)
  Recount on request of a candidate within 0.5 %: on request; margin between the top two at most
  0.5% of all votes; decided by the certified tally.
  certified-2020-11-20: Eligible: Biden leads Trump by 12,670 votes = 0.2535% of all votes, within
  the limit (at most 0.5% of all votes). A recount may be requested until Tue 2020-11-24 17:00 EST.

To change the outcome
  recertified-2020-12-07: Trump needs 11,779 more votes to tie and 11,780 to win, or 5,890 votes
  switched from Biden.

Notes
  ? = unknown: the tally does not give it.
  Change = since the previous tally (in time order) with a known margin; pp = percentage points.
  — = no change: no earlier tally with a known margin.
  unofficial-2020-11-11-0730: partial tally: no votes and no reported margin.
  unofficial-2020-11-11-0805: partial tally: only a reported margin.
  unofficial-2020-11-11-0910: partial tally: no votes and no reported margin; no total.
"""


CEDAR_BROOKS_TABLE = """\
2024 Cedar County commissioner election, district 2
Margin of Tom Brooks (Brooks) over Maria Alvarez (Alvarez)

Tally                   Brooks   Alvarez   Total    Margin      Change  automatic-recount  requested-recount
────────────────────────────────────────────────────────────────────────────────────────────────────────────
certified-2024-11-26    20,998    21,034  43,350       -36         -16  eligible           eligible
certified             48.4383%  48.5213%          -0.0830%  -0.0368 pp  decisive           decisive
2024-11-26 15:00

Margin, Brooks minus Alvarez (bars scaled to 36 votes)
certified-2024-11-26  ████████████████████████████████████████│  -36

Recount rule automatic-recount, Cedar County Code § 2.40.010(a)
  Automatic recount of a very close race: automatic; margin between the top two at most 0.1% of the top
  two's votes and at most 200 votes; decided by the certified tally.
  certified-2024-11-26: Eligible: Alvarez leads Brooks by 36 votes = 0.0856% of the top two's votes, within
  the limit (at most 0.1% of the top two's votes and at most 200 votes). The recount is automatic.

Recount rule requested-recount, Cedar County Code § 2.40.020
  Recount on request within 1 %: on request; margin between the top two at most 1% of all votes; decided by
  the certified tally.
  certified-2024-11-26: Eligible: Alvarez leads Brooks by 36 votes = 0.0830% of all votes, within the limit
  (at most 1% of all votes). A recount may be requested until Tue 2024-12-03 17:00 PST.

To change the outcome
  certified-2024-11-26: Brooks needs 36 more votes to tie and 37 to win, or 19 votes switched from Alvarez.

Notes
  ? = unknown: the tally does not give it.
  Change = since the previous tally (in time order) with a known margin; pp = percentage points.
  — = no change: no earlier tally with a known margin.
"""


GEORGIA_CERTIFIED_JSON = """\
{
  "format": "certcli-margin/1",
  "file": "{file}",
  "election": {
    "id": "ga-2020-president",
    "title": "2020 presidential election in Georgia"
  },
  "candidate": {
    "key": "Biden",
    "name": "Joe Biden"
  },
  "opponent": {
    "key": "Trump",
    "name": "Donald Trump"
  },
  "rules": [
    {
      "id": "requested-recount",
      "title": "Recount on request of a candidate within 0.5 %",
      "trigger": "on_request",
      "margin_percent_at_most": 0.5,
      "margin_votes_at_most": null,
      "denominator": "all_candidates",
      "applies_to": "certified",
      "request_window": "recount-request-window",
      "citation": "O.C.G.A. § 21-2-495(c)"
    }
  ],
  "tallies": [
    {
      "id": "certified-2020-11-20",
      "stage": "certified",
      "as_of": "2020-11-20T16:00:00-05:00",
      "source": "ga-sos-certified",
      "partial": false,
      "candidate": {
        "key": "Biden",
        "votes": 2474507,
        "share": 49.50517
      },
      "opponent": {
        "key": "Trump",
        "chosen": true,
        "votes": 2461837,
        "share": 49.251693
      },
      "total": 4998482,
      "margin": {
        "votes": 12670,
        "percent": 0.253477
      },
      "change": {
        "from": "audit-2020-11-19",
        "votes": 386,
        "percent_points": 0.007826
      },
      "votes_needed": {
        "trailing": "Trump",
        "tied": false,
        "to_tie": 12670,
        "to_win": 12671,
        "switched_to_win": 6336,
        "switched_from": "Biden"
      },
      "units_certified": 159,
      "recount": [
        {
          "rule": "requested-recount",
          "eligible": true,
          "decisive": true,
          "leader": "Biden",
          "runner_up": "Trump",
          "margin_votes": 12670,
          "denominator_votes": 4998482,
          "margin_percent": 0.253477,
          "window_closes": "2020-11-24T17:00:00-05:00",
          "window_closes_on": "2020-11-24",
          "citation": "O.C.G.A. § 21-2-495(c)",
          "reason": "Eligible: Biden leads Trump by 12,670 votes = 0.2535% of all votes, within the limit (at most 0.5% of all votes). A recount may be requested until Tue 2020-11-24 17:00 EST."
        }
      ],
      "remarks": []
    }
  ]
}
"""


def test_georgia_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(capsys, monkeypatch, "--candidate", "Biden", "--color", "never")
    assert result == (0, GEORGIA_TABLE, BUNDLED_NOTICE)


def test_georgia_table_moves_the_margin_in_time_order() -> None:
    lines = GEORGIA_TABLE.splitlines()
    row = {line.split()[0]: line for line in lines if "│" in line}
    assert [row[key].split()[-1] for key in row if "?" not in row[key]] == [
        "+14,101",
        "+14,057",
        "+12,284",
        "+12,670",
        "+11,779",
    ]
    changes = [
        line.split()[-2] for line in lines if "-2020-1" in line and "%" not in line
    ]
    assert changes[3:7] == ["-44", "-1,773", "+386", "-891"]
    assert "O.C.G.A. § 21-2-495(c)" in GEORGIA_TABLE
    assert "until Tue 2020-11-24 17:00 EST" in GEORGIA_TABLE


def test_another_state_with_another_recount_law(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(
        capsys,
        monkeypatch,
        "--data",
        str(CEDAR),
        "--candidate",
        "TOM BROOKS",
        "--vs",
        "alvarez",
        "--stage",
        "certified",
        "--color",
        "never",
    )
    assert result == (0, CEDAR_BROOKS_TABLE, "")


def test_georgia_certified_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "--candidate",
        "biden",
        "--vs",
        "trump",
        "--stage",
        "certified",
        "--format",
        "json",
    )
    assert (code, err) == (0, BUNDLED_NOTICE)
    file = json.loads(out)["file"]
    assert file == "bundled example (Georgia 2020)"
    assert out == GEORGIA_CERTIFIED_JSON.replace("{file}", file)


def test_json_types_and_unknowns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, monkeypatch, "--candidate", "Biden", "-f", "json")
    assert code == 0
    tallies = {t["id"]: t for t in json.loads(out)["tallies"]}
    partial = tallies["unofficial-2020-11-11-0805"]
    assert partial["candidate"] == {"key": "Biden", "votes": None, "share": None}
    assert partial["opponent"]["key"] == "Trump"  # the file names the opponent
    assert partial["margin"] == {"votes": 14101, "percent": 0.282487}
    assert partial["total"] == 4991741
    bare = tallies["unofficial-2020-11-11-0910"]
    assert (bare["total"], bare["margin"]["votes"], bare["votes_needed"]) == (
        None,
        None,
        None,
    )
    assert bare["recount"][0]["eligible"] is None
    certified = tallies["certified-2020-11-20"]
    assert isinstance(certified["candidate"]["votes"], int)
    assert isinstance(certified["candidate"]["share"], float)
    assert [tallies[key]["change"]["votes"] for key in tallies] == [
        None,
        None,
        None,
        -44,
        -1773,
        386,
        -891,
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--candidate", "Harris"],
            BUNDLED_NOTICE
            + "Error: unknown candidate 'Harris'; candidates: Biden (Joe Biden),"
            " Trump (Donald Trump), Jorgensen (Jo Jorgensen)\n",
        ),
        (
            ["--candidate", "Biden", "--vs", "Pence"],
            BUNDLED_NOTICE
            + "Error: unknown candidate 'Pence'; candidates: Biden (Joe Biden),"
            " Trump (Donald Trump), Jorgensen (Jo Jorgensen)\n",
        ),
        (
            ["--candidate", "Biden", "--tally", "nov-20"],
            BUNDLED_NOTICE
            + "Error: unknown tally 'nov-20'; tallies: unofficial-2020-11-11-0730,"
            " unofficial-2020-11-11-0805, unofficial-2020-11-11-0910,"
            " arlo-2020-11-11, audit-2020-11-19, certified-2020-11-20,"
            " recertified-2020-12-07\n",
        ),
        (
            ["--candidate", "Biden", "--stage", "recount"],
            BUNDLED_NOTICE
            + "Error: no tally of stage 'recount'; stages in the file: unofficial,"
            " audit, certified, recertified\n",
        ),
        (
            ["--candidate", "Biden", "--vs", "joe biden"],
            BUNDLED_NOTICE + "Error: --vs names the candidate itself (Biden)\n",
        ),
        (
            ["--candidate", "Biden", "--tally", "x", "--stage", "audit"],
            "Usage: certcli margin [OPTIONS]\nTry 'certcli margin --help' for help."
            "\n\nError: give --tally or --stage, not both\n",
        ),
    ],
)
def test_usage_errors(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    assert run(capsys, monkeypatch, *args) == (2, "", message)


def test_data_error_is_exit_2(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    missing = tmp_path / "missing.yaml"
    code, out, err = run(
        capsys, monkeypatch, "--data", str(missing), "--candidate", "A"
    )
    assert (code, out, err) == (2, "", f"{missing}:1:1: no such file\n")


@pytest.mark.parametrize("format_", MARGIN_FORMATS)
def test_every_format_is_wired(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, format_: str
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "--candidate",
        "Biden",
        "--tally",
        "audit-2020-11-19",
        "-f",
        format_,
        "--color",
        "never",
    )
    assert (code, err) == (0, BUNDLED_NOTICE)
    assert "12,284" in out or "12284" in out


def test_output_file_is_written_and_stdout_stays_empty(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    target = tmp_path / "margin.json"
    args = ["--candidate", "Biden", "--stage", "certified", "-f", "json"]
    assert run(capsys, monkeypatch, *args, "-o", str(target)) == (0, "", BUNDLED_NOTICE)
    assert json.loads(target.read_text())["tallies"][0]["margin"]["votes"] == 12670


@pytest.mark.parametrize(
    ("color", "no_color", "coloured"),
    [
        ("always", None, True),
        ("always", "1", True),  # an explicit --color always wins over NO_COLOR
        ("never", None, False),
        ("auto", None, False),  # not a terminal
        ("auto", "1", False),
    ],
)
def test_color(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    color: str,
    no_color: str | None,
    coloured: bool,
) -> None:
    args = ["--candidate", "Biden", "--stage", "certified", "--color", color]
    env = {} if no_color is None else {"NO_COLOR": no_color}
    code, out, _ = run(capsys, monkeypatch, *args, env=env)
    assert code == 0
    assert ("\x1b[" in out) is coloured


def test_narrow_terminal_never_truncates_figures(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--data", str(CEDAR), "--candidate", "Chen", "--color", "never"]
    code, out, _ = run(capsys, monkeypatch, *args, env={"COLUMNS": "60"})
    assert code == 0
    assert "…" not in out
    for figure in ("-19,783", "-45.6355%", "2.8858%", "43,350", "+0.2386 pp"):
        assert figure in out
    assert "no votes for Chen in this tally" in out


def test_user_text_is_not_markup(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    text = CEDAR.read_text(encoding="utf-8")
    text = text.replace(
        "{name: Maria Alvarez,", '{name: "[draft] Maria [bold]Alvarez",'
    )
    text = text.replace(
        "title: Automatic recount of a very close race",
        'title: "[red]Automatic[/red] recount"',
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    code, out, err = run(
        capsys,
        monkeypatch,
        "--data",
        str(draft),
        "--candidate",
        "alvarez",
        "--tally",
        "certified-2024-11-26",
        "--color",
        "always",
    )
    assert (code, err) == (0, "")
    assert "Margin of [draft] Maria [bold]Alvarez (Alvarez)" in out
    assert "[red]Automatic[/red] recount" in out


def test_chart_of_a_margin_that_changes_sides() -> None:
    from certcli.datafile.located import Located
    from certcli.figures.margins import margin_report
    from certcli.loaded.loader import validate
    from certcli.render.margin_table import render

    votes = [(100, 60), (90, 95), (70, 70), (50, 130)]
    data = {
        "format": "certcli/1",
        "election": {
            "id": "flip",
            "title": "Flip",
            "jurisdiction": "Test",
            "office": "Mayor",
            "election_day": "2024-11-05",
            "timezone": "UTC",
            "calendar": {"country": "US"},
        },
        "candidates": {"Ann": {"name": "Ann A"}, "Bob": {"name": "Bob B"}},
        "sources": {"s": {"title": "S", "published": "2024-11-05"}},
        "tallies": [
            {
                "id": f"t{i}",
                "stage": "unofficial",
                "as_of": f"2024-11-0{i + 5}",
                "source": "s",
                "votes": {"Ann": ann, "Bob": bob},
            }
            for i, (ann, bob) in enumerate(votes)
        ],
    }
    report = margin_report(validate(Located("flip.yaml", data, {}, {})), "ann")
    text = render(report, color=False, width=80)
    chart = text[text.index("Margin, Ann") : text.index("\n\nTo change")]
    # 35 cells a side at 80 columns: 40/80 * 35 = 17.5 → 18 (half to even),
    # 5/80 * 35 = 2.2 → 2; a tie draws no bar
    assert chart == (
        "Margin, Ann minus the runner-up (bars scaled to 80 votes)\n"
        "t0                                     │██████████████████                   +40\n"
        "t1                                   ██│                                      -5\n"
        "t2                                     │                                       0\n"
        "t3  ███████████████████████████████████│                                     -80"
    )


def test_a_file_without_tallies(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--data", str(GOOD / "minimal.yaml"), "--candidate", "ada lovelace"]
    assert run(capsys, monkeypatch, *args, "--color", "never") == (
        0,
        "Minimal contest\n"
        "Margin of Ada Lovelace (Ada) over the runner-up of each tally\n"
        "\n"
        "The file has no tallies.\n",
        "",
    )
    code, out, _ = run(capsys, monkeypatch, *args, "-f", "json")
    assert (code, json.loads(out)["tallies"]) == (0, [])


def test_one_tally_has_no_change_rather_than_an_unknown_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing earlier to compare with, the change is "—", not "?"."""
    small = Path(__file__).parent / "data" / "good" / "small.yaml"
    code, out, _ = run(
        capsys,
        monkeypatch,
        "--data",
        str(small),
        "--candidate",
        "Ada",
        "--tally",
        "certified",
        "--color",
        "never",
    )
    assert code == 0
    header, _, first, second, *_ = out.splitlines()[3:]
    assert header.split()[-2] == "Change"
    assert first.split()[-2:] == ["—", "eligible"]
    assert second.split()[-2:] == ["—", "decisive"]
    assert "— = no change: no earlier tally with a known margin." in out
    assert "?" not in "\n".join(out.splitlines()[:8])


def test_a_mistyped_candidate_or_tally_gets_the_closest_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, monkeypatch, "--candidate", "Bidne")
    assert code == 2
    assert err.endswith("; did you mean 'Biden'?\n")
    code, _, err = run(
        capsys, monkeypatch, "--candidate", "Biden", "--tally", "recertified"
    )
    assert err.endswith("; did you mean 'recertified-2020-12-07'?\n")
