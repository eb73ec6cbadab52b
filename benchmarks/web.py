"""Benchmark of ``nianbao serve``, printed from one run (stdlib timing only).

1. ``POST /api/check`` with one workbook, server side: the app called in-process (no network), median of
   N requests after a warm-up. Goal: ≤ 60 ms. Also through uvicorn on 127.0.0.1 (with the socket).
2. A batch of 500 workbooks: ``POST /api/batch`` to uvicorn, then polled until finished, upload included.
   Goal: ≤ 15 s on a 2-core machine, using both cores (CPU time of the worker processes / wall time).

Usage: ``python benchmarks/web.py [--files 500] [--runs 50]``
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import httpx
import uvicorn
from check import generate
from fastapi.testclient import TestClient

from workbook.write import report_bytes
from xladdin.samples import wenxian_2024
from xladdin.web import Settings, create_app

ONE_GOAL, BATCH_GOAL = 0.060, 15.0


def one_file(runs: int) -> None:
    data = report_bytes(wenxian_2024())
    with TestClient(create_app(), base_url="http://127.0.0.1:8321") as client:
        for _ in range(5):
            client.post("/api/check", files={"file": ("温县.xlsx", data)})
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            r = client.post("/api/check", files={"file": ("温县.xlsx", data)})
            times.append(time.perf_counter() - t)
            assert r.status_code == 200
    median = statistics.median(times)
    print(f"POST /api/check, one workbook, in-process: median {median * 1000:.1f} ms over {runs} "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); goal ≤ {ONE_GOAL * 1000:.0f} ms → {median / ONE_GOAL:.2f}× of goal")


class Server:
    def __init__(self) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(create_app(Settings(port=self.port)), host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join()


def over_http(url: str, runs: int) -> None:
    data = report_bytes(wenxian_2024())
    with httpx.Client(base_url=url) as client:
        for _ in range(5):
            client.post("/api/check", files={"file": ("温县.xlsx", data)})
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            client.post("/api/check", files={"file": ("温县.xlsx", data)}).raise_for_status()
            times.append(time.perf_counter() - t)
    print(f"POST /api/check, one workbook, over HTTP to uvicorn: median {statistics.median(times) * 1000:.1f} ms")


def batch(url: str, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), n)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for p in paths:
                z.write(p, p.name)
        archive = buf.getvalue()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with httpx.Client(base_url=url, timeout=120) as client:
        job = client.post("/api/batch", files={"file": ("全部.zip", archive)}).json()
        while not (status := client.get(f"/api/jobs/{job['id']}").json())["finished"]:
            time.sleep(0.05)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert len(status["files"]) == n and not status["failed"]
    errors = sum(f["errors"] > 0 for f in status["files"])
    print(f"POST /api/batch, {n} workbooks in one .zip ({len(archive) / 2**20:.1f} MB), upload to last result: {wall:.2f} s "
          f"({n / wall:.0f} files/s; {errors} with errors); goal ≤ {BATCH_GOAL:.0f} s → {wall / BATCH_GOAL:.2f}× of goal")
    print(f"  worker processes' CPU time {cpu:.1f} s over {wall:.1f} s wall: {cpu / wall:.2f} cores busy of {os.cpu_count()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"load average before the run: {load:.2f} on {os.cpu_count()} cores (other programs' load slows every figure below)")
    one_file(args.runs)
    with Server() as url:
        over_http(url, args.runs)
        batch(url, args.files)


if __name__ == "__main__":
    main()
