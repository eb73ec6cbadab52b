"""Wrapped text on the 基本信息, 正文 and 填报说明 sheets gets rows tall enough: rendered by LibreOffice (which,
like WPS, does not grow rows on opening), every text is printed whole and no two lines of text overlap."""

import itertools
import re

import pytest

from render import page_count, page_png, render_pdf, words
from workbook.build import HELP_LINES, INFO_STEPS, build_workbook
from workbook.labels import norm
from workbook.layout import FORMAT_NAME, INFO_ITEMS, LAYOUT, TEXT_SECTIONS
from xladdin.samples import wenxian_2024

# Glyph boxes are taller than the line pitch (ascent + descent), so adjacent one-line rows touch by a point
# or so; overlapping text (a wrapped cell spilling over the next row) shares half a line or more.
OVERLAP = 0.25  # of the smaller box's height
LONG_CONTACT = "地址：" + "某某省某某市某某县人民路一号县政府大楼三楼政府信息公开工作办公室" * 3 + "；电话：0391-1234567"


def overlaps(found):
    """Pairs of words whose boxes intersect: side by side over a point, one over the other by OVERLAP."""
    out = []
    for a, b in itertools.combinations(found, 2):
        dx = min(a[2], b[2]) - max(a[0], b[0])
        dy = min(a[3], b[3]) - max(a[1], b[1])
        if dx > 1 and dy > OVERLAP * min(a[3] - a[1], b[3] - b[1]):
            out.append((a[4], b[4]))
    return out


def _segments(found):
    """Runs of words on one line with small gaps (one cell's line): (left edge, top, text)."""
    out = []
    for w in sorted(found, key=lambda w: (round(w[1]), w[0])):
        last = out[-1] if out else None
        if last and round(last[1]) == round(w[1]) and w[0] - last[3] < 8:
            out[-1] = (last[0], last[1], last[2] + w[4], w[2])
        else:
            out.append((w[0], w[1], w[4], w[2]))
    return [(x, y, text) for x, y, text, _ in out]


def page_text(found) -> str:
    """The page's text cell by cell: the lines of a wrapped cell start at the same x, so lines grouped by
    their left edge and read top to bottom give each cell's text whole; groups are separated by "|"."""
    columns: dict[int, list] = {}
    for x, y, text in _segments(found):
        columns.setdefault(round(x), []).append((y, text))
    return "|".join(norm("".join(t for _, t in sorted(col))) for _, col in sorted(columns.items()))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Page texts and words of the template filled with a long 联系方式, rendered to PDF."""
    tmp = tmp_path_factory.mktemp("sheets")
    report = wenxian_2024()
    report.texts["info.contact"] = LONG_CONTACT
    report.texts["text.s1_1"] = "本年度主动公开工作" * 60
    source = tmp / "基本信息.xlsx"
    build_workbook(str(source), report)
    pdf = render_pdf(source, tmp)
    out = [words(pdf, page) for page in range(1, page_count(pdf) + 1)]
    page_png(pdf, 1, tmp / "page1.png")  # kept for a person to look at
    return out


@pytest.mark.libreoffice
def test_no_text_overlaps_on_any_page(pages):
    for number, found in enumerate(pages, start=1):
        assert not overlaps(found), f"page {number}: {overlaps(found)[:5]}"


@pytest.mark.libreoffice
def test_info_sheet_prints_every_text_whole(pages):
    text = page_text(pages[0])
    for it in INFO_ITEMS:
        assert norm(it.label) in text and norm(it.hint) in text
    for line in (FORMAT_NAME, LONG_CONTACT, *INFO_STEPS):
        assert norm(line) in text
    # top to bottom in the sheet's order
    tops = [next(w[1] for w in pages[0] if norm(w[4]) == norm(it.label)) for it in INFO_ITEMS]
    assert tops == sorted(tops)


@pytest.mark.libreoffice
def test_help_and_text_sheets_print_every_line_whole(pages):
    text = "".join(page_text(found) for found in pages)
    for line in HELP_LINES:
        assert norm(line) in text, line
    for s in TEXT_SECTIONS:
        assert norm(s.heading) in text
    assert norm("本年度主动公开工作" * 60) in text


def test_row_heights_follow_the_text(tmp_path):
    """The heights are computed: a row with a long text is taller than the one-line rows around it."""
    from openpyxl import load_workbook

    report = wenxian_2024()
    report.texts["info.contact"] = LONG_CONTACT
    path = tmp_path / "t.xlsx"
    build_workbook(str(path), report)
    ws = load_workbook(path)["基本信息"]
    height = lambda key: ws.row_dimensions[LAYOUT[key].row + 1].height or 15  # noqa: E731
    assert height("info.contact") >= 3 * 14.5 > height("info.org")
    assert re.fullmatch(r"A1:C\d+", ws.print_area.split("!")[-1].replace("$", ""))
