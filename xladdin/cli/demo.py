"""`nianbao demo`: the whole workflow on the bundled 温县 2024 sample, each step one library call.

The sample is the report as published, errors included: its 一（一） says 4 规范性文件 where table 二
says 5, so the check finds that error and the Word report is written as a draft, as the real
button would refuse a clean export until the sentence is corrected.
"""

from __future__ import annotations

from pathlib import Path

from workbook.write import write_report

from ..samples import wenxian_2024

NAME = "温县人民政府办公室2024年政府信息公开工作年度报告"


def run_demo(outdir: Path, echo=print) -> int:
    from ..review import review
    from ..report.word import write_word

    outdir = Path(outdir)
    report = wenxian_2024()
    result = review(report)
    narrative, findings = result.narrative, result.findings
    report.texts.update(narrative.as_texts())  # what the 生成正文 button writes into the 正文 sheet
    workbook = outdir / f"{NAME}.xlsx"
    write_report(report, workbook)
    echo(f"1. 已生成填好的工作簿（含系统生成的正文）：{workbook}")
    write_report(report, outdir / f"{NAME}.xlsm")
    echo(f"   带“校验”“生成正文”“导出Word”按钮的宏工作簿：{outdir / f'{NAME}.xlsm'}")

    errors = result.errors
    echo(f"2. 校验：发现 {len(errors)} 个错误、{len(findings) - len(errors)} 个提醒。")
    for f in findings:
        echo(f"   [{'错误' if f.is_error else '提醒'}] {f.message}（{'、'.join(f.cells[:3])}）")

    docx = write_word(report, outdir / f"{NAME}.docx", narrative=narrative, draft=bool(errors))
    note = "（存在错误，页眉标注“草稿”；改正后重新导出即为正式稿）" if errors else ""
    echo(f"3. 已导出 Word 报告{note}：{docx}")
    return 0
