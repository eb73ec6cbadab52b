"""What an imported report must keep from the published one, so that checking it tells the truth.

* A cell the import could not read (its row not found, its digits not splittable into one reading)
  holds the words ``UNREAD_MARK`` ("未能读取"): the checks leave every relation over it unchecked and
  say so (a reminder), instead of counting it as 0 into an error the published report does not have.
* A total the published table left blank stays blank (``formula=False``): the workbook written by
  ``import`` then shows, and checks, exactly as the report did.
Cells the published format has no place for (2019 格式 columns, the single （六）其他处理 row) are
blank on purpose, not unread.
"""

from __future__ import annotations

from workbook.layout import LAYOUT
from workbook.model import UNREAD_MARK, Report, State, Value

TYPES_2019_ABSENT = ("t2.gz.fz", "t2.gz.yx", "t2.gfxwj.fz", "t2.gfxwj.yx", "t2.sf.je")


def absent_by_format(t2_2019: bool, single_other: bool, t3_cols: list[str]) -> set[str]:
    """The cells the published format itself has no place for."""
    out: set[str] = set()
    if t2_2019:
        out.update(TYPES_2019_ABSENT)
    if single_other:
        out.update(f"t3.r6_{i}.{c}" for i in (1, 2) for c in t3_cols)
    return out


def keep_as_published(report: Report, read: dict[str, Value], absent: set[str]) -> list[str]:
    """Mark the unread cells and keep blank totals blank; returns the keys marked unread."""
    unread = []
    for f in LAYOUT.numeric:
        v = read.get(f.key)
        if v is None and f.key not in absent:
            report.values[f.key] = Value(f.key, None, State.TEXT, UNREAD_MARK, None, "", f.sheet, f.cell)
            unread.append(f.key)
        elif f.is_total and (v is None or v.state is State.BLANK):
            v = v or report.values[f.key]
            report.values[f.key] = Value(f.key, None, State.BLANK, v.raw, False, v.note, v.sheet or f.sheet, v.cell or f.cell)
    return unread
