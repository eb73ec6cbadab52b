"""nianbao merge: units' workbooks of one year → their sum, on real published numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.layout import LAYOUT
from workbook.read import read_workbook
from workbook.write import write_report
from xladdin.importers import import_report
from xladdin.aggregate.merge import MergeError, Unit, load_unit, merge_units
from xladdin.samples import wenxian_2024

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    d = tmp_path_factory.mktemp("units")
    wx = d / "温县.xlsx"
    write_report(wenxian_2024(), wx)
    ha = d / "淮安.xlsx"
    write_report(import_report(SAMPLES / "huaian_shi_zhengfu_2024.pdf").report, ha)
    return wx, ha


def test_sum_of_two_real_reports(units):
    wx, ha = units
    total, findings = merge_units([load_unit(wx), load_unit(ha)], org="测试汇总")
    assert findings == []
    # 温县 33 + 淮安 3119 new applications; 温县 5 + 淮安 8 行政规范性文件; fees 0 + 96171.6 万元
    assert total["t3.new.zj"] == 33 + 3119
    assert total["t3.new.sy"] == 0 + 53
    assert total["t2.gfxwj.zf"] == 5 + 8
    assert total["t3.r4_1.zr"] == 26 + 746
    assert total["t4.fy.zj"] == 2 + 351
    assert total["t2.sf.je"] == pytest.approx(96171.6)
    assert total.texts["info.units"] == "温县人民政府办公室、淮安市人民政府"
    assert total.org == "测试汇总" and total.year == 2024
    for f in LAYOUT.numeric:  # every cell is the sum of the units' cells
        a, b = load_unit(wx).report[f.key], load_unit(ha).report[f.key]
        assert total[f.key] == pytest.approx(a + b), f.key


def test_refuses_mixed_years_formats_and_duplicates(units, tmp_path):
    wx, ha = units
    pt = load_unit(SAMPLES / "pingtan_gonganju_2021.txt")
    with pytest.raises(MergeError, match="年度不一致"):
        merge_units([load_unit(wx), pt])
    sh = load_unit(SAMPLES / "shanghai_zhengfu_bangongting_2019.txt")
    sh.report.texts["info.year"] = "2024"  # same year, but the 2019 (试行) tables
    with pytest.raises(MergeError, match="2019 年（试行）格式"):
        merge_units([load_unit(wx), sh])
    with pytest.raises(MergeError, match="重复"):
        merge_units([load_unit(wx), load_unit(wx)])
    with pytest.raises(MergeError, match="至少"):
        merge_units([load_unit(wx)])
    no_year = Unit(Path("a.xlsx"), wenxian_2024())
    no_year.report.texts["info.year"] = ""
    with pytest.raises(MergeError, match="未填写报告年度"):
        merge_units([no_year, load_unit(ha)])


def test_blank_in_some_units_is_listed(units):
    wx, _ = units
    pt = load_unit(SAMPLES / "pingtan_shiyanqu_2024.txt")  # 行政规范性文件 unread (ambiguous) → “未能读取”
    total, findings = merge_units([load_unit(wx), pt])
    assert [f.rule for f in findings] == ["MERGE.UNREADABLE", "MERGE.PARTLY_BLANK"]
    assert LAYOUT["t2.gfxwj.zf"].ref in findings[0].cells and "未能读取" in findings[0].message
    assert total["t2.gfxwj.zf"] == 5
    assert total["t3.new.zj"] == 33 + 218


def test_cli_merge(units, tmp_path, capsys):
    from xladdin.cli import main

    wx, ha = units
    out = tmp_path / "合计.xlsx"
    rc = main(["merge", str(wx), str(ha), "-o", str(out), "--org", "某市", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["units"] == ["温县人民政府办公室", "淮安市人民政府"]
    back = read_workbook(out)
    assert back["t3.r7.zj"] == 33 + 3050 and back.org == "某市"
    assert back.text("info.units") == "温县人民政府办公室、淮安市人民政府"
    assert main(["merge", str(wx), str(SAMPLES / "pingtan_gonganju_2021.txt"), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "年度不一致" in capsys.readouterr().err
