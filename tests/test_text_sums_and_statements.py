"""Issue 13, patterns 1–3: the text's own sums, contradictions stated in words, and subject binding.

Every sentence here is made up; each pattern has its negative cases (properties, other subjects, other years).
"""

from __future__ import annotations

import pytest

from checks import ERROR, WARNING, check_report
from workbook.layout import LAYOUT
from workbook.model import Report

BASE = {  # new 33, prev 1, （七） 32, next 2; 复议 2 (维持 1, 纠正 1), 诉讼 1 (维持 1)
    "t2.gfxwj.zf": 5, "t2.gfxwj.yx": 32, "t2.xk.sl": 100,
    "t3.new.zr": 30, "t3.new.sy": 3, "t3.prev.zr": 1,
    "t3.r1.zr": 13, "t3.r2.zr": 2, "t3.r3_1.zr": 1, "t3.r4_1.zr": 14, "t3.r5_2.zr": 1, "t3.r6_3.zr": 1, "t3.next.zr": 2,
    "t4.fy.wc": 1, "t4.fy.jz": 1, "t4.zs.wc": 1,
}


def found(text: str, numbers: dict | None = None, section: str = "s1_1", texts: dict | None = None):
    r = Report.from_numbers({f.key: 0 for f in LAYOUT.inputs} | BASE, {"info.year": "2024", "info.org": "某县人民政府办公室", f"text.{section}": text, **(texts or {})})
    for k, v in (numbers or {}).items():
        r.set(k, v)
    r.fill_totals()
    return [f for f in check_report(r) if f.rule.startswith("NARR.")]


def ref(key: str) -> str:
    return LAYOUT[key].ref


def test_the_made_up_base_is_consistent():
    assert found("") == []


# ---------------------------------------------------------------- 1. the text's own sums
@pytest.mark.parametrize(
    "text,total,added",
    [
        # two complementary kinds (the issue's own example)
        ("共制作文件500份，其中主动公开150份、依申请公开300份。", 500, 450),
        # a list that names 其他 is complete
        ("主动公开政府信息120条，包括规章3条、规范性文件20条、其他信息90条。", 120, 113),
        # the list starts in the next sentence, parts separated by "；"
        ("全年共受理群众来信45件。其中，咨询类20件；投诉类15件；其他类5件。", 45, 40),
        # 具体为 and line breaks
        ("发布信息共60条，具体为：\n动态信息30条\n通知公告20条\n政策解读5条", 60, 55),
        # "A、B 分别为 a、b" after the total
        ("全年收到来信30件，自然人、法人分别为25件、8件。", 30, 33),
        # parts exceeding the total, no introducer word but 其中
        ("发布信息100条，其中动态信息60条，政策解读50条。", 100, 110),
        # no introducer: a "、" list right after the total, ending the sentence
        ("主动公开政府信息120条，规章3条、规范性文件20条、其他信息90条。", 120, 113),
        # the total after its parts
        ("通过政府网站发布信息1500条，通过政务微博发布800条，通过政务微信发布600条，共计3000条。", 3000, 2900),
        # 分别为 as the introducer
        ("举办培训8场，分别为业务培训3场、专题培训4场。", 8, 7),
    ],
)
def test_a_list_that_contradicts_its_total_is_an_error(text, total, added):
    [f] = found(text)
    assert (f.rule, f.severity, f.expected, f.actual) == ("NARR.SUM", ERROR, total, added)
    assert f.cells == (ref("text.s1_1"),) and f"相差 {abs(total - added)}" in f.message


def test_a_list_said_to_be_partial_that_exceeds_is_a_reminder():
    [f] = found("开展培训20场，主要有业务培训15场、专题培训10场等。")
    assert (f.rule, f.severity, f.expected, f.actual) == ("NARR.SUM_PARTIAL", WARNING, 20, 25)


@pytest.mark.parametrize(
    "text",
    [
        # properties, not kinds: they overlap and are never summed
        "办理事项80项，其中网上可办70项，实现‘最多跑一次’的60项。",
        "政务服务事项120项，其中全程网办100项，即办件50项。",
        # a few parts picked out of a large total
        "共发布信息5500条，其中政策文件100条，政策解读30条。",
        # parts in another unit are another subject
        "共发布信息120条，其中规章3件、规范性文件20件。",
        # an approximate total
        "共发布信息约120条，其中动态信息100条、通知公告50条。",
        # a part's own detail in brackets is not a part
        "共收到来信33件，其中咨询30件（其中网上来信20件），投诉3件。",
        # "；" starts another subject with its own list
        "行政复议2件，其中维持1件，纠正1件；行政诉讼1件，维持1件。",
        # 等: the parts need not reach the total
        "发布信息100条，其中动态信息60条、通知公告30条等。",
        # shares in brackets and after 占
        "办结来信32件，其中：答复15件，占46.9%；转办17件，占53.1%。",
        # the parts agree
        "共制作文件500份，其中主动公开200份、依申请公开300份。",
        # no introducer, and the "、" list does not end the sentence: another clause follows
        "收到来信33件，咨询30件、投诉5件，办结32件。",
        # no introducer, a few kinds picked out
        "共发布信息120条，动态信息60条、通知公告30条。",
        # a trailing total that agrees, and one after a 其中 list of its own total
        "通过政府网站发布信息1500条，通过政务微博发布800条，共计2300条。",
        "共收到来信45件，其中咨询30件、投诉15件，合计45件。",
        # a trailing total after a clause that is not a part
        "全年发布信息1500条，较上年增长10%，共计……",
        # two divisions of the same whole in one list
        "共收到来信33件，其中自然人来信30件，法人来信3件，网上来信20件，信函13件。",
        # channels: 当面 and 网上 leave out letters and faxes
        "共收到来信33件，其中网上来信20件，当面来信10件。",
        # a part's total restated after the list
        "发布信息50条，其中动态信息20条，通知公告30条，共计50条。",
    ],
)
def test_lists_that_may_stand_raise_nothing(text):
    assert found(text) == [], found(text)


# ---------------------------------------------------------------- 2. contradictions stated in words
def test_all_done_while_some_are_carried_over():
    [f] = found("本年度收到的政府信息公开申请均已办结。", section="s3")
    assert (f.rule, f.severity) == ("NARR.ALL_DONE", ERROR)
    assert f.cells[0] == ref("text.s3") and ref("t3.next.zj") in f.cells and ref("t3.r7.zj") in f.cells


def test_all_answered_in_time_while_some_are_carried_over_is_a_reminder():
    [f] = found("对收到的政府信息公开申请，均在法定期限内予以答复。")
    assert (f.rule, f.severity) == ("NARR.ALL_ANSWERED", WARNING) and ref("t3.next.zj") in f.cells


@pytest.mark.parametrize(
    "text,numbers",
    [
        ("本年度收到的政府信息公开申请均已办结。", {"t3.next.zr": 0, "t3.r6_3.zr": 3}),  # true: nothing carried over
        ("其中5件申请均已办结。", {}),  # a part of the applications
        ("上年结转的1件申请均已办结。", {}),  # last year's
        ("收到涉及政府信息公开的行政复议申请2件，均已办结。", {}),  # other matters
        ("2023年收到的政府信息公开申请均已办结。", {}),  # another year
        ("群众留言均已办结。", {}),  # not about applications
        ("受理的政府信息公开申请未能全部办结，2件结转下年度。", {}),  # says the opposite
    ],
)
def test_all_done_negative_cases(text, numbers):
    assert found(text, numbers, section="s1_2") == []


def test_no_carry_in_while_the_table_has_some():
    [f] = found("本年度无上年结转的政府信息公开申请。")
    assert (f.rule, f.severity, f.actual) == ("NARR.NO_CARRY_IN", ERROR, 1) and ref("t3.prev.zj") in f.cells
    assert found("本年度无上年结转的政府信息公开申请。", {"t3.prev.zr": 0, "t3.r1.zr": 12}) == []


def test_no_carry_out_while_the_table_has_some():
    [f] = found("全部申请已按时答复，无结转下年度办理的申请。")
    assert (f.rule, f.actual) == ("NARR.NO_CARRY_OUT", 2) and ref("t3.next.zj") in f.cells


def test_no_carry_without_saying_which_is_a_reminder():
    [f] = found("本年度政府信息公开申请无结转情况。")
    assert (f.rule, f.severity) == ("NARR.NO_CARRY", WARNING)
    assert ref("t3.prev.zj") in f.cells and ref("t3.next.zj") in f.cells


def test_no_appeals_in_another_year_is_not_compared():
    assert found("2023年未发生因政府信息公开引起的行政复议、行政诉讼。") == []


def test_no_fees_while_fees_were_collected():
    item = "info.fee_collected"
    [f] = found("本年度未收取信息处理费。", section="s6", texts={item: "300"})
    assert (f.rule, f.severity, f.actual) == ("NARR.NO_FEES", ERROR, 300) and LAYOUT[item].ref in f.cells
    assert found("本年度未收取信息处理费。", section="s6", texts={item: "0"}) == []
    assert found("本年度未收取信息处理费。", section="s6") == []  # not filled in: nothing to compare
    assert found("上年度未收取信息处理费。", section="s6", texts={item: "300"}) == []


# ---------------------------------------------------------------- 3. subject binding
@pytest.mark.parametrize(
    "text",
    [
        "依申请公开信息200条。",  # items, not applications
        "依申请公开及不予公开文件300份。",  # documents, not 不予公开
        "市交通局收到政府信息公开申请120件。",  # another agency
        "全县共收到政府信息公开申请500件。",  # the whole county, in an office's report
        "各部门共收到政府信息公开申请80件。",  # units beside the agency
        "上半年收到政府信息公开申请15件。",  # part of the year
        "2023年收到政府信息公开申请50件。",  # another year
        "办理行政许可事项300项。",  # matters, not decisions
    ],
)
def test_numbers_about_other_subjects_are_not_compared(text):
    assert [f for f in found(text) if f.is_error] == []


def test_a_blank_table_two_cell_of_a_2019_format_year_is_only_a_reminder():
    # 2019 and 2020 reports used the 试行 table 二, which has no 现行有效件数 column: blank by format, not by omission.
    r = Report.from_numbers({f.key: 0 for f in LAYOUT.inputs} | BASE, {"info.year": "2019", "text.s1_1": "现行有效规范性文件30件。"})
    r.set("t2.gfxwj.yx", None)
    r.fill_totals()
    [f] = [f for f in check_report(r) if f.rule.startswith("NARR.")]
    assert (f.rule, f.severity) == ("NARR.DOCUMENTS", WARNING)
    assert [(g.rule, g.severity) for g in found("现行有效规范性文件30件。", {"t2.gfxwj.yx": None})] == [("NARR.DOCUMENTS", ERROR)]


# ---------------------------------------------------------------- a clean report in everyday wording
CLEAN_TABLE = {
    "t2.gfxwj.zf": 6, "t2.gfxwj.fz": 2, "t2.gfxwj.yx": 58, "t2.xk.sl": 1200, "t2.cf.sl": 85,
    "t3.new.zr": 40, "t3.new.sy": 5, "t3.prev.zr": 2,
    "t3.r1.zr": 20, "t3.r2.zr": 5, "t3.r3_1.zr": 3, "t3.r4_1.zr": 9, "t3.r4_1.sy": 1, "t3.r5_2.zr": 2, "t3.r5_2.sy": 2,
    "t3.r6_3.zr": 2, "t3.next.zr": 1, "t3.next.sy": 2,
    "t4.fy.wc": 2, "t4.zs.wc": 1,
}
CLEAN_TEXT = {
    "text.s1_1": "本年度共发布政府信息3560条，其中政策文件120条、政策解读85条、工作动态2100条、通知公告560条、其他信息695条。"
                 "全年印发行政规范性文件6件，废止2件，截至2024年底，现行有效规范性文件58件。全年共办理人大代表建议25件、政协提案30件，办复率100%。",
    "text.s1_2": "2024年，共收到政府信息公开申请45件，其中自然人申请40件，法人或其他组织申请5件；上年结转2件。"
                 "已办结44件，结转下年度3件。办理结果方面：予以公开20件，部分公开5件，不予公开3件，无法提供10件，不予处理4件，其他处理2件。",
    "text.s4": "因政府信息公开工作被申请行政复议2件，提起行政诉讼1件，均未被纠错，均获维持。",
    "text.s6": "2024年未收取信息处理费。",
}


def test_a_clean_report_in_everyday_wording_raises_no_error():
    r = Report.from_numbers({f.key: 0 for f in LAYOUT.inputs} | CLEAN_TABLE, {"info.year": "2024", "info.org": "某县交通运输局", **CLEAN_TEXT})
    assert [(f.rule, f.message) for f in check_report(r) if f.is_error] == []
    # and each contradiction planted in it is found
    r.set("t3.next.sy", 0)
    r.set("t3.r6_3.sy", 2)
    r.fill_totals()
    assert {f.rule for f in check_report(r) if f.is_error} == {"NARR.R6", "NARR.CARRIED_OUT"}
