"""The xlwings Lite export is self-contained (issue 14.16): main.py carries the project code it needs,
requirements.txt names only packages xlwings Lite can install, and the Excel entry points never import
the file readers' packages (python-calamine, pdfplumber, …), which Pyodide does not have.

Proved by running the exported main.py's three scripts on ``xw.Book(json=…)`` books (what xlwings Lite
passes): under CPython with those packages made unimportable, and under Pyodide in Node.js (npm package
``pyodide``, pinned in tests/pyodide/package-lock.json; its requirements installed by micropip from local
wheel files fetched with pip). Nothing is loaded from Pyodide's CDN, so lxml — a compiled package that
only the CDN serves — is missing under Node: 导出Word is run under CPython only, and under Pyodide it is
shown to stop exactly at ``import lxml``.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from test_excel import broken_report, clean_report
from xlbook import payload

from workbook.layout import SHEET_RESULTS
from workbook.write import write_report
from xladdin.excel.lite import button_refs
from xladdin.excel.lite.bundle import bundle_zip, needed_modules

HERE = Path(__file__).parent
PYODIDE = HERE / "pyodide"
DRIVER = PYODIDE / "driver.py"
UNAVAILABLE = ("python_calamine", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "pandas")
LXML_MISSING = "ModuleNotFoundError: No module named 'lxml'"


@pytest.fixture(scope="module")
def lite(tmp_path_factory) -> Path:
    """`nianbao lite` output, plus books.json: a clean and a broken workbook as xlwings Lite sends them."""
    from xladdin.cli import main

    out = tmp_path_factory.mktemp("lite")
    assert main(["lite", "-o", str(out)]) == 0
    books = {}
    for name, report in (("clean", clean_report()), ("broken", broken_report()[0])):
        path = out / f"{name}.xlsx"
        write_report(report, path)
        books[name] = payload(path)
    (out / "books.json").write_text(json.dumps(books, ensure_ascii=False, default=str), encoding="utf-8")
    return out


def test_requirements_name_only_what_xlwings_lite_can_install(lite):
    lines = [line for line in (lite / "requirements.txt").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == [
        f"xlwings=={version('xlwings')}",
        f"python-docx=={version('python-docx')}",
        f"XlsxWriter=={version('XlsxWriter')}",
        "lxml",  # built by Pyodide: its version is Pyodide's, so not pinned
    ]


def test_main_py_carries_the_entry_points_and_binds_the_buttons(lite):
    main_py = (lite / "main.py").read_text(encoding="utf-8")
    compile(main_py, "main.py", "exec")
    for ref in button_refs():
        assert f'button="{ref}"' in main_py
    assert f"# nianbao {version('nianbao')}:" in main_py
    names = zipfile.ZipFile(io.BytesIO(bundle_zip())).namelist()
    assert {"xladdin/excel/__init__.py", "workbook/read.py", "checks/__init__.py", "xladdin/report/word.py"} <= set(names)
    assert not any(n.startswith(("xladdin/cli/", "xladdin/importers/")) for n in names)  # not needed in Excel
    assert bundle_zip() == bundle_zip()  # reproducible: the same code gives the same main.py
    assert set(needed_modules()) >= {"xladdin.excel", "workbook.layout", "checks.findings"}


def _run_cpython(lite: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the project comes from main.py only
    data = lite / "data-cpython"
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(lite), str(lite / "books.json"), str(data)],
        cwd=lite, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def cpython_run(lite) -> dict:
    return _run_cpython(lite)


def _by_script(run: dict, book: str) -> dict[str, dict]:
    return {r["script"]: r for r in run["runs"][book]}


def _funcs(result: dict) -> list[str]:
    return [a["func"] for a in result["actions"]]


def _results_summary(result: dict) -> str:
    """The summary line of the 校验结果 sheet, written as one block from A1 (checks.results_sheet)."""
    from checks.results_sheet import SUMMARY_ROW

    writes = [a for a in result["actions"] if a["func"] == "setValues" and a["start_row"] == 0]
    return writes[0]["values"][SUMMARY_ROW][0]


def test_lite_main_runs_under_cpython_from_its_own_zip(cpython_run, lite):
    assert all(".zip" + os.sep in f for f in cpython_run["project_files"] if f), cpython_run["project_files"]
    assert not set(UNAVAILABLE) & set(cpython_run["modules"])
    clean, broken = _by_script(cpython_run, "clean"), _by_script(cpython_run, "broken")
    for run in (clean, broken):
        assert all(r["error"] is None for r in run.values()), run
    assert _results_summary(clean["validate"]).startswith("未发现错误")
    assert _results_summary(broken["validate"]).startswith("发现")
    assert "setRangeColors" in _funcs(broken["validate"])  # the offending cells coloured (remote engine)
    assert "setValues" in _funcs(clean["generate_text"])
    assert list(cpython_run["word_files"]) == ["clean.docx"]  # the broken book is refused, as in Excel
    assert cpython_run["word_files"]["clean.docx"] > 10_000


# ---------------------------------------------------------------- Pyodide in Node.js
def _npm_install() -> Path:
    if not (PYODIDE / "node_modules" / "pyodide" / "pyodide.asm.wasm").exists():
        npm = shutil.which("npm")
        assert npm, "Node.js and npm are needed to run main.py under Pyodide"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PYODIDE, check=True, capture_output=True, timeout=600)
    return PYODIDE / "node_modules" / "pyodide"


def _wheels(pyodide_dir: Path) -> Path:
    """The pure-Python requirements (versions installed here) and micropip (Pyodide's version), once."""
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    python = lock["info"]["python"].rsplit(".", 1)[0]
    wanted = [f"xlwings=={version('xlwings')}", f"python-docx=={version('python-docx')}",
              f"XlsxWriter=={version('XlsxWriter')}", f"typing_extensions=={version('typing_extensions')}",
              f"micropip=={lock['packages']['micropip']['version']}"]  # fmt: skip
    folder = PYODIDE / "wheels"
    stamp = folder / "wanted.txt"
    if not stamp.exists() or stamp.read_text() != "\n".join(wanted):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "--platform", "any",
             "--python-version", python, "--implementation", "py", "--abi", "none", "-d", str(folder), *wanted],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        stamp.write_text("\n".join(wanted))
    return folder


def test_lite_main_runs_under_pyodide_in_node(lite, cpython_run):
    pyodide_dir = _npm_install()
    wheels = _wheels(pyodide_dir)
    node = shutil.which("node")
    proc = subprocess.run(
        [node, str(PYODIDE / "run_lite.mjs"), str(lite), str(wheels), str(lite / "books.json")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout.splitlines()[-1])
    assert run["platform"] == "emscripten"
    assert ".zip/xladdin/excel/__init__.py" in run["entry_points"]  # the code main.py carries
    assert not set(UNAVAILABLE) & set(run["modules"])
    for book in ("clean", "broken"):
        here, there = _by_script(cpython_run, book), _by_script(run, book)
        for script in ("validate", "generate_text"):
            assert there[script]["error"] is None, there[script]["error"]
            assert there[script]["actions"] == here[script]["actions"], (book, script)  # same as CPython, action for action
        assert there["export_word"]["error"] == LXML_MISSING  # lxml comes from Pyodide's CDN in xlwings Lite
    assert SHEET_RESULTS in json.dumps(_by_script(run, "broken")["validate"]["actions"], ensure_ascii=False)
    assert any(a["func"] == "setValues" for a in _by_script(run, "clean")["generate_text"]["actions"])
    assert run["python"].startswith("3.1")  # Pyodide's own CPython build (3.14 with pyodide 314)
