"""The text's own sums (A10): "共 N 件，其中 a 件、b 件……", checked within the 正文 alone.

A list opens after a total with 其中 / 包括 / 分别为 / 具体为 / 主要有 (or a colon, or "A、B 分别为 a、b"),
its parts are separated by "、" "，" "；" or line breaks, and it may start in the sentence after the total
("共收到申请 33 件。其中，……"). What a list proves depends on how it is written:

* parts that exceed the total: an error — unless the parts are properties rather than kinds ("网上可办
  70 项，实现‘最多跑一次’的 60 项" overlap and are never summed) or the list says it is partial
  (主要有、等: a reminder);
* parts that fall short: an error only when the list is complete — it names 其他／其余, is introduced by
  分别为／具体为, covers every result of a 复议／诉讼, or names each of a set of complementary kinds
  (主动公开／依申请公开); otherwise "其中" may just pick out a few parts, and nothing is said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..findings import Finding
from ..names import fmt_num
from .claims import APPROX_AFTER, APPROX_BEFORE, CN_NUM, DELTA_BEFORE, NUM, RESULT_WORDS, SUM_CLAIM, SUM_PARTIAL_CLAIM
from .sentences import _clause_start, _short, _text_ref, _where, normalise, parse_number

SUM_UNIT = r"\s*(?P<unit>人次|件|条|个|篇|期|次|项|宗|起|场|份|家|名|部)"
INTRO = r"(?P<intro>其中|包括|包含|分别为|分别是|具体为|具体是|具体包括|主要有|主要包括|主要为|主要是)"
RESPECTIVELY = r"[^，,。；;：:\d\n]{1,40}?分别(?:为|是|有)?\s*\d"
# No introducer at all: "政府信息 120 条，规章 3 条、规范性文件 20 条、其他信息 97 条" — a "、" list right after the total.
BARE_PART = r"[^，,。；;：:\d\n]{1,20}?\d+\s*(?:人次|件|条|个|篇|期|次|项|宗|起|场|份|家|名|部)\s*、"
# After the total: an introducer, a colon, or a "A、B 分别为 a、b" clause; the list may start after "。".
_HEAD = re.compile(
    NUM + SUM_UNIT + r"(?P<gap>\s*[，,。；;]?\s*(?P<paren>[（(])?\s*)"
    rf"(?:{INTRO}\s*[，,:：]?|[:：]|(?<=[，,])(?={RESPECTIVELY})|(?<=[，,])(?P<bare>(?={BARE_PART})))"
)
_PART = re.compile(NUM + SUM_UNIT + r"(?![%％\d.])")
_LABELLED = re.compile(
    r"^(?P<labels>[^，,。；;：:\d\n]{1,40}?)分别(?:为|是|有)?\s*(?P<nums>"
    rf"(?:\d+|{CN_NUM})\s*(?:人次|件|条|个|篇|期|次|项|宗|起|场|份|家|名|部)?"
    rf"(?:\s*(?:、|，|,|和|及|与)\s*(?:\d+|{CN_NUM})\s*(?:人次|件|条|个|篇|期|次|项|宗|起|场|份|家|名|部)?)*)"
)
SEPARATORS = re.compile(r"[，,、；;\n]")
# A part's own words that end the list: the total restated, another count of the same unit, a comparison.
LIST_STOP = re.compile(r"^\s*(?:共|合计|总计|累计|另有|另|此外|另外|同比|较|比上年|比去年|其中|办结|答复|受理|收到|按期|均|全部|目前|截至)")
ANNOTATION = re.compile(r"^\s*(?:占|约占|同比|比例|比重)|[%％]")
# Parts that are properties of the whole (they may overlap), not kinds that divide it.
PROPERTY = re.compile(r"可办|可以|可在|实现|达到|具备|支持|开通|全程|即办|一次|网办|率|满意|的\s*$")
PARTIAL_INTRO = re.compile(r"主要")
COMPLETE_INTRO = re.compile(r"分别|具体为|具体是")
OTHERS = re.compile(r"其他|其余|其它")
# Kinds that together make the whole: a list naming each of one set is complete.
COMPLEMENTS: tuple[tuple[str, ...], ...] = (
    ("主动公开", "依申请公开"),
    ("网上|线上|在线", "线下"),  # not 当面: letters, faxes and e-mail are neither
    ("自然人", "法人"),
    ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"),
    tuple(rx for _col, rx in RESULT_WORDS),
)


@dataclass
class SumList:
    """One total and the parts listed for it."""

    total: int | float
    unit: str
    start: int  # where the total is, in the section text
    end: int = 0  # where the list ends
    intro: str = ""
    parts: list[tuple[str, int | float]] = field(default_factory=list)
    partial: bool = False  # 主要有、等、约: not meant to be all of it


def _approximate(s: str, n0: int, n1: int) -> bool:
    after = s[n1:]
    unit = re.match(SUM_UNIT, after)
    return bool(
        APPROX_BEFORE.search(s[:n0]) or DELTA_BEFORE.search(s[:n0]) or APPROX_AFTER.match(after)
        or (unit and APPROX_AFTER.match(after[unit.end() :]))
    )


def _region_end(s: str, begin: int, paren: bool) -> int:
    """A list reaches to the end of its sentence (or of its brackets)."""
    if paren:
        close = re.search(r"[)）]", s[begin:])
        if close:
            return begin + close.start()
    stop = re.search(r"[。！？!?]|\n\s*\n", s[begin:])
    return begin + stop.start() if stop else len(s)


def _labelled(found: SumList, region: str) -> bool:
    """"自然人、法人分别为 30 件、3 件": the labels and the numbers pair up, or the list is not read."""
    m = _LABELLED.match(region)
    if not m:
        return False
    labels = [x for x in re.split(r"以及|、|和|及|与", m.group("labels")) if x.strip()]
    nums = re.findall(rf"\d+|{CN_NUM}", m.group("nums"))
    units = set(re.findall(r"人次|件|条|个|篇|期|次|项|宗|起|场|份|家|名|部", m.group("nums")))
    if len(labels) < 2 or len(labels) != len(nums) or not units <= {found.unit}:
        return True  # a 分别 clause that does not pair up: nothing is summed
    found.parts = [(lbl, parse_number(n)) for lbl, n in zip(labels, nums)]
    found.intro = "分别"
    return True


def _segments(text: str) -> Iterator[tuple[str, int]]:
    """The list's segments, each with the level of the separator before it (、 0, ， 1, ； and line break 2)."""
    level = -1
    for piece in re.split(r"([，,、；;\n])", text):
        if piece and SEPARATORS.fullmatch(piece):
            level = max(level, _LEVELS[piece])
        elif piece.strip():
            yield piece, level
            level = -1


_LEVELS = {"、": 0, "，": 1, ",": 1, "；": 2, ";": 2, "\n": 2}


def _read_parts(found: SumList, s: str, begin: int, end: int) -> tuple[bool, int | None]:
    """Read the parts into ``found``; returns (the list ran to its end, the level of its separators)."""
    # Brackets inside the list hold a part's own detail ("自然人 30 件（含网上 20 件）"): blanked out.
    region = re.sub(r"[（(][^（()）]*[)）]", lambda m: " " * len(m.group()), s[begin:end])
    list_level = None
    for seg, level in _segments(region):
        if not seg.strip():
            continue
        if found.parts and list_level is None:
            list_level = level  # the separator between the first two parts
        elif list_level is not None and level > list_level:
            return False, list_level  # a stronger separator ends the list ("…尚未审结 37 件；行政诉讼 46 件，……")
        parts = list(_PART.finditer(seg))
        if not parts:
            if ANNOTATION.search(seg) or re.fullmatch(r"\s*等\s*[^\d]{0,8}", seg):
                found.partial = found.partial or "等" in seg
                continue
            return False, list_level
        p = parts[0]
        label = seg[: p.start()]
        if p.group("unit") != found.unit or LIST_STOP.match(label) or len(parts) > 1:
            return False, list_level
        value = parse_number(p.group("num"))
        if value is None:
            return False, list_level
        if _approximate(seg, *p.span("num")) or "等" in seg[p.end() :] or re.search(r"等\s*$", label):
            found.partial = True
        found.parts.append((label.strip(" ：:"), value))
    else:
        return True, list_level
    return False, list_level


def sum_lists(text: str) -> Iterator[SumList]:
    """Every total of the section followed by a list of its parts."""
    s = normalise(text)
    for head in _HEAD.finditer(s):
        total = parse_number(head.group("num"))
        if total is None or _approximate(s, *head.span("num")):
            continue
        found = SumList(total, head.group("unit"), head.start("num"), intro=head.group("intro") or "")
        if "。" in head.group("gap") and not found.intro:
            continue  # only an introducer carries a list into the next sentence
        found.end = _region_end(s, head.end(), bool(head.group("paren")))
        if not _labelled(found, s[head.end() : found.end]):
            closed, level = _read_parts(found, s, head.end(), found.end)
            if head.group("bare") is not None and not (closed and level == 0 and len(found.parts) >= 2):
                continue  # without an introducer, only a whole "、" list that ends the sentence is a list
        found.partial = found.partial or bool(PARTIAL_INTRO.search(found.intro))
        if found.parts:
            yield found


# The total after its parts: "网站发布 1500 条，微博发布 800 条，微信发布 600 条，共计 3000 条".
_TRAILING = re.compile(r"[，,、；;]\s*(?P<word>共计|合计|总计|总共)\s*" + NUM + SUM_UNIT + r"(?![%％\d.])")
TRAILING_WORD = "合计"


def trailing_lists(text: str) -> Iterator[SumList]:
    """Totals that close a list begun at the start of their sentence; every clause before them must be one part."""
    s = normalise(text)
    for m in _TRAILING.finditer(s):
        total = parse_number(m.group("num"))
        start = max(s.rfind(ch, 0, m.start()) for ch in "。！？!?\n：:") + 1
        if total is None or _approximate(s, *m.span("num")):
            continue
        found = SumList(total, m.group("unit"), start, m.end(), intro=TRAILING_WORD)
        region = re.sub(r"[（(][^（()）]*[)）]", lambda b: " " * len(b.group()), s[start : m.start()])
        for seg, _level in _segments(region):
            parts = list(_PART.finditer(seg))
            if len(parts) != 1 or parts[0].group("unit") != found.unit or LIST_STOP.match(seg[: parts[0].start()]):
                found.parts = []
                break
            value = parse_number(parts[0].group("num"))
            if value is None or _approximate(seg, *parts[0].span("num")):
                found.parts = []
                break
            found.partial = found.partial or "等" in seg[parts[0].end() :]
            found.parts.append((seg[: parts[0].start()].strip(), value))
        if len(found.parts) >= 2:
            yield found


def _complete(found: SumList) -> str:
    """Why the list is all of the total ("" when it may be only some parts)."""
    labels = [lbl for lbl, _ in found.parts]
    if len(labels) < 2:
        return ""
    if found.intro == TRAILING_WORD:
        return "正文以“共计／合计”总括所列各项"
    if COMPLETE_INTRO.search(found.intro):
        return f"以“{found.intro}”逐项列举"
    other = next((lbl for lbl in labels if OTHERS.search(lbl)), None)
    if other is not None:
        return f"列有“{other}”一类"
    for kinds in COMPLEMENTS:
        named = [next((lbl for lbl in labels if re.search(kind, lbl)), None) for kind in kinds]
        if all(named):
            return f"已列出互为补充的“{'”与“'.join(named)}”"
    return ""


def _judge(found: SumList) -> tuple[str, str] | None:
    """(rule, why) when the list contradicts its total, None when it may stand."""
    added = sum(v for _, v in found.parts)
    if added == found.total or any(PROPERTY.search(lbl) for lbl, _ in found.parts):
        return None
    running = 0
    for _, v in found.parts[:-1]:
        running += v
        if running == found.total:
            return None  # the first parts make the whole; a second division of it follows (自然人…；网上…)
    if added > found.total:
        if found.partial:
            return SUM_PARTIAL_CLAIM.id, "所列分项之和已超过总数（列举为“主要”或“等”，请核对）"
        return SUM_CLAIM.id, "各分项之和超过总数"
    complete = "" if found.partial else _complete(found)
    if complete:
        return SUM_CLAIM.id, f"所列分项已完整（{complete}），其和应等于总数"
    return None


def sum_findings(text: str, section: str) -> Iterator[Finding]:
    """A10 for one section of the 正文."""
    severity = {SUM_CLAIM.id: SUM_CLAIM.severity, SUM_PARTIAL_CLAIM.id: SUM_PARTIAL_CLAIM.severity}
    for found in [*sum_lists(text), *trailing_lists(text)]:
        judged = _judge(found)
        if judged is None:
            continue
        rule, why = judged
        added = sum(v for _, v in found.parts)
        unit = found.unit
        lo = _clause_start(text, found.start)
        quote = ("……" if text[:lo].strip() else "") + _short(text[lo : found.end].replace("\n", ""), 100)
        diff = abs(found.total - added)
        yield Finding(
            rule,
            severity[rule],
            f"{_where(section)}称“{quote}”：共 {fmt_num(found.total)} {unit}，"
            f"其中 {'、'.join(fmt_num(v) for _, v in found.parts)} {unit}合计 {fmt_num(added)} {unit}，{why}，"
            f"相差 {fmt_num(round(diff, 6) if isinstance(diff, float) else diff)}。请核对正文。",
            (_text_ref(section),),
            found.total,
            added,
            {"sentence": text[lo : found.end], "section": section},
        )
