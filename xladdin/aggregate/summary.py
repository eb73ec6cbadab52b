"""The collecting office's summary workbook of a batch: sheet 汇总 (one row per unit) and sheet 问题清单
(every finding with unit, table, cell and message). ``nianbao check --summary`` and the web app's 批量审核
both write it from the batch's ``FileResult`` list, so both give the same file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

SHEET_SUMMARY = "汇总"
SHEET_FINDINGS = "问题清单"
SUMMARY_COLUMNS = ("序号", "机关名称", "年度", "文件", "错误数", "提醒数", "结论")
FINDING_COLUMNS = ("序号", "机关名称", "文件", "表格", "单元格", "级别", "问题", "说明")
UNREADABLE = "无法读取"
NOT_ANNOTATED = "标注副本未生成"
WIDTHS = {"序号": 6, "机关名称": 30, "年度": 8, "文件": 32, "错误数": 8, "提醒数": 8, "结论": 12,
          "表格": 12, "单元格": 16, "级别": 8, "问题": 22, "说明": 90}


def conclusion(result) -> str:
    """One word for a file: 无法读取, 有错误, 有提醒 or 通过."""
    if result.error is not None:
        return UNREADABLE
    if result.errors:
        return "有错误"
    return "有提醒" if result.warnings else "通过"


def _names(results: Sequence, names: Sequence[str] | None) -> list[str]:
    return list(names) if names is not None else [r.file for r in results]


def summary_rows(results: Sequence, names: Sequence[str] | None = None) -> list[tuple]:
    """Sheet 汇总: one row per file (unit)."""
    return [
        (i, r.org, r.year or "", name, r.errors, r.warnings, conclusion(r))
        for i, (r, name) in enumerate(zip(results, _names(results, names)), 1)
    ]


def finding_rows(results: Sequence, names: Sequence[str] | None = None) -> list[tuple]:
    """Sheet 问题清单: every finding, and one row for each file that could not be read."""
    from checks.catalogue import rule_name, severity_name
    from checks.findings import ERROR

    rows: list[tuple] = []
    for r, name in zip(results, _names(results, names)):
        if r.error is not None:
            rows.append((r.org, name, "", "", severity_name(ERROR), UNREADABLE, r.error))
        if r.annotate_error is not None:
            rows.append((r.org, name, "", "", severity_name(ERROR), NOT_ANNOTATED, r.annotate_error))
        for f in r.findings:
            sheet = f.cells[0].split("!")[0] if f.cells else ""
            cells = "、".join(c.split("!", 1)[-1] if c.startswith(f"{sheet}!") else c for c in f.marked)
            rows.append((r.org, name, sheet, cells, severity_name(f.severity), rule_name(f.rule), f.message))
    return [(i, *row) for i, row in enumerate(rows, 1)]


def summary_bytes(results: Sequence, names: Sequence[str] | None = None) -> bytes:
    """The summary workbook (.xlsx) as bytes, made with pandas."""
    import pandas as pd

    sheets = {
        SHEET_SUMMARY: pd.DataFrame(summary_rows(results, names), columns=list(SUMMARY_COLUMNS)),
        SHEET_FINDINGS: pd.DataFrame(finding_rows(results, names), columns=list(FINDING_COLUMNS)),
    }
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        wrap = writer.book.add_format({"text_wrap": True, "valign": "top"})
        for title, frame in sheets.items():
            frame.to_excel(writer, sheet_name=title, index=False)
            sheet = writer.sheets[title]
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
            for i, column in enumerate(frame.columns):
                sheet.set_column(i, i, WIDTHS.get(column, 12), wrap if column == "说明" else None)
    return buf.getvalue()


def check_target(path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Where the summary goes: an .xlsx, not a file already there unless ``overwrite`` (raises OutputError)."""
    from workbook.errors import OutputError

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputError(f"汇总工作簿“{path.name}”应为 .xlsx 文件。")
    if path.exists() and not overwrite:
        raise OutputError(f"汇总工作簿“{path}”已存在，为免覆盖，未写入。请另选文件名，或加 --force 覆盖。")
    return path


def write_summary(results: Sequence, path: str | os.PathLike, names: Sequence[str] | None = None, overwrite: bool = False) -> Path:
    """Write the summary workbook to ``path`` atomically; ``names``: how each file is shown (default: as given)."""
    from workbook.atomic import write_bytes_atomic

    path = check_target(path, overwrite)
    write_bytes_atomic(path, summary_bytes(results, names))
    return path
