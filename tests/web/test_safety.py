"""Safety: the token, the Host check, upload limits with Chinese errors, zip handling, temporary folders and
download names."""

from __future__ import annotations

import io
import re
import time
import zipfile
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from xladdin.web.service import content_disposition

from .conftest import make_client

TOKEN = "测试-token-123".encode().hex()


@pytest.fixture
def lan():
    with make_client(host="0.0.0.0", token=TOKEN) as c:
        yield c


def test_every_request_needs_the_token(lan, sample):
    for path in ("/", "/batch", "/static/style.css", "/healthz", "/jobs/x/1"):
        r = lan.get(path, headers={"accept": "text/html"})
        assert r.status_code == 401, path
        assert "需要访问令牌" in r.text and 'name="token"' in r.text
    r = lan.post("/api/check", files={"file": ("a.xlsx", sample)})
    assert r.status_code == 401 and r.json()["error"].startswith("需要访问令牌")
    assert lan.get("/?token=wrong", headers={"accept": "text/html"}).status_code == 401


def test_first_visit_keeps_the_token_in_a_cookie(lan):
    r = lan.get(f"/batch?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/batch"
    cookie = r.headers["set-cookie"]
    assert f"nianbao_token={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert lan.get("/batch").status_code == 200  # the client now sends the cookie
    assert lan.get("/api/jobs/none").status_code == 404


def test_token_in_a_header_for_scripts(lan, sample):
    for headers in ({"X-Nianbao-Token": TOKEN}, {"Authorization": f"Bearer {TOKEN}"}):
        r = lan.post("/api/check", files={"file": ("a.xlsx", sample)}, headers=headers)
        assert r.status_code == 200, headers


def test_local_server_answers_only_to_its_own_name(client):
    r = client.get("/healthz", headers={"host": "evil.example:8321"})
    assert r.status_code == 400 and "127.0.0.1" in r.json()["error"]
    assert client.get("/healthz", headers={"host": "localhost:8321"}).status_code == 200


def test_file_too_large(small):
    r = small.post("/api/check", files={"file": ("大.xlsx", b"x" * 250_000)})
    assert r.status_code == 413 and "“大.xlsx”超过" in r.json()["error"]


def test_too_many_files(small, sample):
    r = small.post("/api/check", files=[("file", (f"{i}.xlsx", sample)) for i in range(4)])
    assert r.status_code == 413 and "一次最多上传 3 个文件" in r.json()["error"]


def test_request_too_large(small):
    r = small.post("/api/check", files=[("file", (f"{i}.xlsx", b"x" * 190_000)) for i in range(4)])
    assert r.status_code == 413 and "上传内容超过" in r.json()["error"]


def test_wrong_kind_and_nothing_uploaded(client):
    r = client.post("/api/check", files={"file": ("程序.exe", b"MZ")})
    assert r.status_code == 415 and "“程序.exe”" in r.json()["error"] and ".xlsx" in r.json()["error"]
    r = client.post("/api/check", data={"x": "1"}, files={"other": ("a.xlsx", b"")})
    assert r.status_code == 400 and "没有收到文件" in r.json()["error"]
    r = client.post("/check", data={"x": "1"}, files={"other": ("a.xlsx", b"")}, headers={"accept": "text/html"})
    assert r.status_code == 400 and "没有收到文件" in r.text and "<html" in r.text


def _zip(entries: dict[str, bytes], **kwargs) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data, **kwargs)
    return buf.getvalue()


def test_zip_names_are_never_paths(client, sample):
    root = client.app.state.jobs.root
    data = _zip({"../../逃逸.xlsx": sample, "/etc/绝对.xlsx": sample, "C:\\Windows\\盘符.xlsx": sample})
    r = client.post("/api/check", files={"file": ("../../包.zip", data)})
    assert r.status_code == 200
    assert [f["file"] for f in r.json()["files"]] == ["逃逸.xlsx", "etc/绝对.xlsx", "C:/Windows/盘符.xlsx"]
    assert not list(root.parent.glob("*.xlsx")) and not list(root.glob("**/*.xlsx"))


def test_zip_from_chinese_windows(client, sample):
    """Names stored in GBK without the UTF-8 flag (Windows' own 压缩) are shown right."""
    data = _zip({"XXXXXX.xlsx": sample}).replace(b"XXXXXX.xlsx", "温县报".encode("gbk") + b".xlsx")  # same length
    r = client.post("/api/check", files={"file": ("包.zip", data)})
    assert r.status_code == 200
    assert r.json()["files"][0]["file"] == "温县报.xlsx"


def test_zip_bomb_with_a_lying_header(small):
    data = bytearray(_zip({"炸弹.xlsx": b"\0" * 300_000}))
    # declare 1 000 bytes in both headers: the real stream must be cut off, not trusted
    size = (300_000).to_bytes(4, "little")
    data = bytes(data).replace(size, (1000).to_bytes(4, "little"))
    r = small.post("/api/check", files={"file": ("炸弹.zip", data)})
    assert r.status_code in (413, 422)
    assert "压缩包" in r.json()["error"]


def test_zip_entry_and_total_limits(small):
    r = small.post("/api/check", files={"file": ("大.zip", _zip({"大.xlsx": b"\0" * 250_000}))})
    assert r.status_code == 413 and "“大.xlsx”超过" in r.json()["error"]
    r = small.post("/api/check", files={"file": ("多.zip", _zip({f"{i}.xlsx": b"\0" * 150_000 for i in range(3)}))})
    assert r.status_code == 413 and "解压后超过" in r.json()["error"]


def test_bad_zips(client, sample):
    r = client.post("/api/check", files={"file": ("坏.zip", b"PK\x05\x06 not really")})
    assert r.status_code == 422 and "“坏.zip”不是有效的 .zip 压缩包" in r.json()["error"]
    r = client.post("/api/check", files={"file": ("空.zip", _zip({"说明.md": b"x"}))})
    assert r.status_code == 422 and "没有可校验的文件" in r.json()["error"]
    data = bytearray(_zip({"加密.xlsx": sample}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # mark the entry encrypted
        at = data.index(signature) + offset
        data[at] |= 0x1
    r = client.post("/api/check", files={"file": ("密.zip", bytes(data))})
    assert r.status_code == 422 and "设置了密码" in r.json()["error"]


def test_each_request_folder_is_removed(client, sample):
    root = client.app.state.jobs.root
    for path in ("/api/check", "/api/marked", "/api/word", "/api/text"):
        client.post(path, files={"file": ("a.xlsx", sample)}, data={"draft": "1"})
    client.post("/api/check", files={"file": ("a.exe", b"x")})
    client.post("/api/check", files={"file": ("坏.zip", b"x")})
    assert list(root.iterdir()) == []
    client.post("/check", files={"file": ("a.xlsx", sample)})
    assert len(list(root.iterdir())) == 1  # a page's result is kept for its downloads
    assert not list(root.glob("*/*.zip"))


def test_server_folder_removed_at_shutdown(sample):
    with make_client() as c:
        root = c.app.state.jobs.root
        c.post("/check", files={"file": ("a.xlsx", sample)})
        assert root.exists()
    assert not root.exists()


def test_old_results_are_dropped(small, sample):
    root = small.app.state.jobs.root
    for _ in range(4):
        small.post("/check", files={"file": ("a.xlsx", sample)})
    assert len(list(root.iterdir())) == 2  # Limits(jobs=2)


@pytest.mark.parametrize("name", ["温县 2024年 年报（草稿）.docx", "plain-name.xlsx", 'a"b;c%.txt'])
def test_download_names_rfc5987(name):
    header = content_disposition(name)
    assert header.isascii()
    encoded = re.search(r"filename\*=UTF-8''([^;\s]+)$", header).group(1)
    assert unquote(encoded, encoding="utf-8") == name
    fallback = re.search(r'filename="([^"]*)"', header).group(1)
    assert fallback.isascii() and fallback.endswith(name.rsplit(".", 1)[1])


def test_new_template(client):
    r = client.post("/new", data={"org": "温县人民政府办公室", "year": "2025", "kind": "xlsx"})
    assert r.status_code == 200
    assert unquote(r.headers["content-disposition"].split("''")[1]) == "温县人民政府办公室2025年填报模板.xlsx"
    values = {c.value for row in load_workbook(io.BytesIO(r.content))["基本信息"].iter_rows() for c in row}
    assert {"温县人民政府办公室", "2025"} <= values or {"温县人民政府办公室", 2025} <= values
    r = client.post("/new", data={"org": "温县", "year": "2025", "kind": "xlsm"})
    assert r.status_code == 200 and r.headers["content-disposition"].endswith(".xlsm")
    assert "vbaProject.bin" in " ".join(zipfile.ZipFile(io.BytesIO(r.content)).namelist())
    r = client.post("/new", data={"org": "温县", "year": "二〇二五"}, headers={"accept": "text/html"})
    assert r.status_code == 400 and "四位数字" in r.text


def test_pages_work_without_scripts(client, sample):
    """Plain forms, and a waiting page that refreshes itself: nothing needs a script except the bar's motion."""
    for path in ("/", "/batch"):
        html = client.get(path).text
        assert 'enctype="multipart/form-data"' in html and 'method="post"' in html
    jobs = client.app.state.jobs
    folder = jobs.folder()
    (folder / "upload-0001.xlsx").write_bytes(sample)
    from xladdin.web.uploads import Upload

    job = jobs.add(folder, [Upload("a.xlsx", folder / "upload-0001.xlsx")], [])
    html = client.get(f"/jobs/{job.id}").text
    assert '<noscript><meta http-equiv="refresh"' in html and "<progress" in html
    jobs.run(job)
    html = client.get(f"/jobs/{job.id}?sort=errors&desc=1").text
    assert 'aria-sort="descending"' in html and f"/jobs/{job.id}/1" in html


def test_too_many_batches_at_once(sample):
    """Past the number of batches checked at the same time, a new one is refused before its upload is read."""
    from xladdin.web import Limits
    from xladdin.web.uploads import Upload

    with make_client(limits=Limits(running=1)) as c:
        jobs = c.app.state.jobs
        folder = jobs.folder()
        jobs.add(folder, [Upload("a.xlsx", folder / "a.xlsx")], [])  # not started: still running
        r = c.post("/api/batch", files={"file": ("b.xlsx", sample)})
        assert r.status_code == 503 and "稍后再试" in r.json()["error"]
        r = c.post("/batch", files={"file": ("b.xlsx", sample)}, headers={"accept": "text/html"})
        assert r.status_code == 503 and "稍后再试" in r.text
        assert len(list(jobs.root.iterdir())) == 1


def test_upload_without_length_is_counted_as_it_arrives():
    """A chunked upload declares no size: the guard counts the body as it arrives and refuses it past the limit
    (driven at the ASGI level, so no network timing decides when the server answers)."""
    import asyncio
    import json

    from xladdin.web import Limits, Settings, create_app

    app = create_app(Settings(limits=Limits(request_bytes=100_000)))
    head = b'--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n'
    chunks = [head] + [b"x" * 10_000] * 50
    sent: list[dict] = []
    scope = {"type": "http", "method": "POST", "path": "/api/check", "raw_path": b"/api/check", "query_string": b"",
             "headers": [(b"host", b"127.0.0.1:8321"), (b"content-type", b"multipart/form-data; boundary=zzz"),
                         (b"transfer-encoding", b"chunked")],
             "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 8321), "client": ("127.0.0.1", 1), "root_path": ""}

    async def receive():
        body = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": body, "more_body": bool(chunks)}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert "上传内容超过" in json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["error"]
    assert len(chunks) > 30  # refused early, not after reading everything
    app.state.jobs.close()


def test_names_are_shown_escaped(client, sample):
    name = '<img src=x onerror="alert(1)">.xlsx'
    page = client.post("/check", files={"file": (name, sample)}).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    job = client.post("/batch", files=[("file", (name, sample)), ("file", ("b.xlsx", sample))], follow_redirects=False).headers["location"]
    for _ in range(100):
        page = client.get(job).text
        if 'id="units"' in page:
            break
        time.sleep(0.05)
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
