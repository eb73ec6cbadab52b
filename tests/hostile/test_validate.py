"""The Excel buttons on every hostile workbook that a spreadsheet program opens: ``xladdin.excel.validate``,
``generate_text`` and ``export_word`` on an xlwings book built from the case's file as Excel shows it
(formulas computed, error cells as "#REF!"), every write read back from ``book.json()["actions"]``.

The other cases (empty, text, corrupt or encrypted files, bombs, unsafe XML, published reports) never become
an open workbook: Excel refuses them before any button exists, so there is no book to test here; the command
line tests (test_cli_cases.py) cover them.
"""

from __future__ import annotations

import pytest

from checks.catalogue import rule_name
from checks.results_sheet import FIRST_ROW, HEADER_ROW, SUMMARY_ROW, col, split_cells
from workbook.layout import SHEET_RESULTS, SHEET_TEXT, TEXT_COL_GEN
from xladdin import excel
from xlbook import actions, book_of, painted, results_block, written

from .cases import FINDINGS, UNREADABLE
from .support import HAN, assert_chinese_message, case_params, leftovers, sha256

TEMPLATE_SHEETS = {"基本信息", "主动公开", "依申请公开", "复议诉讼", "正文"}


def assert_no_value_written_outside(book, sheets, allowed: dict[str, int | None]) -> None:
    """Values only into ``allowed`` sheets (and there only into the given column, if one is given); nothing
    cleared anywhere but the results sheet; colours only on the template's sheets."""
    for sheet, blocks in written(book, sheets).items():
        assert sheet in allowed, (sheet, blocks)
        for _row, column, _values in blocks:
            assert allowed[sheet] is None or column == allowed[sheet], (sheet, column)
    assert not actions(book, "rangeClearContents")
    for ref, colour in painted(book, sheets).items():
        assert ref.split("!")[0] in TEMPLATE_SHEETS and colour in (excel.ERROR_FILL, excel.WARNING_FILL), (ref, colour)


@pytest.mark.parametrize("case", case_params(lambda c: c.opens))
def test_validate_reports_in_chinese_and_writes_only_its_results(case, made):
    path = made(case)
    before = sha256(path)
    book, sheets = book_of(path, excel_view=True)
    findings = excel.validate(book)  # must not raise, whatever the book holds
    alerts = [a["args"] for a in actions(book, "alert")]
    assert len(alerts) == 1

    if case.exit == UNREADABLE:  # not this template any more: told why, nothing written
        assert findings == []
        message, _title, _buttons, mode = alerts[0][:4]
        assert mode == "critical"
        assert_chinese_message(message, case, path.name)
        assert not actions(book, "addSheet") and not written(book, sheets) and not painted(book, sheets)
    else:
        assert_no_value_written_outside(book, sheets, {SHEET_RESULTS: None})
        rows = results_block(book, sheets)
        listed = rows[FIRST_ROW:]
        assert rows[HEADER_ROW] == list(excel.RESULT_HEADER)
        assert {r[col("规则")] for r in listed if r[col("规则")]} >= {rule_name(rule) for rule in case.rules}
        for ref in case.cells:
            naming = [r for r in listed if r[col("单元格")] == ref or ref in split_cells(r[col("涉及的全部单元格")])]
            assert naming and all(HAN.search(r[col("说明")]) for r in naming), (ref, listed)
        errors = [r for r in listed if r[col("级别")] == "错误"]
        assert bool(errors) == (case.exit == FINDINGS)
        assert rows[SUMMARY_ROW][0].startswith(excel.CLEAN) == (case.exit != FINDINGS)
        red = {ref for ref, colour in painted(book, sheets).items() if colour == excel.ERROR_FILL}
        assert {r[col("单元格")] for r in errors if r[col("单元格")]} <= red  # each error's cell to fix is marked
        assert "校验完成" in alerts[0][0]
    assert sha256(path) == before


@pytest.mark.parametrize("case", case_params(lambda c: c.opens))
def test_generate_text_writes_only_the_generated_column(case, made):
    book, sheets = book_of(made(case), excel_view=True)
    texts = excel.generate_text(book)
    (alert,) = [a["args"] for a in actions(book, "alert")]
    if case.exit == UNREADABLE:
        assert texts == {} and alert[3] == "critical" and not written(book, sheets)
        assert_chinese_message(alert[0], case, made(case).name)
    else:
        assert_no_value_written_outside(book, sheets, {SHEET_TEXT: TEXT_COL_GEN})
        assert texts and "系统生成的文字" in alert[0]


@pytest.mark.parametrize("case", case_params(lambda c: c.opens))
def test_export_word_only_from_a_clean_book(case, made, tmp_path):
    book, sheets = book_of(made(case), excel_view=True)
    path = excel.export_word(book, folder=tmp_path)
    alert = [a["args"] for a in actions(book, "alert")][-1]
    assert HAN.search(alert[0])
    if case.exit == UNREADABLE or case.exit == FINDINGS:
        assert path is None and alert[3] == "critical"
        assert list(tmp_path.iterdir()) == []
    else:
        assert path is not None and [p.name for p in tmp_path.iterdir()] == [path.name]
        assert "已导出 Word 年度报告" in alert[0]
    assert leftovers(tmp_path) == []
    assert_no_value_written_outside(book, sheets, {SHEET_RESULTS: None})
