"""Reader and writer: round trips, and every odd cell content the issue lists."""

from pathlib import Path

import pytest

from workbook.cells import chinese_numeral, parse_cell
from workbook.errors import NotTemplate, UnreadableFile
from workbook.layout import LAYOUT
from workbook.model import Report, State
from workbook.read import read_workbook
from workbook.write import report_bytes, write_report
from xladdin.samples import wenxian_2024

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"


def test_model_workbook_model_is_identical(tmp_path):
    report = wenxian_2024()
    write_report(report, tmp_path / "w.xlsx")
    back = read_workbook(tmp_path / "w.xlsx")
    assert back.numbers() == report.numbers()
    assert {k: v for k, v in back.texts.items() if v} == {k: v for k, v in report.texts.items() if v}


def test_round_trip_keeps_blanks_and_inconsistent_totals(tmp_path):
    report = Report.from_numbers({"t3.new.zr": 3, "t4.fy.wc": 10, "t4.fy.jz": 1})
    report.set("t4.fy.zj", 0)  # a published total that disagrees with its inputs is kept, not recomputed
    report.set("t3.new.sy", None)
    write_report(report, tmp_path / "w.xlsx")
    back = read_workbook(tmp_path / "w.xlsx")
    assert back.get("t4.fy.zj").value == 0 and back.get("t4.fy.zj").formula is False
    assert back.get("t3.new.sy").state is State.BLANK
    assert back.get("t3.new.zj").value == 3 and back.get("t3.new.zj").formula is True
    assert back.numbers() == report.numbers()


@pytest.mark.parametrize("ext", ["ods", "xls"])
def test_libreoffice_saved_ods_and_xls_read_like_the_xlsx(ext):
    report = read_workbook(FIXTURES / f"wenxian_2024.{ext}")
    expected = wenxian_2024()
    assert report.numbers() == expected.numbers()
    assert report.org == "温县人民政府办公室" and report.year == 2024


@pytest.mark.parametrize(
    "raw,value,state",
    [
        (5.0, 5, State.NUMBER),
        (5, 5, State.NUMBER),
        ("5", 5, State.NUMBER),
        ("５", 5, State.NUMBER),
        (" 5 ", 5, State.NUMBER),
        ("1,234", 1234, State.NUMBER),
        ("12件", 12, State.NUMBER),
        ("五", 5, State.NUMBER),
        ("二十三", 23, State.NUMBER),
        (None, None, State.BLANK),
        ("", None, State.BLANK),
        ("   ", None, State.BLANK),
        ("/", 0, State.DASH),
        ("—", 0, State.DASH),
        ("无", 0, State.DASH),
        ("-", 0, State.DASH),
        ("abc", None, State.TEXT),
        ("#REF!", None, State.ERROR),
        ("#DIV/0!", None, State.ERROR),
        (True, None, State.TEXT),
        (2.5, 2.5, State.NUMBER),
        (-3.0, -3, State.NUMBER),
        (1e15, 10**15, State.NUMBER),
        (float("nan"), None, State.TEXT),
        ("1e400", None, State.TEXT),
        ("\u22123", -3, State.NUMBER),
        ("一一", None, State.TEXT),
    ],
)
def test_parse_cell(raw, value, state):
    got_value, got_state, _ = parse_cell(raw)
    assert (got_value, got_state) == (value, state)


def test_text_numbers_are_noted():
    assert parse_cell("５")[2] == "全角数字"
    assert "汉字数字" in parse_cell("五")[2]
    assert parse_cell(5.0)[2] == ""


def test_chinese_numerals():
    assert [chinese_numeral(s) for s in ("十", "十二", "一百零三", "两千", "三万五千")] == [10, 12, 103, 2000, 35000]
    assert chinese_numeral("五个") is None


def openpyxl_filled(tmp_path, values: dict[str, object], clear_totals=False) -> Path:
    """A workbook as a program such as openpyxl saves it: formulas without cached values."""
    from openpyxl import load_workbook
    import io

    wb = load_workbook(io.BytesIO(report_bytes(None)))
    for key, raw in values.items():
        f = LAYOUT[key]
        cell = wb[f.sheet][f.cell]
        if isinstance(raw, str) and raw.startswith("#"):
            cell.value = raw
            cell.data_type = "e"
        else:
            cell.value = raw
    path = tmp_path / "openpyxl.xlsx"
    wb.save(path)
    return path


def test_formula_without_cached_value_is_computed_not_zero(tmp_path):
    path = openpyxl_filled(tmp_path, {"t3.new.zr": 4, "t3.new.sy": 2, "t3.r1.zr": 6, "t4.fy.wc": 3})
    report = read_workbook(path)
    assert report.get("t3.new.zj").state is State.COMPUTED
    assert report.get("t3.new.zj").value == 6
    assert report.get("t3.r7.zr").value == 6
    assert report.get("t3.r7.zj").value == 6
    assert report.get("t4.fy.zj").value == 3


def test_odd_contents_in_a_saved_workbook(tmp_path):
    path = openpyxl_filled(
        tmp_path,
        {"t3.new.zr": "５", "t3.new.sy": " 5 ", "t3.new.ky": "/", "t3.new.gy": "abc", "t3.new.fl": "#REF!", "t3.new.qt": 2.0, "t2.xk.sl": "无"},
    )
    report = read_workbook(path)
    got = {k: (report.get(k).value, report.get(k).state) for k in ("t3.new.zr", "t3.new.sy", "t3.new.ky", "t3.new.gy", "t3.new.fl", "t3.new.qt", "t2.xk.sl")}
    assert got == {
        "t3.new.zr": (5, State.NUMBER),
        "t3.new.sy": (5, State.NUMBER),
        "t3.new.ky": (0, State.DASH),
        "t3.new.gy": (None, State.TEXT),
        "t3.new.fl": (None, State.ERROR),
        "t3.new.qt": (2, State.NUMBER),
        "t2.xk.sl": (0, State.DASH),
    }
    assert report.get("t3.new.zr").ref == "依申请公开!D5"


def test_typed_over_total_is_seen(tmp_path):
    path = openpyxl_filled(tmp_path, {"t3.new.zr": 4, "t3.new.zj": 9})
    report = read_workbook(path)
    assert report.get("t3.new.zj").formula is False and report.get("t3.new.zj").value == 9
    assert report.get("t3.prev.zj").formula is True


def test_inserted_row_is_located_by_its_label(tmp_path):
    from openpyxl import load_workbook
    import io

    wb = load_workbook(io.BytesIO(report_bytes(Report.from_numbers({"t3.next.zr": 7}))))
    ws = wb["依申请公开"]
    ws.unmerge_cells("A7:A28")  # openpyxl cannot shift merged ranges: unmerge first, as a user's edit would
    ws.insert_rows(6)
    path = tmp_path / "inserted.xlsx"
    wb.save(path)
    report = read_workbook(path)
    assert report.get("t3.next.zr").value == 7
    assert report.get("t3.next.zr").cell == "D30"
    assert report.notes


def test_missing_sheet_names_it(tmp_path):
    from openpyxl import load_workbook
    import io

    wb = load_workbook(io.BytesIO(report_bytes(None)))
    del wb["复议诉讼"]
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(NotTemplate, match="复议诉讼"):
        read_workbook(path)


def test_deleted_row_names_the_missing_label(tmp_path):
    from openpyxl import load_workbook
    import io

    wb = load_workbook(io.BytesIO(report_bytes(None)))
    ws = wb["依申请公开"]
    ws["C10"].value = None  # the label "2.其他法律行政法规禁止公开" is gone
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(NotTemplate, match="其他法律行政法规禁止公开"):
        read_workbook(path)


def test_2019_format_table_is_recognised(tmp_path):
    from openpyxl import load_workbook
    import io

    wb = load_workbook(io.BytesIO(report_bytes(None)))
    ws = wb["依申请公开"]
    for cell in ("C25", "C26", "C27"):
        ws[cell].value = None
    ws.unmerge_cells("B25:B27")
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(NotTemplate, match="2019"):
        read_workbook(path)


@pytest.mark.parametrize(
    "content,match",
    [(b"", "空文件"), (b"hello, not a workbook", "不是 Excel"), (b"PK\x03\x04broken", "已损坏"), (b"<html><table></table></html>", "网页")],
)
def test_unreadable_files_get_chinese_messages(tmp_path, content, match):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=match):
        read_workbook(path)


def test_reader_never_writes_the_input(tmp_path):
    path = tmp_path / "w.xlsx"
    write_report(wenxian_2024(), path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    read_workbook(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_writer_output_is_not_private(tmp_path):
    path = tmp_path / "w.xlsx"
    write_report(None, path)
    assert path.stat().st_mode & 0o044  # readable by the group/others per umask, unlike a bare mkstemp file
