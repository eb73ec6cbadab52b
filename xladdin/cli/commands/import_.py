"""``nianbao import``: a published report (.docx/.pdf/.html/.txt) → a filled template, checked."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import check_output, force_option, json_option, output_option
from . import echo_findings

KIND_NAMES = {"txt": "文本", "docx": "Word", "doc": "Word", "wps": "WPS", "rtf": "RTF", "odt": "ODT", "html": "网页", "pdf": "PDF"}


def default_output(report: Path) -> Path:
    """Beside the report, same name with .xlsx; if that exists (the workbook ``word`` exported this report from),
    “名称（导入）.xlsx”, then “名称（导入2）.xlsx” …: an existing file is never overwritten without -o."""
    out = report.with_suffix(".xlsx")
    n = 1
    while out.exists():
        out = report.with_name(f"{report.stem}（导入{n if n > 1 else ''}）.xlsx")
        n += 1
    return out


@click.command(
    "import",
    cls=ChineseCommand,
    help="读取已发布的年度报告（.docx、.pdf、.html/.htm、.txt；装有 LibreOffice 时也可读 .doc/.wps），"
    "把三张统计表、机关名称、年度和正文各部分填入填报模板，并按 nianbao check 的规则校验。"
    "支持 2021 年格式和 2019 年（试行）格式；未能读取或无法唯一确定的单元格逐一列出，绝不猜测。",
)
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@output_option("输出的工作簿（.xlsx）。默认与原文件同名、放在原文件旁；已有同名工作簿时不覆盖，改名为“原名（导入）.xlsx”。")
@json_option("以 JSON 输出导入和校验结果。")
@force_option()
def import_(report: Path, output: Path | None, as_json: bool, force: bool) -> int:
    from checks import check_report
    from xladdin.importers import import_report
    from workbook.write import write_report

    output = check_output(output or default_output(report), (".xlsx",), inputs=(report,), force=force)
    result = import_report(report)
    write_report(result.report, output)
    # ``check`` of the written workbook finds exactly ``checked`` (the import keeps blanks blank and unread cells
    # unread); ``check`` of the published file lists the import's doubts first, then the same ``checked``.
    checked = check_report(result.report)
    every = [*result.findings, *checked]
    r = result.report
    if as_json:
        data = {
            "file": str(report),
            "output": str(output),
            "kind": result.kind,
            "format": result.format,
            "org": r.org,
            "year": r.year,
            "import_findings": [f.to_dict() for f in result.findings],
            "findings": [f.to_dict() for f in checked],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        fmt = "2019 年（试行）格式" if result.format == "2019" else "2021 年格式"
        click.echo(f"已读取：{r.org or '（未识别机关名称）'} {r.year or '（未识别年度）'} 年度报告（{KIND_NAMES.get(result.kind, result.kind)}，{fmt}）")
        click.echo(f"已写入：{output}")
        if result.findings:
            echo_findings(result.findings, "导入时发现的问题")
        echo_findings(checked, "校验结果（与用 nianbao check 校验所写工作簿的结果相同）")
    return 1 if any(f.is_error for f in every) else 0
