"""A real uvicorn server under load: 20 uploads at once all answered right; a slow upload blocks no one."""

from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from .conftest import Running


def test_twenty_concurrent_uploads(sample, clean_sample):
    with Running() as server:
        def one(i: int):
            data = sample if i % 2 else clean_sample
            r = httpx.post(server.url + "/api/check", files={"file": (f"单位{i:02d}.xlsx", data)}, timeout=60)
            return i, r.status_code, r.json()

        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(one, range(20)))
        for i, status, body in answers:
            assert status == 200
            (result,) = body["files"]
            assert result["file"] == f"单位{i:02d}.xlsx"
            assert [f["rule"] for f in result["findings"]] == (["NARR.DOCUMENTS"] if i % 2 else [])
        assert list(server.app.state.jobs.root.iterdir()) == []


def _multipart(name: str, data: bytes) -> tuple[bytes, bytes]:
    boundary = b"nianbao-slow-upload"
    head = (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="' + name.encode()
            + b'"\r\nContent-Type: application/octet-stream\r\n\r\n')
    return boundary, head + data + b"\r\n--" + boundary + b"--\r\n"


def test_slow_upload_does_not_block_others(sample):
    with Running() as server:
        boundary, body = _multipart("slow.xlsx", sample)
        slow = socket.create_connection(("127.0.0.1", server.port))
        slow.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: multipart/form-data; boundary=%s\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (server.port, boundary, len(body)))
        slow.sendall(body[:1000])  # … and then nothing for a while
        start = time.monotonic()
        for i in range(3):
            r = httpx.post(server.url + "/api/check", files={"file": (f"快{i}.xlsx", sample)}, timeout=10)
            assert r.status_code == 200 and r.json()["files"][0]["file"] == f"快{i}.xlsx"
        assert time.monotonic() - start < 5
        slow.sendall(body[1000:])
        answer = b""
        while chunk := slow.recv(65536):
            answer += chunk
        slow.close()
        head, _, payload = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        assert json.loads(payload)["files"][0]["file"] == "slow.xlsx"
