"""Workbooks as xlwings sees them: ``xw.Book(json=...)`` built from a file (what xlwings Lite / Server send),
and readers of what an entry point did to the book (``book.json()["actions"]``).

Shared by tests/test_excel.py and tests/hostile/.
"""

from __future__ import annotations

import io
from pathlib import Path

import python_calamine
import xlwings as xw

from workbook.layout import SHEET_RESULTS, a1


# ---------------------------------------------------------------- books
def sheet_values(path: Path) -> dict[str, list[list]]:
    """Every sheet's values from A1, as calamine reads the file (the format is sniffed, not taken from the name)."""
    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(Path(path).read_bytes()))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def as_excel_shows(path: Path, values: dict[str, list[list]]) -> dict[str, list[list]]:
    """What Excel would display where the file stores no value: a formula saved without its result (openpyxl
    drops them) shown computed, an error cell shown as its text ("#REF!"), as xlwings reads it with
    err_to_str. Taken from the reader, which knows both; a file it cannot read is left as stored."""
    from workbook.errors import NianbaoError
    from workbook.layout import parse_a1
    from workbook.model import State
    from workbook.read import read_workbook

    try:
        report = read_workbook(path)
    except NianbaoError:
        return values
    for v in report.values.values():
        if v.state in (State.COMPUTED, State.ERROR):
            row, col = parse_a1(v.cell)
            grid = values[v.sheet]
            while len(grid) <= row:
                grid.append([""] * len(grid[0]))
            grid[row] += [""] * (col + 1 - len(grid[row]))
            grid[row][col] = v.value if v.state is State.COMPUTED else v.raw
    return values


def payload(path: Path, excel_view: bool = False) -> dict:
    """What an xlwings client sends for the workbook at ``path``: every sheet's values from A1
    (``excel_view``: with formulas and errors as Excel displays them, see ``as_excel_shows``)."""
    values = sheet_values(path)
    if excel_view:
        values = as_excel_shows(path, values)
    return {
        "client": "Microsoft Office Scripts",
        "version": xw.__version__,
        "book": {"name": Path(path).name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [{"name": n, "values": v, "pictures": [], "tables": []} for n, v in values.items()],
    }


def book_of(path: Path, results: list[list] | None = None, excel_view: bool = False):
    """(xw.Book, its sheet names); ``results``: a 校验结果 sheet as an earlier run left it."""
    data = payload(path, excel_view)
    if results is not None:
        data["sheets"].append({"name": SHEET_RESULTS, "values": results, "pictures": [], "tables": []})
    return xw.Book(json=data), [s["name"] for s in data["sheets"]]


# ---------------------------------------------------------------- reading the actions
def actions(book, func=None):
    return [a for a in book.json()["actions"] if func is None or a["func"] == func]


def painted(book, sheets: list[str]) -> dict[str, str]:
    """"sheet!A1" → fill colour of every cell the actions colour ("keep" cells left out)."""
    out = {}
    for a in actions(book, "setRangeColors"):
        for i, row in enumerate(a["args"][0]):
            for j, colour in enumerate(row):
                if colour != "keep":
                    out[f"{sheets[a['sheet_position']]}!{a1(a['start_row'] + i, a['start_column'] + j)}"] = colour.upper()
    for a in actions(book, "setRangeColor"):
        for i in range(a["row_count"]):
            for j in range(a["column_count"]):
                out[f"{sheets[a['sheet_position']]}!{a1(a['start_row'] + i, a['start_column'] + j)}"] = a["args"][0].upper()
    return out


def written(book, sheets: list[str]) -> dict[str, list[list]]:
    """sheet name (after any added sheet) → the value blocks written to it."""
    names = list(sheets)
    out: dict[str, list] = {}
    for a in book.json()["actions"]:
        if a["func"] == "addSheet":
            names.insert(a["args"][0], a["args"][1])
        if a["func"] == "setValues":
            out.setdefault(names[a["sheet_position"]], []).append((a["start_row"], a["start_column"], a["values"]))
    return out


def results_block(book, sheets) -> list[list]:
    blocks = written(book, sheets)[SHEET_RESULTS]
    assert len(blocks) == 1 and blocks[0][:2] == (0, 0)  # one 2-D block from A1
    return blocks[0][2]
