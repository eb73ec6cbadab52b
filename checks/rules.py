"""The table rules of the national format, as data.

Every rule has a stable id and a Chinese message template; its severity, name and description are
its entry in ``checks.catalogue``. The engine (``checks.engine``) evaluates them and never knows a
rule by name. Kinds (``checks.kinds``):

* ``SumRule`` — arithmetic: one equation per row, column or group, declared once and expanded
  over the layout, so that a finding names the exact cells. The equation is
  ``Σ actual == Σ expected`` (e.g. a 总计 cell against the cells it adds up).
* ``CheckRule`` — a small function over the report (cell contents, plausibility) yielding
  findings; used where one equation does not fit.
* cell contents are in ``checks.contents``, cross-year rules in ``checks.previous``, the text
  against the tables in ``checks.narrative``, the text sections in ``checks.sections``.

Adding a rule: one entry in ``checks.catalogue.CATALOGUE``, one in ``RULES`` (and, for a function
rule, the function).

Relations of FORMAT.md §5: A1 ``T3.ROW_TOTAL``, A2 ``T3.COL_TOTAL``, A3 ``T3.BALANCE``,
A4 ``T4.TOTAL``, A5 ``PREV.CARRY_OVER``, A6 ``PREV.IN_FORCE``, A8 ``CELL.*`` and
``T2.AMOUNT_UNIT``, A9/A10 ``NARR.*`` (checks.narrative).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbook.layout import (
    LAYOUT,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_RESULT_ROWS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    TEXT_SECTIONS,
)
from workbook.model import Report, State

from .contents import (
    check_amount_unit,
    check_blank,
    check_formula_error,
    check_negative,
    check_not_integer,
    check_read_as,
    check_text,
    check_too_large,
    check_total_typed,
)
from .findings import Finding
from .kinds import CheckRule, Context, Equation, SumRule
from .names import (
    T2_COL_NAMES,
    T2_ROW_NAMES,
    T3_COL_NAMES,
    T3_ROW_NAMES,
    T4_GROUP_NAMES,
    UNREADABLE,
    col_letters,
    fmt_num,
    ref,
    row_number,
    table_name,
)
from .previous import check_carry_over, check_in_force_trend, check_previous_org, check_previous_year

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


def check_unread(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    from .unread import check_unread as run

    yield from run(ctx, rule, RULES)  # the relations over an unread cell are listed from the rule set itself


def _evaluation(name: str):
    """A rule of checks.evaluation, imported when it first runs (that module builds on this one)."""

    def run(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
        from . import evaluation

        yield from getattr(evaluation, name)(ctx, rule)

    return run


# ---------------------------------------------------------------- the rule set
RULES: tuple[SumRule | CheckRule, ...] = (
    CheckRule("INFO.YEAR", check_year),
    # cell contents first: a cell that cannot be read is reported once, and left out of the sums
    CheckRule("CELL.TEXT", check_text),
    CheckRule("CELL.UNREAD", check_unread),
    CheckRule("CELL.FORMULA_ERROR", check_formula_error),
    CheckRule("CELL.NEGATIVE", check_negative),
    CheckRule("CELL.NOT_INTEGER", check_not_integer),
    CheckRule("CELL.TOO_LARGE", check_too_large),
    CheckRule("T2.AMOUNT_UNIT", check_amount_unit),
    CheckRule("CELL.BLANK", check_blank),
    CheckRule("CELL.READ_AS", check_read_as),
    CheckRule("CELL.TOTAL_TYPED", check_total_typed),
    CheckRule("T2.IN_FORCE", check_in_force),
    SumRule(
        "T3.ROW_TOTAL",
        "{table}{where}：总计应为 {expected}（各类申请人之和），{actual_text}，相差 {diff}。{note}",
        _t3_row_totals,
    ),
    SumRule(
        "T3.COL_TOTAL",
        "{table}{where}：" + T3_ROW_NAMES["r7"] + "应为 {expected}（（一）至（六）各项之和），{actual_text}，相差 {diff}。{note}",
        _t3_col_totals,
    ),
    SumRule(
        "T3.BALANCE",
        "{table}{where}不符合勾稽关系（第一项加第二项之和，等于第三项加第四项之和）：一、本年新收 {new} 加二、上年结转 {prev} 为 {expected}，"
        "三、" + T3_ROW_NAMES["r7"] + " {r7} 加" + T3_ROW_NAMES["next"] + " {next} 为 {actual}，相差 {diff}。{hint}",
        _t3_balance,
        recomputed_too=True,
        describe=_balance_detail,
    ),
    SumRule(
        "T4.TOTAL",
        "{table}{where}：总计应为 {expected}（" + T4_PARTS + "之和），{actual_text}，相差 {diff}。{note}",
        _t4_totals,
    ),
    CheckRule("T4.NO_APPLICATIONS", check_appeals_without_applications),
    CheckRule("EVAL.DEADLINE", _evaluation("check_deadline")),
    CheckRule("EVAL.DATE_YEAR", _evaluation("check_date_year")),
    CheckRule("EVAL.OLD_FORMAT_CITED", _evaluation("check_old_format_cited")),
    CheckRule("EVAL.FEE_AMOUNT", _evaluation("check_fee_amounts")),
    CheckRule("PREV.YEAR", check_previous_year, needs_previous=True),
    CheckRule("PREV.REPEATED_TEXT", _evaluation("check_repeated_text"), needs_previous=True),
    CheckRule("PREV.JUMP", _evaluation("check_jumps"), needs_previous=True),
    CheckRule("PREV.ORG", check_previous_org, needs_previous=True),
    CheckRule("PREV.CARRY_OVER", check_carry_over, needs_previous=True),
    CheckRule("PREV.IN_FORCE", check_in_force_trend, needs_previous=True),
)
