"""The JSON API through the framework's test client: each endpoint, and the same answers as the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile

from docx import Document
from openpyxl import load_workbook

from workbook.colours import ERROR_FILL, argb
from workbook.layout import LAYOUT, SHEET_RESULTS

from .conftest import SAMPLE_NAME

T2_DOCS = LAYOUT["t2.gfxwj.zf"]


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_check_is_exactly_the_command_line_json(client, sample, tmp_path):
    (tmp_path / SAMPLE_NAME).write_bytes(sample)
    cli = subprocess.run([sys.executable, "-m", "xladdin.cli", "check", SAMPLE_NAME, "--format", "json"],
                         cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=False)
    r = client.post("/api/check", files={"file": (SAMPLE_NAME, sample)})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.text == cli.stdout
    data = r.json()
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["NARR.DOCUMENTS"]
    assert T2_DOCS.ref in data["files"][0]["findings"][0]["cells"]


def test_check_many_files_in_order(client, sample, clean_sample):
    files = [("file", ("甲.xlsx", sample)), ("file", ("乙.xlsx", clean_sample)), ("file", ("丙.txt", "随便写的几句话。".encode()))]
    data = client.post("/api/check", files=files).json()["files"]
    assert [f["file"] for f in data] == ["甲.xlsx", "乙.xlsx", "丙.txt"]
    assert [f["ok"] for f in data] == [False, True, False]
    assert "不是政府信息公开工作年度报告" in data[2]["error"] and "丙.txt" in data[2]["error"]


def test_marked_copy(client, sample):
    r = client.post("/api/marked", files={"file": (SAMPLE_NAME, sample)})
    assert r.status_code == 200
    assert "filename*=UTF-8''" + "%E6%B8%A9%E5%8E%BF" in r.headers["content-disposition"]  # 温县, RFC 5987
    book = load_workbook(io.BytesIO(r.content))
    assert SHEET_RESULTS in book.sheetnames
    assert book[T2_DOCS.sheet][T2_DOCS.cell].fill.fgColor.rgb.endswith(argb(ERROR_FILL))


def test_word_refused_then_draft(client, sample, clean_sample):
    r = client.post("/api/word", files={"file": (SAMPLE_NAME, sample)})
    assert r.status_code == 409
    body = r.json()
    assert "1 个错误" in body["error"] and "draft=1" in body["error"]
    assert [f["rule"] for f in body["findings"]] == ["NARR.DOCUMENTS"]

    r = client.post("/api/word", files={"file": (SAMPLE_NAME, sample)}, data={"draft": "1"})
    assert r.status_code == 200
    assert "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89.docx" in r.headers["content-disposition"]  # （草稿）
    doc = Document(io.BytesIO(r.content))
    assert "草稿" in "".join(p.text for s in doc.sections for p in s.header.paragraphs)

    r = client.post("/api/word", files={"file": ("清洁.xlsx", clean_sample)})
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    assert "草稿" not in "".join(p.text for s in doc.sections for p in s.header.paragraphs)
    assert any("温县人民政府办公室" in p.text for p in doc.paragraphs)


def test_text(client, sample):
    r = client.post("/api/text", files={"file": (SAMPLE_NAME, sample)})
    assert r.status_code == 200
    data = r.json()
    assert data["title"] == "温县人民政府办公室2024年政府信息公开工作年度报告"
    assert any("规范性文件，共 4 件" in p for p in data["body"]["s1_1"])
    assert "33件" in data["generated"]["s3"]
    assert [f["rule"] for f in data["findings"]] == ["NARR.DOCUMENTS"]


def test_unreadable_file_gets_its_chinese_error(client):
    for path in ("/api/marked", "/api/word", "/api/text"):
        r = client.post(path, files={"file": ("坏文件.xlsx", b"PK\x03\x04 broken")})
        assert r.status_code == 422, path
        assert "坏文件.xlsx" in r.json()["error"] and "已损坏" in r.json()["error"]


def test_one_file_endpoints_take_one_file(client, sample):
    r = client.post("/api/word", files=[("file", ("a.xlsx", sample)), ("file", ("b.xlsx", sample))])
    assert r.status_code == 400 and "一次只处理一个文件" in r.json()["error"]


def wait(client, job: str) -> dict:
    for _ in range(300):
        status = client.get(f"/api/jobs/{job}").json()
        if status["finished"]:
            return status
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_batch_job_and_downloads(client, sample, clean_sample):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("乡镇/城关镇.xlsx", sample)
        z.writestr("乡镇/西关镇.xlsx", clean_sample)
        z.writestr("说明.doc.txt.bak", b"skip me")
        z.writestr("乡镇/~$城关镇.xlsx", b"lock file")
    r = client.post("/api/batch", files={"file": ("全县.zip", buf.getvalue())})
    assert r.status_code == 202
    started = r.json()
    assert started["total"] == 2 and started["skipped"] == ["说明.doc.txt.bak"]
    status = wait(client, started["id"])
    assert status["done"] == 2 and not status["failed"]
    assert [(f["file"], f["errors"], f["conclusion"]) for f in status["files"]] == [
        ("乡镇/城关镇.xlsx", 1, "有错误"), ("乡镇/西关镇.xlsx", 0, "通过")]

    book = load_workbook(io.BytesIO(client.get(status["summary"]).content))
    assert book.sheetnames == ["汇总", "问题清单"]
    rows = list(book["汇总"].iter_rows(values_only=True))
    assert rows[1][1:] == ("温县人民政府办公室", 2024, "乡镇/城关镇.xlsx", 1, 0, "有错误")
    issues = list(book["问题清单"].iter_rows(values_only=True))
    assert issues[0] == ("序号", "机关名称", "文件", "表格", "单元格", "级别", "问题", "说明")
    assert issues[1][2:6] == ("乡镇/城关镇.xlsx", "正文", f"B4、{T2_DOCS.ref}", "错误")
    assert "NARR" not in issues[1][6]  # a Chinese name, never the rule id

    z = zipfile.ZipFile(io.BytesIO(client.get(status["marked"]).content))
    assert sorted(z.namelist()) == ["乡镇/城关镇_校验.xlsx", "乡镇/西关镇_校验.xlsx"]
    marked = load_workbook(io.BytesIO(z.read("乡镇/城关镇_校验.xlsx")))
    assert marked[T2_DOCS.sheet][T2_DOCS.cell].fill.fgColor.rgb.endswith(argb(ERROR_FILL))


def test_unknown_job(client):
    r = client.get("/api/jobs/nothing-here")
    assert r.status_code == 404 and "重新上传" in r.json()["error"]
    r = client.get("/jobs/nothing-here/1", headers={"accept": "text/html"})
    assert r.status_code == 404 and "重新上传" in r.text


def test_unknown_page_and_method_in_chinese(client):
    r = client.get("/no-such-page", headers={"accept": "text/html"})
    assert r.status_code == 404 and "没有这个页面" in r.text
    r = client.get("/api/check")
    assert r.status_code == 405 and r.json() == {"error": "不支持此请求方式。"}


def test_json_errors_are_chinese(client):
    r = client.post("/api/check", content=b"just bytes", headers={"content-type": "application/octet-stream"})
    assert r.status_code == 400
    assert json.loads(r.text)["error"].startswith("上传内容无法解析") or "没有收到文件" in r.json()["error"]


def _last_year(carried: int) -> bytes:
    """The sample as last year's report, with ``carried`` applications carried over to this year."""
    from workbook.write import report_bytes
    from xladdin.samples import wenxian_2024

    report = wenxian_2024()
    report.texts["info.year"] = "2023"
    report.set("t3.next.zr", carried)
    report.fill_totals()
    return report_bytes(report)


def test_check_against_last_year_as_the_command_line(client, sample, tmp_path):
    (tmp_path / SAMPLE_NAME).write_bytes(sample)
    (tmp_path / "2023.xlsx").write_bytes(_last_year(3))
    cli = subprocess.run([sys.executable, "-m", "xladdin.cli", "check", SAMPLE_NAME, "--previous", "2023.xlsx", "--format", "json"],
                         cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=False)
    r = client.post("/api/check", files=[("file", (SAMPLE_NAME, sample)), ("previous", ("2023.xlsx", _last_year(3)))])
    assert r.status_code == 200 and r.text == cli.stdout
    assert "PREV.CARRY_OVER" in {f["rule"] for f in r.json()["files"][0]["findings"]}


def test_last_year_on_the_page_and_in_the_text(client, sample):
    r = client.post("/check", files=[("file", (SAMPLE_NAME, sample)), ("previous", ("2023.xlsx", _last_year(0)))])
    assert r.status_code == 200 and "新收政府信息公开申请33件（与上年持平）" in r.text  # the 同比 phrase
    data = client.post("/api/text", files=[("file", (SAMPLE_NAME, sample)), ("previous", ("2023.xlsx", _last_year(0)))]).json()
    assert "（与上年持平）" in data["generated"]["s1_2"]
    data = client.post("/api/text", files=[("file", (SAMPLE_NAME, sample))]).json()
    assert "上年" not in data["generated"]["s1_2"].replace("上年结转", "")


def test_last_year_refusals(client, sample):
    r = client.post("/api/check", files=[("file", (SAMPLE_NAME, sample)), ("previous", ("2023.xlsx", b""))])
    assert r.status_code == 422 and r.json()["error"].startswith("上年度报告无法读取") and "2023.xlsx" in r.json()["error"]
    r = client.post("/check", files=[("file", (SAMPLE_NAME, sample)), ("previous", ("2023.xlsx", b""))], headers={"accept": "text/html"})
    assert r.status_code == 422 and "上年度报告无法读取" in r.text
    r = client.post("/api/check", files=[("file", ("a.xlsx", sample)), ("file", ("b.xlsx", sample)), ("previous", ("2023.xlsx", sample))])
    assert r.status_code == 400 and "只能与一个待校验文件一起使用" in r.json()["error"]
    r = client.post("/api/check", files=[("file", ("a.xlsx", sample)), ("previous", ("2023.zip", b"PK"))])
    assert r.status_code == 415 and "上年度报告“2023.zip”" in r.json()["error"]
    assert list(client.app.state.jobs.root.iterdir()) == [next(client.app.state.jobs.root.iterdir())]  # only the page's job
