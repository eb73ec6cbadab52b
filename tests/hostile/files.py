"""Makers of broken and hostile input files, each from a correct workbook or from nothing."""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from pathlib import Path

from workbook.layout import LAYOUT
from workbook.write import report_bytes
from xladdin.samples import wenxian_2024

FIXTURES = Path(__file__).parents[1] / "fixtures" / "workbooks"
PLAIN_SENTENCE = "本年度继续做好相关工作。"


def clean_report():
    """The bundled sample with every paragraph a check disputes replaced by a plain sentence: no findings at all,
    so whatever a maker breaks is the only thing the checks can report."""
    from checks import check_report

    report = wenxian_2024()
    for finding in check_report(report):
        for ref in finding.cells:
            field = LAYOUT.by_ref.get(tuple(ref.split("!")))
            if field is not None and field.kind == "text":
                report.texts[field.key] = PLAIN_SENTENCE
    return report


@functools.lru_cache(maxsize=2)
def good_bytes(macros: bool = False) -> bytes:
    return report_bytes(clean_report(), macros=macros)


def _rezip(data: bytes, edit) -> bytes:
    """Rewrite an xlsx, passing each part's (name, bytes) through ``edit``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = edit(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def _with_openpyxl(edit) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(good_bytes()))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _set(wb, key: str, value, error=False) -> None:
    f = LAYOUT[key]
    cell = wb[f.sheet][f.cell]
    cell.value = value
    if error:
        cell.data_type = "e"


def _sheet_xml_name(data: bytes, sheet: str) -> str:
    """The zip part of a sheet, e.g. xl/worksheets/sheet3.xml (xlsxwriter numbers sheets in order)."""
    names = ["基本信息", "主动公开", "依申请公开", "复议诉讼", "正文", "填报说明"]
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def empty() -> bytes:
    return b""


def text_named_xlsx() -> bytes:
    return "这不是工作簿，只是一段文字。\n".encode("utf-8")


def truncated_zip() -> bytes:
    data = good_bytes()
    return data[: len(data) // 2]


def corrupt_zip() -> bytes:
    data = bytearray(good_bytes())
    for i in range(2000, 2400):
        data[i] ^= 0x5A
    return bytes(data)


def xls_renamed() -> bytes:
    return (FIXTURES / "wenxian_2024.xls").read_bytes()


def password_protected() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(good_bytes())).encrypt("123456", out)
    return out.getvalue()


def xlsm_with_macros() -> bytes:
    """The filled report as .xlsm with its VBA project and buttons."""
    return good_bytes(macros=True)


def html_named_xls() -> bytes:
    """What many web systems offer as "导出Excel": an HTML table saved with an .xls name."""
    return "<html><body><table><tr><td>依申请公开</td><td>33</td></tr></table></body></html>".encode("utf-8")


def extra_and_hidden_sheets() -> bytes:
    def edit(wb):
        wb.create_sheet("我的草稿")["A1"] = "随手记的数字 12"
        wb["填报说明"].sheet_state = "hidden"

    return _with_openpyxl(edit)


def deleted_sheet() -> bytes:
    return _with_openpyxl(lambda wb: wb.remove(wb["复议诉讼"]))


def renamed_sheet() -> bytes:
    def edit(wb):
        wb["依申请公开"].title = "表三"

    return _with_openpyxl(edit)


def inserted_row() -> bytes:
    def edit(wb):
        ws = wb["依申请公开"]
        ws.unmerge_cells("A7:A28")
        ws.insert_rows(10)

    return _with_openpyxl(edit)


def deleted_row() -> bytes:
    def edit(wb):
        ws = wb["依申请公开"]
        ws.unmerge_cells("A7:A28")
        ws.unmerge_cells("B9:B16")
        ws.delete_rows(12)

    return _with_openpyxl(edit)


def merges_changed() -> bytes:
    """The 行政许可 row's merged B8:D8 split and its label merged over B8; the label of （五）1. merged over
    its 自然人 cell (C20:D20). A merge keeps only its top-left value: B8 and D20 lose theirs, as in Excel."""
    def edit(wb):
        ws = wb["主动公开"]
        ws.unmerge_cells("B8:D8")
        ws.merge_cells("A8:B8")
        wb["依申请公开"].merge_cells("C20:D20")

    return _with_openpyxl(edit)


def formula_errors() -> bytes:
    def edit(wb):
        _set(wb, "t3.new.sy", "#REF!", error=True)
        _set(wb, "t3.r1.ky", "#DIV/0!", error=True)
        _set(wb, "t4.fy.jz", "#VALUE!", error=True)

    return _with_openpyxl(edit)


def number_cell(key: str, value) -> bytes:
    """The clean workbook with one number cell holding ``value`` as typed (text, -2, 1.5, 1e15, "３３", "二" …)."""
    return _with_openpyxl(lambda wb: _set(wb, key, value))


def zip_bomb() -> bytes:
    """A valid-looking xlsx whose sheet part inflates to 300 MB of spaces (about 300 KB zipped)."""
    data = good_bytes()
    part = _sheet_xml_name(data, "填报说明")
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == part:
                _deflated_spaces(dst, part, b"", b"", 300)
            else:
                dst.writestr(info.filename, src.read(info))
    return out.getvalue()


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>"
)


def billion_laughs() -> bytes:
    data = good_bytes()
    part = _sheet_xml_name(data, "依申请公开")

    def edit(name, body):
        if name == part:
            body = body.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', b"")
            return _LAUGHS + body.replace(b"<sheetData>", b"<sheetData><!-- &lol9; -->", 1)
        return body

    return _rezip(data, edit)


def external_entity() -> bytes:
    data = good_bytes()
    part = _sheet_xml_name(data, "依申请公开")

    def edit(name, body):
        if name == part:
            body = body.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', b"")
            return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + body
        return body

    return _rezip(data, edit)


def _xml_body(body: bytes) -> bytes:
    return body.split(b"?>", 1)[1] if body.startswith(b"<?xml") else body


def laughs_in_shared_strings() -> bytes:
    """Billion laughs where calamine reads the cell texts: the first shared string is &lol9; (3 GB if expanded)."""
    def edit(name, body):
        if name == "xl/sharedStrings.xml":
            return _LAUGHS + re.sub(rb"<t>[^<]*</t>", b"<t>&lol9;</t>", _xml_body(body), count=1)
        return body

    return _rezip(good_bytes(), edit)


def external_entity_in_workbook() -> bytes:
    """An external entity (file:///etc/passwd) in the workbook part, which lists the sheets."""
    def edit(name, body):
        if name == "xl/workbook.xml":
            body = _xml_body(body).replace(b'name="', b'name="&xxe;', 1)
            return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + body
        return body

    return _rezip(good_bytes(), edit)


def _deflated_spaces(dst: zipfile.ZipFile, name: str, head: bytes, tail: bytes, megabytes: int) -> None:
    with dst.open(name, "w") as w:
        w.write(head)
        chunk = b" " * (1 << 20)
        for _ in range(megabytes):
            w.write(chunk)
        w.write(tail)


def docx_bomb() -> bytes:
    """A Word document whose body inflates to 300 MB (about 300 KB zipped)."""
    src = zipfile.ZipFile(io.BytesIO(docx_not_report()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = body.rsplit(b"</w:body>", 1)
                _deflated_spaces(dst, info.filename, head, b"</w:body>" + tail, 300)
            else:
                dst.writestr(info.filename, body)
    return out.getvalue()


def _pdf(objs: list[bytes]) -> bytes:
    """A PDF from its objects (numbered from 1, object 1 the catalog), cross-reference offsets computed."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (i, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def _one_page_pdf(content: bytes, filters: bytes = b"") -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), filters, content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_bomb() -> bytes:
    """A one-page PDF whose page content inflates to 400 MB (about 400 KB of FlateDecode)."""
    inflater = zlib.compressobj(9)
    text = b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET\n"
    body = inflater.compress(text) + b"".join(inflater.compress(b" " * (1 << 20)) for _ in range(400)) + inflater.flush()
    return _one_page_pdf(body, b"/Filter /FlateDecode ")


def html_not_report() -> bytes:
    return "<html><body><h1>通知</h1><p>关于开展植树活动的通知。</p></body></html>".encode("utf-8")


def blank_html() -> bytes:
    """A saved page with nothing in it but whitespace."""
    return b"  \r\n\t  \r\n"


def txt_not_report() -> bytes:
    return "今天下午三点在三楼会议室开会，请准时参加。\n".encode("gb18030")


def docx_not_report() -> bytes:
    import docx

    doc = docx.Document()
    doc.add_paragraph("会议纪要")
    doc.add_paragraph("本次会议研究了办公用品采购事项。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_not_report() -> bytes:
    """A one-page PDF that says "Hello" and nothing of a report."""
    return _one_page_pdf(b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET")
