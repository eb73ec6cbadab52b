"""Makers of broken and hostile input files, each from a correct workbook or from nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from workbook.layout import LAYOUT
from workbook.write import report_bytes
from xladdin.samples import wenxian_2024

FIXTURES = Path(__file__).parents[1] / "fixtures" / "workbooks"


def good_bytes() -> bytes:
    return report_bytes(wenxian_2024())


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
    from workbook.build import TEMPLATE_XLSM

    return TEMPLATE_XLSM.read_bytes()


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
    def edit(wb):
        ws = wb["主动公开"]
        ws.unmerge_cells("B8:D8")
        ws.merge_cells("A8:B8")

    return _with_openpyxl(edit)


def formula_errors() -> bytes:
    def edit(wb):
        _set(wb, "t3.new.sy", "#REF!", error=True)
        _set(wb, "t3.r1.ky", "#DIV/0!", error=True)
        _set(wb, "t4.fy.jz", "#VALUE!", error=True)

    return _with_openpyxl(edit)


def odd_numbers() -> bytes:
    def edit(wb):
        _set(wb, "t3.new.sy", "三个")
        _set(wb, "t3.new.ky", -2)
        _set(wb, "t3.new.gy", 1.5)
        _set(wb, "t3.new.fl", 1e15)
        _set(wb, "t3.new.qt", "５")
        _set(wb, "t3.prev.zr", "五")

    return _with_openpyxl(edit)


def zip_bomb() -> bytes:
    """A valid-looking xlsx whose sheet part inflates to 300 MB of spaces (about 300 KB zipped)."""
    data = good_bytes()
    part = _sheet_xml_name(data, "填报说明")
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == part:
                with dst.open(part, "w") as w:
                    chunk = b" " * (1 << 20)
                    for _ in range(300):
                        w.write(chunk)
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


def html_not_report() -> bytes:
    return "<html><body><h1>通知</h1><p>关于开展植树活动的通知。</p></body></html>".encode("utf-8")


def docx_not_report() -> bytes:
    import docx

    doc = docx.Document()
    doc.add_paragraph("会议纪要")
    doc.add_paragraph("本次会议研究了办公用品采购事项。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_not_report() -> bytes:
    # A minimal one-page PDF with no report in it (hand-written objects, offsets computed).
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET"
    objs[3] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
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
