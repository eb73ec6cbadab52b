"""``nianbao serve`` as a user runs it: the Chinese address line, the token in LAN mode, Ctrl+C stops it cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def start(*args) -> tuple[subprocess.Popen, str, list[str]]:
    """The server started; its first line (the address) and every line up to the Ctrl+C hint, read line by line
    (communicate() later reads the pipe itself and would miss lines already buffered here)."""
    proc = subprocess.Popen([sys.executable, "-m", "xladdin.cli", "serve", "--no-browser", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=ENV)
    lines = [proc.stdout.readline()]
    while lines[-1] and "按 Ctrl+C 停止服务" not in lines[-1]:
        lines.append(proc.stdout.readline())
    return proc, lines[0], lines


def stop(proc: subprocess.Popen) -> tuple[str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    return out, err


def wait_up(url: str, **kw) -> httpx.Response:
    for _ in range(100):
        try:
            return httpx.get(url, **kw)
        except httpx.ConnectError:
            time.sleep(0.1)
    raise AssertionError("server not up")


def test_local_serve_batch_and_ctrl_c(sample):
    """As served: a batch large enough for worker processes (started by forkserver, not forked from threads)."""
    proc, first, lines = start()
    try:
        m = re.search(r"请在浏览器中打开：(http://127\.0\.0\.1:\d+/)$", first.strip())
        assert m, first
        assert wait_up(m.group(1) + "healthz").json() == {"status": "ok"}
        files = [("file", (f"单位{i:02d}.xlsx", sample)) for i in range(12)]
        job = httpx.post(m.group(1) + "api/batch", files=files, timeout=30).json()
        for _ in range(300):
            status = httpx.get(f"{m.group(1)}api/jobs/{job['id']}").json()
            if status["finished"]:
                break
            time.sleep(0.1)
        assert [f["errors"] for f in status["files"]] == [1] * 12
    finally:
        out, err = stop(proc)
    assert proc.returncode == 0, err
    assert "按 Ctrl+C 停止服务" in lines[-1] and "服务已停止" in out
    assert "Traceback" not in err


def test_lan_mode_generates_and_requires_a_token():
    proc, first, lines = start("--host", "0.0.0.0")
    try:
        link = re.search(r"(http://\S+:\d+/)\?token=(\S+)$", first.strip())
        assert link, first
        port = int(link.group(1).rsplit(":", 1)[1].rstrip("/"))
        token = link.group(2)
        second = lines[1]
        assert "局域网模式" in second and token in second
        base = f"http://127.0.0.1:{port}"
        assert wait_up(base + "/healthz").status_code == 401
        assert httpx.get(base + "/healthz", headers={"X-Nianbao-Token": token}).status_code == 200
    finally:
        stop(proc)
    assert proc.returncode == 0


def test_port_taken():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "xladdin.cli", "serve", "--no-browser", "--port", str(port)],
                           capture_output=True, text=True, encoding="utf-8", check=False, timeout=30)
    assert r.returncode == 2
    assert f"端口 {port} 已被占用" in r.stderr and "Traceback" not in r.stderr


def test_token_must_fit_an_address():
    r = subprocess.run([sys.executable, "-m", "xladdin.cli", "serve", "--no-browser", "--host", "0.0.0.0", "--token", "令牌 有空格"],
                       capture_output=True, text=True, encoding="utf-8", check=False, timeout=30)
    assert r.returncode == 2 and "--token 应为 8 至 128 个" in r.stderr
