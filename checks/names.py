"""How a clerk names things in a message: numbers, tables, rows, columns and cells.

Shared by the table rules (``checks.rules``), the text-against-table claims (``checks.narrative``), the
text-section rules and the output formats, so that each names a cell the same way.
"""

from __future__ import annotations

from workbook.cells import format_number
from workbook.layout import LAYOUT, SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_TEXT, T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS
from workbook.model import Report, State

# Sheets in the order findings are listed.
SHEET_ORDER = (SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_TEXT)
UNREADABLE = (State.TEXT, State.ERROR)


def fmt_num(x: int | float | None) -> str:
    """A number in a message: 5 → "5", 0.125 → "0.125", 1/3 → "0.333333"; a blank as "（空）"."""
    return format_number(x, blank="（空）")


def table_name(sheet: str) -> str:
    return f"{sheet}表"


def _t3_row_names() -> dict[str, str]:
    out = {}
    for r in T3_ROWS:
        if len(r.labels) == 1:
            out[r.key] = r.labels[0]
        elif len(r.labels) == 2:
            out[r.key] = r.labels[1]
        else:
            out[r.key] = f"{r.labels[1]}{r.labels[2]}"
    return out


T3_ROW_NAMES = _t3_row_names()
T3_COL_NAMES = {c.key: c.label for c in T3_COLUMNS}
T4_GROUP_NAMES = {g: (top if sub is None else f"{top}（{sub}）") for g, top, sub in T4_GROUPS}
T4_COL_NAMES = {c.key: c.label for c in T4_COLUMNS}
T2_ROW_NAMES = {r.key: r.labels[0] for b in T2_BLOCKS for r in b.rows}
T2_COL_NAMES = {c.key: c.label for b in T2_BLOCKS for c in b.headers}


def cell_name(key: str) -> str:
    """The short name of one numeric cell, e.g. "（四）无法提供1.本机关不掌握相关政府信息 · 自然人"."""
    table, row, col = key.split(".")
    if table == "t3":
        return f"{T3_ROW_NAMES[row]} · {T3_COL_NAMES[col]}"
    if table == "t4":
        return f"{T4_GROUP_NAMES[row]} · {T4_COL_NAMES[col]}"
    return f"{T2_ROW_NAMES[row]} · {T2_COL_NAMES[col]}"


def ref(report: Report, key: str) -> str:
    """The cell a user sees: where the reader found the value (the template cell otherwise)."""
    v = report.values.get(key)
    if v is not None and v.sheet and v.cell:
        return v.ref
    return LAYOUT[key].ref


def recomputed(report: Report) -> dict[str, int | float]:
    """Every numeric cell, with every total recomputed from its inputs (see ``Report.recomputed``)."""
    return report.recomputed()


def row_number(report: Report, key: str) -> str:
    return ref(report, key).split("!")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def col_letters(report: Report, key: str) -> str:
    cell = ref(report, key).split("!")[1]
    return cell.rstrip("0123456789")
