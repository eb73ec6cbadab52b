from __future__ import annotations

import json
from pathlib import Path

import click

from ..cli import ChineseCommand

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".ods"}
PUBLISHED = {".docx", ".pdf", ".html", ".htm", ".txt"}


def load_report(path: Path):
    """A filled workbook, or a published report (read by the importers) → (Report, import findings)."""
    if path.suffix.lower() in PUBLISHED:
        from xladdin.importers import import_report

        result = import_report(path)
        return result.report, list(result.findings)
    from workbook.read import read_workbook

    return read_workbook(path), []


def echo_findings(findings, err: bool = True) -> None:
    for f in findings:
        kind = "错误" if f.is_error else "提醒"
        where = f"（{'、'.join(f.cells)}）" if f.cells and f.cells[0] not in f.message else ""
        click.echo(f"  [{kind}] {f.message}{where}", err=err)


@click.command(
    cls=ChineseCommand,
    help="根据表格数据生成报告正文中复述数字的文字（依申请公开、主动公开、复议诉讼、信息处理费），"
    "并替换本机关撰写文字中的占位符（如 {本年新收申请数}）。FILE 为填好的工作簿。",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help="上年度工作簿，用于生成同比文字（较上年增加/减少）。")
@click.option("--full", is_flag=True, help="输出整篇报告的文字（本机关撰写的段落和生成的文字，按报告顺序）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出生成的文字和发现的问题。")
def text(file: Path, previous: Path | None, full: bool, as_json: bool) -> int:
    from xladdin.text import GENERATED, HEADINGS, SECTION_KEYS, generate, report_title
    from workbook.layout import SECTION_TITLES

    report, findings = load_report(file)
    last = load_report(previous)[0] if previous else None
    narrative = generate(report, last)
    findings = findings + narrative.findings
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
    if findings and not as_json:
        click.echo(f"发现 {len(findings)} 个问题：", err=True)
        echo_findings(findings)
    return 1 if any(f.is_error for f in findings) else 0
