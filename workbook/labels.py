"""Labels as compared: the one normaliser used by the workbook reader and the importers.

A label typed by a clerk or extracted from a PDF differs from the official one in ways that do not
change its meaning: full-width letters and digits, spaces and line breaks, curly quotes, "1、" or
"1．" for "1.". Both sides of every comparison go through ``norm``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_ORDINAL = re.compile(r"(\d)[、.．](?=\D)")  # "1、" "1．" → "1."; "1.5" stays a number


def _finish(s: str) -> str:
    """Quotes and ordinals; keeps the length, so that ``norm_map``'s index stays valid."""
    return _ORDINAL.sub(r"\1.", s.translate(_QUOTES))


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return _finish(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def norm(text: object) -> str:
    """Text as compared: NFKC, no whitespace, straight quotes, "1、"/"1．" as "1."."""
    return _norm(str(text or ""))


def norm_map(text: str) -> tuple[str, list[int]]:
    """``norm(text)`` and, for each of its characters, the index of the character it came from."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text or ""):
        if ch.isspace():
            continue
        for c in unicodedata.normalize("NFKC", ch):
            out.append(c)
            index.append(i)
    return _finish("".join(out)), index + [len(text or "")]
