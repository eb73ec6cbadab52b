from __future__ import annotations

from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import check_outputs, force_option, outdir_option


@click.command(
    cls=ChineseCommand,
    help="用内置的温县人民政府办公室 2024 年报告演示：生成填好的工作簿、带按钮的宏工作簿、标注副本和 Word 报告，"
    "并说明每个文件的用途和下一步操作。",
)
@outdir_option("输出文件夹（默认：nianbao-demo）。其中已有演示文件时不覆盖，除非加 --force。", Path("nianbao-demo"))
@force_option("输出文件夹中已有演示生成的文件时覆盖它们。")
def demo(outdir: Path, force: bool) -> int:
    from ..demo import demo_outputs, run_demo

    check_outputs(demo_outputs(outdir).values(), force=force)
    outdir.mkdir(parents=True, exist_ok=True)
    return run_demo(outdir, echo=click.echo)
