from __future__ import annotations

from pathlib import Path

import click

from ..chinese import ChineseCommand


@click.command(cls=ChineseCommand, help="用内置的温县人民政府办公室 2024 年报告演示：生成填好的工作簿，并运行校验等全部步骤。")
@click.option("-o", "--output-dir", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("nianbao-demo"), metavar="文件夹", help="输出文件夹（默认：nianbao-demo）。")
def demo(outdir: Path) -> int:
    from ..demo import run_demo

    return run_demo(outdir, echo=click.echo)
