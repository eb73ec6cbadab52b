"""Plain text (.txt): tab-separated lines are table rows; everything else is a line of text.

Text copied from a PDF (cells space-separated, lines wrapped, page numbers interleaved) and from a
web page (cells run together) is kept as lines: the recogniser reads those tables from the words.
Lines starting with "#" are comments (notes a collector put before the report) and are skipped.
"""

from __future__ import annotations

from pathlib import Path

from .document import Doc

ENCODINGS = ("utf-8-sig", "gb18030", "big5")


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_text(text: str) -> Doc:
    doc = Doc(kind="txt")
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.lstrip().startswith("#"):
            continue
        if "\t" in line:
            doc.add_row(line.split("\t"))
        else:
            doc.add_line(line)
    return doc


def read(path: Path) -> Doc:
    return read_text(decode(path.read_bytes()))
