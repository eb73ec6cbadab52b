"""What the 正文 can state a number about, as data: one ``Claim`` per table quantity.

Each entry names the subject (the noun, and the verb where the noun alone is ambiguous), the unit, and
the cells the number must equal. A number is only taken when the wording leaves no doubt about what is
counted: "信息 119 条", "留言 263 件", "政策性文件 11 件", "征集群众意见 7 件" name other things and must
never raise an error. Where a phrase has more than one fair reading ("办理申请 N 件": received, or
handled), every reading is listed and the claim fails only when the number matches none of them.
What used to be special cases in the reading code are fields here (``category``, ``context_section``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.layout import LAYOUT, SHEET_T2, SHEET_T3, SHEET_T4, T3_CATEGORIES, T3_ROWS, T4_GROUPS

from ..catalogue import RULE_INFO
from ..names import T2_ROW_NAMES, T3_ROW_NAMES, T4_COL_NAMES, cell_name, table_name

# ---------------------------------------------------------------- pieces of the patterns
_WIDE = {0xFF10 + i: ord("0") + i for i in range(10)} | {0x3000: ord(" "), 0xFF0E: ord(".")}
CN_NUM = r"[零〇一二两三四五六七八九十百千]+"
NUM = r"(?P<num>\d+(?:\.\d+)?|" + CN_NUM + r")"
COUNT_UNIT = r"\s*(?P<unit>件|宗|份|个|起)"
CASE_UNIT = r"\s*(?P<unit>件|宗|起|个|次)"
# Between a subject and its number: "申请 33 件", "申请数量为 33 件", "申请，共 33 件".
FILL = r"(?:的)?(?:数量|总数|总量|数)?\s*[:：，,]?\s*(?:共计|合计|总计|累计|共有|一共|共|计|达到|达|为|是|有)?\s*"
SENTENCE_END = re.compile(r"[。！？!?\n]")
GROUP_END = re.compile(r"[。！？!?\n；;]")  # a verb's reach and a "其中" list end here
CLAUSE_END = "，,；;。（(：:"
APPROX_BEFORE = re.compile(r"(?:约|近|超过|逾|多于|不足|少于|大约|将近)\s*$")
APPROX_AFTER = re.compile(r"\s*(?:左右|以上|以下|上下|之多|余|多)")
RANGE_BEFORE = re.compile(r"\d\s*[-—–~～至到]\s*$")
RANGE_AFTER = re.compile(r"\s*[-—–~～至到]\s*\d")
DELTA_BEFORE = re.compile(r"(?:增加|减少|增长|下降|上升|回落|同比|较上年|较去年|比上年|比去年|增|减)\s*$")
NOT_THIS_YEAR = re.compile(r"上年|去年|上一年|前年|同期")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A part of the year ("第一季度", "上半年", "1-6月", "12月份") counts part of what the tables count for the year;
# "1月1日至12月31日", "1-12月", "截至12月31日" are the whole year.
PART_OF_YEAR = re.compile(r"季度|半年")
_MONTH_NUM = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
MONTH = re.compile(rf"(?<!\d)(?P<m>{_MONTH_NUM})\s*(?=月|[-—–~～至到]\s*{_MONTH_NUM}\s*月)")
UNTIL = re.compile(r"截至|截止")
# A clause opening so lists parts of the total before it: "收到申请 33 件，其中第一季度收到申请 8 件".
PART_OF_TOTAL = re.compile(r"(?:^|(?<=[。！？!?\n；;，,：:（(]))\s*(?:其中|包括|包含|含)")
OPEN_CONTEXT = r"信息公开|依申请|公开类|公开申请"
# A sentence states some count at all: the cheap test before any claim's patterns run.
HAS_COUNT = re.compile(r"(?:\d|" + CN_NUM + r")\s*(?:万元|人次|[件宗份个起次条篇部元项期场名家])")


# ---------------------------------------------------------------- the claims
@dataclass(frozen=True)
class Claim:
    id: str
    name: str  # the cells, as the message names them
    targets: tuple[tuple[str, ...], ...]  # acceptable readings (each a sum of keys); the first is the one named
    patterns: tuple[str, ...] = ()  # regexes with a group "num" (and "np": the words between verb and noun)
    kind: str = "count"  # "count" | "amount" (万元; 元 converted)
    needs: str = ""  # the sentence up to the number must contain this (the subject's context)
    avoid: str = ""  # the clause up to the number must not contain this
    other_years: bool = False  # the claim itself is about last year (上年结转)
    whole: bool = False  # a year's total: a clause opening with 其中／包括 states a part of it
    hint: str = ""  # a word every match contains: sentences without it are not searched
    # The number is a whole result category of table 三: "因本机关不掌握等原因无法提供 265 件" is the category,
    # "因本机关不掌握相关政府信息无法提供 26 件" one row of it (a reason without 等 names the row).
    category: bool = False
    context_section: str = ""  # in this section of the 正文 the ``needs`` context is implied by the heading
    doc: str = ""

    @property
    def severity(self) -> str:
        """The catalogue's (``checks.catalogue``): a claim's severity is declared there only."""
        return RULE_INFO[self.id].severity


def _zj(*rows: str) -> tuple[str, ...]:
    return tuple(f"t3.{r}.zj" for r in rows)


def _row_label(key: str) -> str:
    """The result category a row of table 三 belongs to, e.g. "（四）无法提供"; "（二）部分公开" without its instruction."""
    return re.sub(r"（区分.*", "", next(r.labels[1] for r in T3_ROWS if r.key == key))


def _category_name(rows: tuple[str, ...]) -> str:
    return f"{table_name(SHEET_T3)}“{_row_label(rows[0])}”" + ("总计" if len(rows) == 1 else "各项总计之和")


def _cell_named(key: str) -> str:
    return f"{table_name(LAYOUT[key].sheet)}“{cell_name(key)}”"


T3 = table_name(SHEET_T3)
T2 = table_name(SHEET_T2)
T4 = table_name(SHEET_T4)
_T4_TOPS = {g: top for g, top, _sub in T4_GROUPS}  # 行政复议, 行政诉讼
# The words allowed between a verb and 申请: "收到政府信息公开申请" yes, "收到网上申请" / "收到行政复议申请" no.
APP_NP = r"(?P<np>[^，,。；;：:（(）)、\n\d]{0,16}?)"
APP_NP_OK = re.compile(r"(?:各类|各项|本年度?|全年|年度|共|的|新|政府|信息|公开|依|市民|群众|公众|了|并)*")
RECEIVED = r"(?:收到|受理|新收|接收|接到)"
HANDLED = r"(?:办结|答复|办理|处理|作出答复|予以答复)"
APPEAL_CONTEXT = r"信息公开|依申请|公开类|公开工作"
DECISION_AVOID = r"公示|归集|上报|报送|推送|录入|评查|审查|听证|撤销|变更|注销|案卷"

CLAIMS: tuple[Claim, ...] = (
    Claim(
        "NARR.APPLICATIONS",
        f"{T3}“{T3_ROW_NAMES['new']}”总计",
        (_zj("new"), _zj("new", "prev")),
        (
            RECEIVED + r"(?:了)?" + APP_NP + r"申请(?!人)(?:公开)?" + FILL + NUM + COUNT_UNIT,
            RECEIVED + r"(?:了)?\s*(?:共计|共|合计)?\s*" + NUM + COUNT_UNIT + APP_NP + r"申请",
        ),
        hint="申请",
        whole=True,
        doc="收到／受理／新收政府信息公开申请 N 件 = 一、本年新收（或加上年结转）总计",
    ),
    Claim(
        "NARR.HANDLED",
        f"{T3}“{T3_ROW_NAMES['r7']}”总计",
        (_zj("r7"), _zj("new"), _zj("new", "prev")),
        (
            HANDLED + r"(?:了|完毕|完成)?" + APP_NP + r"申请(?!人)(?:公开)?" + FILL + NUM + COUNT_UNIT,
            # "答复 3050 件（含……）": the number ends the clause, or names applications
            HANDLED + r"(?:了|完毕)?\s*(?:共计|共|合计)?\s*" + NUM + COUNT_UNIT + r"(?=\s*(?:[，,。；;（()）]|$|(?:政府信息公开|依申请公开|公开)?申请))",
        ),
        needs=r"申请",
        hint="申请",
        whole=True,
        doc="办结／答复／办理申请 N 件 = （七）总计（或本年新收、新收加上年结转）",
    ),
    Claim(
        "NARR.CARRIED_IN",
        f"{T3}“{T3_ROW_NAMES['prev']}”总计",
        (_zj("prev"),),
        (
            r"上(?:一)?年度?结转(?:而来|过来|来)?(?:的)?" + APP_NP + r"(?:申请)?" + FILL + NUM + COUNT_UNIT,
            r"结转上(?:一)?年度?(?:的)?(?:申请)?" + FILL + NUM + COUNT_UNIT,
        ),
        other_years=True,
        hint="结转",
        doc="上年结转申请 N 件 = 二、上年结转总计",
    ),
    Claim(
        "NARR.CARRIED_OUT",
        f"{T3}“{T3_ROW_NAMES['next']}”总计",
        (_zj("next"),),
        (
            r"结转(?:至|到|入)?下(?:一)?年度?(?:继续)?(?:办理|答复|处理)?(?:的)?(?:申请)?" + FILL + NUM + COUNT_UNIT,
            NUM + COUNT_UNIT + r"(?:申请)?[^，,。；;\d]{0,16}?(?:顺延|结转|转入|延期|延续|延至|转至)(?:到|至)?下(?:一)?年度?",
        ),
        hint="下",
        doc="结转下年度 N 件／N 件顺延到下年度 = 四、结转下年度继续办理总计",
    ),
    Claim(
        "NARR.OPENED",
        f"{T3}“{_row_label('r1')}”与“{_row_label('r2')}”总计之和",
        (_zj("r1", "r2"),),
        (r"予以公开(?:及|和|与|、|以及)部分公开(?:的)?(?:申请)?" + FILL + NUM + COUNT_UNIT,),
        hint="部分公开",
        doc="予以公开及部分公开 N 件 = （一）+（二）",
    ),
    *(
        Claim(
            f"NARR.{key.upper()}",
            _category_name(rows),
            (_zj(*rows),),
            ((r"(?<![及和与、])" if key == "r2" else "") + name + r"(?:的)?(?:申请)?" + FILL + NUM + COUNT_UNIT,),
            needs=r"申请|答复|办理" if key == "r6" else "",
            hint=name,
            category=True,
            doc=f"{name} N 件 = 表三“{name}”各项之和",
        )
        for key, name, rows in T3_CATEGORIES
    ),
    Claim(
        "NARR.APPEALS",
        _cell_named("t4.fy.zj"),
        (("t4.fy.zj",),),
        (r"(?<!经)(?:行政)?复议(?:案件|申请)?(?!后)" + FILL + NUM + CASE_UNIT,),
        needs=APPEAL_CONTEXT,
        context_section="s4",
        hint="复议",
        doc="政府信息公开行政复议 N 件 = 行政复议总计",
    ),
    Claim(
        "NARR.LAWSUITS",
        f"{T4}“{_T4_TOPS['zs']}”两组总计之和",
        (("t4.zs.zj", "t4.fh.zj"), ("t4.zs.zj",)),
        (r"(?<!应)(?:行政)?诉讼(?:案件)?" + FILL + NUM + CASE_UNIT,),
        needs=APPEAL_CONTEXT,
        context_section="s4",
        hint="诉讼",
        doc="政府信息公开行政诉讼 N 件 = 未经复议直接起诉与复议后起诉总计之和",
    ),
    Claim(
        "NARR.SUITS_DIRECT",
        _cell_named("t4.zs.zj"),
        (("t4.zs.zj",),),
        (r"未经复议直接(?:提起)?(?:起诉|诉讼)(?:的)?(?:案件)?" + FILL + NUM + CASE_UNIT,),
        hint="直接",
        doc="未经复议直接起诉 N 件",
    ),
    Claim(
        "NARR.SUITS_AFTER",
        _cell_named("t4.fh.zj"),
        (("t4.fh.zj",),),
        (r"复议后(?:提起)?(?:起诉|诉讼)(?:的)?(?:案件)?" + FILL + NUM + CASE_UNIT,),
        hint="复议后",
        doc="复议后起诉 N 件",
    ),
    Claim(
        "NARR.PERMITS",
        _cell_named("t2.xk.sl"),
        (("t2.xk.sl",),),
        (r"(?<![对的])行政许可(?:决定|审批决定)?(?!事项|信息|清单|目录|类|结果|案卷|申请|证)" + FILL + NUM + CASE_UNIT,),
        avoid=DECISION_AVOID,
        hint="行政许可",
        doc="行政许可决定 N 件 = 行政许可本年处理决定数量",
    ),
    Claim(
        "NARR.PENALTIES",
        _cell_named("t2.cf.sl"),
        (("t2.cf.sl",),),
        (r"(?<![对的])行政处罚(?:决定|案件)?(?!事项|信息|清单|目录|类|结果|案卷|裁量)" + FILL + NUM + CASE_UNIT,),
        avoid=DECISION_AVOID,
        hint="行政处罚",
        doc="行政处罚决定 N 件 = 行政处罚本年处理决定数量",
    ),
    Claim(
        "NARR.COERCION",
        _cell_named("t2.qz.sl"),
        (("t2.qz.sl",),),
        (r"(?<![对的])行政强制(?:决定|措施|执行)?(?!事项|信息|清单|目录|类|结果|案卷)" + FILL + NUM + CASE_UNIT,),
        avoid=DECISION_AVOID,
        hint="行政强制",
        doc="行政强制 N 件 = 行政强制本年处理决定数量",
    ),
    Claim(
        "NARR.FEES",
        _cell_named("t2.sf.je"),
        (("t2.sf.je",),),
        (re.escape(T2_ROW_NAMES["sf"]) + r"(?:金额|收入|总额)?" + FILL + NUM + r"\s*(?P<unit>万元|元)",),
        kind="amount",
        hint=T2_ROW_NAMES["sf"],
        doc="行政事业性收费 N 万元（或元）= 本年收费金额。信息处理费不在表内，不比较",
    ),
)

# Table 二 (一): the column a document count belongs to depends on the verb nearest before the noun.
DOC_NOUNS = (
    ("gz", r"(?<!部门)(?<!地方)规章(?!制度|和|及|、)"),
    ("gfxwj", r"(?<!部门)(?<!政策性)(?<!其他)(?<!有关)(?<!相关)(?:行政)?规范性文件"),
)
DOC_VERBS = (
    ("yx", r"现行有效|仍然有效|继续有效|有效"),
    ("fz", r"废止|废除|宣布失效|失效"),
    ("zf", r"制发|印发|出台|制定|新增|颁布|发文|下发|新发布|新公开"),
    # "公开 / 发布" alone may count every document published, revised or repealed ("主动公开规章 13 件
    # （含新制定 5 件，修改 4 件，废止 4 件）"): only "公开本年度规范性文件" means this year's issue.
    ("weak", r"发布|公开"),
    ("skip", r"清理|审查|审核|备案|解读|修订|修改|评估|宣传|征求|梳理|报送|起草|合法性|登记|上报|汇编|提请|审议|保留|清查|核查|公示|转发|报备|纠正|撤销|参与"),
)
DOC_UNIT = r"\s*(?P<unit>件|个|份|部|篇)"
THIS_YEAR = re.compile(r"本年|年内|今年|当年")
CUMULATIVE = re.compile(r"累计|截至|截止|目前|现有|共有|历年")
DOC_CLAIM = Claim(
    "NARR.DOCUMENTS", "", (), doc="制发／印发／公开（行政）规范性文件、规章 N 件 = 本年制发件数；废止 N 件 = 本年废止件数；现行有效 N 件 = 现行有效件数"
)
# Table 三 sub-rows named by their label: "属于国家秘密 2 件", "重复申请 1 件".
SUB_ROWS = tuple(
    (r.key, re.sub(r"^\d+[.、]", "", r.labels[-1]))
    for r in T3_ROWS
    if len(r.labels) == 3 and not r.labels[-1].endswith("其他") and len(r.labels[-1]) <= 20
)
SUB_ROW_CLAIM = Claim("NARR.T3_ROW", "", (), doc="表三分项原名 N 件（如“重复申请 1 件”）= 该行总计")
# 行政复议 / 行政诉讼: results after the subject that owns them; "均获维持"; "未发生……复议、诉讼".
APPEAL_SUBJECTS = (("fy", r"(?<!经)(?:行政)?复议(?!后)"), ("lit", r"(?<!应)(?:行政)?诉讼|(?:直接)?起诉"))
RESULT_WORDS = (
    ("wc", r"(?:结果)?维持(?:原(?:行政行为|决定|答复))?"),
    ("jz", r"(?:结果)?(?:被)?纠正|(?:被)?纠错|败诉"),
    ("qt", T4_COL_NAMES["qt"]),
    ("wj", r"(?:尚|仍)?未审结|正在审理|在审|审理中"),
)
RESULT_CLAIM = Claim("NARR.APPEAL_RESULTS", "", (), doc="复议、诉讼“其中结果维持 a 件、纠正 b 件……” = 表四对应单元格")
UPHELD_CLAIM = Claim("NARR.ALL_UPHELD", "", (), doc="“均获维持”：所述复议、诉讼的结果维持之和 = 总计")
NONE_CLAIM = Claim("NARR.NO_APPEALS", "", (), doc="“未发生……行政复议、行政诉讼”：所述总计应为 0")
SUM_CLAIM = Claim(
    "NARR.SUM", "", (),
    doc="“共 N 件，其中／包括／分别为 a 件、b 件……”：分项之和超过总数，或完整列举（含“其他”、全部结果或互补的各类）而不等于总数",
)
SUM_PARTIAL_CLAIM = Claim(
    "NARR.SUM_PARTIAL", "", (), doc="“主要有……等”列举的分项之和超过总数：可能有误，请核对",
)

ALL_DONE_CLAIM = Claim("NARR.ALL_DONE", "", (), doc="“申请均已办结／全部办结”：四、结转下年度继续办理应为 0，（七）总计应等于一加二")
ALL_ANSWERED_CLAIM = Claim(
    "NARR.ALL_ANSWERED", "", (), doc="“申请均按期答复”而表三有结转下年度继续办理的申请：请核对"
)
NO_CARRY_IN_CLAIM = Claim("NARR.NO_CARRY_IN", "", (), doc="“无上年结转”：二、上年结转总计应为 0")
NO_CARRY_OUT_CLAIM = Claim("NARR.NO_CARRY_OUT", "", (), doc="“无结转下年度”：四、结转下年度继续办理总计应为 0")
NO_CARRY_CLAIM = Claim("NARR.NO_CARRY", "", (), doc="“无结转”（未说明上年或下年）而表三有结转：请核对")
NO_FEES_CLAIM = Claim("NARR.NO_FEES", "", (), doc="“未收取信息处理费”：基本信息中信息处理费实际收取金额应为 0")
STATEMENT_CLAIMS = (ALL_DONE_CLAIM, ALL_ANSWERED_CLAIM, NO_CARRY_IN_CLAIM, NO_CARRY_OUT_CLAIM, NO_CARRY_CLAIM, NO_FEES_CLAIM)

ALL_CLAIMS = CLAIMS + (DOC_CLAIM, SUB_ROW_CLAIM, RESULT_CLAIM, UPHELD_CLAIM, NONE_CLAIM, SUM_CLAIM, SUM_PARTIAL_CLAIM) + STATEMENT_CLAIMS

# ---------------------------------------------------------------- compiled
class _Lazy:
    """A regex compiled on first use: most patterns never meet a sentence they could match, and
    compiling all of them would cost ~20 ms at every start of ``nianbao check``."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str) -> None:
        self.pattern, self._rx = pattern, None

    def finditer(self, s: str):
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx.finditer(s)


_CLAIMS = [(c, [_Lazy(p) for p in c.patterns]) for c in CLAIMS]
_DOC_VERB = re.compile("|".join(f"(?P<{cls}>{rx})" for cls, rx in DOC_VERBS))
_DOCS = [(row, _Lazy(noun + r"(?:的)?" + FILL + NUM + DOC_UNIT)) for row, noun in DOC_NOUNS] + [
    (row, _Lazy(NUM + DOC_UNIT + r"(?:的)?" + noun)) for row, noun in DOC_NOUNS
]
_SUB_ROWS = [
    (key, _Lazy(re.escape(label).replace("“", "[“\"]?").replace("”", "[”\"]?") + r"(?:的)?(?:申请)?[^，,。；;\d]{0,8}?" + FILL + NUM + COUNT_UNIT))
    for key, label in SUB_ROWS
]
_SUBJECTS = [(g, re.compile(rx)) for g, rx in APPEAL_SUBJECTS]
_RESULTS = [(col, _Lazy(f"(?:{rx})(?:的)?(?:案件)?" + FILL + NUM + CASE_UNIT)) for col, rx in RESULT_WORDS]
_RESULT_LABELS = {col: re.compile(rx) for col, rx in RESULT_WORDS}
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:已)?(?:获|被|予以|得到|为|获得)?维持")
_NEGATION = re.compile(r"没有|未发生|未出现|未有|不存在|未收到|未被|未因|无(?!论|法)")
_NEG_SPOILERS = re.compile(r"纠正|纠错|败诉|撤销|确认违法|维持|被告|应诉")
_LIST = _Lazy(
    r"(?P<subs>[^，,。；;：:]{2,40}?)(?P<how>分别|均)(?:为|是|有)?\s*(?P<nums>"
    rf"(?:\d+|{CN_NUM})\s*(?:件|宗|份|个|起)?(?:\s*(?:、|，|,|和|及|与)\s*(?:\d+|{CN_NUM})\s*(?:件|宗|份|个|起)?)*)"
    r"(?![%％.\d])"
)
