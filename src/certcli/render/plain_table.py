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
from itertools import pairwise

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
    if text.isascii() or _narrow().issuperset(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


@cache
def _narrow() -> frozenset[str]:
    """Characters one column wide whatever surrounds them: the printable ASCII
    and Latin-1 ones, and the punctuation quotes are written with (“ ” …),
    each as rich measures it; a text of these only is as wide as it is long."""
    from rich.cells import get_character_cell_size

    candidates = [*range(0x20, 0x7F), *range(0xA0, 0x300), *range(0x2010, 0x2060)]
    return frozenset(
        char for char in map(chr, candidates) if get_character_cell_size(char) == 1
    )


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
    """`text` padded to `width` columns; justified to the right, without its
    trailing blanks (as rich justifies)."""
    if right:
        text = text.rstrip()
        return " " * (width - cell_width(text)) + text
    return text + " " * (width - cell_width(text))


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


# --- grids: Table.grid(padding=(0, 1), pad_edge=True) ----------------------------


@dataclass(frozen=True)
class GridColumn:
    width: int | None = None  # rich's `width=`: a fixed width (the cells' else)
    right: bool = False  # justified to the right
    fold: bool = False  # wraps at word boundaries, folding longer words; else
    # one line (`no_wrap`); only the last column may fold


def _wrap(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` columns as rich's `Text.wrap` does with
    overflow "fold", each line padded to `width` (justify "left")."""
    from rich._wrap import divide_line
    from rich.cells import set_cell_size

    out = []
    for piece in text.split("\n"):
        size = cell_width(piece)
        if size <= width:
            out.append(piece + " " * (width - size))
            continue
        offsets = [0, *divide_line(piece, width, fold=True), len(piece)]
        for start, end in pairwise(offsets):
            line = piece[start:end]
            if len(line) > width:  # rich's rstrip_end: blanks past the width
                blanks = len(line) - len(line.rstrip())
                line = line[: len(line) - min(blanks, len(line) - width)]
            out.append(set_cell_size(line, width))
    return out


def grid_lines(
    columns: Sequence[GridColumn], rows: Sequence[Sequence[str]], width: int
) -> list[str] | None:
    """What rich prints for `Table.grid(padding=(0, 1), pad_edge=True)` with
    these columns and rows of plain text, on a console `width` columns wide,
    without colour; None when rich would lay it out in another way (a cell too
    wide for its one line, a tab, a line break that ends a cell, columns that
    leave the last no room)."""
    if any("\t" in cell or cell.endswith("\n") for row in rows for cell in row):
        return None
    last = len(columns) - 1
    left = [1] + [0] * last  # collapsed padding: one blank between columns
    sizes = []
    for index, column in enumerate(columns):
        if column.width is not None:
            sizes.append(column.width + 1)
            continue
        widest = max(
            (cell_width(line) for row in rows for line in row[index].split("\n")),
            default=0,
        )
        sizes.append(min(widest + left[index] + 1, width) or 1)
    if sum(sizes) > width:
        rest = width - sum(sizes[:last])
        if not columns[last].fold or rest < 3:
            return None
        sizes[last] = rest
    inner = [size - pad - 1 for size, pad in zip(sizes, left, strict=True)]
    out = []
    for row in rows:
        cells = []
        for index, (column, cell) in enumerate(zip(columns, row, strict=True)):
            if column.fold:
                cells.append(_wrap(cell, inner[index]))
                continue
            lines = cell.split("\n")
            if any(cell_width(line) > inner[index] for line in lines):
                return None  # rich would end it with an ellipsis
            cells.append([_pad(line, inner[index], column.right) for line in lines])
        height = max(len(lines) for lines in cells)
        for number in range(height):
            out.append(
                "".join(
                    " " * left[index]
                    + (lines[number] if number < len(lines) else " " * inner[index])
                    + " "
                    for index, lines in enumerate(cells)
                )
            )
    return out
