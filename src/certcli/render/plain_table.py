"""Very large tables without rich's layout engine, in the same text.

rich measures, wraps and crops every cell of a table as an object of its own:
a table of 176,000 precincts took about 80 seconds. A table whose cells all
fit on one line needs none of that: each column is as wide as its widest
cell, and each line is the cells padded to those widths. `lines` writes what
rich writes for a `Table(box=SIMPLE_HEAD, show_edge=False, pad_edge=False,
collapse_padding=True)` in that case, colour codes included; a renderer uses
it past a number of rows and keeps rich below it, and a test holds the two to
the same output.

A cell is its text (already made visible) and a rich style name for all of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

HEADER_STYLE = "bold"  # rich's "table.header"
RULE = "\u2500"  # the line under the header (box.SIMPLE_HEAD)
GAP = "  "  # between two columns: one cell's right padding, the next one's left


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # justified to the right (numbers)


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""


def cell_width(text: str) -> int:
    """The columns `text` takes on a terminal, as rich counts them."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def fits(cells: Sequence[Sequence[Cell]]) -> bool:
    """Whether every cell is one plain line (no tab, which rich expands, and no
    line break), so that `lines` writes what rich would."""
    return not any(
        "\t" in cell.text or "\n" in cell.text or "\r" in cell.text
        for row in cells
        for cell in row
    )


def widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Each column's width: its widest cell, the header included."""
    found = [cell_width(column.header) for column in columns]
    for row in rows:
        for index, cell in enumerate(row):
            size = cell_width(cell.text)
            if size > found[index]:
                found[index] = size
    return found


def table_width(sizes: Sequence[int]) -> int:
    return sum(sizes) + len(GAP) * (len(sizes) - 1)


@cache
def _codes(style: str) -> tuple[str, str]:
    """The ANSI codes rich writes before and after text in `style`."""
    if not style:
        return "", ""
    from rich.color import ColorSystem
    from rich.style import Style

    before, _, after = (
        Style.parse(style)
        .render("\0", color_system=ColorSystem.STANDARD)
        .partition("\0")
    )
    return before, after


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - cell_width(text))
    return space + text if right else text + space


def lines(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    color: bool,
    sizes: Sequence[int] | None = None,
) -> list[str]:
    """The table's lines (without line ends, trailing blanks kept)."""
    sizes = widths(columns, rows) if sizes is None else sizes
    bold_on, bold_off = _codes(HEADER_STYLE) if color else ("", "")
    last = len(columns) - 1
    header = "".join(
        f"{bold_on}{_pad(column.header, size, column.right)}{bold_off}"
        + ("" if index == last else f"{bold_on} {bold_off} ")
        for index, (column, size) in enumerate(zip(columns, sizes, strict=True))
    )
    out = [header, RULE * table_width(sizes)]
    justify = [
        (size, column.right) for column, size in zip(columns, sizes, strict=True)
    ]
    for row in rows:
        parts = []
        for cell, (size, right) in zip(row, justify, strict=True):
            text = _pad(cell.text, size, right)
            if color and cell.style:
                before, after = _codes(cell.style)
                text = f"{before}{text}{after}"
            parts.append(text)
        out.append(GAP.join(parts))
    return out
