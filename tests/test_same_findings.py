"""Every command and the Excel button show the same findings for the same report: ``checks.check_report``
is the one list (the importer's doubts first), whichever route reads it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checks import check_report
from workbook.write import write_report
from xladdin import excel
from xladdin.cli import main
from xladdin.importers import load_any
from xladdin.samples import wenxian_2024
from xlbook import book_of

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


def key(f) -> tuple:
    return (f["rule"], f["severity"], f["message"], tuple(f["cells"]))


def run_json(argv, capsys) -> tuple[int, dict]:
    rc = main([str(a) for a in argv])
    return rc, json.loads(capsys.readouterr().out)


def listed_by_word(path: Path, tmp_path: Path, capsys) -> list[str]:
    """The findings ``word`` lists (on stderr, one a line), in order: their messages as printed."""
    main(["word", str(path), "-o", str(tmp_path / "out.docx"), "--force"])
    err = capsys.readouterr().err
    return [line for line in err.splitlines() if line.startswith("  [")]


@pytest.fixture
def workbook(tmp_path) -> Path:
    path = tmp_path / "温县 2024.xlsx"
    write_report(wenxian_2024(), path)
    return path


@pytest.fixture
def published(tmp_path) -> Path:
    path = tmp_path / "温县 2024 年报.txt"
    shutil.copy(SAMPLES / "wenxian_zhengfuban_2024.txt", path)
    return path


def test_a_workbook_gets_one_list_from_check_text_word_and_the_button(workbook, tmp_path, capsys):
    rc, checked = run_json(["check", workbook, "--format", "json"], capsys)
    expected = [key(f) for f in checked["files"][0]["findings"]]
    assert rc == 1 and expected  # the sample's known error, and the list is not trivially empty
    assert [key(f.to_dict()) for f in check_report(load_any(workbook).report)] == expected

    _, text = run_json(["text", workbook, "--json"], capsys)
    assert [key(f) for f in text["findings"]] == expected

    word = listed_by_word(workbook, tmp_path, capsys)
    assert len(word) == len(expected) and all(msg in line for (_, _, msg, _), line in zip(expected, word))

    book, _ = book_of(workbook)
    assert [key(f.to_dict()) for f in excel.validate(book)] == expected


def test_a_published_report_gets_one_list_from_check_import_text_and_word(published, tmp_path, capsys):
    rc, checked = run_json(["check", published, "--format", "json"], capsys)
    expected = [key(f) for f in checked["files"][0]["findings"]]
    assert expected

    _, imported = run_json(["import", published, "-o", tmp_path / "导入.xlsx", "--json"], capsys)
    assert [key(f) for f in imported["import_findings"] + imported["findings"]] == expected
    _, rechecked = run_json(["check", tmp_path / "导入.xlsx", "--format", "json"], capsys)
    assert [key(f) for f in rechecked["files"][0]["findings"]] == [key(f) for f in imported["findings"]]

    _, text = run_json(["text", published, "--json"], capsys)
    assert [key(f) for f in text["findings"]] == expected

    word = listed_by_word(published, tmp_path, capsys)
    assert len(word) == len(expected) and all(msg in line for (_, _, msg, _), line in zip(expected, word))


def test_import_with_doubts_lists_them_first_then_what_check_finds(tmp_path, capsys):
    """A 2019-format report: the importer's doubts lead the list, exactly as ``check`` of the report lists them;
    the rest is what ``check`` of the imported workbook finds."""
    src = tmp_path / "上海 2019.txt"
    shutil.copy(SAMPLES / "shanghai_zhengfu_bangongting_2019.txt", src)
    loaded = load_any(src)
    assert loaded.findings
    _, checked = run_json(["check", src, "--format", "json"], capsys)
    _, imported = run_json(["import", src, "-o", tmp_path / "x.xlsx", "--json"], capsys)
    assert [key(f) for f in imported["import_findings"] + imported["findings"]] == [key(f) for f in checked["files"][0]["findings"]]
    assert [f["rule"] for f in imported["import_findings"]] == [f.rule for f in loaded.findings]


def test_text_output_shows_rule_names_not_ids(workbook, capsys):
    main(["check", str(workbook)])
    out = capsys.readouterr().out
    assert "NARR." not in out and "正文所述文件件数与表格不符" in out
    main(["text", str(workbook)])
    assert "NARR." not in capsys.readouterr().err
