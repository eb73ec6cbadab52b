"""Every hostile input through the real command line: ``nianbao check`` (JSON with an annotated copy, in a new
process; text in-process), ``nianbao word`` and, for published reports, ``nianbao import``.

For each: the exit code (2 unreadable, 1 errors found, 0 none), a Chinese message naming the file and,
where there is one, the sheet and cell; no traceback; the input byte-identical afterwards; outputs complete
or absent, with no temporary file left behind.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import python_calamine

from workbook.layout import SHEET_RESULTS
from xladdin.cli import main

from .cases import CASES, CLEAN, FINDINGS, UNREADABLE, Case
from .support import HAN, assert_chinese_message, assert_clean_stderr, case_params, leftovers, nianbao, sha256


def assert_findings(findings: list[dict], case: Case) -> None:
    """The expected rules, and every expected cell named by a finding: in its cells (every format lists them), its
    message naming the sheet, and a finding about the cell's own content naming the cell too."""
    rules = {f["rule"] for f in findings}
    assert set(case.rules) <= rules, rules
    for ref in case.cells:
        sheet, cell = ref.split("!")
        naming = [f for f in findings if ref in f["cells"]]
        assert naming, (ref, findings)
        assert all(HAN.search(f["message"]) for f in naming)
        assert any(sheet in f["message"] for f in naming), naming
        assert all(cell in f["message"] for f in naming if f["rule"].startswith("CELL.")), naming
    for fragment in case.says:
        assert any(fragment in f["message"] for f in findings), (fragment, [f["message"] for f in findings])
    errors = [f for f in findings if f["severity"] == "error"]
    assert bool(errors) == (case.exit == FINDINGS), errors
    if case.exit == CLEAN and not case.rules:
        assert findings == []


def only_file_in(folder, src) -> None:
    assert [p.name for p in folder.iterdir()] == [src.name]


# ---------------------------------------------------------------- nianbao check, a new process per file
@pytest.mark.parametrize("case", case_params())
def test_check_json_with_annotated_copy(case, place, tmp_path):
    src = place(case)
    before = sha256(src)
    out = tmp_path / "标注 副本"
    r = nianbao("check", src, "--format", "json", "--annotate", out)

    assert_clean_stderr(r.stderr)
    assert r.returncode == case.exit, r.stdout + r.stderr
    (result,) = json.loads(r.stdout)["files"]
    assert result["file"] == str(src)
    if case.exit == UNREADABLE:
        assert_chinese_message(result["error"], case, src.name)
        assert result["findings"] == [] and "annotated" not in result
        assert not out.exists() or not any(out.iterdir())
    else:
        assert "error" not in result and "annotate_error" not in result
        assert_findings(result["findings"], case)
        annotated = Path(result["annotated"])
        assert annotated.parent == out and [p.name for p in out.iterdir()] == [annotated.name]  # whole, nothing else
        book = python_calamine.CalamineWorkbook.from_path(str(annotated))
        assert SHEET_RESULTS in book.sheet_names
        if src.suffix == ".xlsm":  # the macros (the buttons' VBA) are kept in the copy
            assert annotated.suffix == ".xlsm" and "xl/vbaProject.bin" in zipfile.ZipFile(annotated).namelist()
    assert sha256(src) == before
    only_file_in(src.parent, src)
    assert leftovers(tmp_path) == []


def test_a_folder_of_every_case_in_one_parallel_run(made, tmp_path):
    """What a supervising office does with the files of a hundred agencies: one run over the folder, in worker
    processes. One bad file stops nothing: every file gets its own result, and the exit code is 2."""
    folder = tmp_path / "各单位 报送"
    folder.mkdir()
    for case in CASES:
        shutil.copyfile(made(case), folder / case.name)
    before = {p.name: sha256(p) for p in folder.iterdir()}
    r = nianbao("check", folder, "--format", "json", "-j", "2")

    assert_clean_stderr(r.stderr)
    assert r.returncode == UNREADABLE
    results = {Path(res["file"]).name: res for res in json.loads(r.stdout)["files"]}
    assert set(results) == {c.name for c in CASES}
    for case in CASES:
        res = results[case.name]
        assert ("error" in res) == (case.exit == UNREADABLE), (case.id, res)
        if case.exit != UNREADABLE:
            assert_findings(res["findings"], case)
    unreadable = sum(c.exit == UNREADABLE for c in CASES)
    assert f"共校验 {len(CASES)} 个文件" in r.stderr and f"{unreadable} 个无法读取" in r.stderr
    assert {p.name: sha256(p) for p in folder.iterdir()} == before


# ---------------------------------------------------------------- nianbao check, text, in-process
@pytest.mark.parametrize("case", case_params())
def test_check_text(case, place, capsys):
    src = place(case)
    before = sha256(src)
    rc = main(["check", str(src)])
    out, err = capsys.readouterr()

    assert_clean_stderr(err)
    assert rc == case.exit, out + err
    if case.exit == UNREADABLE:
        assert f"× {src}：无法读取" in out
        assert_chinese_message(out.split("无法读取", 1)[1], case, src.name)
    else:
        for ref in case.cells:
            assert ref in out, (ref, out)  # "单元格：依申请公开!E5"
        for fragment in case.says:
            assert fragment in out
        assert ("未发现问题" in out) == (case.exit == CLEAN and not case.rules)
    assert sha256(src) == before
    only_file_in(src.parent, src)


# ---------------------------------------------------------------- nianbao word, in-process
@pytest.mark.parametrize("case", case_params())
def test_word_exports_only_a_clean_report(case, place, tmp_path, capsys):
    src = place(case)
    before = sha256(src)
    target = tmp_path / "输出 文件夹" / "年度报告.docx"
    rc = main(["word", str(src), "-o", str(target)])
    out, err = capsys.readouterr()

    assert_clean_stderr(err)
    assert rc == case.exit, out + err
    if case.exit == UNREADABLE:
        assert err.startswith("错误：")
        assert_chinese_message(err, case, src.name)
    elif case.exit == FINDINGS:
        assert f"未生成 Word 报告：“{src.name}”中有" in err
        # the errors are listed with their cells; a long list is cut to "等 N 个单元格"
        assert any(ref in err for ref in case.cells) or re.search(r"等 \d+ 个单元格", err), err
    if case.exit == CLEAN:
        from docx import Document

        assert "已生成 Word 报告" in out
        assert Document(str(target)).paragraphs  # a whole document
        assert [p.name for p in target.parent.iterdir()] == [target.name]
    else:
        assert not target.exists()
    assert sha256(src) == before
    only_file_in(src.parent, src)
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- nianbao import
@pytest.mark.parametrize("case", case_params(lambda c: c.published))
def test_import_refuses_what_is_not_a_report(case, place, tmp_path):
    """A memo, a notice, a one-page PDF or a bomb: exit 2, no workbook written beside it or where -o says."""
    src = place(case)
    before = sha256(src)
    variants = ((), ("-o", tmp_path / "导入 结果" / "年报.xlsx"), ("--json",))
    for extra in variants if "bomb" not in case.id else variants[1:2]:  # a bomb costs 0.4 s per run
        r = nianbao("import", src, *extra)
        assert_clean_stderr(r.stderr)
        assert r.returncode == UNREADABLE, r.stdout + r.stderr
        assert r.stderr.startswith("错误：") and r.stdout == ""
        assert_chinese_message(r.stderr, case, src.name)
        only_file_in(src.parent, src)
        assert not (tmp_path / "导入 结果").exists()
    assert sha256(src) == before
