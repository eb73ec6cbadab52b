"""nianbao compare: this year beside last year, carry-over check, 同比 sentences — on real published numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.layout import LAYOUT
from workbook.write import write_report
from workbook.model import State, Value
from xladdin.aggregate.compare import compare, render_text, write_xlsx
from xladdin.importers import import_report
from xladdin.samples import wenxian_2024

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


@pytest.fixture()
def pair():
    """淮安 2024 as published, and a "2023" report built from 温县's published numbers with 淮安's carry-over."""
    this = import_report(SAMPLES / "huaian_shi_zhengfu_2024.pdf").report
    last = wenxian_2024()
    last.texts["info.year"] = "2023"
    last.texts["info.org"] = this.org  # the same agency's last year (another agency's report is PREV.ORG)
    for col in ("zr", "zj"):
        last.set(f"t3.next.{col}", this[f"t3.prev.{col}"])  # 34 carried over
    for row in ("gz", "gfxwj"):  # 现行有效 last year = this year's − 制发 + 废止
        last.set(f"t2.{row}.yx", this[f"t2.{row}.yx"] - this[f"t2.{row}.zf"] + this[f"t2.{row}.fz"])
    return this, last


def _besides_jumps(findings):
    """The pair joins two agencies' numbers (33 → 3119 applications): the ×5 jump reminders (PREV.JUMP, tested in
    test_evaluation) are expected here and left out of what these tests compare."""
    return [f for f in findings if f.rule != "PREV.JUMP"]


def test_every_number_side_by_side(pair):
    this, last = pair
    result = compare(this, last)
    by_key = {ln.key: ln for ln in result.lines}
    ln = by_key["t3.new.zj"]
    assert (ln.last, ln.this, ln.change, ln.pct) == (33, 3119, 3086, round(3086 * 100 / 33, 2))
    assert by_key["t2.gfxwj.zf"].change == 8 - 5
    assert by_key["t2.sf.je"].pct is None  # last year 0: no percentage
    assert by_key["t4.fy.zj"].change == 351 - 2
    assert [ln.key for ln in result.lines] == [f.key for f in LAYOUT.numeric]  # every number, once, in table order
    assert _besides_jumps(result.findings) == []  # carry-over and 现行有效 agree, years adjacent


def test_carry_over_mismatch_and_years_are_the_checks_own(pair):
    from checks import check_report

    this, last = pair
    last.set("t3.next.zj", 30)
    last.texts["info.year"] = "2021"
    findings = _besides_jumps(compare(this, last).findings)
    assert [f.rule for f in findings] == ["PREV.YEAR", "PREV.CARRY_OVER"]
    assert findings == _besides_jumps(f for f in check_report(this, last) if f.rule.startswith("PREV."))  # one wording, one id
    f = findings[1]
    assert (f.expected, f.actual) == (30, 34) and "相差 4" in f.message


def test_carry_over_names_the_cell_read_and_skips_unreadable_ones(pair):
    """The reader finds rows by label, so 上年结转 may sit a row lower than in the template; a cell holding
    text is reported once by CELL.TEXT, not again as a carry-over mismatch."""
    this, last = pair
    moved = this.values["t3.prev.zj"]
    moved.cell = moved.cell[0] + str(int(moved.cell[1:]) + 1)  # one row further down
    last.set("t3.next.zj", 30)
    last.values["t3.next.zr"] = Value("t3.next.zr", None, State.TEXT, "若干", None, "", moved.sheet, "B30")
    [f] = _besides_jumps(compare(this, last).findings)
    assert f.cells == (moved.ref,) and moved.ref != LAYOUT["t3.prev.zj"].ref


def test_xlsx_lists_the_agreement_and_every_finding(pair, tmp_path):
    import openpyxl

    this, last = pair
    last.texts["info.year"] = "2021"  # a warning, carry-over still agreeing
    out = tmp_path / "对比.xlsx"
    write_xlsx(compare(this, last), out)
    rows = list(openpyxl.load_workbook(out)["跨年度核对"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "一致" and {r[0] for r in rows[1:]} == {"提醒"}  # carry-over agrees; reminders only
    assert any("2021 年" in r[1] for r in rows[1:])


def test_changes_print_as_the_report_prints_numbers(pair):
    this, last = pair
    this.set("t2.sf.je", 1234567.5)
    last.set("t2.sf.je", 0)
    text = render_text(compare(this, last))
    fee = next(ln for ln in text.splitlines() if LAYOUT["t2.sf.je"].label in ln.split("\t"))
    assert fee.split("\t")[2:5] == ["0", "1234567.5", "+1234567.5"]
    assert "e+" not in text


def test_tongbi_sentences_from_the_narrative(pair):
    this, last = pair
    sentences = compare(this, last).sentences
    assert sentences and all("较上年" in s or "与上年持平" in s for s in sentences)
    assert any("3119件（较上年增加3086件" in s for s in sentences), sentences


def test_xlsx_and_cli(pair, tmp_path, capsys):
    import openpyxl

    from xladdin.cli import main

    this, last = pair
    out = tmp_path / "对比.xlsx"
    write_xlsx(compare(this, last), out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["逐项对比", "跨年度核对", "同比表述"]
    rows = {r[1]: r for r in book["逐项对比"].iter_rows(min_row=2, values_only=True)}
    label = next(k for k in rows if k.startswith("一、本年新收") and k.endswith("总计"))
    assert rows[label][2:5] == (33, 3119, 3086)

    a, b = tmp_path / "this.xlsx", tmp_path / "last.xlsx"
    write_report(this, a)
    write_report(last, b)
    rc = main(["compare", str(a), str(b), "--changed", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["this_year"] == 2024 and data["last_year"] == 2023
    assert all(ln["change"] for ln in data["lines"])
    rc = main(["compare", str(a), str(b), "-o", str(tmp_path / "c.xlsx")])
    assert rc == 0 and "同比文字" in capsys.readouterr().out and (tmp_path / "c.xlsx").exists()
    before = b.read_bytes()
    assert main(["compare", str(a), str(b), "-o", str(b)]) == 2  # never over an input
    assert "不能覆盖" in capsys.readouterr().err and b.read_bytes() == before


def test_a_blank_last_year_compares_nothing():
    """A fresh template as last year: its totals show 0 but state nothing, so no change is computed."""
    from workbook.model import Report
    from xladdin.aggregate.compare import compare

    this = Report.from_numbers({"t3.new.zr": 5, "t3.r1.zr": 5})
    blank = Report.empty()
    blank.fill_totals()
    result = compare(this, blank)
    total = next(line for line in result.lines if line.key == "t3.new.zj")
    assert total.last is None and total.change is None
