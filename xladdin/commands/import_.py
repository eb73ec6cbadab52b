"""``nianbao import``: a published report (.docx/.pdf/.html/.txt) → a filled template, checked."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..cli import ChineseCommand

KIND_NAMES = {"txt": "文本", "docx": "Word", "doc": "Word", "wps": "WPS", "rtf": "RTF", "odt": "ODT", "html": "网页", "pdf": "PDF"}


def echo_findings(title: str, findings, err: bool = False) -> None:
    errors = sum(1 for f in findings if f.is_error)
    click.echo(f"{title}：错误 {errors} 条，提醒 {len(findings) - errors} 条。", err=err)
    for f in findings:
        kind = "错误" if f.is_error else "提醒"
        where = f"（{'、'.join(f.cells[:4])}{'等' if len(f.cells) > 4 else ''}）" if f.cells else ""
        click.echo(f"  [{kind}] {f.message}{where}", err=err)


def run_checks(report):
    """check_report on an imported report (the engine is imported only when it is needed)."""
    from checks import check_report

    return check_report(report)


@click.command(
    "import",
    cls=ChineseCommand,
    help="读取已发布的年度报告（.docx、.pdf、.html/.htm、.txt；装有 LibreOffice 时也可读 .doc/.wps），"
    "把三张统计表、机关名称、年度和正文各部分填入填报模板，并按 nianbao check 的规则校验。"
    "支持 2021 年格式和 2019 年（试行）格式；未能读取或无法唯一确定的单元格逐一列出，绝不猜测。",
)
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出的工作簿（.xlsx）。默认与原文件同名、放在原文件旁。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出导入和校验结果。")
def import_(report: Path, output: Path | None, as_json: bool) -> int:
    from workbook.errors import OutputError
    from workbook.write import write_report
    from xladdin.importers import import_report

    output = output or report.with_suffix(".xlsx")
    if output.suffix.lower() != ".xlsx":
        raise OutputError(f"输出文件“{output.name}”应为 .xlsx 工作簿。")
    if output.resolve() == report.resolve():
        raise OutputError("输出文件不能与原报告同名，请用 -o 指定其他文件名。")
    result = import_report(report)
    write_report(result.report, output)
    checked = run_checks(result.report)
    every = list(result.findings) + list(checked)
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
        echo_findings("导入情况", result.findings)
        echo_findings("校验结果", checked)
    return 1 if any(f.is_error for f in every) else 0
