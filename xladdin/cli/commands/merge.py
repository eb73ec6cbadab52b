"""``nianbao merge``: add up several units' workbooks of one year into one."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..chinese import ChineseCommand
from . import echo_findings


@click.command(
    cls=ChineseCommand,
    help="汇总多个单位同一年度的工作簿（也可以是已发布的报告），三张统计表逐格相加，"
    "“基本信息”表列出参与汇总的单位，并对汇总结果校验。年度或表格格式不一致的文件拒绝汇总。",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="汇总结果工作簿（.xlsx）。")
@click.option("--org", default="", help="汇总后的机关名称，如“××县人民政府”。默认“汇总”。")
@click.option("--year", type=click.IntRange(2000, 2100), help="报告年度（各单位工作簿未填写年度时使用）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出汇总和校验结果。")
def merge(files: tuple[Path, ...], output: Path, org: str, year: int | None, as_json: bool) -> int:
    from workbook.errors import OutputError
    from workbook.write import write_report
    from xladdin.aggregate.merge import load_unit, merge_units

    from .import_ import run_checks

    if output.suffix.lower() != ".xlsx":
        raise OutputError(f"输出文件“{output.name}”应为 .xlsx 工作簿。")
    if any(output.resolve() == f.resolve() for f in files):
        raise OutputError("输出文件不能是参与汇总的文件之一，请用 -o 指定新的文件名。")
    units = [load_unit(f) for f in files]
    total, findings = merge_units(units, org, year)
    write_report(total, output)
    checked = run_checks(total)
    if as_json:
        click.echo(json.dumps({
            "output": str(output),
            "units": [u.name for u in units],
            "totals": {k: v.value for k, v in total.values.items()},
            "merge_findings": [f.to_dict() for f in findings],
            "findings": [f.to_dict() for f in checked],
        }, ensure_ascii=False, indent=2))
    else:
        click.echo(f"已汇总 {len(units)} 个单位：{'、'.join(u.name for u in units)}")
        click.echo(f"已写入：{output}")
        if findings:
            echo_findings(findings, "汇总情况")
        echo_findings(checked, "汇总结果校验")
    return 1 if any(f.is_error for f in findings + list(checked)) else 0
