"""GB/T 9704 §7.5 page numbers: "— 1 —" in 4号 宋体, odd pages at the right and even pages at the left, one
character in from the text block — read from the footers' XML, and measured on LibreOffice's rendering."""

import io

import docx
import pytest
from docx.oxml.ns import qn

from render import PT_PER_MM, render_pdf, words
from xladdin.report.word import build_document, write_word
from xladdin.samples import wenxian_2024

CHAR = 280  # twips: one character of 4号 (14 pt)
LEFT_MM, RIGHT_MM = 28, 210 - 26  # the text block's edges on the A4 page


@pytest.fixture(scope="module")
def doc():
    buf = io.BytesIO()
    build_document(wenxian_2024()).save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _footer_paragraph(footer):
    [p] = [p for p in footer.paragraphs if p.text.strip()]
    return p


def _ind(p) -> dict[str, int]:
    ind = p._p.pPr.find(qn("w:ind"))
    return {k: int(ind.get(qn(f"w:{k}"), 0)) for k in ("left", "right", "firstLine")}


def test_settings_ask_for_separate_odd_and_even_footers(doc):
    assert doc.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    refs = {r.get(qn("w:type")) for r in doc.sections[0]._sectPr.findall(qn("w:footerReference"))}
    assert refs == {"default", "even"}


def test_odd_footer_right_even_footer_left_one_character_in(doc):
    section = doc.sections[0]
    odd, even = _footer_paragraph(section.footer), _footer_paragraph(section.even_page_footer)
    assert odd._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "right"
    assert _ind(odd) == {"left": 0, "right": CHAR, "firstLine": 0}
    assert even._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "left"
    assert _ind(even) == {"left": CHAR, "right": 0, "firstLine": 0}
    for p in (odd, even):
        xml = p._p.xml
        assert p.text == "— 1 —" and " PAGE " in xml and xml.count("w:fldCharType") == 3
        assert all(r.font.size.pt == 14 and r._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" for r in p.runs)


def test_draft_mark_on_odd_and_even_pages():
    buf = io.BytesIO()
    build_document(wenxian_2024(), draft=True).save(buf)
    section = docx.Document(io.BytesIO(buf.getvalue())).sections[0]
    assert [p.text for p in section.header.paragraphs if p.text] == ["草稿"]
    assert [p.text for p in section.even_page_header.paragraphs if p.text] == ["草稿"]


@pytest.mark.libreoffice
def test_libreoffice_puts_page_one_right_and_page_two_left(tmp_path):
    pdf = render_pdf(write_word(wenxian_2024(), tmp_path / "报告.docx"), tmp_path)
    for page, number in ((1, "1"), (2, "2")):
        found = words(pdf, page)
        bottom = max(y1 for _, _, _, y1, _ in found)
        line = sorted((w for w in found if w[3] == bottom), key=lambda w: w[0])
        assert [w[4] for w in line] == ["—", number, "—"]
        if page == 1:  # the closing dash ends one character (14 pt) before the text block's right edge
            assert line[-1][2] == pytest.approx(RIGHT_MM * PT_PER_MM - 14, abs=1.5)
        else:  # the opening dash starts one character after its left edge
            assert line[0][0] == pytest.approx(LEFT_MM * PT_PER_MM + 14, abs=1.5)
