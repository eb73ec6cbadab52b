"""A real spreadsheet opens the template: LibreOffice Calc types numbers, recalculates and saves .xlsx;
the reader returns exactly those numbers and LibreOffice's computed totals equal the model's sums."""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from workbook.layout import LAYOUT
from workbook.read import read_workbook
from workbook.write import new_template

UNO_SCRIPT = Path(__file__).parent / "uno" / "calc_fill.py"
SYSTEM_PYTHON = "/usr/bin/python3"

pytestmark = pytest.mark.libreoffice


def run_calc(tmp_path: Path, source: Path, cells: dict[str, str], read: list[str]) -> tuple[Path, dict]:
    out = tmp_path / "saved_by_libreoffice.xlsx"
    job = {"profile": str(tmp_path / "lo-profile"), "source": str(source), "out": str(out), "cells": cells, "read": read}
    proc = subprocess.run([SYSTEM_PYTHON, str(UNO_SCRIPT)], input=json.dumps(job), capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return out, json.loads(proc.stdout)["read"]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed: see .ci/run"
    tmp = tmp_path_factory.mktemp("calc")
    template = tmp / "template.xlsx"
    new_template(template, 2024, "测试县人民政府办公室")
    rng = random.Random(2024)
    typed = {f.key: rng.randint(0, 40) for f in LAYOUT.inputs if f.kind == "count"}
    typed["t2.sf.je"] = 12.35
    cells = {LAYOUT[k].ref: str(v) for k, v in typed.items()}
    read = [f.ref for f in LAYOUT.totals]
    before = template.read_bytes()
    saved, computed = run_calc(tmp, template, cells, read)
    assert template.read_bytes() == before  # LibreOffice saved to a new file; the template is untouched
    return typed, saved, computed


def test_reader_returns_exactly_the_typed_numbers(filled):
    typed, saved, _ = filled
    report = read_workbook(saved)
    for key, number in typed.items():
        assert report.get(key).value == number, key


def test_libreoffice_totals_equal_the_model_sums(filled):
    typed, saved, computed = filled
    report = read_workbook(saved)
    for f in LAYOUT.totals:
        assert computed[f.ref]["formula"].startswith("="), f"{f.ref} lost its formula"
        assert computed[f.ref]["value"] == report.sum_of(f.sums), f.ref
        assert report.get(f.key).value == report.sum_of(f.sums), f.ref
        assert report.get(f.key).formula is True


def test_texts_survive_a_libreoffice_save(filled):
    _, saved, _ = filled
    report = read_workbook(saved)
    assert report.org == "测试县人民政府办公室"
    assert report.year == 2024
