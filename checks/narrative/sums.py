"""The text's own sums (A10): "共 N 件，其中 a 件、b 件……"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..rules import fmt_num
from .claims import _EXHAUSTIVE, _RESULT_LABELS, _SUM_HEAD, _SUM_PART, _SUM_STOP, APPROX_AFTER, GROUP_END, RESULT_WORDS, SUM_CLAIM
from .sentences import Sentence, _quote, _text_ref, _where, parse_number

def _sum_findings(sent: Sentence) -> Iterator[Finding]:
    """A10: "共 N 件，其中 a 件、b 件……"."""
    s = sent.norm
    for head in _SUM_HEAD.finditer(s):
        total, unit = parse_number(head.group("num")), head.group("unit")
        stop = GROUP_END.search(s, head.end())
        rest = s[head.end() : stop.start() if stop else len(s)]
        if head.group("paren"):
            close = re.search(r"[)）]", rest)
            rest = rest[: close.start()] if close else rest
        cut = _SUM_STOP.search(rest)
        rest = rest[: cut.start()] if cut else rest
        if total is None or "分别" in rest:
            continue
        parts = []
        for p in _SUM_PART.finditer(rest):
            if p.group("unit") == unit and not APPROX_AFTER.match(rest[p.end() :]):
                value = parse_number(p.group("num"))
                if value is not None:
                    parts.append((p.group("label"), value))
        if not parts:
            continue
        added = sum(v for _, v in parts)
        labels = [lbl for lbl, _ in parts]
        results = {col for col, rx in _RESULT_LABELS.items() for lbl in labels if rx.search(lbl)}
        complete = len(parts) >= 2 and (any(_EXHAUSTIVE.search(lbl) for lbl in labels) or len(results) == len(RESULT_WORDS))
        if added > total or (complete and added != total):
            why = "各分项之和超过总数" if added > total else "所列分项已完整（含“其他”类或全部结果），其和应等于总数"
            end = head.end() + len(rest)
            yield Finding(
                SUM_CLAIM.id,
                SUM_CLAIM.severity,
                f"{_where(sent.section)}称{_quote(sent, head.start(), end - 1)}：共 {fmt_num(total)} {unit}，"
                f"其中 {'、'.join(fmt_num(v) for _, v in parts)} {unit}合计 {fmt_num(added)} {unit}，{why}，"
                f"相差 {fmt_num(abs(total - added))}。请核对正文。",
                (_text_ref(sent.section),),
                total,
                added,
                {"sentence": sent.text, "section": sent.section},
            )

