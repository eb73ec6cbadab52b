"""The 校验结果 sheet as printed: LibreOffice renders the marked copy to PDF, and each page of the list is
as wide as the sheet (every column on it, the header repeated), with every message whole — the row heights
leave no wrapped text cut off. A PNG of the first page is written for people to look at."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checks.annotate import annotate
from checks.catalogue import finding, rule_name
from checks.results_sheet import HEADER
from workbook.read import read_workbook
from workbook.write import write_report
from xladdin.samples import wenxian_2024

pytestmark = pytest.mark.libreoffice


def _findings(report):
    """Many findings, long and short, each naming several cells: more than one printed page."""
    cells = [v.ref for v in report.values.values()][:40]
    out = []
    for i in range(36):
        long = "，".join(["请核对该单元格与相关合计的填写是否一致"] * (1 + i % 4))
        rule = ("T3.BALANCE", "CELL.BLANK", "TEXT.EMPTY")[i % 3]
        out.append(finding(rule, f"第 {i + 1} 条：{long}。", tuple(cells[i % 7 : i % 7 + 3 + i % 20]), expected=i, actual=i + 1))
    return out


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every page's words with their boxes (x0, y0, x1, y1, text), as poppler reads them."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(page)]
        for page in out.split("<page ")[1:]
    ]


def _columns(words) -> dict[str, list[tuple[float, float, float, float, str]]]:
    """A page of the list cut into its columns at the header words' left edges."""
    heads = {w[4]: w[0] for w in words if w[4] in HEADER}
    edges = [heads[h] - 4 for h in HEADER] + [float("inf")]
    top = min(w[1] for w in words if w[4] in HEADER)
    cols: dict[str, list] = {h: [] for h in HEADER}
    for w in words:
        if w[1] > top + 1:
            i = next(i for i in range(len(HEADER)) if edges[i] <= w[0] < edges[i + 1]) if w[0] >= edges[0] else 0
            cols[HEADER[i]].append(w)
    return {h: sorted(ws, key=lambda w: (round(w[1]), w[0])) for h, ws in cols.items()}


def _overlaps(words) -> list[tuple[str, str]]:
    """Pairs of words drawn over each other: text that ran out of its row into the next one's."""
    return [
        (a[4], b[4])
        for i, a in enumerate(words)
        for b in words[i + 1 :]
        if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
    ]


def test_the_results_sheet_prints_fit_to_width_with_nothing_cut(tmp_path):
    assert shutil.which("soffice") and shutil.which("pdftoppm"), "LibreOffice and poppler must be installed: see tests/run.sh"
    source = tmp_path / "温县.xlsx"
    write_report(wenxian_2024(), source)
    report = read_workbook(source)
    findings = _findings(report)
    marked = annotate(source, report, findings, tmp_path / "温县_校验.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(marked)],
        capture_output=True, timeout=180, check=True,
    )
    pdf = tmp_path / "温县_校验.pdf"
    numbered = [(n, words) for n, words in enumerate(_words(pdf), start=1) if any(w[4] == "涉及的全部单元格" for w in words)]
    pages = [words for _, words in numbered]
    assert len(pages) >= 2  # the list runs over pages, the header repeated on each
    assert pages[0][0][4] == f"校验结果：{source.name}"
    streams: dict[str, str] = {h: "" for h in HEADER}
    for words in pages:
        assert {h for h in HEADER} <= {w[4] for w in words}  # every column on each page: as wide as the sheet
        for header, column in _columns(words).items():
            assert _overlaps(column) == [], header  # no row's text runs into the next row
            streams[header] += "".join(w[4] for w in column)
    at = {h: 0 for h in HEADER}
    for f in findings:  # every message and rule name printed whole, in order, down its column
        for header, text in (("说明", f.message), ("规则", rule_name(f.rule))):
            found = streams[header].find(re.sub(r"\s+", "", text), at[header])
            assert found >= 0, (header, text)
            at[header] = found + 1
    first = str(numbered[0][0])
    subprocess.run(["pdftoppm", "-f", first, "-l", first, "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    from PIL import Image

    with Image.open(png) as image:
        assert image.width > image.height  # landscape
        assert image.convert("L").getextrema()[0] < 100  # text was drawn
