"""What a spreadsheet's own SUM makes of a cell, said in the marked copy's comment where it differs from
how the check read it: Excel adds a text "五" as 0 while the check reads 5, and shows a count of 1.5 as 2
in the template's whole-number format while adding 1.5. Without this the comment and the sheet disagree.
"""

from __future__ import annotations

from workbook.layout import LAYOUT
from workbook.model import Report, State

from .names import fmt_num


def sum_note(report: Report, ref: str) -> str | None:
    """The note for the cell at ``ref`` ("sheet!A1", where the reader found it), or None."""
    v = next((v for v in report.values.values() if v.sheet and v.cell and v.ref == ref), None)
    if v is None:
        return None
    f = LAYOUT[v.key]
    if isinstance(v.raw, str) and v.raw.strip() and v.state in (State.NUMBER, State.DASH, State.TEXT):
        read = f"，校验时按 {fmt_num(v.value)} 计" if v.value is not None else ""
        return f"此格为文字“{v.raw.strip()}”，表中的合计公式按 0 计{read}。请改填阿拉伯数字。"
    if f.kind == "count" and isinstance(v.value, float) and v.value != int(v.value) and not f.is_total:
        shown = int(abs(v.value) + 0.5) * (1 if v.value >= 0 else -1)  # Excel's "0" format rounds half away from 0
        return f"此格为小数 {fmt_num(v.value)}，按件数格式显示为 {shown}，合计公式按 {fmt_num(v.value)} 计。"
    return None
