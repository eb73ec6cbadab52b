"""``nianbao check FILE_OR_DIR... [--previous FILE] [--format text|json|csv] [--annotate OUTDIR]``.

Exit code: 2 if any file could not be read (or its annotated copy not written); otherwise 1 if any
file has an error finding; otherwise 0 (warnings allowed). Every file is checked either way.
Only click, python_calamine, defusedxml, workbook, checks and the importers' package module (not its
readers) are imported for a workbook; rich only for a progress bar or coloured text on a terminal;
openpyxl only for --annotate.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import force_option, format_option
from xladdin.batch import check_files, collect
from xladdin.importers import SUFFIXES, WORKBOOK_SUFFIXES, load_any


def _with_bar(files, last, outdir, jobs, overwrite):
    """check_files with a rich progress bar on the terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("正在校验"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("check", total=len(files))
        return check_files(files, last, outdir, jobs, lambda done, total: bar.update(task, completed=done), overwrite)


@click.command(
    cls=ChineseCommand,
    help="校验填报的工作簿（.xlsx/.xlsm/.xls/.ods）或已发布的报告（.pdf/.docx/.html/.txt），列出全部错误和提醒。"
    "可指定多个文件或文件夹（含子文件夹）。\n\n"
    "退出码：0 无错误（可有提醒）；1 有错误；2 有文件无法读取（其余文件照常校验）。\n\n"
    "nianbao check --rules 列出全部校验规则（名称、错误或提醒、检查内容、涉及的单元格）。",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="文件或文件夹...")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help="上年度的报告，用于核对上年结转和现行有效件数。只能与一个待校验文件一起使用。")
@format_option()
@click.option("--annotate", "outdir", type=click.Path(file_okay=False, path_type=Path), help="在此文件夹生成标注副本：问题单元格标色并加批注，另附“校验结果”页。原文件不会被修改。")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path), metavar="汇总.xlsx", help="另存汇总工作簿：“汇总”页每个单位一行，“问题清单”页列出全部问题（单位、表格、单元格、说明）。")
@click.option("-j", "--jobs", type=int, default=0, metavar="进程数", help="并行进程数，默认按 CPU 核数（文件较多时才并行）。")
@force_option("--annotate 的文件夹中已有同名标注副本、或 --summary 的汇总工作簿已存在时覆盖它们（默认不覆盖）。")
@click.option("--rules", "list_rules", is_flag=True, help="列出全部校验规则，不校验文件（--format json 时含规则编号）。")
@click.pass_context
def check(ctx, paths: tuple[Path, ...], previous: Path | None, fmt: str, outdir: Path | None, summary: Path | None, jobs: int, force: bool, list_rules: bool) -> int:
    from checks.formats import exit_code, file_lines, rules_json, rules_lines, summary_lines, to_csv, to_json, write_bytes, write_lines
    from workbook.errors import NianbaoError

    if list_rules:
        if fmt == "json":
            write_bytes((rules_json() + "\n").encode("utf-8"))
        else:
            write_lines(rules_lines())
        return 0
    if not paths:
        raise click.MissingParameter(ctx=ctx, param=ctx.command.params[0])
    if jobs < 0:
        raise NianbaoError("--jobs 应为 0 或正整数（0 表示按 CPU 核数）。")
    if summary is not None:  # before checking hundreds of files, not after
        from xladdin.aggregate.summary import check_target

        check_target(summary, overwrite=force)
    files = collect(paths)
    if not files:
        kinds = " ".join((*WORKBOOK_SUFFIXES, *SUFFIXES))
        raise NianbaoError(f"在“{'”“'.join(map(str, paths))}”中没有找到可校验的文件（{kinds}）。")
    if previous is not None and len(files) != 1:
        raise NianbaoError(f"--previous 只能与一个待校验文件一起使用，现有 {len(files)} 个文件。")
    last = None
    if previous is not None:
        from workbook.errors import UnreadableFile

        try:
            last = load_any(previous).report
        except NianbaoError as exc:
            raise UnreadableFile(f"上年度报告无法读取：{exc}") from None
    progress = len(files) > 1 and sys.stderr.isatty()
    if progress:
        results = _with_bar(files, last, outdir, jobs, force)
    else:
        results = check_files(files, last, outdir, jobs, overwrite=force)

    if fmt == "json":
        write_bytes((to_json(results) + "\n").encode("utf-8"))
    elif fmt == "csv":
        write_bytes(to_csv(results).encode("utf-8"))
    else:
        lines = [line for r in results for line in file_lines(r)]
        if len(results) > 1:
            lines += summary_lines(results)
        write_lines(lines)
    if fmt != "text" and len(results) > 1:
        write_lines(summary_lines(results), sys.stderr)
    if summary is not None:
        from xladdin.aggregate.summary import write_summary

        write_summary(results, summary, overwrite=force)
        click.echo(f"已生成汇总工作簿：{summary}", err=True)
    return exit_code(results)
