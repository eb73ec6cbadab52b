"""What reading a published report's tables found doubtful: rows split by the table's arithmetic, rows
that could not be split or read, the 2019 format's columns, cells read twice. Import findings only: the
checks of the report itself come from ``checks``."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from checks.catalogue import finding
from checks.findings import Finding
from workbook.layout import LAYOUT, SHEET_T2, SHEET_T3, SHEET_T4, T2_BLOCKS, T3_COLUMNS, T3_ROW_BY_KEY

if TYPE_CHECKING:
    from .recognise import TableReader

TABLE_NAMES = {"t2": f"表二（{SHEET_T2}）", "t3": f"表三（{SHEET_T3}）", "t4": f"表四（{SHEET_T4}）"}
T3_COLS = [c.key for c in T3_COLUMNS]
_T2_COL = {c.key: c.label for b in T2_BLOCKS for c in b.headers}  # table 二's column headings, cited in messages


def _refs(keys) -> tuple[str, ...]:
    return tuple(LAYOUT[k].ref for k in keys)


def import_findings(reader: TableReader, org: str, year: str) -> list[Finding]:
    """What reading the tables found doubtful or could not read, each cell to be checked marked."""
    out: list[Finding] = []
    if not reader.values:
        out.append(finding("IMPORT.NO_TABLES", "未能在文件中找到“主动公开”“依申请公开”“行政复议、行政诉讼”三张统计表的任何数据。"
                           "如表格是图片（扫描件），需人工录入。", ()))
    if not org or not year:
        what = "、".join(x for x, v in (("机关名称", org), ("报告年度", year)) if not v)
        out.append(finding("IMPORT.NO_TITLE", f"未能从报告标题中读出{what}，请在“基本信息”表中填写。",
                           _refs(k for k, v in (("info.org", org), ("info.year", year)) if not v)))

    for table, rows in reader.recovered.items():
        parts = "；".join(f"“{label}”{raw} → {'、'.join(map(str, vals))}" for label, raw, vals in rows[:5])
        more = f"等 {len(rows)} 行" if len(rows) > 5 else ""
        keys = reader.recovered_keys.get(table, [])
        out.append(finding("IMPORT.RECOVERED", f"{TABLE_NAMES[table]}中部分单元格的数字在原文中连写在一起（单元格分隔丢失），已按表内合计关系（各项之和等于总计）"
                           f"找到唯一拆分方式：{parts}{more}。请对照原文核对。", _refs(keys)))
    out += _row_findings(reader)
    out += _format_findings(reader)
    out += _missing_rows(reader, {c for f in out for c in f.cells})
    # Every cell an import finding lists was read doubtfully or not at all: each is to be checked, so each is marked.
    return [dataclasses.replace(f, each_cell=True) for f in out]


def _row_findings(reader: TableReader) -> list[Finding]:
    out: list[Finding] = []
    for p in reader.problems:
        if p.kind == "ambiguous" or (p.kind == "count" and re.fullmatch(r"[\d\s]+", p.raw or "") and len(p.raw.split()) == 1):
            opts = "、".join("/".join(map(str, o)) for o in p.options[:3])
            how = f"，可能的拆分如 {opts} 等" if opts else ""
            out.append(finding("IMPORT.AMBIGUOUS", f"{TABLE_NAMES[p.table]}“{p.label}”一行的数字在原文中为“{p.raw}”，单元格分隔已丢失，"
                               f"且表内合计关系不能确定唯一拆分方式{how}。这些单元格标为“未能读取”，请对照原报告补填。",
                               _refs(p.keys), actual=p.raw, extra={"raw": p.raw, "options": p.options[:4]}))
        else:
            why = "没有数字" if p.kind == "none" else f"数字个数与表格列数（{len(p.keys)} 列）不符：“{p.raw}”"
            out.append(finding("IMPORT.UNREAD", f"{TABLE_NAMES[p.table]}“{p.label}”一行{why}，这些单元格未能读取，请对照原报告填写。",
                               _refs(p.keys), actual=p.raw or None, extra={"raw": p.raw}))
    return out


def _format_findings(reader: TableReader) -> list[Finding]:
    out: list[Finding] = []
    if reader.t2_2019 or reader.unmapped:
        blank = [k for k in ("t2.gz.fz", "t2.gz.yx", "t2.gfxwj.fz", "t2.gfxwj.yx", "t2.sf.je") if k not in reader.values]
        lost = "；".join(f"{label} {raw}" for label, raw in reader.unmapped) or "无"
        out.append(finding("IMPORT.FORMAT_2019", "原报告的“主动公开政府信息情况”表采用 2019 年（试行）格式，与现行格式的列不同。"
                           f"已将“处理决定数量”填入“{_T2_COL['sl']}”，“本年新制作数量”填入“{_T2_COL['zf']}”（最接近的现行列，请核对）；"
                           f"以下数据在现行格式中没有对应位置，未导入：{lost}。"
                           f"现行格式的“{_T2_COL['fz']}”“{_T2_COL['yx']}”“本年收费金额”在原报告中没有，保持空白。",
                           _refs(sorted(set(reader.mapped_2019)) + blank),
                           extra={"unmapped": reader.unmapped}))
    if reader.t3_single_other is not None:
        out.append(finding("IMPORT.T3_OTHER_SINGLE", f"原报告表三的“{T3_ROW_BY_KEY['r6_1'].labels[1]}”只有一行，没有现行格式的三个细项；该行数字已填入“3.其他”，"
                           "“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”两行保持空白。",
                           _refs([f"t3.r6_3.{c}" for c in T3_COLS] + [f"t3.r6_{i}.{c}" for i in (1, 2) for c in T3_COLS])))
    for key, first, second in reader.conflicts:
        out.append(finding("IMPORT.CONFLICT", f"同一单元格（{LAYOUT[key].label}）在报告中出现两次且数字不同：先为“{first}”，后为“{second}”；已采用前者，请核对。",
                           _refs([key]), expected=str(first), actual=str(second)))
    return out


def _missing_rows(reader: TableReader, reported: set[str]) -> list[Finding]:
    out: list[Finding] = []
    by_table: dict[str, list[str]] = {}
    for f in LAYOUT.numeric:
        if f.key not in reader.values and f.ref not in reported:
            by_table.setdefault(f.key.split(".")[0], []).append(f.key)
    for table, keys in by_table.items():
        rows = sorted({LAYOUT[k].label.split(" · ")[0] for k in keys}, key=lambda s: keys.index(next(k for k in keys if LAYOUT[k].label.startswith(s))))
        names = "、".join(f"“{r}”" for r in rows[:6]) + (f"等 {len(rows)} 行" if len(rows) > 6 else "")
        whole = len(keys) == sum(1 for f in LAYOUT.numeric if f.key.startswith(table + "."))
        what = "整张表未找到" if whole else f"以下行未找到：{names}"
        out.append(finding("IMPORT.UNREAD", f"{TABLE_NAMES[table]}{what}，相应单元格标为“未能读取”，请对照原报告填写。", _refs(keys)))
    return out
