"""The ``--annotate`` copy: every offending cell coloured, with a comment carrying the message,
and a 校验结果 sheet listing the findings with links to their cells. The input is never written.

.xlsx/.xlsm files are copied as they are (VBA kept). Other inputs (.xls, .ods, published reports)
are rebuilt as a template workbook from the report that was read, and annotated there.
openpyxl is imported inside the functions: it is not on the ``nianbao check`` path.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from workbook.atomic import atomic_path
from workbook.errors import OutputError
from workbook.layout import LAYOUT, SHEET_RESULTS
from workbook.model import Report

from workbook.colours import LINK_FONT, argb, fill_for

from . import results_sheet as sheet_layout
from .catalogue import severity_name
from .findings import Finding

COMMENT_LIMIT = 1500
KEEP_AS_IS = (".xlsx", ".xlsm")


def target_name(source: Path) -> str:
    """"报告.xlsx" → "报告_校验.xlsx"; inputs openpyxl cannot keep are rebuilt as .xlsx."""
    suffix = source.suffix.lower()
    if suffix in KEEP_AS_IS:
        return f"{source.stem}_校验{suffix}"
    return f"{source.stem}_{suffix.lstrip('.')}_校验.xlsx"


def _relocate(report: Report) -> dict[str, str]:
    """For a rebuilt workbook: each cell the reader reported → the template cell of the same field."""
    moved = {}
    for key, v in report.values.items():
        if v.sheet and v.cell:
            moved[v.ref] = LAYOUT[key].ref
    return moved


def annotate(source: Path, report: Report, findings: list[Finding], target: Path) -> Path:
    """Write the annotated copy of ``source`` to ``target`` (atomically) and return it."""
    import io

    from openpyxl import load_workbook

    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise OutputError(f"标注副本不能覆盖原文件“{source}”，请另选输出文件夹。")
    keep = source.suffix.lower() in KEEP_AS_IS
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read (data validation lists)
        if keep:
            try:
                wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
            except Exception:  # a file calamine read but openpyxl cannot: rebuild it instead
                keep = False
        if not keep:
            from workbook.write import report_bytes

            wb = load_workbook(io.BytesIO(report_bytes(report)))
            if target.suffix.lower() != ".xlsx":
                target = target.with_suffix(".xlsx")
    moved = {} if keep else _relocate(report)
    if keep:
        from .formulas import add_to_openpyxl

        add_to_openpyxl(wb, report)  # a workbook from a template older than the self-check gets it too
    _mark_cells(wb, findings, moved, report)
    _results_sheet(wb, source, findings, moved, report, rebuilt=not keep)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _split(ref: str) -> tuple[str, str]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell


def _mark_cells(wb, findings: list[Finding], moved: dict[str, str], report: Report) -> None:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    notes: dict[str, list[Finding]] = {}
    for f in findings:
        for ref in f.marked:
            notes.setdefault(moved.get(ref, ref), []).append(f)
    for ref, items in notes.items():
        sheet, cell = _split(ref)
        if sheet not in wb.sheetnames:
            continue
        c = wb[sheet][cell]
        if isinstance(c, MergedCell):
            continue
        colour = argb(fill_for(any(f.is_error for f in items)))
        c.fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        lines = [f"【{severity_name(f.severity)}】{f.message}" for f in dict.fromkeys(items)]
        text = "\n".join(lines + sum_notes(report, ref, moved))
        if len(text) > COMMENT_LIMIT:
            text = text[: COMMENT_LIMIT - 20] + "……（详见“校验结果”页）"
        comment = Comment(text, "nianbao 校验")
        comment.width, comment.height = 420, min(60 + 18 * (len(text) // 28 + 1), 600)
        c.comment = comment


def sum_notes(report: Report, ref: str, moved: dict[str, str]) -> list[str]:
    """What the sheet's SUM makes of this cell, where that differs from what the message says: a text Excel
    adds as 0 ("此格为文字“五”，合计按 0 计"), a decimal in a count cell that the template shows rounded."""
    from .notes import sum_note

    back = {v: k for k, v in moved.items()}
    note = sum_note(report, back.get(ref, ref))
    return [note] if note else []


def _results_sheet(wb, source: Path, findings: list[Finding], moved: dict[str, str], report: Report, rebuilt: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    if SHEET_RESULTS in wb.sheetnames:
        del wb[SHEET_RESULTS]
    ws = wb.create_sheet(SHEET_RESULTS)
    note = "原文件不是 .xlsx/.xlsm，本副本按读取到的数据重新生成为填报模板，单元格位置以模板为准。" if rebuilt else ""
    rows = sheet_layout.grid(findings, f"校验结果：{source.name}", note, at=lambda r: moved.get(r, r), report=report)
    for row in rows:
        ws.append(row)
    ws.cell(sheet_layout.TITLE_ROW + 1, 1).font = Font(bold=True, size=14)
    for i in range(len(sheet_layout.COLUMNS)):
        ws.cell(sheet_layout.HEADER_ROW + 1, i + 1).font = Font(bold=True)
    for r, f in enumerate(findings, start=sheet_layout.FIRST_ROW + 1):
        colour = argb(fill_for(f.is_error))
        ws.cell(r, sheet_layout.col("级别") + 1).fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        for i, c in enumerate(sheet_layout.COLUMNS, start=1):
            ws.cell(r, i).alignment = Alignment(wrap_text=c.wrap, vertical="top")
            if c.link and ws.cell(r, i).value:
                link = ws.cell(r, i)
                sheet, cell = _split(link.value)
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{cell}", display=link.value)
                link.font = Font(color=argb(LINK_FONT), underline="single")
    _lay_out(ws, rows, findings)


def _lay_out(ws, rows: list[list[object]], findings: list[Finding]) -> None:
    """Widths, heights of wrapped rows, printing on pages as wide as the sheet; shown first."""
    from openpyxl.utils import get_column_letter

    for i, c in enumerate(sheet_layout.COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    for r, height in sheet_layout.row_heights(rows).items():
        ws.row_dimensions[r + 1].height = height
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{sheet_layout.HEADER_ROW + 1}:{sheet_layout.HEADER_ROW + 1}"
    ws.sheet_properties.tabColor = argb(sheet_layout.tab_colour(findings))
    wb = ws.parent
    wb.active = wb.sheetnames.index(SHEET_RESULTS)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = other.title == SHEET_RESULTS
