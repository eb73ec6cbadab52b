"""Rules against last year's report (FORMAT.md A5, A6): carry-over, documents in force, which year and
which agency the file given as last year's report is.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.layout import LAYOUT, SHEET_T2, SHEET_T3, T3_COLUMNS

from .findings import Finding
from .kinds import CheckRule, Context
from .names import T2_COL_NAMES, T2_ROW_NAMES, T3_COL_NAMES, T3_ROW_NAMES, UNREADABLE, fmt_num, ref, table_name

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



def check_previous_org(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    """Last year's report of another agency: every cross-year comparison would be meaningless."""
    this, last = _org_key(ctx.report.org), _org_key(ctx.previous.org)
    if this and last and this != last:
        org = LAYOUT["info.org"]
        yield Finding(
            rule.id,
            rule.severity,
            f"作为上年度报告提供的文件，机关名称为“{ctx.previous.org}”，与本报告的“{ctx.report.org}”不同，"
            "可能选错了文件。跨年度核对的结果仅在两份报告属于同一机关时才有意义，请核对。",
            (org.ref,),
            ctx.report.org,
            ctx.previous.org,
        )


def _org_key(org: str) -> str:
    """The name as compared: spaces and brackets' width do not make another agency."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", org or "").split())
