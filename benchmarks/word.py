"""Time to generate one report in-process: narrative + Word document (.docx bytes) of the 温县 2024 sample.

Run: python benchmarks/word.py. Prints the median of 20 runs and its ratio to the 300 ms goal.
"""

from __future__ import annotations

import io
import statistics
import time

from xladdin.samples import wenxian_2024
from xladdin.report.prose import generate
from xladdin.report.word import build_document

GOAL_MS = 300
RUNS = 20


def one(report) -> int:
    narrative = generate(report)
    buf = io.BytesIO()
    build_document(report, narrative=narrative).save(buf)
    return len(buf.getvalue())


def main() -> None:
    report = wenxian_2024()
    one(report)  # warm-up: imports, python-docx's default template read from disk
    times, text_times = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        generate(report)
        t1 = time.perf_counter()
        size = one(report)
        t2 = time.perf_counter()
        text_times.append((t1 - t0) * 1000)
        times.append((t2 - t1) * 1000)
    median = statistics.median(times)
    print(f"narrative only: median {statistics.median(text_times):.2f} ms")
    print(f"narrative + Word (.docx, {size // 1024} KB): median {median:.1f} ms of {RUNS} runs "
          f"(min {min(times):.1f}, max {max(times):.1f}); goal {GOAL_MS} ms; ratio {median / GOAL_MS:.2f}")


if __name__ == "__main__":
    main()
