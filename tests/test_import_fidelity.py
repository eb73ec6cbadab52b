"""Issue 13 pattern 4 and issue 14 item 6: an import never hides or invents an error.

A unique split of run-together digits is taken even when the published arithmetic then fails; a cell
that could not be read is 未能读取 and the relations over it are reported as unchecked, never summed as
0; and the workbook ``import`` writes checks exactly like the report it came from.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from checks import check_report
from workbook.layout import LAYOUT
from workbook.model import UNREAD_MARK, State
from workbook.read import read_workbook
from workbook.write import write_report
from xladdin.importers import import_report
from sample_reports import published_variant

HERE = Path(__file__).parent
SAMPLES = Path("/work/shared/samples")
PUBLISHED = sorted((HERE / "fixtures" / "published").glob("*.txt")) + sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.pdf"))
SYNTHETIC = [HERE / "fixtures" / "import" / n for n in ("report_2023.docx", "report_2023.html", "report_2023.pdf", "typos_2022.txt")]


def _shown(findings):
    return [(f.rule, f.severity, f.message, f.cells) for f in findings]


@pytest.mark.parametrize("path", PUBLISHED + SYNTHETIC, ids=lambda p: p.name)
def test_the_imported_workbook_checks_exactly_like_the_import(path, tmp_path):
    res = import_report(path)
    out = tmp_path / "imported.xlsx"
    write_report(res.report, out)
    assert _shown(check_report(read_workbook(out))) == _shown(check_report(res.report))


def test_blank_totals_stay_blank_and_no_cached_value_differs(tmp_path):
    res = import_report(SAMPLES / "shanghai_zhengfu_bangongting_2019.txt")  # sub-row 总计 left blank when published
    out = tmp_path / "sh.xlsx"
    write_report(res.report, out)
    blank_total = LAYOUT["t3.r1.zj"]
    assert res.report.get("t3.r1.zj").state is State.BLANK
    ws = openpyxl.load_workbook(out)[blank_total.sheet]
    assert ws[blank_total.cell].value is None  # not a formula that would fill in what the report left out
    back = read_workbook(out)
    for f in LAYOUT.totals:
        v = back.get(f.key)
        if v.formula:
            assert v.number == back.sum_of(f.sums), f.key



def test_a_unique_split_is_taken_even_when_the_published_row_does_not_add_up(tmp_path):
    # "1000002": seven digits for seven cells, one cut only; 1 ≠ 2 is the published table's own error.
    path = published_variant(tmp_path, "一、本年新收政府信息公开申请数量1000001", "一、本年新收政府信息公开申请数量1000002")
    res = import_report(path)
    assert [res.report[f"t3.new.{c}"] for c in ("zr", "sy", "ky", "gy", "fl", "qt", "zj")] == [1, 0, 0, 0, 0, 0, 2]
    found = check_report(res.report)
    assert any(f.rule == "T3.ROW_TOTAL" and LAYOUT["t3.new.zj"].ref in f.cells for f in found)


def test_an_unread_row_is_not_counted_as_zero(tmp_path):
    row = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    path = published_variant(tmp_path, row + "1000001", row)
    res = import_report(path)
    v = res.report.get("t3.r2.zr")
    assert v.state is State.TEXT and v.raw == UNREAD_MARK
    found = check_report(res.report)
    # without the row, （七）总计 2 ≠ （一）…（六） 1 would be an error the published report does not have
    assert [f.rule for f in found if f.is_error] == []
    [unread] = [f for f in found if f.rule == "CELL.UNREAD"]
    assert not unread.is_error and LAYOUT["t3.r2.zr"].ref in unread.cells
    assert "无法核对" in unread.message and re.search(r"“自然人”列", unread.message)


TYPOS = HERE / "fixtures" / "import" / "typos_2022.txt"
ROWS_4_5 = "4、保护第三方合法权益 1 0 0 0 0 0 1\n5、属于三类内部事务信息 0 0 0 0 0 0 0"


@pytest.mark.parametrize(
    "run_together",
    [
        "4、保护第三方合法权益 1 0 0 0 0 0 1 0 0 0 0 0 0 0\n5、属于三类内部事务信息",  # row 5's numbers on row 4's line
        "4、保护第三方合法权益 5、属于三类内部事务信息 1 0 0 0 0 0 1 0 0 0 0 0 0 0",  # both labels, then both rows
        "4、保护第三方合法权益\n5、属于三类内部事务信息 1 0 0 0 0 0 1\n0 0 0 0 0 0 0",  # numbers one row late
    ],
)
def test_rows_run_together_are_flagged_never_filled_from_a_neighbour(tmp_path, run_together):
    text = TYPOS.read_text(encoding="utf-8")
    assert ROWS_4_5 in text
    path = tmp_path / "run_together.txt"
    path.write_text(text.replace(ROWS_4_5, run_together), encoding="utf-8")
    res = import_report(path)
    for row in ("r3_4", "r3_5"):
        assert all(res.report.get(f"t3.{row}.{c}").raw == UNREAD_MARK for c in ("zr", "zj")), row
    assert any(f.rule == "IMPORT.UNREAD" for f in res.findings)
    assert [f.rule for f in check_report(res.report) if f.is_error] == []


@pytest.mark.parametrize("path", [SAMPLES / "shanghai_zhengfu_bangongting_2019.txt", HERE / "fixtures" / "published" / "pingtan_caizhengjinrongju_2021.txt"], ids=lambda p: p.name)
def test_import_shows_exactly_what_check_of_its_workbook_shows(path, tmp_path, capsys):
    import json

    from xladdin.cli import main

    out = tmp_path / "imported.xlsx"
    assert main(["import", str(path), "-o", str(out), "--json"]) == 1
    imported = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", str(out), "--format", "json"]) == 1
    checked = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(f["rule"], f["message"], f["cells"]) for f in imported] == [(f["rule"], f["message"], f["cells"]) for f in checked]
