"""上年对比: every number of this year's report beside last year's, the carry-over check and the 同比 sentences.

The carry-over check is FORMAT.md A5: this year's 二、上年结转 must equal last year's 四、结转下年度
继续办理, column by column. The 同比 sentences are the narrative's own (``xladdin.text.generate``
with the previous year), so the report and the comparison use the same words.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from checks.findings import ERROR, WARNING, Finding
from workbook.layout import LAYOUT, SHEET_T2, SHEET_T3, SHEET_T4, T3_COLUMNS
from workbook.model import Report, State

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
    findings: list[Finding] = field(default_factory=list)  # carry-over, years
    sentences: list[str] = field(default_factory=list)  # 同比 sentences, as the narrative prints them
    this_year: int | None = None
    last_year: int | None = None


def _num(report: Report, key: str) -> int | float | None:
    v = report.values.get(key)
    if v is None or v.state in (State.BLANK, State.TEXT, State.ERROR):
        return None
    return v.value


def _round(x: float) -> int | float:
    x = round(x, 6)
    return int(x) if float(x).is_integer() else x


def carry_over(this: Report, last: Report) -> list[Finding]:
    """This year's 二、上年结转 against last year's 四、结转下年度继续办理, per column."""
    out = []
    for c in T3_COLUMNS:
        now, before = this[f"t3.prev.{c.key}"], last[f"t3.next.{c.key}"]
        if now != before:
            f = LAYOUT[f"t3.prev.{c.key}"]
            out.append(Finding(
                "COMPARE.CARRY_OVER", ERROR,
                f"依申请公开表“二、上年结转政府信息公开申请数量”（{c.label}）为 {now}，"
                f"与上年报告“四、结转下年度继续办理”的 {before} 不一致，相差 {_round(abs(now - before))}。"
                "本年的上年结转数应等于上年的结转下年度数，请核对。",
                (f.ref,), expected=before, actual=now,
            ))
    return out


def tongbi_sentences(this: Report, last: Report) -> list[str]:
    """The narrative's sentences that carry a 同比 phrase (较上年…/与上年持平)."""
    from xladdin.text import generate

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
    if this.year and last.year and this.year != last.year + 1:
        result.findings.append(Finding(
            "COMPARE.YEARS", WARNING,
            f"两份报告的年度为 {this.year} 年和 {last.year} 年，不是相邻年度；上年结转核对和同比文字可能没有意义。",
            (LAYOUT["info.year"].ref,), expected=(last.year + 1), actual=this.year,
        ))
    result.findings.extend(carry_over(this, last))
    result.sentences = tongbi_sentences(this, last)
    return result


def _fmt(x) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.6f}".rstrip("0").rstrip(".")
    return str(x)


def render_text(result: Comparison, changed_only: bool = False) -> str:
    head = f"{result.last_year or '上年'} 年 → {result.this_year or '本年'} 年"
    rows = [f"逐项对比（{head}）：", "表\t项目\t上年\t本年\t增减\t增减幅度"]
    for ln in result.lines:
        if changed_only and not ln.change:
            continue
        pct = f"{ln.pct:+.2f}%" if ln.pct is not None else ""
        change = f"{ln.change:+}" if isinstance(ln.change, int) else (_fmt(ln.change) if ln.change is None else f"{ln.change:+.6g}")
        rows.append(f"{ln.table}\t{ln.label}\t{_fmt(ln.last)}\t{_fmt(ln.this)}\t{change}\t{pct}")
    return "\n".join(rows)


def write_xlsx(result: Comparison, path: str | os.PathLike) -> None:
    """Three sheets: 逐项对比, 结转核对 (carry-over findings), 同比表述 (sentences)."""
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
        ws2 = book.add_worksheet("结转核对")
        ws2.write_row(0, 0, ["结果", "说明", "单元格"], bold)
        if not any(f.rule == "COMPARE.CARRY_OVER" for f in result.findings):
            ws2.write_row(1, 0, ["一致", "本年“二、上年结转”与上年“四、结转下年度继续办理”各列均一致。", ""])
        for i, f in enumerate(result.findings, start=1):
            ws2.write_row(i, 0, ["错误" if f.is_error else "提醒", f.message, "、".join(f.cells)])
        ws2.set_column(1, 1, 100)
        ws3 = book.add_worksheet("同比表述")
        ws3.write(0, 0, "同比文字（与正文生成的文字一致）", bold)
        for i, s in enumerate(result.sentences, start=1):
            ws3.write(i, 0, s)
        ws3.set_column(0, 0, 120)
        book.close()
