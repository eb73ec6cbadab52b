"""nianbao（政府信息公开工作年度报告）for xlwings Lite.

Paste this file into the main.py tab of xlwings Lite and requirements.txt into its tab (both are
written by `nianbao lite -o 文件夹`). The three scripts are the buttons of the 基本信息 sheet
(校验 / 生成正文 / 导出Word); they also run from the xlwings Lite task pane. The Word report is
written to /data: download it from xlwings Lite > Files > Import/Export.

Self-contained: nianbao's own code (pure Python) is the NIANBAO_ZIP text at the end of this file;
it is unpacked once and put on sys.path. requirements.txt lists only packages xlwings Lite can
install (xlwings, python-docx, lxml, XlsxWriter).
"""

import base64
import hashlib
import os
import sys
import tempfile

import xlwings as xw
from xlwings import script


def _nianbao():
    """The entry points (xladdin.excel), importable once the zip below is on sys.path."""
    if NIANBAO_ZIP.strip():  # empty only in the repository's copy: there the installed nianbao is used
        data = base64.b64decode(NIANBAO_ZIP)
        path = os.path.join(tempfile.gettempdir(), f"nianbao-{hashlib.sha256(data).hexdigest()[:16]}.zip")
        if not os.path.exists(path):
            with open(path + ".part", "wb") as f:
                f.write(data)
            os.replace(path + ".part", path)
        if path not in sys.path:
            sys.path.insert(0, path)
    from xladdin import excel

    return excel


@script(name="校验", button="[TextBox 1]基本信息!D3")
def validate(book: xw.Book):
    """检查全部表格，问题单元格标色，明细写入“校验结果”页。"""
    _nianbao().validate(book)


@script(name="生成正文", button="[TextBox 2]基本信息!D5")
def generate_text(book: xw.Book):
    """根据表格数据生成“正文”页的系统生成内容。"""
    _nianbao().generate_text(book)


@script(name="导出Word", button="[TextBox 3]基本信息!D7")
def export_word(book: xw.Book):
    """校验无错误后，生成 Word 年度报告（保存到 /data）。"""
    _nianbao().export_word(book)


# nianbao {version}: packages workbook, checks and xladdin (only the modules the buttons use),
# zipped and base64-encoded by `nianbao lite`. Do not edit.
NIANBAO_ZIP = """
"""
