"""PDF (.pdf) via pdfplumber: ruled tables as rows (``extract_tables``), the rest as text lines.

Per page, table rows and the text lines outside the tables are merged by their vertical position,
so a table split across pages simply continues. Page numbers ("- 1 -", a bare "3" at the foot of
page 3) are dropped. Tables drawn without rules come out as text and are read from the words.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from workbook.errors import UnreadableFile

from .document import Doc, is_page_number


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)


MAX_INFLATED_BYTES = 200 * 2**20  # pdfminer inflates each stream whole: a few MB of Flate can hold gigabytes
_STREAM = re.compile(rb"stream\r?\n")


def _check_inflated(path: Path) -> None:
    """Inflate every zlib stream of the file once in bounded steps, so that a PDF bomb stops here.

    Streams are found by their keyword, not by parsing: an image or a non-Flate stream fails at once and costs nothing."""
    data = path.read_bytes()
    view = memoryview(data)  # slices without copies
    total = 0
    for m in _STREAM.finditer(data):
        inflater, pos = zlib.decompressobj(), m.end()
        try:
            while not inflater.eof:
                chunk = inflater.unconsumed_tail or view[pos : pos + (1 << 16)]
                if not chunk:
                    break
                if not inflater.unconsumed_tail:
                    pos += len(chunk)
                total += len(inflater.decompress(chunk, 1 << 20))
                if total > MAX_INFLATED_BYTES:
                    raise UnreadableFile(
                        f"文件“{path.name}”解压后超过 {MAX_INFLATED_BYTES // 2**20} MB，不是正常的 PDF 文档，已拒绝读取。"
                    )
        except zlib.error:
            continue


def read(path: Path) -> Doc:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    doc = Doc(kind="pdf")
    try:
        _check_inflated(path)
    except OSError as exc:
        raise UnreadableFile(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, Exception):  # pdfminer raises several types for damaged or encrypted files
        raise UnreadableFile(f"文件“{path.name}”无法作为 PDF 打开。文件可能已损坏或设置了密码。") from None
    chars = 0
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                tables = page.find_tables()
            except Exception:  # a malformed page: its words are still read as text below
                tables = []
            boxes = [t.bbox for t in tables]
            text_page = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) if boxes else page
            lines = [(ln["top"], ln["text"]) for ln in text_page.extract_text_lines(layout=False, strip=True)]
            chars += sum(len(t) for _, t in lines)
            # a bare number alone at the top or foot of the page is its page number
            for edge in (0, -1):
                if lines and re.fullmatch(r"\s*\d{1,3}\s*", lines[edge][1]) and int(lines[edge][1]) in (number, number - 1, number + 1):
                    lines.pop(edge)
            items: list[tuple[float, object]] = [(top, text) for top, text in lines if not is_page_number(text)]
            for t in tables:
                try:
                    rows = t.extract()
                except Exception:
                    continue
                chars += sum(len(c or "") for r in rows for c in r)
                items.append((t.bbox[1], rows))
            for _, item in sorted(items, key=lambda x: x[0]):
                if isinstance(item, str):
                    doc.add_line(item)
                else:
                    doc.add_table([[None if c is None else c for c in r] for r in item])
    if chars == 0:
        raise UnreadableFile(f"“{path.name}”中没有可读取的文字（可能是扫描件或图片），无法自动导入，请人工录入。")
    return doc
