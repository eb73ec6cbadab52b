"""The labels a published table can carry, and matching them in text that was wrapped, mistyped or run together.

Every official label comes from ``workbook.layout``; only the 2019 (试行) labels, which the template no
longer has, are spelled here. Matching is on normalised text (NFKC, no whitespace, "1、" as "1.") and
tolerates the typos seen in real reports (FORMAT.md §7) through a similarity ratio on the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from workbook.labels import norm, norm_map
from workbook.layout import T2_BLOCKS, T3_ROW_BY_KEY, T3_ROWS

FUZZY_RATIO = 0.8  # a label with one wrong character in five still matches ("不子公开", "废纸")
PREFIX_CHARS = 8  # a long label wrapped in a PDF is recognised by its first characters


@dataclass(frozen=True)
class RowLabel:
    key: str  # layout row key ("gfxwj", "r4_1") or a 2019-only key ("t2019_qt", "r6")
    table: str  # "t2" | "t3"
    labels: tuple[str, ...]  # normalised variants
    block: str = ""  # table 二: the 第二十条 item, "一" "五" "六" "八" "九"
    name: str = ""  # the official label, as printed in messages


def _t2_rows() -> list[RowLabel]:
    rows = []
    for b in T2_BLOCKS:
        for r in b.rows:
            variants = [r.labels[0]]
            if r.key == "gfxwj":
                variants.append("规范性文件")  # the 2019 label, and a common 2021 slip (FORMAT.md §7)
            rows.append(RowLabel(r.key, "t2", tuple(norm(v) for v in variants), b.item, r.labels[0]))
    # 2019 (试行) rows without a place in the 2021 table
    rows.append(RowLabel("t2019_qt", "t2", (norm("其他对外管理服务事项"),), "五", "其他对外管理服务事项"))
    rows.append(RowLabel("t2019_cg", "t2", (norm("政府集中采购"),), "九", "政府集中采购"))
    return rows


def _t3_rows() -> list[RowLabel]:
    rows = [RowLabel(r.key, "t3", (norm(r.labels[-1]),), name=r.labels[-1]) for r in T3_ROWS]
    # 2019 format and some later county reports: （六）其他处理 as one row without sub-items
    other = T3_ROW_BY_KEY["r6_1"].labels[1]  # the category above the three 2021 rows
    rows.append(RowLabel("r6", "t3", (norm(other),), name=other))
    return rows


T2_ROWS = _t2_rows()
T3_ROW_LABELS = _t3_rows()
ROWS_BY_TABLE = {"t2": T2_ROWS, "t3": T3_ROW_LABELS}

# Column headers of table 二 that only the 2019 (试行) format has.
T2_2019_HEADERS = tuple(norm(s) for s in ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "采购总金额"))


@dataclass(frozen=True)
class Match:
    row: RowLabel
    start: int  # position of the label in the searched text
    end: int
    score: float


def _core(label: str) -> str:
    """The label without its ordinal ("1.", "(一)", "一、"): what a typo check compares."""
    return re.sub(r"^(\d+\.|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)", "", label)


def _best_window(label: str, text: str) -> tuple[float, int, int]:
    """Best similarity of ``label`` against windows of ``text`` of about its length: (ratio, start, end)."""
    n = len(label)
    best = (0.0, 0, 0)
    if n < 4 or len(text) < n - 1:
        return best
    sm = SequenceMatcher(autojunk=False)
    sm.set_seq2(label)
    for width in (n, n - 1, n + 1):
        for i in range(0, max(1, len(text) - width + 1)):
            sm.set_seq1(text[i : i + width])
            if sm.real_quick_ratio() < FUZZY_RATIO or sm.quick_ratio() < FUZZY_RATIO:
                continue
            r = sm.ratio()
            if r > best[0]:
                best = (r, i, i + width)
    return best


def find_label(text: str, rows: list[RowLabel], fuzzy: bool = True) -> Match | None:
    """The row whose label sits last in ``text`` (normalised): the label closest to the numbers after it.

    Exact labels first; then a long label's first characters (a PDF wrapped it); then, when ``fuzzy``,
    a label with a typo. Earlier labels in the text belong to rows that carried no numbers.
    """
    found: list[Match] = []
    for row in rows:
        best: Match | None = None
        for label in row.labels:
            i = text.rfind(label)
            if i >= 0:
                m = Match(row, i, i + len(label), 1.0)
            elif len(label) > PREFIX_CHARS and (j := text.rfind(label[:PREFIX_CHARS])) >= 0:
                m = Match(row, j, j + PREFIX_CHARS, 0.9)
            else:
                continue
            if best is None or (m.end, m.score) > (best.end, best.score):
                best = m
        if best:
            found.append(best)
    if not found and fuzzy:
        tail = text[-120:]
        offset = len(text) - len(tail)
        for row in rows:
            for label in row.labels:
                core = _core(label)
                r, i, j = _best_window(core, tail)
                if r >= FUZZY_RATIO:
                    found.append(Match(row, offset + i, offset + j, r))
    if not found:
        return None
    # the label nearest the numbers wins; among labels ending together, the longer (more specific) one
    return max(found, key=lambda m: (m.end, m.end - m.start, m.score))


__all__ = ["norm", "norm_map", "find_label", "RowLabel", "ROWS_BY_TABLE", "T2_2019_HEADERS"]
