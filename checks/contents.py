"""What a numeric cell holds (FORMAT.md A8): text, formula errors, negative, decimal, too large, a unit in
元, blanks, odd writings read as numbers, totals typed over. A cell that cannot be read is reported here
once and left out of the sums.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from workbook.cells import MAX_COUNT
from workbook.layout import LAYOUT
from workbook.model import UNREAD_MARK, State, Value

from .findings import Finding
from .kinds import CheckRule, Context
from .names import SHEET_ORDER, cell_name, fmt_num, table_name

def _cell_quote(v: Value) -> str:
    raw = v.raw
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"  # as Excel shows a logical value, not Python's True
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    return str(raw).strip()


def check_text(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    for v in ctx.unusual:
        if v.state is not State.TEXT or v.raw == UNREAD_MARK:  # an import's unread cell: CELL.UNREAD
            continue
        f = LAYOUT[v.key]
        if f.kind == "amount":
            need = "应填写以万元为单位的金额数字（可含小数），没有收费时填 0"
        else:
            need = "应填写阿拉伯数字（件数），没有发生时填 0"
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(f.sheet)} {v.cell}“{cell_name(v.key)}”填写的“{_cell_quote(v)}”不是数字，{need}。"
            "涉及此单元格的合计与勾稽关系暂不校验。",
            (v.ref,),
            None,
            _cell_quote(v),
        )


def check_formula_error(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    for v in ctx.unusual:
        if v.state is State.ERROR:
            f = LAYOUT[v.key]
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(f.sheet)} {v.cell}“{cell_name(v.key)}”显示公式错误“{v.note or v.raw}”，"
                "可能是删除了被引用的单元格。请重新填写数字或恢复公式。",
                (v.ref,),
                None,
                str(v.note or v.raw),
            )


def check_negative(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    for v in ctx.unusual:
        f = LAYOUT[v.key]
        if f.is_total and v.formula is not False:
            continue  # a formula total of a negative input: the input is the cell to fix, reported once
        if v.value is not None and v.value < 0:
            what = "金额" if f.kind == "amount" else "件数"
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(f.sheet)} {v.cell}“{cell_name(v.key)}”填写了负数 {fmt_num(v.value)}，{what}不能为负数。",
                (v.ref,),
                None,
                v.value,
            )


def check_not_integer(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    for v in ctx.unusual:
        f = LAYOUT[v.key]
        if f.is_total and v.formula is not False:
            continue  # a formula total of a decimal input: the input is the cell to fix, reported once
        if f.kind == "count" and isinstance(v.value, float) and v.value != int(v.value):
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(f.sheet)} {v.cell}“{cell_name(v.key)}”填写了 {fmt_num(v.value)}，件数应为整数。",
                (v.ref,),
                round(v.value),
                v.value,
            )


def check_too_large(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    # No agency's count reaches a billion (nor its fees a billion 万元): 1e15 is a slip of the keyboard or a paste.
    # A total that merely adds up such a cell is not reported again.
    for v in ctx.unusual:
        f = LAYOUT[v.key]
        if v.value is not None and v.value >= MAX_COUNT and not (f.is_total and v.number == ctx.report.sum_of(f.sums)):
            what = "金额" if f.kind == "amount" else "件数"
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(f.sheet)} {v.cell}“{cell_name(v.key)}”填写了 {fmt_num(v.value)}，{what}明显过大（超过十亿），"
                "可能是误输入或粘贴了科学计数法的数字，请核对后重新填写。",
                (v.ref,),
                None,
                v.value,
            )


_YUAN = re.compile(r"(?<!万)元")


def check_amount_unit(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    # parse_cell strips a unit written in the cell; "25100元" in the 万元 column would be read as 25100 万元.
    for v in ctx.unusual:
        f = LAYOUT[v.key]
        if f.kind == "amount" and isinstance(v.raw, str) and _YUAN.search(v.raw) and v.value is not None:
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(f.sheet)} {v.cell}“{cell_name(v.key)}”填写的“{_cell_quote(v)}”以元为单位，"
                f"本栏单位为万元，应填写 {fmt_num(round(v.value / 10000, 6))}。",
                (v.ref,),
                round(v.value / 10000, 6),
                v.value,
            )


def _addresses(values: list[Value], limit: int = 8) -> str:
    shown = "、".join(v.cell for v in values[:limit])
    return shown + (f"等 {len(values)} 个单元格" if len(values) > limit else "")


def _per_table(values: list[Value], pick: Callable[[Value], bool]) -> Iterator[tuple[str, list[Value]]]:
    groups: dict[str, list[Value]] = {}
    for v in values:
        if pick(v):
            groups.setdefault(LAYOUT[v.key].sheet, []).append(v)
    for sheet in SHEET_ORDER:
        if sheet in groups:
            yield sheet, groups[sheet]


def check_blank(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    # One finding per table: a clerk fixes blanks in one go; every blank cell is still in ``cells``.
    for sheet, blanks in _per_table(ctx.unusual, lambda v: v.state is State.BLANK):
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(sheet)}有 {len(blanks)} 个单元格未填写（{_addresses(blanks)}），校验时按 0 计算。"
            "没有发生的事项请填写 0，以免被认为漏填。",
            tuple(v.ref for v in blanks),
            None,
            None,
            {"count": len(blanks)},
            each_cell=True,
        )


def check_read_as(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    def odd(v: Value) -> bool:
        return (v.state is State.NUMBER and bool(v.note)) or v.state is State.DASH

    for sheet, values in _per_table(ctx.unusual, odd):
        parts = []
        for v in values[:6]:
            how = "表示没有" if v.state is State.DASH else v.note
            parts.append(f"{v.cell}“{_cell_quote(v)}”按 {fmt_num(v.value)} 计（{how}）")
        more = f"等 {len(values)} 个单元格" if len(values) > 6 else ""
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(sheet)}以下单元格不是标准数字，已按如下方式读取：{'；'.join(parts)}{more}。请核对，并改填阿拉伯数字。",
            tuple(v.ref for v in values),
            None,
            None,
            each_cell=True,
        )


def check_total_typed(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    # A total whose formula was replaced by a typed number that still agrees: it will not follow later edits.
    # (A typed total that disagrees is reported by the sum rules, whose message says it was typed.)
    def typed(v: Value) -> bool:
        f = LAYOUT[v.key]
        return f.is_total and v.formula is False and v.state is State.NUMBER and v.number == report.sum_of(f.sums)

    for sheet, values in _per_table(ctx.unusual, typed):
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(sheet)}有 {len(values)} 个合计单元格（{_addresses(values)}）的公式被手工填写的数字替换，"
            "目前数值正确，但修改分项后不会自动更新。建议用 nianbao new 生成的模板重新填写，或恢复求和公式。",
            tuple(v.ref for v in values),
            None,
            None,
        )


