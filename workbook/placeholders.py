"""Placeholders staff may write in the 正文 sheet, e.g. "{本年新收申请数}", each the sum of named cells.

The 填报说明 sheet lists them; ``resolve`` replaces them (the generated text and the Word report use the
resolved text, ``checks.sections`` reports the names it could not resolve). Both read this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import format_number
from .layout import T3_CATEGORIES
from .model import Report


def _t3_total(*rows: str) -> tuple[str, ...]:
    return tuple(f"t3.{r}.zj" for r in rows)


_CATEGORY_ROWS = {name: rows for _, name, rows in T3_CATEGORIES}

PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "本年新收申请数": _t3_total("new"),
    "上年结转申请数": _t3_total("prev"),
    "办理结果总计": _t3_total("r7"),
    "结转下年度办理数": _t3_total("next"),
    **{f"{name}数": _t3_total(*rows) for name, rows in _CATEGORY_ROWS.items()},
    "予以公开及部分公开数": _t3_total("r1", "r2"),
    "自然人申请数": ("t3.new.zr",),
    "法人或其他组织申请数": tuple(f"t3.new.{c}" for c in ("sy", "ky", "gy", "fl", "qt")),
    "规章制发件数": ("t2.gz.zf",),
    "规章废止件数": ("t2.gz.fz",),
    "规章现行有效件数": ("t2.gz.yx",),
    "行政规范性文件制发件数": ("t2.gfxwj.zf",),
    "行政规范性文件废止件数": ("t2.gfxwj.fz",),
    "行政规范性文件现行有效件数": ("t2.gfxwj.yx",),
    "行政许可决定数": ("t2.xk.sl",),
    "行政处罚决定数": ("t2.cf.sl",),
    "行政强制决定数": ("t2.qz.sl",),
    "行政事业性收费金额": ("t2.sf.je",),
    "行政复议总计": ("t4.fy.zj",),
    "行政复议结果维持数": ("t4.fy.wc",),
    "行政复议结果纠正数": ("t4.fy.jz",),
    "行政复议其他结果数": ("t4.fy.qt",),
    "行政复议尚未审结数": ("t4.fy.wj",),
    "行政诉讼总计": ("t4.zs.zj", "t4.fh.zj"),
    "未经复议直接起诉数": ("t4.zs.zj",),
    "复议后起诉数": ("t4.fh.zj",),
    "行政诉讼结果维持数": ("t4.zs.wc", "t4.fh.wc"),
    "行政诉讼结果纠正数": ("t4.zs.jz", "t4.fh.jz"),
    "行政诉讼尚未审结数": ("t4.zs.wj", "t4.fh.wj"),
}
# Texts, not sums.
TEXT_PLACEHOLDERS: dict[str, str] = {"机关名称": "info.org", "报告年度": "info.year"}

# "{名称}", also with full-width braces "｛名称｝".
PLACEHOLDER = re.compile(r"[{｛]\s*([^{}｛｝\n]{1,40}?)\s*[}｝]")


@dataclass(frozen=True)
class Resolved:
    """A text with its placeholders replaced, and what could not be: for the checks to report."""

    text: str
    unknown: tuple[tuple[str, str], ...] = ()  # (as typed, name): left as typed
    empty: tuple[tuple[str, str], ...] = ()  # (as typed, name): a text placeholder whose source is blank


def placeholder_value(name: str, report: Report) -> str | None:
    """The text a placeholder stands for, or None if the name is unknown."""
    if name in PLACEHOLDERS:
        return format_number(report.sum_of(PLACEHOLDERS[name]))
    if name in TEXT_PLACEHOLDERS:
        return report.text(TEXT_PLACEHOLDERS[name]).strip()
    return None


def resolve(text: str | None, report: Report) -> Resolved:
    """Replace every ``{名称}`` by its value from the report; an unknown name stays as typed."""
    if not text or ("{" not in text and "｛" not in text):
        return Resolved(text or "")
    unknown: list[tuple[str, str]] = []
    empty: list[tuple[str, str]] = []

    def sub(m: re.Match) -> str:
        name = m.group(1).strip()
        value = placeholder_value(name, report)
        if value is None:
            unknown.append((m.group(0), name))
            return m.group(0)
        if value == "" and name in TEXT_PLACEHOLDERS:
            empty.append((m.group(0), name))
        return value

    return Resolved(PLACEHOLDER.sub(sub, text), tuple(unknown), tuple(empty))
