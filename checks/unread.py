"""Cells an import could not read (``UNREAD_MARK``): named once per table, with the relations that
cannot be checked because of them — never counted as 0 into an error the published report lacks."""

from __future__ import annotations

from collections.abc import Iterator

from workbook.model import UNREAD_MARK, State

from .findings import Finding
from .contents import _addresses, _per_table
from .kinds import CheckRule, Context, SumRule
from .names import table_name


def is_unread(v) -> bool:
    return v.state is State.TEXT and v.raw == UNREAD_MARK


def _unchecked(ctx: Context, keys: set[str], rules) -> list[str]:
    """The sum relations over any of ``keys``, as a clerk names them (each once)."""
    names: dict[str, None] = {}
    for rule in rules:
        if isinstance(rule, SumRule):
            for eq in rule.expanded():
                if keys.intersection(eq.actual + eq.expected + eq.also):
                    names[f"{table_name(ctx.report.values[eq.actual[0]].sheet or '')}{eq.where(ctx.report)}"] = None
    return list(names)


def check_unread(ctx: Context, rule: CheckRule, rules) -> Iterator[Finding]:
    """``rules``: the rule set (``checks.rules.RULES``), whose sum relations over an unread cell cannot be checked."""
    for sheet, values in _per_table(ctx.unusual, is_unread):
        keys = {v.key for v in values}
        relations = _unchecked(ctx, keys, rules)
        shown = "、".join(relations[:6]) + (f"等 {len(relations)} 处" if len(relations) > 6 else "")
        yield Finding(
            rule.id,
            rule.severity,
            f"{table_name(sheet)}有 {len(values)} 个单元格未能从原报告读取（{_addresses(values)}）"
            + (f"，涉及这些单元格的合计与勾稽关系无法核对：{shown}" if relations else "")
            + "。请对照原报告填写后再校验。",
            tuple(v.ref for v in values),
            None,
            None,
            {"count": len(values), "unchecked": relations},
            each_cell=True,
        )
