"""xlwings Lite: the main.py to paste into the add-in, its requirements.txt, and a template whose
基本信息 sheet carries the three button shapes main.py binds its scripts to.

main.py is self-contained: it carries the project modules the entry points need as a base64 zip
(see ``bundle``); requirements.txt names only packages xlwings Lite can install.

Office.js cannot run a macro from a form button, so xlwings Lite binds a script to a *shape* that
is hyperlinked to the cell beneath it: ``@script(button="[TextBox 1]基本信息!D3")``. xlsxwriter
names text boxes "TextBox 1", "TextBox 2", … in insertion order, which is what main.py refers to.
"""

from __future__ import annotations

import base64
import io
import os
import textwrap
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from workbook.atomic import write_bytes_atomic
from workbook.build import build_workbook
from workbook.layout import SHEET_INFO, a1
from workbook.model import Report
from workbook.xlsm import BUTTON_SIZE, BUTTONS

from .bundle import bundle_zip

MAIN_PY = "main.py"
REQUIREMENTS_TXT = "requirements.txt"
TEMPLATE_NAME = "年报填报模板（xlwings Lite）.xlsx"
SHAPE_NAME = "TextBox {}"  # xlsxwriter's name for the n-th text box of a sheet
ZIP_SLOT = 'NIANBAO_ZIP = """\n"""'  # where main_py() puts the bundled code
# What the entry points import besides the bundled code (lxml comes with Pyodide, unpinned).
REQUIREMENTS = {"xlwings": "xlwings", "python_docx": "python-docx", "xlsxwriter": "XlsxWriter"}


def _text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _nianbao_version() -> str:
    try:
        return version("nianbao")
    except PackageNotFoundError:  # run from a source folder that was never pip-installed
        return "(source)"


def main_py() -> str:
    """main.py with the bundled project code filled in."""
    encoded = textwrap.fill(base64.b64encode(bundle_zip()).decode("ascii"), 100)
    text = _text(MAIN_PY).replace("{version}", _nianbao_version())
    assert ZIP_SLOT in text, "main.py lost its NIANBAO_ZIP slot"
    return text.replace(ZIP_SLOT, f'NIANBAO_ZIP = """\n{encoded}\n"""')


def requirements_txt() -> str:
    """requirements.txt for xlwings Lite, pinned to the versions installed here (those tested)."""
    return _text(REQUIREMENTS_TXT).format(**{key: version(dist) for key, dist in REQUIREMENTS.items()})


def button_refs() -> list[str]:
    """The ``button=`` reference of each script, in BUTTONS order: "[TextBox 1]基本信息!D3"."""
    return [f"[{SHAPE_NAME.format(i + 1)}]{SHEET_INFO}!{a1(b.row, b.col)}" for i, b in enumerate(BUTTONS)]


def lite_buttons(wb, info) -> None:
    """The ``buttons`` hook of build_workbook: one text box per button, linked to its own cell."""
    info.set_column(BUTTONS[0].col, BUTTONS[0].col, 18)
    for b in BUTTONS:
        info.insert_textbox(
            b.row,
            b.col,
            b.caption,
            {
                **BUTTON_SIZE,
                "url": f"internal:'{SHEET_INFO}'!{a1(b.row, b.col)}",
                "tip": b.tip,
                "description": b.tip,
                "font": {"bold": True, "size": 12},
                "align": {"vertical": "middle", "horizontal": "center"},
                "fill": {"color": "#DDEBF7"},
                "line": {"color": "#5B9BD5"},
            },
        )


def lite_template_bytes(report: Report | None = None) -> bytes:
    buf = io.BytesIO()
    build_workbook(buf, report, buttons=lite_buttons)
    return buf.getvalue()


def export(outdir: str | os.PathLike) -> list[Path]:
    """Write main.py, requirements.txt and the Lite template into ``outdir``; return their paths."""
    outdir = Path(outdir)
    files = {
        outdir / MAIN_PY: main_py().encode("utf-8"),
        outdir / REQUIREMENTS_TXT: requirements_txt().encode("utf-8"),
        outdir / TEMPLATE_NAME: lite_template_bytes(),
    }
    for path, data in files.items():
        write_bytes_atomic(path, data)
    return list(files)
