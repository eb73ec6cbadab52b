"""The macro-enabled template: reproducible build, the VBA project as olevba and LibreOffice read it,
the buttons bound to their macros, the xlwings.conf sheet, and the xlwings Lite variant."""

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwings
from defusedxml import ElementTree as ET

from workbook.build import TEMPLATE_XLSM
from workbook.layout import SHEET_INFO, a1
from workbook.read import read_workbook
from workbook.msovba import stored_source
from workbook.xlsm import BUTTONS, CONF_OPTIONAL, CONF_ROWS, XLWINGS_CONF, vba_modules, xlsm_bytes, xlwings_bas
from xladdin.excel.lite import button_refs, lite_template_bytes

VBA_DIR = Path(__file__).parents[1] / "xladdin" / "excel" / "vba"
UNO_SCRIPT = Path(__file__).parent / "uno" / "xlsm_macros.py"
SYSTEM_PYTHON = "/usr/bin/python3"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
# oletools still uses pyparsing's camelCase API; its deprecation notices are not about this project
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:oletools.olevba")
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("xlsm") / "年报.xlsm"
    path.write_bytes(xlsm_bytes())
    return path


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def sheets_by_name(z: zipfile.ZipFile) -> dict:
    """sheet name → (its <sheet> element in workbook.xml, the part it lives in)."""
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    return {s.get("name"): (s, "xl/" + rels[s.get(REL)]) for s in book.iterfind("m:sheets/m:sheet", NS)}


# ---------------------------------------------------------------- build
def test_build_is_byte_reproducible():
    first, second = xlsm_bytes(), xlsm_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_committed_xlsm_is_a_fresh_build():
    assert TEMPLATE_XLSM.exists(), "run python -m workbook.build"
    assert TEMPLATE_XLSM.read_bytes() == xlsm_bytes(), (
        "workbook/nianbao_template.xlsm is stale: run python -m workbook.build "
        f"(it embeds xlwings.bas of the installed xlwings {xlwings.__version__})"
    )


def test_xlsm_is_macro_enabled_and_still_reads_as_the_template(xlsm):
    with zipfile.ZipFile(xlsm) as z:
        types = z.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
        assert "xl/vbaProject.bin" in z.namelist()
    report = read_workbook(xlsm)
    assert set(report.values) and all(v.value in (0, None) for v in report.values.values())


# ---------------------------------------------------------------- VBA project
def test_vba_sources_are_ascii():
    for path in VBA_DIR.iterdir():
        path.read_bytes().decode("ascii")  # raises on any non-ASCII byte
    xlwings_bas().encode("ascii")


def test_a_non_ascii_vba_source_is_refused_with_its_module_and_line(monkeypatch):
    import workbook.xlsm as xlsm_module

    real = xlsm_module._vba_text
    edited = real("Nianbao.bas").replace("' nianbao: the three", "' nianbao（年报）: the three")
    monkeypatch.setattr(xlsm_module, "_vba_text", lambda name: edited if name == "Nianbao.bas" else real(name))
    with pytest.raises(ValueError, match=r"module 'Nianbao', stored line 2: non-ASCII character '（'"):
        xlsm_bytes()
    cp1252 = b"' caf\xe9\n".decode("utf-8", errors="surrogateescape")  # a byte no UTF-8 editor wrote
    monkeypatch.setattr(xlsm_module, "_vba_text", lambda name: cp1252 + real(name) if name == "Nianbao.bas" else real(name))
    with pytest.raises(ValueError, match=r"module 'Nianbao', stored line 2: non-ASCII character"):
        xlsm_bytes()


def test_olevba_decodes_every_module_to_its_source(xlsm):
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(xlsm))
    try:
        decoded = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
    sheet_count = len(sheets_by_name(zipfile.ZipFile(xlsm)))
    modules = vba_modules(sheet_count)
    assert set(decoded) == {m.name for m in modules}
    for m in modules:
        assert decoded[m.name] == stored_source(m), m.name
    # the texts in the repo / the installed xlwings, unchanged (Excel's attribute header included)
    assert decoded["Nianbao"] == crlf((VBA_DIR / "Nianbao.bas").read_text())
    assert decoded["Dictionary"] == crlf((VBA_DIR / "Dictionary.cls").read_text())
    assert decoded["xlwings"] == crlf(xlwings_bas())


def test_xlwings_module_matches_the_installed_package_version():
    text = xlwings_bas()
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in text
    assert f"xlwings64-{xlwings.__version__}.dll" in text


def test_dictionary_class_is_the_one_xlwings_ships():
    from oletools.olevba import VBA_Parser

    # the copy xlwings ships (quickstart_standalone.xlsm is written by Aspose.Cells, not saved by Excel)
    parser = VBA_Parser(str(Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"))
    try:
        shipped = next(code for _, _, name, code in parser.extract_macros() if name == "Dictionary.cls")
    finally:
        parser.close()
    assert crlf(shipped) == crlf((VBA_DIR / "Dictionary.cls").read_text())


def test_every_button_macro_is_a_sub_that_runs_python():
    from test_runpython_path import runpython_commands

    import xladdin.excel as entry

    commands = runpython_commands()
    for b in BUTTONS:
        call = re.fullmatch(r".*; import xladdin\.excel as nianbao; nianbao\.(\w+)\(\)", commands[b.macro])
        assert call, commands[b.macro]
        assert callable(getattr(entry, call.group(1)))


def test_codenames_match_the_document_modules(xlsm):
    with zipfile.ZipFile(xlsm) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        assert book.find("m:workbookPr", NS).get("codeName") == "ThisWorkbook"
        names = []
        for _, (_, part) in sheets_by_name(z).items():
            names.append(ET.fromstring(z.read(part)).find("m:sheetPr", NS).get("codeName"))
    documents = [m.name for m in vba_modules(len(names)) if m.kind == "document"]
    assert ["ThisWorkbook", *names] == documents


# ---------------------------------------------------------------- buttons and xlwings.conf
def test_buttons_on_the_info_sheet_call_the_macros(xlsm):
    with zipfile.ZipFile(xlsm) as z:
        sheets = sheets_by_name(z)
        _, part = sheets[SHEET_INFO]
        rels_part = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        rels = ET.fromstring(z.read(rels_part))
        vml = next(r.get("Target") for r in rels if r.get("Type").endswith("/vmlDrawing"))
        text = z.read("xl/" + vml.replace("../", "")).decode()
        other_vml = [n for n in z.namelist() if n.endswith(".vml") and n != "xl/" + vml.replace("../", "")]
    shapes = re.findall(r"<v:shape .*?</v:shape>", text, re.S)
    found = []
    for s in shapes:
        caption = re.sub(r"<[^>]+>", "", re.search(r"<v:textbox.*?</v:textbox>", s, re.S).group(0))
        macro = re.search(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", s).group(1)
        col, _, row, _ = (int(x) for x in re.search(r"<x:Anchor>([^<]*)</x:Anchor>", s).group(1).split(",")[:4])
        found.append((caption, macro, row, col))
    assert found == [(b.caption, b.macro, b.row, b.col) for b in BUTTONS]
    assert not other_vml  # no buttons elsewhere


def xlwings_sheet_config(rows: list[list]) -> dict[str, object]:
    """What xlwings.bas GetConfigFromSheet reads: column A from A1 down to the first blank cell."""
    config = {}
    for row in rows:
        if not row or row[0] in ("", None):
            break
        config[str(row[0]).upper()] = row[1] if len(row) > 1 else ""
    return config


def test_xlwings_conf_sheet_is_hidden_and_readable_by_xlwings(xlsm):
    with zipfile.ZipFile(xlsm) as z:
        element, _ = sheets_by_name(z)[XLWINGS_CONF]
    assert element.get("state") == "hidden"
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(xlsm)).get_sheet_by_name(XLWINGS_CONF).to_python()
    config = xlwings_sheet_config(rows)
    assert config == {k: v for k, v, _ in CONF_ROWS}
    assert config["INTERPRETER_WIN"] == "python" and config["ADD_WORKBOOK_TO_PYTHONPATH"] == "False"
    assert config["USE UDF SERVER"] == "False"  # pinned: the add-in's own setting must not switch it on
    # a blank value would shadow the add-in's / user's xlwings.conf: the active block has none
    assert all(v != "" for v in config.values())
    listed = [r[0] for r in rows]
    assert all(k in listed for k, _, _ in CONF_OPTIONAL) and not any(k in config for k, _, _ in CONF_OPTIONAL)


def _conf_of(path) -> dict[str, object]:
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(XLWINGS_CONF)
    return xlwings_sheet_config(sheet.to_python())


@pytest.mark.parametrize("with_pythonw", [True, False])
def test_new_xlsm_on_windows_names_the_running_pythonw(tmp_path, monkeypatch, with_pythonw):
    from xladdin.cli import main

    install = tmp_path / "Python 3.12 安装"  # spaces and Chinese: xlwings quotes the path
    install.mkdir()
    (install / "python.exe").write_bytes(b"MZ")
    if with_pythonw:
        (install / "pythonw.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", str(install / "python.exe"))
    out = tmp_path / "x.xlsm"
    assert main(["new", "-o", str(out)]) == 0
    config = _conf_of(out)
    assert config["INTERPRETER_WIN"] == str(install / ("pythonw.exe" if with_pythonw else "python.exe"))
    assert config["USE UDF SERVER"] == "False"


def test_new_xlsm_elsewhere_keeps_python_on_path(tmp_path, monkeypatch):
    from xladdin.cli import main

    monkeypatch.setattr(sys, "platform", "linux")
    out = tmp_path / "x.xlsm"
    assert main(["new", "-o", str(out)]) == 0
    assert _conf_of(out)["INTERPRETER_WIN"] == "python"


# ---------------------------------------------------------------- LibreOffice
@pytest.mark.libreoffice
def test_libreoffice_lists_the_modules_and_binds_each_button(xlsm, tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed: see tests/run.sh"
    job = {"profile": str(tmp_path / "lo-profile"), "source": str(xlsm)}
    proc = subprocess.run([SYSTEM_PYTHON, str(UNO_SCRIPT)], input=json.dumps(job), capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    codenames = seen["codenames"]
    modules = vba_modules(len(codenames))
    library = seen["libraries"]["VBAProject"]
    assert set(library) == {m.name for m in modules}
    for b in BUTTONS:
        assert re.search(rf"^Sub {b.macro}\(\)", library["Nianbao"], re.M)
    assert "Function RunPython" in library["xlwings"]
    assert seen["workbook_codename"] == "ThisWorkbook"
    assert list(codenames.values()) == [m.name for m in modules if m.kind == "document"][1:]
    buttons = [(b["sheet"], b["label"], [e["code"] for e in b["events"]]) for b in seen["buttons"]]
    assert buttons == [
        (SHEET_INFO, b.caption, [f"vnd.sun.star.script:VBAProject.Nianbao.{b.macro}?language=Basic&location=document"])
        for b in BUTTONS
    ]


# ---------------------------------------------------------------- xlwings Lite variant
def test_lite_template_has_one_linked_shape_per_script_button(tmp_path):
    with zipfile.ZipFile(io.BytesIO(lite_template_bytes())) as z:
        assert "xl/vbaProject.bin" not in z.namelist()
        drawing = z.read("xl/drawings/drawing1.xml").decode()
        rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/drawings/_rels/drawing1.xml.rels"))}
        _, part = sheets_by_name(z)[SHEET_INFO]
        sheet_rels = ET.fromstring(z.read(part.replace("worksheets/", "worksheets/_rels/") + ".rels"))
        assert any(r.get("Target").endswith("drawing1.xml") for r in sheet_rels)
    xdr = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    refs, texts = [], []
    for shape in ET.fromstring(drawing).iter(f"{xdr}sp"):
        props = shape.find(f"{xdr}nvSpPr/{xdr}cNvPr")
        target = rels[props.find(f"{a}hlinkClick").get(REL)]  # "#'基本信息'!D3": a link into the workbook
        refs.append(f"[{props.get('name')}]{target.lstrip('#').replace(chr(39), '')}")
        texts.append("".join(t.text for t in shape.iter(f"{a}t")))
    assert refs == button_refs()
    assert texts == [b.caption for b in BUTTONS]
    assert button_refs() == [f"[TextBox {i + 1}]{SHEET_INFO}!{a1(b.row, b.col)}" for i, b in enumerate(BUTTONS)]
