"""workbook.msovba compared with what Microsoft Excel writes, with xlwings' own modules, and
inside an .xlsm written by xlsxwriter.

Which file Excel saved: xlwings ships three macro files. ``quickstart.xlsm`` was saved by
Excel (its docProps/core.xml has Excel's layout and its VBA project a real ProjectId);
``quickstart_standalone.xlsm`` and ``addin/xlwings.xlam`` are written by xlwings' release
tooling with Aspose.Cells (one-line core.xml with empty ``<dc:title />`` elements; the .xlam
has an all-zero ProjectId). Claims about Excel are therefore checked against quickstart.xlsm
only; the others are used just as a source of xlwings' module texts.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
from oletools.olevba import VBA_Parser
from test_vbaproject import SHEET_SOURCE, _code_body, _modules, _parsed_modules

from workbook.msovba import VbaModule, build_vba_project, stored_source
from workbook.msovba.project import _encrypt

xlwings = pytest.importorskip("xlwings")
EXCEL_SAVED = Path(xlwings.__file__).parent / "quickstart.xlsm"


def _excel_vba_project() -> bytes:
    with zipfile.ZipFile(EXCEL_SAVED) as archive:
        return archive.read("xl/vbaProject.bin")


def _attribute_header(text: str) -> str:
    """The leading ``Attribute VB_*`` lines of a module, CRLF-terminated."""
    lines = text.split("\r\n")
    return "".join(
        line + "\r\n"
        for line in lines[: next(i for i, l in enumerate(lines) if not l.startswith("Attribute VB_"))]
    )


def test_quickstart_is_the_excel_saved_file() -> None:
    with zipfile.ZipFile(EXCEL_SAVED) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "<dc:title />" not in core  # Aspose.Cells writes empty elements Excel leaves out
    project = olefile.OleFileIO(_excel_vba_project()).openstream("PROJECT").read().decode("cp1252")
    assert 'ID="{00000000-0000-0000-0000-000000000000}"' not in project


def test_document_module_header_is_what_excel_writes() -> None:
    parsed = _parsed_modules(_excel_vba_project(), "quickstart.xlsm")
    excel_book, excel_sheet = _attribute_header(parsed["ThisWorkbook"]), _attribute_header(parsed["Sheet1"])
    assert stored_source(VbaModule("ThisWorkbook", "", "document")) == excel_book
    assert stored_source(VbaModule("Sheet1", SHEET_SOURCE, "document")) == excel_sheet + SHEET_SOURCE
    assert excel_book.count("\r\n") == 8  # VB_Name, VB_Base and the six flags


def _decrypt_fully(hex_text: str) -> tuple[int, bytes, bytes]:
    """MS-OVBA 2.4.3.3 decryption returning (seed, the ignored bytes, the data)."""
    encrypted = bytes.fromhex(hex_text)
    seed, version_enc, project_key_enc = encrypted[:3]
    unencrypted_1, encrypted_1, encrypted_2 = seed ^ project_key_enc, project_key_enc, version_enc
    plain = bytearray()
    for byte_enc in encrypted[3:]:
        plain.append(byte_enc ^ ((encrypted_2 + unencrypted_1) & 0xFF))
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_enc, plain[-1]
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    assert len(plain) == ignored + 4 + length
    return seed, bytes(plain[:ignored]), bytes(plain[ignored + 4 :])


def test_encryption_reproduces_values_excel_wrote() -> None:
    # Excel picks a random seed and ignored bytes; given the same ones, ours must match byte for byte.
    text = olefile.OleFileIO(_excel_vba_project()).openstream("PROJECT").read().decode("cp1252")
    fields = dict(
        line.split("=", 1) for line in text.split("\r\n") if "=" in line and not line.startswith("&H")
    )
    project_id = fields["ID"].strip('"')
    for key in ("CMG", "DPB", "GC"):
        excel_value = fields[key].strip('"')
        seed, ignored, data = _decrypt_fully(excel_value)
        assert _encrypt(data, project_id, seed, ignored) == excel_value, key
    assert _decrypt_fully(fields["GC"].strip('"'))[2] == b"\xff"  # visible, as ours


def test_olevba_decodes_real_xlwings_modules() -> None:
    xlwings = pytest.importorskip("xlwings")
    package = Path(xlwings.__file__).parent
    bas = (package / "xlwings.bas").read_text(encoding="cp1252")
    dictionary = (package / "addin" / "Dictionary.cls").read_text(encoding="cp1252")
    modules = [
        VbaModule("ThisWorkbook", "", "document"),
        VbaModule("Sheet1", "", "document"),
        VbaModule("xlwings", bas, "standard"),
        VbaModule("Dictionary", dictionary, "class"),
    ]
    parsed = _parsed_modules(build_vba_project(modules))
    assert parsed["xlwings"] == bas.replace("\r\n", "\n").replace("\n", "\r\n")
    assert _code_body(parsed["Dictionary"]) == _code_body(dictionary)
    assert 'Attribute VB_Description = "Drop-in replacement' in parsed["Dictionary"]


#####
# ---------------------------------------------------------------------------------------
# An .xlsm written by xlsxwriter
# ---------------------------------------------------------------------------------------


def test_xlsm_with_button_carries_the_project(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    project = build_vba_project(_modules())
    path = tmp_path / "buttons.xlsm"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_vba_project(io.BytesIO(project), is_stream=True)
    workbook.set_vba_name()  # "ThisWorkbook"
    worksheet = workbook.add_worksheet()
    worksheet.set_vba_name()  # "Sheet1"
    worksheet.insert_button("B3", {"macro": "NianbaoButtons.Validate", "caption": "校验"})
    workbook.close()

    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/vbaProject.bin") == project
        assert 'codeName="ThisWorkbook"' in archive.read("xl/workbook.xml").decode()
        assert 'codeName="Sheet1"' in archive.read("xl/worksheets/sheet1.xml").decode()
        vml = archive.read("xl/drawings/vmlDrawing1.vml").decode()
        assert "<x:FmlaMacro>[0]!NianbaoButtons.Validate</x:FmlaMacro>" in vml
        assert "校验" in vml

    parser = VBA_Parser(str(path), relaxed=False)
    try:
        assert parser.type == "OpenXML"
        found = {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
    assert set(found) == {"ThisWorkbook", "Sheet1", "NianbaoButtons", "Counter"}
    assert "Public Sub Validate()" in found["NianbaoButtons"]
