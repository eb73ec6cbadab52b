"""The page of the Word report: A4, GB/T 9704 margins, page numbers in the footers, the draft mark.

GB/T 9704-2012 §7.5: page numbers in 4号 半角宋体 Arabic digits with a 一字线 on each side ("— 1 —"),
odd pages at the right and even pages at the left, each one character in from the edge of the text
block. Word, WPS and LibreOffice show separate odd and even footers once the document settings
carry ``w:evenAndOddHeaders``.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .word_style import (
    DRAFT_MARK,
    FONT_H1,
    FONT_PAGE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIZE_3,
    SIZE_4,
    set_fonts,
)

PAGE_NUMBER_INDENT = Pt(SIZE_4)  # one character of the page number's 4号 type


def _only_paragraph(part):
    """The header's or footer's first paragraph, emptied (an agency's reference document may fill it)."""
    p = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)
    return p


def _page_number(p) -> None:
    """"— 1 —": 一字线 around a PAGE field, 宋体 4号."""

    def run(text: str = ""):
        r = p.add_run(text)
        set_fonts(r._r.get_or_add_rPr(), FONT_PAGE)
        r.font.size = Pt(SIZE_4)
        return r

    run("— ")
    for kind in ("begin", None, "separate", "1", "end"):
        r = run()
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            r._r.append(instr)
        elif kind == "1":
            r.text = "1"
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
    run(" —")


def _footer(footer, odd: bool) -> None:
    """Odd pages: at the right, one character in; even pages: at the left, one character in."""
    footer.is_linked_to_previous = False
    p = _only_paragraph(footer)
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    if odd:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent, pf.left_indent = PAGE_NUMBER_INDENT, Pt(0)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent, pf.right_indent = PAGE_NUMBER_INDENT, Pt(0)
    _page_number(p)


def _header(header, draft: bool) -> None:
    header.is_linked_to_previous = False
    p = _only_paragraph(header)
    if draft:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = p.add_run(DRAFT_MARK)
        set_fonts(run._r.get_or_add_rPr(), FONT_H1)
        run.font.size = Pt(SIZE_3)
        run.font.color.rgb = RGBColor(0xC0, 0, 0)


def set_up_page(doc, draft: bool) -> None:
    """Page size and margins, the odd and even footers with page numbers, the 草稿 mark when ``draft``."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = Mm(15), Mm(24)  # 页码 about 7 mm below the text block
    section.gutter = 0
    section.different_first_page_header_footer = False
    doc.settings.odd_and_even_pages_header_footer = True
    _footer(section.footer, odd=True)
    _footer(section.even_page_footer, odd=False)
    _header(section.header, draft)
    _header(section.even_page_header, draft)
