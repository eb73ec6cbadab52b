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
    CAPTION,
    COLUMN,
    FORMAT_NAME,
    GRID_BY_KEY,
    GROUP,
    HEAD,
    INFO_ITEMS,
    LAYOUT,
    NOTE,
    SHEET_HELP,
    SHEET_INFO,
    SHEET_TEXT,
    TEXT_COL_GEN,
    TEXT_COL_OWN,
    TEXT_FIRST_ROW,
    TEXT_SECTIONS,
    T3_ROWS,
    Field,
    Grid,
    HeaderCell,
)
from .colours import INPUT_TINT, TOTAL_TINT
from .model import Report, State
from .placeholders import PLACEHOLDERS, TEXT_PLACEHOLDERS

HERE = Path(__file__).parent
TEMPLATE_XLSX = HERE / "nianbao_template.xlsx"
TEMPLATE_XLSM = HERE / "nianbao_template.xlsm"
BUILD_DATE = dt.datetime(2021, 9, 29)  # the format's publication date: any fixed date keeps builds identical

FONT = "宋体"
LINE_HEIGHT = 14.5  # points per line of 11-pt 宋体 in a wrapped cell
MAX_ROW_HEIGHT = 409  # points: Excel's limit

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
        # A total left blank on purpose (an imported report's blank 总计) stays blank, as published.
        kept_blank = value is not None and value.state is State.BLANK and value.formula is False
        if not kept_blank and (number is None or number == computed):
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


def _print_setup(ws, landscape: bool, repeat: tuple[int, int] | None, center: bool = True) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if center:  # LibreOffice shifts a scaled single wide column off the page's left edge when centred
        ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if repeat:
        ws.repeat_rows(*repeat)


def _cell_style(fmt: _Formats, c: HeaderCell):
    if c.kind in (HEAD, CAPTION):
        return fmt.header
    if c.kind in (NOTE, COLUMN) or (c.kind == GROUP and c.col == 0 and c.rowspan > 1):
        return fmt.label_center
    return fmt.label


def _write_cells(ws, fmt: _Formats, cells: tuple[HeaderCell, ...]) -> None:
    """The table's label cells, merged as the layout declares them."""
    for c in cells:
        if c.merged:
            ws.merge_range(c.row, c.col, c.last_row, c.last_col, c.text, _cell_style(fmt, c))
        else:
            ws.write(c.row, c.col, c.text, _cell_style(fmt, c))


def _write_fields(ws, fmt: _Formats, grid: Grid, report: Report | None) -> None:
    for f in grid.fields:
        _write_field(ws, f, fmt, report)
        _validate(ws, f)


def _grid_sheet(wb, fmt: _Formats, grid: Grid):
    ws = wb.add_worksheet(grid.sheet)
    _title(ws, fmt, grid.title, grid.width)
    _write_cells(ws, fmt, grid.cells)
    return ws


def _sheet_t2(wb, fmt: _Formats, report: Report | None) -> None:
    grid = GRID_BY_KEY["t2"]
    ws = _grid_sheet(wb, fmt, grid)
    ws.set_column(0, 0, 22)
    ws.set_column(1, grid.width - 1, 18)
    _write_fields(ws, fmt, grid, report)
    ws.freeze_panes(1, 0)
    _print_setup(ws, landscape=False, repeat=None)
    ws.protect("", PROTECT_OPTIONS)


def _wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped label takes in a column ``width`` characters wide (a CJK character is two)."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return -(-units // max(1, int(width) - 1))


def _fit_row(ws, row: int, cells: list[tuple[str, float]], least: float = 0) -> None:
    """Give a row the height its wrapped texts need: xlsxwriter cannot autofit, and LibreOffice and WPS
    do not grow rows when opening a file, so wrapped lines would spill over the next rows. ``cells`` are
    (text, width of its column or merged columns in characters); one line keeps the default height."""
    lines = max([1] + [sum(_wrapped_lines(part, width) for part in text.split("\n")) for text, width in cells if text])
    if lines > 1 or least:
        ws.set_row(row, min(MAX_ROW_HEIGHT, max(least, LINE_HEIGHT * lines + 3)))


def _sheet_t3(wb, fmt: _Formats, report: Report | None) -> None:
    grid = GRID_BY_KEY["t3"]
    ws = _grid_sheet(wb, fmt, grid)
    widths = (12, 14, 34)
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    ws.set_column(grid.label_cols, grid.width - 1, 12)  # "社会公益组织" on one line
    ws.set_row(grid.header_rows, 32)  # the lowest header row: column headings on two lines
    lines: dict[int, int] = {}
    for c in grid.labels:
        if c.rowspan == 1:
            lines[c.row] = max(lines.get(c.row, 1), _wrapped_lines(c.text, sum(widths[c.col : c.last_col + 1])))
    for row, n in sorted(lines.items()):
        if n > 1:  # wrapped labels need the height set: LibreOffice does not grow rows on opening
            ws.set_row(row, 14.5 * n)
    _write_fields(ws, fmt, grid, report)
    ws.freeze_panes(grid.first_row, grid.label_cols)
    _print_setup(ws, landscape=True, repeat=(1, grid.first_row - 1))
    ws.protect("", PROTECT_OPTIONS)


def _sheet_t4(wb, fmt: _Formats, report: Report | None) -> None:
    grid = GRID_BY_KEY["t4"]
    ws = _grid_sheet(wb, fmt, grid)
    ws.set_column(0, grid.width - 1, 7.5)
    ws.set_row(grid.header_rows, 32)  # the lowest header row: column headings on two lines
    _write_fields(ws, fmt, grid, report)
    ws.freeze_panes(grid.first_row, 0)
    _print_setup(ws, landscape=True, repeat=(1, grid.first_row - 1))
    ws.protect("", PROTECT_OPTIONS)


INFO_WIDTHS = (30, 44, 48)  # label, input, hint: the longest label and the longest hint on one line
INFO_STEPS = (
    "操作步骤：1. 填写本页和“主动公开”“依申请公开”“复议诉讼”三张表（只填黄色单元格，合计自动计算）；",
    "2. 在“正文”页撰写文字；3. 点击“校验”，按“校验结果”页修改标红的单元格；4. 点击“生成正文”和“导出Word”。",
)


def _sheet_info(wb, fmt: _Formats, report: Report | None):
    ws = wb.add_worksheet(SHEET_INFO)
    for col, width in enumerate(INFO_WIDTHS):
        ws.set_column(col, col, width)
    whole = sum(INFO_WIDTHS)
    _title(ws, fmt, "政府信息公开工作年度报告 · 基本信息", 3)
    ws.merge_range(1, 0, 1, 2, FORMAT_NAME, fmt.hint)
    _fit_row(ws, 1, [(FORMAT_NAME, whole)])
    for it in INFO_ITEMS:
        f = LAYOUT[it.key]
        ws.write(f.row, 0, it.label, fmt.label)
        text = report.text(it.key) if report else ""
        if text:
            ws.write_string(f.row, f.col, text, fmt.text_input)
        else:
            ws.write_blank(f.row, f.col, None, fmt.text_input)
        ws.write(f.row, 2, it.hint, fmt.hint)
        _fit_row(ws, f.row, [(it.label, INFO_WIDTHS[0]), (text, INFO_WIDTHS[1]), (it.hint, INFO_WIDTHS[2])])
    last = LAYOUT[INFO_ITEMS[-1].key].row
    for i, line in enumerate(INFO_STEPS):
        ws.merge_range(last + 2 + i, 0, last + 2 + i, 2, line, fmt.plain)
        _fit_row(ws, last + 2 + i, [(line, whole)])
    ws.print_area(0, 0, last + 1 + len(INFO_STEPS), 2)
    _print_setup(ws, landscape=False, repeat=None)
    return ws


TEXT_WIDTHS = {0: 22, TEXT_COL_OWN: 70, TEXT_COL_GEN: 60}
TEXT_HEADS = {
    0: "部分",
    TEXT_COL_OWN: "本机关撰写内容（可写占位符，如{本年新收申请数}，见“填报说明”）",
    TEXT_COL_GEN: "系统生成内容（点击“生成正文”自动填写，请勿手工修改）",
}


def _sheet_text(wb, fmt: _Formats, report: Report | None) -> None:
    ws = wb.add_worksheet(SHEET_TEXT)
    for col, width in TEXT_WIDTHS.items():
        ws.set_column(col, col, width)
    _title(ws, fmt, "报告正文", 3)
    for col, head in TEXT_HEADS.items():
        ws.write(1, col, head, fmt.header)
    _fit_row(ws, 1, [(head, TEXT_WIDTHS[col]) for col, head in TEXT_HEADS.items()])
    for i, s in enumerate(TEXT_SECTIONS):
        row = TEXT_FIRST_ROW + i
        ws.write(row, 0, s.heading, fmt.label)
        texts = [(s.heading, TEXT_WIDTHS[0])]
        for col, key, style in ((TEXT_COL_OWN, f"text.{s.key}", fmt.text_input), (TEXT_COL_GEN, f"gen.{s.key}", fmt.generated)):
            text = report.text(key) if report else ""
            if text:
                ws.write_string(row, col, text, style)
            else:
                ws.write_blank(row, col, None, style)
            texts.append((text, TEXT_WIDTHS[col]))
        _fit_row(ws, row, texts, least=90)  # room to write in the empty template; a filled text gets its lines
    ws.freeze_panes(TEXT_FIRST_ROW, 1)
    _print_setup(ws, landscape=True, repeat=(1, 1))


_T3_ROW = {r.key: r.labels for r in T3_ROWS}  # the help cites row labels: formatted in, never retyped
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
    f"2. “{_T3_ROW['prev'][0]}”应等于上年度报告中“{_T3_ROW['next'][0]}”的数量。",
    f"3. “{_T3_ROW['r1'][0]}”中每件申请只计一种结果；部分公开（区分处理）的只计入“（二）部分公开”。“{_T3_ROW['r7'][1]}”自动计算。",
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
    "4. “基本信息”页标题右侧的“表格自查”一行汇总三张表的情况，例如“表格自查：发现 3 处不符，见各表顶部提示”。",
    "5. 自查行和标红只在屏幕上显示，不会打印，也不影响数据读取；“校验”按钮和 nianbao check 还会检查未填写的单元格、上年数据和正文文字。",
)


HELP_WIDTH = 72  # fits A4 portrait unscaled: LibreOffice does not scale a single-column sheet to the page width


def _sheet_help(wb, fmt: _Formats) -> None:
    ws = wb.add_worksheet(SHEET_HELP)
    ws.set_column(0, 0, HELP_WIDTH)
    for i, line in enumerate(HELP_LINES):
        style = fmt.title if i == 0 else (fmt.bold if line[:2] in {"一、", "二、", "三、", "四、", "五、", "六、", "七、"} else fmt.plain)
        ws.write(i, 0, line, style)
        if i:
            _fit_row(ws, i, [(line, HELP_WIDTH)])
    _print_setup(ws, landscape=False, repeat=None, center=False)


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
