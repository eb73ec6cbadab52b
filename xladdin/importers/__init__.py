"""Published reports (.docx, .html, .pdf, .txt) → a filled template Report, with findings for what could not be read.

``import_report(path)`` reads a published report (``nianbao import``); ``load_any(path)`` is the one
loader every other command uses: a published report through ``import_report``, anything else through
the workbook reader (which recognises a workbook by its content and says in Chinese what else a file is). Each source module turns its file into lines and table rows
(``document.Doc``); ``text.parse`` recognises the tables and sections. Import stays pure: it does
not run the checks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checks.findings import Finding
from workbook.errors import UnreadableFile
from workbook.inputs import checked_size
from workbook.layout import SECTION_TITLES
from workbook.model import UNREAD_MARK, Report, State

SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".docm": "docx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".doc": "doc",
    ".wps": "doc",
    ".rtf": "doc",
    ".odt": "doc",
}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # what workbook.read reads
MAX_BYTES = 100 * 2**20


class NotAReport(UnreadableFile):
    """The file opens, but nothing in it belongs to an annual report (no title, section, or table)."""


@dataclass
class ImportResult:
    report: Report
    findings: list[Finding] = field(default_factory=list)
    format: str = "2021"  # "2021" | "2019": which national table format the report used
    kind: str = ""  # the source format: txt, docx, html, pdf; "workbook" for a workbook (load_any)


def is_published_report(path: str | os.PathLike) -> bool:
    """True for the file kinds ``import_report`` reads (by suffix)."""
    return Path(path).suffix.lower() in SUFFIXES


def read_document(path: Path):
    """The file → document.Doc (lines and table rows), by its kind."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnreadableFile(
            f"不支持读取“{path.name}”这种文件（{path.suffix or '无扩展名'}）。可读取已发布报告的 .docx、.pdf、.html/.htm、.txt 文件；"
            "Excel 工作簿请直接使用 nianbao check。"
        )
    checked_size(path, "报告", MAX_BYTES)
    if kind == "txt":
        from . import txt

        return txt.read(path)
    if kind == "docx":
        from . import docx

        return docx.read(path)
    if kind == "html":
        from . import html

        return html.read(path)
    if kind == "pdf":
        from . import pdf

        return pdf.read(path)
    from . import docx

    return docx.read_converted(path)


def import_report(path: str | os.PathLike) -> ImportResult:
    """Read a published report. Raises UnreadableFile (Chinese message) for files it cannot open."""
    from .recognise import parse

    path = Path(path)
    doc = read_document(path)
    report, findings, fmt = parse(doc, str(path))
    if not any(report.texts.values()) and all(v.state is State.BLANK or v.raw == UNREAD_MARK for v in report.values.values()):
        # Nothing of a report at all (a memo, a notice): an empty workbook written for it would only mislead.
        raise NotAReport(
            f"“{path.name}”不是政府信息公开工作年度报告：文件中没有找到报告标题、“{SECTION_TITLES['s1']}”等部分的标题或三张统计表，"
            "无法导入。请确认选择的文件是否正确。"
        )
    return ImportResult(report, findings, fmt, doc.kind)


def load_any(path: str | os.PathLike) -> ImportResult:
    """A filled workbook or a published report → its Report and the findings of the reading itself.

    Raises NianbaoError (Chinese message) for a file it cannot read. Only what the file needs is
    imported: a workbook never loads the document libraries (``nianbao check`` stays light).
    """
    path = Path(path)
    if is_published_report(path):
        return import_report(path)
    from workbook.read import read_workbook

    return ImportResult(read_workbook(path), [], "2021", "workbook")


def is_readable(path: str | os.PathLike) -> bool:
    """True for the files load_any reads by their suffix (a workbook or a published report): what a folder is searched for."""
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES or is_published_report(path)


__all__ = [
    "ImportResult",
    "NotAReport",
    "SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "import_report",
    "is_published_report",
    "is_readable",
    "load_any",
]
