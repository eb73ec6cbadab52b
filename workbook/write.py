"""Report → filled template workbook (demo, import, merge). Totals equal to their inputs stay live formulas."""

from __future__ import annotations

import io
import os

from .atomic import write_bytes_atomic
from .build import build_workbook
from .model import Report, agency_kind


def report_bytes(report: Report | None, macros: bool = False) -> bytes:
    """The workbook as bytes; ``macros``: the .xlsm with buttons and VBA, built against the installed xlwings."""
    if macros:
        from .xlsm import windows_interpreter, xlsm_bytes

        return xlsm_bytes(report, interpreter=windows_interpreter())  # a made workbook runs this Python
    buf = io.BytesIO()
    build_workbook(buf, report)
    return buf.getvalue()


def write_report(report: Report | None, path: str | os.PathLike) -> None:
    """Write ``report`` (None: the empty template) to ``path`` atomically; a path ending in .xlsm gets the buttons."""
    write_bytes_atomic(path, report_bytes(report, macros=str(path).lower().endswith(".xlsm")))


def new_template(path: str | os.PathLike, year: int | None = None, org: str = "") -> None:
    """A fresh template, with the report year and agency filled in when given."""
    report = Report.empty()
    if year:
        report.texts["info.year"] = str(year)
    if org:
        report.texts["info.org"] = org
        report.texts["info.kind"] = agency_kind(org)
    write_report(report, path)
