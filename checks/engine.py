"""The whole list of findings for one report: the table rules (``checks.rules``), the text against the
tables (``checks.narrative``) and the text sections (``checks.sections``). Never prints."""

from __future__ import annotations

from collections.abc import Iterable

from workbook.layout import LAYOUT
from workbook.model import Report, State

from .findings import Finding
from .kinds import CheckRule, Context, Equation, SumRule
from .names import SHEET_ORDER, fmt_num, ref, table_name
from .narrative import check_narrative
from .rules import RULES
from .sections import check_sections


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def _evaluate_sum(ctx: Context, rule: SumRule) -> list[Finding]:
    out = []
    nums, bad, report = ctx.numbers, ctx.unreadable, ctx.report
    for eq in rule.expanded():
        # A cell that cannot be read has its own finding; a sum over it would only add a confusing second one.
        if bad and any(k in bad for k in eq.actual + eq.expected + eq.also):
            continue
        actual = sum(nums[k] for k in eq.actual)
        expected = sum(nums[k] for k in eq.expected)
        if _close(actual, expected):
            continue
        fresh = ctx.fresh
        # One mistake, one finding: if the relation holds once the totals among its parts are recomputed
        # from their own inputs, the wrong total is reported by that total's rule (e.g. the 总计 column's
        # （七）总计 against sub-row totals left blank).
        if rule.recomputed_too:
            if _close(sum(fresh[k] for k in eq.actual), sum(fresh[k] for k in eq.expected)):
                continue
        elif any(LAYOUT[k].is_total for k in eq.expected):
            if _close(actual, sum(fresh[k] if LAYOUT[k].is_total else nums[k] for k in eq.expected)):
                continue
        if eq.sum_of_others and out and all(_follows_inputs(ctx, k) for k in eq.actual + eq.expected):
            continue  # fails only through the equations already reported
        out.append(_sum_finding(report, rule, eq, expected, actual))
    return out


def _follows_inputs(ctx: Context, key: str) -> bool:
    """A total that is not typed over (a live formula, or not known) and equals the sum of its inputs."""
    f, v = LAYOUT[key], ctx.report.values[key]
    return f.is_total and v.formula is not False and _close(ctx.numbers[key], sum(ctx.numbers[k] for k in f.sums))


def _sum_finding(report: Report, rule: SumRule, eq: Equation, expected, actual) -> Finding:
    first = report.values[eq.actual[0]]
    is_total_cell = len(eq.actual) == 1 and LAYOUT[first.key].is_total
    if is_total_cell and first.state is State.BLANK:
        actual_text = "实际未填写"
    else:
        actual_text = f"实际为 {fmt_num(actual)}"
    note = ""
    if is_total_cell and first.formula is False and first.state is not State.BLANK:
        note = "该合计单元格的公式已被手工填写的数字替换。"
    fields = {
        "table": table_name(first.sheet or LAYOUT[first.key].sheet),
        "where": eq.where(report),
        "expected": fmt_num(expected),
        "actual": fmt_num(actual),
        "diff": fmt_num(abs(expected - actual) if isinstance(expected - actual, int) else round(abs(expected - actual), 6)),
        "actual_text": actual_text,
        "note": note,
    }
    if rule.describe is not None:
        fields.update(rule.describe(report, eq, fields))
    message = rule.message.format(**fields).strip()
    cells = tuple(dict.fromkeys(ref(report, k) for k in eq.actual + eq.expected + eq.also))
    return Finding(rule.id, rule.severity, message, cells, expected, actual)


def _sheet_rank(finding: Finding) -> int:
    if finding.cells:
        sheet = finding.cells[0].split("!")[0]
        if sheet in SHEET_ORDER:
            return SHEET_ORDER.index(sheet)
    return len(SHEET_ORDER)


def check_tables(report: Report, previous: Report | None = None) -> list[Finding]:
    """The table rules and the text against the tables, ordered by table (with last year's report, the
    cross-year rules too): ``check_report`` without the text sections and without what reading found."""
    findings: list[Finding] = []
    ctx = Context(report, previous)
    for rule in RULES:
        if isinstance(rule, SumRule):
            findings.extend(_evaluate_sum(ctx, rule))
        elif isinstance(rule, CheckRule):
            if rule.needs_previous and previous is None:
                continue
            findings.extend(rule.check(ctx, rule))
    findings.extend(check_narrative(report, ctx.fresh))
    # Stable sort: by table, then in rule order within a table.
    return sorted(findings, key=_sheet_rank)


def check_report(report: Report, previous: Report | None = None, found: Iterable[Finding] = ()) -> list[Finding]:
    """Every finding for ``report``: ``found`` first (what reading the file found, e.g. an import's
    doubts), then ``check_tables``, then the text sections (``checks.sections``).

    Errors (``Finding.is_error``) block the Word export; warnings are shown and may be accepted. Every
    command and button shows this one list, so a report clean in one place is clean in all.
    """
    return [*found, *check_tables(report, previous), *check_sections(report)]
