"""Shared by the self-check tests: filled tables with faults, as a Report for the engine and as typed
cells for a spreadsheet, and pycel evaluating the template's own check formulas."""

from __future__ import annotations

import random
from pathlib import Path

from checks.formulas import equations
from checks.kinds import SumRule
from workbook.layout import (
    GRIDS,
    LAYOUT,
    SHEET_T3,
    SHEET_T4,
    T3_APPLICANTS,
    T3_RESULT_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    a1,
)
from workbook.model import Report, State, Value
from workbook.selfcheck import HELPER_COL

SUM_SHEETS = (SHEET_T3, SHEET_T4)
TEXT = "无法统计"


def consistent_tables(rng: random.Random) -> dict[str, int]:
    """Every T3/T4 input, with every relation holding."""
    values: dict[str, int] = {}
    for c in T3_APPLICANTS:
        results = {r: rng.choice((0, 0, rng.randint(0, 30))) for r in T3_RESULT_ROWS}
        nxt = rng.randint(0, 5)
        total = sum(results.values()) + nxt
        new = rng.randint(0, total)
        values.update({f"t3.{r}.{c}": n for r, n in results.items()})
        values.update({f"t3.next.{c}": nxt, f"t3.new.{c}": new, f"t3.prev.{c}": total - new})
    for g, _, _ in T4_GROUPS:
        for c in T4_COLUMNS[:-1]:
            values[f"t4.{g}.{c.key}"] = rng.randint(0, 6)
    return values


def sheet_inputs() -> list[str]:
    return [f.key for g in GRIDS if g.sheet in SUM_SHEETS for f in g.fields if not f.is_total]


def sheet_totals() -> list[str]:
    return [f.key for g in GRIDS if g.sheet in SUM_SHEETS for f in g.fields if f.is_total]


def totals_of(inputs: dict[str, object], typed: dict[str, float]) -> dict[str, float]:
    """Every total as the sheet computes it: typed ones as typed, the others SUM of their cells (text counts 0)."""
    values = {k: (v if isinstance(v, (int, float)) else 0) for k, v in inputs.items()}
    out = {}
    for f in LAYOUT.totals_in_order:
        if f.sheet not in SUM_SHEETS:
            continue
        out[f.key] = typed[f.key] if f.key in typed else sum(values.get(k, out.get(k, 0)) for k in f.sums)
        values[f.key] = out[f.key]
    return out


def engine_report(inputs: dict[str, object], typed: dict[str, float]) -> Report:
    """The report the reader returns for such a workbook: typed totals are numbers, the rest formulas."""
    report = Report.empty()
    for key, v in inputs.items():
        f = LAYOUT[key]
        if v is None:
            continue
        state = State.TEXT if isinstance(v, str) else State.NUMBER
        report.values[key] = Value(key, None if isinstance(v, str) else v, state, v, False, "", f.sheet, f.cell)
    for key, v in totals_of(inputs, typed).items():
        f = LAYOUT[key]
        report.values[key] = Value(key, v, State.NUMBER, v, key not in typed, "", f.sheet, f.cell)
    return report


def engine_broken(findings) -> set[tuple[str, str]]:
    """(rule id, first cell) of each arithmetic finding of the sum rules."""
    ids = {rule.id for s in SUM_SHEETS for rule, _ in equations(s)}
    return {(f.rule, f.cells[0]) for f in findings if f.rule in ids}


def equation_ids(sheet: str) -> list[tuple[str, str]]:
    """(rule id, first cell the engine names) of each helper row 1, 2, … of a sheet."""
    out = []
    for rule, eq in equations(sheet):
        assert isinstance(rule, SumRule)
        out.append((rule.id, LAYOUT[(eq.actual + eq.expected)[0]].ref))
    return out


def flag_refs(sheet: str) -> list[str]:
    return [f"{sheet}!{a1(row, HELPER_COL)}" for row in range(1, len(equations(sheet)) + 1)]


class FormulaModel:
    """The template's formulas in pycel (formulas compiled to Python): loaded once, then evaluated with typed
    cells; a cell not typed is as in the template (blank input, or a total's own formula)."""

    def __init__(self, path: Path) -> None:
        from pycel import ExcelCompiler

        self.xl = ExcelCompiler(filename=str(path))
        self.inputs = [f.ref for g in GRIDS if g.sheet in SUM_SHEETS for f in g.fields if not f.is_total]
        self.totals = [f.ref for g in GRIDS if g.sheet in SUM_SHEETS for f in g.fields if f.is_total]
        for sheet in SUM_SHEETS:  # brings every cell the checks read into pycel's cell map
            for ref in flag_refs(sheet):
                self.xl.evaluate(ref)

    def evaluate(self, typed: dict[str, object], read: list[str]) -> dict[str, object]:
        """``typed``: sheet!cell → value (a number or text) of table cells; a total typed over replaces its formula."""
        from pycel.excelcompiler import _CellRange

        # Every formula computed afresh, as pycel's recalculate() starts: its incremental reset misses
        # changes to a cell that was blank.
        cells = self.xl.cell_map
        for cell in cells.values():
            if isinstance(cell, _CellRange) or cell.formula:
                cell.value = None
        for ref in self.inputs:
            cells[ref].value = typed.get(ref)
        for ref in self.totals:
            if ref in typed:
                cells[ref].value = typed[ref]
        return {ref: _plain(self.xl.evaluate(ref)) for ref in read}


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
