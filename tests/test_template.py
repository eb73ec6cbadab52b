"""The template: built from the layout, committed, official labels at the official places."""

import re
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from workbook.build import TEMPLATE_XLSX, template_bytes
from workbook.layout import GRIDS, LAYOUT, SHEET_T2, SHEET_T3, SHEET_T4, T3_LABEL_COLS, a1
from workbook.write import new_template
from xladdin.cli import main

REFERENCE = Path(__file__).parent / "fixtures" / "reference" / "annual_report_format_template.docx"


def squash(text) -> str:
    return re.sub(r"\s+", "", str(text or ""))


@pytest.fixture(scope="module")
def cli_template(tmp_path_factory):
    out = tmp_path_factory.mktemp("new") / "x.xlsx"
    assert main(["new", "-o", str(out), "--year", "2024", "--org", "某县人民政府办公室"]) == 0
    return CalamineWorkbook.from_path(str(out))


def grid(book, sheet):
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def test_committed_template_equals_a_fresh_build():
    assert TEMPLATE_XLSX.read_bytes() == template_bytes(), "run: python -m workbook.build"


def test_build_is_reproducible():
    assert template_bytes() == template_bytes()


def official_tables():
    import docx

    doc = docx.Document(str(REFERENCE))
    return [[[squash(c.text) for c in row.cells] for row in t.rows] for t in doc.tables]


@pytest.mark.parametrize("index,sheet", [(0, SHEET_T2), (1, SHEET_T3), (2, SHEET_T4)])
def test_every_official_label_is_in_the_template(cli_template, index, sheet):
    official = {c for row in official_tables()[index] for c in row if c and not re.fullmatch(r"[\d.]*", c)}
    ours = {squash(c) for row in grid(cli_template, sheet) for c in row if isinstance(c, str)}
    assert official - ours == set()


@pytest.mark.parametrize("index,sheet", [(0, SHEET_T2), (1, SHEET_T3), (2, SHEET_T4)])
def test_table_shape_and_labels_match_the_official_table_cell_for_cell(cli_template, index, sheet):
    """Row r of the official table = row r+1 of the sheet (row 1 is the title), label cells equal."""
    official = official_tables()[index]
    ours = grid(cli_template, sheet)
    merged = {}
    for (r0, c0), (r1, c1) in cli_template.get_sheet_by_name(sheet).merged_cell_ranges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                merged[(r, c)] = ours[r0][c0]
    for r, row in enumerate(official):
        for c, text in enumerate(row):
            if text and not text.isdigit():
                mine = merged.get((r + 1, c), ours[r + 1][c])
                assert squash(mine) == text, (sheet, a1(r + 1, c))


def test_each_t3_input_sits_at_its_row_label_and_column_header(cli_template):
    rows = grid(cli_template, SHEET_T3)
    merged_rows = {}
    for (r0, c0), (r1, c1) in cli_template.get_sheet_by_name(SHEET_T3).merged_cell_ranges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                merged_rows[(r, c)] = rows[r0][c0]
    for f in GRIDS[1].fields:
        row_labels = [squash(merged_rows.get((f.row, c), rows[f.row][c])) for c in range(T3_LABEL_COLS)]
        col_header = squash(merged_rows.get((3, f.col), rows[3][f.col]))
        label, column = f.label.split(" · ")
        assert squash(label).endswith(row_labels[-1]), f.key
        assert col_header == squash(column), f.key


def test_each_t2_and_t4_input_sits_under_its_header(cli_template):
    t2 = grid(cli_template, SHEET_T2)
    for f in GRIDS[0].fields:
        row_label = squash(t2[f.row][0])
        assert squash(f.label).split("·")[0].endswith(row_label)
        header_row = next(r for r in range(f.row, 0, -1) if squash(t2[r][0]) == "信息内容")
        assert squash(t2[header_row][f.col]) == squash(f.label.split(" · ")[1])
    t4 = grid(cli_template, SHEET_T4)
    for f in GRIDS[2].fields:
        header = squash(t4[3][f.col] or t4[2][f.col])  # 行政复议's headers span rows 3–4 (merged at row 3)
        assert squash(f.label).endswith(header), f.key


def test_new_writes_year_and_org(cli_template):
    info = grid(cli_template, "基本信息")
    assert info[LAYOUT["info.year"].row][1] == "2024"
    assert info[LAYOUT["info.org"].row][1] == "某县人民政府办公室"


def test_template_protection_and_input_cells(tmp_path):
    """Labels locked (sheet protected, no password), inputs unlocked with whole-number validation."""
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    new_template(path)
    wb = load_workbook(path)
    for sheet in (SHEET_T2, SHEET_T3, SHEET_T4):
        ws = wb[sheet]
        assert ws.protection.sheet and not ws.protection.password
        assert ws.freeze_panes is not None
        assert ws.page_setup.paperSize in (9, "9")
    ws = wb[SHEET_T3]
    for f in GRIDS[1].fields:
        cell = ws[f.cell]
        if f.is_total:
            assert cell.protection.locked and str(cell.value).startswith("=SUM(")
        else:
            assert not cell.protection.locked
    assert ws["A5"].protection.locked
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    d5 = next(dv for ref, dv in validations.items() if "D5" in ref.split())
    assert d5.type == "whole" and d5.operator == "greaterThanOrEqual"
    t2_fee = next(dv for dv in wb[SHEET_T2].data_validations.dataValidation if LAYOUT["t2.sf.je"].cell in str(dv.sqref))
    assert t2_fee.type == "decimal"
    assert wb[SHEET_T3].print_title_rows
