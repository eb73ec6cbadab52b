"""Findings: each number the text states against the cells it names (A9), and statements without a number."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from workbook.layout import LAYOUT, TEXT_SECTIONS
from workbook.model import Report, State

from ..findings import WARNING, Finding
from ..rules import T4_COL_NAMES, T4_GROUP_NAMES, UNREADABLE, fmt_num, recomputed, ref
from .claims import _ALL_UPHELD, _NEG_SPOILERS, _NEGATION, HAS_COUNT, NONE_CLAIM, OPEN_CONTEXT, T4, UPHELD_CLAIM
from .reading import _all_sentences, claims
from .sentences import Sentence, Stated, _group_start, _quote, _text_ref, _where
from .sums import _sum_findings

# ---------------------------------------------------------------- findings


class _Values:
    """Cell values for comparing with the text: a total left blank counts as the sum of its inputs."""

    def __init__(self, report: Report, fresh: dict | None = None) -> None:
        self.report = report
        self.fresh = fresh if fresh is not None else recomputed(report)

    def __getitem__(self, key: str) -> int | float:
        v = self.report.get(key)
        if v.state is State.BLANK and LAYOUT[key].is_total:
            return self.fresh[key]
        return v.number

    def sum(self, keys) -> int | float:
        total = sum(self[k] for k in keys)
        return round(total, 6) if isinstance(total, float) else total

    def readable(self, keys) -> bool:
        return all(self.report.get(k).state not in UNREADABLE for k in keys)

    def empty(self, keys) -> bool:
        """Nothing written in these cells (nor in the inputs of those that are totals)."""
        return all(self.report.get(k).state is State.BLANK for k in keys) and not any(self.fresh[k] for k in keys)


def _claim_finding(report: Report, values: _Values, st: Stated) -> Finding | None:
    if not all(values.readable(keys) for keys in st.targets):
        return None  # the cell's own finding says it cannot be read
    readings = [values.sum(keys) for keys in st.targets]
    readings += [round(sum(values.fresh[k] for k in keys), 6) for keys in st.targets]  # a wrong total has its own error
    tolerance = 0.005 if st.claim.kind == "amount" else 0
    if any(abs(st.value - r) <= tolerance for r in readings):
        return None
    table_value = readings[0]
    unit = "万元" if st.claim.kind == "amount" else "件"
    stated = "" if fmt_num(st.value) in st.quote else f"（即 {fmt_num(st.value)} {unit}）"
    cells = (_text_ref(st.section), *dict.fromkeys(ref(report, k) for k in st.targets[0]))
    extra = {"sentence": st.sentence, "section": st.section}
    if values.empty(st.targets[0]):
        return Finding(
            st.claim.id,
            WARNING,
            f"{_where(st.section)}称{st.quote}{stated}，而{st.name}未填写。请在表中填写，或核对正文。",
            cells,
            None,
            st.value,
            extra,
        )
    diff = abs(table_value - st.value)
    return Finding(
        st.claim.id,
        st.claim.severity,
        f"{_where(st.section)}称{st.quote}{stated}，而{st.name}为 {fmt_num(table_value)}，"
        f"相差 {fmt_num(round(diff, 6) if isinstance(diff, float) else diff)}。请核对正文或表格。",
        cells,
        table_value,
        st.value,
        extra,
    )


def _appeal_groups(words: str) -> list[str]:
    groups = []
    if re.search(r"(?<!经)复议(?!后)", words):
        groups.append("fy")
    if re.search(r"(?<!应)诉讼|起诉", words):
        groups += ["zs", "fh"]
    return groups


def _statement_findings(sent: Sentence, report: Report, values: _Values) -> Iterator[Finding]:
    """"均获维持" and "未发生……行政复议、行政诉讼": statements about table 四 without a number."""
    s = sent.norm
    if not (re.search(OPEN_CONTEXT, s) or sent.section == "s4"):
        return
    for m in _ALL_UPHELD.finditer(s):
        lo = _group_start(s, m.start())
        groups = _appeal_groups(s[lo : m.start()])
        keys = [f"t4.{g}.{c}" for g in groups for c in ("wc", "jz", "qt", "wj", "zj")]
        if not groups or not values.readable(keys):
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
    for m in _NEGATION.finditer(s):
        end = re.search(r"[，,。；;]", s[m.end() :])
        span = s[m.end() : m.end() + end.start()] if end else s[m.end() :]
        if _NEG_SPOILERS.search(span) or re.search(r"\d", span):
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


def check_narrative(report: Report, fresh: dict | None = None) -> Iterator[Finding]:
    """Findings of A9 (text vs cells) and A10 (the text's own sums), section by section."""
    values = _Values(report, fresh)
    all_sentences = list(_all_sentences(report))
    seen = set()
    for st in sorted(claims(report, all_sentences), key=lambda st: (_SECTION_ORDER[st.section], st.at)):
        f = _claim_finding(report, values, st)
        if f is not None and (f.rule, f.cells, f.actual) not in seen:  # the same number stated twice: once
            seen.add((f.rule, f.cells, f.actual))
            # The text or the table is wrong, and only the clerk knows which: both are marked.
            yield dataclasses.replace(f, each_cell=True)
    for sent in all_sentences:
        yield from _statement_findings(sent, report, values)
        if ("其中" in sent.norm or "包括" in sent.norm) and HAS_COUNT.search(sent.norm):
            yield from _sum_findings(sent)


_SECTION_ORDER = {s.key: i for i, s in enumerate(TEXT_SECTIONS)}