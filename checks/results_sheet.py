"""The 校验结果 sheet, declared once as data: what each row and column holds, widths, wrapped columns and
row heights. The Excel button (``xladdin.excel``) writes it as one 2-D block, ``nianbao check --annotate``
(``checks.annotate``) with openpyxl: both from ``grid`` and ``row_heights`` here, so the two sheets are
the same. No spreadsheet library is imported here.

Rows (0-based): the title, the summary (what to do), a note (empty unless the copy was rebuilt), the
header, then one row per finding — or one row saying nothing was found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from workbook.model import Report

from .catalogue import rule_name, severity_name
from .findings import Finding
from .notes import sum_note

TITLE_ROW, SUMMARY_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2, 3, 4
CLEAN = "未发现错误"
LINE_HEIGHT = 15.0  # points per line of 11-point text (宋体 and Calibri alike), as Excel and LibreOffice lay it out
PADDING = 3.0


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # in Excel's units: the width of that many "0" characters
    value: Callable[[int, Finding, Callable[[str], str]], object]  # (number, finding, where a cell is now) → value
    wrap: bool = False
    link: bool = False  # a hyperlink to the cell it names


def _raw(x) -> object:
    return "" if x is None else x


COLUMNS: tuple[Column, ...] = (
    Column("序号", 5, lambda i, f, at: i),
    Column("级别", 6, lambda i, f, at: severity_name(f.severity)),
    Column("规则", 22, lambda i, f, at: rule_name(f.rule), wrap=True),
    Column("说明", 60, lambda i, f, at: f.message, wrap=True),
    Column("单元格", 15, lambda i, f, at: at(f.cells[0]) if f.cells else "", link=True),
    Column("应为", 8, lambda i, f, at: _raw(f.expected)),
    Column("实际", 8, lambda i, f, at: _raw(f.actual)),
    Column("涉及的全部单元格", 30, lambda i, f, at: join_cells([at(c) for c in f.cells]), wrap=True),
)
HEADER = tuple(c.header for c in COLUMNS)
# The columns whose cells an earlier run coloured: read back to restore their tint when fixed.
MARK_COLUMNS = ("单元格", "涉及的全部单元格")


def join_cells(refs: list[str]) -> str:
    """"依申请公开!D5、D6、主动公开!B5": the sheet named once for a run of cells on it."""
    out, sheet = [], None
    for ref in refs:
        here, _, cell = ref.rpartition("!")
        out.append(cell if here == sheet else ref)
        sheet = here
    return "、".join(out)


def split_cells(text: str) -> list[str]:
    """``join_cells`` read back: every cell as "sheet!A1"."""
    out, sheet = [], ""
    for part in str(text or "").split("、"):
        part = part.strip()
        if "!" in part:
            sheet = part.rpartition("!")[0]
            out.append(part)
        elif part and sheet:
            out.append(f"{sheet}!{part}")
    return out


def col(header: str) -> int:
    """0-based index of a column by its header."""
    return HEADER.index(header)


def summary(findings: list[Finding]) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if not errors:
        return CLEAN + (f"；有 {warnings} 项提醒，请逐项核对，确认无误可保留。" if warnings else "。")
    tail = f"、{warnings} 项提醒" if warnings else ""
    return (
        f"发现 {errors} 项错误{tail}。标红的单元格须改正，改正后请重新校验；错误未改正前不能导出正式的 Word 报告。"
        "标黄的为提醒，请核对。"
    )


def grid(
    findings: list[Finding], title: str, note: str = "", at: Callable[[str], str] = str, report: Report | None = None
) -> list[list[object]]:
    """The whole sheet from A1 as rows of values; ``at`` maps a finding's cell to where it is in this workbook.

    Given the ``report``, a finding's 说明 also says what the sheet's own SUM makes of a marked cell where that
    differs from the message (``checks.notes``: a text "五" adds as 0), so the sheet and the list agree."""
    width = len(COLUMNS)
    pad = [""] * (width - 1)
    rows: list[list[object]] = [[title, *pad], [summary(findings), *pad], [note, *pad], list(HEADER)]
    message = col("说明")
    for i, f in enumerate(findings, start=1):
        row = [c.value(i, f, at) for c in COLUMNS]
        notes = [n for ref in f.marked if (n := sum_note(report, ref))] if report is not None else []
        if notes:
            row[message] = "\n".join([f.message, *dict.fromkeys(notes)])
        rows.append(row)
    if not findings:
        rows.append(["" if c != message else CLEAN + "，也没有需要核对的提醒。" for c in range(width)])
    return rows


# Widths in Excel's unit (one "0" of the default font), as Excel, WPS and LibreOffice lay out 11-point 宋体/Calibri:
# a Chinese character is about 1.7 digits wide.
WIDE, NARROW = 1.7, 1.0
# What a spreadsheet keeps on one line: a run of letters, digits and list commas ("C5、D5、B12、" — LibreOffice
# breaks it nowhere), or one character with the punctuation that may not open a line.
_UNIT = re.compile(r"[A-Za-z0-9.:+\-#$%、，]+|.[、，。；：）”!]?", re.S)


def _width(unit: str) -> float:
    return sum(WIDE if unicodedata.east_asian_width(ch) in "WF" else NARROW for ch in unit)


def lines_needed(text: str, width: int) -> int:
    """Lines a wrapped cell of ``width`` takes, breaking as a spreadsheet does: between Chinese characters,
    not inside a run of cell names (a run wider than the cell is cut where it must be)."""
    usable = max(width - 1.5, 1.0)  # the cell's margins
    total = 0
    for part in str(text).split("\n"):
        lines, used = 1, 0.0
        for unit in _UNIT.findall(part):
            w = _width(unit)
            if used and used + w > usable:
                lines, used = lines + 1, 0.0
            while w > usable:  # a run longer than a line fills whole lines
                lines, w = lines + 1, w - usable
            used += w
        total += lines
    return total


def row_heights(rows: list[list[object]]) -> dict[int, float]:
    """0-based row → height in points, for every row whose wrapped text needs more than one line.

    Excel autofits such rows on its own, LibreOffice and WPS keep the stored height: writing it makes the
    sheet read the same everywhere (and print without cut-off text)."""
    out = {}
    for r, row in enumerate(rows[FIRST_ROW:], start=FIRST_ROW):
        lines = max(lines_needed(row[i], c.width) for i, c in enumerate(COLUMNS) if c.wrap)
        if lines > 1:
            out[r] = round(lines * LINE_HEIGHT + PADDING, 1)
    return out


def tab_colour(findings: list[Finding]) -> str:
    from workbook.colours import TAB_CLEAN, TAB_ERRORS, TAB_WARNINGS

    return TAB_ERRORS if any(f.is_error for f in findings) else (TAB_WARNINGS if findings else TAB_CLEAN)
