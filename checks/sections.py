"""Rules on the 正文 sheet's sections as written: placeholders that cannot be resolved, sections the
agency must write left empty, and the 信息处理费 statement FORMAT.md asks for in 六.

The text itself (placeholders resolved) comes from ``workbook.placeholders``; this module only judges it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from workbook.layout import LAYOUT, SECTION_TITLES, TEXT_SECTIONS
from workbook.model import Report
from workbook.placeholders import PLACEHOLDERS, TEXT_PLACEHOLDERS, resolve

from .catalogue import finding
from .findings import Finding

HEADINGS = {s.key: s.heading for s in TEXT_SECTIONS}
# Sections the agency must write itself: empty ones are reported.
REQUIRED_OWN = ("s1_1", "s1_3", "s1_4", "s1_5", "s5")
# 信息处理费 figures, if the workbook carries them (基本信息 items proposed for the layout):
# notices sent (件), amount notified (元), amount collected (元).
FEE_KEYS = ("info.fee_notices", "info.fee_notified", "info.fee_collected")
FEE_MENTION = re.compile(r"信息处理费|处理费")


def number_in(text: str) -> int | float | None:
    """"120元" → 120: a cell holding one plain amount or count, or None."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:元|件)?\s*", text or "")
    if not m:
        return None
    num = float(m.group(1))
    return int(num) if num.is_integer() else num


def fee_figures(report: Report) -> tuple | None:
    """(notices, notified, collected) when every 信息处理费 figure is given, else None."""
    figures = tuple(number_in(report.text(k)) for k in FEE_KEYS)
    return None if any(x is None for x in figures) else figures


def own_paragraphs(report: Report, section: str) -> list[str]:
    """The agency's own paragraphs of a section, placeholders resolved."""
    text = resolve(report.text(f"text.{section}"), report).text
    return [p.strip() for p in text.splitlines() if p.strip()]


def fee_stated(report: Report) -> bool:
    """The agency's own 六 already reports the 信息处理费."""
    return any(FEE_MENTION.search(p) for p in own_paragraphs(report, "s6"))


def resolve_placeholders(text: str, report: Report, key: str | None = None) -> tuple[str, list[Finding]]:
    """Replace ``{名称}`` (also ``｛名称｝``) by its value; an unknown name stays as typed and yields a
    TEXT.PLACEHOLDER finding naming the 正文 cell (``key`` such as "text.s1_2") and the nearest known names."""
    resolved = resolve(text, report)
    section = key.split(".", 1)[-1] if key else ""
    where = LAYOUT.fields.get(key or "")
    place = f"正文“{HEADINGS[section]}”（{where.ref}）" if where and section in HEADINGS else "正文"
    cells = (where.ref,) if where else ()
    findings = []
    for typed, name in resolved.unknown:
        near = difflib.get_close_matches(name, [*PLACEHOLDERS, *TEXT_PLACEHOLDERS], n=2, cutoff=0.4)
        hint = "是否应为" + "或".join(f"“{{{x}}}”" for x in near) + "？" if near else ""
        findings.append(finding(
            "TEXT.PLACEHOLDER",
            f"{place}中的占位符“{typed}”无法识别，已原样保留。{hint}可用的占位符见“填报说明”工作表。",
            cells, actual=typed, extra={"placeholder": name, "suggestions": near},
        ))
    for typed, name in resolved.empty:
        src = LAYOUT[TEXT_PLACEHOLDERS[name]]
        findings.append(finding(
            "TEXT.PLACEHOLDER_EMPTY",
            f"{place}中的占位符“{typed}”取自“{src.label}”（{src.ref}），但该项尚未填写，已替换为空。",
            (src.ref, *cells),
        ))
    return resolved.text, findings


def check_sections(report: Report) -> Iterator[Finding]:
    """Section by section: unresolved placeholders, then an empty required section; the fee statement last."""
    for s in TEXT_SECTIONS:
        key = f"text.{s.key}"
        text, found = resolve_placeholders(report.text(key), report, key)
        yield from found
        if s.key in REQUIRED_OWN and not text.strip():
            f = LAYOUT[key]
            yield finding(
                "TEXT.EMPTY",
                f"正文“{HEADINGS[s.key]}”尚未填写（{f.ref}）。该部分须由本机关撰写，导出的 Word 报告中此处将为空。",
                (f.ref,),
            )
    if not fee_stated(report) and fee_figures(report) is None:
        yield finding(
            "TEXT.FEE",
            f"正文“{SECTION_TITLES['s6']}”未说明收取信息处理费情况。按年度报告格式，应在此报告信息处理费的收取情况"
            "（如“本年度未收取信息处理费”，或发出收费通知的件数、金额和实际收取金额）。",
            (LAYOUT["text.s6"].ref,),
        )
