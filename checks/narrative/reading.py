"""Finding the numbers the agency's text states about table cells: every reading of every sentence.

Only the agency's own text (``text.*``) is read: generated text (``gen.*``) comes from the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbook.layout import T3_ROWS, TEXT_SECTIONS
from workbook.model import Report

from ..names import T4_COL_NAMES, cell_name
from .claims import (
    APP_NP, APP_NP_OK, CLAIMS, DOC_CLAIM, OPEN_CONTEXT, RESULT_CLAIM, SUB_ROW_CLAIM, SUB_ROWS, T2, T3, T4,
    YEAR, NOT_THIS_YEAR, GROUP_END, CUMULATIVE, THIS_YEAR, HAS_COUNT, Claim,
    _CLAIMS, _DOC_VERB, _DOCS, _Lazy, _RESULTS, _SUB_ROWS, _SUBJECTS, _T4_TOPS, _zj,
)
from .sentences import (
    Sentence, Stated, _clause_start, _group_start, _list_items, _part_of_total, _part_of_year, _quote, _skipped,
    parse_number, sentences,
)

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
                    if not (claim.context_section and sent.section == claim.context_section):
                        continue
                if m.groupdict().get("np") is not None and not APP_NP_OK.fullmatch(m.group("np")):
                    continue
                if claim.avoid and re.search(claim.avoid, s[_clause_start(s, m.start()) : n0]):
                    continue
                if claim.whole and _part_of_total(s, m.start()):
                    continue
                if claim.category and not _whole_category(s, m.start()):
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


# Who the sentence is about: units below or beside the agency, or another agency, count other applications.
OTHER_UNITS = re.compile(r"各县|各区|各乡|各镇|各街道|各部门|各单位|各地|市直|县直|区直|下属|所属|系统内|基层")
WHOLE_AREA = re.compile(r"全(?P<level>省|市|州|县|区|旗)")
AGENCY = re.compile(r"(?P<name>[\u4e00-\u9fa5]{1,12}?(?:人民政府|政府|局|委员会|厅|办公室|中心|公司|街道办事处|管委会))(?!信息|网站|门户|公报)")


def _other_agency(s: str, at: int, org: str) -> bool:
    """The clauses before the number at ``at`` are about another agency ("市交通局收到申请 120 件"), units
    below it ("各部门"), or the whole area when the agency is not that area's government ("全市" in a 局's report)."""
    if not org:
        return False  # whose report it is is unknown: nothing to tell another agency by
    lead = s[_group_start(s, at) : at]
    if OTHER_UNITS.search(lead):
        return True
    for m in WHOLE_AREA.finditer(lead):
        if not (org.endswith(("政府", "管委会", "管理委员会")) and m.group("level") in org):
            return True
    for m in AGENCY.finditer(lead):
        name = m.group("name")
        if re.search(r"[我本该全]", name) or name in org or org.endswith(name[-4:]):
            continue
        return True
    return False


def _read(sent: Sentence, year: int | None) -> Iterator[Stated]:
    """Every reading of the numbers in one sentence. Cheap tests first: most sentences state no count."""
    s = sent.norm
    if "申请" in s:
        yield from _zero_claims(sent, year)
    if not HAS_COUNT.search(s):
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
    year, org = report.year, report.org
    for sent in all_sentences if all_sentences is not None else _all_sentences(report):
        items = [sent, *_list_items(sent)] if ("分别" in sent.norm or "均" in sent.norm) else [sent]
        for item in items:
            for st in _read(item, year):
                if _other_agency(item.norm, st.at[2], org):
                    continue
                k = (st.section, st.at)
                if k not in best or st.span > best[k].span:
                    best[k] = st
    return list(best.values())


def _all_sentences(report: Report) -> Iterator[Sentence]:
    for sec in TEXT_SECTIONS:
        text = report.text(f"text.{sec.key}")
        if text.strip():
            yield from sentences(text, sec.key)
