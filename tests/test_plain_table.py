"""Large tables are laid out without rich, and look exactly as rich lays them out.

Each renderer that switches to `certcli.render.plain_table` past a number of
rows is run both ways on the same small report (the threshold set to 0 and
to more than its rows), in colour and without, at its natural width and at
a terminal's: the text must be the same, byte for byte.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certcli.claims.findings import Report
from certcli.figures.by_unit import UnitChange, UnitMarginReport, UnitRow
from certcli.render import check_text, margin_units_table
from certcli.render.console import text_console
from certcli.render.plain_table import (
    Cell,
    Column,
    GridColumn,
    fits,
    grid_lines,
    lines,
)
from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent
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


def _rich_grid(columns: list[GridColumn], rows: list[list[str]], width: int) -> str:
    """The grid as rich lays it out (the renderers' Table.grid)."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), pad_edge=True)
    for column in columns:
        grid.add_column(
            width=column.width,
            justify="right" if column.right else "left",
            no_wrap=not column.fold,
            ratio=1 if column.fold else None,
            overflow="fold" if column.fold else "ellipsis",
        )
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    buffer = io.StringIO()
    text_console(buffer, color=False, width=width).print(grid)
    return _stripped(buffer.getvalue().splitlines())


def _stripped(lines: list[str]) -> str:
    return "".join(line.rstrip() + "\n" for line in lines)


WORDS = st.lists(
    st.sampled_from(
        [
            *"abcxyz019.,:-“”",
            *(" ", " ", "  ", "\n", "\xa0", "word "),
            *("東", "e\u0301", "東京東京東京東京", "👍"),
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ]
    ),
    max_size=100,
).map("".join)
SHORT = st.text(alphabet=st.sampled_from(list("abc:19- ")), min_size=1, max_size=14)


@given(
    rows=st.lists(st.tuples(SHORT, SHORT, WORDS), min_size=1, max_size=4),
    width=st.integers(min_value=30, max_value=130),
    fixed=st.booleans(),
)
def test_a_grid_looks_as_rich_lays_it_out(
    rows: list[tuple[str, str, str]], width: int, fixed: bool
) -> None:
    columns = [
        GridColumn(width=13) if fixed else GridColumn(right=True),
        GridColumn(),
        GridColumn(fold=True),
    ]
    cells = [list(row) for row in rows]
    by_hand = grid_lines(columns, cells, width)
    if by_hand is not None:  # otherwise the renderer asks rich
        assert _stripped(by_hand) == _rich_grid(columns, cells, width)


def _checked(data: Path) -> Report:
    from certcli.checks.engine import check_file

    file = check_file(data, data.name, date(2020, 12, 1), data.parent)
    return Report(files=(file,), as_of=date(2020, 12, 1))


def _bundled_report() -> Report:
    return _checked(ROOT / "data" / "events.yaml")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The benchmark's large file at a tiny size: 200 claims of every verdict
    and findings of many rules."""
    path = tmp_path_factory.mktemp("generated") / "large.yaml"
    generate = load_script("bench_generate", ROOT / "bench" / "generate.py")
    generate.main(["large", str(path), "--scale", "0.01"])
    report = _checked(path)
    verdicts = {claim.verdict for claim in report.files[0].claims}
    assert verdicts == {"consistent", "inconsistent", "unverifiable"}
    assert len({finding.rule for finding in report.files[0].findings}) > 3
    return report


@pytest.mark.parametrize("width", [60, 80, 100, 160])
@pytest.mark.parametrize("which", ["bundled", "sample", "generated"])
def test_check_text_looks_the_same_both_ways(
    which: str, width: int, generated: Report
) -> None:
    from test_check_formats import sample

    report = {"bundled": _bundled_report, "sample": sample}.get(
        which, lambda: generated
    )()
    by_rich = check_text.render(report, width=width, plain_rows=10_000)
    by_hand = check_text.render(report, width=width, plain_rows=0)
    assert by_hand == by_rich
    assert "pinned" in by_hand


def test_check_text_in_colour_is_left_to_rich() -> None:
    report = _bundled_report()
    assert check_text.render(report, color=True, plain_rows=0) == check_text.render(
        report, color=True, plain_rows=10_000
    )
