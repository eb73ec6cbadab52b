"""PREV.ORG: the file given as last year's report is another agency's (check --previous and compare)."""

from __future__ import annotations

from checks import check_report
from checks.catalogue import RULE_INFO
from workbook.write import write_report
from xladdin.aggregate.compare import compare
from xladdin.cli import main
from xladdin.samples import wenxian_2024


def _pair(last_org: str):
    this = wenxian_2024()
    last = wenxian_2024()
    last.texts["info.year"] = "2023"
    last.texts["info.org"] = last_org
    return this, last


def test_another_agencys_report_as_last_year_is_a_reminder():
    this, last = _pair("淮安市人民政府")
    [f] = [f for f in check_report(this, last) if f.rule == "PREV.ORG"]
    assert f.severity == RULE_INFO["PREV.ORG"].severity and not f.is_error
    assert "淮安市人民政府" in f.message and "温县人民政府办公室" in f.message and f.cells == ("基本信息!B3",)


def test_the_same_agency_written_with_other_spaces_is_the_same():
    this, last = _pair(" 温县人民政府 办公室 ")
    assert not [f for f in check_report(this, last) if f.rule == "PREV.ORG"]


def test_a_blank_name_on_either_side_is_not_compared():
    this, last = _pair("")
    assert not [f for f in check_report(this, last) if f.rule == "PREV.ORG"]


def test_compare_warns_too():
    this, last = _pair("淮安市人民政府")
    assert "PREV.ORG" in [f.rule for f in compare(this, last).findings]


def test_check_previous_on_the_command_line(tmp_path, capsys):
    this, last = _pair("淮安市人民政府")
    a, b = tmp_path / "本年.xlsx", tmp_path / "上年.xlsx"
    write_report(this, a)
    write_report(last, b)
    main(["check", str(a), "--previous", str(b)])
    out = capsys.readouterr().out
    assert RULE_INFO["PREV.ORG"].name in out and "淮安市人民政府" in out
