"""Statements in words, without a number, that the tables contradict.

"均获维持" against 纠正／其他／尚未审结; "未发生……行政复议、行政诉讼" against 表四; "均已办结／全部办结" against
四、结转下年度 (and "均按期答复", a reminder: the carried-over ones may still be within their time);
"无上年结转" against 二、"无结转下年度" against 四 ("无结转" alone may mean either: a reminder);
"未收取信息处理费" against the fees on 基本信息. Each finding names the text and the cells on the other side.
A statement about another year, about a part of the applications ("其中 5 件均已办结") or about other
matters (复议、信访、建议提案) is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbook.layout import LAYOUT
from workbook.model import Report

from ..findings import Finding
from ..names import T3_ROW_NAMES, T4_COL_NAMES, T4_GROUP_NAMES, fmt_num, ref
from .claims import (
    _ALL_UPHELD, _NEG_SPOILERS, _NEGATION, ALL_ANSWERED_CLAIM, ALL_DONE_CLAIM, NO_CARRY_CLAIM, NO_CARRY_IN_CLAIM,
    NO_CARRY_OUT_CLAIM, NO_FEES_CLAIM, NONE_CLAIM, NOT_THIS_YEAR, OPEN_CONTEXT, T3, T4, UPHELD_CLAIM, YEAR, Claim,
)
from .sentences import Sentence, _group_start, _names_part_of_year, _quote, _text_ref, _where, parse_number
from .values import Values

# "均已办结" / "全部按期办结" / "均在法定期限内予以答复" / "都已答复完毕".
_ALL = r"(?:均|全部|都|全都|悉数)"
ALL_DONE = re.compile(
    _ALL + r"(?:已|已经)?(?:在法定(?:期限|时限)内|按(?:期|时|法定时限)|依法|及时|如期)?(?:已)?(?:予以|作出|进行|给予)?"
    r"(?P<what>办结|办理完毕|处理完毕|答复(?:完毕)?|回复)"
)
# "未能全部办结", "尚未全部办结": the words say the opposite.
NOT_ALL = re.compile(r"(?:未|不|没|尚|并非|无法)[能曾]?\s*$")
# Other matters a "均已办结" may be about.
OTHER_MATTERS = re.compile(r"复议|诉讼|信访|投诉|举报|建议|提案|留言|咨询|热线|事项|案件|结转|上年|去年")
NO_CARRY_IN = re.compile(r"(?:无|没有|未有|不存在)(?:上一?年度?|往年)结转|上一?年度?(?:无|没有|未有)(?:结转|遗留)")
NO_CARRY_OUT = re.compile(r"(?:无|没有|未有|不存在)(?:需|须)?(?:要)?结转(?:至|到|入)?下一?年度?|(?:无|没有|未有)[^，,。；;]{0,6}(?:顺延|结转)(?:至|到)下一?年")
NO_CARRY = re.compile(r"(?:无|没有|未有|不存在)结转(?!至|到|入|下)")
NO_FEES = re.compile(
    r"(?:未|没有|无|不曾|均未|并未)(?:向申请人)?(?:收取|收缴|产生|收)(?:任何)?(?:过)?(?:政府)?(?:信息)?(?:公开)?(?:信息)?处理费"
)
FEE_COLLECTED = "info.fee_collected"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _elsewhere(sent: Sentence, at: int, year: int | None) -> bool:
    """The statement at ``at`` is about another year or a part of the year ("2023年……", "上半年……")."""
    lead = sent.norm[_group_start(sent.norm, at) : at]
    if NOT_THIS_YEAR.search(lead) or _names_part_of_year(lead):
        return True
    return year is not None and any(int(y.group(1)) != year for y in YEAR.finditer(lead))


def _finding(claim: Claim, sent: Sentence, m: re.Match, cells, said: str, expected, actual) -> Finding:
    return Finding(
        claim.id,
        claim.severity,
        f"{_where(sent.section)}称{_quote(sent, m.start(), m.end())}，{said}请核对正文或表格。",
        (_text_ref(sent.section), *cells),
        expected,
        actual,
        {"sentence": sent.text, "section": sent.section},
        each_cell=True,  # the words or the table is wrong: both are marked
    )


def _about_applications(sent: Sentence) -> bool:
    return "申请" in sent.norm or sent.section == "s3"


def _all_done(sent: Sentence, report: Report, values: Values) -> Iterator[Finding]:
    s = sent.norm
    keys = ("t3.new.zj", "t3.prev.zj", "t3.r7.zj", "t3.next.zj")
    if not _about_applications(sent) or not values.readable(keys):
        return
    new, prev, r7, nxt = (values[k] for k in keys)
    for m in ALL_DONE.finditer(s):
        lead = s[_group_start(s, m.start()) : m.start()]
        if _elsewhere(sent, m.start(), report.year):
            continue
        if OTHER_MATTERS.search(lead) or _NEGATION.search(lead) or re.search(r"[{｛]", lead) or NOT_ALL.search(lead):
            continue
        # "收到申请 33 件，均已办结" is about all of them; "其中 5 件均已办结" about some; "{本年新收申请数}件"
        # is a number the generated text fills in.
        counts = [parse_number(x) for x in re.findall(r"(\d+)\s*件", lead)]
        if counts and counts[-1] not in (new, new + prev):
            continue
        if nxt == 0 and r7 == new + prev:
            continue
        answered = m.group("what").startswith(("答复", "回复"))
        claim = ALL_ANSWERED_CLAIM if answered else ALL_DONE_CLAIM
        said = (
            f"而{T3}“{T3_ROW_NAMES['next']}”为 {fmt_num(nxt)} 件，“{T3_ROW_NAMES['r7']}”为 {fmt_num(r7)} 件，"
            f"少于本年新收与上年结转之和 {fmt_num(new + prev)} 件。"
        )
        if answered:
            said += "结转下年度的申请如仍在答复期限内，可忽略本提醒；"
        yield _finding(claim, sent, m, (ref(report, "t3.next.zj"), ref(report, "t3.r7.zj")), said, new + prev, r7)
        return


def _carry(sent: Sentence, report: Report, values: Values) -> Iterator[Finding]:
    s = sent.norm
    if not _about_applications(sent):
        return
    taken: list[tuple[int, int]] = []
    for claim, rx, rows in (
        (NO_CARRY_IN_CLAIM, NO_CARRY_IN, ("prev",)),
        (NO_CARRY_OUT_CLAIM, NO_CARRY_OUT, ("next",)),
        (NO_CARRY_CLAIM, NO_CARRY, ("prev", "next")),
    ):
        for m in rx.finditer(s):
            if any(a <= m.start() < b for a, b in taken) or _elsewhere(sent, m.start(), report.year):
                continue
            taken.append(m.span())
            keys = [f"t3.{r}.zj" for r in rows]
            if not values.readable(keys) or not values.sum(keys):
                continue
            filled = [k for k in keys if values[k]]
            listed = "、".join(f"“{T3_ROW_NAMES[k.split('.')[1]]}”为 {fmt_num(values[k])} 件" for k in filled)
            yield _finding(claim, sent, m, tuple(ref(report, k) for k in filled), f"而{T3}{listed}。", 0, values.sum(keys))


def _fee_number(report: Report, key: str) -> float | None:
    m = _NUMBER.search(report.text(key).replace(",", "").replace("，", ""))
    return float(m.group()) if m else None


def _fees(sent: Sentence, report: Report) -> Iterator[Finding]:
    collected = _fee_number(report, FEE_COLLECTED)
    if not collected:
        return
    for m in NO_FEES.finditer(sent.norm):
        if _elsewhere(sent, m.start(), report.year):
            continue
        item = LAYOUT[FEE_COLLECTED]
        said = f"而基本信息“{item.label}”为 {fmt_num(collected)} 元。"
        yield _finding(NO_FEES_CLAIM, sent, m, (item.ref,), said, 0, collected)
        return


def statement_findings(sent: Sentence, report: Report, values: Values) -> Iterator[Finding]:
    """Every statement in words of one sentence that the tables contradict."""
    yield from _appeal_statements(sent, report, values)
    yield from _all_done(sent, report, values)
    yield from _carry(sent, report, values)
    if "处理费" in sent.norm:
        yield from _fees(sent, report)


def _appeal_groups(words: str) -> list[str]:
    groups = []
    if re.search(r"(?<!经)复议(?!后)", words):
        groups.append("fy")
    if re.search(r"(?<!应)诉讼|起诉", words):
        groups += ["zs", "fh"]
    return groups


def _appeal_statements(sent: Sentence, report: Report, values: Values) -> Iterator[Finding]:
    """"均获维持" and "未发生……行政复议、行政诉讼": statements about table 四 without a number."""
    if not (re.search(OPEN_CONTEXT, sent.norm) or sent.section == "s4"):
        return
    yield from _all_upheld(sent, report, values)
    yield from _no_appeals(sent, report, values)


def _all_upheld(sent: Sentence, report: Report, values: Values) -> Iterator[Finding]:
    s = sent.norm
    for m in _ALL_UPHELD.finditer(s):
        lo = _group_start(s, m.start())
        groups = _appeal_groups(s[lo : m.start()])
        keys = [f"t4.{g}.{c}" for g in groups for c in ("wc", "jz", "qt", "wj", "zj")]
        if not groups or not values.readable(keys) or _elsewhere(sent, m.start(), report.year):
            continue
        total = values.sum(f"t4.{g}.zj" for g in groups)
        upheld = values.sum(f"t4.{g}.wc" for g in groups)
        if total == upheld:
            continue
        others = [(g, c) for g in groups for c in ("jz", "qt", "wj") if values[f"t4.{g}.{c}"]]
        listed = "、".join(f"{T4_GROUP_NAMES[g]}{T4_COL_NAMES[c]} {fmt_num(values[f't4.{g}.{c}'])} 件" for g, c in others)
        yield Finding(
            UPHELD_CLAIM.id,
            UPHELD_CLAIM.severity,
            f"{_where(sent.section)}称{_quote(sent, lo, m.end())}，即所述 {fmt_num(total)} 件复议、诉讼应全部为{T4_COL_NAMES['wc']}，"
            f"而{T4}{T4_COL_NAMES['wc']}合计 {fmt_num(upheld)} 件" + (f"，另有{listed}" if listed else "")
            + f"，相差 {fmt_num(total - upheld)}。请核对正文或表格。",
            (_text_ref(sent.section), *(ref(report, f"t4.{g}.wc") for g in groups), *(ref(report, f"t4.{g}.{c}") for g, c in others)),
            total,
            upheld,
            {"sentence": sent.text, "section": sent.section},
        )


def _no_appeals(sent: Sentence, report: Report, values: Values) -> Iterator[Finding]:
    s = sent.norm
    for m in _NEGATION.finditer(s):
        end = re.search(r"[，,。；;]", s[m.end() :])
        span = s[m.end() : m.end() + end.start()] if end else s[m.end() :]
        if _NEG_SPOILERS.search(span) or re.search(r"\d", span) or _elsewhere(sent, m.start(), report.year):
            continue
        groups = _appeal_groups(span)
        keys = [f"t4.{g}.zj" for g in groups]
        if not groups or not values.readable(keys):
            continue
        total = values.sum(keys)
        if total:
            listed = "、".join(f"{T4_GROUP_NAMES[k.split('.')[1]]} {fmt_num(values[k])} 件" for k in keys if values[k])
            yield Finding(
                NONE_CLAIM.id,
                NONE_CLAIM.severity,
                f"{_where(sent.section)}称{_quote(sent, m.start(), m.end() + len(span) - 1)}，而{T4}填有{listed}。请核对正文或表格。",
                (_text_ref(sent.section), *(ref(report, k) for k in keys if values[k])),
                0,
                total,
                {"sentence": sent.text, "section": sent.section},
            )
