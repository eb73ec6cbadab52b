"""``nianbao merge``: add up several units' workbooks of one year into one."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..chinese import ChineseCommand
from ..options import check_output, force_option, json_option, output_option
from . import echo_findings


@click.command(
    cls=ChineseCommand,
    help="汇总多个单位同一年度的工作簿（也可以是已发布的报告），三张统计表逐格相加，"
    "“基本信息”表列出参与汇总的单位，并对汇总结果校验。年度或表格格式不一致的文件拒绝汇总。",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@output_option("汇总结果工作簿（.xlsx）。已有同名文件时不覆盖，除非加 --force。", required=True)
@click.option("--org", default="", help="汇总后的机关名称，如“××县人民政府”。默认“汇总”。")
@click.option("--year", type=click.IntRange(2000, 2100), help="报告年度（各单位工作簿未填写年度时使用）。")
@json_option("以 JSON 输出汇总和校验结果。")
@force_option()
def merge(files: tuple[Path, ...], output: Path, org: str, year: int | None, as_json: bool, force: bool) -> int:
    from checks import check_report
    from workbook.write import write_report
    from xladdin.aggregate.merge import load_unit, merge_units

    check_output(output, (".xlsx",), inputs=files, force=force)
    units = [load_unit(f) for f in files]
    total, findings = merge_units(units, org, year)
    write_report(total, output)
    every = check_report(total, found=findings)  # the list ``check`` gives for the merged report
    if as_json:
        click.echo(json.dumps({
            "output": str(output),
            "units": [u.name for u in units],
            "totals": {k: v.value for k, v in total.values.items()},
            "merge_findings": [f.to_dict() for f in findings],
            "findings": [f.to_dict() for f in every],
        }, ensure_ascii=False, indent=2))
    else:
        click.echo(f"已汇总 {len(units)} 个单位：{'、'.join(u.name for u in units)}")
        click.echo(f"已写入：{output}")
        echo_findings(every, "汇总结果校验（含汇总时发现的问题）")
    return 1 if any(f.is_error for f in every) else 0
