"""Time of the 校验 button in-process: ``xladdin.excel.validate(book)`` on an xlwings JSON book (what
xlwings Lite / Server hand the script), after imports; the book is rebuilt before each run, outside
the timing, so every run reads, checks and queues its writes from scratch.

Run: XLWINGS_LICENSE_KEY=noncommercial python benchmarks/validate.py
(xlwings' JSON-book engine needs that key; the noncommercial one is the one the tests use.)
Prints the median of 50 runs for a clean workbook and for one with mistakes, and the ratio to 50 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_MS = 50
RUNS = 50


def workbooks(folder: Path) -> dict[str, Path]:
    from workbook.layout import LAYOUT
    from workbook.model import State, Value
    from workbook.write import write_report
    from xladdin.samples import wenxian_2024

    sample = folder / "sample.xlsx"
    write_report(wenxian_2024(), sample)
    broken = wenxian_2024()
    f = LAYOUT["t3.r1.zr"]
    broken.values[f.key] = Value(f.key, None, State.TEXT, "abc", None, "", f.sheet, f.cell)
    broken.set("t2.xk.sl", -5)
    broken.set("t4.fy.wc", 1.5)
    broken.fill_totals()
    broken.set("t3.new.zj", 99)
    mistakes = folder / "mistakes.xlsx"
    write_report(broken, mistakes)
    return {"温县 2024 样例": sample, "含 4 处填写错误": mistakes}


def bench(path: Path) -> tuple[list[float], int]:
    import copy

    import xlwings as xw

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from xlbook import payload  # the same JSON book the tests build
    from xladdin.excel import validate

    data = payload(path)
    validate(xw.Book(json=copy.deepcopy(data)))  # warm-up
    times = []
    for _ in range(RUNS):
        book = xw.Book(json=copy.deepcopy(data))
        t0 = time.perf_counter()
        findings = validate(book)
        times.append((time.perf_counter() - t0) * 1000)
    return times, len(findings)


def main() -> None:
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        sys.exit("请先设置环境变量 XLWINGS_LICENSE_KEY=noncommercial（xlwings 的 JSON 工作簿需要它，测试中同样设置）。")
    import xladdin.excel  # noqa: F401  imports are outside the timing
    import checks  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        for label, path in workbooks(Path(tmp)).items():
            times, n = bench(path)
            median = statistics.median(times)
            print(
                f"validate(book) {label}（{n} 项问题）: median {median:.1f} ms of {RUNS} runs "
                f"(min {min(times):.1f}, max {max(times):.1f}); goal {GOAL_MS} ms; ratio {median / GOAL_MS:.2f}"
            )


if __name__ == "__main__":
    main()
