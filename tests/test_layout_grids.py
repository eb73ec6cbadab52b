"""The tables as the layout declares them: header cells and row-label cells tile their areas exactly (no gap,
no overlap), fields sit beside them, and the template, the reader and the Word tables all use that geometry."""

import io

import pytest
from openpyxl import load_workbook

from workbook.build import template_bytes
from workbook.layout import GRIDS, T3_ROWS, Row, label_cells


def _covered(cells) -> dict[tuple[int, int], int]:
    seen: dict[tuple[int, int], int] = {}
    for c in cells:
        for r in range(c.row, c.last_row + 1):
            for col in range(c.col, c.last_col + 1):
                seen[(r, col)] = seen.get((r, col), 0) + 1
    return seen


@pytest.mark.parametrize("grid", GRIDS, ids=lambda g: g.key)
def test_label_cells_and_fields_tile_the_table(grid):
    """Every position of the table below the title is one label cell or one field, exactly once."""
    seen = _covered(grid.cells)
    for f in grid.fields:
        for col in range(f.col, f.col + f.span):
            seen[(f.row, col)] = seen.get((f.row, col), 0) + 1
    area = {(r, c) for r in range(1, grid.last_row + 1) for c in range(grid.width)}
    assert set(seen) == area
    assert all(n == 1 for n in seen.values())


@pytest.mark.parametrize("grid", GRIDS, ids=lambda g: g.key)
def test_header_is_above_the_first_data_row(grid):
    assert all(1 <= c.row and c.last_row < grid.first_row for c in grid.header)
    assert all(c.row >= grid.first_row or grid.header_rows == 0 for c in grid.labels)
    assert min(f.row for f in grid.fields) >= grid.first_row


def test_shared_labels_merge_once_over_their_rows():
    rows = (Row("a", ("甲", "一")), Row("b", ("甲", "二")), Row("c", ("乙",)))
    cells = label_cells(rows, 10, 2)
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text, c.kind) for c in cells] == [
        (10, 0, 2, 1, "甲", "group"),
        (12, 0, 1, 2, "乙", "row"),
        (10, 1, 1, 1, "一", "row"),
        (11, 1, 1, 1, "二", "row"),
    ]
    t3 = label_cells(T3_ROWS, 4, 3)
    assert sum(c.kind == "row" for c in t3) == len(T3_ROWS)  # each row's own label once


def test_template_merges_exactly_the_declared_cells():
    """The built template's merged ranges and label texts are the declaration's (plus the title and the
    fields that span columns)."""
    from workbook.grid import a1

    wb = load_workbook(io.BytesIO(template_bytes()))
    for grid in GRIDS:
        ws = wb[grid.sheet]
        merged = {str(r) for r in ws.merged_cells.ranges}
        declared = {f"{a1(c.row, c.col)}:{a1(c.last_row, c.last_col)}" for c in grid.cells if c.merged}
        declared |= {f"{a1(f.row, f.col)}:{a1(f.row, f.col + f.span - 1)}" for f in grid.fields if f.span > 1}
        declared.add(f"A1:{a1(0, grid.width - 1)}")
        assert merged == declared, grid.key
        for c in grid.cells:
            assert ws.cell(c.row + 1, c.col + 1).value == c.text


def _sheet_values() -> dict[str, list[list[object]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(template_bytes()))
    return {s: book.get_sheet_by_name(s).to_python(skip_empty_area=False) for s in book.sheet_names}


@pytest.mark.parametrize("grid", [g for g in GRIDS if g.header], ids=lambda g: g.key)
def test_reader_checks_every_declared_heading(grid):
    """A heading rewritten anywhere in the declared header is refused, naming its cell; the 勾稽 note is not checked."""
    from workbook.errors import NotTemplate
    from workbook.grid import NOTE, a1
    from workbook.read import report_from_sheets

    report_from_sheets(_sheet_values())  # the template as built reads
    for c in grid.header:
        values = _sheet_values()
        values[grid.sheet][c.row][c.col] = "改写的表头"
        if c.kind == NOTE:
            report_from_sheets(values)
            continue
        with pytest.raises(NotTemplate, match=f"{a1(c.row, c.col)} 单元格应为表头“{c.text}”"):
            report_from_sheets(values)
