"""The rules of checks.rules: each relation of FORMAT.md §5 on failing and passing examples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checks import ERROR, WARNING, Finding
from checks.engine import check_tables as check_report  # the table rules alone: the text sections have their own tests
from checks.catalogue import CATALOGUE, RULE_INFO
from checks.rules import RULES
from workbook.layout import LAYOUT, T3_APPLICANTS, T3_COLUMNS, T3_RESULT_ROWS
from workbook.model import Report, State, Value
from workbook.read import read_workbook
from workbook.write import write_report
from xladdin.samples import wenxian_2024

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "checks"))
import published  # noqa: E402


def tables_only(report: Report) -> Report:
    """The sample without its 正文: the table rules alone."""
    report.texts = {k: v for k, v in report.texts.items() if not k.startswith("text.")}
    return report


def correct() -> Report:
    return tables_only(wenxian_2024())


def make(numbers: dict, year: str = "2024") -> Report:
    """A report with every input 0 but those given; totals computed."""
    return Report.from_numbers({f.key: 0 for f in LAYOUT.inputs} | numbers, {"info.year": year})


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def ref(key: str) -> str:
    return LAYOUT[key].ref


def put(report: Report, key: str, raw, state: State, value=None, note="", formula=None) -> None:
    f = LAYOUT[key]
    report.values[key] = Value(key, value, state, raw, formula, note, f.sheet, f.cell)


# ---------------------------------------------------------------- the correct sample passes
def test_correct_tables_have_no_findings():
    assert check_report(correct()) == []


def test_wenxian_sample_has_exactly_the_known_narrative_error():
    findings = check_report(wenxian_2024())
    assert rules_of(findings) == ["NARR.DOCUMENTS"]
    f = findings[0]
    assert f.severity == ERROR and f.expected == 5 and f.actual == 4
    assert ref("t2.gfxwj.zf") in f.cells and "规范性文件，共 4 件" in f.message and "本年制发件数" in f.message


def test_every_rule_has_an_id_severity_and_doc():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.severity in (ERROR, WARNING) and RULE_INFO[r.id].description for r in RULES)
    docs = {r.id: r.description for r in CATALOGUE}
    assert "T3.ROW_TOTAL" in docs and "NARR.DOCUMENTS" in docs and "NARR.SUM" in docs


# ---------------------------------------------------------------- A1 row totals
def test_a1_row_total_names_the_row_and_all_its_cells():
    r = correct()
    r.set("t3.new.zj", 30)
    [f] = check_report(r)
    assert f.rule == "T3.ROW_TOTAL" and f.expected == 33 and f.actual == 30
    assert f.message == "依申请公开表第5行“一、本年新收政府信息公开申请数量”：总计应为 33（各类申请人之和），实际为 30，相差 3。"
    assert f.cells == (ref("t3.new.zj"),) + tuple(ref(f"t3.new.{a}") for a in T3_APPLICANTS)


def test_a1_blank_total_beside_inputs_says_it_is_missing():
    r = correct()
    r.set("t3.r1.zj", None)
    found = check_report(r)
    [f] = only(found, "T3.ROW_TOTAL")
    assert "实际未填写" in f.message and f.expected == 2
    assert only(found, "CELL.BLANK")[0].cells == (ref("t3.r1.zj"),)


# ---------------------------------------------------------------- A2 column totals
def test_a2_column_total_left_at_zero_while_applications_were_handled():
    # The example: （七）总计 left at 0 while 4 applications were handled.
    r = make({"t3.new.zr": 4, "t3.r1.zr": 3, "t3.r4_1.zr": 1})
    r.set("t3.r7.zr", 0)
    r.set("t3.r7.zj", 0)
    found = check_report(r)
    col = [f for f in only(found, "T3.COL_TOTAL") if f.cells[0] == ref("t3.r7.zr")]
    assert col and col[0].expected == 4 and col[0].actual == 0
    assert ref("t3.r1.zr") in col[0].cells and ref("t3.r4_1.zr") in col[0].cells
    # The 勾稽 holds once （七） is recomputed: the same mistake is not reported a second time.
    assert only(found, "T3.BALANCE") == []


# ---------------------------------------------------------------- A3 勾稽
def test_a3_balance_one_application_both_handled_and_carried_over():
    r = tables_only(published.load("pingtan_gonganju_2021"))
    found = check_report(r)
    balance = only(found, "T3.BALANCE")
    # One finding: the 总计 column fails only through the 自然人 column (its totals equal their inputs).
    assert [f.cells[0] for f in balance] == [ref("t3.r7.zr")]
    assert all(f.expected == 1 and f.actual == 2 for f in balance)
    assert "既计入本年度办理结果又计入结转下年度" in balance[0].message
    assert all(f.rule == "T3.BALANCE" for f in found if f.is_error)


def test_a3_balance_holds_for_carried_over_applications():
    r = make({"t3.new.zr": 5, "t3.prev.zr": 2, "t3.r1.zr": 4, "t3.next.zr": 3})
    assert [f for f in check_report(r) if f.is_error] == []


def test_a3_results_without_any_application():
    r = make({"t3.r1.sy": 2})
    [f] = only(check_report(r), "T3.BALANCE")[:1]
    assert "没有本年新收和上年结转的申请" in f.message and f.cells[0] == ref("t3.r7.sy")


# ---------------------------------------------------------------- A4 table 四
@pytest.mark.parametrize("group", ["fy", "zs", "fh"])
def test_a4_group_total(group):
    # The example: 复议 总计 0 beside 10 + 1.
    r = make({"t3.new.zr": 20, "t3.r1.zr": 20, f"t4.{group}.wc": 10, f"t4.{group}.jz": 1})
    r.set(f"t4.{group}.zj", 0)
    [f] = check_report(r)
    assert f.rule == "T4.TOTAL" and f.expected == 11 and f.actual == 0 and f.cells[0] == ref(f"t4.{group}.zj")
    assert "结果维持、结果纠正、其他结果、尚未审结之和" in f.message


def test_a4_passes_when_totals_add_up():
    r = make({"t3.new.zr": 20, "t3.r1.zr": 20, "t4.fy.wc": 10, "t4.fy.jz": 1, "t4.fh.wj": 3})
    assert check_report(r) == []


# ---------------------------------------------------------------- the property of the issue
INPUTS_T3_T4 = [f.key for f in LAYOUT.numeric if f.key.startswith(("t3.", "t4."))]


@pytest.mark.parametrize("key", INPUTS_T3_T4)
def test_changing_any_number_of_tables_3_and_4_is_an_error_naming_that_cell(key):
    r = correct()
    r.set(key, r[key] + 1)
    errors = [f for f in check_report(r) if f.is_error]
    assert errors and all(ref(key) in f.cells for f in errors)


@pytest.mark.parametrize("key", [f.key for f in LAYOUT.inputs if f.key.startswith("t3.")])
def test_changing_a_table_3_input_under_live_formulas_is_still_caught(key):
    # In Excel the totals follow the change: then only the 勾稽 breaks, and it must name the cell.
    r = correct()
    r.set(key, r[key] + 1)
    r.fill_totals()
    errors = [f for f in check_report(r) if f.is_error]
    assert errors and any(ref(key) in f.cells for f in errors)
    assert {f.rule for f in errors} == {"T3.BALANCE"}


# ---------------------------------------------------------------- A8 cell contents
def test_text_in_a_count_cell_is_one_error_and_no_sum_cascade():
    r = correct()
    put(r, "t3.r4_1.zr", "若干", State.TEXT)
    found = check_report(r)
    assert rules_of(found) == ["CELL.TEXT"]
    assert found[0].cells == (ref("t3.r4_1.zr"),) and "“若干”不是数字" in found[0].message


def test_fee_not_a_number():
    r = correct()
    put(r, "t2.sf.je", "免收", State.TEXT)
    [f] = check_report(r)
    assert f.rule == "CELL.TEXT" and "万元" in f.message and f.cells == (ref("t2.sf.je"),)


def test_fee_written_in_yuan():
    r = correct()
    put(r, "t2.sf.je", "25100元", State.NUMBER, 25100, "带单位“元”")
    found = check_report(r)
    [f] = only(found, "T2.AMOUNT_UNIT")
    assert f.is_error and f.expected == 2.51


def test_formula_error_cell():
    r = correct()
    put(r, "t4.fy.zj", "#REF!", State.ERROR, note="#REF!")
    found = check_report(r)
    assert rules_of(found) == ["CELL.FORMULA_ERROR"] and "#REF!" in found[0].message


def test_negative_count():
    r = correct()
    r.set("t2.cf.sl", -3)
    [f] = check_report(r)
    assert f.rule == "CELL.NEGATIVE" and f.actual == -3


def test_non_integer_count():
    r = correct()
    r.set("t2.xk.sl", 2.5)
    [f] = check_report(r)
    assert f.rule == "CELL.NOT_INTEGER" and f.expected == 2


def test_amount_may_have_decimals():
    r = correct()
    r.set("t2.sf.je", 12.75)
    assert check_report(r) == []


def test_blank_cells_one_warning_per_table_listing_every_cell():
    r = correct()
    blanks = [f"t3.r3_{i}.{c}" for i in range(1, 9) for c in T3_APPLICANTS]
    for k in blanks:
        r.set(k, None)
    r.set("t2.qz.sl", None)
    found = check_report(r)
    assert rules_of(found) == ["CELL.BLANK", "CELL.BLANK"]
    t2, t3 = found
    assert t2.cells == (ref("t2.qz.sl"),) and t2.severity == WARNING
    assert set(t3.cells) == {ref(k) for k in blanks} and "48 个单元格未填写" in t3.message


def test_numbers_read_from_odd_text_are_reported_how_they_were_read():
    r = correct()
    put(r, "t3.new.zr", "３３", State.NUMBER, 33, "全角数字")
    put(r, "t3.prev.zr", "/", State.DASH, 0)
    [f] = check_report(r)
    assert f.rule == "CELL.READ_AS" and f.severity == WARNING
    assert set(f.cells) == {ref("t3.new.zr"), ref("t3.prev.zr")} and "全角数字" in f.message


def test_total_typed_over_its_formula(tmp_path):
    r = correct()
    for key in ("t3.new.zj", "t3.r7.zj"):
        v = r.get(key)
        v.formula = False
    found = check_report(r)
    assert rules_of(found) == ["CELL.TOTAL_TYPED"] and set(found[0].cells) == {ref("t3.new.zj"), ref("t3.r7.zj")}
    r.get("t3.new.zj").value = 30
    [f] = only(check_report(r), "T3.ROW_TOTAL")
    assert "公式已被手工填写的数字替换" in f.message


def test_workbook_round_trip_is_clean_and_a_typed_wrong_total_is_found(tmp_path):
    write_report(correct(), tmp_path / "ok.xlsx")
    assert check_report(read_workbook(tmp_path / "ok.xlsx")) == []
    r = correct()
    r.set("t4.fy.zj", 3)
    write_report(r, tmp_path / "bad.xlsx")
    back = read_workbook(tmp_path / "bad.xlsx")
    [f] = check_report(back)
    assert f.rule == "T4.TOTAL" and f.cells[0] == "复议诉讼!E5" and "公式已被手工填写的数字替换" in f.message


# ---------------------------------------------------------------- plausibility
def test_in_force_below_issued_this_year():
    r = correct()
    r.set("t2.gfxwj.yx", 3)
    [f] = check_report(r)
    assert f.rule == "T2.IN_FORCE" and f.severity == WARNING and f.cells == (ref("t2.gfxwj.yx"), ref("t2.gfxwj.zf"))


def test_appeals_without_any_application():
    r = make({"t4.fy.wc": 1})
    [f] = check_report(r)
    assert f.rule == "T4.NO_APPLICATIONS" and f.severity == WARNING and ref("t4.fy.zj") in f.cells


def test_report_year_missing():
    r = correct()
    r.texts["info.year"] = ""
    [f] = check_report(r)
    assert f.rule == "INFO.YEAR" and f.cells == (LAYOUT["info.year"].ref,) and "未填写" in f.message


def test_a_different_year_written_as_the_reporting_year():
    r = correct()
    r.texts["text.s1_2"] = "2023年，我办共收到政府信息公开申请33件。"
    [f] = check_report(r)
    assert f.rule == "INFO.YEAR" and f.expected == 2024 and f.actual == 2023 and LAYOUT["text.s1_2"].ref in f.cells


def test_next_year_plans_are_not_the_reporting_year():
    r = correct()
    r.texts["text.s1"] = "2024年，我办扎实推进政务公开。2025年，我办将继续深化政务公开。"
    assert check_report(r) == []


# ---------------------------------------------------------------- A5, A6 previous year
def test_a5_carry_over_from_last_year_per_column():
    last = make({"t3.new.zr": 5, "t3.r1.zr": 3, "t3.next.zr": 2}, "2023")
    this = make({"t3.new.zr": 4, "t3.prev.zr": 1, "t3.r1.zr": 5})
    found = check_report(this, last)
    cols = only(found, "PREV.CARRY_OVER")
    assert [f.cells for f in cols] == [(ref("t3.prev.zr"),), (ref("t3.prev.zj"),)]
    assert cols[0].expected == 2 and cols[0].actual == 1 and cols[0].is_error
    this.set("t3.prev.zr", 2)
    this.set("t3.r1.zr", 6)
    this.fill_totals()
    assert check_report(this, last) == []


def test_a6_in_force_trend_is_a_warning():
    last = make({"t2.gfxwj.yx": 30}, "2023")
    this = correct()
    this.set("t2.gfxwj.fz", 1)  # 30 + 5 − 1 = 34, but 32 in force
    [f] = check_report(this, last)
    assert f.rule == "PREV.IN_FORCE" and f.severity == WARNING and f.expected == 34 and f.actual == 32
    this.set("t2.gfxwj.fz", 3)
    assert check_report(this, last) == []


def test_previous_report_of_the_wrong_year():
    last = tables_only(wenxian_2024())
    found = check_report(correct(), last)
    assert "PREV.YEAR" in rules_of(found)


# ---------------------------------------------------------------- order and records
def test_findings_are_ordered_by_table_and_are_plain_records():
    r = correct()
    r.set("t4.fy.zj", 9)
    r.set("t2.cf.sl", -1)
    r.set("t3.new.zj", 1)
    r.texts["info.year"] = ""
    found = check_report(r)
    assert [f.cells[0].split("!")[0] for f in found] == ["基本信息", "主动公开", "依申请公开", "复议诉讼"]
    d = found[-1].to_dict()
    assert set(d) == {"rule", "severity", "message", "cells", "expected", "actual"} and d["cells"][0] == "复议诉讼!E5"


def test_column_totals_of_all_seven_columns_name_every_result_cell():
    for c in T3_COLUMNS:
        r = correct()
        r.set(f"t3.r7.{c.key}", r[f"t3.r7.{c.key}"] + 2)
        [f] = [f for f in only(check_report(r), "T3.COL_TOTAL") if f.cells[0] == ref(f"t3.r7.{c.key}")]
        assert f.cells[1:] == tuple(ref(f"t3.{row}.{c.key}") for row in T3_RESULT_ROWS)


@pytest.mark.parametrize("key", ["t3.new.zr", "t3.prev.sy", "t3.r2.ky", "t3.r4_3.qt", "t3.r6_2.fl", "t3.next.gy"])
def test_a_number_changed_in_excel_is_caught_after_the_formulas_follow(tmp_path, key):
    # End to end: the template's totals are live formulas; a number changed and saved elsewhere (here openpyxl,
    # which drops the cached results, so the reader recomputes them) breaks only the 勾稽, which names the cell.
    from openpyxl import load_workbook

    write_report(correct(), tmp_path / "a.xlsx")
    wb = load_workbook(tmp_path / "a.xlsx")
    sheet, cell = ref(key).split("!")
    wb[sheet][cell] = (wb[sheet][cell].value or 0) + 3
    wb.save(tmp_path / "b.xlsx")
    errors = [f for f in check_report(read_workbook(tmp_path / "b.xlsx")) if f.is_error]
    assert errors and all(f.rule == "T3.BALANCE" for f in errors)
    assert any(ref(key) in f.cells for f in errors)  # its column's 勾稽 (the 总计 column's names the 总计 cells)


def test_in_force_blank_is_not_compared_with_issued():
    """A blank 现行有效件数 (e.g. a 2019-format import has no such column) gets the blank warning only."""
    from checks import check_report
    from workbook.model import Report

    report = Report.from_numbers({"t2.gfxwj.zf": 60})
    assert not [f for f in check_report(report) if f.rule == "T2.IN_FORCE"]
    report.set("t2.gfxwj.yx", 10)
    assert [f for f in check_report(report) if f.rule == "T2.IN_FORCE"]


def test_decimal_input_is_reported_once_not_in_every_total():
    from checks import check_report
    from workbook.model import Report

    report = Report.from_numbers({"t3.new.zr": 1.5, "t3.r1.zr": 1.5})
    for key in ("t3.new.zj", "t3.r1.zj", "t3.r7.zr", "t3.r7.zj"):
        report.get(key).formula = True  # live formulas, as in the template
    cells = [f.cells for f in check_report(report) if f.rule == "CELL.NOT_INTEGER"]
    assert cells == [("依申请公开!D5",), ("依申请公开!D7",)]


# ---------------------------------------------------------------- one mistake, one finding
def live(report: Report) -> Report:
    """Every total a live formula, as in the template."""
    for f in LAYOUT.totals:
        report.get(f.key).formula = True
    return report


def test_negative_input_is_reported_in_its_cell_not_in_the_formula_totals_that_add_it():
    r = live(make({"t3.new.zr": -3}))
    neg = only(check_report(r), "CELL.NEGATIVE")
    assert [f.cells for f in neg] == [(ref("t3.new.zr"),)]  # 依申请公开!D5, not J5
    assert ref("t3.new.zr") == "依申请公开!D5"


def test_negative_total_typed_over_its_formula_is_still_reported():
    r = live(make({"t3.new.zr": 2, "t3.r1.zr": 2}))
    r.set("t3.new.zj", -3)
    r.get("t3.new.zj").formula = False
    neg = only(check_report(r), "CELL.NEGATIVE")
    assert [f.cells for f in neg] == [(ref("t3.new.zj"),)] and neg[0].actual == -3


def test_one_wrong_input_is_one_balance_error_not_one_more_for_the_total_column():
    # Only 四、结转下年度 自然人 = 1: column D fails; J (总计) fails only because D does, and its cells follow D.
    for r in (live(make({"t3.next.zr": 1})), make({"t3.next.zr": 1})):  # live formulas; formula unknown (import)
        [f] = only(check_report(r), "T3.BALANCE")
        assert f.cells[0] == ref("t3.r7.zr") and ref("t3.next.zr") in f.cells


def test_total_column_still_reported_when_its_totals_are_typed():
    r = make({"t3.next.zr": 1})
    for f in LAYOUT.totals:
        r.get(f.key).formula = False  # typed numbers: the J column is a separate thing to fix
    balance = only(check_report(r), "T3.BALANCE")
    assert [f.cells[0] for f in balance] == [ref("t3.r7.zr"), ref("t3.r7.zj")]


@pytest.mark.parametrize("raw,shown", [(True, "TRUE"), (False, "FALSE")])
def test_a_logical_value_is_quoted_as_excel_shows_it(raw, shown):
    r = correct()
    put(r, "t3.r1.zr", raw, State.TEXT, note="逻辑值")
    [f] = check_report(r)
    assert f.rule == "CELL.TEXT" and f"“{shown}”不是数字" in f.message and f.actual == shown
    assert "True" not in f.message and "False" not in f.message


def test_logical_value_read_from_a_workbook(tmp_path):
    from openpyxl import load_workbook

    write_report(correct(), tmp_path / "a.xlsx")
    wb = load_workbook(tmp_path / "a.xlsx")
    sheet, cell = ref("t3.r1.zr").split("!")
    wb[sheet][cell] = True
    wb.save(tmp_path / "b.xlsx")
    [f] = only(check_report(read_workbook(tmp_path / "b.xlsx")), "CELL.TEXT")
    assert "“TRUE”不是数字" in f.message


# ---------------------------------------------------------------- labels come from the layout
def _label_literals() -> list[tuple[str, int, str]]:
    """String literals of checks/*.py that contain an official label (docstrings and doc= descriptions aside)."""
    import ast

    from workbook.layout import T2_BLOCKS, T3_ROWS, T4_COLUMNS, T4_GROUPS

    labels = {lbl for r in T3_ROWS for lbl in r.labels if len(lbl) >= 5}
    labels |= {c.label for b in T2_BLOCKS for c in b.headers}
    labels |= {c.label for c in T4_COLUMNS if c.key != "zj"}
    labels |= {f"{top}（{sub}）" for _g, top, sub in T4_GROUPS if sub}
    found = []
    for path in sorted((Path(__file__).parents[1] / "checks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node, clean=False):
                skip.add(id(node.body[0].value))
            if isinstance(node, ast.keyword) and node.arg == "doc":
                skip |= {id(n) for n in ast.walk(node.value)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                found += [(path.name, node.lineno, lbl) for lbl in labels if lbl in node.value]
    return found


def test_no_official_label_is_retyped_in_checks():
    assert _label_literals() == []


def test_carry_over_not_checked_against_a_blank_last_year():
    from checks import check_report
    from workbook.model import Report

    this = Report.from_numbers({"t3.prev.zr": 3, "t3.r1.zr": 3})
    blank = Report.empty()
    blank.fill_totals()
    assert not [f for f in check_report(this, blank) if f.rule == "PREV.CARRY_OVER"]
    last = Report.from_numbers({"t3.new.zr": 2, "t3.next.zr": 2})
    found = [f for f in check_report(this, last) if f.rule == "PREV.CARRY_OVER"]
    assert [f.cells for f in found] == [("依申请公开!D6",), ("依申请公开!J6",)]
