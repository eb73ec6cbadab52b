"""``nianbao check FILE_OR_DIR... [--previous FILE] [--format text|json|csv] [--annotate OUTDIR]``.

Exit code: 2 if any file could not be read (or its annotated copy not written); otherwise 1 if any
file has an error finding; otherwise 0 (warnings allowed). Every file is checked either way.
Only click, python_calamine, defusedxml, workbook, checks and the importers' package module (not its
readers) are imported for a workbook; rich only for a progress bar or coloured text on a terminal;
openpyxl only for --annotate.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..chinese import ChineseCommand
from xladdin.importers import SUFFIXES, WORKBOOK_SUFFIXES, is_readable, load_any

PARALLEL_FROM = 9  # below this, starting worker processes costs more than it saves


def collect(paths: tuple[Path, ...]) -> list[Path]:
    """Files named, and inside folders (recursively) every workbook and published report; in order, once each."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = [
                f
                for f in p.rglob("*")
                if f.is_file()
                and is_readable(f)
                and not f.name.startswith(("~$", ".~", "."))  # Excel/WPS lock files
                and "_校验." not in f.name  # our own annotated copies
            ]
            out.extend(sorted(found))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def check_one(path: Path, previous=None, annotate_to: Path | None = None):
    """Check one file (against last year's Report, if given); never raises for a bad file (the result says why)."""
    from checks.formats import FileResult
    from xladdin.review import review
    from workbook.errors import NianbaoError

    result = FileResult(str(path))
    try:
        loaded = load_any(path)
        report = loaded.report
        result.findings = review(report, previous, loaded.findings).findings
    except NianbaoError as exc:
        result.error = str(exc)
        return result
    except Exception as exc:  # a bug of ours on one file must not stop a batch of hundreds
        if os.environ.get("NIANBAO_DEBUG"):
            raise
        result.error = f"读取“{path.name}”时发生程序内部错误（{type(exc).__name__}: {exc}）。请将此文件反馈给开发者。"
        return result
    if annotate_to is not None:
        try:
            from checks.annotate import annotate

            result.annotated = str(annotate(path, report, result.findings, annotate_to))
        except NianbaoError as exc:
            result.annotate_error = str(exc)
        except Exception as exc:
            if os.environ.get("NIANBAO_DEBUG"):
                raise
            result.annotate_error = f"生成标注副本时发生程序内部错误（{type(exc).__name__}: {exc}）。"
    return result


def _check_star(args):
    return check_one(*args)


def _targets(files: list[Path], outdir: Path | None) -> list[Path | None]:
    """Annotated copy names, unique within the run (two 报告.xlsx from two folders do not collide)."""
    if outdir is None:
        return [None] * len(files)
    from checks.annotate import target_name

    used: set[str] = set()
    out = []
    for f in files:
        name = target_name(f)
        stem, dot, ext = name.rpartition(".")
        n = 2
        while name in used:
            name = f"{stem}_{n}{dot}{ext}"
            n += 1
        used.add(name)
        out.append(outdir / name)
    return out


def run_checks(files: list[Path], previous, outdir: Path | None, jobs: int, progress: bool):
    work = list(zip(files, [previous] * len(files), _targets(files, outdir)))
    workers = jobs or os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or workers == 1:
        mapped = map(_check_star, work)
        executor = None
    else:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(max_workers=workers)
        mapped = executor.map(_check_star, work, chunksize=max(1, len(work) // (workers * 8)))
    results = []
    try:
        if progress:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("正在校验"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn())
            with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
                task = bar.add_task("check", total=len(work))
                for r in mapped:
                    results.append(r)
                    bar.advance(task)
        else:
            results.extend(mapped)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return results


@click.command(
    cls=ChineseCommand,
    help="校验填报的工作簿（.xlsx/.xlsm/.xls/.ods）或已发布的报告（.pdf/.docx/.html/.txt），列出全部错误和提醒。"
    "可指定多个文件或文件夹（含子文件夹）。\n\n"
    "退出码：0 无错误（可有提醒）；1 有错误；2 有文件无法读取（其余文件照常校验）。",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文件或文件夹...")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help="上年度的报告，用于核对上年结转和现行有效件数。只能与一个待校验文件一起使用。")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", help="输出格式：text 中文报告（默认）；json；csv（每行一个问题，便于汇总）。")
@click.option("--annotate", "outdir", type=click.Path(file_okay=False, path_type=Path), help="在此文件夹生成标注副本：问题单元格标色并加批注，另附“校验结果”页。原文件不会被修改。")
@click.option("-j", "--jobs", type=int, default=0, metavar="进程数", help="并行进程数，默认按 CPU 核数（文件较多时才并行）。")
def check(paths: tuple[Path, ...], previous: Path | None, fmt: str, outdir: Path | None, jobs: int) -> int:
    from checks.formats import exit_code, file_lines, summary_lines, to_csv, to_json, write_bytes, write_lines
    from workbook.errors import NianbaoError

    if jobs < 0:
        raise NianbaoError("--jobs 应为 0 或正整数（0 表示按 CPU 核数）。")
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
    results = run_checks(files, last, outdir, jobs, progress)

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
    return exit_code(results)
