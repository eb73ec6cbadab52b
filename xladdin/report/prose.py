"""The report's narrative: sentences that restate the tables, generated from the numbers, and the
agency's own paragraphs with their placeholders resolved.

Which sections get generated sentences (``GENERATED``), and how they combine with the agency's own
text (``text.<s>`` of the 正文 sheet) in the finished report (``Narrative.body``):

* 一、（二）依申请公开 (``s1_2``): the agency's text; the generated summary only when the agency
  wrote nothing there.
* 二 / 三 / 四 (``s2``, ``s3``, ``s4``): the generated sentences, then the agency's text, then the
  table (the Word export adds the table).
* 六 (``s6``): the agency's text; the generated 信息处理费 sentence is added only when that text
  does not already mention 信息处理费.
* 一 (``s1``, ``s1_1``, ``s1_3``…``s1_5``) and 五 (``s5``): the agency's text only.

The generated text never lists a zero ("0件"): zeros read "本年度未收到……", "无……". Previously
generated text in the ``gen.<s>`` cells is ignored: it is an output, regenerated from the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checks.sections import FEE_MENTION, fee_figures, own_paragraphs
from workbook.cells import format_number
from workbook.layout import (
    T2_BLOCKS,
    T3_APPLICANTS,
    T3_CATEGORIES,
    T3_COLUMNS,
    T3_HEAD_LEGAL,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    TEXT_SECTIONS,
)
from workbook.model import Report

GENERATED = ("s1_2", "s2", "s3", "s4", "s6")
SECTION_KEYS = tuple(s.key for s in TEXT_SECTIONS)
HEADINGS = {s.key: s.heading for s in TEXT_SECTIONS}


# ---------------------------------------------------------------- numbers as words
def percent(part: int | float, whole: int | float) -> str:
    """Share with up to two decimals: 6.06%, 100%."""
    return format_number(round(part * 100 / whole, 2)) + "%"


def change(current: int | float, previous: int | float | None, unit: str = "件") -> str:
    """The 同比 phrase in brackets, or "" without a previous year or when both years are zero."""
    if previous is None or (not current and not previous):
        return ""
    diff = current - previous
    if isinstance(diff, float):
        diff = round(diff, 6)
    if diff == 0:
        return "（与上年持平）"
    word, rate = ("增加", "增长") if diff > 0 else ("减少", "下降")
    pct = f"、{rate}{percent(abs(diff), previous)}" if previous else ""
    return f"（较上年{word}{format_number(abs(diff))}{unit}{pct}）"


def _join(items: list[str]) -> str:
    return "、".join(items)


def _short(label: str) -> str:
    """"1.属于国家秘密" → "属于国家秘密"; the bare "3.其他" → "其他情形"."""
    s = re.sub(r"^\d+[.、．]\s*", "", label)
    return "其他情形" if s == "其他" else s


_APPLICANT = {c.key: c.label for c in T3_COLUMNS}
_APPLICANT["qt"] = f"其他{T3_HEAD_LEGAL}"
_LEGAL = tuple(a for a in T3_APPLICANTS if a != "zr")
_SUIT_KIND = {g: sub for g, _, sub in T4_GROUPS if sub}  # 行政诉讼's two kinds: 未经复议直接起诉, 复议后起诉
_ROW_LABEL = {r.key: _short(r.labels[-1]) for r in T3_ROWS}
_T2_LABEL = {r.key: r.labels[0] for b in T2_BLOCKS for r in b.rows}
_T4_PHRASE = {c.key: c.label for c in T4_COLUMNS}


# ---------------------------------------------------------------- the narrative
@dataclass
class Narrative:
    """Generated paragraphs and the agency's own paragraphs (placeholders resolved), per section."""

    generated: dict[str, list[str]] = field(default_factory=dict)
    own: dict[str, list[str]] = field(default_factory=dict)
    fee_stated: bool = False  # the agency's 六 already reports the 信息处理费

    def __getitem__(self, section: str) -> str:
        """The generated text of a section, paragraphs separated by newlines ("" if none)."""
        return "\n".join(self.generated.get(section, ()))

    def body(self, section: str) -> list[str]:
        """The section's paragraphs as printed in the report (tables not included)."""
        own = self.own.get(section, [])
        gen = self.generated.get(section, [])
        if section in ("s2", "s3", "s4"):
            return gen + own
        if section == "s1_2":
            return own or gen
        if section == "s6":
            return own if self.fee_stated else own + gen
        return own

    def as_texts(self) -> dict[str, str]:
        """``gen.<s>`` → text, for the 正文 sheet's 系统生成 column."""
        return {f"gen.{s}": self[s] for s in GENERATED}


def generate(report: Report, previous: Report | None = None) -> Narrative:
    """Generate the sentences that restate the tables; with ``previous``, add 同比 phrases.

    Only text: what is wrong with the report (placeholders, empty sections, …) is ``checks.check_report``'s.
    """
    n = Narrative()
    n.own = {s: own_paragraphs(report, s) for s in SECTION_KEYS}
    n.fee_stated = any(FEE_MENTION.search(p) for p in n.own["s6"])
    g = _Generator(report, previous)
    n.generated = {"s1_2": g.s1_2(), "s2": g.s2(), "s3": g.s3(), "s4": g.s4(), "s6": g.s6()}
    return n


class _Generator:
    def __init__(self, report: Report, previous: Report | None) -> None:
        self.r = report
        self.p = previous
        self.subject = (f"{report.year}年，" if report.year else "本年度，") + (report.org or "本机关")

    def v(self, key: str) -> int | float:
        return self.r[key]

    def pv(self, key: str) -> int | float | None:
        """Last year's value, or None where last year's report leaves it unknown (no 同比 then)."""
        if self.p is None or not self.p.stated(key):
            return None
        return self.p[key]

    def yoy(self, key: str, unit: str = "件") -> str:
        return change(self.v(key), self.pv(key), unit)

    # ---- 一（二）
    def s1_2(self) -> list[str]:
        new, prev, done, nxt = (self.v(f"t3.{k}.zj") for k in ("new", "prev", "r7", "next"))
        if not (new or prev or done or nxt):
            return [f"{self.subject}未收到政府信息公开申请，亦无上年结转的申请。"]
        first = (
            f"新收政府信息公开申请{format_number(new)}件{self.yoy('t3.new.zj')}"
            if new
            else f"未收到新的政府信息公开申请{self.yoy('t3.new.zj')}"
        )
        carried = f"上年结转{format_number(prev)}件" if prev else "无上年结转申请"
        handled = f"本年度办理{format_number(done)}件" if done else "本年度未办结政府信息公开申请"
        onward = f"结转下年度继续办理{format_number(nxt)}件" if nxt else "无结转下年度继续办理的申请"
        return [f"{self.subject}{first}，{carried}；{handled}，{onward}。"]

    # ---- 二
    def _documents(self, row: str) -> str:
        label = _T2_LABEL[row]
        zf, fz, yx = (self.v(f"t2.{row}.{c}") for c in ("zf", "fz", "yx"))
        yoy = self.yoy(f"t2.{row}.zf")
        if zf and fz:
            s = f"制发{label}{format_number(zf)}件{yoy}、废止{format_number(fz)}件"
        elif zf:
            s = f"制发{label}{format_number(zf)}件{yoy}，无废止"
        elif fz:
            s = f"未制发{label}{yoy}，废止{format_number(fz)}件"
        else:
            s = f"未制发、废止{label}{yoy}"
        return s + (f"，现行有效{format_number(yx)}件" if yx else f"，无现行有效{label}")

    def _decisions(self) -> str:
        made, lapsed, none = [], [], []
        for row in (r.key for b in T2_BLOCKS if b.headers[0].key == "sl" for r in b.rows):
            key = f"t2.{row}.sl"
            if self.v(key):
                made.append(f"{_T2_LABEL[row]}决定{format_number(self.v(key))}件{self.yoy(key)}")
            elif self.pv(key):  # none this year, some last year: say so with the change
                lapsed.append(f"未作出{_T2_LABEL[row]}决定{self.yoy(key)}")
            else:
                none.append(_T2_LABEL[row])
        parts = (["作出" + _join(made)] if made else []) + lapsed + ([f"未作出{_join(none)}决定"] if none else [])
        return "；".join(parts)

    def s2(self) -> list[str]:
        docs = "；".join(self._documents(r.key) for r in T2_BLOCKS[0].rows)
        je = self.v("t2.sf.je")
        fee = (
            f"行政事业性收费金额{format_number(je)}万元{self.yoy('t2.sf.je', '万元')}"
            if je
            else f"未收取行政事业性收费{self.yoy('t2.sf.je', '万元')}"
        )
        return [f"{self.subject}{docs}。全年{self._decisions()}；{fee}。"]

    # ---- 三
    def _applicants(self) -> str:
        counts = {a: self.v(f"t3.new.{a}") for a in T3_APPLICANTS}
        nonzero = [a for a in T3_APPLICANTS if counts[a]]
        legal = [a for a in _LEGAL if counts[a]]
        if len(nonzero) == 1:
            return f"，均为{_APPLICANT[nonzero[0]]}申请"
        if counts["zr"] == 0:
            return "，均为法人或其他组织申请，其中" + _join(f"{_APPLICANT[a]}{format_number(counts[a])}件" for a in legal)
        if len(legal) == 1:
            a = legal[0]
            return f"，其中自然人申请{format_number(counts['zr'])}件、{_APPLICANT[a]}申请{format_number(counts[a])}件"
        total = sum(counts[a] for a in legal)
        detail = _join(f"{_APPLICANT[a]}{format_number(counts[a])}件" for a in legal)
        return f"，其中自然人申请{format_number(counts['zr'])}件，{T3_HEAD_LEGAL}申请{format_number(total)}件（{detail}）"

    def _results(self) -> str:
        total = self.v("t3.r7.zj")
        parts, none = [], []
        for _, name, rows in T3_CATEGORIES:
            counts = [(r, self.v(f"t3.{r}.zj")) for r in rows]
            n = sum(c for _, c in counts)
            if not n:
                none.append(name)
                continue
            s = f"{name}{format_number(n)}件"
            if total:
                s += f"，占{percent(n, total)}"
            if len(rows) > 1:
                hit = [(r, c) for r, c in counts if c]
                if len(hit) == 1:
                    s += f"，均为{_ROW_LABEL[hit[0][0]]}"
                else:
                    items = [f"{_ROW_LABEL[r]}{format_number(c)}件" for r, c in hit]
                    # labels that contain "、" themselves (（六）1、2) are separated by commas to stay readable
                    s += "，其中" + ("，" if any("、" in _ROW_LABEL[r] for r, _ in hit) else "、").join(items)
            parts.append(s)
        if not parts:
            return "本年度无办理结果。" if not total else f"本年度办理结果共{format_number(total)}件。"
        out = f"本年度办理结果共{format_number(total)}件：" + "；".join(parts) + "。"
        if none:
            out += f"无{_join(none)}情形。"
        return out

    def s3(self) -> list[str]:
        new, prev, nxt = (self.v(f"t3.{k}.zj") for k in ("new", "prev", "next"))
        if not (new or prev or self.v("t3.r7.zj") or nxt):
            return [f"{self.subject}未收到政府信息公开申请{self.yoy('t3.new.zj')}，亦无上年结转的申请。"]
        if new:
            first = f"{self.subject}新收政府信息公开申请{format_number(new)}件{self.yoy('t3.new.zj')}{self._applicants()}"
        else:
            first = f"{self.subject}未收到新的政府信息公开申请{self.yoy('t3.new.zj')}"
        first += f"；上年结转政府信息公开申请{format_number(prev)}件。" if prev else "；无上年结转申请。"
        onward = f"结转下年度继续办理{format_number(nxt)}件。" if nxt else "无结转下年度继续办理的申请。"
        return [first, self._results() + onward]

    # ---- 四
    def _outcomes(self, group: str, nested: bool = False) -> str:
        """", 其中结果维持2件、尚未审结1件" — or in brackets inside a sentence that already has a 其中."""
        hit = [(c.key, self.v(f"t4.{group}.{c.key}")) for c in T4_COLUMNS[:-1]]
        hit = [(k, n) for k, n in hit if n]
        if not hit:
            return ""
        if len(hit) == 1:
            text = "均尚未审结" if hit[0][0] == "wj" else f"均为{_T4_PHRASE[hit[0][0]]}"
        else:
            text = ("" if nested else "其中") + _join(f"{_T4_PHRASE[k]}{format_number(n)}件" for k, n in hit)
        return f"（{text}）" if nested else f"，{text}"

    def s4(self) -> list[str]:
        fy = self.v("t4.fy.zj")
        zs, fh = self.v("t4.zs.zj"), self.v("t4.fh.zj")
        zs_prev, fh_prev = self.pv("t4.zs.zj"), self.pv("t4.fh.zj")
        lit_prev = None if zs_prev is None or fh_prev is None else zs_prev + fh_prev
        if not (fy or zs or fh) and not self.pv("t4.fy.zj") and not lit_prev:
            return [f"{self.subject}未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"]
        if fy:
            review = f"因政府信息公开工作被申请行政复议{format_number(fy)}件{self.yoy('t4.fy.zj')}{self._outcomes('fy')}"
        else:
            review = f"未发生因政府信息公开工作被申请行政复议的情况{self.yoy('t4.fy.zj')}"
        lit_change = change(zs + fh, lit_prev)
        if zs and fh:
            lit = (
                f"被提起行政诉讼{format_number(zs + fh)}件{lit_change}，其中{_SUIT_KIND['zs']}{format_number(zs)}件"
                f"{self._outcomes('zs', nested=True)}，{_SUIT_KIND['fh']}{format_number(fh)}件{self._outcomes('fh', nested=True)}"
            )
        elif zs or fh:
            g = "zs" if zs else "fh"
            name = _SUIT_KIND[g]
            lit = f"被提起行政诉讼{format_number(zs + fh)}件{lit_change}，均为{name}{self._outcomes(g)}"
        else:
            lit = f"未被提起行政诉讼{lit_change}"
        return [f"{self.subject}{review}；{lit}。"]

    # ---- 六
    def s6(self) -> list[str]:
        out = []
        figures = fee_figures(self.r)
        if figures is not None:
            notices, notified, collected = figures
            if not notices and not collected:
                out.append("本年度未发出信息处理费收费通知，未收取政府信息公开信息处理费。")
            else:
                out.append(
                    f"本年度发出信息处理费收费通知{format_number(notices)}件，通知收取金额{format_number(notified)}元，"
                    f"实际收取信息处理费{format_number(collected)}元。"
                )
        unpaid = self.v("t3.r6_2.zj")
        if unpaid:
            out.append(f"本年度有{format_number(unpaid)}件政府信息公开申请因申请人逾期未按收费通知要求缴纳费用，不再处理。")
        return out


def report_title(report: Report) -> str:
    """"<机关><年度>年政府信息公开工作年度报告"."""
    year = f"{report.year}年" if report.year else ""
    return f"{report.org}{year}政府信息公开工作年度报告"
