"""上年对比: every number of this year's report beside last year's, the cross-year checks and the 同比 sentences.

The cross-year checks are the check engine's own ``PREV.*`` rules (FORMAT.md A5 上年结转 = 上年结转下年度,
A6 现行有效件数, adjacent years), so ``compare`` and ``check --previous`` report the same findings in the
same words and name the cells actually read. The 同比 sentences are the narrative's own
(``xladdin.report.prose.generate`` with the previous year), so the report and the comparison use the same words.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from checks.catalogue import severity_name
from checks.findings import Finding
from workbook.layout import LAYOUT, SHEET_T2, SHEET_T3, SHEET_T4, T3_ROW_BY_KEY
from workbook.model import Report
from workbook.cells import format_number
from xladdin.report.prose import generate

TABLE_OF_SHEET = {SHEET_T2: "主动公开", SHEET_T3: "依申请公开", SHEET_T4: "复议诉讼"}


@dataclass
class Line:
    key: str
    table: str
    label: str
    last: int | float | None
    this: int | float | None
    change: int | float | None
    pct: float | None  # change in percent of last year's value; None when last year is 0 or blank


@dataclass
class Comparison:
    lines: list[Line] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the PREV.* checks: carry-over, 现行有效, years
    sentences: list[str] = field(default_factory=list)  # 同比 sentences, as the narrative prints them
    this_year: int | None = None
    last_year: int | None = None


def _num(report: Report, key: str) -> int | float | None:
    """The value the report states, None where it states none."""
    return report.get(key).value if key in report.values and report.stated(key) else None


def _round(x: float) -> int | float:
    x = round(x, 6)
    return int(x) if float(x).is_integer() else x


def cross_year(this: Report, last: Report) -> list[Finding]:
    """The check engine's findings that compare the two years (PREV.*)."""
    from checks import check_report

    return [f for f in check_report(this, last) if f.rule.startswith("PREV.")]


def tongbi_sentences(this: Report, last: Report) -> list[str]:
    """The narrative's sentences that carry a 同比 phrase (较上年…/与上年持平)."""
    narrative = generate(this, last)
    out = []
    for paras in narrative.generated.values():
        for p in paras:
            if "较上年" in p or "与上年持平" in p:
                out.append(p)
    return out


def compare(this: Report, last: Report) -> Comparison:
    result = Comparison(this_year=this.year, last_year=last.year)
    for f in LAYOUT.numeric:
        a, b = _num(last, f.key), _num(this, f.key)
        change = _round(b - a) if a is not None and b is not None else None
        pct = round(change * 100 / a, 2) if change is not None and a else None
        result.lines.append(Line(f.key, TABLE_OF_SHEET[f.sheet], f.label, a, b, change, pct))
    result.findings = cross_year(this, last)
    result.sentences = tongbi_sentences(this, last)
    return result


def _signed(x: int | float | None) -> str:
    """A change as the report prints numbers, with its sign: +3, -1.5, 0; blank when a year has none."""
    if x is None or x == 0:
        return format_number(x)
    return ("+" if x > 0 else "-") + format_number(abs(x))


def render_text(result: Comparison, changed_only: bool = False) -> str:
    head = f"{result.last_year or '上年'} 年 → {result.this_year or '本年'} 年"
    rows = [f"逐项对比（{head}）：", "表\t项目\t上年\t本年\t增减\t增减幅度"]
    for ln in result.lines:
        if changed_only and not ln.change:
            continue
        pct = f"{ln.pct:+.2f}%" if ln.pct is not None else ""
        rows.append(f"{ln.table}\t{ln.label}\t{format_number(ln.last)}\t{format_number(ln.this)}\t{_signed(ln.change)}\t{pct}")
    return "\n".join(rows)


def write_xlsx(result: Comparison, path: str | os.PathLike) -> None:
    """Three sheets: 逐项对比, 跨年度核对 (carry-over agreement, then every PREV.* finding), 同比表述 (sentences)."""
    import xlsxwriter

    from workbook.atomic import atomic_path

    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp))
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        num = book.add_format({"border": 1})
        pct = book.add_format({"border": 1, "num_format": '0.00"%"'})
        up = book.add_format({"border": 1, "font_color": "#006100"})
        down = book.add_format({"border": 1, "font_color": "#9C0006"})
        ws = book.add_worksheet("逐项对比")
        headers = ["表", "项目", f"上年（{result.last_year or ''}）", f"本年（{result.this_year or ''}）", "增减", "增减幅度"]
        ws.write_row(0, 0, headers, bold)
        for i, ln in enumerate(result.lines, start=1):
            ws.write(i, 0, ln.table, num)
            ws.write(i, 1, ln.label, num)
            for j, x in ((2, ln.last), (3, ln.this)):
                ws.write(i, j, x, num) if x is not None else ws.write_blank(i, j, None, num)
            if ln.change is None:
                ws.write_blank(i, 4, None, num)
            else:
                ws.write_number(i, 4, ln.change, up if ln.change > 0 else down if ln.change < 0 else num)
            ws.write(i, 5, ln.pct, pct) if ln.pct is not None else ws.write_blank(i, 5, None, num)
        ws.set_column(0, 0, 12)
        ws.set_column(1, 1, 70)
        ws.set_column(2, 5, 12)
        ws.freeze_panes(1, 2)
        ws.autofilter(0, 0, len(result.lines), 5)
        ws2 = book.add_worksheet("跨年度核对")
        ws2.write_row(0, 0, ["结果", "说明", "单元格"], bold)
        rows = [[severity_name(f.severity), f.message, "、".join(f.cells)] for f in result.findings]
        if not any(f.rule == "PREV.CARRY_OVER" for f in result.findings):
            rows.insert(0, ["一致", f"本年“二、上年结转”与上年“{T3_ROW_BY_KEY['next'].labels[0]}”各列均一致。", ""])
        for i, row in enumerate(rows, start=1):
            ws2.write_row(i, 0, row)
        ws2.set_column(1, 1, 100)
        ws3 = book.add_worksheet("同比表述")
        ws3.write(0, 0, "同比文字（与正文生成的文字一致）", bold)
        for i, s in enumerate(result.sentences, start=1):
            ws3.write(i, 0, s)
        ws3.set_column(0, 0, 120)
        book.close()
