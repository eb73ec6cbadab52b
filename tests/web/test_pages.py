"""The pages through the test client: the result page's marks, and every download it offers."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

from docx import Document
from openpyxl import load_workbook

from workbook.layout import LAYOUT

from .conftest import SAMPLE_NAME

HTML = {"accept": "text/html"}


def _name(response) -> str:
    return unquote(response.headers["content-disposition"].split("''", 1)[1])


def upload(client, name: str, data: bytes) -> str:
    r = client.post("/check", files={"file": (name, data)}, follow_redirects=False)
    assert r.status_code == 303
    return r.headers["location"]


def test_result_page_marks_the_cell_and_the_sentence(client, sample):
    page = client.get(upload(client, SAMPLE_NAME, sample)).text
    cell = re.search(r'<td id="c-t2-gfxwj-zf"[^>]*>', page).group(0)
    assert 'class="v err"' in cell and "相差 1" in cell
    mark = re.search(r'<mark id="(m-\d+)" class="err" title="([^"]*)">([^<]*)</mark>', page)
    assert "规范性文件，共 4 件" in mark.group(3) and "相差 1" in mark.group(2)
    assert f'href="#{mark.group(1)}"' in page and 'href="#c-t2-gfxwj-zf"' in page
    assert f"{LAYOUT['t2.gfxwj.zf'].ref}（{LAYOUT['t2.gfxwj.zf'].label}）" in page
    assert page.count('class="v err"') == 1 and page.count("<mark ") == 1  # only what the one finding marks
    assert 'class="v warn"' not in page and 'class="part' not in page.replace('class="part"', "").replace('class="part sub"', "")


def test_result_page_downloads(client, sample, clean_sample):
    base = upload(client, SAMPLE_NAME, sample)
    r = client.get(base + "/marked")
    assert r.status_code == 200 and _name(r) == "温县 2024年 年报_校验.xlsx"
    assert "校验结果" in load_workbook(io.BytesIO(r.content)).sheetnames
    r = client.get(base + "/text")
    assert _name(r) == "温县 2024年 年报（正文）.txt"
    text = r.content.decode("utf-8")
    assert text.startswith("温县人民政府办公室2024年政府信息公开工作年度报告") and "共 4 件" in text
    r = client.get(base + "/word", headers=HTML)
    assert r.status_code == 409 and "仍然导出草稿" in r.text and "相差 1" in r.text
    r = client.get(base + "/word?draft=1")
    assert r.status_code == 200 and _name(r) == "温县 2024年 年报（草稿）.docx"
    r = client.get(upload(client, "清洁.xlsx", clean_sample) + "/word")
    assert r.status_code == 200 and _name(r) == "清洁.docx"
    assert any("温县人民政府办公室" in p.text for p in Document(io.BytesIO(r.content)).paragraphs)


def test_unreadable_file_page(client):
    base = upload(client, "坏.xlsx", b"")
    page = client.get(base).text
    assert "无法读取此文件" in page and "空文件" in page
    for path in ("/marked", "/word", "/text"):
        r = client.get(base + path, headers=HTML)
        assert r.status_code == 422 and "空文件" in r.text, path


def test_published_report_page(client):
    from pathlib import Path

    pdf = Path(__file__).parents[1] / "fixtures" / "import" / "report_2023.pdf"
    page = client.get(upload(client, "报告.pdf", pdf.read_bytes())).text
    assert "政府信息公开工作年度报告" in page and 'id="c-t3-r7-zj"' in page
    r = client.get(upload(client, "报告.pdf", pdf.read_bytes()) + "/marked")
    assert r.status_code == 200 and _name(r) == "报告_pdf_校验.xlsx"


def test_out_of_range_file(client, sample):
    base = upload(client, SAMPLE_NAME, sample)
    assert client.get(base[:-1] + "2", headers=HTML).status_code == 404
    assert client.get(base[:-1] + "0", headers=HTML).status_code == 404
