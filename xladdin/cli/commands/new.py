from __future__ import annotations

from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import check_output, force_option, output_option


@click.command(cls=ChineseCommand, help="生成空白填报模板（.xlsx；文件名以 .xlsm 结尾时生成带按钮的宏工作簿）。")
@output_option("输出文件（默认：年报填报模板.xlsx）。已有同名文件时不覆盖，除非加 --force。", default=Path("年报填报模板.xlsx"))
@click.option("--year", type=click.IntRange(2000, 2100), metavar="年度", help="报告年度，如 2024。")
@click.option("--org", default="", metavar="名称", help="机关名称。")
@force_option()
def new(output: Path, year: int | None, org: str, force: bool) -> int:
    from workbook.write import new_template

    new_template(check_output(output, (".xlsx", ".xlsm"), force=force), year, org)
    click.echo(f"已生成模板：{output}")
    return 0
