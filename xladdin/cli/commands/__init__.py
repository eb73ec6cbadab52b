"""One module per CLI command, each a thin click layer over the library; what several commands print is here."""

from __future__ import annotations

import click


def echo_findings(findings, title: str | None = None, err: bool = False) -> None:
    """Findings one a line, "[错误] 规则名称：message（cells）"; a long cell list cut as ``nianbao check`` cuts it
    ("… 等 N 个单元格"), cells the message already names left out. ``title`` adds a count line first."""
    from checks.catalogue import rule_name, severity_name
    from checks.formats import cells_text  # check's own cell-list wording, so every command lists cells alike

    if title is not None:
        errors = sum(1 for f in findings if f.is_error)
        click.echo(f"{title}：错误 {errors} 条，提醒 {len(findings) - errors} 条。", err=err)
    for f in findings:
        named = all(c in f.message for c in f.cells)
        where = f"（{cells_text(tuple(f.cells))}）" if f.cells and not named else ""
        click.echo(f"  [{severity_name(f.severity)}] {rule_name(f.rule)}：{f.message}{where}", err=err)
