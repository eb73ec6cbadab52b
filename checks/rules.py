"""The rules of the national format, as data.

Every rule has a stable id, a severity and a Chinese message template; the engine
(``checks.engine``) evaluates them and never knows a rule by name. Three kinds:

* ``SumRule`` — arithmetic: one equation per row, column or group, declared once and expanded
  over the layout, so that a finding names the exact cells. The equation is
  ``Σ actual == Σ expected`` (e.g. a 总计 cell against the cells it adds up).
* ``CheckRule`` — a small function over the report (cell contents, plausibility) yielding
  findings; used where one equation does not fit.
* narrative claims live in ``checks.narrative`` (rules as data too, one entry per claim).

Adding a rule: one entry in ``RULES`` (and, for a function rule, the function above it).

Relations of FORMAT.md §5: A1 ``T3.ROW_TOTAL``, A2 ``T3.COL_TOTAL``, A3 ``T3.BALANCE``,
A4 ``T4.TOTAL``, A5 ``PREV.CARRY_OVER``, A6 ``PREV.IN_FORCE``, A8 ``CELL.*`` and
``T2.AMOUNT_UNIT``, A9/A10 ``NARR.*`` (checks.narrative).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from workbook.layout import (
    LAYOUT,
    SHEET_INFO,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    SHEET_TEXT,
    T2_BLOCKS,
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_RESULT_ROWS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    TEXT_SECTIONS,
)
from workbook.cells import MAX_COUNT
from workbook.model import UNREAD_MARK, Report, State, Value

from .findings import ERROR, WARNING, Finding

# Sheets in the order findings are listed.
SHEET_ORDER = (SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_TEXT)
UNREADABLE = (State.TEXT, State.ERROR)


# ---------------------------------------------------------------- names a clerk knows
def fmt_num(x: int | float | None) -> str:
    """5 → "5", 5.0 → "5", 0.125 → "0.125", 1/3 → "0.333333"."""
    if x is None:
        return "（空）"
    if isinstance(x, float):
        if x == int(x) and abs(x) < 2**53:
            return str(int(x))
        return f"{x:.6f}".rstrip("0").rstrip(".")
    return str(x)


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
    """Every numeric cell, with every total recomputed from its inputs (inner totals first)."""
    values = {k: v.number for k, v in report.values.items()}
    for f in LAYOUT.totals_in_order:
        total = sum(values[k] for k in f.sums)
        values[f.key] = round(total, 6) if isinstance(total, float) else total
    return values


_TOTAL_KEYS = frozenset(f.key for f in LAYOUT.totals)


def row_number(report: Report, key: str) -> str:
    return ref(report, key).split("!")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def col_letters(report: Report, key: str) -> str:
    cell = ref(report, key).split("!")[1]
    return cell.rstrip("0123456789")


# ---------------------------------------------------------------- rule kinds
@dataclass(frozen=True)
class Equation:
    """Σ actual == Σ expected, for one row / column / group."""

    actual: tuple[str, ...]  # e.g. the 总计 cell
    expected: tuple[str, ...]  # e.g. the cells it adds up
    where: Callable[[Report], str]  # how a clerk names the place, given the cells actually read
    also: tuple[str, ...] = ()  # further cells involved (listed in the finding, not in the sum)
    # The sum of the rule's other equations whenever its cells are totals that follow their inputs (the 总计
    # column's 勾稽): then it fails only because one of them did, and that finding names the cell to fix.
    sum_of_others: bool = False


@dataclass(frozen=True)
class SumRule:
    id: str
    severity: str
    message: str  # template: {where} {expected} {actual} {diff} {actual_text} {note} and rule-specific fields
    equations: Callable[[], Iterable[Equation]]  # expansion over the layout
    recomputed_too: bool = False  # report only if the equation also fails with every total recomputed from its inputs
    describe: Callable[[Report, Equation, dict], dict] | None = None  # extra template fields
    doc: str = ""

    def expanded(self) -> tuple[Equation, ...]:
        """The equations, expanded over the layout once."""
        if self.id not in _EXPANDED:
            _EXPANDED[self.id] = tuple(self.equations())
        return _EXPANDED[self.id]


_EXPANDED: dict[str, tuple[Equation, ...]] = {}


@dataclass(frozen=True)
class CheckRule:
    id: str
    severity: str
    check: Callable[..., Iterator[Finding]]  # check(ctx: Context, rule) yields findings
    needs_previous: bool = False
    doc: str = ""


class Context:
    """What the rules of one check share: the report, last year's, and the cells computed once."""

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.previous = previous
        self.values = [report.values[f.key] for f in LAYOUT.numeric if f.key in report.values]
        self.numbers = {v.key: v.number for v in self.values}
        # Most cells of a real report hold a plain non-negative whole number: the content rules look at the rest.
        self.unusual = [
            v
            for v in self.values
            if v.state is not State.NUMBER
            or v.note
            or type(v.value) is not int
            or v.value < 0
            or v.value >= MAX_COUNT
            or (v.formula is False and v.key in _TOTAL_KEYS)
        ]
        self.unreadable = {v.key for v in self.unusual if v.state in UNREADABLE}
        self._fresh = None

    @property
    def fresh(self) -> dict[str, int | float]:
        if self._fresh is None:
            self._fresh = recomputed(self.report)
        return self._fresh


# ---------------------------------------------------------------- table 三
def _t3_row_totals() -> Iterator[Equation]:
    for r in T3_ROWS:
        zj = f"t3.{r.key}.zj"

        def where(rep, zj=zj, name=T3_ROW_NAMES[r.key]):
            return f"第{row_number(rep, zj)}行“{name}”"

        yield Equation((zj,), tuple(f"t3.{r.key}.{a}" for a in T3_APPLICANTS), where)


def _col_where(col: str, key: str):
    def where(rep):
        return f"“{T3_COL_NAMES[col]}”列（{col_letters(rep, key)}列）"

    return where


def _t3_col_totals() -> Iterator[Equation]:
    for c in T3_COLUMNS:
        r7 = f"t3.r7.{c.key}"
        yield Equation((r7,), tuple(f"t3.{r}.{c.key}" for r in T3_RESULT_ROWS), _col_where(c.key, r7))


def _t3_balance() -> Iterator[Equation]:
    # 一 + 二 = 三（七） + 四. The result rows are listed too: when （七）总计 is a live formula, a wrong
    # result cell shows only here, so the finding must name it.
    for c in T3_COLUMNS:
        k = lambda row, c=c: f"t3.{row}.{c.key}"  # noqa: E731
        yield Equation(
            (k("r7"), k("next")),
            (k("new"), k("prev")),
            _col_where(c.key, k("new")),
            also=tuple(k(r) for r in T3_RESULT_ROWS),
            sum_of_others=c.key == "zj",
        )


def _balance_detail(report: Report, eq: Equation, f: dict) -> dict:
    new, prev = (report[k] for k in eq.expected)
    r7, nxt = (report[k] for k in eq.actual)
    hint = ""
    if new + prev == 0:
        hint = "该列没有本年新收和上年结转的申请，却填写了办理结果或结转下年度的件数，请核对。"
    elif nxt and r7 + nxt > new + prev:
        hint = "同一申请不能既计入本年度办理结果又计入结转下年度继续办理，请核对。"
    return {
        "new": fmt_num(new),
        "prev": fmt_num(prev),
        "r7": fmt_num(r7),
        "next": fmt_num(nxt),
        "hint": hint,
    }


# ---------------------------------------------------------------- table 四
def _t4_totals() -> Iterator[Equation]:
    for g, _top, _sub in T4_GROUPS:
        zj = f"t4.{g}.zj"

        def where(rep, g=g):
            return f"“{T4_GROUP_NAMES[g]}”"

        yield Equation((zj,), tuple(f"t4.{g}.{c.key}" for c in T4_COLUMNS[:-1]), where)


T4_PARTS = "、".join(c.label for c in T4_COLUMNS[:-1])


# ---------------------------------------------------------------- cell contents (A8)
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


# ---------------------------------------------------------------- plausibility
def check_in_force(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    for row in ("gz", "gfxwj"):
        zf, yx = f"t2.{row}.zf", f"t2.{row}.yx"
        if any(report.get(k).state in UNREADABLE for k in (zf, yx)) or report.get(yx).state is State.BLANK:
            continue  # a blank 现行有效件数 is already reported as blank; "0 < n" would only repeat it
        if report[yx] < report[zf]:
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(SHEET_T2)}“{T2_ROW_NAMES[row]}”：{T2_COL_NAMES['yx']} {fmt_num(report[yx])} 小于{T2_COL_NAMES['zf']} "
                f"{fmt_num(report[zf])}。本年制发且未废止的文件应计入{T2_COL_NAMES['yx']}，请核对。",
                (ref(report, yx), ref(report, zf)),
                f"≥ {fmt_num(report[zf])}",
                report[yx],
            )


def check_appeals_without_applications(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    totals = [f"t4.{g}.zj" for g, _, _ in T4_GROUPS]
    cases = sum(report[k] for k in totals)
    received = ("t3.new.zj", "t3.prev.zj")
    if cases > 0 and sum(report[k] for k in received) == 0:
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(SHEET_T4)}填有政府信息公开行政复议、行政诉讼共 {fmt_num(cases)} 件，"
            f"但{table_name(SHEET_T3)}本年新收和上年结转的申请均为 0。如复议、诉讼涉及以前年度的申请可忽略，否则请核对。",
            tuple(ref(report, k) for k in totals if report[k]) + tuple(ref(report, k) for k in received),
            None,
            cases,
        )


_LEAD_YEAR = re.compile(r"(?:^|[。；;！!？?\n])\s*((?:19|20)\d{2})\s*年度?\s*[，,]")
_FUTURE = re.compile(r"将|计划|拟|下一步|今后|展望")


def check_year(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    year_field = LAYOUT["info.year"]
    if report.year is None:
        written = report.text("info.year").strip()
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(year_field.sheet)} {year_field.cell}“{year_field.label}”"
            + (f"填写的“{written}”不是四位年份" if written else "未填写")
            + "，请填写如“2024”。报告年度用于核对正文和上年度数据。",
            (year_field.ref,),
            None,
            written or None,
        )
        return
    # The year a paragraph of 一、总体情况 opens with ("2023年，我办……") is the reporting year.
    for s in TEXT_SECTIONS:
        if not s.key.startswith("s1"):
            continue
        key = f"text.{s.key}"
        text = report.text(key)
        for m in _LEAD_YEAR.finditer(text):
            year = int(m.group(1))
            if year == report.year:
                continue
            end = text.find("。", m.end())
            sentence = text[m.start(1) : end if end != -1 else len(text)]
            if _FUTURE.search(sentence[:40]):
                continue
            quote = sentence if len(sentence) <= 40 else sentence[:40] + "……"
            yield Finding(
                rule.id,
                rule.severity,
                f"正文“{s.heading}”写的是“{quote}”，与报告年度 {report.year} 年不一致，可能沿用了往年的文字，请核对。",
                (LAYOUT[key].ref, year_field.ref),
                report.year,
                year,
                {"section": s.key, "sentence": sentence},
            )
            break


# ---------------------------------------------------------------- previous year (A5, A6)
def check_carry_over(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    for c in T3_COLUMNS:
        this, last = f"t3.prev.{c.key}", f"t3.next.{c.key}"
        if report.get(this).state in UNREADABLE or not previous.stated(last):
            continue  # last year's report leaves it blank or unreadable: nothing to check against
        if report[this] != previous[last]:
            diff = abs(report[this] - previous[last])
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(SHEET_T3)}“{T3_COL_NAMES[c.key]}”列：{T3_ROW_NAMES['prev']}应等于上年度报告的"
                f"{T3_ROW_NAMES['next']} {fmt_num(previous[last])}，实际为 {fmt_num(report[this])}，相差 {fmt_num(diff)}。",
                (ref(report, this),),
                previous[last],
                report[this],
                {"previous_cell": ref(previous, last)},
            )


def check_in_force_trend(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    for row in ("gz", "gfxwj"):
        keys = [f"t2.{row}.{c}" for c in ("yx", "zf", "fz")]
        if any(report.get(k).state in UNREADABLE for k in keys) or not previous.stated(keys[0]):
            continue  # last year's 现行有效件数 blank or unreadable: nothing to compare
        last = previous[keys[0]]
        yx, zf, fz = (report[k] for k in keys)
        expected = last + zf - fz
        if yx != expected:
            yield Finding(
                rule.id,
                rule.severity,
                f"{table_name(SHEET_T2)}“{T2_ROW_NAMES[row]}”：按上年度{T2_COL_NAMES['yx']} {fmt_num(last)} 加本年制发 {fmt_num(zf)}、"
                f"减本年废止 {fmt_num(fz)}，{T2_COL_NAMES['yx']}应约为 {fmt_num(expected)}，实际为 {fmt_num(yx)}，相差 {fmt_num(abs(yx - expected))}。"
                "如有文件修订、失效或统计口径调整，可忽略本提醒。",
                tuple(ref(report, k) for k in keys),
                expected,
                yx,
                {"previous_cell": ref(previous, keys[0])},
            )


def check_previous_year(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    if report.year and previous.year and previous.year != report.year - 1:
        yield Finding(
            rule.id,
            rule.severity,
            f"作为上年度报告提供的文件年度为 {previous.year} 年，本报告年度为 {report.year} 年，"
            f"应使用 {report.year - 1} 年度的报告。",
            (LAYOUT["info.year"].ref,),
            report.year - 1,
            previous.year,
        )


def check_unread(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    from .unread import check_unread as run  # the unread cells' relations are listed from RULES itself

    yield from run(ctx, rule)


def _evaluation(name: str) -> Callable[..., Iterator[Finding]]:
    """A rule of checks.evaluation, imported when it first runs (that module builds on this one)."""

    def run(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
        from . import evaluation

        yield from getattr(evaluation, name)(ctx, rule)

    return run


def check_narrative(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    from .narrative import check_narrative as run  # the claims are declared in checks.narrative

    yield from run(ctx.report, ctx.fresh)


# ---------------------------------------------------------------- the rule set
RULES: tuple[SumRule | CheckRule, ...] = (
    CheckRule("INFO.YEAR", WARNING, check_year, doc="报告年度未填写，或正文把另一年写作报告年度"),
    # cell contents first: a cell that cannot be read is reported once, and left out of the sums
    CheckRule("CELL.TEXT", ERROR, check_text, doc="数字单元格中填写了文字"),
    CheckRule("CELL.UNREAD", WARNING, check_unread, doc="导入时未能从原报告读取的单元格，及因此无法核对的合计与勾稽关系"),
    CheckRule("CELL.FORMULA_ERROR", ERROR, check_formula_error, doc="公式错误（#REF! 等）"),
    CheckRule("CELL.NEGATIVE", ERROR, check_negative, doc="件数或金额为负数"),
    CheckRule("CELL.NOT_INTEGER", ERROR, check_not_integer, doc="件数不是整数"),
    CheckRule("CELL.TOO_LARGE", ERROR, check_too_large, doc="件数或金额超过十亿，明显是误输入"),
    CheckRule("T2.AMOUNT_UNIT", ERROR, check_amount_unit, doc="收费金额写成了元（本栏单位为万元）"),
    CheckRule("CELL.BLANK", WARNING, check_blank, doc="单元格未填写（按 0 计算），每张表一条"),
    CheckRule("CELL.READ_AS", WARNING, check_read_as, doc="全角、文本格式、汉字数字或“/”等，已按数字读取"),
    CheckRule("CELL.TOTAL_TYPED", WARNING, check_total_typed, doc="合计单元格的公式被数字替换"),
    CheckRule("T2.IN_FORCE", WARNING, check_in_force, doc="现行有效件数小于本年制发件数"),
    SumRule(
        "T3.ROW_TOTAL",
        ERROR,
        "{table}{where}：总计应为 {expected}（各类申请人之和），{actual_text}，相差 {diff}。{note}",
        _t3_row_totals,
        doc="A1 表三每行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
    ),
    SumRule(
        "T3.COL_TOTAL",
        ERROR,
        "{table}{where}：" + T3_ROW_NAMES["r7"] + "应为 {expected}（（一）至（六）各项之和），{actual_text}，相差 {diff}。{note}",
        _t3_col_totals,
        doc="A2 表三每列：（七）总计 = （一）至（六）全部分项之和",
    ),
    SumRule(
        "T3.BALANCE",
        ERROR,
        "{table}{where}不符合勾稽关系（第一项加第二项之和，等于第三项加第四项之和）：一、本年新收 {new} 加二、上年结转 {prev} 为 {expected}，"
        "三、" + T3_ROW_NAMES["r7"] + " {r7} 加" + T3_ROW_NAMES["next"] + " {next} 为 {actual}，相差 {diff}。{hint}",
        _t3_balance,
        recomputed_too=True,
        describe=_balance_detail,
        doc="A3 表三每列：一 + 二 = 三（七）总计 + 四",
    ),
    SumRule(
        "T4.TOTAL",
        ERROR,
        "{table}{where}：总计应为 {expected}（" + T4_PARTS + "之和），{actual_text}，相差 {diff}。{note}",
        _t4_totals,
        doc="A4 表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    ),
    CheckRule("T4.NO_APPLICATIONS", WARNING, check_appeals_without_applications, doc="有复议、诉讼，却没有任何申请"),
    CheckRule("NARR", ERROR, check_narrative, doc="A9/A10 正文所述数字与表格、正文自身的合计（规则见 checks.narrative）"),
    CheckRule("EVAL.DEADLINE", WARNING, _evaluation("check_deadline"), doc="发布日期晚于公布期限（人民政府3月31日、部门1月31日）"),
    CheckRule("EVAL.DATE_YEAR", WARNING, _evaluation("check_date_year"), doc="发布日期不在报告年度的下一年"),
    CheckRule("EVAL.OLD_FORMAT_CITED", WARNING, _evaluation("check_old_format_cited"), doc="2021年以后的报告引用2019年（试行）格式"),
    CheckRule("EVAL.FEE_AMOUNT", WARNING, _evaluation("check_fee_amounts"), doc="收费金额或信息处理费金额明显偏大"),
    CheckRule("PREV.YEAR", WARNING, check_previous_year, needs_previous=True, doc="上年度报告的年度不是上一年"),
    CheckRule("PREV.REPEATED_TEXT", WARNING, _evaluation("check_repeated_text"), needs_previous=True, doc="正文过半语句与上年逐字相同"),
    CheckRule("PREV.JUMP", WARNING, _evaluation("check_jumps"), needs_previous=True, doc="件数较上年增减五倍以上（两年均不少于10）"),
    CheckRule("PREV.CARRY_OVER", ERROR, check_carry_over, needs_previous=True, doc="A5 本年二、上年结转 = 上年四、结转下年度继续办理"),
    CheckRule("PREV.IN_FORCE", WARNING, check_in_force_trend, needs_previous=True, doc="A6 现行有效件数 ≈ 上年现行有效 + 本年制发 − 本年废止"),
)
