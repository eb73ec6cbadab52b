"""The kinds of table rule (``SumRule``, ``CheckRule``) and what one check's rules share (``Context``).

A rule's severity, name and description are the catalogue's (``checks.catalogue``), looked up by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from workbook.cells import MAX_COUNT
from workbook.layout import LAYOUT
from workbook.model import Report, State

from .catalogue import RULE_INFO
from .findings import Finding
from .names import UNREADABLE, recomputed

_TOTAL_KEYS = frozenset(f.key for f in LAYOUT.totals)


@dataclass(frozen=True)
class Equation:
    """Σ actual == Σ expected, for one row / column / group."""

    actual: tuple[str, ...]  # e.g. the 总计 cell
    expected: tuple[str, ...]  # e.g. the cells it adds up
    where: Callable[[Report], str]  # how a clerk names the place, given the cells actually read
    also: tuple[str, ...] = ()  # further cells involved (listed in the finding, not in the sum)
    # The sum of the rule's other equations whenever its cells are totals that follow their inputs (the 总计
    # column's 勾稽): then it fails only because one of them did, and that finding names the cell to fix.
    sum_of_others: bool = False


class _Catalogued:
    """A rule's severity is the catalogue's (``checks.catalogue``), looked up by its id."""

    id: str

    @property
    def severity(self) -> str:
        return RULE_INFO[self.id].severity


@dataclass(frozen=True)
class SumRule(_Catalogued):
    id: str
    message: str  # template: {where} {expected} {actual} {diff} {actual_text} {note} and rule-specific fields
    equations: Callable[[], Iterable[Equation]]  # expansion over the layout
    recomputed_too: bool = False  # report only if the equation also fails with every total recomputed from its inputs
    describe: Callable[[Report, Equation, dict], dict] | None = None  # extra template fields

    def expanded(self) -> tuple[Equation, ...]:
        """The equations, expanded over the layout once."""
        if self.id not in _EXPANDED:
            _EXPANDED[self.id] = tuple(self.equations())
        return _EXPANDED[self.id]


_EXPANDED: dict[str, tuple[Equation, ...]] = {}


@dataclass(frozen=True)
class CheckRule(_Catalogued):
    id: str
    check: Callable[..., Iterator[Finding]]  # check(ctx: Context, rule) yields findings
    needs_previous: bool = False


class Context:
    """What the rules of one check share: the report, last year's, and the cells computed once."""

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.previous = previous
        self.values = [report.values[f.key] for f in LAYOUT.numeric if f.key in report.values]
        self.numbers = {v.key: v.number for v in self.values}
        # Most cells of a real report hold a plain non-negative whole number: the content rules look at the rest.
        self.unusual = [
            v
            for v in self.values
            if v.state is not State.NUMBER
            or v.note
            or type(v.value) is not int
            or v.value < 0
            or v.value >= MAX_COUNT
            or (v.formula is False and v.key in _TOTAL_KEYS)
        ]
        self.unreadable = {v.key for v in self.unusual if v.state in UNREADABLE}
        self._fresh = None

    @property
    def fresh(self) -> dict[str, int | float]:
        if self._fresh is None:
            self._fresh = recomputed(self.report)
        return self._fresh


