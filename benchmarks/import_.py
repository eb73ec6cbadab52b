"""Import time per published report: python benchmarks/import_.py [FILES...] (default: the samples and synthetic fixtures)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xladdin.importers import import_report  # noqa: E402


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or sorted((ROOT / "tests/fixtures/samples").glob("*.[tp][xd][tf]")) + sorted(
        p for p in (ROOT / "tests/fixtures/import").iterdir() if p.suffix in (".txt", ".docx", ".html", ".pdf")
    )
    import_report(files[0])  # warm up: first imports of pdfplumber, docx, lxml
    print(f"{'file':42} {'KB':>6} {'ms (median of 5)':>17} {'findings':>9}")
    for f in files:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            r = import_report(f)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{f.name:42} {f.stat().st_size / 1024:6.0f} {statistics.median(times):17.1f} {len(r.findings):9}")


if __name__ == "__main__":
    main(sys.argv[1:])
