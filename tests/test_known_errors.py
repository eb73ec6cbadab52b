"""Issue 13, done when: on every development sample (/work/shared/samples, its README lists each one's known
problems) and every published fixture, the errors found are exactly the known errors — all found, no other.

Reminders may be added freely; an error blocks the Word export and sends a unit back, so none may be false.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from checks import check_report
from xladdin.importers import import_report

SAMPLES = Path(os.environ.get("NIANBAO_SAMPLES", "/work/shared/samples"))
PUBLISHED = Path(__file__).parent / "fixtures" / "published"

# file → the errors a careful reader finds in it, by rule (with how many findings each).
KNOWN = {
    SAMPLES / "wenxian_zhengfuban_2024.txt": {"NARR.DOCUMENTS": 1},  # 规范性文件“共4件” vs 本年制发 5
    SAMPLES / "huaian_shi_zhengfu_2024.txt": {},  # 政策性文件 11 件 is another category: not an error
    SAMPLES / "huaian_shi_zhengfu_2024.pdf": {},
    SAMPLES / "pingtan_shiyanqu_2024.txt": {},
    SAMPLES / "pingtan_gonganju_2021.txt": {"T3.BALANCE": 1},  # 一+二 = 1, （七）总计 + 四 = 2
    SAMPLES / "shanghai_zhengfu_bangongting_2019.txt": {
        "T3.ROW_TOTAL": 11,  # 总计 left blank in the sub-rows that have numbers
        "NARR.OPENED": 1,  # 予以公开及部分公开 258 vs 275
        "NARR.R4": 1,  # 无法提供 265 vs 337
        "NARR.ALL_UPHELD": 1,  # “均获维持” vs 尚未审结 3
    },
    PUBLISHED / "pingtan_caizhengjinrongju_2021.txt": {
        "IMPORT.SECTION_MISSING": 1,  # no “六、其他需要报告的事项”
        "NARR.SUM": 1,  # 总数510条 = 主动公开198 + 依申请公开142 + 不予公开137 = 477
    },
    PUBLISHED / "pingtan_gonganju_2019.txt": {},
    PUBLISHED / "pingtan_gonganju_2022.txt": {},
    PUBLISHED / "pingtan_guanweihui_bangongshi_2021.txt": {},
    PUBLISHED / "pingtan_shiyanqu_2022.txt": {},
    PUBLISHED / "pingtan_xingzhengshenpiju_2023.txt": {},
}


def _errors(path: Path) -> Counter:
    res = import_report(path)
    return Counter(f.rule for f in [*res.findings, *check_report(res.report)] if f.is_error)


def test_every_sample_and_fixture_is_listed():
    present = {*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.pdf"), *PUBLISHED.glob("*.txt")}
    assert present == set(KNOWN)


@pytest.mark.parametrize("path", list(KNOWN), ids=lambda p: p.name)
def test_the_errors_found_are_exactly_the_known_ones(path):
    assert _errors(path) == Counter(KNOWN[path])


def test_precision_and_recall_over_all_files():
    found = known = hit = 0
    for path, expected in KNOWN.items():
        got, want = _errors(path), Counter(expected)
        found += sum(got.values())
        known += sum(want.values())
        hit += sum((got & want).values())
    assert hit == found == known  # precision and recall both 1.0 (measured: see the final report)


def test_the_accuracy_rules_are_catalogued_with_the_severity_the_policy_gives_them():
    from checks.catalogue import RULE_INFO
    from checks.findings import ERROR, WARNING

    errors = ("NARR.ALL_DONE", "NARR.NO_CARRY_IN", "NARR.NO_CARRY_OUT", "NARR.NO_FEES", "NARR.NO_APPEALS", "NARR.SUM",
              "IMPORT.SECTION_MISSING", "IMPORT.FORMAT_OUTDATED")
    reminders = ("NARR.SUM_PARTIAL", "NARR.ALL_ANSWERED", "NARR.NO_CARRY", "CELL.UNREAD", "EVAL.DEADLINE", "EVAL.DATE_YEAR",
                 "EVAL.OLD_FORMAT_CITED", "EVAL.FEE_AMOUNT", "PREV.REPEATED_TEXT", "PREV.JUMP", "IMPORT.SECTION_TITLE")
    assert {i: RULE_INFO[i].severity for i in errors} == dict.fromkeys(errors, ERROR)
    assert {i: RULE_INFO[i].severity for i in reminders} == dict.fromkeys(reminders, WARNING)
    from xladdin.importers.structure import format_findings

    assert format_findings("2019", 2022)[0].severity == ERROR
