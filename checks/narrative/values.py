"""Table values as the text is compared with them."""

from __future__ import annotations

from workbook.layout import LAYOUT
from workbook.model import Report, State

from ..names import UNREADABLE, recomputed


class Values:
    """Cell values for comparing with the text: a total left blank counts as the sum of its inputs."""

    def __init__(self, report: Report, fresh: dict | None = None) -> None:
        self.report = report
        self.fresh = fresh if fresh is not None else recomputed(report)

    def __getitem__(self, key: str) -> int | float:
        v = self.report.get(key)
        if v.state is State.BLANK and LAYOUT[key].is_total:
            return self.fresh[key]
        return v.number

    def sum(self, keys) -> int | float:
        total = sum(self[k] for k in keys)
        return round(total, 6) if isinstance(total, float) else total

    def readable(self, keys) -> bool:
        return all(self.report.get(k).state not in UNREADABLE for k in keys)

    def empty(self, keys) -> bool:
        """Nothing written in these cells (nor in the inputs of those that are totals)."""
        return all(self.report.get(k).state is State.BLANK for k in keys) and not any(self.fresh[k] for k in keys)
