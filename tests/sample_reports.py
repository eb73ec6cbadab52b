"""Sample reports as the tests need them: the bundled 温县 2024 sample, and variants of a published report."""

from __future__ import annotations

from pathlib import Path

from workbook.model import Report
from xladdin.samples import wenxian_2024


def corrected_sample() -> Report:
    """The 温县 sample without its one published inconsistency (正文 says 4 规范性文件, the table 5), which the
    checks rightly report as an error: with it, ``nianbao word`` refuses the sample and ``nianbao text`` exits 1."""
    report = wenxian_2024()
    assert "共 4 件" in report.texts["text.s1_1"]
    report.texts["text.s1_1"] = report.texts["text.s1_1"].replace("共 4 件", "共 5 件")
    return report


GONGANJU = Path(__file__).parent / "fixtures" / "published" / "pingtan_gonganju_2022.txt"


def published_variant(tmp_path: Path, old: str, new: str, source: Path = GONGANJU) -> Path:
    """A copy of a published report (平潭公安局 2022 by default) with one passage changed, written under ``tmp_path``."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path
