"""Large tables are laid out without rich, and look exactly as rich lays them out.

Each renderer that switches to `certcli.render.plain_table` past a number of
rows is run both ways on the same small report (the threshold set to 0 and
to more than its rows), in colour and without, at its natural width and at
a terminal's: the text must be the same, byte for byte.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from certcli.figures.by_unit import UnitChange, UnitMarginReport, UnitRow
from certcli.render import margin_units_table
from certcli.render.plain_table import Cell, Column, fits, lines

NAMES = (
    "Appling",
    "Ben Hill: Precinct 1A",
    "東京都 千代田区",  # two columns per character
    "Cafe\u0301 (combining accent)",
    "St. Mary\\x1b[2J",  # as `visible` spells a control character
    "Z",
)


def _row(index: int, name: str, *, change: bool) -> UnitRow:
    mine, theirs, other = 1000 + 37 * index, 1150 - 91 * index, index % 3
    total = mine + theirs + other
    margin = mine - theirs
    moved = None
    if change:
        moved = UnitChange(
            votes={"Ann": index * 7 - 10, "Bob": 0, "Cy": -index},
            total=index * 6 - 10,
            margin=index * 7 - 10,
            margin_percent=Decimal(index) / 3,
            changed=index != 5,
            flipped=index == 4,
            leader_before="Bob" if index == 4 else None,
        )
    return UnitRow(
        unit=name,
        votes={"Ann": mine, "Bob": theirs, "Cy": other},
        total=total,
        margin=margin,
        margin_percent=Decimal(margin * 100) / total,
        candidate_share=Decimal(mine * 100) / total,
        opponent_share=Decimal(theirs * 100) / total,
        leader="Ann" if margin > 0 else "Bob" if margin < 0 else None,
        change=moved,
    )


def _report(*, change: bool) -> UnitMarginReport:
    rows = tuple(_row(i, name, change=change) for i, name in enumerate(NAMES))
    return UnitMarginReport(
        file="f.yaml",
        election_id="e",
        election_title="Testland general election",
        tally_id="certified",
        from_tally="audit" if change else None,
        kind="precinct",
        results="results/precincts.csv",
        candidate="Ann",
        opponent="Bob",
        candidates=("Ann", "Bob", "Cy"),
        names={"Ann": "Ann Able", "Bob": "Bob Baker", "Cy": "Cy Cole"},
        rows=rows,
        units=len(rows),
        led=sum(1 for row in rows if row.leader == "Ann"),
        changed=5 if change else None,
        flipped=1 if change else None,
        net_change=12 if change else None,
        only_now=(),
        only_before=(),
    )


@pytest.mark.parametrize("change", [False, True], ids=["margins", "changes"])
@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("width", [None, 150, 400], ids=["natural", "150", "400"])
def test_margin_by_unit_looks_the_same_both_ways(
    change: bool, color: bool, width: int | None
) -> None:
    report = _report(change=change)
    by_rich = margin_units_table.render(
        report, color=color, width=width, plain_rows=1000
    )
    by_hand = margin_units_table.render(report, color=color, width=width, plain_rows=0)
    assert by_hand == by_rich
    assert "東京都 千代田区" in by_hand
    if color:
        assert "\x1b[32m" in by_hand and "\x1b[31m" in by_hand


def test_a_narrow_terminal_keeps_rich_which_folds_the_names() -> None:
    report = _report(change=False)
    narrow = margin_units_table.render(report, width=80, plain_rows=0)
    assert narrow == margin_units_table.render(report, width=80, plain_rows=1000)
    assert "\nBen Hill:    " in narrow and "\nPrecinct 1A\n" in narrow


def test_the_plain_layout_pads_by_terminal_columns() -> None:
    columns = [Column("Unit"), Column("Votes", right=True)]
    rows = [[Cell("東京"), Cell("7")], [Cell("Appling"), Cell("1,234", "green")]]
    assert lines(columns, rows, color=False) == [
        "Unit     Votes",
        "──────────────",
        "東京         7",
        "Appling  1,234",
    ]
    coloured = lines(columns, rows, color=True)
    assert coloured[0] == "\x1b[1mUnit   \x1b[0m\x1b[1m \x1b[0m \x1b[1mVotes\x1b[0m"
    assert coloured[3] == "Appling  \x1b[32m1,234\x1b[0m"


def test_cells_rich_would_lay_out_otherwise_are_left_to_it() -> None:
    assert fits([[Cell("a b"), Cell("東京")]])
    assert not fits([[Cell("a\tb")]])
    assert not fits([[Cell("a\nb")]])
