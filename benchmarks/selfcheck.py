"""Whole-workbook recalculation of the template's own checks (表格自查) in LibreOffice: UNO
``calculateAll()`` timed on the bundled sample (clean, and with one wrong input typed), and what the
template carries: formula cells (the tables' totals and the self-check cells) and conditional-format
ranges.

Run: python benchmarks/selfcheck.py   (needs LibreOffice and the system Python's `uno`)
Prints the median of 50 recalculations of each workbook and the ratio to 50 ms.
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GOAL_MS = 50
RUNS = 50
ROOT = Path(__file__).resolve().parents[1]
UNO_SCRIPT = ROOT / "tests" / "uno" / "calc_selfcheck.py"


def carried(data: bytes) -> tuple[int, int, int]:
    """(formula cells, conditional-format ranges, conditional-format rules) of an .xlsx."""
    import re

    formulas = ranges = rules = 0
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode("utf-8")
                formulas += len(re.findall(r"<f[ >]", xml))
                for sqref in re.findall(r'<conditionalFormatting sqref="([^"]+)"', xml):
                    ranges += len(sqref.split(" "))
                rules += xml.count("<cfRule ")
    return formulas, ranges, rules


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from workbook.build import template_bytes
    from workbook.layout import LAYOUT
    from workbook.write import write_report
    from xladdin.samples import wenxian_2024

    formulas, ranges, rules = carried(template_bytes())
    print(f"模板含公式单元格 {formulas} 个，条件格式 {rules} 条（作用于 {ranges} 个区域）")
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.xlsx"
        write_report(wenxian_2024(), sample)
        wrong = {LAYOUT["t3.new.ky"].ref: "7"}
        runs = [
            {"source": str(sample), "recalc": True, "repeat": RUNS},
            {"source": str(sample), "cells": wrong, "recalc": True, "repeat": RUNS},
        ]
        job = {"profile": str(Path(tmp) / "lo-profile"), "runs": runs}
        out = subprocess.run(["/usr/bin/python3", str(UNO_SCRIPT)], input=json.dumps(job), capture_output=True, text=True, check=True)
    for label, result in zip(("温县 2024 样例", "录入一处错误后"), json.loads(out.stdout)):
        median = statistics.median(result["calc_ms"][1:])  # the first run warms LibreOffice's caches
        print(f"{label}：calculateAll 中位数 {median:.2f} 毫秒（目标 ≤ {GOAL_MS} 毫秒，比值 {median / GOAL_MS:.2f}）")


if __name__ == "__main__":
    main()
