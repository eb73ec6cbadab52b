"""The macro-enabled template (.xlsm) for classic xlwings on Windows/macOS desktop Excel.

It is the .xlsx template plus:

* a VBA project built here, on any OS, by :mod:`workbook.msovba` from text sources:
  ``xladdin/excel/vba/Nianbao.bas`` (the three button macros, each a ``RunPython`` call),
  ``xlwings.bas`` read from the *installed* xlwings package at build time (it declares
  ``xlwings64-<version>.dll``, so it must match the Python package exactly),
  ``xladdin/excel/vba/Dictionary.cls`` (xlwings' Mac stand-in for Scripting.Dictionary) and one empty
  document module per sheet, named like the sheets' codeNames;
* three form buttons on 基本信息 (校验 / 生成正文 / 导出Word), bound to those macros;
* a hidden ``xlwings.conf`` sheet with the interpreter settings RunPython reads.

The build is byte-reproducible: fixed dates in the workbook and a fixed project id in the VBA
project. ``python -m workbook.build`` writes ``workbook/nianbao_template.xlsm``.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .build import build_workbook
from .errors import NianbaoError
from .model import Report
from .msovba import VbaModule, build_vba_project

XLWINGS_CONF = "xlwings.conf"
MACRO_MODULE = "Nianbao"
WORKBOOK_CODENAME = "ThisWorkbook"


@dataclass(frozen=True)
class Button:
    macro: str  # Sub in xladdin/excel/vba/Nianbao.bas
    caption: str
    row: int  # 0-based cell of the top-left corner on 基本信息
    col: int
    tip: str


BUTTONS: tuple[Button, ...] = (
    Button("Validate", "校验", 2, 3, "检查全部表格，问题单元格标红，明细写入“校验结果”页"),
    Button("GenerateText", "生成正文", 4, 3, "根据表格数据生成“正文”页的系统生成内容"),
    Button("ExportWord", "导出Word", 6, 3, "在工作簿所在文件夹生成 Word 年度报告"),
)
BUTTON_SIZE = {"width": 112, "height": 34}

# The xlwings.conf sheet. xlwings.bas (GetConfigFromSheet) reads column A from A1 down to the first
# blank cell as keys and column B as their values; a key found there wins over the xlwings add-in's
# settings and %USERPROFILE%\.xlwings\xlwings.conf, even when its value is blank. So only settings
# with a value are in that block; the optional ones are listed below a blank row, where xlwings
# does not read them, with how to switch them on. Column C is a note for whoever installs it.
CONF_ROWS: tuple[tuple[str, str, str], ...] = (
    (
        "INTERPRETER_WIN",
        "python",
        r"python：使用 PATH 中的 Python（安装 Python 时勾选“Add python.exe to PATH”）。"
        r"否则填写 pythonw.exe 的完整路径，如 %LOCALAPPDATA%\Programs\Python\Python311\pythonw.exe",
    ),
    (
        "USE UDF SERVER",
        "False",
        "每次点击按钮启动新的 Python 进程，总是运行当前安装的 nianbao；不受 xlwings 加载项中此项设置的影响。",
    ),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "False", "不把工作簿所在文件夹加入搜索路径：nianbao 已用 pip 安装，同文件夹的 .py 文件不会干扰。"),
    ("SHOW CONSOLE", "False", "排查问题时可改为 True，显示 Python 控制台窗口。"),
)
CONF_OPTIONAL: tuple[tuple[str, str, str], ...] = (
    ("INTERPRETER_MAC", "", "macOS：python 的完整路径，如 /usr/local/bin/python3"),
    ("CONDA PATH", "", r"使用 Anaconda/Miniconda 时：其安装目录，如 %USERPROFILE%\miniconda3"),
    ("CONDA ENV", "", "使用 conda 环境时：环境名，如 base"),
    ("PYTHONPATH", "", "Python 额外的模块搜索路径（一般不需要）"),
)
CONF_OPTIONAL_NOTE = (
    "以下设置默认不生效：xlwings 只读取从 A1 起连续不空的各行，到上面的空行为止。需要某项时，在上方空行之前插入一行，"
    "A 列填键名、B 列填值（保留空行）。本页没有的设置项，使用 xlwings 加载项或 %USERPROFILE%\\.xlwings\\xlwings.conf 中的设置。"
)


def _vba_text(name: str) -> str:
    # Any byte is read (undecodable ones as surrogates) so that the VBA builder can refuse a
    # non-ASCII character with its module and line, rather than a codec error here.
    data = resources.files("xladdin.excel").joinpath("vba", name).read_bytes()
    return data.decode("utf-8", errors="surrogateescape")


def xlwings_bas() -> str:
    """The VBA module of the installed xlwings, whose DLL declarations match its version."""
    spec = importlib.util.find_spec("xlwings")  # located, not imported: the core never imports xlwings
    if spec is None or spec.origin is None:
        raise NianbaoError("构建带按钮的宏工作簿（.xlsm）需要安装 xlwings：pip install xlwings。")
    return (Path(spec.origin).parent / "xlwings.bas").read_bytes().decode("utf-8", errors="surrogateescape")


def sheet_codename(index: int) -> str:
    """codeName of the sheet at 0-based ``index``: Sheet1, Sheet2, … as Excel names new sheets."""
    return f"Sheet{index + 1}"


def vba_modules(sheet_count: int) -> list[VbaModule]:
    """Every module of the project: the button macros, xlwings, its Mac dictionary, the documents."""
    modules = [
        VbaModule(MACRO_MODULE, _vba_text("Nianbao.bas"), "standard"),
        VbaModule("xlwings", xlwings_bas(), "standard"),
        VbaModule("Dictionary", _vba_text("Dictionary.cls"), "class"),
        VbaModule(WORKBOOK_CODENAME, "", "document"),
    ]
    modules += [VbaModule(sheet_codename(i), "", "document") for i in range(sheet_count)]
    return modules


def vba_project(sheet_count: int) -> bytes:
    return build_vba_project(vba_modules(sheet_count))


def windows_interpreter() -> str | None:
    """On Windows, the full path of the running interpreter's pythonw.exe (python.exe if there is
    none): a workbook made here then runs this very Python, even when no Python is on PATH and
    "python" would start the Microsoft Store stub. None elsewhere: keep the default "python"."""
    if sys.platform != "win32":
        return None
    executable = Path(sys.executable)
    pythonw = executable.with_name("pythonw.exe")
    return str(pythonw if pythonw.is_file() else executable)


def conf_rows(interpreter: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """The active xlwings.conf block; ``interpreter`` replaces INTERPRETER_WIN's "python"."""
    if not interpreter:
        return CONF_ROWS
    note = "生成本工作簿的 Python（pythonw.exe）。换用其他 Python 时改为其 pythonw.exe 的完整路径，或填 python 使用 PATH 中的 Python。"
    return tuple((k, interpreter, note) if k == "INTERPRETER_WIN" else (k, v, n) for k, v, n in CONF_ROWS)


def _conf_sheet(wb, interpreter: str | None) -> None:
    ws = wb.add_worksheet(XLWINGS_CONF)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 2, 100)
    rows = conf_rows(interpreter)
    for row, (key, value, note) in enumerate(rows):
        ws.write_string(row, 0, key)
        ws.write_string(row, 1, value)
        ws.write_string(row, 2, note)
    first = len(rows) + 1  # one blank row: xlwings stops reading there
    ws.write_string(first, 0, CONF_OPTIONAL_NOTE)
    for row, (key, _, note) in enumerate(CONF_OPTIONAL, start=first + 1):
        ws.write_string(row, 0, key)
        ws.write_string(row, 2, note)
    ws.hide()  # xlwings reads hidden sheets; staff filling the report never need it


def _add_buttons_and_vba(wb, info, interpreter: str | None = None) -> None:
    """The ``buttons`` hook of build_workbook: buttons, xlwings.conf, codeNames, the VBA project."""
    info.set_column(BUTTONS[0].col, BUTTONS[0].col, 18)
    for b in BUTTONS:
        info.insert_button(b.row, b.col, {"macro": b.macro, "caption": b.caption, "description": b.tip, **BUTTON_SIZE})
    _conf_sheet(wb, interpreter)
    sheets = wb.worksheets()
    wb.set_vba_name(WORKBOOK_CODENAME)
    for i, ws in enumerate(sheets):
        ws.set_vba_name(sheet_codename(i))
    # Built here, once every sheet exists, so that each codeName has its document module.
    wb.add_vba_project(io.BytesIO(vba_project(len(sheets))), is_stream=True)


def xlsm_bytes(report: Report | None = None, interpreter: str | None = None) -> bytes:
    """The .xlsm template (filled with ``report`` when given) as bytes; ``interpreter``: the
    INTERPRETER_WIN to write (default "python", as in the committed template)."""
    buf = io.BytesIO()
    build_workbook(buf, report, buttons=lambda wb, info: _add_buttons_and_vba(wb, info, interpreter))
    return buf.getvalue()
