"""汇总: several units' reports of one year → one report whose every table cell is the sum.

Each cell is added on its own, totals included, so the total's checks show where a unit's own
arithmetic was off. Units of different years, or a published report in the 2019 (试行) format next to
2021-format workbooks, are refused: their cells do not mean the same thing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checks.catalogue import finding
from checks.findings import Finding
from workbook.errors import NianbaoError
from workbook.layout import LAYOUT
from workbook.model import Report, State, Value

DEFAULT_ORG = "汇总"


class MergeError(NianbaoError):
    """The units cannot be added up (mixed years or formats, the same file twice)."""


@dataclass
class Unit:
    path: Path
    report: Report
    format: str = "2021"
    findings: list[Finding] = field(default_factory=list)  # what importing a published report noted

    @property
    def name(self) -> str:
        return self.report.org or self.path.stem


def load_unit(path: str | os.PathLike) -> Unit:
    """A filled workbook, or a published report (imported on the fly), as one unit to add up."""
    from xladdin.importers import load_any

    loaded = load_any(path)
    return Unit(Path(path), loaded.report, loaded.format, list(loaded.findings))


def _refuse_unmergeable(units: list[Unit], year: int | None) -> set[int]:
    """A MergeError for units that cannot be added up (fewer than two, repeated, other years or formats);
    else the year(s) they are of."""
    if len(units) < 2:
        raise MergeError("汇总至少需要两个单位的工作簿。")
    seen: dict[Path, Path] = {}
    for u in units:
        real = u.path.resolve()
        if real in seen:
            raise MergeError(f"文件“{u.path}”被重复列出，同一单位的数据不能汇总两次。")
        seen[real] = u.path
    years = {u.name: u.report.year for u in units}
    missing = [n for n, y in years.items() if y is None]
    if missing and year is None:
        raise MergeError(f"以下单位的工作簿未填写报告年度（基本信息表）：{'、'.join(missing)}。请填写后再汇总，或用 --year 指定年度。")
    distinct = {y for y in years.values() if y is not None} | ({year} if year else set())
    if len(distinct) > 1:
        detail = "；".join(f"{n} {y or '未填'}年" for n, y in years.items())
        raise MergeError(f"各单位的报告年度不一致（{detail}），不能汇总。请只汇总同一年度的报告。")
    formats = {u.format for u in units}
    if len(formats) > 1:
        old = "、".join(u.name for u in units if u.format == "2019")
        raise MergeError(f"{old} 的报告采用 2019 年（试行）格式，与其他单位的 2021 年格式表格口径不同，不能汇总。")
    names = [u.name for u in units]
    if len(set(names)) < len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise MergeError(f"机关名称重复：{'、'.join(dup)}。同一单位不能汇总两次；如确为不同单位，请在各自工作簿的“基本信息”表中填写全称。")
    return distinct


def merge_units(units: list[Unit], org: str = "", year: int | None = None) -> tuple[Report, list[Finding]]:
    """The sum of the units' tables, with 基本信息 naming them; findings for cells that could not be added."""
    import pandas as pd

    distinct = _refuse_unmergeable(units, year)
    names = [u.name for u in units]

    keys = [f.key for f in LAYOUT.numeric]
    frame = pd.DataFrame(
        [[u.report.values[k].value if k in u.report.values else None for k in keys] for u in units],
        index=names,
        columns=keys,
        dtype="float64",
    )
    findings: list[Finding] = []
    unreadable = [(u.name, u.report.values[k]) for u in units for k in keys if k in u.report.values and u.report.values[k].state in (State.TEXT, State.ERROR)]
    if unreadable:
        parts = "；".join(f"{n} {v.ref}“{v.raw}”" for n, v in unreadable[:8])
        findings.append(finding("MERGE.UNREADABLE",
                                f"以下单位的单元格不是数字，汇总时按 0 计：{parts}{'等' if len(unreadable) > 8 else ''}。请在该单位工作簿中改正后重新汇总。",
                                tuple(sorted({v.ref for _, v in unreadable}))))
    totals = frame.sum(axis=0, min_count=1)
    total = Report.empty()
    for key in keys:
        x = totals[key]
        if pd.isna(x):
            continue  # blank in every unit stays blank
        f = LAYOUT[key]
        value: int | float = round(float(x), 6) if f.kind == "amount" else int(round(float(x)))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        total.values[key] = Value(key, value, State.NUMBER, value, None, "", f.sheet, f.cell)
    blank_some = [k for k in keys if frame[k].isna().any() and not frame[k].isna().all()]
    if blank_some:
        findings.append(finding("MERGE.PARTLY_BLANK",
                                f"有 {len(blank_some)} 个单元格在部分单位中未填写，汇总时按 0 计（如 {LAYOUT[blank_some[0]].label}）。",
                                tuple(LAYOUT[k].ref for k in blank_some)))
    total.texts.update({
        "info.org": org or DEFAULT_ORG,
        "info.year": str(next(iter(distinct))) if distinct else "",
        "info.units": "、".join(names),
    })
    total.source = "、".join(str(u.path) for u in units)
    total.notes.append(f"由 {len(units)} 个单位汇总：{'、'.join(names)}。")
    return total, findings
