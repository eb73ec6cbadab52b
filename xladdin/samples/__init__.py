"""The bundled sample: the published 温县人民政府办公室 2024 report, as numbers and texts."""

from __future__ import annotations

import json
from pathlib import Path

from workbook.model import Report

WENXIAN_2024 = Path(__file__).with_name("wenxian_2024.json")


def wenxian_2024() -> Report:
    data = json.loads(WENXIAN_2024.read_text(encoding="utf-8"))
    report = Report.from_numbers(data["numbers"], data["texts"])
    report.source = data["source"]
    return report
