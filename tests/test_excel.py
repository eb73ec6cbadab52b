"""The button entry points on real xlwings objects: books built with ``xw.Book(json=payload)`` from a
filled template (what xlwings Lite / Server send), every write asserted in ``book.json()["actions"]``;
the classic RunPython path through ``set_mock_caller``; the xlwings Lite scripts through
``custom_scripts_call``, as xlwings Lite runs them."""

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest
import python_calamine
import xlwings as xw

from checks import check_report
from checks.catalogue import rule_name
from checks.results_sheet import FIRST_ROW, HEADER_ROW, SUMMARY_ROW, col, split_cells
from workbook.build import INPUT_TINT, TOTAL_TINT
from workbook.layout import LAYOUT, SHEET_INFO, SHEET_RESULTS, SHEET_TEXT, TEXT_COL_GEN, TEXT_FIRST_ROW, TEXT_SECTIONS, a1
from workbook.model import State, Value
from workbook.read import read_workbook
from workbook.write import write_report
from xladdin import excel
from xladdin.samples import wenxian_2024
from xlbook import actions, book_of, painted, payload, results_block, written

LITE_MAIN = Path(excel.__file__).parent / "lite" / "main.py"


# ---------------------------------------------------------------- books
def all_findings(report):
    """What ``nianbao word`` refuses on: every finding of ``check_report``."""
    return check_report(report)


def clean_report():
    """The bundled sample with every paragraph a check disputes replaced by a plain sentence: no findings."""
    report = wenxian_2024()
    for finding in all_findings(report):
        for ref in finding.cells:
            field = LAYOUT.by_ref.get(tuple(ref.split("!")))
            if field is not None and field.kind == "text":
                report.texts[field.key] = "本年度继续做好相关工作。"
    assert all_findings(report) == []
    return report


def broken_report():
    """Mistakes as a clerk makes them in Excel; totals recomputed like Excel's formulas, one typed over."""
    report = clean_report()
    f = LAYOUT["t3.r1.zr"]
    report.values[f.key] = Value(f.key, None, State.TEXT, "abc", None, "", f.sheet, f.cell)
    report.set("t2.xk.sl", -5)  # a merged cell spanning three columns
    report.set("t4.fy.wc", 1.5)
    report.set("t3.r5_2.sy", 7)
    report.fill_totals()
    report.set("t3.new.zj", 99)  # a total typed over its formula
    return report, {"主动公开!B8", "依申请公开!D7", "复议诉讼!A5", "依申请公开!J5"}


@pytest.fixture
def clean_file(tmp_path) -> Path:
    path = tmp_path / "clean.xlsx"
    write_report(clean_report(), path)
    return path


@pytest.fixture
def broken_file(tmp_path) -> Path:
    path = tmp_path / "broken.xlsx"
    write_report(broken_report()[0], path)
    return path


def span_cells(ref: str) -> set[str]:
    sheet, cell = ref.split("!")
    f = LAYOUT.by_ref.get((sheet, cell))
    if f is None:
        return {ref}
    return {f"{sheet}!{a1(f.row, f.col + i)}" for i in range(f.span)}


# ---------------------------------------------------------------- validate
def test_clean_workbook_colours_nothing_and_says_no_errors(clean_file):
    book, sheets = book_of(clean_file)
    assert excel.validate(book) == []
    assert painted(book, sheets) == {}
    assert set(written(book, sheets)) == {SHEET_RESULTS}  # nothing written anywhere else
    block = results_block(book, sheets)
    assert block[SUMMARY_ROW][0].startswith(excel.CLEAN)
    assert block[HEADER_ROW] == list(excel.RESULT_HEADER)
    assert excel.CLEAN in block[FIRST_ROW][col("说明")]
    assert [a["args"][1] for a in actions(book, "addSheet")] == [SHEET_RESULTS]
    assert "未发现错误" in actions(book, "alert")[0]["args"][0]
    assert not actions(book, "activateSheet")  # the user stays where the buttons are


def test_injected_errors_colour_exactly_the_offending_cells(broken_file):
    book, sheets = book_of(broken_file)
    findings = excel.validate(book)
    expected_findings = all_findings(read_workbook(broken_file))
    assert [(f.rule, f.cells) for f in findings] == [(f.rule, f.cells) for f in expected_findings]
    assert findings and all(f.is_error for f in findings)

    colours = painted(book, sheets)
    to_fix = set().union(*(span_cells(c) for f in findings for c in f.marked))
    assert set(colours) == to_fix  # exactly the cells each finding marks (merged cells whole)
    sums = [f for f in findings if f.rule.startswith("T3.") and len(f.cells) > 1]
    assert sums and all(f.marked == f.cells[:1] for f in sums)  # a sum's other parts are listed, not coloured
    assert set(colours.values()) == {excel.ERROR_FILL}
    _, injected = broken_report()
    assert injected <= set(colours)
    assert {"主动公开!B8", "主动公开!C8", "主动公开!D8"} <= set(colours)  # the merged 行政许可 cell, all of it

    block = results_block(book, sheets)
    rows = block[FIRST_ROW:]
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings):
        assert row[col("规则")] == rule_name(f.rule) and row[col("级别")] == "错误" and row[col("说明")].split("\n")[0] == f.message
        assert row[col("单元格")] == f.cells[0] and split_cells(row[col("涉及的全部单元格")]) == list(f.cells)
        assert row[col("应为")] == ("" if f.expected is None else f.expected)
        assert row[col("实际")] == ("" if f.actual is None else f.actual)
    assert "错误" in block[SUMMARY_ROW][0]
    added = actions(book, "addSheet")[0]["args"][0]
    assert [a["args"] for a in actions(book, "activateSheet")] == [[added]]  # the list of what to fix is shown


def test_no_input_cell_is_ever_written(broken_file):
    book, sheets = book_of(broken_file)
    excel.validate(book)
    excel.generate_text(book)
    blocks = written(book, sheets)
    assert set(blocks) == {SHEET_RESULTS, SHEET_TEXT}
    for _row, column, _values in blocks[SHEET_TEXT]:
        assert column == TEXT_COL_GEN  # only the 系统生成 column, never the agency's own text
    assert not actions(book, "rangeClearContents")


def test_fixed_cells_get_their_tint_back(broken_file, clean_file):
    book, sheets = book_of(broken_file)
    findings = excel.validate(book)
    previous = results_block(book, sheets)

    # the clerk fixes everything; the results sheet of the first run is still in the workbook
    book2, sheets2 = book_of(clean_file, results=previous)
    assert excel.validate(book2) == []
    colours = painted(book2, sheets2)
    # every cell the sheet lists is given its tint back: the ones coloured, and the others involved (no change)
    assert set(colours) == set().union(*(span_cells(c) for f in findings for c in f.cells))
    for ref, colour in colours.items():
        field = LAYOUT.by_ref[tuple(ref.split("!"))] if tuple(ref.split("!")) in LAYOUT.by_ref else None
        if field is None:  # the 2nd/3rd column of a merged input
            assert colour == INPUT_TINT, ref
        elif field.is_total:
            assert colour == TOTAL_TINT, ref
        else:
            assert colour == INPUT_TINT, ref
    assert actions(book2, "sheetClearContents") and not actions(book2, "addSheet")
    assert excel.CLEAN in results_block(book2, sheets2)[FIRST_ROW][col("说明")]


def test_a_cell_still_wrong_stays_red_and_only_fixed_ones_are_restored(broken_file, tmp_path):
    book, sheets = book_of(broken_file)
    excel.validate(book)
    previous = results_block(book, sheets)
    report, _ = broken_report()
    report.set("t2.xk.sl", 3)  # fix only the negative count
    half = tmp_path / "half.xlsx"
    write_report(report, half)
    book2, sheets2 = book_of(half, results=previous)
    findings = excel.validate(book2)
    colours = painted(book2, sheets2)
    assert {colours[c] for c in ("主动公开!B8", "主动公开!C8", "主动公开!D8")} == {INPUT_TINT}
    assert all(colours[f.cells[0]] == excel.ERROR_FILL for f in findings)


def test_warnings_are_amber(clean_file, tmp_path):
    report = clean_report()
    report.set("t3.r1.ky", None)  # blank inputs: read as 0, reported as one warning per table
    report.set("t3.r5_3.qt", None)
    path = tmp_path / "blank.xlsx"
    write_report(report, path)
    book, sheets = book_of(path)
    findings = excel.validate(book)
    assert findings and not any(f.is_error for f in findings)
    colours = painted(book, sheets)
    assert set(colours.values()) == {excel.WARNING_FILL}
    assert {"依申请公开!F7", "依申请公开!I22"} <= set(colours)  # every blank cell, not only the first
    assert results_block(book, sheets)[SUMMARY_ROW][0].startswith(excel.CLEAN)


def test_not_a_template_is_told_in_chinese_not_raised(tmp_path):
    data = {
        "client": "Microsoft Office Scripts",
        "version": xw.__version__,
        "book": {"name": "别的表.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [{"name": "Sheet1", "values": [["随便"]], "pictures": [], "tables": []}],
    }
    book = xw.Book(json=data)
    assert excel.validate(book) == []
    alert = actions(book, "alert")
    assert len(alert) == 1 and "不是本模板" in alert[0]["args"][0] and alert[0]["args"][3] == "critical"
    assert not actions(book, "addSheet") and not actions(book, "setValues")  # a foreign workbook is left alone


def test_an_unreadable_layout_keeps_the_record_of_coloured_cells(broken_file):
    book, sheets = book_of(broken_file)
    excel.validate(book)
    previous = results_block(book, sheets)
    data = payload(broken_file)
    t3 = next(s for s in data["sheets"] if s["name"] == "依申请公开")
    t3["values"][10] = [""] * len(t3["values"][10])  # a row of table 三 deleted: not the template any more
    data["sheets"].append({"name": SHEET_RESULTS, "values": previous, "pictures": [], "tables": []})
    book2 = xw.Book(json=data)
    assert excel.validate(book2) == []
    alert = actions(book2, "alert")[-1]["args"]
    assert "依申请公开" in alert[0] and alert[3] == "critical"
    (only,) = actions(book2, "setValues")  # the message goes into the summary cell of 校验结果, the list stays
    assert (only["start_row"], only["start_column"], only["row_count"], only["column_count"]) == (SUMMARY_ROW, 0, 1, 1)
    assert only["values"] == [[alert[0]]]
    assert not actions(book2, "sheetClearContents") and not painted(book2, [s["name"] for s in data["sheets"]])
    kept = [*previous[:SUMMARY_ROW], [alert[0]], *previous[SUMMARY_ROW + 1 :]]
    assert excel._marked_cells(kept) == excel._marked_cells(previous)


def test_cells_coloured_by_an_annotated_copy_are_restored_too(broken_file, tmp_path):
    """``nianbao check --annotate`` colours every cell involved and lists them on its 校验结果 sheet."""
    from checks.annotate import annotate

    report = read_workbook(broken_file)
    findings = all_findings(report)
    annotated = annotate(broken_file, report, findings, tmp_path / "annotated.xlsx")
    rows = python_calamine.CalamineWorkbook.from_path(str(annotated)).get_sheet_by_name(SHEET_RESULTS).to_python()
    fixed = tmp_path / "fixed.xlsx"
    write_report(clean_report(), fixed)
    book, sheets = book_of(fixed, results=rows)
    assert excel.validate(book) == []
    involved = set().union(*(set().union(*(span_cells(c) for c in f.cells)) for f in findings))
    assert set(painted(book, sheets)) == involved
    assert excel.ERROR_FILL not in painted(book, sheets).values()


# ---------------------------------------------------------------- generate_text and export_word
def test_generate_text_fills_the_generated_column_in_one_block(clean_file):
    from xladdin.report.prose import generate

    book, sheets = book_of(clean_file)
    texts = excel.generate_text(book)
    expected = generate(read_workbook(clean_file)).as_texts()
    assert texts == expected and any(texts.values())
    blocks = written(book, sheets)
    assert list(blocks) == [SHEET_TEXT] and len(blocks[SHEET_TEXT]) == 1
    row, col, values = blocks[SHEET_TEXT][0]
    assert (row, col) == (TEXT_FIRST_ROW, TEXT_COL_GEN)
    assert [r[0] for r in values] == [expected.get(f"gen.{s.key}", "") for s in TEXT_SECTIONS]
    assert "已在" in actions(book, "alert")[0]["args"][0]


def test_export_word_writes_the_docx_when_clean(clean_file, tmp_path):
    book, _ = book_of(clean_file)
    out = tmp_path / "out"
    out.mkdir()
    path = excel.export_word(book, folder=out)
    assert path == out / "clean.docx" and path.stat().st_size > 10_000
    from docx import Document

    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "温县人民政府办公室" in text
    assert str(path) in actions(book, "alert")[-1]["args"][0]


def test_export_word_refuses_while_errors_remain(broken_file, tmp_path):
    book, sheets = book_of(broken_file)
    assert excel.export_word(book, folder=tmp_path) is None
    assert not list(tmp_path.glob("*.docx"))
    alert = actions(book, "alert")[-1]["args"]
    assert "未导出" in alert[0] and alert[3] == "critical"
    assert painted(book, sheets)  # the cells to fix are marked, as by 校验


def test_export_word_next_to_a_saved_workbook(clean_file):
    book, _ = book_of(clean_file)
    assert excel.word_path(book, clean_file.parent) == clean_file.with_suffix(".docx")
    # a book without a folder (xlwings Server) gets a Chinese message instead of a file in the server's cwd
    assert excel.export_word(book) is None
    assert "尚未保存到本机文件夹" in actions(book, "alert")[-1]["args"][0]


def test_export_word_under_xlwings_lite_goes_to_data(clean_file, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(excel, "LITE_DATA_DIR", tmp_path)
    book, _ = book_of(clean_file)
    assert excel.export_word(book) == tmp_path / "clean.docx"
    assert (tmp_path / "clean.docx").exists()


# ---------------------------------------------------------------- the routes
@pytest.fixture
def mock_caller():
    yield
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


def test_classic_runpython_path_through_the_mock_caller(broken_file, mock_caller):
    book, sheets = book_of(broken_file)
    book.set_mock_caller()
    excel.validate_caller()  # what the 校验 button's RunPython line calls
    direct, _ = book_of(broken_file)
    excel.validate(direct)
    assert book.json()["actions"] == direct.json()["actions"]
    assert painted(book, sheets)


def test_xlwings_lite_scripts_run_the_entry_points(clean_file, broken_file, monkeypatch):
    import xlwings.server

    monkeypatch.setattr(xw, "script", xlwings.server.script)  # what xlwings Lite / Server import
    spec = importlib.util.spec_from_file_location("nianbao_lite_main", LITE_MAIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    from xladdin.excel.lite import button_refs

    meta = {m["function_name"]: m for m in xlwings.server.custom_scripts_meta(module)}
    assert [meta[n]["button"] for n in ("validate", "generate_text", "export_word")] == button_refs()
    assert [meta[n]["name"] for n in ("validate", "generate_text", "export_word")] == ["校验", "生成正文", "导出Word"]

    book, sheets = book_of(broken_file)
    asyncio.run(xlwings.server.custom_scripts_call(module, "validate", typehint_to_value={xw.Book: book}))
    direct, _ = book_of(broken_file)
    excel.validate(direct)
    assert book.json()["actions"] == direct.json()["actions"]

    book, sheets = book_of(clean_file)
    asyncio.run(xlwings.server.custom_scripts_call(module, "generate_text", typehint_to_value={xw.Book: book}))
    assert SHEET_TEXT in written(book, sheets)


def test_buttons_sit_on_the_info_sheet():
    from workbook.xlsm import BUTTONS

    assert all(LAYOUT.by_ref.get((SHEET_INFO, a1(b.row, b.col))) is None for b in BUTTONS)  # not over an input


def test_desktop_excel_colours_whole_multi_cell_ranges_within_excels_address_limit():
    """Desktop Excel (COM) has no block colour write: one Range("A1,B2,…") per colour and chunk."""

    class Sheet:  # records what xlwings' desktop Range would be asked to do
        def __init__(self):
            self.calls = []

        def range(self, address):
            sheet = self

            class Rng:
                @property
                def color(self):
                    raise AssertionError("never read")

                @color.setter
                def color(self, value):
                    sheet.calls.append((address, value))

            return Rng()

    cells = {(r, c): excel.ERROR_FILL for r in range(4, 29) for c in range(3, 10)}  # all of table 三's data
    cells[(2, 1)] = INPUT_TINT
    sheet = Sheet()
    excel._paint_ranges(sheet, cells)
    assert all(len(address) <= 255 for address, _ in sheet.calls)
    got = {}
    for address, colour in sheet.calls:
        for part in address.split(","):
            assert part not in got
            got[part] = colour
    assert got == {a1(r, c): colour for (r, c), colour in cells.items()}
    assert len(sheet.calls) < len(cells) / 10  # ranges, not cell by cell


def test_the_button_and_the_marked_copy_write_the_same_results_sheet(broken_file, tmp_path):
    """One 校验结果 layout (checks/results_sheet.py): the button's block equals the annotated copy's sheet,
    cell for cell, and both give wrapped rows the same heights."""
    from checks.annotate import annotate
    from checks.results_sheet import row_heights

    book, sheets = book_of(broken_file)
    findings = excel.validate(book)
    block = results_block(book, sheets)
    copy = annotate(broken_file, read_workbook(broken_file), findings, tmp_path / "copy.xlsx")
    stored = python_calamine.CalamineWorkbook.from_path(str(copy)).get_sheet_by_name(SHEET_RESULTS).to_python()

    def plain(rows):
        return [[("" if v is None else int(v) if isinstance(v, float) and v.is_integer() else v) for v in r] for r in rows]

    assert plain(stored) == plain(block)
    heights = {r: a["args"][0] for a in actions(book, "setRowHeight") for r in range(a["start_row"], a["start_row"] + a["row_count"])}
    expected = row_heights(block)
    assert expected and heights == expected  # runs of rows of one height set together
    from openpyxl import load_workbook

    ws = load_workbook(copy)[SHEET_RESULTS]
    assert {r - 1: d.height for r, d in ws.row_dimensions.items() if d.height} == expected
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_results_sheet_says_what_the_sheets_sum_makes_of_a_text_number(clean_file, tmp_path):
    """A "五" typed in an input: the check reads 5, Excel's SUM adds 0. The button's 校验结果 says so beside the
    finding (issue 14: the marked copy's values agree with its messages), and the marked copy's sheet is the same."""
    from openpyxl import load_workbook

    from checks.annotate import annotate

    cell = LAYOUT["t3.new.sy"]
    wb = load_workbook(clean_file)
    wb[cell.sheet][cell.cell] = "五"
    path = tmp_path / "五.xlsx"
    wb.save(path)
    book, sheets = book_of(path, excel_view=True)
    findings = excel.validate(book)
    block = results_block(book, sheets)
    [row] = [r for r in block[FIRST_ROW:] if cell.ref in str(r[col("单元格")])]
    assert "此格为文字“五”，表中的合计公式按 0 计，校验时按 5 计" in row[col("说明")]
    copy = annotate(path, read_workbook(path), findings, tmp_path / "copy.xlsx")
    stored = load_workbook(copy)[SHEET_RESULTS]
    assert any(row[col("说明")] == c.value for c in stored[f"{chr(65 + col('说明'))}"])
