"""The rules compiled into the template's own formulas (表格自查): one rule definition, two back ends.

Every ``SumRule`` equation (``rule.expanded()``) becomes a helper flag cell that reproduces what the
engine (``checks.engine``) decides for it, a message cell, and a conditional format on the cells to
fix; the cell-content rules (negative, not a whole number, text in a number cell) become a shadow cell
per table cell and a conditional format on the inputs. A status line per table sheet and a summary on
基本信息 put it in words. Only functions that Excel 2007+, WPS and LibreOffice evaluate alike
(``ALLOWED_FUNCTIONS``).

The engine's subtleties, in formula form:

* an equation over a cell holding text is skipped (the cell has its own finding);
* ``recomputed_too``: reported only if it fails also with every total recomputed from its inputs;
* an equation whose expected side holds totals: not reported if it holds with those recomputed;
* ``sum_of_others``: not reported when an earlier equation of the rule failed and all its cells are
  totals that follow their inputs. A total "follows" when it equals the sum of its cells: a sheet
  cannot tell a formula from a typed number, and the workbooks nianbao writes keep a total as a
  formula exactly when it equals that sum.

``python -m checks.formulas`` writes the compiled data to ``workbook/selfcheck.json``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from workbook.layout import GRIDS, LAYOUT, SHEET_INFO, a1, col_letter, parse_a1
from workbook.selfcheck import (
    DATA_FILE,
    HELPER_COL,
    CheckCell,
    CheckFormat,
    SheetChecks,
    dumps,
    info_summary_cell,
    table_extent,
)

from .kinds import Equation, SumRule
from .names import T3_ROW_NAMES
from .rules import RULES

ALLOWED_FUNCTIONS = frozenset(
    ["SUM", "IF", "AND", "OR", "NOT", "ABS", "INT", "ISNUMBER", "ISBLANK", "ISTEXT", "COUNTIF", "SUMPRODUCT", "TEXT", "LEN"]
)
TOLERANCE = "0.000001"  # the engine's _close: |a - b| < 1e-6
TEXT_CODE = 4  # shadow cell of a cell holding text; 1 negative, 2 not whole, 3 both, 0 fine
SHADOW_COL = HELPER_COL + 4
ALL_FINE = "本表自查：全部相符"
CELL_PROBLEM = " 个单元格填写了负数、小数或文字（已标红）；"

# How a broken equation is put in the status line, by rule; {where} is the engine's own place name.
# A: the actual side, E: the expected side, D: the difference (numbers filled in by the formula).
STATUS_TEXT = {
    "T3.BALANCE": ("{where}：一+二=", "E", "，三+四=", "A", "，相差 ", "D", "；"),
    "T3.COL_TOTAL": ("{where}：" + T3_ROW_NAMES["r7"] + "应为 ", "E", "，实际为 ", "A", "，相差 ", "D", "；"),
}
DEFAULT_TEXT = ("{where}：总计应为 ", "E", "，实际为 ", "A", "，相差 ", "D", "；")


# ---------------------------------------------------------------- references
def _runs(cells: Iterable[tuple[int, int]]) -> list[str]:
    """Cells as few A1 ranges: vertical runs per column, then single rows joined horizontally."""
    by_col: dict[int, list[int]] = {}
    for r, c in sorted(set(cells), key=lambda rc: (rc[1], rc[0])):
        by_col.setdefault(c, []).append(r)
    spans: list[tuple[int, int, int, int]] = []
    for c, rows in by_col.items():
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            spans.append((start, c, prev, c))
            if r is not None:
                start = prev = r
    merged: list[tuple[int, int, int, int]] = []
    for s in sorted(spans, key=lambda s: (s[0], s[2], s[1])):
        if merged and merged[-1][0] == s[0] and merged[-1][2] == s[2] and merged[-1][3] + 1 == s[1]:
            merged[-1] = (s[0], merged[-1][1], s[2], s[3])
        else:
            merged.append(s)
    return [a1(r0, c0) if (r0, c0) == (r1, c1) else f"{a1(r0, c0)}:{a1(r1, c1)}" for r0, c0, r1, c1 in merged]


def _pos(key: str) -> tuple[int, int]:
    f = LAYOUT[key]
    return f.row, f.col


def _sum(keys: Iterable[str]) -> str:
    """SUM over the cells (repeats kept): SUM ignores text and blanks, as the engine counts them 0."""
    counts = Counter(keys)
    parts = []
    for times in sorted(set(counts.values())):
        refs = ",".join(_runs(_pos(k) for k, n in counts.items() if n == times))
        parts.append(f"SUM({refs})" if times == 1 else f"{times}*SUM({refs})")
    return "+".join(parts) if parts else "0"


def _leaves(key: str) -> list[str]:
    """The inputs a cell adds up once every total is recomputed (the engine's ``recomputed``)."""
    f = LAYOUT[key]
    return [key] if not f.is_total else [leaf for k in f.sums for leaf in _leaves(k)]


def _differs(a: str, b: str) -> str:
    return f"ABS({a}-({b}))>={TOLERANCE}"


def _shadow(row: int, col: int, first_col: int) -> tuple[int, int]:
    return row, SHADOW_COL + col - first_col


def _absolute(row: int, col: int) -> str:
    return f"${col_letter(col)}${row + 1}"


# ---------------------------------------------------------------- one equation
def _flag_formula(rule: SumRule, eq: Equation, earlier: list[str], first_col: int) -> str:
    actual, expected = _sum(eq.actual), _sum(eq.expected)
    cond = [_differs(actual, expected)]
    if rule.recomputed_too:
        fresh_a = _sum(leaf for k in eq.actual for leaf in _leaves(k))
        fresh_e = _sum(leaf for k in eq.expected for leaf in _leaves(k))
        cond.append(_differs(fresh_a, fresh_e))
    elif any(LAYOUT[k].is_total for k in eq.expected):
        cond.append(_differs(actual, _sum(leaf for k in eq.expected for leaf in _leaves(k))))
    if eq.sum_of_others and earlier:
        follows = [f"ABS({_sum([k])}-({_sum(LAYOUT[k].sums)}))<{TOLERANCE}" for k in eq.actual + eq.expected]
        cond.append(f"NOT(AND(OR({','.join(x + '=1' for x in earlier)}),{','.join(follows)}))")
    shadows = _runs(_shadow(*_pos(k), first_col) for k in eq.actual + eq.expected + eq.also)
    texts = "+".join(f"COUNTIF({r},{TEXT_CODE})" for r in shadows)
    test = cond[0] if len(cond) == 1 else f"AND({','.join(cond)})"
    return f"=IF({texts}>0,0,IF({test},1,0))"


def _message_formula(rule: SumRule, eq: Equation, flag: str) -> str:
    from workbook.model import Report

    where = eq.where(Report.empty())
    actual, expected = _sum(eq.actual), _sum(eq.expected)
    values = {"A": f"({actual})", "E": f"({expected})", "D": f"ABS({actual}-({expected}))"}
    parts = []
    for piece in STATUS_TEXT.get(rule.id, DEFAULT_TEXT):
        parts.append(values[piece] if piece in values else '"' + piece.format(where=where) + '"')
    return f'=IF({flag}=1,{"&".join(parts)},"")'


def _marked(eq: Equation) -> tuple[str, ...]:
    """The cells a broken equation turns red: a total against its parts marks the total (the cell a typed
    number replaced, or whose inputs are wrong); a relation between several cells marks them all."""
    if len(eq.actual) == 1 and LAYOUT[eq.actual[0]].is_total:
        return eq.actual
    return eq.actual + eq.expected


# ---------------------------------------------------------------- one sheet
def _content_formats(inputs) -> list[CheckFormat]:
    out = []
    for kind in ("count", "amount"):
        cells = [(f.row, f.col) for f in inputs if f.kind == kind]
        for rng in _runs(cells):
            top = rng.split(":")[0]
            bad = f"OR({top}<0,{top}<>INT({top}))" if kind == "count" else f"{top}<0"
            out.append(CheckFormat(rng, f"=IF(ISNUMBER({top}),{bad},ISTEXT({top}))", "error"))
    return out


def _shadow_cells(fields, first_col: int) -> list[CheckCell]:
    out = []
    for f in fields:
        x = f.cell
        if f.is_total:
            code = f"IF(ISTEXT({x}),{TEXT_CODE},0)"
        elif f.kind == "count":
            code = f"IF(ISTEXT({x}),{TEXT_CODE},IF(ISNUMBER({x}),IF({x}<0,1,0)+IF({x}<>INT({x}),2,0),0))"
        else:
            code = f"IF(ISTEXT({x}),{TEXT_CODE},IF(ISNUMBER({x}),IF({x}<0,1,0),0))"
        out.append(CheckCell(*_shadow(f.row, f.col, first_col), "=" + code))
    return out


def equations(sheet: str) -> list[tuple[SumRule, Equation]]:
    """The sum-rule equations of one sheet, in the order of their helper rows (row 1, 2, …)."""
    return [
        (rule, eq)
        for rule in RULES
        if isinstance(rule, SumRule)
        for eq in rule.expanded()
        if LAYOUT[eq.actual[0]].sheet == sheet
    ]


def _relations(sheet: str, first_col: int) -> tuple[list[CheckCell], list[CheckFormat], list[str], list[str]]:
    """Helper rows 1, 2, …: each equation's flag (column BI) and message (BJ), and its red cells."""
    cells, formats, flags, messages = [], [], [], []
    earlier: dict[str, list[str]] = {}  # rule id → flags of its equations so far
    for row, (rule, eq) in enumerate(equations(sheet), start=1):
        flag, message = _absolute(row, HELPER_COL), _absolute(row, HELPER_COL + 1)
        cells.append(CheckCell(row, HELPER_COL, _flag_formula(rule, eq, earlier.get(rule.id, []), first_col)))
        cells.append(CheckCell(row, HELPER_COL + 1, _message_formula(rule, eq, flag)))
        formats.append(CheckFormat(" ".join(_runs(_pos(k) for k in _marked(eq))), f"={flag}=1", "error"))
        earlier.setdefault(rule.id, []).append(flag)
        flags.append(flag)
        messages.append(message)
    return cells, formats, flags, messages


def sheet_checks(sheet: str) -> SheetChecks:
    grid = next(g for g in GRIDS if g.sheet == sheet)
    first_col = min(f.col for f in grid.fields)
    _r0, _c0, last_row, last_col = table_extent(sheet)
    cells, formats, flags, messages = _relations(sheet, first_col)
    shadows = _shadow_cells(grid.fields, first_col)
    cells += shadows
    formats += _content_formats([f for f in grid.fields if not f.is_total])
    # Row 0 of the helper columns: BI the sheet's count, BJ broken relations, BK cells with odd contents.
    count, rel, bad = (_absolute(0, HELPER_COL + i) for i in range(3))
    n_rel = "SUM(" + ",".join(_runs(_unabsolute(x) for x in flags)) + ")" if flags else "0"
    n_cell = "+".join(f'COUNTIF({r},">0")' for r in _runs((c.row, c.col) for c in shadows))
    cells.append(CheckCell(0, HELPER_COL + 1, f"={n_rel}"))
    cells.append(CheckCell(0, HELPER_COL + 2, f"={n_cell}"))
    cells.append(CheckCell(0, HELPER_COL, f"={rel}+{bad}"))
    listed = "&".join(messages) if messages else '""'
    status = (
        f'=IF({count}=0,"{ALL_FINE}","本表自查："&IF({rel}>0,{rel}&" 处不符——"&{listed},"")'
        f'&IF({bad}>0,{bad}&"{CELL_PROBLEM}",""))'
    )
    status_col = last_col + 1  # row 0, right of the title: outside the print area, always in view (frozen)
    cells.append(CheckCell(0, status_col, status, visible=True))
    status_ref = a1(0, status_col)
    formats.append(CheckFormat(status_ref, f"={count}>0", "error"))
    formats.append(CheckFormat(status_ref, f"={count}=0", "ok"))
    last_helper = max(c.col for c in cells)
    return SheetChecks(sheet, tuple(cells), tuple(formats), (HELPER_COL, last_helper), (0, 0, last_row, last_col))


def _unabsolute(ref: str) -> tuple[int, int]:
    return parse_a1(ref.replace("$", ""))


def summary_checks(sheets: list[str]) -> SheetChecks:
    """基本信息: one line for the whole workbook. The total sits in a hidden helper cell of the same sheet:
    Excel 2007 refuses conditional formats that refer to another sheet."""
    row, col = info_summary_cell()
    total = _absolute(0, HELPER_COL)
    formula = f'=IF({total}=0,"表格自查：全部相符","表格自查：发现 "&{total}&" 处不符，见各表顶部提示")'
    ref = a1(row, col)
    cells = (
        CheckCell(0, HELPER_COL, "=" + "+".join(f"'{s}'!{total}" for s in sheets)),
        CheckCell(row, col, formula, visible=True),
    )
    formats = (CheckFormat(ref, f"={total}>0", "error"), CheckFormat(ref, f"={total}=0", "ok"))
    return SheetChecks(SHEET_INFO, cells, formats, (HELPER_COL, HELPER_COL))


def compile_checks() -> tuple[SheetChecks, ...]:
    sheets = [g.sheet for g in GRIDS]
    return tuple(sheet_checks(s) for s in sheets) + (summary_checks(sheets),)


def main() -> None:
    DATA_FILE.write_text(dumps(compile_checks()), encoding="utf-8")
    print(f"wrote {DATA_FILE}")


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------- older workbooks
def add_to_openpyxl(wb, report) -> bool:
    """Give an openpyxl workbook without the self-check (a template from before it existed) the compiled checks,
    for the ``--annotate`` copy. Only where the tables sit exactly where the template puts them and every
    check cell is free: the formulas address fixed cells. Returns whether they were added."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from workbook.selfcheck import ERROR_FILL, ERROR_FONT, OK_FILL, OK_FONT, compiled

    checks = compiled()
    if any(v.cell and v.cell != LAYOUT[k].cell for k, v in report.values.items()):
        return False
    if any(sc.sheet not in wb.sheetnames for sc in checks):
        return False
    if any(wb[sc.sheet].cell(c.row + 1, c.col + 1).value is not None for sc in checks for c in sc.cells):
        return False  # already there (a current template), or something else in the way
    fills = {"error": (ERROR_FILL, ERROR_FONT), "ok": (OK_FILL, OK_FONT)}
    for sc in checks:
        ws = wb[sc.sheet]
        for c in sc.cells:
            cell = ws.cell(c.row + 1, c.col + 1, c.formula)
            cell.font = Font(name="宋体", bold=c.visible)
        for f in sc.formats:
            fill, font = fills[f.style]
            rule = FormulaRule(formula=[f.formula[1:]], fill=PatternFill(bgColor=fill[1:]), font=Font(color=font[1:]))
            ws.conditional_formatting.add(f.ranges, rule)
        if sc.hidden:
            for col in range(sc.hidden[0], sc.hidden[1] + 1):
                ws.column_dimensions[get_column_letter(col + 1)].hidden = True
        if sc.print_area:
            r0, c0, r1, c1 = sc.print_area
            ws.print_area = f"{a1(r0, c0)}:{a1(r1, c1)}"
    return True
