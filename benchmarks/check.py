"""Benchmark of ``nianbao check``, printed from one run (stdlib timing only).

1. Batch throughput over N generated workbooks (default 500): ``read_workbook`` + ``check_report``
   in this process, against python-calamine's raw read of the same files (open + every sheet's
   ``to_python``). Goal: ≥ 0.5×. Also ``nianbao check FOLDER`` as a user runs it (worker processes,
   start-up included).
2. One-file wall time of ``nianbao check FILE`` against ``python -c "import python_calamine"``
   (median of several runs each). Goal: ≤ 5×.

Usage: ``python benchmarks/check.py [--files 500] [--runs 7] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbook.layout import LAYOUT
from workbook.model import Report
from workbook.write import report_bytes
from xladdin.samples import wenxian_2024


def varied_report(rng: random.Random) -> Report:
    """The 温县 sample's texts with random table numbers; one in ten has a wrong typed total."""
    base = wenxian_2024()
    numbers = {}
    for f in LAYOUT.inputs:
        if f.kind == "amount":
            numbers[f.key] = round(rng.random() * 100, 2) if rng.random() < 0.3 else 0
        else:
            numbers[f.key] = rng.randint(1, 60) if rng.random() < 0.3 else 0
    report = Report.from_numbers(numbers, dict(base.texts))
    if rng.random() < 0.1:
        total = rng.choice(LAYOUT.totals).key
        report.set(total, report[total] + rng.randint(1, 5))
    return report


def generate(folder: Path, n: int, seed: int = 2024) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        p = folder / f"报告{i:04d}.xlsx"
        p.write_bytes(report_bytes(varied_report(rng)))
        paths.append(p)
    return paths


def best_of(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def calamine_read(paths: list[Path]) -> None:
    from python_calamine import CalamineWorkbook

    for p in paths:
        wb = CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()


def check_all(paths: list[Path]) -> int:
    from checks import check_report
    from workbook.read import read_workbook

    errors = 0
    for p in paths:
        errors += any(f.is_error for f in check_report(read_workbook(p)))
    return errors


def read_all(paths: list[Path]) -> None:
    from workbook.read import read_workbook

    for p in paths:
        read_workbook(p)


def median_wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def nianbao_cmd() -> list[str]:
    exe = shutil.which("nianbao")
    return [exe] if exe else [sys.executable, "-m", "xladdin.cli"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="write the workbooks here instead of a temporary folder")
    args = ap.parse_args()

    tmp = None
    if args.keep:
        folder = args.keep
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="nianbao-bench-")
        folder = Path(tmp.name)
    try:
        t = time.perf_counter()
        paths = generate(folder, args.files)
        print(f"生成 {len(paths)} 个工作簿：{time.perf_counter() - t:.1f} 秒（{folder}）")
        calamine_read(paths[:20])
        check_all(paths[:20])  # warm-up: imports, file cache

        raw = best_of(2, lambda: calamine_read(paths))
        ours = best_of(2, lambda: check_all(paths))
        n = len(paths)
        print(f"python-calamine 原始读取：{n / raw:8.0f} 个/秒（{raw / n * 1000:.2f} 毫秒/个）")
        print(f"读取并校验（单进程）：    {n / ours:8.0f} 个/秒（{ours / n * 1000:.2f} 毫秒/个）")
        read = best_of(2, lambda: read_all(paths))
        print(f"  其中读取（workbook.read）{read / n * 1000:.2f} 毫秒/个，校验（checks）{(ours - read) / n * 1000:.2f} 毫秒/个")
        print(f"  吞吐量比值：{raw / ours:.2f}×（目标 ≥ 0.5×）")

        cli = nianbao_cmd() + ["check", str(folder), "--format", "json"]
        t = time.perf_counter()
        subprocess.run(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        batch = time.perf_counter() - t
        print(f"nianbao check 文件夹（{os.cpu_count()} 个进程，含启动）：{n / batch:8.0f} 个/秒；与 calamine 之比 {raw / batch:.2f}×")

        one = str(paths[0])
        check_one = median_wall(nianbao_cmd() + ["check", one], args.runs)
        baseline = median_wall([sys.executable, "-c", "import python_calamine"], args.runs)
        print(
            f"单个文件 nianbao check：{check_one * 1000:.0f} 毫秒；python -c \"import python_calamine\"："
            f"{baseline * 1000:.0f} 毫秒（各 {args.runs} 次取中位数）"
        )
        print(f"  单文件比值：{check_one / baseline:.2f}×（目标 ≤ 5×）")
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
