"""nianbao import: published reports (.txt/.pdf/.docx/.html) → Report, cell by cell against the published tables.

Expected values below are typed from the published tables of each sample (tests/fixtures/samples) and
from the synthetic reports' data (tests/fixtures/import/make_fixtures.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from workbook.errors import UnreadableFile
from workbook.layout import LAYOUT, T3_ROWS
from workbook.model import UNREAD_MARK, State
from xladdin.importers import import_report
from xladdin.importers.digits import readings, sums_to_last
from xladdin.importers.html import read_html

HERE = Path(__file__).parent
SAMPLES = HERE / "fixtures" / "samples"
SYNTH = HERE / "fixtures" / "import"
sys.path.insert(0, str(SYNTH))
import make_fixtures as synth  # noqa: E402

T3C = ("zr", "sy", "ky", "gy", "fl", "qt", "zj")
T4C = [(g, c) for g in ("fy", "zs", "fh") for c in ("wc", "jz", "qt", "wj", "zj")]
ZERO7 = (0,) * 7


def t3(rows: dict[str, tuple]) -> dict[str, object]:
    return {f"t3.{r}.{c}": v for r, vals in rows.items() for c, v in zip(T3C, vals)}


def t4(vals: tuple) -> dict[str, object]:
    return {f"t4.{g}.{c}": v for (g, c), v in zip(T4C, vals)}


def t2(rows: dict[str, tuple]) -> dict[str, object]:
    cols = {"gz": ("zf", "fz", "yx"), "gfxwj": ("zf", "fz", "yx"), "xk": ("sl",), "cf": ("sl",), "qz": ("sl",), "sf": ("je",)}
    return {f"t2.{r}.{c}": v for r, vals in rows.items() for c, v in zip(cols[r], vals)}


def assert_cells(report, expected: dict[str, object]) -> None:
    got = {k: report.values[k].value for k in expected}
    wrong = {k: (got[k], v) for k, v in expected.items() if got[k] != v}
    assert not wrong, f"cells differ (got, published): {wrong}"


@pytest.fixture(scope="module")
def imported():
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = import_report(SAMPLES / name if "/" not in name else name)
        return cache[name]

    return get


# ---------------------------------------------------------------- the five samples
WENXIAN = {
    **t2({"gz": (0, 0, 0), "gfxwj": (5, 0, 32), "xk": (0,), "cf": (0,), "qz": (0,), "sf": (0,)}),
    **t3({r.key: ZERO7 for r in T3_ROWS}),
    **t3({"new": (33, 0, 0, 0, 0, 0, 33), "r1": (2, 0, 0, 0, 0, 0, 2), "r4_1": (26, 0, 0, 0, 0, 0, 26), "r4_2": (2, 0, 0, 0, 0, 0, 2),
          "r5_1": (2, 0, 0, 0, 0, 0, 2), "r5_2": (1, 0, 0, 0, 0, 0, 1), "r7": (33, 0, 0, 0, 0, 0, 33)}),
    **t4((2, 0, 0, 0, 2) + (0,) * 10),
}

HUAIAN_T3 = {
    "new": (3001, 53, 0, 0, 61, 4, 3119), "prev": (34, 0, 0, 0, 0, 0, 34), "r1": (1288, 21, 0, 0, 50, 3, 1362),
    "r2": (447, 7, 0, 0, 0, 0, 454), "r3_1": (2, 0, 0, 0, 0, 0, 2), "r3_2": (30, 1, 0, 0, 0, 0, 31), "r3_3": (5, 0, 0, 0, 0, 0, 5),
    "r3_4": (6, 0, 0, 0, 0, 0, 6), "r3_5": (7, 1, 0, 0, 0, 0, 8), "r3_6": (12, 0, 0, 0, 0, 0, 12), "r3_7": (9, 0, 0, 0, 0, 0, 9),
    "r3_8": (105, 0, 0, 0, 0, 0, 105), "r4_1": (746, 12, 0, 0, 10, 1, 769), "r4_2": (11, 0, 0, 0, 0, 0, 11),
    "r4_3": (1, 0, 0, 0, 0, 0, 1), "r5_1": (56, 6, 0, 0, 0, 0, 62), "r5_2": (25, 0, 0, 0, 0, 0, 25), "r5_3": ZERO7, "r5_4": ZERO7,
    "r5_5": (1, 0, 0, 0, 0, 0, 1), "r6_1": (67, 3, 0, 0, 1, 0, 71), "r6_2": (6, 0, 0, 0, 0, 0, 6), "r6_3": (108, 2, 0, 0, 0, 0, 110),
    "r7": (2932, 53, 0, 0, 61, 4, 3050), "next": (103, 0, 0, 0, 0, 0, 103),
}
HUAIAN = {
    **t2({"gz": (1, 0, 11), "gfxwj": (8, 26, 66), "xk": (447228,), "cf": (3985758,), "qz": (88283,), "sf": (96171.6,)}),
    **t3(HUAIAN_T3),
    **t4((72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)),
}


@pytest.mark.parametrize("name", ["huaian_shi_zhengfu_2024.txt", "huaian_shi_zhengfu_2024.pdf"])
def test_huaian_every_cell(imported, name):
    r = imported(name)
    assert r.kind == name.rsplit(".", 1)[1] and r.format == "2021"
    assert_cells(r.report, HUAIAN)
    assert r.report.org == "淮安市人民政府" and r.report.year == 2024
    assert "0517-83605210" in r.report.text("info.contact")
    assert not [f for f in r.findings if f.rule.startswith("IMPORT.")], [f.message for f in r.findings]
    # page numbers and PDF line wraps are gone from the texts; the fee sentence landed in 六
    assert "- 2 -" not in "".join(r.report.texts.values())
    assert "主动公开各类政府信息5500余条" in r.report.text("text.s1_1")
    assert "信息处理费3940元" in r.report.text("text.s6")


def test_wenxian_every_cell(imported):
    r = imported("wenxian_zhengfuban_2024.txt")
    assert_cells(r.report, WENXIAN)
    assert (r.report.org, r.report.year, r.format) == ("温县人民政府办公室", 2024, "2021")
    assert r.findings == []
    assert "共4件" in r.report.text("text.s1_1").replace(" ", "")
    assert r.report.text("text.s5").startswith("2024年，虽然我办")


def test_wenxian_check_finds_documents_4_vs_5_and_no_arithmetic_error(imported):
    from checks import check_report

    found = check_report(imported("wenxian_zhengfuban_2024.txt").report)
    narr = [f for f in found if f.rule.startswith("NARR")]
    assert len(narr) == 1 and "4" in narr[0].message and "5" in narr[0].message
    assert LAYOUT["t2.gfxwj.zf"].ref in narr[0].cells
    assert not [f for f in found if f.rule.split(".")[0] in ("T2", "T3", "T4")]


def test_shanghai_2019_format(imported):
    r = imported("shanghai_zhengfu_bangongting_2019.txt")
    rep = r.report
    assert (rep.org, rep.year, r.format) == ("上海市人民政府办公厅", 2019, "2019")
    assert rep.text("info.date") == "2020年1月31日"
    # blank HTML cells stay blank; 总计 left blank in the sub-rows is read as blank, never filled in
    assert_cells(rep, {
        **t3({"new": (821, 35, None, None, 2, 1, 859), "prev": (18, None, None, None, None, None, 18),
              "r1": (258, 12, None, None, 1, 1, None), "r4_1": (252, 12, None, None, 1, None, None),
              "r3_8": (10, 2, None, None, None, None, None), "r7": (767, 35, None, None, 2, 1, 805),
              "next": (72, None, None, None, None, None, 72)}),
        **t4((5, None, None, 2, 7, 8, None, None, 1, 9) + (None,) * 5),
        # 2019 "处理决定数量" and "本年新制作数量" map; nothing else of table 二 has a 2021 place
        "t2.gz.zf": 13, "t2.gfxwj.zf": 60, "t2.xk.sl": 0, "t2.cf.sl": 0, "t2.gz.yx": None, "t2.sf.je": None,
    })
    assert rep.values["t3.r1.zj"].state is State.BLANK
    rules = {f.rule: f for f in r.findings}
    fmt = rules["IMPORT.FORMAT_2019"]
    assert "对外公开总数量 524" in fmt.message and "政府集中采购" in fmt.message and "251000元" in fmt.message
    assert LAYOUT["t2.gz.yx"].ref in fmt.cells
    assert "IMPORT.T3_OTHER_SINGLE" in rules


def test_shanghai_narrative_mismatches_found(imported):
    from checks import check_report

    found = check_report(imported("shanghai_zhengfu_bangongting_2019.txt").report)
    narr = {f.rule: f.message for f in found if f.rule.startswith("NARR")}
    assert any("258" in m for m in narr.values()), narr  # 予以公开及部分公开 258 vs table
    assert any("265" in m for m in narr.values()), narr  # 无法提供 265 vs table
    assert any("均获维持" in m for m in narr.values()), narr  # vs 尚未审结 3


def test_pingtan_2021_concatenated_cells_recovered(imported):
    r = imported("pingtan_gonganju_2021.txt")
    assert (r.report.org, r.report.year, r.report.text("info.date")) == ("平潭综合实验区公安局", 2021, "2022年1月7日")
    assert_cells(r.report, {
        **t2({"gz": (0, 0, 0), "gfxwj": (0, 0, 2), "xk": (0,), "cf": (141,), "qz": (0,), "sf": (0,)}),
        **t3({k.key: ZERO7 for k in T3_ROWS if k.key not in ("new", "r6_3", "r7", "next")}),
        **t3({"new": (1, 0, 0, 0, 0, 0, 1), "r6_3": (1, 0, 0, 0, 0, 0, 1), "r7": (1, 0, 0, 0, 0, 0, 1), "next": (1, 0, 0, 0, 0, 0, 1)}),
        **t4((0,) * 15),
    })
    assert {f.rule for f in r.findings} == {"IMPORT.RECOVERED"}
    # the texts were cut out of one line: headings found inline, tables removed
    assert r.report.text("text.s1_1").startswith("责任落实更严格")
    assert "第二十条" not in "".join(r.report.texts.values())
    assert r.report.text("text.s6") == "2021年，无收取信息处理费情况。"


def test_pingtan_2024_recovered_or_ambiguous(imported):
    r = imported("pingtan_shiyanqu_2024.txt")
    assert_cells(r.report, {
        **t2({"gz": (0, 0, 0), "xk": (4529,), "cf": (1100,), "qz": (65,), "sf": (18651.06,)}),
        **t3({"new": (217, 1, 0, 0, 0, 0, 218), "r1": (71, 0, 0, 0, 0, 0, 71), "r2": (29, 0, 0, 0, 0, 0, 29),
              "r3_5": (32, 0, 0, 0, 0, 0, 32), "r4_1": (75, 0, 0, 0, 0, 0, 75), "r6_3": (1, 1, 0, 0, 0, 0, 2),
              "r7": (217, 1, 0, 0, 0, 0, 218), "next": ZERO7}),
        **t4((2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19)),
    })
    # "6233440" has no arithmetic to pin it down: reported with its raw text, cells left blank
    amb = [f for f in r.findings if f.rule == "IMPORT.AMBIGUOUS"]
    assert len(amb) == 1 and amb[0].actual == "6233440"
    assert set(amb[0].cells) == {LAYOUT[k].ref for k in ("t2.gfxwj.zf", "t2.gfxwj.fz", "t2.gfxwj.yx")}
    assert r.report.values["t2.gfxwj.zf"].value is None
    rec = [f for f in r.findings if f.rule == "IMPORT.RECOVERED"]
    assert any("21710000218" in f.message and "217、1、0、0、0、0、218" in f.message for f in rec)


# ---------------------------------------------------------------- synthetic reports, not in the samples
SYNTH_CELLS = {
    **t2(synth.T2),
    **t3(synth.T3),
    **t4(synth.T4),
}


@pytest.mark.parametrize("suffix", ["docx", "html", "pdf"])
def test_synthetic_report_every_cell(suffix):
    r = import_report(SYNTH / f"report_2023.{suffix}")
    assert r.kind == suffix and r.format == "2021"
    assert_cells(r.report, SYNTH_CELLS)
    assert r.findings == []
    rep = r.report
    assert (rep.org, rep.year, rep.text("info.date")) == (synth.ORG, synth.YEAR, "2024年1月18日")
    for s, text in synth.TEXTS.items():
        assert rep.text(f"text.{s}") == text, s


def test_typos_one_liners_and_wrapped_text():
    """A 2021 report copied from a PDF: "1、" labels, typos, a missing row, page numbers, table 四 on one line."""
    r = import_report(SYNTH / "typos_2022.txt")
    rep = r.report
    assert (rep.org, rep.year) == ("示例市生态环境局", 2022)
    assert_cells(rep, {
        **t2({"gfxwj": (2, 0, 9), "xk": (315,), "cf": (88,), "qz": (4,), "sf": (0,)}),
        **t3({"new": (20, 5, 0, 0, 2, 0, 27), "r2": (2, 0, 0, 0, 0, 0, 2), "r3_2": ZERO7, "r3_4": (1, 0, 0, 0, 0, 0, 1),
              "r4_1": (6, 2, 0, 0, 1, 0, 9), "r4_2": ZERO7, "r5_5": ZERO7, "r6_3": (0, 1, 0, 0, 0, 0, 1),
              "r7": (21, 5, 0, 0, 2, 0, 28)}),
        **t4((1, 0, 0, 0, 1) + (0,) * 10),
    })
    unread = [f for f in r.findings if f.rule == "IMPORT.UNREAD"]
    assert len(unread) == 1 and "规章" in unread[0].message
    assert set(unread[0].cells) == {LAYOUT[f"t2.gz.{c}"].ref for c in ("zf", "fz", "yx")}
    # an unread cell says so (issue 13): its relations are reported as unchecked, never summed as 0
    assert rep.values["t2.gz.zf"].state is State.TEXT and rep.values["t2.gz.zf"].raw == UNREAD_MARK
    assert rep.text("text.s1") == "2022年，示例市生态环境局坚持以公开为常态、不公开为例外，全面推进政府信息公开工作。"


def test_html_rowspan_colspan_grid():
    doc = read_html(
        "<table><tr><td rowspan='2' colspan='2'>A</td><td>B</td></tr><tr><td>C</td></tr>"
        "<tr><td>1</td><td colspan='2'>2</td></tr></table>"
    )
    assert doc.items == [["A", None, "B"], [None, None, "C"], ["1", "2", None]]


def test_single_value_cell_merged_across_three_columns_counts_once():
    # table 二's 行政许可 value spans three Word columns; it must not become 120412041204 or three numbers
    r = import_report(SYNTH / "report_2023.docx")
    assert r.report["t2.xk.sl"] == 1204


def test_unsupported_and_empty_files(tmp_path):
    with pytest.raises(UnreadableFile, match="不支持"):
        import_report(tmp_path / "report.xyz")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="空文件"):
        import_report(empty)
    with pytest.raises(UnreadableFile, match="找不到"):
        import_report(tmp_path / "missing.pdf")


def test_text_without_tables_reports_every_cell_unread(tmp_path):
    p = tmp_path / "short.txt"
    p.write_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n", encoding="gb18030")
    r = import_report(p)
    rules = [f.rule for f in r.findings]
    assert "IMPORT.NO_TABLES" in rules and r.findings[0].is_error
    unread = {c for f in r.findings if f.rule == "IMPORT.UNREAD" for c in f.cells}
    assert unread == {f.ref for f in LAYOUT.numeric}
    assert (r.report.org, r.report.year) == ("某局", 2024)


# ---------------------------------------------------------------- lost cell boundaries
def test_digit_split_unique_or_ambiguous():
    assert readings(["21710000218"], 7, sums_to_last(7))[0] == [[217, 1, 0, 0, 0, 0, 218]]
    assert readings(["21317000001324019"], 15, sums_to_last(5))[0] == [[2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]]
    found, searched = readings(["6233440"], 3)
    assert searched and len(found) > 1
    assert readings(["12"], 7, sums_to_last(7)) == ([], True)  # too few digits: no reading at all


# ---------------------------------------------------------------- the command
def test_cli_import_writes_workbook_and_checks(tmp_path, capsys):
    from workbook.read import read_workbook
    from xladdin.cli import main

    out = tmp_path / "温县.xlsx"
    rc = main(["import", str(SAMPLES / "wenxian_zhengfuban_2024.txt"), "-o", str(out), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1  # the narrative 4-vs-5 error
    assert data["org"] == "温县人民政府办公室" and data["year"] == 2024 and data["format"] == "2021"
    assert [f["rule"] for f in data["findings"]] == ["NARR.DOCUMENTS"]
    back = read_workbook(out)
    assert_cells(back, WENXIAN)
    assert back.text("info.org") == "温县人民政府办公室" and "共4件" in back.text("text.s1_1").replace(" ", "")


def test_cli_import_text_output(tmp_path, capsys):
    from xladdin.cli import main

    rc = main(["import", str(SAMPLES / "pingtan_shiyanqu_2024.txt"), "-o", str(tmp_path / "p.xlsx")])
    out = capsys.readouterr().out
    assert "已读取：平潭综合实验区 2024" in out and "6233440" in out
    assert rc in (0, 1)
    assert main(["import", str(tmp_path / "nothing.docx"), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "找不到" in capsys.readouterr().err


def test_cli_import_never_overwrites_the_workbook_beside_it(tmp_path, capsys):
    """word writes 报告.docx beside the filled 报告.xlsx; importing that .docx must not destroy the workbook."""
    import hashlib
    import shutil

    from xladdin.cli import main

    src = tmp_path / "报告.txt"
    shutil.copy(SAMPLES / "wenxian_zhengfuban_2024.txt", src)
    assert main(["import", str(src)]) in (0, 1)  # nothing beside it yet: the plain name
    filled = tmp_path / "报告.xlsx"
    assert filled.exists() and str(filled) in capsys.readouterr().out
    before = hashlib.sha256(filled.read_bytes()).hexdigest()
    for name in ("报告（导入）.xlsx", "报告（导入2）.xlsx"):
        assert main(["import", str(src)]) in (0, 1)
        assert str(tmp_path / name) in capsys.readouterr().out
        assert (tmp_path / name).exists()
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.txt", "报告.xlsx", "报告（导入2）.xlsx", "报告（导入）.xlsx"]


def test_one_loader_for_every_command(tmp_path, capsys):
    """load_any: a workbook by the workbook reader, every kind import reads by the importers; check finds in a
    folder exactly the files that loader reads."""
    import shutil

    from workbook.read import read_workbook
    from workbook.write import write_report
    from xladdin.cli import main
    from xladdin.importers import load_any
    from xladdin.samples import wenxian_2024

    book = tmp_path / "温县.xlsx"
    write_report(wenxian_2024(), book)
    got = load_any(book)
    assert got.findings == [] and got.report.numbers() == read_workbook(book).numbers()
    page = tmp_path / "报告.shtml"
    shutil.copy(SYNTH / "report_2023.html", page)
    got = load_any(page)
    assert got.kind == "html" and got.report.numbers() == import_report(page).report.numbers()
    (tmp_path / "说明.md").write_text("不是报告")
    main(["check", str(tmp_path), "--format", "json"])
    assert sorted(Path(f["file"]).name for f in json.loads(capsys.readouterr().out)["files"]) == ["报告.shtml", "温县.xlsx"]
