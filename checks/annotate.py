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

from .findings import Finding
from .formats import SEVERITY_NAMES
from .rules import fmt_num

ERROR_FILL = "FFC7CE"  # Excel's own "bad" red
WARNING_FILL = "FFEB9C"  # and its "neutral" yellow
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
    _mark_cells(wb, findings, moved)
    _results_sheet(wb, source, findings, moved, rebuilt=not keep)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _split(ref: str) -> tuple[str, str]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell


def _mark_cells(wb, findings: list[Finding], moved: dict[str, str]) -> None:
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
        colour = ERROR_FILL if any(f.is_error for f in items) else WARNING_FILL
        c.fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        text = "\n".join(f"【{SEVERITY_NAMES.get(f.severity, f.severity)}】{f.message}" for f in dict.fromkeys(items))
        if len(text) > COMMENT_LIMIT:
            text = text[: COMMENT_LIMIT - 20] + "……（详见“校验结果”页）"
        comment = Comment(text, "nianbao 校验")
        comment.width, comment.height = 420, min(60 + 18 * (len(text) // 28 + 1), 600)
        c.comment = comment


def _results_sheet(wb, source: Path, findings: list[Finding], moved: dict[str, str], rebuilt: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    if SHEET_RESULTS in wb.sheetnames:
        del wb[SHEET_RESULTS]
    ws = wb.create_sheet(SHEET_RESULTS)
    errors = sum(f.is_error for f in findings)
    ws["A1"] = f"校验结果：{source.name}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        f"共发现 {errors} 个错误、{len(findings) - errors} 个提醒。错误须改正后才能导出 Word；提醒请核对，确认无误可保留。"
        if findings
        else "未发现问题。"
    )
    if rebuilt:
        ws["A3"] = "原文件不是 .xlsx/.xlsm，本副本按读取到的数据重新生成为填报模板，单元格位置以模板为准。"
    header = ("序号", "级别", "规则", "说明", "单元格", "应为", "实际", "涉及的全部单元格")
    ws.append([])
    ws.append(header)
    head_row = ws.max_row
    for col in range(1, len(header) + 1):
        ws.cell(head_row, col).font = Font(bold=True)
    for i, f in enumerate(findings, start=1):
        cells = [moved.get(r, r) for r in f.cells]
        ws.append(
            [
                i,
                SEVERITY_NAMES.get(f.severity, f.severity),
                f.rule,
                f.message,
                cells[0] if cells else "",
                fmt_num(f.expected) if isinstance(f.expected, (int, float)) else (f.expected or ""),
                fmt_num(f.actual) if isinstance(f.actual, (int, float)) else (f.actual or ""),
                "、".join(cells),
            ]
        )
        row = ws.max_row
        colour = ERROR_FILL if f.is_error else WARNING_FILL
        ws.cell(row, 2).fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        ws.cell(row, 4).alignment = Alignment(wrap_text=True, vertical="top")
        if cells:
            sheet, cell = _split(cells[0])
            link = ws.cell(row, 5)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{cell}", display=cells[0])
            link.font = Font(color="0563C1", underline="single")
    for letter, width in zip("ABCDEFGH", (6, 8, 22, 80, 18, 10, 10, 40)):
        ws.column_dimensions[letter].width = width
    ws.sheet_properties.tabColor = "C00000" if errors else ("FFC000" if findings else "00B050")
    wb.active = wb.sheetnames.index(SHEET_RESULTS)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = other.title == SHEET_RESULTS
