"""The typed report model: every value with what was seen in its cell and where."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .layout import AGENCY_KINDS, LAYOUT, Field


class State(str, Enum):
    """What a numeric cell held, so checks can tell blank from 0 from text."""

    NUMBER = "number"  # a number, or text that is plainly one ("5", "５", " 5 ")
    BLANK = "blank"  # nothing
    DASH = "dash"  # "/", "—", "无": a written "none", read as 0
    TEXT = "text"  # text that is no number: value is None
    COMPUTED = "computed"  # a formula without a cached value, computed from its inputs
    ERROR = "error"  # a formula error such as #REF!: value is None


def agency_kind(org: str) -> str:
    """"人民政府" or "部门" when the agency's name makes it clear, "" otherwise (a 管委会 may be either)."""
    name = re.sub(r"[\s（(].*$", "", org.strip())
    if re.search(r"人民政府$", name):
        return AGENCY_KINDS[0]
    if re.search(r"(?:办公室|办公厅|局|委员会|厅|委|办|中心|院|署|馆|队|站)$", name):
        return AGENCY_KINDS[1]
    return ""


# Written into a cell an import could not read: the checks name it and leave its relations unchecked.
UNREAD_MARK = "未能读取"


@dataclass
class Value:
    """One numeric cell of the report."""

    key: str
    value: int | float | None  # what it counts as; None when it cannot be read as a number
    state: State = State.NUMBER
    raw: object = None  # as stored in the file: None, float, str
    formula: bool | None = None  # the cell holds a formula (None: not known, e.g. .xls/.ods or an import)
    note: str = ""  # how text was read, e.g. "全角数字"
    sheet: str = ""
    cell: str = ""

    @property
    def field(self) -> Field:
        return LAYOUT[self.key]

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{self.cell}"

    @property
    def number(self) -> int | float:
        """The value for arithmetic: blank, dash and unreadable count as 0."""
        return self.value if self.value is not None else 0


@dataclass
class Report:
    """A filled report in the national format."""

    values: dict[str, Value] = field(default_factory=dict)  # t2.*, t3.*, t4.*
    texts: dict[str, str] = field(default_factory=dict)  # info.*, text.*, gen.*
    source: str = ""  # the file it was read from
    notes: list[str] = field(default_factory=list)  # what the reader noticed about the file as a whole

    @classmethod
    def empty(cls) -> "Report":
        r = cls()
        for f in LAYOUT.numeric:
            r.values[f.key] = Value(f.key, None, State.BLANK, None, None, "", f.sheet, f.cell)
        return r

    @classmethod
    def from_numbers(cls, numbers: dict[str, int | float], texts: dict[str, str] | None = None) -> "Report":
        """A report from plain numbers by key; totals not given are computed from their inputs."""
        r = cls.empty()
        for key, num in numbers.items():
            r.set(key, num)
        r.fill_totals(only_missing=True)
        r.texts.update(texts or {})
        return r

    def set(self, key: str, number: int | float | None) -> None:
        f = LAYOUT[key]
        state = State.BLANK if number is None else State.NUMBER
        self.values[key] = Value(key, number, state, number, None, "", f.sheet, f.cell)

    def recomputed(self) -> dict[str, int | float]:
        """Every numeric cell, with every total recomputed from its inputs (inner totals first: 总计 of （七）
        sums totals). The project's one totals recomputation: the checks and ``fill_totals`` use it."""
        values = {k: v.number for k, v in self.values.items()}
        for f in LAYOUT.totals_in_order:
            total = sum(values[k] for k in f.sums)
            values[f.key] = round(total, 6) if isinstance(total, float) else total
        return values

    def fill_totals(self, only_missing: bool = False) -> None:
        """Set every total to the sum of its inputs (``only_missing``: only the totals left blank)."""
        fresh = self.recomputed() if not only_missing else None
        for f in LAYOUT.totals_in_order:
            if only_missing and self.values[f.key].state is not State.BLANK:
                continue
            number = fresh[f.key] if fresh is not None else self.sum_of(f.sums)
            self.values[f.key] = Value(f.key, number, State.NUMBER, None, None, "", f.sheet, f.cell)

    def sum_of(self, keys) -> int | float:
        total = sum(self.values[k].number for k in keys)
        return round(total, 6) if isinstance(total, float) else total

    def __getitem__(self, key: str) -> int | float:
        if key in self.values:
            return self.values[key].number
        raise KeyError(key)

    def get(self, key: str) -> Value:
        return self.values[key]

    def stated(self, key: str) -> bool:
        """Whether the report states this value: not blank or unreadable, and for a total at least one
        of its inputs stated (a blank template's totals show 0 without anyone having written it)."""
        if self.values[key].state in (State.BLANK, State.TEXT, State.ERROR):
            return False
        f = LAYOUT[key]
        return not f.is_total or any(self.stated(k) for k in f.sums)

    def text(self, key: str) -> str:
        return self.texts.get(key, "") or ""

    @property
    def org(self) -> str:
        return self.text("info.org").strip()

    @property
    def year(self) -> int | None:
        digits = "".join(ch for ch in self.text("info.year") if ch.isdigit())
        return int(digits) if len(digits) == 4 else None

    def numbers(self) -> dict[str, int | float | None]:
        """Plain key → value, for comparing reports and writing JSON."""
        return {k: v.value for k, v in self.values.items()}
