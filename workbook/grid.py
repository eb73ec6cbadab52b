"""The building blocks the layout declares the national format with: cells (``Field``), row and column
labels, the label cells of a table as the annex draws them (``HeaderCell``), whole tables (``Grid``), and
A1 addresses. No data of the format lives here: that is ``workbook.layout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 25 → Z, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=8192)
def a1(row: int, col: int) -> str:
    """0-based (row, col) → A1 address."""
    return f"{col_letter(col)}{row + 1}"


def parse_a1(address: str) -> tuple[int, int]:
    """A1 address → 0-based (row, col)."""
    letters = address.rstrip("0123456789")
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(address[len(letters):]) - 1, col - 1


@dataclass(frozen=True)
class Field:
    """One cell of the report: an input, a computed total, or a text."""

    key: str
    sheet: str
    row: int  # 0-based
    col: int  # 0-based
    label: str  # what a clerk calls it, e.g. "三、本年度办理结果（四）无法提供 1.本机关不掌握相关政府信息 · 自然人"
    kind: str  # "count" | "amount" | "text"
    sums: tuple[str, ...] = ()  # keys this cell adds up: a live formula in the template
    span: int = 1  # columns the input cell spans (merged), table 二's single-value rows

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{self.cell}"

    @property
    def is_total(self) -> bool:
        return bool(self.sums)


@dataclass(frozen=True)
class Row:
    key: str
    labels: tuple[str, ...]  # label levels, outermost first; fewer levels span the label columns


@dataclass(frozen=True)
class Column:
    key: str
    label: str


# What a label cell is in the annex's drawing; each writer maps the kind to its own style.
HEAD = "head"  # a column heading above the data (表三, 表四)
CAPTION = "caption"  # table 二's "第二十条第（x）项" line across the table
COLUMN = "column"  # table 二's heading row of each block ("信息内容", "本年制发件数"…)
NOTE = "note"  # table 三's 勾稽 note over its label columns
ITEM = "item"  # table 二's row label ("规章")
GROUP = "group"  # a row label shared by the rows under it ("三、本年度办理结果")
ROW = "row"  # a row's own, innermost label ("1.属于国家秘密")


@dataclass(frozen=True)
class HeaderCell:
    """One label cell as the national format draws it: 0-based sheet row and column, spans, text."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = HEAD

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class Grid:
    """A table sheet whole: title, header cells, row-label cells and fields, at their sheet positions.

    Row 0 holds the title; the ``header_rows`` rows under it hold ``header`` (fixed: the reader checks
    them); the data rows start at ``first_row`` and carry ``labels`` in their first ``label_cols`` columns.
    Table 二 has no fixed header: each block brings its caption and heading row along with its rows.
    """

    key: str  # "t2" | "t3" | "t4"
    sheet: str
    title: str
    header_rows: int  # rows between the title row and the first data row
    fields: tuple[Field, ...] = field(default_factory=tuple)
    width: int = 0  # columns of the table
    label_cols: int = 0  # label depth: columns holding row labels
    header: tuple[HeaderCell, ...] = ()
    labels: tuple[HeaderCell, ...] = ()

    @property
    def first_row(self) -> int:
        return 1 + self.header_rows

    @property
    def cells(self) -> tuple[HeaderCell, ...]:
        """Every label cell in writing order: the header, then the data rows' labels."""
        return self.header + self.labels

    @property
    def last_row(self) -> int:
        return max(f.row for f in self.fields)


def label_cells(rows: tuple[Row, ...], first_row: int, depth: int) -> tuple[HeaderCell, ...]:
    """The label cells of data rows carrying label levels: consecutive rows that share a leading label
    get one cell spanning them; a row's last label spans the label columns left over. Level by level."""
    out = []
    for level in range(depth):
        i = 0
        while i < len(rows):
            labels = rows[i].labels
            if level >= len(labels):
                i += 1
                continue
            j = i
            while j + 1 < len(rows) and len(rows[j + 1].labels) > level and rows[j + 1].labels[: level + 1] == labels[: level + 1]:
                j += 1
            own = level == len(labels) - 1
            last_col = depth - 1 if own else level
            out.append(HeaderCell(first_row + i, level, labels[level], j - i + 1, last_col - level + 1, ROW if own else GROUP))
            i = j + 1
    return tuple(out)
