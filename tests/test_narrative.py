"""Numbers in the 正文 against the tables (A9) and the text's own sums (A10): what must be caught,
and — as important — what must not raise a false alarm."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checks import ERROR
from checks.engine import check_tables as check_report  # the table rules alone: the text sections have their own tests
from checks.narrative import claims
from workbook.layout import LAYOUT
from workbook.model import Report

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "checks"))
import published  # noqa: E402

BASE = {  # a consistent small report: 33 applications, 2 复议
    "t2.gfxwj.zf": 5, "t2.gfxwj.yx": 32, "t2.gz.zf": 1, "t2.gz.yx": 11, "t2.xk.sl": 100, "t2.cf.sl": 40, "t2.qz.sl": 3,
    "t2.sf.je": 12.5,
    "t3.new.zr": 30, "t3.new.sy": 3, "t3.prev.zr": 1,
    "t3.r1.zr": 10, "t3.r2.zr": 2, "t3.r3_1.zr": 1, "t3.r4_1.zr": 12, "t3.r4_2.zr": 2, "t3.r5_2.zr": 1, "t3.r6_3.zr": 1,
    "t3.r1.sy": 3, "t3.next.zr": 2,
    "t4.fy.wc": 1, "t4.fy.jz": 1, "t4.zs.wc": 1,
}  # new 33, prev 1, r1 13, r2 2, r3 1, r4 14, r5 1, r6 1, r7 32, next 2; 复议 2, 诉讼 1


def report(text: str, section: str = "s1_2") -> Report:
    numbers = {f.key: 0 for f in LAYOUT.inputs} | BASE
    return Report.from_numbers(numbers, {"info.year": "2024", f"text.{section}": text})


def narr(text: str, section: str = "s1_2", numbers: dict | None = None):
    r = report(text, section)
    for k, v in (numbers or {}).items():
        r.set(k, v)
    r.fill_totals()
    return [f for f in check_report(r) if f.rule.startswith("NARR.")]


def ref(key: str) -> str:
    return LAYOUT[key].ref


def test_base_report_is_consistent():
    assert check_report(report("")) == []


# ---------------------------------------------------------------- what must be caught
@pytest.mark.parametrize(
    "text,rule,key,stated",
    [
        ("2024年，我办共收到政府信息公开申请35件。", "NARR.APPLICATIONS", "t3.new.zj", 35),
        ("全年新收政府信息公开申请数量为40件。", "NARR.APPLICATIONS", "t3.new.zj", 40),
        ("共受理五件政府信息公开申请。", "NARR.APPLICATIONS", "t3.new.zj", 5),
        ("收到政府信息公开申请３０件。", "NARR.APPLICATIONS", "t3.new.zj", 30),
        ("共收到申请33件，办结申请30件。", "NARR.HANDLED", "t3.r7.zj", 30),
        ("答复政府信息公开申请29件（含上年度结转申请1件）。", "NARR.HANDLED", "t3.r7.zj", 29),
        ("含上年结转申请3件。", "NARR.CARRIED_IN", "t3.prev.zj", 3),
        ("结转下年度继续办理5件。", "NARR.CARRIED_OUT", "t3.next.zj", 5),
        ("另有4件申请顺延至下年度答复。", "NARR.CARRIED_OUT", "t3.next.zj", 4),
        ("其中予以公开12件。", "NARR.R1", "t3.r1.zj", 12),
        ("予以公开及部分公开16件。", "NARR.OPENED", "t3.r1.zj", 16),
        ("不予公开3件，不予处理1件。", "NARR.R3", "t3.r3_1.zj", 3),
        ("因本机关不掌握等原因无法提供20件。", "NARR.R4", "t3.r4_1.zj", 20),
        ("对申请作出其他处理2件。", "NARR.R6", "t3.r6_1.zj", 2),
        ("因本机关不掌握相关政府信息无法提供10件。", "NARR.T3_ROW", "t3.r4_1.zj", 10),
        ("重复申请3件。", "NARR.T3_ROW", "t3.r5_2.zj", 3),
        ("发生政府信息公开行政复议3件。", "NARR.APPEALS", "t4.fy.zj", 3),
        ("因政府信息公开被提起行政诉讼2起。", "NARR.LAWSUITS", "t4.zs.zj", 2),
        ("政府信息公开行政复议2件，其中结果维持2件。", "NARR.APPEAL_RESULTS", "t4.fy.wc", 2),
        ("本年度印发行政规范性文件6件。", "NARR.DOCUMENTS", "t2.gfxwj.zf", 6),
        ("本年度制发6件规范性文件。", "NARR.DOCUMENTS", "t2.gfxwj.zf", 6),
        ("清理后废止规范性文件2件。", "NARR.DOCUMENTS", "t2.gfxwj.fz", 2),
        ("截至年底，现行有效规范性文件30件。", "NARR.DOCUMENTS", "t2.gfxwj.yx", 30),
        ("全年制定规章2件。", "NARR.DOCUMENTS", "t2.gz.zf", 2),
        ("全年作出行政许可决定120件。", "NARR.PERMITS", "t2.xk.sl", 120),
        ("作出行政处罚决定41件，实施行政强制措施2件。", "NARR.PENALTIES", "t2.cf.sl", 41),
        ("实施行政强制措施2件。", "NARR.COERCION", "t2.qz.sl", 2),
        ("收取行政事业性收费130000元。", "NARR.FEES", "t2.sf.je", 13),
    ],
)
def test_a_number_that_differs_from_its_cell_is_an_error(text, rule, key, stated):
    found = [f for f in narr(text) if f.rule == rule]
    assert len(found) == 1, narr(text)
    f = found[0]
    assert f.severity == ERROR and f.actual == stated and ref(key) in f.cells and f.cells[0] == ref("text.s1_2")
    assert "请核对正文或表格" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "2024年，我办共收到政府信息公开申请33件，办结32件。",
        "全年新收政府信息公开申请33件（含上年结转申请1件的为34件）。",
        "收到政府信息公开申请三十三件。",
        "收到政府信息公开申请３３件。",
        "全年办理政府信息公开申请34件。",  # 新收 + 上年结转: one fair reading of 办理
        "答复32件（含上年度结转申请1件，另有2件顺延到下年度答复）。",
        "予以公开13件，部分公开2件，不予公开1件，无法提供14件，不予处理1件，其他处理1件。",
        "予以公开及部分公开15件。",
        "因本机关不掌握相关政府信息无法提供12件。",
        "政府信息公开行政复议2件，其中结果维持1件，结果纠正1件；行政诉讼1件，结果维持1件。",
        "本年度印发行政规范性文件5件，现行有效行政规范性文件32件。",
        "新增公开市政府规章 1 件。",
        "作出行政许可决定100件，行政处罚决定40件。",
        "行政事业性收费12.5万元。",
        "行政事业性收费125000元。",
        # wording of published reports
        "2024年，全区收到政府信息公开申请34件，涉及自然人31件、商业企业3件，均在法定期限内予以答复。",
        "办结依申请公开32件，其中：予以公开及部分公开15件，占46.9%；不予公开1件，占3.1%。",
        "2024年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。",
        "设立规范性文件库，集中公开现行有效行政规范性文件32件，动态更新本年度制发的规范性文件5件。",
    ],
)
def test_numbers_that_agree_raise_nothing(text):
    assert narr(text) == []


def test_every_claim_is_recognised_in_the_agreeing_texts():
    r = report("2024年，我办共收到政府信息公开申请33件，办结32件。予以公开13件，不予公开1件。"
               "政府信息公开行政复议2件，行政诉讼1件。本年度印发行政规范性文件5件。")
    ids = sorted({st.claim.id for st in claims(r)})
    assert ids == ["NARR.APPEALS", "NARR.APPLICATIONS", "NARR.DOCUMENTS", "NARR.HANDLED", "NARR.LAWSUITS", "NARR.R1", "NARR.R3"]


# ---------------------------------------------------------------- false alarms that must not happen
@pytest.mark.parametrize(
    "text",
    [
        "及时发布就业、住房、教育、医疗、养老等重点民生领域信息 119 条。",
        "2024 年，收到并处理市政府在线、市长信箱、县领导信箱留言 263 件，办结率均为 100%。",
        "全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件。",
        "全年公开征集群众意见 7 件。",
        "共收到政府信息公开申请 33 件（其中网上申请 10 件，信函申请 23 件）。",
        "收到人大代表建议12件、政协提案20件。",
        "收到政府信息公开申请33件，办理人大代表建议12件。",
        "收到政府信息公开申请33件，全年办理12件人大代表建议。",
        "全年办理行政复议案件120件，行政应诉案件35件。",  # the agency's general 复议, not 信息公开
        "刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。",
        "对规范性文件开展合法性审查10件，备案规范性文件8件。",
        "修订完善规章制度5项。",
        "公示行政许可信息4529条，行政处罚信息1100条。",
        "梳理公布行政许可事项156项。",
        "全年收取政府信息公开信息处理费 3940 元。",
        "收到政府信息公开申请约40件。",
        "收到政府信息公开申请30余件。",
        "申请数量较上年增加5件。",
        "2023年收到政府信息公开申请30件，今年有所增长。",
        "上年收到政府信息公开申请20件。",
        "每件申请办理时限3至5个工作日。",
        "累计公开规范性文件300件。",
        "未发生行政复议被纠错的情况。",
        "{本年新收申请数}件政府信息公开申请均已办结。",
    ],
)
def test_other_things_raise_nothing(text):
    assert narr(text) == [], narr(text)


def test_generated_text_is_not_read():
    r = report("")
    r.texts["gen.s1_2"] = "共收到政府信息公开申请99件。"
    assert check_report(r) == []


# ---------------------------------------------------------------- statements without a number
def test_all_upheld_when_some_were_corrected():
    [f] = narr("政府信息公开行政复议2件、行政诉讼1件，均获维持。")
    assert f.rule == "NARR.ALL_UPHELD" and f.expected == 3 and f.actual == 2
    assert ref("t4.fy.jz") in f.cells and "结果纠正 1 件" in f.message


def test_all_upheld_when_true():
    assert narr("政府信息公开行政复议2件，均获维持。", numbers={"t4.fy.wc": 2, "t4.fy.jz": 0}) == []


def test_no_appeals_stated_while_the_table_has_some():
    [f] = narr("本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    # A contradiction stated in words (issue 13): an error naming the text and the cells.
    assert f.rule == "NARR.NO_APPEALS" and f.severity == ERROR and f.actual == 3 and ref("t4.fy.zj") in f.cells
    assert narr("本年度未发生因政府信息公开工作被申请行政复议的情况。", numbers={"t4.fy.wc": 0, "t4.fy.jz": 0}) == []


def test_lists_with_respectively_and_all():
    [f] = narr("政府信息公开行政复议、行政诉讼分别为2件、3件。")
    assert f.rule == "NARR.LAWSUITS" and f.actual == 3 and f.expected == 1
    [g] = narr("因政府信息公开被申请行政复议和提起行政诉讼均为0件。", numbers={"t4.zs.wc": 0})
    assert g.rule == "NARR.APPEALS" and g.actual == 0 and g.expected == 2


def test_a_blank_cell_the_text_gives_a_number_for_is_an_error():
    # Issue 14: a final report never states a number in its text for a cell it leaves blank.
    [f] = narr("本年度印发行政规范性文件6件。", numbers={"t2.gfxwj.zf": None})
    assert f.severity == ERROR and "未填写" in f.message and f.actual == 6


def test_a_blank_total_counts_as_the_sum_of_its_inputs():
    # Published tables often leave the sub-row 总计 blank; the text is compared with what the row adds up to.
    r = report("予以公开13件。")
    r.set("t3.r1.zj", None)
    assert [f.rule for f in check_report(r) if f.rule.startswith("NARR")] == []


# ---------------------------------------------------------------- A10 sums in the text
def test_parts_exceeding_the_total():
    [f] = narr("共收到政府信息公开申请33件（其中网上申请10件，信函申请30件）。")
    assert f.rule == "NARR.SUM" and f.expected == 33 and f.actual == 40 and f.cells == (ref("text.s1_2"),)


def test_complete_parts_that_fall_short():
    [f] = narr("共发布信息50条，其中动态信息20条，通知公告10条，其他信息15条。")
    assert f.rule == "NARR.SUM" and f.expected == 50 and f.actual == 45


def test_complete_results_must_add_up():
    found = narr("政府信息公开行政复议2件，其中结果维持1件，结果纠正0件，其他结果0件，尚未审结0件。")
    assert [f.rule for f in found] == ["NARR.APPEAL_RESULTS", "NARR.SUM"]


def test_partial_parts_are_not_an_error():
    assert narr("共发布信息5500条，其中政策文件100条，政策解读30条。") == []
    assert narr("共收到政府信息公开申请33件（其中网上申请10件，信函申请23件）。") == []


# ---------------------------------------------------------------- the published samples
EXPECTED = {
    "wenxian_zhengfuban_2024": ["NARR.DOCUMENTS"],
    "huaian_shi_zhengfu_2024": [],
    "pingtan_shiyanqu_2024": [],
    "pingtan_gonganju_2021": [],
    "shanghai_zhengfu_bangongting_2019": ["NARR.OPENED", "NARR.R4", "NARR.ALL_UPHELD"],
}


@pytest.mark.parametrize("name", published.NAMES)
def test_samples_give_exactly_their_known_narrative_errors(name):
    found = [f for f in check_report(published.load(name)) if f.rule.startswith("NARR")]
    assert [f.rule for f in found] == EXPECTED[name]
    assert all(f.is_error for f in found)


def test_wenxian_finding_is_4_documents_against_5_issued():
    [f] = [f for f in check_report(published.load("wenxian_zhengfuban_2024")) if f.rule.startswith("NARR")]
    assert (f.expected, f.actual) == (5, 4) and ref("t2.gfxwj.zf") in f.cells
    assert "规范性文件，共 4 件" in f.message and "本年制发件数" in f.message


def test_shanghai_findings_name_the_table_numbers():
    found = {f.rule: f for f in check_report(published.load("shanghai_zhengfu_bangongting_2019"))}
    assert (found["NARR.OPENED"].expected, found["NARR.OPENED"].actual) == (275, 258)
    assert (found["NARR.R4"].expected, found["NARR.R4"].actual) == (337, 265)
    upheld = found["NARR.ALL_UPHELD"]
    assert (upheld.expected, upheld.actual) == (16, 13) and "尚未审结 2 件" in upheld.message and "尚未审结 1 件" in upheld.message


def test_huaian_narrative_is_read_not_just_silent():
    ids = [st.claim.id for st in claims(published.load("huaian_shi_zhengfu_2024"))]
    for claim in ("NARR.APPLICATIONS", "NARR.HANDLED", "NARR.CARRIED_IN", "NARR.CARRIED_OUT", "NARR.APPEALS", "NARR.LAWSUITS", "NARR.DOCUMENTS"):
        assert claim in ids
    assert ids.count("NARR.APPEAL_RESULTS") == 8


def _leaf(key: str) -> str:
    while LAYOUT[key].is_total:
        key = LAYOUT[key].sums[0]
    return key


@pytest.mark.parametrize("name", ["huaian_shi_zhengfu_2024", "shanghai_zhengfu_bangongting_2019", "pingtan_shiyanqu_2024"])
def test_changing_a_cell_a_sample_text_states_is_caught(name):
    base = published.load(name)
    stated = [st for st in claims(base)]
    assert stated
    for st in stated:
        if len(st.targets) > 1:
            continue  # "办理 N 件" may be either count: changing one of them alone need not contradict it
        r = published.load(name)
        key = st.targets[0][0]
        leaf = _leaf(key) if LAYOUT[key].is_total else key
        r.set(leaf, r[leaf] + 7)
        r.fill_totals()
        found = [f for f in check_report(r) if f.rule == st.claim.id and ref(key) in f.cells]
        assert found, (st.claim.id, st.quote)


# ---------------------------------------------------------------- wording met in other published reports
def test_none_received_while_the_table_has_applications():
    [f] = narr("2024年，我局未收到政府信息公开申请。")
    assert f.rule == "NARR.APPLICATIONS" and f.actual == 0 and f.expected == 33
    assert narr("目前未收到该申请人提交的补正，结转下年度办理。") == []
    assert narr("全年未收到行政复议申请。") == []


def test_none_received_and_none_in_the_table():
    r = Report.from_numbers({f.key: 0 for f in LAYOUT.inputs}, {"info.year": "2024", "text.s1_2": "全年未接到信息公开申请。"})
    assert check_report(r) == []


def test_received_fewer_than_the_table_says():
    # As in a published 2023 report: "共受理政府信息公开申请2件" beside 一、本年新收 3.
    numbers = {f.key: 0 for f in LAYOUT.inputs} | {"t3.new.zr": 3, "t3.r1.zr": 3}
    text = "本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。"
    found = check_report(Report.from_numbers(numbers, {"info.year": "2023", "text.s1_2": text}))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("NARR.APPLICATIONS", 3, 2)]


def test_published_regulations_including_revised_and_repealed_are_not_the_issued_count():
    # "主动公开市政府规章13件(含新制定5件,修改4件,废止4件)": 13 is not 本年制发件数.
    assert narr("2024年，在门户网站主动公开市政府规章13件(含新制定5件,修改4件,废止4件)，主动公开行政规范性文件42件。") == []


def test_a_listing_with_others_must_add_up():
    # A published 2023 report: 3437 条，包括 12 + 1740 + 225 + 110 + 1827 = 3914 条.
    [f] = narr("市政府门户网站公开全市各类政府信息共计3437条，包括：人事信息12条，政务动态1740条，公告公示225 条，解读及回应信息共计110条，其他类信息1827条。", section="s1_1")
    assert f.rule == "NARR.SUM" and (f.expected, f.actual) == (3437, 3914) and f.cells == (ref("text.s1_1"),)


# ---------------------------------------------------------------- parts of the total, parts of the year
def test_a_part_after_its_total_is_not_the_total():
    # The 33 is checked (and agrees); "其中第一季度收到申请8件" is a part of it, not the year's applications.
    assert narr("收到政府信息公开申请33件，其中第一季度收到申请8件。") == []
    [f] = narr("收到政府信息公开申请35件，其中第一季度收到申请8件。")
    assert f.rule == "NARR.APPLICATIONS" and (f.expected, f.actual) == (33, 35) and "相差 2" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请33件，其中通过信函收到申请8件。",
        "共收到政府信息公开申请33件（包括通过网络收到申请20件）。",
        "共收到政府信息公开申请33件，其中：网上收到申请20件，信函收到申请13件。",
        "上半年收到政府信息公开申请15件。",
        "第一季度，我办收到政府信息公开申请8件。",
        "1-6月共受理政府信息公开申请15件。",
        "2024年1至6月共受理政府信息公开申请15件。",
        "12月份收到政府信息公开申请3件。",
        "前三季度办结政府信息公开申请20件。",
        "一季度未收到政府信息公开申请。",
        "上半年作出行政处罚决定20件。",
    ],
)
def test_a_part_of_the_total_or_of_the_year_raises_nothing(text):
    assert narr(text) == [], narr(text)


@pytest.mark.parametrize(
    "text",
    [
        "2024年1月1日至12月31日共收到政府信息公开申请35件。",
        "2024年1-12月共收到政府信息公开申请35件。",
        "截至12月31日共收到政府信息公开申请35件。",
        "一季度开展培训2次，全年共收到政府信息公开申请35件。",
    ],
)
def test_the_whole_year_is_still_checked(text):
    [f] = narr(text)
    assert f.rule == "NARR.APPLICATIONS" and (f.expected, f.actual) == (33, 35)


def test_claims_name_their_cells_by_the_official_labels():
    from checks.narrative import CLAIMS
    from workbook.layout import T2_BLOCKS, T3_ROWS

    names = {c.id: c.name for c in CLAIMS}
    assert names["NARR.APPLICATIONS"] == f"依申请公开表“{T3_ROWS[0].labels[0]}”总计"
    assert names["NARR.R4"] == "依申请公开表“（四）无法提供”各项总计之和"
    fee_label = T2_BLOCKS[-1].headers[0].label  # 本年收费金额（单位：万元）
    assert names["NARR.FEES"] == f"主动公开表“行政事业性收费 · {fee_label}”"
