"""Reading the 正文: sentences, clauses, and whether a number there is about this year's whole count.

Numbers that are approximate (约、余、以上), ranges, changes (增加 5 件), about another year or about part
of the year (第一季度、上半年、1-6月) are skipped, and so is a year's total restated in a 其中／包括 list.
Positions always point into the text as written: ``normalise`` maps one character to one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbook.cells import chinese_numeral
from workbook.layout import LAYOUT, TEXT_SECTIONS

from .claims import (
    APPROX_AFTER, APPROX_BEFORE, CLAUSE_END, CN_NUM, DELTA_BEFORE, GROUP_END, HAS_COUNT, MONTH, NOT_THIS_YEAR, PART_OF_TOTAL,
    PART_OF_YEAR, RANGE_AFTER, RANGE_BEFORE, SENTENCE_END, UNTIL, YEAR, Claim, _LIST, _WIDE,
)

def normalise(text: str) -> str:
    """Full-width digits and spaces to ASCII, one character for one: positions still point into the original."""
    return text.translate(_WIDE)


def parse_number(text: str) -> int | float | None:
    if text[0].isdigit():
        return int(text) if text.isdigit() else float(text)
    return chinese_numeral(text)


# ---------------------------------------------------------------- sentences
@dataclass
class Sentence:
    text: str  # as written
    norm: str  # digits normalised, same length
    start: int  # in the section text
    section: str
    synthetic: int = 0  # >0: rebuilt from a "分别／均" list (then ``text`` is the original sentence)


@dataclass
class Stated:
    """One number the text states about one thing."""

    claim: Claim
    value: int | float
    targets: tuple[tuple[str, ...], ...]
    name: str
    section: str
    sentence: str
    quote: str
    at: tuple[int, int, int]  # identity of the number (sentence start, list item, position): one reading each
    span: int  # length of the match: the longest reading of a number wins


def sentences(text: str, section: str) -> Iterator[Sentence]:
    norm = normalise(text)
    pos = 0
    for m in SENTENCE_END.finditer(text + "\n"):
        chunk = text[pos : m.start()]
        if chunk.strip():
            yield Sentence(chunk, norm[pos : m.start()], pos, section)
        pos = m.end()


def _clause_start(s: str, at: int) -> int:
    return max(s.rfind(ch, 0, at) for ch in CLAUSE_END) + 1


def _group_start(s: str, at: int) -> int:
    return max((m.end() for m in GROUP_END.finditer(s, 0, at)), default=0)


def _quote(sent: Sentence, a: int, b: int) -> str:
    """The clauses from the subject (at ``a``) to the number's clause end (``b``), as written."""
    if sent.synthetic:
        return f"“{_short(sent.text)}”"
    s = sent.text
    lo = _clause_start(s, a)
    ends = [i for i in (s.find(ch, b) for ch in "，,；;。（(") if i != -1]
    hi = min(ends) if ends else len(s)
    part = s[lo:hi].strip()
    return f"“{'……' if lo > 0 and s[:lo].strip() else ''}{part}{'……' if s[hi:].strip() else ''}”"


def _short(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "……"


def _skipped(s: str, n0: int, n1: int, year: int | None, other_years: bool = False) -> bool:
    """The number at s[n0:n1] is approximate, a range, a change, or about another year."""
    before, after = s[:n0], s[n1:]
    if APPROX_BEFORE.search(before) or RANGE_BEFORE.search(before) or DELTA_BEFORE.search(before):
        return True
    if RANGE_AFTER.match(after):
        return True
    unit_end = re.match(r"\s*(?:万元|人次|[件宗份个起次条篇部元])", after)
    if APPROX_AFTER.match(after) or (unit_end and APPROX_AFTER.match(after[unit_end.end() :])):
        return True
    clause = before[_clause_start(before, len(before)) :]
    if not other_years and NOT_THIS_YEAR.search(clause):
        return True
    if _part_of_year(before):
        return True
    return year is not None and any(int(y.group(1)) != year for y in YEAR.finditer(clause))


def _lead_clauses(before: str) -> tuple[str, str]:
    """The clause that ends ``before``, and the clause before it ("" at the start of the sentence)."""
    at = _clause_start(before, len(before))
    prev = before[_clause_start(before, at - 1) : at - 1] if at > 0 else ""
    return before[at:], prev


def _part_of_year(before: str) -> bool:
    """The clause up to a number, or a bare time phrase before it ("第一季度，……"), names a part of the year."""
    clause, prev = _lead_clauses(before)
    if len(prev.strip()) <= 20 and not HAS_COUNT.search(prev) and _names_part_of_year(prev):
        clause = prev + clause
    return _names_part_of_year(clause)


def _names_part_of_year(text: str) -> bool:
    if PART_OF_YEAR.search(text):
        return True
    months = [parse_number(m.group("m")) for m in MONTH.finditer(text)]
    if not months:
        return False
    return not (max(months) == 12 and (min(months) == 1 or UNTIL.search(text)))


def _part_of_total(s: str, at: int) -> bool:
    """``at`` is in a 其中／包括 list: from a clause so opened to the end of the group (or of its brackets)."""
    for m in PART_OF_TOTAL.finditer(s, _group_start(s, at), at):
        if not (m.start() and s[m.start() - 1] in "（(" and re.search(r"[)）]", s[m.end() : at])):
            return True
    return False


def _list_items(sent: Sentence) -> Iterator[Sentence]:
    """"行政复议、行政诉讼分别为 2 件、1 件" → "行政复议2件", "行政诉讼1件"; "均为 0 件" gives each the number."""
    s = sent.norm
    for m in _LIST.finditer(s):
        subs = [x for x in re.split(r"以及|、|和|及|与", m.group("subs")) if x.strip()]
        nums = re.findall(rf"\d+|{CN_NUM}", m.group("nums"))
        if m.group("how") == "均":
            if len(nums) != 1:
                continue
            nums = nums * len(subs)
        if len(subs) < 2 or len(subs) != len(nums):
            continue
        lead = s[: m.end("subs")] + "，"  # the whole list stays as context (verbs, "信息公开")
        for i, (sub, num) in enumerate(zip(subs, nums), start=1):
            text = lead + sub + num + "件"
            yield Sentence(sent.text, text, sent.start, sent.section, synthetic=i)



_HEADINGS = {s.key: s.heading for s in TEXT_SECTIONS}


def _where(section: str) -> str:
    return f"正文“{_HEADINGS.get(section, section)}”"


def _text_ref(section: str) -> str:
    return LAYOUT[f"text.{section}"].ref
