"""The rule catalogue (checks/catalogue.py) is the one place a rule is declared: every id any finding can
carry is in it, with a Chinese name and description, and people are shown the name, never the id."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from checks import check_report
from checks.catalogue import CATALOGUE, RULE_INFO, finding, rule_name
from checks.findings import ERROR, WARNING
from checks.narrative import ALL_CLAIMS
from checks.rules import RULES
from xladdin.cli import main
from xladdin.importers import load_any
from xladdin.samples import wenxian_2024

ROOT = Path(__file__).parents[1]
SAMPLES = Path(__file__).parent / "fixtures" / "samples"
IMPORTS = Path(__file__).parent / "fixtures" / "import"
RULE_ID = re.compile(r"""["']((?:INFO|CELL|T[234]|PREV|NARR|TEXT|IMPORT|MERGE|FILE)\.[A-Z][A-Z0-9_]*)["']""")
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_entry_is_complete_and_unique():
    ids = [r.id for r in CATALOGUE]
    assert len(ids) == len(set(ids)) and set(ids) == set(RULE_INFO)
    assert len({r.name for r in CATALOGUE}) == len(CATALOGUE)  # a name tells one rule from another
    for r in CATALOGUE:
        assert r.severity in (ERROR, WARNING), r
        assert HAN.search(r.name) and HAN.search(r.description) and HAN.search(r.cells), r
        assert r.description.endswith("。") and not re.search(r"[A-Za-z]{3,}", r.name), r


def _prefixes(tree) -> set[int]:
    """Literals given to str.startswith: a family of ids ("NARR."), not one."""
    return {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith"
        for arg in node.args
    }


def test_every_rule_id_written_in_the_source_is_catalogued():
    found = {}
    for pkg in ("checks", "xladdin", "workbook"):
        for path in (ROOT / pkg).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _prefixes(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                    for m in RULE_ID.finditer(repr(node.value)):
                        found.setdefault(m.group(1), path.relative_to(ROOT).as_posix())
    assert found, "the scan finds the ids the source writes"
    assert {i: p for i, p in found.items() if i not in RULE_INFO} == {}


def test_every_executor_rule_and_claim_is_catalogued_with_its_severity():
    assert {r.id for r in RULES} <= set(RULE_INFO)
    for claim in ALL_CLAIMS:
        assert claim.id in RULE_INFO, claim.id
        assert claim.severity == RULE_INFO[claim.id].severity, claim.id  # until the claims read it from here


def test_an_id_outside_the_catalogue_cannot_make_a_finding():
    with pytest.raises(KeyError):
        finding("NO.SUCH_RULE", "无")
    f = finding("CELL.BLANK", "某表有 1 个单元格未填写。", ("依申请公开!C5",))
    assert f.severity == RULE_INFO["CELL.BLANK"].severity and f.cells == ("依申请公开!C5",)


def _inputs():
    """Every report the project ships as a sample or fixture, as the commands read them."""
    yield "wenxian_2024", wenxian_2024(), []
    for path in [*sorted(SAMPLES.glob("*.txt")), *sorted(IMPORTS.glob("report_2023.*")), IMPORTS / "typos_2022.txt"]:
        loaded = load_any(path)
        yield path.name, loaded.report, loaded.findings


def test_every_finding_on_the_samples_carries_a_catalogued_id_and_severity():
    seen = set()
    for name, report, found in _inputs():
        for f in check_report(report, wenxian_2024(), found):
            assert f.rule in RULE_INFO, (name, f.rule)
            seen.add(f.rule)
            if not (f.rule.startswith("NARR.") and not f.is_error):  # a claim against a blank cell is a reminder
                assert f.severity == RULE_INFO[f.rule].severity, (name, f.rule)
    assert {"NARR.DOCUMENTS", "PREV.ORG", "IMPORT.FORMAT_2019"} <= seen  # the run reaches each kind of rule


def test_every_finding_of_the_hostile_cases_is_catalogued(tmp_path):
    from hostile.cases import CASES, UNREADABLE

    seen = set()
    for case in (c for c in CASES if c.exit != UNREADABLE):  # the unreadable ones: FILE.UNREADABLE, catalogued
        path = tmp_path / case.name
        path.write_bytes(case.make())
        loaded = load_any(path)
        seen |= {f.rule for f in check_report(loaded.report, found=loaded.findings)}
    assert seen and not seen - set(RULE_INFO)


def test_merge_findings_are_catalogued(tmp_path):
    from xladdin.aggregate.merge import Unit, merge_units

    a, b = wenxian_2024(), wenxian_2024()
    b.texts["info.org"] = "另一单位"
    b.set("t3.new.sy", None)
    total, found = merge_units([Unit(tmp_path / "a.xlsx", a, "2021", []), Unit(tmp_path / "b.xlsx", b, "2021", [])])
    assert found and {f.rule for f in found} <= set(RULE_INFO)


def test_rules_command_prints_the_catalogue_in_chinese(capsys):
    assert main(["check", "--rules"]) == 0
    out = capsys.readouterr().out
    for r in CATALOGUE:
        assert r.name in out and r.description in out
        assert r.id not in out
    assert "错误" in out and "提醒" in out


def test_rules_command_as_json_carries_the_ids(capsys):
    assert main(["check", "--rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert [r["id"] for r in rules] == [r.id for r in CATALOGUE]
    assert rules[0].keys() == {"id", "severity", "name", "description", "cells"}


def test_rule_name_of_a_finding():
    assert rule_name("NARR.DOCUMENTS") == RULE_INFO["NARR.DOCUMENTS"].name
