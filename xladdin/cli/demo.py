"""`nianbao demo`: the whole workflow on the bundled 温县 2024 sample, each step one library call.

The sample is the report as published, errors included: its 一（一） says 4 规范性文件 where table 二
says 5, so the check finds that error, the marked copy shows it, and the Word report is written as a
draft, as the real button would refuse a clean export until the sentence is corrected.
"""

from __future__ import annotations

from pathlib import Path

from workbook.layout import SECTION_TITLES
from workbook.write import write_report

from ..samples import wenxian_2024

NAME = "温县人民政府办公室2024年政府信息公开工作年度报告"


def demo_outputs(outdir: Path) -> dict[str, Path]:
    """What the demo writes, by role: the command refuses to overwrite any of them without --force."""
    outdir = Path(outdir)
    return {
        "workbook": outdir / f"{NAME}.xlsx",
        "macro": outdir / f"{NAME}.xlsm",
        "marked": outdir / f"{NAME}_校验.xlsx",
        "word": outdir / f"{NAME}.docx",
    }


def run_demo(outdir: Path, echo=print) -> int:
    from checks import check_report
    from checks.annotate import annotate
    from checks.catalogue import rule_name, severity_name

    from ..report.prose import generate
    from ..report.word import write_word

    out = demo_outputs(outdir)
    report = wenxian_2024()
    narrative = generate(report)
    report.texts.update(narrative.as_texts())  # what the 生成正文 button writes into the 正文 sheet
    findings = check_report(report)
    errors = [f for f in findings if f.is_error]
    write_report(report, out["workbook"])
    write_report(report, out["macro"])
    echo("本演示使用温县人民政府办公室 2024 年的真实报告。该报告正文与表格有一处不一致（有意保留），用来演示校验如何发现错误。\n")
    echo(f"1. 填好的工作簿（含系统生成的正文）：{out['workbook']}")
    echo("   这是填报人日常使用的文件：在“基本信息”“主动公开”“依申请公开”“复议诉讼”“正文”各页填写。")
    echo(f"   带“校验”“生成正文”“导出Word”按钮的宏工作簿：{out['macro']}")
    echo("   在 Excel 中打开（需启用宏并安装 xlwings），可直接点击按钮完成以下各步。\n")

    echo(f"2. 校验：发现 {len(errors)} 个错误、{len(findings) - len(errors)} 个提醒。")
    for f in findings:
        echo(f"   [{severity_name(f.severity)}] {rule_name(f.rule)}：{f.message}")
    annotate(out["workbook"], report, findings, out["marked"])
    echo(f"   标注副本：{out['marked']}")
    echo("   打开它可以看到：出错的单元格标红、提醒标黄，鼠标停在单元格上可看批注；“校验结果”页逐条列出问题并可点击跳转。\n")

    write_word(report, out["word"], narrative=narrative, draft=bool(errors))
    if errors:
        echo(f"3. Word 报告（草稿）：{out['word']}")
        echo("   因为校验发现错误，导出的是草稿，页眉标注“草稿”，不能作为正式报告发布。\n")
        echo(f"下一步：在工作簿中按“校验结果”改正错误（本例是正文“{SECTION_TITLES['s1']}”中所述的规范性文件件数），")
        echo(f"然后运行 nianbao check “{out['workbook']}” 确认没有错误，再运行 nianbao word 导出正式报告。")
    else:
        echo(f"3. Word 报告：{out['word']}")
        echo("\n下一步：核对各条提醒后，即可发布该报告。")
    return 0
