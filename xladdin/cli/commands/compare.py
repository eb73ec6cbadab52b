"""``nianbao compare``: this year's report beside last year's."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import check_output, force_option, json_option, output_option
from . import echo_findings


@click.command(
    cls=ChineseCommand,
    help="与上年度报告逐项对比：每个数字的上年数、本年数、增减和增减幅度，"
    "并按 nianbao check --previous 的规则进行跨年度核对（本年“上年结转”应等于上年“结转下年度继续办理”、"
    "现行有效件数的增减、两份报告是否相邻年度），列出正文使用的同比文字。"
    "本年、上年分别为本年度和上年度的工作簿（也可以是已发布的报告）。",
)
@click.argument("this", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("last", type=click.Path(dir_okay=False, path_type=Path))
@output_option("把对比结果另存为工作簿（.xlsx），含“逐项对比”“跨年度核对”“同比表述”三页。已有同名文件时不覆盖，除非加 --force。")
@click.option("--changed", is_flag=True, help="只列出有变化的项目。")
@json_option("以 JSON 输出对比结果。")
@force_option()
def compare(this: Path, last: Path, output: Path | None, changed: bool, as_json: bool, force: bool) -> int:
    from dataclasses import asdict

    from xladdin.aggregate.compare import compare as run, render_text, write_xlsx
    from xladdin.importers import load_any

    if output is not None:
        check_output(output, (".xlsx",), inputs=(this, last), force=force)
    now, before = load_any(this), load_any(last)
    result = run(now.report, before.report)
    if output is not None:
        write_xlsx(result, output)
    if as_json:
        data = {
            "this_year": result.this_year,
            "last_year": result.last_year,
            "lines": [asdict(ln) for ln in result.lines if not changed or ln.change],
            "findings": [f.to_dict() for f in result.findings],
            "sentences": result.sentences,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, changed))
        click.echo("")
        echo_findings(result.findings, "跨年度核对")
        if result.sentences:
            click.echo("同比文字：")
            for s in result.sentences:
                click.echo(f"  {s}")
        if output is not None:
            click.echo(f"已写入：{output}")
    return 1 if any(f.is_error for f in result.findings) else 0
