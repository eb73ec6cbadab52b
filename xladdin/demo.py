"""`nianbao demo`: the whole workflow on the bundled 温县 2024 sample, each step one library call."""

from __future__ import annotations

from pathlib import Path

from workbook.write import write_report

from .samples import wenxian_2024


def run_demo(outdir: Path, echo=print) -> int:
    outdir = Path(outdir)
    report = wenxian_2024()
    workbook = outdir / "温县人民政府办公室2024年政府信息公开工作年度报告.xlsx"
    write_report(report, workbook)
    echo(f"1. 已生成填好的工作簿：{workbook}")
    return 0
