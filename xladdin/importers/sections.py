"""The report's words: title → agency and year, the six sections and 一's （一）…（五） → ``text.*`` keys.

Headings are found by their wording, not only by their numeral, so a renumbered report (an extra
"五、信息处理费收取情况", only five sections) still puts each text where it belongs, and a heading
run into its paragraph (text copied from a web page without line breaks) is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import ROW_MARK

_NUM = r"[一二三四五六七八九十]\s*[、.．，,]\s*"
# wording of each section heading (2021 and 2019 variants); the numeral is matched separately
SECTION_WORDS: dict[str, str] = {
    "s1": r"总体情况",
    "s2": r"主动公开政府信息(?:的)?情况",
    "s3": r"收到和处理政府信息公开申请(?:的)?情况",
    # one stray character is tolerated inside 行政复议 (a published "行政法复议")
    "s4": r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政[^\s、，。；：]?复议\s*[、和及与]?\s*(?:提起)?行政诉讼(?:的)?情况",
    "s5": r"(?:政府信息公开工作)?存在的?主要问题及改进情况",
    "s6": r"其他需要报告的事项",
    "fee": r"(?:政府信息公开)?信息处理费(?:的)?(?:收取|收费)(?:情况)?",  # FORMAT.md §7: an extra section
}
SUB_WORDS = ("主动公开", "依申请公开", "信息管理", "平台建设", "监督保障")
_CN = "一二三四五六七八九"


@dataclass
class Heading:
    key: str
    start: int  # where the heading (with its numeral) starts in the flat text
    end: int  # where its text ends: the section body starts here


def _heading_matches(flat: str, key: str) -> list[Heading]:
    words = SECTION_WORDS[key]
    out = []
    # numbered, anywhere (also run into the preceding paragraph) ...
    for m in re.finditer(rf"{_NUM}(?:{words})", flat):
        out.append(Heading(key, m.start(), m.end()))
    # ... or alone on its line (Word's automatic numbering drops the numeral from the text)
    for m in re.finditer(rf"(?m)^[ \t]*(?:{words})[ \t]*[。：:]?[ \t]*$", flat):
        out.append(Heading(key, m.start(), m.end()))
    return sorted(out, key=lambda h: h.start)


def find_headings(flat: str) -> list[Heading]:
    """The section headings in reading order, at most one per section, positions increasing."""
    chosen: list[Heading] = []
    pos = 0
    for key in ("s1", "s2", "s3", "s4", "s5", "fee", "s6"):
        cands = [h for h in _heading_matches(flat, key) if h.start >= pos]
        if key == "fee":  # only a numbered heading of its own line counts, not a sentence about fees
            cands = [h for h in cands if _own_line(flat, h)]
        if cands:
            chosen.append(cands[0])
            pos = cands[0].end
    return chosen


def _own_line(flat: str, h: Heading) -> bool:
    line_end = flat.find("\n", h.end)
    rest = flat[h.end : line_end if line_end >= 0 else len(flat)]
    return len(rest.strip(" \t。：:")) == 0


def _sub_headings(flat: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """（一）…（九） inside section 一: (ordinal, start, end of the ordinal), in order."""
    out = []
    pos = start
    for i, ch in enumerate(_CN, start=1):
        m = None
        for cand in re.finditer(rf"[（(]\s*{ch}\s*[)）]", flat[pos:end]):
            before = flat[max(0, pos + cand.start() - 1) : pos + cand.start()]
            if before != "第":  # not "第二十条第（一）项"
                m = cand
                break
        if not m:
            break
        out.append((i, pos + m.start(), pos + m.end()))
        pos = pos + m.end()
    return out


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


def _width(line: str) -> int:
    return len(re.sub(r"\s", "", line))


def line_width(flat: str) -> int:
    """The usual length of a full line: lines at least this long that end mid-sentence were wrapped."""
    lengths = sorted(_width(ln) for ln in flat.splitlines() if _width(ln) >= 10)
    if len(lengths) < 5:
        return 10**6
    return lengths[int(len(lengths) * 0.8)]


def tidy(text: str, width: int = 10**6) -> str:
    """Paragraph text: PDF line wraps joined, stray spaces between Chinese and digits removed."""
    lines = [ln.strip() for ln in text.replace(ROW_MARK, "\n").splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    paras: list[str] = []
    last_width = 0
    for ln in lines:
        wrapped = paras and last_width >= 0.8 * width and not re.search(r"[。！？；：!?;:”」）)]$", paras[-1])
        last_width = _width(ln)
        if wrapped and not re.match(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])", ln):
            paras[-1] += ("" if re.search(rf"[{_CJK}]$", paras[-1]) or re.match(rf"^[{_CJK}]", ln) else " ") + ln
        else:
            paras.append(ln)
    out = "\n".join(paras)
    out = re.sub(rf"(?<=[{_CJK}])[ \t]+(?=[\w{_CJK}])", "", out)
    out = re.sub(rf"(?<=[\w{_CJK}])[ \t]+(?=[{_CJK}])", "", out)
    return out.strip()


def _cut(flat: str, start: int, end: int, consumed: list[tuple[int, int]]) -> str:
    """flat[start:end] without the parts the table reader consumed."""
    pieces, pos = [], start
    for a, b in sorted(consumed):
        if b <= pos or a >= end:
            continue
        pieces.append(flat[pos:max(a, pos)])
        pos = max(pos, b)
    pieces.append(flat[pos:end])
    return "".join(pieces)


def _strip_sub_title(body: str) -> str:
    """Drop a standard sub-heading ("主动公开情况。", "依申请公开方面") from a sub-section's start; keep an agency's own."""
    m = re.match(r"^\s*([^。：:\n]{1,20})(?:[。：:]|\n|$)", body)
    if m and any(w in m.group(1) for w in SUB_WORDS):
        return body[m.end():].strip()
    return body


_DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"


def sections(flat: str, consumed: list[tuple[int, int]]) -> tuple[dict[str, str], list[str], str]:
    """texts (text.s1 … text.s6), the keys of the standard sections not found, and the text before section 一."""
    heads = find_headings(flat)
    width = line_width(flat)

    def tidy_w(text: str) -> str:
        return tidy(text, width)

    texts: dict[str, str] = {}
    bounds = [(h, heads[i + 1].start if i + 1 < len(heads) else len(flat)) for i, h in enumerate(heads)]
    for h, end in bounds:
        if h.key == "s1":
            subs = _sub_headings(flat, h.end, end)
            first = subs[0][1] if subs else end
            texts["text.s1"] = tidy_w(_cut(flat, h.end, first, consumed))
            for j, (ordinal, a, b) in enumerate(subs):
                stop = subs[j + 1][1] if j + 1 < len(subs) else end
                key = f"text.s1_{ordinal}" if ordinal <= 5 else "text.s1_5"
                # cut with its ordinal, so that a wrapped first line is as long as the others
                body = tidy_w(_cut(flat, a, stop, consumed))
                body = _strip_sub_title(re.sub(r"^[（(]\s*[一二三四五六七八九]\s*[)）]\s*", "", body))
                texts[key] = (texts[key] + "\n" + body).strip() if key in texts else body
        elif h.key == "fee":  # the fee section's words belong to 六 in the national format
            texts["text.s6"] = (tidy_w(_cut(flat, h.end, end, consumed)) + "\n" + texts.get("text.s6", "")).strip()
        else:
            body = tidy_w(_cut(flat, h.end, end, consumed))
            key = f"text.{h.key}"
            texts[key] = (texts.get(key, "") + "\n" + body).strip() if key in texts else body
    missing = [k for k in ("s1", "s2", "s3", "s4", "s5", "s6") if k not in {h.key for h in heads}]
    preamble = flat[: heads[0].start] if heads else flat
    return texts, missing, preamble


_TITLE = re.compile(
    r"(?P<pre>[^\n]*?)(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<mid>[^\n]*?)(?:政府信息公开|政务公开)[^\n]{0,8}?(?:年度)?(?:工作)?(?:年度)?报告"
)


def title_info(preamble: str) -> tuple[str, str, str]:
    """(agency, year, title line) from the lines before section 一; empty strings when not found."""
    lines = [ln.strip() for ln in preamble.replace(ROW_MARK, "\n").splitlines() if ln.strip()]
    for i, ln in enumerate(lines[:15]):
        if "报告" not in ln:
            continue
        cand = [ln]
        if i > 0 and len(lines[i - 1]) <= 30 and "报告" not in lines[i - 1]:
            cand.append(lines[i - 1] + ln)  # a title set in two lines: agency, then year and 年度报告
        for text in cand:
            compact = re.sub(r"\s+", "", text)
            m = _TITLE.search(compact)
            if not m:
                continue
            pre = re.split(r"[:：]", m.group("pre"))[-1]
            org = pre or m.group("mid")
            org = re.sub(r"^(关于|《)|(关于|的)$", "", org.strip("《》“”\"' "))
            if org:
                return org, m.group("year"), compact
            if text is cand[-1]:
                return "", m.group("year"), compact
    m = re.search(r"统计(?:期限|时限|区间)[^\n。]{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日", preamble)
    return "", (m.group(1) if m else ""), ""


_FOOTER = re.compile(r"主办|承办|版权|网站标识码|ICP|备案|技术支持|网站地图|联系我们|打印本页|关闭窗口|【|】")


def publication_date(preamble: str, tail: str) -> tuple[str, str]:
    """(date as "2025年1月20日", the signature to cut from the end of the last section or "").

    The signature is the agency's name and a date closing the report; web-page footer lines after
    it (主办单位, 网站标识码 …) are cut with it.
    """
    lines = tail.rstrip().splitlines()
    for i in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
        rest = lines[i + 1 :]
        if rest and not all(_FOOTER.search(x) for x in rest):
            break
        sig = re.search(rf"([^\n。]{{0,40}}?)\s*{_DATE}\s*$", lines[i])
        if sig and len(lines[i]) - sig.start() <= 60:
            y, mth, d = sig.group(2), int(sig.group(3)), int(sig.group(4))
            start = i - 1 if i > 0 and len(lines[i - 1]) <= 30 and not re.search(r"[。；，]", lines[i - 1]) and not sig.group(1).strip() else i
            cut = "\n".join(lines[start:]) if start < i else lines[i][sig.start() :] + ("\n" + "\n".join(rest) if rest else "")
            return f"{y}年{mth}月{d}日", cut
    m = re.search(r"(?:发布|成文|印发)(?:日期|时间)\s*[:：]\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})", preamble)
    if m:
        return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", ""
    return "", ""


def contact(preamble: str) -> str:
    """The 联系方式 an agency gives in its opening paragraph (address, phone, e-mail), or ""."""
    text = re.sub(r"\s*\n\s*", "", preamble)
    m = re.search(r"[（(]([^（）()]*(?:电话|地址)[^（）()]*)[）)]", text)
    if m:
        return tidy(m.group(1))
    m = re.search(r"[^。]*(?:联系电话|电话[:：])[^。]*", text)
    return tidy(m.group(0)) if m else ""
