"""Issue 13 pattern 5: what evaluators score — deadline, years, sections and format, repetition, jumps, fees.

Reports are made up; each rule has its negative cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import ERROR, WARNING, check_report
from workbook.layout import LAYOUT
from workbook.model import Report, agency_kind
from xladdin.importers import import_report
from sample_reports import published_variant

HERE = Path(__file__).parent
GONGANJU = HERE / "fixtures" / "published" / "pingtan_gonganju_2022.txt"


def report(texts: dict | None = None, numbers: dict | None = None) -> Report:
    base = {"info.year": "2024", "info.org": "某县交通运输局"}
    r = Report.from_numbers({f.key: 0 for f in LAYOUT.inputs} | (numbers or {}), base | (texts or {}))
    return r


def rules(r: Report, previous: Report | None = None, prefix: str = "") -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in check_report(r, previous) if f.rule.startswith(prefix or ("EVAL", "PREV"))]


# ---------------------------------------------------------------- publication deadline
@pytest.mark.parametrize(
    "org,kind",
    [("某市人民政府", "人民政府"), ("某镇人民政府", "人民政府"), ("某县人民政府办公室", "部门"), ("某市教育局", "部门"),
     ("某市发展和改革委员会", "部门"), ("某综合实验区", ""), ("某开发区管委会", "")],
)
def test_agency_kind_from_the_name_only_where_clear(org, kind):
    assert agency_kind(org) == kind


def test_a_department_publishing_after_january_is_reminded():
    [f] = [f for f in check_report(report({"info.date": "2025年2月10日"})) if f.rule == "EVAL.DEADLINE"]
    assert f.severity == WARNING and "2025年1月31日" in f.message and "按机关名称判断为部门" in f.message
    assert LAYOUT["info.date"].ref in f.cells and LAYOUT["info.kind"].ref in f.cells


def test_deadline_negative_cases():
    assert rules(report({"info.date": "2025年1月20日"})) == []  # a department in time
    assert rules(report({"info.date": "2025-03-30", "info.org": "某市人民政府"})) == []  # a government in time
    assert rules(report({"info.date": "2025年2月10日", "info.kind": "人民政府"})) == []  # the clerk's 机关类别 wins
    # unknown kind: the later deadline is assumed, and said
    assert rules(report({"info.date": "2025年3月10日", "info.org": "某综合实验区"})) == []
    [f] = [f for f in check_report(report({"info.date": "2025年4月2日", "info.org": "某综合实验区"})) if f.rule == "EVAL.DEADLINE"]
    assert "按人民政府计" in f.message
    assert rules(report({"info.date": ""})) == []


def test_publication_date_in_the_wrong_year():
    [f] = [f for f in check_report(report({"info.date": "2024年1月20日"})) if f.rule.startswith("EVAL")]
    assert (f.rule, f.severity, f.expected, f.actual) == ("EVAL.DATE_YEAR", WARNING, 2025, 2024)


# ---------------------------------------------------------------- the superseded format, fees
def test_citing_the_2019_format_in_a_later_report_is_a_reminder():
    cited = "本报告根据国办公开办函〔2019〕60号要求编制。"
    assert rules(report({"text.s6": cited})) == [("EVAL.OLD_FORMAT_CITED", WARNING)]
    assert rules(report({"text.s6": "按照《政府信息公开工作年度报告格式（试行）》编制。"})) == [("EVAL.OLD_FORMAT_CITED", WARNING)]
    assert rules(report({"text.s6": cited, "info.year": "2020"})) == []  # the format of its time
    assert rules(report({"text.s1_3": "印发《某市政务公开工作考核办法（试行）》。"})) == []  # another document's 试行


def test_implausible_fee_amounts():
    assert rules(report(numbers={"t2.sf.je": 250000})) == [("EVAL.FEE_AMOUNT", WARNING)]  # 25 亿元 of a 局
    assert rules(report(numbers={"t2.sf.je": 250000}, texts={"info.org": "某市人民政府"})) == []
    assert rules(report(numbers={"t2.sf.je": 9116.36})) == []
    assert rules(report({"info.fee_collected": "350000"})) == [("EVAL.FEE_AMOUNT", WARNING)]
    assert rules(report({"info.fee_collected": "300"})) == []


# ---------------------------------------------------------------- with last year's report
PARAGRAPH = (
    "2024年，我局坚持以公开为常态、不公开为例外，全面推进政府信息公开工作。"
    "持续完善政府信息公开目录，及时更新机构职能、领导信息等基础信息。"
    "严格落实保密审查制度，做到先审查后公开、一事一审。"
)


def test_text_repeated_from_last_year_is_a_reminder_listing_the_sentences():
    this = report({"text.s1": PARAGRAPH})
    last = report({"text.s1": PARAGRAPH.replace("2024年", "2023年"), "info.year": "2023"})
    [f] = [f for f in check_report(this, last) if f.rule == "PREV.REPEATED_TEXT"]
    assert f.severity == WARNING and "内容与上年雷同" in f.message and len(f.extra["repeated"]) == 3


def test_another_agencys_report_as_last_year_proves_nothing():
    this = report({"text.s1": PARAGRAPH}, numbers={"t2.cf.sl": 100})
    last = report({"text.s1": PARAGRAPH, "info.year": "2023", "info.org": "某县教育局"}, numbers={"t2.cf.sl": 12})
    assert [f for f in check_report(this, last) if f.rule in ("PREV.REPEATED_TEXT", "PREV.JUMP")] == []


def test_text_mostly_new_is_not_reminded():
    this = report({"text.s1": PARAGRAPH + "新建政策解读专栏，发布图解12期。开展政府开放日活动3次。全年培训4次。"})
    last = report({"text.s1": "2023年，我局开展了其他各项工作，成效明显。", "info.year": "2023"})
    assert [f for f in check_report(this, last) if f.rule == "PREV.REPEATED_TEXT"] == []


@pytest.mark.parametrize(
    "now,before,reported",
    [(100, 12, True), (12, 100, True), (50, 11, False), (40, 5, False), (60, 12, True)],
)
def test_fivefold_jumps_where_both_years_reach_ten(now, before, reported):
    this = report(numbers={"t2.cf.sl": now})
    last = report(numbers={"t2.cf.sl": before}, texts={"info.year": "2023"})
    found = [f for f in check_report(this, last) if f.rule == "PREV.JUMP"]
    assert bool(found) == reported
    if found:
        assert found[0].severity == WARNING and (found[0].expected, found[0].actual) == (before, now)


def test_in_force_identity_with_last_year():
    this = report(numbers={"t2.gfxwj.zf": 3, "t2.gfxwj.fz": 1, "t2.gfxwj.yx": 30})
    last = report(numbers={"t2.gfxwj.yx": 25}, texts={"info.year": "2023"})
    [f] = [f for f in check_report(this, last) if f.rule == "PREV.IN_FORCE"]
    assert (f.expected, f.actual) == (27, 30)


# ---------------------------------------------------------------- sections and the table format (import)

def test_a_missing_section_six_is_an_error(tmp_path):
    res = import_report(published_variant(tmp_path, "六、其他需要报告的事项", ""))
    [f] = [f for f in res.findings if f.rule.startswith("IMPORT.SECTION")]
    assert (f.rule, f.severity) == ("IMPORT.SECTION_MISSING", ERROR) and "六、其他需要报告的事项" in f.message


def test_a_heading_worded_otherwise_is_a_reminder(tmp_path):
    res = import_report(published_variant(tmp_path, "二、主动公开政府信息情况", "二、主动公开政府信息的情况"))
    [f] = [f for f in res.findings if f.rule.startswith("IMPORT.SECTION")]
    assert (f.rule, f.severity) == ("IMPORT.SECTION_TITLE", WARNING) and "主动公开政府信息的情况" in f.message


def test_the_official_headings_raise_nothing():
    assert [f for f in import_report(GONGANJU).findings if f.rule.startswith("IMPORT.SECTION")] == []


def test_a_2019_table_in_a_later_report_is_an_error():
    from xladdin.importers.structure import format_findings

    [f] = format_findings("2019", 2022)
    assert (f.rule, f.severity) == ("IMPORT.FORMAT_OUTDATED", ERROR)
    assert format_findings("2019", 2020) == [] and format_findings("2021", 2022) == []
    shanghai = import_report(Path("/work/shared/samples/shanghai_zhengfu_bangongting_2019.txt"))
    assert shanghai.format == "2019" and not [f for f in shanghai.findings if f.rule == "IMPORT.FORMAT_OUTDATED"]


def test_a_2019_table_imported_from_a_2021_report_is_an_error(tmp_path):
    text = (HERE / "fixtures" / "published" / "pingtan_gonganju_2019.txt").read_text(encoding="utf-8")
    path = tmp_path / "gonganju_2021_in_2019_format.txt"
    path.write_text(text.replace("2019年", "2021年"), encoding="utf-8")
    res = import_report(path)
    assert res.format == "2019" and res.report.year == 2021
    assert [(f.rule, f.severity) for f in res.findings if f.rule == "IMPORT.FORMAT_OUTDATED"] == [("IMPORT.FORMAT_OUTDATED", ERROR)]
