"""The hostile inputs as data: what each file is, and what ``nianbao check`` must say about it.

A case's file is named with Chinese and spaces ("温县 2024年 年报（<id>）.xlsx"), so every case also
checks that such names reach the message intact.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from workbook.layout import LAYOUT

from . import files

UNREADABLE, FINDINGS, CLEAN = 2, 1, 0  # nianbao check's exit codes


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[], bytes]
    suffix: str
    exit: int
    says: tuple[str, ...] = ()  # fragments of the Chinese message (the error, or one finding's)
    cells: tuple[str, ...] = ()  # "sheet!A1" a finding must name, in its cells and its message
    rules: tuple[str, ...] = ()  # rule ids among the findings
    opens: bool = False  # calamine opens it: an Excel user has it open, so xladdin.validate gets a book
    published: bool = False  # a .docx/.pdf/.html: also imported with nianbao import

    @property
    def name(self) -> str:
        return f"温县 2024年 年报（{self.id}）{self.suffix}"


def _cell(key: str, value) -> Callable[[], bytes]:
    return functools.partial(files.number_cell, key, value)


def _ref(key: str) -> str:
    return LAYOUT[key].ref


CASES: tuple[Case, ...] = (
    # ------------------------------------------------ not a workbook at all
    Case("empty", files.empty, ".xlsx", UNREADABLE, ("空文件",)),
    Case("text-named-xlsx", files.text_named_xlsx, ".xlsx", UNREADABLE, ("不是 Excel、WPS 或 LibreOffice 工作簿", "改了扩展名")),
    Case("truncated-zip", files.truncated_zip, ".xlsx", UNREADABLE, ("已损坏",)),
    Case("corrupt-zip", files.corrupt_zip, ".xlsx", UNREADABLE, ("已损坏",)),
    Case("html-saved-as-xls", files.html_named_xls, ".xls", UNREADABLE, ("是网页", "nianbao import")),
    Case("password-protected", files.password_protected, ".xlsx", UNREADABLE, ("设置了打开密码", "取消密码")),
    # ------------------------------------------------ hostile
    Case("zip-bomb", files.zip_bomb, ".xlsx", UNREADABLE, ("解压后超过 200 MB", "已拒绝读取")),
    Case("billion-laughs-in-sheet", files.billion_laughs, ".xlsx", UNREADABLE, ("不安全的 XML",)),
    # calamine does not expand entities; the file is refused either way (the message may name the XML or the format)
    Case("billion-laughs-in-shared-strings", files.laughs_in_shared_strings, ".xlsx", UNREADABLE, ("不安全的 XML",)),
    Case("external-entity-in-sheet", files.external_entity, ".xlsx", UNREADABLE, ("不安全的 XML",)),
    Case("external-entity-in-workbook", files.external_entity_in_workbook, ".xlsx", UNREADABLE, ("不安全的 XML",)),
    Case("docx-bomb", files.docx_bomb, ".docx", UNREADABLE, ("解压后超过 200 MB", "Word"), published=True),
    Case("pdf-bomb", files.pdf_bomb, ".pdf", UNREADABLE, ("解压后超过 200 MB", "PDF"), published=True),
    # ------------------------------------------------ not a report
    Case("docx-not-a-report", files.docx_not_report, ".docx", UNREADABLE, ("不是政府信息公开工作年度报告",), published=True),
    Case("pdf-not-a-report", files.pdf_not_report, ".pdf", UNREADABLE, ("不是政府信息公开工作年度报告",), published=True),
    Case("html-not-a-report", files.html_not_report, ".html", UNREADABLE, ("不是政府信息公开工作年度报告",), published=True),
    Case("txt-not-a-report", files.txt_not_report, ".txt", UNREADABLE, ("不是政府信息公开工作年度报告",), published=True),
    Case("html-blank", files.blank_html, ".html", UNREADABLE, ("网页内容无法解析",), published=True),
    # ------------------------------------------------ the template, reshaped
    Case("sheet-deleted", files.deleted_sheet, ".xlsx", UNREADABLE, ("缺少工作表“复议诉讼”",), opens=True),
    Case("sheet-renamed", files.renamed_sheet, ".xlsx", UNREADABLE, ("缺少工作表“依申请公开”", "表三"), opens=True),
    Case("row-deleted", files.deleted_row, ".xlsx", UNREADABLE, ("“依申请公开”工作表", "4.保护第三方合法权益", "C12"), opens=True),
    Case("row-inserted", files.inserted_row, ".xlsx", CLEAN, opens=True),
    Case("sheets-extra-and-hidden", files.extra_and_hidden_sheets, ".xlsx", CLEAN, opens=True),
    Case("xlsm-with-macros", files.xlsm_with_macros, ".xlsm", CLEAN, opens=True),
    # the published 温县 sample as .xls, renamed: read as .xls, with the sample's one known narrative error
    Case("xls-renamed-xlsx", files.xls_renamed, ".xlsx", FINDINGS, cells=("主动公开!B5",), rules=("NARR.DOCUMENTS",), opens=True),
    Case(
        "merged-cells-changed",
        files.merges_changed,
        ".xlsx",
        FINDINGS,
        ("未填写",),
        cells=("主动公开!B8", "依申请公开!D20"),
        rules=("CELL.BLANK", "T3.BALANCE"),
        opens=True,
    ),
    # ------------------------------------------------ cell contents
    Case(
        "formula-errors",
        files.formula_errors,
        ".xlsx",
        FINDINGS,
        ("#REF!", "#DIV/0!", "#VALUE!"),
        cells=(_ref("t3.new.sy"), _ref("t3.r1.ky"), _ref("t4.fy.jz")),
        rules=("CELL.FORMULA_ERROR",),
        opens=True,
    ),
    Case("text-in-number-cell", _cell("t3.r1.zr", "若干"), ".xlsx", FINDINGS, ("“若干”不是数字",), (_ref("t3.r1.zr"),), ("CELL.TEXT",), opens=True),
    Case("negative", _cell("t3.new.sy", -2), ".xlsx", FINDINGS, ("负数 -2",), (_ref("t3.new.sy"),), ("CELL.NEGATIVE", "T3.BALANCE"), opens=True),
    Case("decimal", _cell("t3.r5_1.zr", 1.5), ".xlsx", FINDINGS, ("1.5，件数应为整数",), (_ref("t3.r5_1.zr"),), ("CELL.NOT_INTEGER",), opens=True),
    Case("1e15", _cell("t3.new.fl", 1e15), ".xlsx", FINDINGS, ("明显过大",), (_ref("t3.new.fl"),), ("CELL.TOO_LARGE",), opens=True),
    # read as the number meant, with a warning: the sums hold, so no error
    Case("full-width-digits", _cell("t3.new.zr", "３３"), ".xlsx", CLEAN, ("全角数字",), (_ref("t3.new.zr"),), ("CELL.READ_AS",), opens=True),
    Case("chinese-numeral", _cell("t2.gfxwj.zf", "五"), ".xlsx", CLEAN, ("汉字数字“五”",), (_ref("t2.gfxwj.zf"),), ("CELL.READ_AS",), opens=True),
    Case("number-as-text", _cell("t4.fy.wc", "2"), ".xlsx", CLEAN, ("文本格式的数字",), (_ref("t4.fy.wc"),), ("CELL.READ_AS",), opens=True),
)

BY_ID = {c.id: c for c in CASES}
assert len(BY_ID) == len(CASES)
