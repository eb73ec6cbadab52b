"""Every case of the hostile-input suite through POST /api/check: a 4xx, or a 200 with the file's Chinese
error (or the findings the command line gives); never a 500, a traceback or a server path; and the server
keeps serving afterwards."""

from __future__ import annotations

import pytest

from tests.hostile.cases import CASES, UNREADABLE
from tests.hostile.support import HAN, assert_chinese_message
from tests.hostile.test_cli_cases import assert_findings

from .conftest import make_client


@pytest.fixture(scope="module")
def hostile_client():
    with make_client() as c:
        yield c


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_hostile_case(hostile_client, case):
    root = hostile_client.app.state.jobs.root
    r = hostile_client.post("/api/check", files={"file": (case.name, case.make())})
    body = r.text
    assert r.status_code == 200 or 400 <= r.status_code < 500, (r.status_code, body)
    assert "Traceback" not in body and "程序内部错误" not in body
    assert str(root) not in body and "/tmp/" not in body and "upload-0" not in body
    if r.status_code == 200:
        (result,) = r.json()["files"]
        assert result["file"] == case.name
        if case.exit == UNREADABLE:
            assert_chinese_message(result["error"], case, case.name)
        else:
            assert "error" not in result, result
            assert_findings(result["findings"], case)
    else:
        assert HAN.search(r.json()["error"])
    assert list(root.iterdir()) == []  # the request's folder is gone
    assert hostile_client.get("/healthz").json() == {"status": "ok"}
