"""The template's own checks (表格自查, issue 11): compiled from the rules, written on every path that
builds a workbook, only functions every spreadsheet program evaluates alike, protected, never printed
and never read as data."""

import html
import io
import re
import zipfile

import pytest

from checks.formulas import ALLOWED_FUNCTIONS, compile_checks
from workbook.build import HELP_LINES, template_bytes
from workbook.layout import GRIDS, LAYOUT, SHEET_INFO, SHEET_T3
from workbook.read import read_workbook
from workbook.selfcheck import DATA_FILE, HELPER_COL, compiled, dumps, table_extent
from workbook.write import new_template, report_bytes, write_report
from workbook.xlsm import xlsm_bytes
from xladdin.samples import wenxian_2024

STRING = re.compile(r'"(?:[^"]|"")*"')
FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\(")
SHEET_NAME = re.compile(r"'(?:[^']|'')*'!")


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def _formulas(data: bytes) -> list[str]:
    """Every cell formula and conditional-format formula of the workbook, unescaped."""
    out = []
    for name, xml in _parts(data).items():
        if name.startswith("xl/worksheets/sheet"):
            for f in re.findall(r"<(?:f|formula)(?: [^>]*)?>(.*?)</(?:f|formula)>", xml, re.DOTALL):
                out.append(html.unescape(f))
    return out


def _functions(formula: str) -> set[str]:
    bare = SHEET_NAME.sub("", STRING.sub('""', formula))
    return {name.upper() for name in FUNCTION.findall(bare)}


@pytest.fixture(scope="module")
def builds() -> dict[str, bytes]:
    return {"xlsx": template_bytes(), "xlsm": xlsm_bytes(), "filled": report_bytes(wenxian_2024())}


def test_the_committed_compile_equals_a_fresh_one():
    assert DATA_FILE.read_text(encoding="utf-8") == dumps(compile_checks()), "run: python3 -m checks.formulas"
    assert compiled() == compile_checks()


@pytest.mark.parametrize("kind", ["xlsx", "xlsm", "filled"])
def test_every_formula_uses_only_the_functions_all_spreadsheets_share(builds, kind):
    formulas = _formulas(builds[kind])
    assert len(formulas) > 350  # the totals and the self-check cells and formats are all there
    used = set().union(*map(_functions, formulas))
    assert used <= ALLOWED_FUNCTIONS, used - ALLOWED_FUNCTIONS
    assert {"SUM", "IF", "ABS", "COUNTIF", "ISTEXT", "INT"} <= used


def test_the_function_scan_sees_a_forbidden_function():
    assert _functions('=IF(A1>0,TEXTJOIN(",",TRUE,B1:B3),"NOW()")') == {"IF", "TEXTJOIN"}
    assert _functions("='依申请公开'!BI1+LET(x,1,x)") == {"LET"}


def test_every_formula_parses(builds):
    import formulas

    for f in _formulas(builds["xlsx"]):
        formulas.Parser().ast("=" + f)  # raises on anything it cannot parse


@pytest.mark.parametrize("kind", ["xlsx", "xlsm"])
def test_no_defined_name_but_print_settings(builds, kind):
    book = _parts(builds[kind])["xl/workbook.xml"]
    names = re.findall(r'<definedName name="([^"]+)"', book)
    assert names and set(names) <= {"_xlnm.Print_Area", "_xlnm.Print_Titles"}


def test_every_path_that_builds_a_workbook_carries_the_checks(tmp_path):
    from xladdin.excel.lite import lite_template_bytes

    status = LAYOUT["t3.new.zj"].col + 1
    status_ref = f"{chr(65 + status)}1"
    new_template(tmp_path / "new.xlsx", 2024, "某县人民政府办公室")
    write_report(wenxian_2024(), tmp_path / "sample.xlsm")
    made = {
        "new": (tmp_path / "new.xlsx").read_bytes(),
        "xlsm": (tmp_path / "sample.xlsm").read_bytes(),
        "lite": lite_template_bytes(),
    }
    for kind, data in made.items():
        formulas = _formulas(data)
        assert any(f.startswith('IF($BI$1=0,"本表自查：全部相符"') for f in formulas), kind
        assert any("表格自查：全部相符" in f for f in formulas), kind
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "new.xlsx")[SHEET_T3]
    assert ws[status_ref].value.startswith("=IF($BI$1=0")


def test_check_cells_are_outside_the_tables_and_the_print_area():
    for sc in compiled():
        if sc.sheet == SHEET_INFO:
            continue
        r0, c0, r1, c1 = table_extent(sc.sheet)
        assert sc.print_area == (r0, c0, r1, c1)
        grid = next(g for g in GRIDS if g.sheet == sc.sheet)
        assert all(r0 <= f.row <= r1 and c0 <= f.col <= c1 for f in grid.fields)
        for c in sc.cells:
            assert not (r0 <= c.row <= r1 and c0 <= c.col <= c1), (sc.sheet, c)
            assert c.visible or c.col >= HELPER_COL
        visible = [c for c in sc.cells if c.visible]
        assert len(visible) == 1 and visible[0].row == 0 and visible[0].col == c1 + 1


def test_check_sheets_are_protected_and_helpers_hidden(builds):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(io.BytesIO(builds["xlsx"]))
    for sc in compiled():
        ws = wb[sc.sheet]
        assert ws.protection.sheet, sc.sheet
        for c in sc.cells:
            cell = ws.cell(c.row + 1, c.col + 1)
            assert cell.protection.locked, (sc.sheet, cell.coordinate)
        assert ws.column_dimensions[get_column_letter(sc.hidden[0] + 1)].hidden, sc.sheet
        if sc.print_area:
            _r0, _c0, r1, c1 = sc.print_area
            assert ws.print_area.replace("$", "").endswith(f"!A1:{get_column_letter(c1 + 1)}{r1 + 1}")


def test_the_reader_reads_only_the_tables(tmp_path):
    report = wenxian_2024()
    report.values["t3.new.ky"].value += 1  # the status lines now report a difference
    path = tmp_path / "broken.xlsx"
    write_report(report, path)
    back = read_workbook(path)
    assert back.numbers() == report.numbers() and back.notes == []
    assert all(back.text(k) == report.text(k) for k in ("info.org", "info.year", "info.contact"))
    empty = read_workbook(_save(tmp_path / "t.xlsx", template_bytes()))
    assert all(v.value is None or LAYOUT[k].is_total for k, v in empty.values.items())


def _save(path, data):
    path.write_bytes(data)
    return path


def test_the_help_sheet_explains_the_self_check():
    text = "\n".join(HELP_LINES)
    assert "本表自查" in text and "表格自查" in text and "WPS" in text and "宏" in text


def test_annotated_copies_keep_the_checks(tmp_path):
    from openpyxl import load_workbook

    from checks import check_report
    from checks.annotate import annotate

    report = wenxian_2024()
    report.values["t3.new.ky"].value += 1
    source = tmp_path / "report.xlsx"
    write_report(report, source)
    marked = annotate(source, read_workbook(source), check_report(read_workbook(source)), tmp_path / "out.xlsx")
    copied = _formulas(marked.read_bytes())
    assert sum("本表自查" in f for f in copied) == 3
    ws = load_workbook(marked)[SHEET_T3]
    t3 = next(sc for sc in compiled() if sc.sheet == SHEET_T3)
    kept = {(str(cf.sqref), rule.formula[0]) for cf in ws.conditional_formatting for rule in cf.rules}
    assert kept == {(f.ranges, f.formula.lstrip("=")) for f in t3.formats}
    assert ws.column_dimensions["BI"].hidden and ws.protection.sheet


def test_annotated_copies_of_older_workbooks_get_the_checks(tmp_path):
    from checks import check_report
    from checks.annotate import annotate
    from workbook.build import build_workbook

    report = wenxian_2024()
    old = tmp_path / "old.xlsx"
    with open(old, "wb") as fh:
        build_workbook(fh, report, checks=())  # a template from before the self-check
    assert not any("本表自查" in f for f in _formulas(old.read_bytes()))
    read = read_workbook(old)
    marked = annotate(old, read, check_report(read), tmp_path / "old_marked.xlsx")
    fresh = _formulas(report_bytes(report))
    copied = _formulas(marked.read_bytes())
    assert sorted(f for f in copied if "本表自查" in f or "$BI$" in f) == sorted(f for f in fresh if "本表自查" in f or "$BI$" in f)
    assert read_workbook(marked).numbers() == read.numbers()
