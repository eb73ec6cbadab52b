"""nianbao（政府信息公开工作年度报告）for xlwings Lite.

Paste this file into the main.py tab of xlwings Lite and requirements.txt into its tab (both are
written by `nianbao lite -o 文件夹`). The three scripts are the buttons of the 基本信息 sheet
(校验 / 生成正文 / 导出Word); they also run from the xlwings Lite task pane. The Word report is
written to /data: download it from xlwings Lite > Files > Import/Export.
"""

import xlwings as xw
from xlwings import script

from xladdin import excel


@script(name="校验", button="[TextBox 1]基本信息!D3")
def validate(book: xw.Book):
    """检查全部表格，问题单元格标色，明细写入“校验结果”页。"""
    excel.validate(book)


@script(name="生成正文", button="[TextBox 2]基本信息!D5")
def generate_text(book: xw.Book):
    """根据表格数据生成“正文”页的系统生成内容。"""
    excel.generate_text(book)


@script(name="导出Word", button="[TextBox 3]基本信息!D7")
def export_word(book: xw.Book):
    """校验无错误后，生成 Word 年度报告（保存到 /data）。"""
    excel.export_word(book)
