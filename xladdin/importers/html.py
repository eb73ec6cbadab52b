"""Web pages (.html/.htm) via lxml: ``<table>`` cells laid on a grid honouring rowspan and colspan.

A merged cell's text sits at its top-left position; the positions it covers are ``None``. Text
outside data tables becomes lines at block boundaries (p, div, br, li, headings). A layout table
that holds the whole page (common on government sites) is read cell by cell as text, and the data
tables inside it as tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbook.errors import UnreadableFile

from .document import Doc

BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer", "title", "dt", "dd", "blockquote", "pre", "center", "hr"}
SKIP = {"script", "style", "noscript", "head", "template", "iframe", "object", "select", "option", "button"}


def _text(el) -> str:
    parts = []
    for node in el.iter():
        if node.tag in ("br", "p", "div") and node is not el:
            parts.append("\n")
        if isinstance(node.tag, str) and node.tag not in SKIP and node.text and not _skipped(node, el):
            parts.append(node.text)
        if node is not el and node.tail and not _skipped(node.getparent(), el):
            parts.append(node.tail)
    text = "".join(parts).replace("\xa0", " ")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def _skipped(node, stop) -> bool:
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and node.tag in SKIP:
            return True
        node = node.getparent()
    return False


def _span(el, name: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", el.get(name, "1")) or 1), 200))
    except ValueError:
        return 1


def table_grid(table) -> list[list[str | None]]:
    """Rows of a table with rowspan/colspan expanded: text at the first position, None elsewhere."""
    rows = [tr for tr in table.iter("tr") if _own(tr, table)]
    grid: list[list[str | None]] = []
    pending: dict[tuple[int, int], bool] = {}  # (row, col) covered by a rowspan from above
    for r, tr in enumerate(rows):
        row: list[str | None] = []
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while pending.pop((r, c), False):
                row.append(None)
                c += 1
            rs, cs = _span(cell, "rowspan"), _span(cell, "colspan")
            row.append(_text(cell))
            row.extend([None] * (cs - 1))
            for dr in range(1, rs):
                for dc in range(cs):
                    pending[(r + dr, c + dc)] = True
            c += cs
        while pending.pop((r, c), False):
            row.append(None)
            c += 1
        grid.append(row)
    return grid


def _own(tr, table) -> bool:
    """The row belongs to this table, not to a table nested in one of its cells."""
    node = tr.getparent()
    while node is not None and node is not table:
        if node.tag == "table":
            return False
        node = node.getparent()
    return True


class _Walker:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.buf: list[str] = []

    def flush(self) -> None:
        text = re.sub(r"[ \t\r\f\v\xa0]+", " ", "".join(self.buf)).strip()
        for line in text.split("\n"):
            self.doc.add_line(line.strip())
        self.buf = []

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP:
            return
        if tag == "table":
            self.flush()
            if any(True for _ in el.iter("table") if _ is not el):
                for cell in el.iter("td", "th"):
                    if _own(cell.getparent(), el):
                        self.walk_children(cell)
                        self.flush()
            else:
                self.doc.add_table(table_grid(el))
            return
        if tag in BLOCKS:
            self.flush()
        if el.text:
            self.buf.append(el.text)
        self.walk_children(el, text=False)
        if tag in BLOCKS:
            self.flush()

    def walk_children(self, el, text: bool = True) -> None:
        if text and el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buf.append(child.tail)


def read_html(data: bytes | str, name: str = "") -> Doc:
    import lxml.html
    from bs4 import UnicodeDammit

    if isinstance(data, bytes):
        dammit = UnicodeDammit(data, ["utf-8", "gb18030"], is_html=True)
        text = dammit.unicode_markup or data.decode("utf-8", errors="replace")
    else:
        text = data
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError for empty or broken documents
        what = f"文件“{name}”的网页内容" if name else "网页内容"
        raise UnreadableFile(f"{what}无法解析。文件可能是空白页或已损坏。") from None
    doc = Doc(kind="html")
    w = _Walker(doc)
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        doc.add_line(title.text_content().strip())
    body = root.find("body")
    w.walk(body if body is not None else root)
    w.flush()
    return doc


def read(path: Path) -> Doc:
    return read_html(path.read_bytes(), path.name)
