"""Numbers stated in the 正文 against the table cells they describe (A9), and the text's own sums (A10).

Each thing the text can state a number about is one ``Claim`` entry below: the words that name
the subject (the noun, and the verb where the noun alone is ambiguous), the unit, and the cells
the number must equal. A number is only taken when the wording leaves no doubt about what is
counted: "信息 119 条", "留言 263 件", "政策性文件 11 件", "征集群众意见 7 件" name other
things and must never raise an error — a false alarm costs a clerk's trust as much as a miss.
Where a phrase has more than one fair reading ("办理申请 N 件": received, or handled), every
reading is listed and the claim fails only when the number matches none of them. Numbers that
are approximate (约、余、以上), ranges, changes (增加 5 件), about another year or about part of the
year (第一季度、上半年、1-6月) are skipped, and so is a year's total restated in a 其中／包括 list.

Only the agency's own text (``text.*``) is read: generated text (``gen.*``) comes from the tables.
"""

from __future__ import annotations

import dataclasses

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbook.cells import chinese_numeral
from workbook.layout import LAYOUT, SHEET_T2, SHEET_T3, SHEET_T4, T3_CATEGORIES, T3_ROWS, T4_GROUPS, TEXT_SECTIONS
from workbook.model import Report, State

from .findings import ERROR, WARNING, Finding
from .names import T3_ROW_NAMES, T4_COL_NAMES, T4_GROUP_NAMES, UNREADABLE, cell_name, fmt_num, recomputed, ref, table_name

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


def normalise(text: str) -> str:
    """Full-width digits and spaces to ASCII, one character for one: positions still point into the original."""
    return text.translate(_WIDE)


def parse_number(text: str) -> int | float | None:
    if text[0].isdigit():
        return int(text) if text.isdigit() else float(text)
    return chinese_numeral(text)


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
    severity: str = ERROR
    doc: str = ""


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
        hint="复议",
        doc="政府信息公开行政复议 N 件 = 行政复议总计",
    ),
    Claim(
        "NARR.LAWSUITS",
        f"{T4}“{_T4_TOPS['zs']}”两组总计之和",
        (("t4.zs.zj", "t4.fh.zj"), ("t4.zs.zj",)),
        (r"(?<!应)(?:行政)?诉讼(?:案件)?" + FILL + NUM + CASE_UNIT,),
        needs=APPEAL_CONTEXT,
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
        (r"行政事业性收费(?:金额|收入|总额)?" + FILL + NUM + r"\s*(?P<unit>万元|元)",),
        kind="amount",
        hint="行政事业性收费",
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
NONE_CLAIM = Claim("NARR.NO_APPEALS", "", (), severity=WARNING, doc="“未发生……行政复议、行政诉讼”：所述总计应为 0")
SUM_CLAIM = Claim("NARR.SUM", "", (), doc="“共 N 件，其中 a 件、b 件……”：分项之和不得超过总数；分项完整（含“其他”或全部结果）时应等于总数")

ALL_CLAIMS = CLAIMS + (DOC_CLAIM, SUB_ROW_CLAIM, RESULT_CLAIM, UPHELD_CLAIM, NONE_CLAIM, SUM_CLAIM)

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
SUM_UNIT = r"\s*(?P<unit>人次|件|条|个|篇|期|次|项|宗|起|场|份|家|名)"
_SUM_HEAD = _Lazy(NUM + SUM_UNIT + r"\s*[，,]?\s*(?P<paren>[（(])?\s*(?:其中|包括)\s*[，,:：]?")
_SUM_PART = _Lazy(r"(?P<label>[^，,。；;（()）\d、]{0,20}?)" + NUM + SUM_UNIT + r"(?![%％\d])")
_SUM_STOP = re.compile(r"另有|此外|另外|同比|较上年|较去年|比上年|比去年|占")
_EXHAUSTIVE = re.compile(r"其他|其余|其它")


# ---------------------------------------------------------------- sentences
@dataclass
class Sentence:
    text: str  # as written
    norm: str  # digits normalised, same length
    start: int  # in the section text
    section: str
    synthetic: int = 0  # >0: rebuilt from a "分别／均" list (then ``text`` is the original sentence)


@dataclass
class Stated:
    """One number the text states about one thing."""

    claim: Claim
    value: int | float
    targets: tuple[tuple[str, ...], ...]
    name: str
    section: str
    sentence: str
    quote: str
    at: tuple[int, int, int]  # identity of the number (sentence start, list item, position): one reading each
    span: int  # length of the match: the longest reading of a number wins


def sentences(text: str, section: str) -> Iterator[Sentence]:
    norm = normalise(text)
    pos = 0
    for m in SENTENCE_END.finditer(text + "\n"):
        chunk = text[pos : m.start()]
        if chunk.strip():
            yield Sentence(chunk, norm[pos : m.start()], pos, section)
        pos = m.end()


def _clause_start(s: str, at: int) -> int:
    return max(s.rfind(ch, 0, at) for ch in CLAUSE_END) + 1


def _group_start(s: str, at: int) -> int:
    return max((m.end() for m in GROUP_END.finditer(s, 0, at)), default=0)


def _quote(sent: Sentence, a: int, b: int) -> str:
    """The clauses from the subject (at ``a``) to the number's clause end (``b``), as written."""
    if sent.synthetic:
        return f"“{_short(sent.text)}”"
    s = sent.text
    lo = _clause_start(s, a)
    ends = [i for i in (s.find(ch, b) for ch in "，,；;。（(") if i != -1]
    hi = min(ends) if ends else len(s)
    part = s[lo:hi].strip()
    return f"“{'……' if lo > 0 and s[:lo].strip() else ''}{part}{'……' if s[hi:].strip() else ''}”"


def _short(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "……"


def _skipped(s: str, n0: int, n1: int, year: int | None, other_years: bool = False) -> bool:
    """The number at s[n0:n1] is approximate, a range, a change, or about another year."""
    before, after = s[:n0], s[n1:]
    if APPROX_BEFORE.search(before) or RANGE_BEFORE.search(before) or DELTA_BEFORE.search(before):
        return True
    if RANGE_AFTER.match(after):
        return True
    unit_end = re.match(r"\s*(?:万元|人次|[件宗份个起次条篇部元])", after)
    if APPROX_AFTER.match(after) or (unit_end and APPROX_AFTER.match(after[unit_end.end() :])):
        return True
    clause = before[_clause_start(before, len(before)) :]
    if not other_years and NOT_THIS_YEAR.search(clause):
        return True
    if _part_of_year(before):
        return True
    return year is not None and any(int(y.group(1)) != year for y in YEAR.finditer(clause))


def _lead_clauses(before: str) -> tuple[str, str]:
    """The clause that ends ``before``, and the clause before it ("" at the start of the sentence)."""
    at = _clause_start(before, len(before))
    prev = before[_clause_start(before, at - 1) : at - 1] if at > 0 else ""
    return before[at:], prev


def _part_of_year(before: str) -> bool:
    """The clause up to a number, or a bare time phrase before it ("第一季度，……"), names a part of the year."""
    clause, prev = _lead_clauses(before)
    if len(prev.strip()) <= 20 and not _HAS_COUNT.search(prev) and _names_part_of_year(prev):
        clause = prev + clause
    return _names_part_of_year(clause)


def _names_part_of_year(text: str) -> bool:
    if PART_OF_YEAR.search(text):
        return True
    months = [parse_number(m.group("m")) for m in MONTH.finditer(text)]
    if not months:
        return False
    return not (max(months) == 12 and (min(months) == 1 or UNTIL.search(text)))


def _part_of_total(s: str, at: int) -> bool:
    """``at`` is in a 其中／包括 list: from a clause so opened to the end of the group (or of its brackets)."""
    for m in PART_OF_TOTAL.finditer(s, _group_start(s, at), at):
        if not (m.start() and s[m.start() - 1] in "（(" and re.search(r"[)）]", s[m.end() : at])):
            return True
    return False


# ---------------------------------------------------------------- reading one sentence
def _stated(claim: Claim, sent: Sentence, m: re.Match, value, targets, name, num_group: str = "num", bonus: int = 0) -> Stated:
    n0 = m.start(num_group)
    return Stated(
        claim, value, targets, name, sent.section, sent.text, _quote(sent, m.start(), m.end()),
        (sent.start, sent.synthetic, n0), m.end() - m.start() + bonus,
    )


def _table_claims(sent: Sentence, year: int | None) -> Iterator[Stated]:
    s = sent.norm
    for claim, patterns in _CLAIMS:
        if claim.hint and claim.hint not in s:
            continue
        for rx in patterns:
            for m in rx.finditer(s):
                n0, n1 = m.span("num")
                if _skipped(s, n0, n1, year, claim.other_years):
                    continue
                if claim.needs and not re.search(claim.needs, s[:n0]):
                    if not (claim.needs == APPEAL_CONTEXT and sent.section == "s4"):
                        continue
                if m.groupdict().get("np") is not None and not APP_NP_OK.fullmatch(m.group("np")):
                    continue
                if claim.avoid and re.search(claim.avoid, s[_clause_start(s, m.start()) : n0]):
                    continue
                if claim.whole and _part_of_total(s, m.start()):
                    continue
                if claim.id.startswith("NARR.R") and not _whole_category(s, m.start()):
                    continue
                value = parse_number(m.group("num"))
                if value is None:
                    continue
                if claim.kind == "amount" and m.group("unit") == "元":
                    value = round(value / 10000, 6)
                yield _stated(claim, sent, m, value, claim.targets, claim.name)


def _whole_category(s: str, at: int) -> bool:
    """"因本机关不掌握等原因无法提供 265 件" is the category; "因本机关不掌握相关政府信息无法提供 26 件" one row of it."""
    lead = s[_clause_start(s, at) : at]
    return not (re.search(r"因|由于|属于|系", lead) and "等" not in lead)


_SUB_ROW_ANY = re.compile("|".join(re.escape(label[:2]) for _key, label in SUB_ROWS))


def _sub_row_claims(sent: Sentence, year: int | None) -> Iterator[Stated]:
    if not _SUB_ROW_ANY.search(sent.norm):
        return
    for key, rx in _SUB_ROWS:
        for m in rx.finditer(sent.norm):
            if _skipped(sent.norm, *m.span("num"), year):
                continue
            value = parse_number(m.group("num"))
            if value is not None:
                name = f"{T3}“{next(r.labels[-1] for r in T3_ROWS if r.key == key)}”总计"
                yield _stated(SUB_ROW_CLAIM, sent, m, value, ((f"t3.{key}.zj",),), name, bonus=1)


def _document_claims(sent: Sentence, year: int | None) -> Iterator[Stated]:
    s = sent.norm
    for row, rx in _DOCS:
        for m in rx.finditer(s):
            if _skipped(s, *m.span("num"), year):
                continue
            lead = s[_group_start(s, m.start()) : m.start()]
            verbs = list(_DOC_VERB.finditer(lead))
            if not verbs:
                continue  # "规范性文件 32 件" with no verb: which column is meant is unknown
            cls = verbs[-1].lastgroup
            if cls == "weak":
                strong_before = len(verbs) > 1 and verbs[-2].lastgroup == "zf" and verbs[-1].start() - verbs[-2].end() <= 1
                if not (strong_before or THIS_YEAR.search(lead[verbs[-1].end() :])):
                    continue
                cls = "zf"
            if cls == "skip" or (cls != "yx" and CUMULATIVE.search(lead)):
                continue
            value = parse_number(m.group("num"))
            if value is None:
                continue
            key = f"t2.{row}.{cls}"
            yield _stated(DOC_CLAIM, sent, m, value, ((key,),), f"{T2}“{cell_name(key)}”")


def _appeal_subjects(s: str) -> list[tuple[int, str]]:
    return sorted((m.start(), g) for g, rx in _SUBJECTS for m in rx.finditer(s))


def _result_claims(sent: Sentence, year: int | None) -> Iterator[Stated]:
    """"行政复议 351 件，其中结果维持 72 件，结果纠正 64 件……": each result, for the subject before it."""
    s = sent.norm
    if not (re.search(OPEN_CONTEXT, s) or sent.section == "s4"):
        return
    subjects = _appeal_subjects(s)
    for col, rx in _RESULTS:
        for m in rx.finditer(s):
            owners = [(p, g) for p, g in subjects if p < m.start()]
            if not owners or GROUP_END.search(s, owners[-1][0], m.start()):
                continue
            if _skipped(s, *m.span("num"), year):
                continue
            value = parse_number(m.group("num"))
            if value is None:
                continue
            groups = ("fy",) if owners[-1][1] == "fy" else ("zs", "fh")
            name = f"{T4}“{_T4_TOPS[groups[0]]} · {T4_COL_NAMES[col]}”"
            yield _stated(RESULT_CLAIM, sent, m, value, (tuple(f"t4.{g}.{col}" for g in groups),), name)


def _list_items(sent: Sentence) -> Iterator[Sentence]:
    """"行政复议、行政诉讼分别为 2 件、1 件" → "行政复议2件", "行政诉讼1件"; "均为 0 件" gives each the number."""
    s = sent.norm
    for m in _LIST.finditer(s):
        subs = [x for x in re.split(r"以及|、|和|及|与", m.group("subs")) if x.strip()]
        nums = re.findall(rf"\d+|{CN_NUM}", m.group("nums"))
        if m.group("how") == "均":
            if len(nums) != 1:
                continue
            nums = nums * len(subs)
        if len(subs) < 2 or len(subs) != len(nums):
            continue
        lead = s[: m.end("subs")] + "，"  # the whole list stays as context (verbs, "信息公开")
        for i, (sub, num) in enumerate(zip(subs, nums), start=1):
            text = lead + sub + num + "件"
            yield Sentence(sent.text, text, sent.start, sent.section, synthetic=i)


# "2023年，我局未收到政府信息公开申请": 一、本年新收 is 0.
_NO_APPLICATIONS = _Lazy(r"(?:未|没有|无)(?:收到|接到|受理|接收|新收)(?:过|到)?(?:任何)?" + APP_NP + r"申请(?!人)")
_APPLICATIONS = next(c for c in CLAIMS if c.id == "NARR.APPLICATIONS")


def _zero_claims(sent: Sentence, year: int | None) -> Iterator[Stated]:
    s = sent.norm
    for m in _NO_APPLICATIONS.finditer(s):
        if not APP_NP_OK.fullmatch(m.group("np")):
            continue
        clause_end = min([i for i in (s.find(ch, m.end()) for ch in "，,；;。") if i != -1] or [len(s)])
        if re.search(r"\d", s[m.end() : clause_end]):
            continue  # "未收到申请的 3 件……": not a statement of none
        clause = s[_clause_start(s, m.start()) : m.start()]
        if NOT_THIS_YEAR.search(clause) or (year and any(int(y.group(1)) != year for y in YEAR.finditer(clause))):
            continue
        if _part_of_year(s[: m.start()]) or _part_of_total(s, m.start()):
            continue
        yield Stated(
            _APPLICATIONS, 0, (_zj("new"),), _APPLICATIONS.name, sent.section, sent.text,
            _quote(sent, m.start(), m.end()), (sent.start, sent.synthetic, m.start()), m.end() - m.start(),
        )


_HAS_COUNT = re.compile(r"(?:\d|" + CN_NUM + r")\s*(?:万元|人次|[件宗份个起次条篇部元项期场名家])")


def _read(sent: Sentence, year: int | None) -> Iterator[Stated]:
    """Every reading of the numbers in one sentence. Cheap tests first: most sentences state no count."""
    s = sent.norm
    if "申请" in s:
        yield from _zero_claims(sent, year)
    if not _HAS_COUNT.search(s):
        return
    yield from _table_claims(sent, year)
    yield from _sub_row_claims(sent, year)
    if "规章" in s or "规范性文件" in s:
        yield from _document_claims(sent, year)
    if "复议" in s or "诉讼" in s or "起诉" in s:
        yield from _result_claims(sent, year)


def claims(report: Report, all_sentences: list[Sentence] | None = None) -> list[Stated]:
    """Every number the agency's text states about table cells, one reading per number (the longest match)."""
    best: dict[tuple[str, tuple[int, int, int]], Stated] = {}
    year = report.year
    for sent in all_sentences if all_sentences is not None else _all_sentences(report):
        items = [sent, *_list_items(sent)] if ("分别" in sent.norm or "均" in sent.norm) else [sent]
        for item in items:
            for st in _read(item, year):
                k = (st.section, st.at)
                if k not in best or st.span > best[k].span:
                    best[k] = st
    return list(best.values())


def _all_sentences(report: Report) -> Iterator[Sentence]:
    for sec in TEXT_SECTIONS:
        text = report.text(f"text.{sec.key}")
        if text.strip():
            yield from sentences(text, sec.key)


# ---------------------------------------------------------------- findings
_HEADINGS = {s.key: s.heading for s in TEXT_SECTIONS}


def _where(section: str) -> str:
    return f"正文“{_HEADINGS.get(section, section)}”"


def _text_ref(section: str) -> str:
    return LAYOUT[f"text.{section}"].ref


class _Values:
    """Cell values for comparing with the text: a total left blank counts as the sum of its inputs."""

    def __init__(self, report: Report, fresh: dict | None = None) -> None:
        self.report = report
        self.fresh = fresh if fresh is not None else recomputed(report)

    def __getitem__(self, key: str) -> int | float:
        v = self.report.get(key)
        if v.state is State.BLANK and LAYOUT[key].is_total:
            return self.fresh[key]
        return v.number

    def sum(self, keys) -> int | float:
        total = sum(self[k] for k in keys)
        return round(total, 6) if isinstance(total, float) else total

    def readable(self, keys) -> bool:
        return all(self.report.get(k).state not in UNREADABLE for k in keys)

    def empty(self, keys) -> bool:
        """Nothing written in these cells (nor in the inputs of those that are totals)."""
        return all(self.report.get(k).state is State.BLANK for k in keys) and not any(self.fresh[k] for k in keys)


def _claim_finding(report: Report, values: _Values, st: Stated) -> Finding | None:
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
        return Finding(
            st.claim.id,
            WARNING,
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


def _appeal_groups(words: str) -> list[str]:
    groups = []
    if re.search(r"(?<!经)复议(?!后)", words):
        groups.append("fy")
    if re.search(r"(?<!应)诉讼|起诉", words):
        groups += ["zs", "fh"]
    return groups


def _statement_findings(sent: Sentence, report: Report, values: _Values) -> Iterator[Finding]:
    """"均获维持" and "未发生……行政复议、行政诉讼": statements about table 四 without a number."""
    s = sent.norm
    if not (re.search(OPEN_CONTEXT, s) or sent.section == "s4"):
        return
    for m in _ALL_UPHELD.finditer(s):
        lo = _group_start(s, m.start())
        groups = _appeal_groups(s[lo : m.start()])
        keys = [f"t4.{g}.{c}" for g in groups for c in ("wc", "jz", "qt", "wj", "zj")]
        if not groups or not values.readable(keys):
            continue
        total = values.sum(f"t4.{g}.zj" for g in groups)
        upheld = values.sum(f"t4.{g}.wc" for g in groups)
        if total == upheld:
            continue
        others = [(g, c) for g in groups for c in ("jz", "qt", "wj") if values[f"t4.{g}.{c}"]]
        listed = "、".join(f"{T4_GROUP_NAMES[g]}{T4_COL_NAMES[c]} {fmt_num(values[f't4.{g}.{c}'])} 件" for g, c in others)
        yield Finding(
            UPHELD_CLAIM.id,
            UPHELD_CLAIM.severity,
            f"{_where(sent.section)}称{_quote(sent, lo, m.end())}，即所述 {fmt_num(total)} 件复议、诉讼应全部为{T4_COL_NAMES['wc']}，"
            f"而{T4}{T4_COL_NAMES['wc']}合计 {fmt_num(upheld)} 件" + (f"，另有{listed}" if listed else "")
            + f"，相差 {fmt_num(total - upheld)}。请核对正文或表格。",
            (_text_ref(sent.section), *(ref(report, f"t4.{g}.wc") for g in groups), *(ref(report, f"t4.{g}.{c}") for g, c in others)),
            total,
            upheld,
            {"sentence": sent.text, "section": sent.section},
        )
    for m in _NEGATION.finditer(s):
        end = re.search(r"[，,。；;]", s[m.end() :])
        span = s[m.end() : m.end() + end.start()] if end else s[m.end() :]
        if _NEG_SPOILERS.search(span) or re.search(r"\d", span):
            continue
        groups = _appeal_groups(span)
        keys = [f"t4.{g}.zj" for g in groups]
        if not groups or not values.readable(keys):
            continue
        total = values.sum(keys)
        if total:
            listed = "、".join(f"{T4_GROUP_NAMES[k.split('.')[1]]} {fmt_num(values[k])} 件" for k in keys if values[k])
            yield Finding(
                NONE_CLAIM.id,
                NONE_CLAIM.severity,
                f"{_where(sent.section)}称{_quote(sent, m.start(), m.end() + len(span) - 1)}，而{T4}填有{listed}。请核对正文或表格。",
                (_text_ref(sent.section), *(ref(report, k) for k in keys if values[k])),
                0,
                total,
                {"sentence": sent.text, "section": sent.section},
            )


def _sum_findings(sent: Sentence) -> Iterator[Finding]:
    """A10: "共 N 件，其中 a 件、b 件……"."""
    s = sent.norm
    for head in _SUM_HEAD.finditer(s):
        total, unit = parse_number(head.group("num")), head.group("unit")
        stop = GROUP_END.search(s, head.end())
        rest = s[head.end() : stop.start() if stop else len(s)]
        if head.group("paren"):
            close = re.search(r"[)）]", rest)
            rest = rest[: close.start()] if close else rest
        cut = _SUM_STOP.search(rest)
        rest = rest[: cut.start()] if cut else rest
        if total is None or "分别" in rest:
            continue
        parts = []
        for p in _SUM_PART.finditer(rest):
            if p.group("unit") == unit and not APPROX_AFTER.match(rest[p.end() :]):
                value = parse_number(p.group("num"))
                if value is not None:
                    parts.append((p.group("label"), value))
        if not parts:
            continue
        added = sum(v for _, v in parts)
        labels = [lbl for lbl, _ in parts]
        results = {col for col, rx in _RESULT_LABELS.items() for lbl in labels if rx.search(lbl)}
        complete = len(parts) >= 2 and (any(_EXHAUSTIVE.search(lbl) for lbl in labels) or len(results) == len(RESULT_WORDS))
        if added > total or (complete and added != total):
            why = "各分项之和超过总数" if added > total else "所列分项已完整（含“其他”类或全部结果），其和应等于总数"
            end = head.end() + len(rest)
            yield Finding(
                SUM_CLAIM.id,
                SUM_CLAIM.severity,
                f"{_where(sent.section)}称{_quote(sent, head.start(), end - 1)}：共 {fmt_num(total)} {unit}，"
                f"其中 {'、'.join(fmt_num(v) for _, v in parts)} {unit}合计 {fmt_num(added)} {unit}，{why}，"
                f"相差 {fmt_num(abs(total - added))}。请核对正文。",
                (_text_ref(sent.section),),
                total,
                added,
                {"sentence": sent.text, "section": sent.section},
            )


def check_narrative(report: Report, fresh: dict | None = None) -> Iterator[Finding]:
    """Findings of A9 (text vs cells) and A10 (the text's own sums), section by section."""
    values = _Values(report, fresh)
    all_sentences = list(_all_sentences(report))
    seen = set()
    for st in sorted(claims(report, all_sentences), key=lambda st: (_SECTION_ORDER[st.section], st.at)):
        f = _claim_finding(report, values, st)
        if f is not None and (f.rule, f.cells, f.actual) not in seen:  # the same number stated twice: once
            seen.add((f.rule, f.cells, f.actual))
            # The text or the table is wrong, and only the clerk knows which: both are marked.
            yield dataclasses.replace(f, each_cell=True)
    for sent in all_sentences:
        yield from _statement_findings(sent, report, values)
        if ("其中" in sent.norm or "包括" in sent.norm) and _HAS_COUNT.search(sent.norm):
            yield from _sum_findings(sent)


_SECTION_ORDER = {s.key: i for i, s in enumerate(TEXT_SECTIONS)}
