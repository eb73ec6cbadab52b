from __future__ import annotations

from pathlib import Path

import click

from ..chinese import ChineseCommand


@click.command(cls=ChineseCommand, help="生成空白填报模板。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=Path("年报填报模板.xlsx"), metavar="文件", help="输出文件（默认：年报填报模板.xlsx）。")
@click.option("--year", type=click.IntRange(2000, 2100), metavar="年度", help="报告年度，如 2024。")
@click.option("--org", default="", metavar="名称", help="机关名称。")
def new(output: Path, year: int | None, org: str) -> int:
    from workbook.write import new_template

    new_template(output, year, org)
    click.echo(f"已生成模板：{output}")
    return 0
