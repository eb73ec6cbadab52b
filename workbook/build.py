"""The template workbook, built from the layout (and, filled, from a report).

``python -m workbook.build`` rewrites the committed template files next to this module.
The build is byte-reproducible: fixed document dates and xlsxwriter's fixed zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from .layout import (
    FORMAT_NAME,
    GRIDS,
    INFO_ITEMS,
    LAYOUT,
    SECTION_TITLES,
    SHEET_HELP,
    SHEET_INFO,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    SHEET_TEXT,
    T2_BLOCKS,
    T2_CONTENT_LABEL,
    T2_WIDTH,
    T3_COLUMNS,
    T3_FIRST_ROW,
    T3_HEAD_APPLICANT,
    T3_HEAD_LEGAL,
    T3_LABEL_COLS,
    T3_NOTE,
    T3_ROWS,
    T4_COLUMNS,
    T4_DATA_ROW,
    T4_GROUPS,
    TEXT_COL_GEN,
    TEXT_COL_OWN,
    TEXT_FIRST_ROW,
    TEXT_SECTIONS,
    Field,
)
from .model import Report, State
from .placeholders import PLACEHOLDERS, TEXT_PLACEHOLDERS

HERE = Path(__file__).parent
TEMPLATE_XLSX = HERE / "nianbao_template.xlsx"
TEMPLATE_XLSM = HERE / "nianbao_template.xlsm"
BUILD_DATE = dt.datetime(2021, 9, 29)  # the format's publication date: any fixed date keeps builds identical

INPUT_TINT = "#FFF7D6"
TOTAL_TINT = "#E8EEF7"
FONT = "宋体"

COUNT_RULE = {
    "validate": "integer",
    "criteria": ">=",
    "value": 0,
    "error_title": "请填写件数",
    "error_message": "此处应填写大于或等于 0 的整数（件）。没有发生时请填 0。",
    "input_title": "填写件数",
    "input_message": "整数，单位：件；没有发生时填 0。",
}
AMOUNT_RULE = {
    "validate": "decimal",
    "criteria": ">=",
    "value": 0,
    "error_title": "请填写金额",
    "error_message": "此处应填写大于或等于 0 的金额，单位为万元，可含小数。没有收费时请填 0。",
    "input_title": "填写金额",
    "input_message": "单位：万元，可含小数；没有收费时填 0。",
}
PROTECT_OPTIONS = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_cells": True,  # the 校验 button colours cells on the protected sheet
    "format_columns": True,
    "format_rows": True,
}


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 11, "valign": "vcenter", "text_wrap": True}
        boxed = {**base, "border": 1}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center", "font_name": "黑体"})
        self.label = wb.add_format({**boxed, "align": "left"})
        self.label_center = wb.add_format({**boxed, "align": "center"})
        self.header = wb.add_format({**boxed, "align": "center", "bold": True})
        self.count = wb.add_format({**boxed, "align": "center", "num_format": "0", "locked": False, "bg_color": INPUT_TINT})
        self.amount = wb.add_format({**boxed, "align": "center", "num_format": "General", "locked": False, "bg_color": INPUT_TINT})
        self.total = wb.add_format({**boxed, "align": "center", "num_format": "0", "bold": True, "bg_color": TOTAL_TINT})
        self.text_input = wb.add_format({**boxed, "align": "left", "valign": "top", "locked": False, "bg_color": INPUT_TINT})
        self.generated = wb.add_format({**boxed, "align": "left", "valign": "top", "bg_color": TOTAL_TINT})
        self.hint = wb.add_format({**base, "font_color": "#666666", "font_size": 10})
        self.plain = wb.add_format({**base, "valign": "top"})
        self.bold = wb.add_format({**base, "bold": True})


def _formula(f: Field) -> str:
    cells = [LAYOUT[k] for k in f.sums]
    rows = {c.row for c in cells}
    cols = [c.col for c in cells]
    if len(rows) == 1 and cols == list(range(cols[0], cols[0] + len(cols))):
        return f"=SUM({xl_rowcol_to_cell(cells[0].row, cols[0])}:{xl_rowcol_to_cell(cells[0].row, cols[-1])})"
    rws = [c.row for c in cells]
    if len(set(cols)) == 1 and rws == list(range(rws[0], rws[0] + len(rws))):
        return f"=SUM({xl_rowcol_to_cell(rws[0], cols[0])}:{xl_rowcol_to_cell(rws[-1], cols[0])})"
    return "=" + "+".join(c.cell for c in cells)


def _write_field(ws, f: Field, fmt: _Formats, report: Report | None) -> None:
    value = report.values.get(f.key) if report else None
    number = value.value if value is not None and value.state is not State.BLANK else None
    if value is not None and value.state in (State.TEXT, State.ERROR, State.DASH) and isinstance(value.raw, str):
        number = value.raw  # keep what the user wrote; the checks report it
    style = fmt.total if f.is_total else (fmt.amount if f.kind == "amount" else fmt.count)
    if f.is_total:
        computed = report.sum_of(f.sums) if report else 0
        if number is None or number == computed:
            ws.write_formula(f.row, f.col, _formula(f), style, computed)
            return
        style = fmt.count  # a total that differs from its inputs is kept as written, unlocked
    if f.span > 1:
        ws.merge_range(f.row, f.col, f.row, f.col + f.span - 1, None, style)
    if number is None:
        ws.write_blank(f.row, f.col, None, style)
    else:
        ws.write(f.row, f.col, number, style)


def _validate(ws, f: Field) -> None:
    if not f.is_total:
        last = f.col + f.span - 1
        ws.data_validation(f.row, f.col, f.row, last, AMOUNT_RULE if f.kind == "amount" else COUNT_RULE)


def _title(ws, fmt: _Formats, text: str, width: int) -> None:
    ws.merge_range(0, 0, 0, width - 1, text, fmt.title)
    ws.set_row(0, 30)


def _print_setup(ws, landscape: bool, repeat: tuple[int, int] | None) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if repeat:
        ws.repeat_rows(*repeat)


def _sheet_t2(wb, fmt: _Formats, report: Report | None) -> None:
    ws = wb.add_worksheet(SHEET_T2)
    _title(ws, fmt, SECTION_TITLES["s2"], T2_WIDTH)
    ws.set_column(0, 0, 22)
    ws.set_column(1, T2_WIDTH - 1, 18)
    row = 1
    for block in T2_BLOCKS:
        ws.merge_range(row, 0, row, T2_WIDTH - 1, block.caption, fmt.header)
        ws.write(row + 1, 0, T2_CONTENT_LABEL, fmt.label_center)
        if len(block.headers) == 1:
            ws.merge_range(row + 1, 1, row + 1, T2_WIDTH - 1, block.headers[0].label, fmt.label_center)
        else:
            for i, h in enumerate(block.headers):
                ws.write(row + 1, 1 + i, h.label, fmt.label_center)
        for i, r in enumerate(block.rows):
            ws.write(row + 2 + i, 0, r.labels[0], fmt.label)
        row += 2 + len(block.rows)
    for f in GRIDS[0].fields:
        _write_field(ws, f, fmt, report)
        _validate(ws, f)
    ws.freeze_panes(1, 0)
    _print_setup(ws, landscape=False, repeat=None)
    ws.protect("", PROTECT_OPTIONS)


def _wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped label takes in a column ``width`` characters wide (a CJK character is two)."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return -(-units // max(1, int(width) - 1))


def _label_spans(rows, depth: int):
    """Merged label areas of a table whose rows carry label levels: (r0, c0, r1, c1, text)."""
    spans = []
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
            last_col = depth - 1 if level == len(labels) - 1 else level
            spans.append((i, level, j, last_col, labels[level]))
            i = j + 1
    return spans


def _sheet_t3(wb, fmt: _Formats, report: Report | None) -> None:
    ws = wb.add_worksheet(SHEET_T3)
    width = T3_LABEL_COLS + len(T3_COLUMNS)
    _title(ws, fmt, SECTION_TITLES["s3"], width)
    widths = (12, 14, 34)
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    ws.set_column(T3_LABEL_COLS, width - 1, 12)  # "社会公益组织" on one line
    d0, zj = T3_LABEL_COLS, T3_LABEL_COLS + len(T3_COLUMNS) - 1
    ws.merge_range(1, 0, 3, T3_LABEL_COLS - 1, T3_NOTE, fmt.label_center)
    ws.merge_range(1, d0, 1, zj, T3_HEAD_APPLICANT, fmt.header)
    ws.merge_range(2, d0, 3, d0, T3_COLUMNS[0].label, fmt.header)
    ws.merge_range(2, d0 + 1, 2, zj - 1, T3_HEAD_LEGAL, fmt.header)
    for i, c in enumerate(T3_COLUMNS[1:-1]):
        ws.write(3, d0 + 1 + i, c.label, fmt.header)
    ws.merge_range(2, zj, 3, zj, T3_COLUMNS[-1].label, fmt.header)
    ws.set_row(3, 32)
    lines = [1] * len(T3_ROWS)
    for r0, c0, r1, c1, text in _label_spans(T3_ROWS, T3_LABEL_COLS):
        style = fmt.label_center if c0 == 0 and r1 > r0 else fmt.label
        if (r0, c0) == (r1, c1):
            ws.write(T3_FIRST_ROW + r0, c0, text, style)
        else:
            ws.merge_range(T3_FIRST_ROW + r0, c0, T3_FIRST_ROW + r1, c1, text, style)
        if r0 == r1:
            lines[r0] = max(lines[r0], _wrapped_lines(text, sum(widths[c0 : c1 + 1])))
    for i, n in enumerate(lines):
        if n > 1:  # wrapped labels need the height set: LibreOffice does not grow rows on opening
            ws.set_row(T3_FIRST_ROW + i, 14.5 * n)
    for f in GRIDS[1].fields:
        _write_field(ws, f, fmt, report)
        _validate(ws, f)
    ws.freeze_panes(T3_FIRST_ROW, T3_LABEL_COLS)
    _print_setup(ws, landscape=True, repeat=(1, T3_FIRST_ROW - 1))
    ws.protect("", PROTECT_OPTIONS)


def _sheet_t4(wb, fmt: _Formats, report: Report | None) -> None:
    ws = wb.add_worksheet(SHEET_T4)
    width = len(T4_GROUPS) * len(T4_COLUMNS)
    _title(ws, fmt, SECTION_TITLES["s4"], width)
    ws.set_column(0, width - 1, 7.5)
    n = len(T4_COLUMNS)
    ws.merge_range(1, 0, 1, n - 1, T4_GROUPS[0][1], fmt.header)
    ws.merge_range(1, n, 1, width - 1, T4_GROUPS[1][1], fmt.header)
    for i, c in enumerate(T4_COLUMNS):
        ws.merge_range(2, i, 3, i, c.label, fmt.header)
    for gi, (_, _, sub) in enumerate(T4_GROUPS[1:], start=1):
        ws.merge_range(2, gi * n, 2, gi * n + n - 1, sub, fmt.header)
        for i, c in enumerate(T4_COLUMNS):
            ws.write(3, gi * n + i, c.label, fmt.header)
    ws.set_row(3, 32)
    for f in GRIDS[2].fields:
        _write_field(ws, f, fmt, report)
        _validate(ws, f)
    ws.freeze_panes(T4_DATA_ROW, 0)
    _print_setup(ws, landscape=True, repeat=(1, T4_DATA_ROW - 1))
    ws.protect("", PROTECT_OPTIONS)


def _sheet_info(wb, fmt: _Formats, report: Report | None):
    ws = wb.add_worksheet(SHEET_INFO)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 44)
    ws.set_column(2, 2, 40)
    _title(ws, fmt, "政府信息公开工作年度报告 · 基本信息", 3)
    ws.write(1, 0, FORMAT_NAME, fmt.hint)
    for it in INFO_ITEMS:
        f = LAYOUT[it.key]
        ws.write(f.row, 0, it.label, fmt.label)
        text = report.text(it.key) if report else ""
        if text:
            ws.write_string(f.row, f.col, text, fmt.text_input)
        else:
            ws.write_blank(f.row, f.col, None, fmt.text_input)
        ws.write(f.row, 2, it.hint, fmt.hint)
    last = LAYOUT[INFO_ITEMS[-1].key].row
    ws.write(last + 2, 0, "操作步骤：1. 填写本页和“主动公开”“依申请公开”“复议诉讼”三张表（只填黄色单元格，合计自动计算）；", fmt.plain)
    ws.write(last + 3, 0, "2. 在“正文”页撰写文字；3. 点击“校验”，按“校验结果”页修改标红的单元格；4. 点击“生成正文”和“导出Word”。", fmt.plain)
    ws.print_area(0, 0, last, 2)
    _print_setup(ws, landscape=False, repeat=None)
    return ws


def _sheet_text(wb, fmt: _Formats, report: Report | None) -> None:
    ws = wb.add_worksheet(SHEET_TEXT)
    ws.set_column(0, 0, 22)
    ws.set_column(TEXT_COL_OWN, TEXT_COL_OWN, 70)
    ws.set_column(TEXT_COL_GEN, TEXT_COL_GEN, 60)
    _title(ws, fmt, "报告正文", 3)
    ws.write(1, 0, "部分", fmt.header)
    ws.write(1, TEXT_COL_OWN, "本机关撰写内容（可写占位符，如{本年新收申请数}，见“填报说明”）", fmt.header)
    ws.write(1, TEXT_COL_GEN, "系统生成内容（点击“生成正文”自动填写，请勿手工修改）", fmt.header)
    for i, s in enumerate(TEXT_SECTIONS):
        row = TEXT_FIRST_ROW + i
        ws.write(row, 0, s.heading, fmt.label)
        for col, key, style in ((TEXT_COL_OWN, f"text.{s.key}", fmt.text_input), (TEXT_COL_GEN, f"gen.{s.key}", fmt.generated)):
            text = report.text(key) if report else ""
            if text:
                ws.write_string(row, col, text, style)
            else:
                ws.write_blank(row, col, None, style)
        ws.set_row(row, 90)
    ws.freeze_panes(TEXT_FIRST_ROW, 1)
    _print_setup(ws, landscape=True, repeat=(1, 1))


HELP_LINES: tuple[str, ...] = (
    "填报说明",
    "",
    "一、总的要求",
    "1. 本模板依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）制作，表格的行、列和文字与官方格式一致，请勿增删行列或修改表头文字。",
    "2. 只在黄色单元格中填写数字；蓝灰色单元格为合计，由公式自动计算，请勿改写。",
    "3. 数量一律填写整数（单位：件）；没有发生的请填 0，不要留空，也不要填“/”“—”“无”。",
    "4. 行政事业性收费填写本年收费金额，单位为万元，可含小数；没有收费的填 0。",
    "",
    "二、“主动公开”表（报告第二部分）",
    "1. 第二十条第（一）项：分别填写规章、行政规范性文件的本年制发件数、本年废止件数和截至年底的现行有效件数。",
    "2. 第二十条第（五）（六）项：填写本年作出的行政许可、行政处罚、行政强制处理决定数量。",
    "3. 第二十条第（八）项：填写本年行政事业性收费金额（万元）。",
    "",
    "三、“依申请公开”表（报告第三部分）",
    "1. 按申请人类型分列填写：自然人；法人或其他组织分为商业企业、科研机构、社会公益组织、法律服务机构、其他。总计列自动计算。",
    "2. “二、上年结转政府信息公开申请数量”应等于上年度报告中“四、结转下年度继续办理”的数量。",
    "3. “三、本年度办理结果”中每件申请只计一种结果；部分公开（区分处理）的只计入“（二）部分公开”。“（七）总计”自动计算。",
    "4. 每一列都应满足表中注明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和，即 一 + 二 = 三（七）总计 + 四。",
    "",
    "四、“复议诉讼”表（报告第四部分）",
    "1. 分别填写本年因政府信息公开工作被申请行政复议、提起行政诉讼（未经复议直接起诉、复议后起诉）的案件数，按结果维持、结果纠正、其他结果、尚未审结分列。",
    "2. 三个“总计”自动计算，等于前四项之和。",
    "",
    "五、“正文”页",
    "1. 在“本机关撰写内容”列填写各部分文字；第二、三、四部分的表格由系统根据表格数据自动生成。",
    "2. 文字中可使用占位符，导出时替换为表格中的数字，例如“全年共收到政府信息公开申请{本年新收申请数}件”。可用的占位符如下：",
    *(f"   {{{name}}}" for name in (*PLACEHOLDERS, *TEXT_PLACEHOLDERS)),
    "3. 第六部分应报告收取信息处理费的情况（未收取的也应写明）。",
    "",
    "六、按钮",
    "校验：检查全部计算关系和填写规范，问题单元格标红，明细列在“校验结果”页；生成正文：根据表格数据生成叙述文字；导出Word：生成公文格式的年度报告。",
    "",
    "七、表格自查（不需要按钮和宏）",
    "1. 三张表格自带检查公式，边填边查：Excel、WPS 和 LibreOffice 打开即可使用，不需要启用宏，也不需要安装 Python。",
    "2. 每张表标题行右侧有一行“本表自查”：全部正确时显示“本表自查：全部相符”（绿色）；有问题时显示“本表自查：2 处不符——”，并逐项写明哪一行或哪一列、两边各是多少、相差多少（红色）。",
    "3. 不符合计算关系的单元格自动变红：合计与分项之和不符时，标红该合计单元格；一、二两项之和与三、四两项之和不符（勾稽关系）时，标红该列的第一、二、三（七）、四项；填写了负数、小数（件数）或文字的单元格也标红。改正后红色自动消失。",
    "4. “基本信息”页填写项下方的“表格自查”一行汇总三张表的情况，例如“表格自查：发现 3 处不符，见各表顶部提示”。",
    "5. 自查行和标红只在屏幕上显示，不会打印，也不影响数据读取；“校验”按钮和 nianbao check 还会检查未填写的单元格、上年数据和正文文字。",
)


def _sheet_help(wb, fmt: _Formats) -> None:
    ws = wb.add_worksheet(SHEET_HELP)
    ws.set_column(0, 0, 120)
    for i, line in enumerate(HELP_LINES):
        style = fmt.title if i == 0 else (fmt.bold if line[:2] in {"一、", "二、", "三、", "四、", "五、", "六、", "七、"} else fmt.plain)
        ws.write(i, 0, line, style)
    _print_setup(ws, landscape=False, repeat=None)


def build_workbook(target, report: Report | None = None, buttons=None, checks=None) -> None:
    """Write the template (filled with ``report`` when given) to a path or binary file object.

    ``buttons`` is a callable given (workbook, 基本信息 worksheet) once every sheet exists: the .xlsm
    build (workbook/xlsm.py) adds its buttons and VBA project there.
    ``checks``: the self-check formulas to write (workbook.selfcheck); None: the committed compile of the rules.
    """
    wb = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"title": "政府信息公开工作年度报告", "created": BUILD_DATE, "author": "nianbao"})
    wb.set_custom_property("nianbao_format", "2021")
    fmt = _Formats(wb)
    info = _sheet_info(wb, fmt, report)
    _sheet_t2(wb, fmt, report)
    _sheet_t3(wb, fmt, report)
    _sheet_t4(wb, fmt, report)
    _sheet_text(wb, fmt, report)
    _sheet_help(wb, fmt)
    _self_checks(wb, checks)
    if buttons is not None:
        buttons(wb, info)
    wb.close()


def _self_checks(wb, checks) -> None:
    """表格自查 (issue 11): the rules' formulas, red cells and status lines, compiled by checks.formulas."""
    from .selfcheck import compiled, write_checks

    write_checks(wb, compiled() if checks is None else checks, PROTECT_OPTIONS)


def template_bytes() -> bytes:
    buf = io.BytesIO()
    build_workbook(buf)
    return buf.getvalue()


def main() -> None:
    from .xlsm import xlsm_bytes  # the .xlsm needs the VBA writer and the installed xlwings.bas

    TEMPLATE_XLSX.write_bytes(template_bytes())
    print(f"wrote {TEMPLATE_XLSX}")
    TEMPLATE_XLSM.write_bytes(xlsm_bytes())
    print(f"wrote {TEMPLATE_XLSM}")


if __name__ == "__main__":
    main()
