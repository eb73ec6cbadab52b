"""The template's own checks (表格自查): formulas and conditional formats that every spreadsheet program
evaluates by itself (Excel, WPS, LibreOffice; no macros), as plain data, and the writer that puts them
into a workbook being built.

Where the data comes from: ``checks.formulas`` compiles it from the rules (``checks.rules``) and writes
it to ``selfcheck.json`` next to this module (``python -m checks.formulas``); a test proves the file
equals a fresh compile, as it does for the committed templates. ``workbook`` never imports ``checks``,
so the compiled rules reach the builder as committed data: every path that builds a workbook (the
templates, ``nianbao new``, ``write_report`` for import/merge/demo, the .xlsm, the Lite template) gets
them without any caller having to remember to pass them.

Formula cells are written without a cached result, so that LibreOffice and WPS compute them on opening
(LibreOffice trusts a cached value it finds; Excel recalculates every formula anyway).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from .layout import GRIDS, INFO_ITEMS, LAYOUT, SHEET_INFO

DATA_FILE = Path(__file__).parent / "selfcheck.json"
HELPER_COL = 60  # 0-based column BI: the helper cells sit far right, hidden; the status text overflows up to them
ERROR_FILL = "#FFC7CE"  # Excel's own "bad" red, as the --annotate copy uses
ERROR_FONT = "#9C0006"
OK_FILL = "#C6EFCE"
OK_FONT = "#006100"
STATUS_WIDTH = 100


@dataclass(frozen=True)
class CheckCell:
    """One formula cell: a helper (hidden) or the visible status line."""

    row: int  # 0-based
    col: int
    formula: str  # "=..."
    visible: bool = False


@dataclass(frozen=True)
class CheckFormat:
    """A conditional format: ``ranges`` (space-separated, as Excel's sqref) turn red or green when ``formula`` holds."""

    ranges: str
    formula: str  # relative references are relative to the first cell of ``ranges``
    style: str  # "error" | "ok"


@dataclass(frozen=True)
class SheetChecks:
    sheet: str
    cells: tuple[CheckCell, ...]
    formats: tuple[CheckFormat, ...]
    hidden: tuple[int, int] | None = None  # first and last helper column, hidden
    print_area: tuple[int, int, int, int] | None = None  # the table: only it prints, as before


def table_extent(sheet: str) -> tuple[int, int, int, int]:
    """(first row, first col, last row, last col) of a table sheet's printed table: title to last field."""
    grid = next(g for g in GRIDS if g.sheet == sheet)
    last_row = max(f.row for f in grid.fields)
    last_col = max(f.col + f.span - 1 for f in grid.fields)
    return 0, 0, last_row, last_col


def info_summary_cell() -> tuple[int, int]:
    """基本信息: row 1, right of the title, like the tables' status lines; the sheet prints columns A–C
    (label, input, hint), and the .xlsm's buttons start below it."""
    return 0, LAYOUT[INFO_ITEMS[0].key].col + 2


def _from_json(item: dict) -> SheetChecks:
    return SheetChecks(
        item["sheet"],
        tuple(CheckCell(**c) for c in item["cells"]),
        tuple(CheckFormat(**f) for f in item["formats"]),
        tuple(item["hidden"]) if item.get("hidden") else None,
        tuple(item["print_area"]) if item.get("print_area") else None,
    )


def dumps(checks: tuple[SheetChecks, ...]) -> str:
    return json.dumps([asdict(s) for s in checks], ensure_ascii=False, indent=1) + "\n"


@lru_cache(maxsize=1)
def compiled() -> tuple[SheetChecks, ...]:
    """The committed compile of the rules (empty if the file is missing: the workbook then has no self-check)."""
    if not DATA_FILE.exists():
        return ()
    return tuple(_from_json(item) for item in json.loads(DATA_FILE.read_text(encoding="utf-8")))


def write_checks(wb, checks: tuple[SheetChecks, ...], protect_options: dict) -> None:
    """Write the formulas and conditional formats into an xlsxwriter workbook whose sheets all exist."""
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
    status = wb.add_format({**base, "bold": True})
    helper = wb.add_format(base)
    styles = {
        "error": wb.add_format({"bg_color": ERROR_FILL, "font_color": ERROR_FONT}),
        "ok": wb.add_format({"bg_color": OK_FILL, "font_color": OK_FONT}),
    }
    for sc in checks:
        ws = wb.get_worksheet_by_name(sc.sheet)
        if ws is None:
            continue
        for c in sc.cells:
            # "" as the cached result: no <v>, so LibreOffice and WPS compute the cell on opening
            ws.write_formula(c.row, c.col, c.formula, status if c.visible else helper, "")
        for f in sc.formats:
            first = f.ranges.split(" ")[0]
            options = {"type": "formula", "criteria": f.formula, "format": styles[f.style]}
            if " " in f.ranges:
                options["multi_range"] = f.ranges
            ws.conditional_format(first, options)
        if sc.hidden:
            ws.set_column(sc.hidden[0], sc.hidden[1], 8, helper, {"hidden": True})
        if sc.print_area:
            ws.print_area(*sc.print_area)
            for c in sc.cells:
                if c.visible:  # the status line, right of the printed table: wide enough to read at a glance
                    ws.set_column(c.col, c.col, STATUS_WIDTH)
        if sc.sheet == SHEET_INFO:
            ws.protect("", protect_options)  # the summary line is a formula: lock it like the tables' totals
