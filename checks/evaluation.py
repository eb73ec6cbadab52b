"""What third-party evaluators and provincial notices score, beyond the format's arithmetic.

All are reminders unless the report is certainly wrong: the publication deadline (《条例》第五十条:
人民政府 by 3月31日, their 部门 by 1月31日 of the following year), the year of the publication date,
the superseded 2019 format cited in a later report, implausible fee amounts, and — with last year's
report — text repeated word for word and counts that jump fivefold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from workbook.layout import AGENCY_KINDS, FORMAT_FIRST_YEAR, LAYOUT, T4_GROUPS, TEXT_SECTIONS
from workbook.model import Report, State, agency_kind

from .findings import Finding
from .kinds import CheckRule, Context
from .names import UNREADABLE, cell_name, fmt_num, ref, table_name

DEADLINES = {AGENCY_KINDS[0]: (3, 31), AGENCY_KINDS[1]: (1, 31)}
DATE = re.compile(r"((?:19|20)\d{2})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})")
OLD_FORMAT = re.compile(r"国办公开办函\s*[〔\[［(（]\s*2019\s*[〕\]］)）]\s*60\s*号|年度报告格式\s*[（(]\s*试行\s*[)）]")


def publication_date(report: Report) -> dt.date | None:
    m = DATE.search(report.text("info.date"))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _kind(report: Report) -> tuple[str, str]:
    """(kind, how it was known): as filled in, from the name, or assumed (the later deadline: no false alarm)."""
    written = report.text("info.kind").strip()
    if written in AGENCY_KINDS:
        return written, "按基本信息所填机关类别"
    inferred = agency_kind(report.org)
    if inferred:
        return inferred, "按机关名称判断为" + inferred
    return AGENCY_KINDS[0], "未能从机关名称判断机关类别，按人民政府计"


def check_deadline(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    date, year = publication_date(report), report.year
    if date is None or year is None or date.year != year + 1:
        return  # no date, or a date in another year (check_date_year says so)
    kind, how = _kind(report)
    month, day = DEADLINES[kind]
    deadline = dt.date(year + 1, month, day)
    if date > deadline:
        yield Finding(
            rule.id,
            rule.severity,
            f"发布日期为 {date.year}年{date.month}月{date.day}日，晚于{kind}年度报告的公布期限 {deadline.year}年{month}月{day}日"
            f"（{how}；《政府信息公开条例》第五十条）。如机关类别不符，请在基本信息中修改“{LAYOUT['info.kind'].label}”。",
            (LAYOUT["info.date"].ref, LAYOUT["info.kind"].ref),
            f"{deadline.isoformat()} 前",
            date.isoformat(),
        )


def check_date_year(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    date, year = publication_date(report), report.year
    if date is None or year is None or date.year == year + 1:
        return
    yield Finding(
        rule.id,
        rule.severity,
        f"发布日期为 {date.year}年{date.month}月{date.day}日，报告年度为 {year} 年；年度报告应在 {year + 1} 年发布，"
        "请核对发布日期或报告年度。",
        (LAYOUT["info.date"].ref, LAYOUT["info.year"].ref),
        year + 1,
        date.year,
    )


def check_old_format_cited(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    if report.year is None or report.year < FORMAT_FIRST_YEAR:
        return
    for s in TEXT_SECTIONS:
        m = OLD_FORMAT.search(report.text(f"text.{s.key}"))
        if m:
            yield Finding(
                rule.id,
                rule.severity,
                f"正文“{s.heading}”引用了“{m.group()}”，即已被国办公开办函〔2021〕30号取代的 2019 年（试行）格式。"
                f"{report.year} 年度报告应按现行格式编制，请核对。",
                (LAYOUT[f"text.{s.key}"].ref,),
                None,
                m.group(),
            )
            return


# Amounts no agency reaches: 行政事业性收费 in 万元 (a 部门 ten billion yuan, a government a hundred billion),
# and 信息处理费 in 元 (a few hundred yuan per application at most).
FEE_LIMITS_WAN = {AGENCY_KINDS[0]: 1_000_000, AGENCY_KINDS[1]: 100_000}
INFO_FEE_LIMIT_YUAN = 100_000


def check_fee_amounts(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report = ctx.report
    v = report.get("t2.sf.je")
    kind, how = _kind(report)
    if v.state is State.NUMBER and v.value is not None and v.value >= FEE_LIMITS_WAN[kind]:
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(LAYOUT['t2.sf.je'].sheet)}“{cell_name('t2.sf.je')}”为 {fmt_num(v.value)} 万元，"
            f"即 {fmt_num(round(v.value / 10000, 2))} 亿元，对{kind}而言明显偏大（{how}），可能把“元”填成了“万元”，请核对。",
            (ref(report, "t2.sf.je"),),
            None,
            v.value,
        )
    for key in ("info.fee_notified", "info.fee_collected"):
        m = re.search(r"\d+(?:\.\d+)?", report.text(key).replace(",", ""))
        if m and float(m.group()) >= INFO_FEE_LIMIT_YUAN:
            yield Finding(
                rule.id,
                rule.severity,
                f"基本信息“{LAYOUT[key].label}”为 {m.group()} 元，信息处理费按件或按量计收，通常每件不超过数百元，"
                "该金额明显偏大，请核对单位（元）和数字。",
                (LAYOUT[key].ref,),
                None,
                float(m.group()),
            )


# ---------------------------------------------------------------- with last year's report
SENTENCE = re.compile(r"[^。！？!?\n]{12,}[。！？!?]?")
REPEATED_SHARE = 0.5
JUMP_FACTOR = 5
JUMP_FLOOR = 10


def _sentences(report: Report) -> list[str]:
    out = []
    for s in TEXT_SECTIONS:
        out += [m.group().strip() for m in SENTENCE.finditer(report.text(f"text.{s.key}"))]
    return out


def _same_agency(ctx: Context) -> bool:
    """Last year's report is the same agency's (or says no name): another agency's words and counts prove nothing."""
    this, last = ctx.report.org, ctx.previous.org
    return not (this and last and this != last)


def check_repeated_text(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    if not _same_agency(ctx):
        return
    this, last = _sentences(ctx.report), set(_sentences(ctx.previous))
    # Years differ from one report to the next by design: "2023年" and "2024年" are the same sentence otherwise.
    norm = lambda t: re.sub(r"(?:19|20)\d{2}\s*年", "Y年", t)  # noqa: E731
    last_norm = {norm(t) for t in last}
    repeated = [t for t in this if norm(t) in last_norm]
    if not this or len(repeated) / len(this) <= REPEATED_SHARE:
        return
    shown = "；".join(f"“{t[:30]}{'……' if len(t) > 30 else ''}”" for t in repeated[:5])
    yield Finding(
        rule.id,
        rule.severity,
        f"内容与上年雷同：正文 {len(this)} 句中有 {len(repeated)} 句（{round(len(repeated) * 100 / len(this))}%）与上年度报告逐字相同，"
        f"如{shown}{'等' if len(repeated) > 5 else ''}。请结合本年度工作如实撰写。",
        tuple(LAYOUT[f"text.{s.key}"].ref for s in TEXT_SECTIONS if ctx.report.text(f"text.{s.key}").strip())[:1],
        None,
        len(repeated),
        {"repeated": repeated},
    )


JUMP_KEYS = (
    "t2.gfxwj.zf", "t2.xk.sl", "t2.cf.sl", "t2.qz.sl", "t3.new.zj", "t3.r7.zj",
    *(f"t4.{g}.zj" for g, _top, _sub in T4_GROUPS),
)


def check_jumps(ctx: Context, rule: CheckRule) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    if not _same_agency(ctx):
        return
    for key in JUMP_KEYS:
        if report.get(key).state in UNREADABLE or not previous.stated(key) or not report.stated(key):
            continue
        now, before = report[key], previous[key]
        if min(now, before) < JUMP_FLOOR or max(now, before) < JUMP_FACTOR * min(now, before):
            continue
        how = f"增至 {fmt_num(round(now / before, 1))} 倍" if now > before else f"减至 {fmt_num(round(now / before, 3))} 倍"
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(LAYOUT[key].sheet)}“{cell_name(key)}”由上年的 {fmt_num(before)} {how}，为 {fmt_num(now)}。"
            "变化幅度较大，请核对数字，必要时在正文中说明原因。",
            (ref(report, key),),
            before,
            now,
            {"previous_cell": ref(previous, key)},
        )

