"""One rule definition, two back ends: for random filled tables with random faults, the relations the
template's own formulas report broken are exactly the arithmetic findings of ``checks.check_report``.
The formulas are evaluated in-process by pycel, which compiles them to Python (tests/test_selfcheck_calc.py
proves it agrees with LibreOffice; the `formulas` package agrees too, but is ten times slower)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selfcheck_cases import (
    SUM_SHEETS,
    TEXT,
    FormulaModel,
    consistent_tables,
    engine_broken,
    engine_report,
    equation_ids,
    flag_refs,
    sheet_inputs,
    sheet_totals,
    totals_of,
)

from checks import check_report
from workbook.build import template_bytes
from workbook.layout import LAYOUT, a1
from workbook.selfcheck import HELPER_COL

INPUTS = sheet_inputs()
TOTALS = sheet_totals()
CONTENT_RULES = {"CELL.TEXT", "CELL.NEGATIVE", "CELL.NOT_INTEGER"}
DELTA = st.integers(-6, 6).filter(bool)
FAULT = st.one_of(
    st.tuples(st.just("shift"), st.sampled_from(INPUTS), DELTA),  # a wrong input (may go negative)
    st.tuples(st.just("typed"), st.sampled_from(TOTALS), DELTA),  # a total typed over with a wrong number
    st.tuples(st.just("text"), st.sampled_from(INPUTS), st.just(0)),
    st.tuples(st.just("blank"), st.sampled_from(INPUTS), st.just(0)),
    st.tuples(st.just("half"), st.sampled_from(INPUTS), st.just(0)),  # not a whole number
)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("selfcheck") / "template.xlsx"
    path.write_bytes(template_bytes())
    return FormulaModel(path)


def with_faults(seed: int, faults) -> tuple[dict, dict]:
    inputs: dict[str, object] = dict(consistent_tables(random.Random(seed)))
    typed_delta: dict[str, int] = {}
    for kind, key, delta in faults:
        if kind == "shift":
            inputs[key] = (inputs[key] if isinstance(inputs[key], (int, float)) else 0) + delta
        elif kind == "text":
            inputs[key] = TEXT
        elif kind == "blank":
            inputs[key] = None
        elif kind == "half":
            inputs[key] = (inputs[key] if isinstance(inputs[key], (int, float)) else 0) + 0.5
        else:
            typed_delta[key] = typed_delta.get(key, 0) + delta
    # A typed total is its formula's value plus the slip; one that still equals the sum of its cells is
    # written back as a formula (write_report), so it is not typed.
    typed: dict[str, float] = {}
    for key in sorted(typed_delta, key=lambda k: LAYOUT.totals_in_order.index(LAYOUT[k])):
        value = totals_of(inputs, typed)[key] + typed_delta[key]
        if value != totals_of(inputs, typed)[key]:
            typed[key] = value
    return inputs, typed


def sheet_state(model: FormulaModel, inputs: dict, typed: dict):
    cells = {LAYOUT[k].ref: v for k, v in inputs.items() if v is not None}
    cells.update({LAYOUT[k].ref: v for k, v in typed.items()})
    counts = [f"{s}!{a1(0, HELPER_COL + 2)}" for s in SUM_SHEETS]
    flags = [ref for s in SUM_SHEETS for ref in flag_refs(s)]
    got = model.evaluate(cells, flags + counts)
    ids = [eq for s in SUM_SHEETS for eq in equation_ids(s)]
    broken = {eq for eq, ref in zip(ids, flags) if got[ref] == 1}
    assert all(got[ref] in (0, 1) for ref in flags), {ref: got[ref] for ref in flags if got[ref] not in (0, 1)}
    return broken, sum(got[ref] for ref in counts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), faults=st.lists(FAULT, min_size=0, max_size=4))
def test_sheet_formulas_report_exactly_the_engines_arithmetic_findings(model, seed, faults):
    inputs, typed = with_faults(seed, faults)
    findings = check_report(engine_report(inputs, typed))
    broken, odd_cells = sheet_state(model, inputs, typed)
    assert broken == engine_broken(findings)
    input_keys = set(INPUTS)
    flagged = {c for f in findings if f.rule in CONTENT_RULES for c in f.cells if LAYOUT_BY_REF[c] in input_keys}
    assert odd_cells == len(flagged)


LAYOUT_BY_REF = {f.ref: f.key for f in LAYOUT}


def test_a_clean_table_and_a_single_wrong_input(model):
    """The examples in words: clean → nothing; one wrong input → that column's 勾稽 relation only."""
    inputs, typed = with_faults(7, [])
    assert sheet_state(model, inputs, typed) == (set(), 0)
    inputs["t3.new.ky"] += 1
    broken, _ = sheet_state(model, inputs, typed)
    assert broken == {("T3.BALANCE", LAYOUT["t3.r7.ky"].ref)}
    assert broken == engine_broken(check_report(engine_report(inputs, typed)))
