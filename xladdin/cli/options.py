"""Options several commands share, declared once, and the one check of an output path.

Every command that writes a file takes ``-o/--output`` through ``output_option`` and checks the path with
``check_output`` before doing any work: the extension must match what the command writes (``new -o
x.docx`` is refused), an input is never overwritten, and an existing file only with ``--force``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from workbook.errors import OutputError

KIND_NAMES = {".xlsx": "Excel 工作簿", ".xlsm": "带宏的 Excel 工作簿", ".docx": "Word 文档"}


def output_option(help: str, required: bool = False, default: Path | None = None, metavar: str = "文件"):
    """``-o/--output FILE``."""
    return click.option(
        "-o", "--output", "output", required=required, default=default, metavar=metavar,
        type=click.Path(dir_okay=False, path_type=Path), help=help,
    )


def outdir_option(help: str, default: Path):
    """``-o/--output-dir FOLDER`` for commands that write several files."""
    return click.option(
        "-o", "--output-dir", "outdir", default=default, metavar="文件夹",
        type=click.Path(file_okay=False, path_type=Path), help=help,
    )


def force_option(help: str = "输出文件已存在时覆盖它（默认不覆盖）。"):
    return click.option("--force", is_flag=True, help=help)


def format_option(choices: tuple[str, ...] = ("text", "json", "csv"), help: str | None = None):
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
        help=help or "输出格式：text 中文报告（默认）；json；csv（每行一个问题，便于汇总）。",
    )


def json_option(help: str):
    return click.option("--json", "as_json", is_flag=True, help=help)


def check_output(path: Path, suffixes: tuple[str, ...], inputs: Iterable[Path] = (), force: bool = False) -> Path:
    """``path`` if a command may write there, else an OutputError (exit 2) in Chinese saying why."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        kinds = " 或 ".join(f"{s}（{KIND_NAMES.get(s, s)}）" for s in suffixes)
        raise OutputError(f"输出文件“{path.name}”的扩展名应为 {kinds}。请用 -o 指定正确的文件名。")
    if path.is_dir():
        raise OutputError(f"“{path}”是文件夹，这里应为输出文件名。")
    target = path.resolve()
    if any(target == Path(p).resolve() for p in inputs):
        raise OutputError(f"输出文件“{path}”是输入的文件之一，不能覆盖。请用 -o 指定另一个文件名。")
    if path.exists() and not force:
        raise OutputError(f"输出文件“{path}”已存在，为免覆盖已有内容，未写入。请用 -o 指定另一个文件名，或加 --force 覆盖。")
    return path


def check_outputs(paths: Iterable[Path], force: bool = False) -> None:
    """For a command that writes several files into a folder: none of them may exist unless ``--force``."""
    existing = [p for p in paths if Path(p).exists()]
    if existing and not force:
        names = "、".join(f"“{p.name}”" for p in existing[:3]) + (f"等 {len(existing)} 个文件" if len(existing) > 3 else "")
        raise OutputError(f"文件夹“{existing[0].parent}”中已有{names}，为免覆盖，未写入。请另选输出文件夹，或加 --force 覆盖。")
