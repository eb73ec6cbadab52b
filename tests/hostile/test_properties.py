"""Property-based: random consistent tables pass every arithmetic rule, and any single perturbation of a
number in tables 三 and 四 is caught by one, naming that cell. (Table 二 has no totals: no arithmetic rule
covers it, so it is filled at random but never perturbed.)"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from checks import check_report
from workbook.layout import LAYOUT, T3_APPLICANTS, T3_ROWS
from workbook.model import Report

ARITHMETIC = ("T3.", "T4.")
RESULT_ROWS = [r.key for r in T3_ROWS if r.key not in ("new", "prev", "r7", "next")]
T4_INPUTS = [f.key for f in LAYOUT.inputs if f.key.startswith("t4.")]
T2_INPUTS = [f.key for f in LAYOUT.inputs if f.key.startswith("t2.")]
PERTURBABLE = [f.key for f in LAYOUT.numeric if f.key.startswith(("t3.", "t4."))]
counts = st.integers(min_value=0, max_value=5000)


@st.composite
def consistent_reports(draw) -> Report:
    """Leaves at random; per applicant column, 上年结转 at random and 本年新收 what makes 一 + 二 = 三 + 四."""
    numbers: dict[str, int | float] = {}
    for col in T3_APPLICANTS:
        results = {row: draw(counts) for row in RESULT_ROWS}
        carried_on = draw(counts)
        handled = sum(results.values()) + carried_on
        carried_in = draw(st.integers(min_value=0, max_value=handled))
        numbers.update({f"t3.{row}.{col}": n for row, n in results.items()})
        numbers[f"t3.next.{col}"] = carried_on
        numbers[f"t3.prev.{col}"] = carried_in
        numbers[f"t3.new.{col}"] = handled - carried_in
    numbers.update({key: draw(counts) for key in T4_INPUTS})
    for key in T2_INPUTS:
        numbers[key] = draw(st.decimals(0, 10_000, places=2).map(float)) if LAYOUT[key].kind == "amount" else draw(counts)
    return Report.from_numbers(numbers, {"info.org": "某县人民政府办公室", "info.year": "2024"})


@settings(max_examples=150, deadline=None)
@given(consistent_reports())
def test_consistent_tables_pass_every_arithmetic_rule(report):
    findings = check_report(report)
    assert [f for f in findings if f.rule.startswith(ARITHMETIC)] == []
    assert [f for f in findings if f.is_error] == []


@settings(max_examples=150, deadline=None)
@given(consistent_reports(), st.sampled_from(PERTURBABLE), st.integers(1, 1000), st.booleans())
def test_any_single_perturbation_is_caught_naming_the_cell(report, key, size, down):
    v = report.get(key)
    delta = -size if down and v.number >= size else size  # counts stay non-negative: only the sums can tell
    changed = v.number + delta
    # typed into the cell (a total typed over its formula, as a clerk does): formula=False
    report.values[key] = replace(v, value=changed, raw=changed, formula=False)

    findings = check_report(report)
    caught = [f for f in findings if f.rule.startswith(ARITHMETIC) and f.is_error and v.ref in f.cells]
    assert caught, (key, delta, [(f.rule, f.cells) for f in findings])
    assert all(v.sheet in f.message for f in caught)  # "依申请公开表第5行……"
