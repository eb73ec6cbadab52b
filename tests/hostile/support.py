"""Helpers of the hostile suite: running the real command line, hashing inputs, finding leftovers."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .cases import CASES, Case

ENV = {k: v for k, v in os.environ.items() if k != "NIANBAO_DEBUG"}  # the user's view: no tracebacks on request


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of an interrupted atomic write."""
    return sorted(Path(folder).rglob(".nianbao-*")) if Path(folder).exists() else []


def nianbao(*args, cwd: Path | None = None, prefix: tuple[str, ...] = (), timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the real command line in a new process, as a user runs it."""
    argv = [*prefix, sys.executable, "-m", "xladdin.cli", *map(str, args)]
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=ENV, timeout=timeout)


def assert_clean_stderr(err: str) -> None:
    assert "Traceback" not in err, err
    assert "程序内部错误" not in err, err  # cli.main's catch-all for a bug of ours


def case_params(pick=lambda c: True):
    return [pytest.param(c, id=c.id) for c in CASES if pick(c)]


HAN = re.compile(r"[\u4e00-\u9fff]")  # a message a Chinese user can read


def assert_chinese_message(message: str, case: Case, name: str) -> None:
    assert HAN.search(message) and name in message, message
    for fragment in case.says:
        assert fragment in message, (fragment, message)
