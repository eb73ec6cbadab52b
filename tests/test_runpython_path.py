"""The button macros' RunPython strings ignore modules lying in Excel's current folder (issue 14.13).

xlwings runs ``python -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(\\"…\\"); <command>"``
(xlwings.bas ExecuteWindows; the macOS AppleScript is the same), and ``python -c`` puts the current
folder first on sys.path. Here the exact command each macro builds is run from a folder holding a
poisoned ``workbook.py``, ``checks/`` and ``xladdin/``; ``xw.Book.caller()`` is answered by a JSON book
(a sitecustomize on PYTHONPATH, loaded before the command runs), so the real entry point runs to the end.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from xlbook import payload

from workbook.xlsm import BUTTONS

ROOT = Path(__file__).parents[1]
BAS = ROOT / "xladdin" / "excel" / "vba" / "Nianbao.bas"
TEMPLATE = ROOT / "workbook" / "nianbao_template.xlsx"
POISON = "POISONED: imported from the current folder"
CALLER_HOOK = """
import atexit, json, os
import xlwings as xw
with open(os.environ["NIANBAO_TEST_BOOK"], encoding="utf-8") as f:
    _book = xw.Book(json=json.load(f))
xw.Book.caller = classmethod(lambda cls: _book)
atexit.register(lambda: print("ACTIONS=" + json.dumps([a["func"] for a in _book.json()["actions"]])))
"""


def _vba_string(expression: str, constants: dict[str, str]) -> str:
    """Value of a VBA string expression made of "literals" and constant names joined by &."""
    parts = re.findall(r'"((?:[^"]|"")*)"|(\w+)', expression)
    return "".join(literal.replace('""', '"') if not name else constants[name] for literal, name in parts)


def runpython_commands() -> dict[str, str]:
    """Sub name → the Python command its RunPython call passes, evaluated from Nianbao.bas."""
    source = re.sub(r" _\n\s*", " ", BAS.read_text(encoding="ascii"))  # VBA line continuations
    constants = {
        name: _vba_string(expr, {})
        for name, expr in re.findall(r"^(?:Private |Public )?Const (\w+) As String = (.+)$", source, re.M)
    }
    return {
        sub: _vba_string(expr, constants)
        for sub, expr in re.findall(r"^Sub (\w+)\(\)\n\s*RunPython (.+)\n", source, re.M)
    }


def xlwings_command_line(python_command: str, workbook: Path) -> list[str]:
    """What ExecuteWindows runs (cmd.exe's quoting undone): prepare_sys_path gets
    ADD_WORKBOOK_TO_PYTHONPATH (False in our xlwings.conf), the book's full name twice, the three
    OneDrive/SharePoint settings and PYTHONPATH (all empty), then the macro's command."""
    path_args = ";".join(["False", str(workbook), str(workbook), "", "", "", ""])
    code = f'import xlwings.utils;xlwings.utils.prepare_sys_path("{path_args}"); {python_command}'
    return [sys.executable, "-B", "-c", code, f"--wb={workbook.name}", "--from_xl=1", "--app=EXCEL.EXE", "--hwnd=1"]


@pytest.fixture
def poisoned_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Documents"
    for module in ("workbook.py", "checks/__init__.py", "xladdin/__init__.py", "xladdin/excel.py"):
        path = folder / module
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"raise SystemExit({POISON!r} + ' ({module})')\n", encoding="utf-8")
    return folder


def _run(command: str, folder: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(CALLER_HOOK, encoding="utf-8")
    book = tmp_path / "book.json"
    book.write_text(json.dumps(payload(TEMPLATE), ensure_ascii=False, default=str), encoding="utf-8")
    # the project reaches the child as an installed package would: by a path entry after the current folder
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)]), "NIANBAO_TEST_BOOK": str(book)}
    env.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    line = xlwings_command_line(command, folder / "年报.xlsm")
    return subprocess.run(line, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_each_button_macro_has_a_command():
    assert set(runpython_commands()) == {b.macro for b in BUTTONS}


def test_commands_survive_cmd_exe_and_the_macos_shell():
    # '"' would end cmd.exe's and the shell's quoting, "|" splits xlwings' AppleScript parameters,
    # % and $ / ` expand variables in cmd.exe / sh, and VBA doubles every backslash of the path string
    for command in runpython_commands().values():
        assert not set(command) & set('"|%$`\\'), command


def test_the_poisoned_folder_does_poison_a_plain_command(poisoned_folder, tmp_path):
    # the hazard is real: without the guard the folder's xladdin/ is imported
    proc = _run("import xladdin.excel as nianbao; nianbao.validate_caller()", poisoned_folder, tmp_path)
    assert proc.returncode != 0 and POISON in proc.stderr


@pytest.mark.parametrize("sub", [b.macro for b in BUTTONS])
def test_button_commands_ignore_modules_in_the_current_folder(sub, poisoned_folder, tmp_path):
    proc = _run(runpython_commands()[sub], poisoned_folder, tmp_path)
    assert POISON not in proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stderr
    done = json.loads(proc.stdout.split("ACTIONS=", 1)[1])
    assert "alert" in done  # the real entry point ran to its message box
    if sub == "Validate":
        assert "setValues" in done  # and wrote the 校验结果 sheet
