"""``nianbao text``: the sentences that restate the tables, or the whole report's text."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..chinese import ChineseCommand
from . import echo_findings


@click.command(
    cls=ChineseCommand,
    help="根据表格数据生成报告正文中复述数字的文字（依申请公开、主动公开、复议诉讼、信息处理费），"
    "并替换本机关撰写文字中的占位符（如 {本年新收申请数}）。文件为填好的工作簿，也可以是已发布的报告。\n\n"
    "与 nianbao word 使用同样的校验：有错误时文字照常输出，但错误逐条列在错误输出中，"
    "改正前这些文字不能用于正式报告。\n\n"
    "退出码：0 无错误（可有提醒）；1 有错误；2 文件无法读取。",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help="上年度工作簿，用于生成同比文字（较上年增加/减少），并进行跨年度校验。")
@click.option("--full", is_flag=True, help="输出整篇报告的文字（本机关撰写的段落和生成的文字，按报告顺序）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出生成的文字和发现的问题。")
def text(file: Path, previous: Path | None, full: bool, as_json: bool) -> int:
    from checks import check_report
    from workbook.layout import SECTION_TITLES
    from xladdin.importers import load_any
    from xladdin.report.prose import GENERATED, HEADINGS, SECTION_KEYS, generate, report_title

    loaded = load_any(file)
    report = loaded.report
    last = load_any(previous).report if previous else None
    findings = check_report(report, last, loaded.findings)
    narrative = generate(report, last)
    errors = [f for f in findings if f.is_error]
    if as_json:
        data = {
            "title": report_title(report),
            "generated": {s: narrative[s] for s in GENERATED},
            "body": {s: narrative.body(s) for s in SECTION_KEYS},
            "findings": [f.to_dict() for f in findings],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif full:
        click.echo(report_title(report))
        for s in SECTION_KEYS:
            if s == "s1" or not s.startswith("s1"):
                click.echo("\n" + SECTION_TITLES[s])
            if s.startswith("s1_"):
                click.echo(HEADINGS[s])
            for p in narrative.body(s):
                click.echo(p)
            if s in ("s2", "s3", "s4"):
                click.echo(f"［表：{HEADINGS[s][2:]}］")
    else:
        for s in GENERATED:
            if narrative[s]:
                head = f"{SECTION_TITLES['s1']}{HEADINGS[s]}" if s.startswith("s1_") else HEADINGS[s]
                click.echo(f"【{head}】")
                click.echo(narrative[s] + "\n")
    if not as_json:
        if errors:
            click.echo(f"注意：“{file.name}”中有 {len(errors)} 个错误，以上文字中的数字可能有误，改正前不能用于正式报告：", err=True)
            echo_findings(errors, err=True)
        warnings = [f for f in findings if not f.is_error]
        if warnings:
            click.echo(f"另有 {len(warnings)} 条提醒，请核对：", err=True)
            echo_findings(warnings, err=True)
    return 1 if errors else 0
