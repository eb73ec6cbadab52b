"""Reading one cell's content as a number, the way a clerk meant it, without ever raising."""

from __future__ import annotations

import math
import re
import unicodedata

from .model import State

# Written forms of "none" in published tables and filled workbooks.
DASHES = {"/", "／", "-", "－", "—", "——", "–", "无", "\\", "、"}
ERRORS = {"#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
MAX_COUNT = 10**9  # beyond any real count: 1e15 in a count cell is a typing error


def chinese_numeral(text: str) -> int | None:
    """"五" → 5, "十二" → 12, "一百零三" → 103; None when it is not a plain Chinese numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    if any(a in _CN_DIGITS and b in _CN_DIGITS and a not in "零〇" for a, b in zip(text, text[1:])):
        return None  # "一一", "二三": digits side by side are no numeral (only 零 may precede a digit)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


def _as_int_if_whole(x: float) -> int | float:
    return int(x) if x == int(x) and abs(x) < 2**53 else x


def parse_cell(raw: object) -> tuple[int | float | None, State, str]:
    """Return (value, state, note) for a cell's stored content."""
    if type(raw) is float and math.isfinite(raw):  # the common case first: a number as Excel stores it
        return (int(raw) if raw.is_integer() and abs(raw) < 2**53 else raw), State.NUMBER, ""
    if raw is None:
        return None, State.BLANK, ""
    if isinstance(raw, bool):  # a TRUE/FALSE typed into a count cell
        return None, State.TEXT, "逻辑值"
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and (math.isnan(raw) or math.isinf(raw)):
            return None, State.TEXT, "非数值"
        return _as_int_if_whole(raw) if isinstance(raw, float) else raw, State.NUMBER, ""
    if not isinstance(raw, str):  # dates, times: a date typed into a count cell
        return None, State.TEXT, f"{type(raw).__name__}"
    text = raw.strip()
    if text == "":
        return None, State.BLANK, ""
    if text.upper() in ERRORS:
        return None, State.ERROR, text.upper()
    norm = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").replace("\u2212", "-")  # − (minus sign)
    note = "全角数字" if norm != text.replace(",", "").replace(" ", "") else ""
    if norm in DASHES or text in DASHES:
        return 0, State.DASH, text
    for unit in ("件", "万元", "元", "个", "次"):
        if norm.endswith(unit) and len(norm) > len(unit):
            norm = norm[: -len(unit)]
            note = (note + "，" if note else "") + f"带单位“{unit}”"
            break
    if _NUMBER.fullmatch(norm):
        number = float(norm)
        if not math.isfinite(number):  # "1e400": no count, and int() of it would raise
            return None, State.TEXT, text
        return _as_int_if_whole(number), State.NUMBER, note or "文本格式的数字"
    cn = chinese_numeral(norm)
    if cn is not None:
        return cn, State.NUMBER, f"汉字数字“{text}”"
    return None, State.TEXT, text


def format_number(x: int | float | None, blank: str = "") -> str:
    """A number as people write it: 5 → "5", 5.0 → "5", 0.125 → "0.125", 1/3 → "0.333333"; None as ``blank``.

    The one formatter of the project: messages pass ``blank="（空）"``, the generated text and the Word tables "".
    """
    if x is None:
        return blank
    if isinstance(x, float):
        if x == int(x) and abs(x) < 2**53:
            return str(int(x))
        return f"{x:.6f}".rstrip("0").rstrip(".")
    return str(x)
