"""Findings: each number the text states against the cells it names (A9), and statements without a number."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from workbook.layout import FORMAT_FIRST_YEAR, TEXT_SECTIONS
from workbook.model import Report

from ..findings import WARNING, Finding
from ..names import fmt_num, ref
from .reading import _all_sentences, claims
from .sentences import Stated, _text_ref, _where
from .statements import statement_findings
from .sums import sum_findings
from .values import Values



def _claim_finding(report: Report, values: Values, st: Stated) -> Finding | None:
    if not all(values.readable(keys) for keys in st.targets):
        return None  # the cell's own finding says it cannot be read
    readings = [values.sum(keys) for keys in st.targets]
    readings += [round(sum(values.fresh[k] for k in keys), 6) for keys in st.targets]  # a wrong total has its own error
    tolerance = 0.005 if st.claim.kind == "amount" else 0
    if any(abs(st.value - r) <= tolerance for r in readings):
        return None
    table_value = readings[0]
    unit = "万元" if st.claim.kind == "amount" else "件"
    stated = "" if fmt_num(st.value) in st.quote else f"（即 {fmt_num(st.value)} {unit}）"
    cells = (_text_ref(st.section), *dict.fromkeys(ref(report, k) for k in st.targets[0]))
    extra = {"sentence": st.sentence, "section": st.section}
    if values.empty(st.targets[0]):
        # The agency's own text gives the number: a final report must not leave the cell blank (issue 14). Before
        # 2021 the format's table 二 had other columns: a blank there may be a column the report never had.
        old_columns = st.targets[0][0].startswith("t2.") and report.year is not None and report.year < FORMAT_FIRST_YEAR
        return Finding(
            st.claim.id,
            WARNING if old_columns else st.claim.severity,
            f"{_where(st.section)}称{st.quote}{stated}，而{st.name}未填写。请在表中填写，或核对正文。",
            cells,
            None,
            st.value,
            extra,
        )
    diff = abs(table_value - st.value)
    return Finding(
        st.claim.id,
        st.claim.severity,
        f"{_where(st.section)}称{st.quote}{stated}，而{st.name}为 {fmt_num(table_value)}，"
        f"相差 {fmt_num(round(diff, 6) if isinstance(diff, float) else diff)}。请核对正文或表格。",
        cells,
        table_value,
        st.value,
        extra,
    )


def check_narrative(report: Report, fresh: dict | None = None) -> Iterator[Finding]:
    """Findings of A9 (text vs cells) and A10 (the text's own sums), section by section."""
    values = Values(report, fresh)
    all_sentences = list(_all_sentences(report))
    seen = set()
    for st in sorted(claims(report, all_sentences), key=lambda st: (_SECTION_ORDER[st.section], st.at)):
        f = _claim_finding(report, values, st)
        if f is not None and (f.rule, f.cells, f.actual) not in seen:  # the same number stated twice: once
            seen.add((f.rule, f.cells, f.actual))
            # The text or the table is wrong, and only the clerk knows which: both are marked.
            yield dataclasses.replace(f, each_cell=True)
    for sent in all_sentences:
        yield from statement_findings(sent, report, values)
    for sec in TEXT_SECTIONS:
        text = report.text(f"text.{sec.key}")
        if text.strip():
            yield from sum_findings(text, sec.key)


_SECTION_ORDER = {s.key: i for i, s in enumerate(TEXT_SECTIONS)}