"""Fixtures for the web app: the bundled sample as uploaded bytes, a test client, a real uvicorn server."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from workbook.write import report_bytes
from xladdin.samples import wenxian_2024
from xladdin.web import Limits, Settings, create_app

SAMPLE_NAME = "温县 2024年 年报.xlsx"
BASE = "http://127.0.0.1:8321"


@pytest.fixture(scope="session")
def sample() -> bytes:
    """The published 温县 sample as a filled workbook: one known error (规范性文件 4 in the text, 5 in 表二)."""
    return report_bytes(wenxian_2024())


@pytest.fixture(scope="session")
def clean_sample() -> bytes:
    report = wenxian_2024()
    report.texts["text.s1_1"] = report.texts["text.s1_1"].replace("共 4 件", "共 5 件")
    return report_bytes(report)


def make_client(**settings) -> TestClient:
    return TestClient(create_app(Settings(**settings)), base_url=BASE)


@pytest.fixture
def client():
    with make_client() as c:
        yield c


@pytest.fixture
def small():
    """Limits small enough to reach in a test."""
    limits = Limits(file_bytes=200_000, request_bytes=600_000, files=3, unzipped_bytes=400_000, jobs=2)
    with make_client(limits=limits) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    """uvicorn serving the app in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, **settings) -> None:
        self.port = free_port()
        self.app = create_app(Settings(port=self.port, **settings))
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def server():
    with Running() as s:
        yield s
