"""``nianbao check``: formats, exit codes, folders, unreadable files, --previous, --annotate, imports."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checks.catalogue import rule_name
from checks.results_sheet import CLEAN
from workbook.layout import LAYOUT, SHEET_RESULTS
from workbook.write import write_report
from xladdin.cli import main
from xladdin.samples import wenxian_2024

SAMPLES = Path("/work/shared/samples")
TEMPLATE_XLSM = Path(__file__).parents[1] / "workbook" / "nianbao_template.xlsm"


def good_report():
    r = wenxian_2024()
    r.texts["text.s1_1"] = r.texts["text.s1_1"].replace("共 4 件", "共 5 件")
    return r


@pytest.fixture
def books(tmp_path):
    """A folder with a correct workbook, the 温县 one (one narrative error) and a damaged file."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(good_report(), folder / "a_ok.xlsx")
    write_report(wenxian_2024(), folder / "b_wenxian.xlsx")
    (folder / "c_broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "notes.md").write_text("not a report")
    return folder


def run(args, capsys):
    code = main(["check", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_correct_workbook_exits_0(books, capsys):
    code, out, _ = run([books / "a_ok.xlsx"], capsys)
    assert code == 0 and "未发现问题" in out


def test_text_report_groups_by_table_and_names_cells(books, capsys):
    code, out, _ = run([books / "b_wenxian.xlsx"], capsys)
    assert code == 1
    assert "【正文】" in out and rule_name("NARR.DOCUMENTS") in out and "NARR.DOCUMENTS" not in out and "主动公开!B5" in out and "应为 5，实际 4" in out


def test_json_schema(books, capsys):
    code, out, _ = run([books / "b_wenxian.xlsx", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1 and list(data) == ["files"]
    [entry] = data["files"]
    assert entry["file"].endswith("b_wenxian.xlsx") and entry["ok"] is False
    [f] = entry["findings"]
    assert set(f) == {"rule", "severity", "message", "cells", "expected", "actual"}
    assert f["rule"] == "NARR.DOCUMENTS" and f["severity"] == "error" and (f["expected"], f["actual"]) == (5, 4)
    assert f["cells"] == [LAYOUT["text.s1_1"].ref, LAYOUT["t2.gfxwj.zf"].ref]


def test_folder_with_an_unreadable_file_exits_2_and_checks_the_others(books, capsys):
    code, out, err = run([books, "--format", "json"], capsys)
    files = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert code == 2
    assert set(files) == {"a_ok.xlsx", "b_wenxian.xlsx", "c_broken.xlsx"}  # notes.md is not a report
    assert files["a_ok.xlsx"]["ok"] and not files["b_wenxian.xlsx"]["ok"]
    assert files["c_broken.xlsx"]["ok"] is False and "c_broken.xlsx" in files["c_broken.xlsx"]["error"]
    assert "共校验 3 个文件" in err and "1 个无法读取" in err


def test_csv_one_finding_per_line(books, capsys):
    code, out, _ = run([books, "--format", "csv"], capsys)
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["文件", "规则", "级别", "单元格", "应为", "实际", "说明"]
    by_file = {(Path(r[0]).name, r[1]) for r in rows[1:]}
    assert by_file == {("b_wenxian.xlsx", "NARR.DOCUMENTS"), ("c_broken.xlsx", "FILE.UNREADABLE")}
    [narr] = [r for r in rows if r[1] == "NARR.DOCUMENTS"]
    assert narr[2] == "错误" and narr[4:6] == ["5", "4"] and "主动公开!B5" in narr[3]


def test_missing_file_is_named_in_chinese(tmp_path, capsys):
    code, out, _ = run([tmp_path / "没有这个文件.xlsx"], capsys)
    assert code == 2 and "找不到文件" in out and "没有这个文件.xlsx" in out


def test_previous_year_carry_over(tmp_path, capsys):
    last = good_report()
    last.texts["info.year"] = "2023"
    last.set("t3.next.zr", 2)
    last.set("t3.new.zr", 35)
    last.fill_totals()
    write_report(last, tmp_path / "2023.xlsx")
    write_report(good_report(), tmp_path / "2024.xlsx")
    code, out, _ = run([tmp_path / "2024.xlsx", "--previous", tmp_path / "2023.xlsx", "--format", "json"], capsys)
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert code == 1 and rules.count("PREV.CARRY_OVER") == 2


def test_previous_needs_a_single_file(books, capsys):
    code, _, err = run([books / "a_ok.xlsx", books / "b_wenxian.xlsx", "--previous", books / "a_ok.xlsx"], capsys)
    assert code == 2 and "--previous 只能与一个待校验文件一起使用" in err


def test_many_files_run_in_worker_processes_in_order(tmp_path, capsys):
    names = []
    for i in range(10):
        r = good_report() if i % 3 else wenxian_2024()
        names.append(tmp_path / f"f{i:02d}.xlsx")
        write_report(r, names[-1])
    code, out, err = run([tmp_path, "--format", "json", "-j", "2"], capsys)
    files = json.loads(out)["files"]
    assert code == 1 and [Path(f["file"]).name for f in files] == [n.name for n in names]
    assert [f["ok"] for f in files] == [bool(i % 3) for i in range(10)]
    assert "4 个有错误" in err


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_annotate_writes_a_marked_copy_and_never_the_input(books, tmp_path, capsys):
    before = {p.name: _digest(p) for p in books.iterdir()}
    out_dir = tmp_path / "out"
    code, out, _ = run([books / "b_wenxian.xlsx", books / "a_ok.xlsx", "--annotate", out_dir], capsys)
    assert code == 1
    assert {p.name: _digest(p) for p in books.iterdir()} == before
    from openpyxl import load_workbook

    wb = load_workbook(out_dir / "b_wenxian_校验.xlsx")
    cell = wb["主动公开"]["B5"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "本年制发件数" in cell.comment.text
    assert wb["正文"]["B4"].comment is not None
    results = wb[SHEET_RESULTS]
    assert wb.active.title == SHEET_RESULTS
    rows = [[c.value for c in row] for row in results.iter_rows()]
    header = rows.index(["序号", "级别", "规则", "说明", "单元格", "应为", "实际", "涉及的全部单元格"])
    [finding] = rows[header + 1 :]
    assert finding[2] == rule_name("NARR.DOCUMENTS") and finding[4] == "正文!B4"
    assert results.cell(header + 2, 5).hyperlink.location == "'正文'!B4"
    ok = load_workbook(out_dir / "a_ok_校验.xlsx")
    assert ok[SHEET_RESULTS]["A2"].value.startswith(CLEAN)  # the summary cell, as the button writes it


def test_annotate_keeps_the_vba_of_an_xlsm(tmp_path, capsys):
    src = tmp_path / "模板.xlsm"
    src.write_bytes(TEMPLATE_XLSM.read_bytes())
    run([src, "--annotate", tmp_path / "out"], capsys)
    out = tmp_path / "out" / "模板_校验.xlsm"
    with zipfile.ZipFile(out) as z:
        assert "xl/vbaProject.bin" in z.namelist()
    assert _digest(src) == _digest(TEMPLATE_XLSM)


def test_annotate_rebuilds_a_published_report_as_a_workbook(tmp_path, capsys):
    code, out, _ = run([SAMPLES / "wenxian_zhengfuban_2024.txt", "--annotate", tmp_path], capsys)
    assert code == 1 and rule_name("NARR.DOCUMENTS") in out
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "wenxian_zhengfuban_2024_txt_校验.xlsx")
    assert wb["主动公开"]["B5"].value == 5 and wb["主动公开"]["B5"].comment is not None


def test_one_file_check_imports_nothing_heavy(books):
    code = (
        "import sys\n"
        "from xladdin.cli import main\n"
        f"rc = main(['check', {str(books / 'b_wenxian.xlsx')!r}])\n"
        "heavy = [m for m in ('openpyxl', 'pandas', 'docx', 'xlwings', 'rich', 'pdfplumber', 'bs4', 'lxml') if m in sys.modules]\n"
        "print('HEAVY', heavy, rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY [] 1" in out


def test_one_negative_number_typed_in_excel_is_reported_once(tmp_path, capsys):
    # A clerk types −3 into 依申请公开!D5; the template's totals (J5, the （七） row…) follow it as formulas.
    # The negative cell and its column's 勾稽 are reported — not the formula total J5, nor the 总计 column again.
    from openpyxl import load_workbook

    write_report(good_report(), tmp_path / "a.xlsx")
    wb = load_workbook(tmp_path / "a.xlsx")
    sheet, cell = LAYOUT["t3.new.zr"].ref.split("!")
    wb[sheet][cell] = -3
    wb.save(tmp_path / "b.xlsx")
    code, out, _ = run([tmp_path / "b.xlsx", "--format", "json"], capsys)
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 1
    assert [f["cells"] for f in findings if f["rule"] == "CELL.NEGATIVE"] == [["依申请公开!D5"]]
    [balance] = [f for f in findings if f["rule"] == "T3.BALANCE"]
    assert balance["cells"][0] == LAYOUT["t3.r7.zr"].ref and "依申请公开!D5" in balance["cells"]
