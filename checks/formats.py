"""Check results as text (Chinese, grouped by table), JSON or CSV. No rich import at module level.

The text report is built as plain lines with a style name each; on a terminal rich colours them,
elsewhere (a pipe, a file) they are written as they are, so nothing heavy is imported for a batch.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbook.layout import GRIDS, SHEET_INFO, SHEET_TEXT

from .catalogue import CATALOGUE, GROUPS, RULE_INFO, SEVERITY_NAMES, group_of, rule_name, severity_name
from .findings import ERROR, Finding
from .names import fmt_num

UNREADABLE_RULE = "FILE.UNREADABLE"
ANNOTATE_RULE = "FILE.ANNOTATE"  # the annotated copy could not be written
GROUP_TITLES = {
    SHEET_INFO: SHEET_INFO,
    **{g.sheet: f"{g.title}（{g.sheet}表）" for g in GRIDS},
    SHEET_TEXT: SHEET_TEXT,
}
CELLS_SHOWN = 8


@dataclass
class FileResult:
    """The outcome for one file: its findings, or why it could not be read."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # Chinese message when the file could not be read
    annotated: str | None = None  # the annotated copy written, if any
    annotate_error: str | None = None
    org: str = ""  # 机关名称 and 年度 as read, for a batch's summary (not part of the JSON)
    year: int | None = None

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(not f.is_error for f in self.findings)

    @property
    def ok(self) -> bool:
        return self.error is None and self.errors == 0

    def to_dict(self) -> dict:
        d = {"file": self.file, "ok": self.ok, "findings": [f.to_dict() for f in self.findings]}
        if self.error is not None:
            d["error"] = self.error
        if self.annotated is not None:
            d["annotated"] = self.annotated
        if self.annotate_error is not None:
            d["annotate_error"] = self.annotate_error
        return d


def exit_code(results: list[FileResult]) -> int:
    """2 if any file could not be read (or its annotated copy written), else 1 if any error, else 0."""
    if any(r.error is not None or r.annotate_error is not None for r in results):
        return 2
    return 1 if any(r.errors for r in results) else 0


# ---------------------------------------------------------------- JSON and CSV
def to_json(results: list[FileResult]) -> str:
    return json.dumps({"files": [r.to_dict() for r in results]}, ensure_ascii=False, indent=2)


CSV_HEADER = ("文件", "规则", "级别", "单元格", "应为", "实际", "说明")


def _plain(x) -> str:
    return "" if x is None else (fmt_num(x) if isinstance(x, (int, float)) else str(x))


def to_csv(results: list[FileResult]) -> str:
    """One finding per line (a file that could not be read: one line), UTF-8 with BOM so Excel opens it right."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in results:
        if r.error is not None:
            w.writerow((r.file, UNREADABLE_RULE, severity_name(RULE_INFO[UNREADABLE_RULE].severity), "", "", "", r.error))
        if r.annotate_error is not None:
            w.writerow((r.file, ANNOTATE_RULE, severity_name(RULE_INFO[ANNOTATE_RULE].severity), "", "", "", r.annotate_error))
        for f in r.findings:
            w.writerow((r.file, f.rule, severity_name(f.severity), " ".join(f.cells), _plain(f.expected), _plain(f.actual), f.message))
    return buf.getvalue()


# ---------------------------------------------------------------- text
Line = tuple[str, str]  # (text, style): style "" | "title" | "group" | "error" | "warning" | "ok" | "dim"


def cells_text(cells: tuple[str, ...]) -> str:
    shown = "、".join(cells[:CELLS_SHOWN])
    return shown + (f" 等 {len(cells)} 个单元格" if len(cells) > CELLS_SHOWN else "")


def _group_of(f: Finding) -> str:
    return f.cells[0].split("!")[0] if f.cells else ""


def file_lines(r: FileResult) -> list[Line]:
    name = Path(r.file).name if r.file else r.file
    if r.error is not None:
        return [(f"× {r.file}：无法读取", "error"), (f"  {r.error}", ""), ("", "")]
    if not r.findings:
        lines: list[Line] = [(f"√ {name}：未发现问题", "ok")]
        return lines + _annotate_lines(r) + [("", "")]
    head = f"{name}：发现 {r.errors} 个错误、{r.warnings} 个提醒"
    lines = [(head, "title"), (f"  文件：{r.file}", "dim")]
    groups: dict[str, list[Finding]] = {}
    for f in r.findings:
        groups.setdefault(_group_of(f), []).append(f)
    for sheet, items in groups.items():
        lines.append((f"【{GROUP_TITLES.get(sheet, sheet or '其他')}】", "group"))
        for f in items:
            style = "error" if f.is_error else "warning"
            lines.append((f"  {'×' if f.is_error else '△'} {severity_name(f.severity)}：{rule_name(f.rule)}", style))
            lines.append((f"    {f.message}", ""))
            detail = []
            if f.cells:
                detail.append(f"单元格：{cells_text(f.cells)}")
            if f.expected is not None or f.actual is not None:
                detail.append(f"应为 {_plain(f.expected) or '—'}，实际 {_plain(f.actual) or '—'}")
            if detail:
                lines.append((f"    {'；'.join(detail)}", "dim"))
    lines += _annotate_lines(r)
    lines.append(("", ""))
    return lines


def _annotate_lines(r: FileResult) -> list[Line]:
    if r.annotate_error:
        return [(f"  未能生成标注副本：{r.annotate_error}", "error")]
    return [(f"  已生成标注副本：{r.annotated}", "dim")] if r.annotated else []


def summary(results: list[FileResult]) -> dict:
    by_rule = Counter(f.rule for r in results for f in r.findings)
    return {
        "files": len(results),
        "files_with_errors": sum(1 for r in results if r.errors),
        "files_unreadable": sum(1 for r in results if r.error is not None),
        "files_ok": sum(1 for r in results if r.ok),
        "findings_by_rule": dict(by_rule.most_common()),
    }


def summary_lines(results: list[FileResult]) -> list[Line]:
    s = summary(results)
    lines: list[Line] = [
        (
            f"共校验 {s['files']} 个文件：{s['files_with_errors']} 个有错误，{s['files_unreadable']} 个无法读取，"
            f"{s['files_ok']} 个无错误（可能仍有提醒）。",
            "title",
        )
    ]
    if s["findings_by_rule"]:
        lines.append(("按规则统计：", "group"))
        lines.extend((f"  {rule_name(rule)}：{n} 处", "") for rule, n in s["findings_by_rule"].items())
    return lines


# ---------------------------------------------------------------- the rule catalogue (nianbao check --rules)
def rules_json() -> str:
    keys = ("id", "severity", "name", "description", "cells")
    return json.dumps({"rules": [{k: getattr(r, k) for k in keys} for r in CATALOGUE]}, ensure_ascii=False, indent=2)


def rules_lines() -> list[Line]:
    errors = sum(r.severity == ERROR for r in CATALOGUE)
    lines: list[Line] = [
        (f"校验规则一览：共 {len(CATALOGUE)} 条，其中{SEVERITY_NAMES[ERROR]} {errors} 条、提醒 {len(CATALOGUE) - errors} 条。", "title"),
        ("“错误”表示报告肯定有误，须改正后才能导出正式的 Word 报告；“提醒”取决于填报人的本意，请核对，确认无误可保留。", "dim"),
    ]
    group = None
    order = list(GROUPS.values())
    for r in sorted(CATALOGUE, key=lambda r: order.index(group_of(r.id)) if group_of(r.id) in order else len(order)):
        if group_of(r.id) != group:
            group = group_of(r.id)
            lines += [("", ""), (f"【{group}】", "group")]
        lines.append((f"  {'×' if r.severity == ERROR else '△'} {r.name}（{severity_name(r.severity)}）", "error" if r.severity == ERROR else "warning"))
        lines.append((f"    {r.description}", ""))
        lines.append((f"    涉及单元格：{r.cells}", "dim"))
    return lines


STYLES = {"title": "bold", "group": "bold cyan", "error": "bold red", "warning": "yellow", "ok": "green", "dim": "dim"}


def write_text(text: str, stream=None) -> None:
    """Write to a console or pipe whatever its encoding (a GBK console cannot show every character)."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.flush()
        stream.buffer.write(text.encode(stream.encoding or "utf-8", "replace"))
    stream.flush()


def write_bytes(data: bytes, stream=None) -> None:
    """UTF-8 output (CSV, JSON) as bytes, so a console's code page cannot break it."""
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
    else:
        stream.flush()
        buffer.write(data)
        buffer.flush()


def write_lines(lines: list[Line], stream=None) -> None:
    """Plain text to a pipe or file; coloured by rich on a terminal."""
    stream = stream or sys.stdout
    if not (hasattr(stream, "isatty") and stream.isatty()):
        write_text("".join(text + "\n" for text, _ in lines), stream)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for text, style in lines:
        console.print(Text(text, style=STYLES.get(style, "")))
