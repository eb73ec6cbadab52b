"""The bundled 温县 2024 sample as the tests of text and Word need it."""

from __future__ import annotations

from workbook.model import Report
from xladdin.samples import wenxian_2024


def corrected_sample() -> Report:
    """The 温县 sample without its one published inconsistency (正文 says 4 规范性文件, the table 5), which the
    checks rightly report as an error: with it, ``nianbao word`` refuses the sample and ``nianbao text`` exits 1."""
    report = wenxian_2024()
    assert "共 4 件" in report.texts["text.s1_1"]
    report.texts["text.s1_1"] = report.texts["text.s1_1"].replace("共 4 件", "共 5 件")
    return report
