"""The published report's own structure, as evaluators score it: the six sections, their official
titles and order, and the table format of its year.

A section that cannot be found is an error once the report shows its structure (at least three of the
six headings found): the format requires all six, 六、其他需要报告的事项 included. A heading found but
worded or numbered otherwise than the format (a typo, the 2019 wording in a later report) is a reminder.
A 2019-format table in a report for 2021 or later is an error.
"""

from __future__ import annotations

import re

from checks.catalogue import finding
from checks.findings import Finding
from workbook.layout import FORMAT_FIRST_YEAR, LAYOUT, SECTION_TITLES, T3_ROW_BY_KEY

from .sections import Heading

NUMERALS = "一二三四五六"
# Wordings the 2019 (试行) format used, accepted for the 2019 and 2020 reports.
TITLES_2019 = {"s5": "政府信息公开工作存在的主要问题及改进情况"}
ENOUGH_HEADINGS = 3


def _words(title: str) -> str:
    return re.sub(r"^[一二三四五六七八九十]\s*[、.．，,]\s*|\s+", "", title)


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _title_problem(flat: str, h: Heading, position: int, year: int | None) -> str:
    written = flat[h.start : h.end].strip()
    official = SECTION_TITLES[h.key]
    words = _words(written)
    accepted = {_words(official)}
    if year is not None and year < FORMAT_FIRST_YEAR and h.key in TITLES_2019:
        accepted.add(TITLES_2019[h.key])
    numeral = re.match(r"[一二三四五六七八九十]", written)
    if words not in accepted:
        return f"“{written}”（规定为“{official}”）"
    if numeral and numeral.group() != NUMERALS[position]:
        return f"“{written}”的序号（规定为“{official}”）"
    return ""


def section_findings(flat: str, heads: list[Heading], missing: list[str], year: int | None) -> list[Finding]:
    out = []
    standard = [h for h in heads if h.key in SECTION_TITLES]
    odd = [p for h in standard if (p := _title_problem(flat, h, list(SECTION_TITLES).index(h.key), year))]
    if odd:
        out.append(finding("IMPORT.SECTION_TITLE", f"以下部分标题与规定格式不一致：{'；'.join(odd)}。请按国办公开办函〔2021〕30号规定的标题撰写。",
            tuple(LAYOUT[f"text.{h.key}"].ref for h in standard if _title_problem(flat, h, list(SECTION_TITLES).index(h.key), year)),
        ))
    if missing:
        names = "、".join(f"“{SECTION_TITLES[k]}”" for k in missing)
        certain = len(standard) >= ENOUGH_HEADINGS
        out.append(finding(
            "IMPORT.SECTION_MISSING" if certain else "IMPORT.SECTIONS",
            (f"报告缺少以下部分（或标题改写得无法辨认）：{names}。年度报告应包含规定的六个部分，并使用规定的标题。"
             if certain else f"未找到以下部分的标题：{names}，相应正文未导入（原报告可能缺少该部分或标题写法不同）。"),
            tuple(LAYOUT[f"text.{k}"].ref for k in missing),
        ))
    return out


def format_findings(fmt: str, year: int | None) -> list[Finding]:
    if fmt != "2019" or year is None or year < FORMAT_FIRST_YEAR:
        return []
    return [finding("IMPORT.FORMAT_OUTDATED", f"本报告为 {year} 年度，统计表却采用已废止的 2019 年（试行）格式（如“本年新制作数量”栏目、只有一行的“{T3_ROW_BY_KEY['r6_1'].labels[1]}”）。"
        "2021 年度起应使用国办公开办函〔2021〕30号规定的格式。",
        (LAYOUT["info.year"].ref,),
        "2021", "2019",
    )]
