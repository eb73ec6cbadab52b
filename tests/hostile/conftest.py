"""Hostile files are made once per session (the bombs take a second), then copied where a test wants them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .cases import Case


@pytest.fixture(scope="session")
def made(tmp_path_factory):
    """case id → the case's file, made on first use (one folder per session, never handed out to be written)."""
    folder = tmp_path_factory.mktemp("hostile-originals")
    cache: dict[str, Path] = {}

    def get(case: Case) -> Path:
        if case.id not in cache:
            path = folder / case.name
            path.write_bytes(case.make())
            cache[case.id] = path
        return cache[case.id]

    return get


@pytest.fixture
def place(made, tmp_path):
    """Copy a case's file into a folder of its own under the test's tmp_path; returns the copy."""

    def put(case: Case, folder: str = "输入 文件夹") -> Path:
        target = tmp_path / folder / case.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made(case), target)
        return target

    return put
