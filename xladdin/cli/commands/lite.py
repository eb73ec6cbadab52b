from __future__ import annotations

from pathlib import Path

import click

from ..chinese import ChineseCommand


@click.command(
    cls=ChineseCommand,
    help="导出 xlwings Lite 使用的 main.py、requirements.txt 和带按钮的填报模板。"
    "在 Excel 中打开该模板，将 main.py 和 requirements.txt 的内容分别粘贴到 xlwings Lite 的对应标签页，"
    "即可使用“校验”“生成正文”“导出Word”按钮（无需在电脑上安装 Python）。",
)
@click.option(
    "-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("xlwings_lite"),
    help="输出文件夹，不存在时自动创建（默认：xlwings_lite）。",
)
def lite(outdir: Path) -> int:
    from xladdin.excel.lite import export

    for path in export(outdir):
        click.echo(f"已生成：{path}")
    click.echo("用法：在 Excel 中打开上面的模板，打开 xlwings Lite，把 main.py 和 requirements.txt 的内容分别粘贴到同名标签页。")
    return 0
