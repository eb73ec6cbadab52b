"""The summary workbook from the command line (``nianbao check --summary``): the same module the web app uses."""

from __future__ import annotations

import subprocess
import sys

from openpyxl import load_workbook

from checks.catalogue import rule_name
from xladdin.aggregate.summary import FINDING_COLUMNS, SUMMARY_COLUMNS


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "xladdin.cli", *map(str, args)], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)


def test_check_summary(tmp_path, sample, clean_sample):
    units = tmp_path / "各单位"
    units.mkdir()
    (units / "甲.xlsx").write_bytes(sample)
    (units / "乙.xlsx").write_bytes(clean_sample)
    (units / "丙.xlsx").write_bytes(b"")
    r = run("check", "各单位", "--summary", "汇总.xlsx", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "已生成汇总工作簿：汇总.xlsx" in r.stderr
    book = load_workbook(tmp_path / "汇总.xlsx", read_only=True)
    rows = list(book["汇总"].iter_rows(values_only=True))
    assert rows[0] == SUMMARY_COLUMNS
    assert [(r[3], r[4], r[5], r[6]) for r in rows[1:]] == [
        ("各单位/丙.xlsx", 0, 0, "无法读取"), ("各单位/乙.xlsx", 0, 0, "通过"), ("各单位/甲.xlsx", 1, 0, "有错误")]
    assert rows[3][1:3] == ("温县人民政府办公室", 2024)
    issues = list(book["问题清单"].iter_rows(values_only=True))
    assert issues[0] == FINDING_COLUMNS
    assert [i[2] for i in issues[1:]] == ["各单位/丙.xlsx", "各单位/甲.xlsx"]
    assert "空文件" in issues[1][7]
    assert issues[2][6] == rule_name("NARR.DOCUMENTS") and "NARR" not in issues[2][6]


def test_summary_never_overwrites_an_input(tmp_path, sample):
    (tmp_path / "甲.xlsx").write_bytes(sample)
    (tmp_path / "旧汇总.xlsx").write_bytes(b"an older summary")
    for target in ("甲.xlsx", "旧汇总.xlsx"):
        r = run("check", "甲.xlsx", "--summary", target, cwd=tmp_path)
        assert r.returncode == 2 and "已存在，为免覆盖，未写入" in r.stderr
        assert r.stdout == ""  # refused before checking
    assert (tmp_path / "甲.xlsx").read_bytes() == sample
    assert (tmp_path / "旧汇总.xlsx").read_bytes() == b"an older summary"
    r = run("check", "甲.xlsx", "--summary", "旧汇总.xlsx", "--force", cwd=tmp_path)
    assert r.returncode == 1 and "已生成汇总工作簿" in r.stderr
    assert (tmp_path / "旧汇总.xlsx").read_bytes()[:2] == b"PK"
    r = run("check", "甲.xlsx", "--summary", "汇总.csv", cwd=tmp_path)
    assert r.returncode == 2 and "应为 .xlsx" in r.stderr
