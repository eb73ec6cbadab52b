"""A finding: one problem found in a report, as a plain record that never prints itself."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"  # blocks the Word export
WARNING = "warning"  # shown; the user may accept it


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, e.g. "T3.ROW_TOTAL"
    severity: str  # ERROR | WARNING
    message: str  # formal Chinese, with expected, actual and difference where they apply
    cells: tuple[str, ...] = ()  # every cell involved, as "sheet!A1", the first the one to fix
    expected: int | float | str | None = None
    actual: int | float | str | None = None
    extra: dict = field(default_factory=dict, compare=False)  # rule-specific detail (e.g. the sentence quoted)
    each_cell: bool = False  # every cell in ``cells`` is at fault (blanks, odd contents), not only the first

    @property
    def marked(self) -> tuple[str, ...]:
        """The cells to colour: the one to fix, or each of them; the others are only involved (a sum's parts)."""
        return self.cells if self.each_cell else self.cells[:1]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict:
        # Built by hand: dataclasses.asdict deep-copies every field and dominated a large batch's JSON output.
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
            "expected": self.expected,
            "actual": self.actual,
        }
