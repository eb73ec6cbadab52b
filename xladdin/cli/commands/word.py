from __future__ import annotations

from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import check_output, output_option
from . import echo_findings


def default_output(source: Path) -> Path:
    """Beside the input, same name with .docx; never the input itself (a published .docx given as FILE)."""
    out = source.with_suffix(".docx")
    return out.with_name(f"{source.stem}（生成）.docx") if out.resolve() == source.resolve() else out


@click.command(
    cls=ChineseCommand,
    help="导出公文格式（GB/T 9704）的 Word 年度报告：标题、六个部分、三张表格和生成的正文文字。"
    "校验发现错误时拒绝导出并列出错误；加 --force 仍导出，文档页眉标注“草稿”。",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@output_option("输出的 .docx 文件（默认：与工作簿同名、同文件夹）。已有同名文件时不覆盖，除非加 --force。")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help="上年度工作簿：生成同比文字，并进行跨年度校验。")
@click.option("--force", is_flag=True, help="有错误时仍然导出，文档标注为“草稿”；输出文件已存在时覆盖它。")
@click.option("--reference-doc", "reference_doc", type=click.Path(dir_okay=False, path_type=Path), help="本机关的样式参考文档（.docx），使用其中的正文、标题、表格文字样式。")
def word(file: Path, output: Path | None, previous: Path | None, force: bool, reference_doc: Path | None) -> int:
    from checks import check_report
    from xladdin.importers import load_any
    from xladdin.report.word import write_word

    target = check_output(output or default_output(file), (".docx",), inputs=(file, *filter(None, [previous])), force=force)
    loaded = load_any(file)
    report = loaded.report
    last = load_any(previous).report if previous else None
    findings = check_report(report, last, loaded.findings)
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    if errors and not force:
        click.echo(f"未生成 Word 报告：“{file.name}”中有 {len(errors)} 个错误，请改正后重新导出（或加 --force 导出草稿）：", err=True)
        echo_findings(errors, err=True)
        return 1
    draft = bool(errors)
    write_word(report, target, previous=last, draft=draft, reference_doc=reference_doc)
    if draft:
        click.echo(f"已生成 Word 报告草稿（页眉标注“草稿”）：{target}")
        click.echo(f"文档中有 {len(errors)} 个错误尚未改正，不能作为正式报告发布：", err=True)
        echo_findings(errors, err=True)
    else:
        click.echo(f"已生成 Word 报告：{target}")
    if warnings:
        click.echo(f"另有 {len(warnings)} 条提醒，请核对：", err=True)
        echo_findings(warnings, err=True)
    return 0
