"""GB/T 9704-2012 measures, fonts and the low-level python-docx helpers of the Word report."""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from lxml import etree

# ---------------------------------------------------------------- GB/T 9704 measures
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Twips(round(156 / 25.4 * 1440))  # 156 mm text block = 8844 twips

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_PAGE = "宋体"
# Font-table fallbacks (w:altName) for machines without the 公文 fonts.
FALLBACK = {FONT_TITLE: "宋体", FONT_BODY: "仿宋", FONT_H2: "楷体", FONT_H1: "SimHei", FONT_PAGE: "SimSun"}

SIZE_2, SIZE_3, SIZE_4, SIZE_5, SIZE_S5 = 22, 16, 14, 10.5, 9  # 2号, 3号, 4号, 五号, 小五号 in points
LINE = 28  # fixed line spacing of the body, points

STYLE_BODY, STYLE_TITLE, STYLE_H1, STYLE_H2 = "Normal", "Title", "Heading 1", "Heading 2"
STYLE_TABLE, STYLE_TABLE_SMALL = "Table Text", "Table Text Small"  # 五号 (table 二), 小五号 (tables 三, 四)
DRAFT_MARK = "草稿"

CELL_MARGIN = 57  # twips (1 mm) left and right inside table cells


# ---------------------------------------------------------------- low-level helpers
# Schema order (ECMA-376) of the property elements added here: each is inserted before its successors,
# since Word rejects documents whose property elements are out of order.
_SUCCESSORS = {
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:outlineLvl": ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:tblW": ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"),
    "w:tblBorders": ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tblCellMar": ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
}


def child(parent, tag: str):
    """The child ``tag`` of a python-docx element, added at its schema position if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    child = OxmlElement(tag)
    parent.insert_element_before(child, *_SUCCESSORS[tag])
    return child


def set_fonts(rpr, font: str) -> None:
    """Set one font in the ascii/hAnsi/eastAsia/cs slots; theme fonts would override them, so drop those."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def set_lang(rpr) -> None:
    child(rpr, "w:lang").set(qn("w:eastAsia"), "zh-CN")


def _indent_chars(style_or_pf_element, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), which Word and WPS prefer to a length."""
    ind = style_or_pf_element.find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def define(style, font: str | None, size: float, *, align=None, indent: int = 0, line: float | None = LINE,
            before: float = 0, after: float = 0, keep_next: bool = False, outline: int | None = None) -> None:
    """(Re)define a paragraph style from scratch: no inherited colour, bold, borders or theme fonts."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = el.find(qn(tag))
        if old is not None:
            el.remove(old)
    pf = style.paragraph_format
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    pf.first_line_indent = Pt(size * indent)
    if indent:
        _indent_chars(el.pPr, indent)
    pf.alignment = align
    pf.keep_with_next = keep_next
    pf.widow_control = True
    if outline is not None:
        child(el.pPr, "w:outlineLvl").set(qn("w:val"), str(outline))
    f = style.font
    f.size = Pt(size)
    f.bold = False
    f.italic = False
    rpr = el.get_or_add_rPr()
    if font:
        set_fonts(rpr, font)
    set_lang(rpr)


def apply_style(paragraph, style) -> None:
    """Set a paragraph's style by id: python-docx's ``paragraph.style =`` looks up the default style
    among all styles on every call, which made the tables' 1,400 cells take most of the build time."""
    if not style.element.get(qn("w:default")):
        paragraph._p.get_or_add_pPr().style = style.style_id


def find_style(doc, name: str):
    try:
        return doc.styles[name]
    except KeyError:
        return None


def font_table(doc) -> None:
    """Declare each 公文 font with a fallback (w:altName) and the GB2312 charset in fontTable.xml."""
    part = next((p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if part is None or not hasattr(part, "_blob"):
        return  # no plain font-table part: the fallbacks are a nicety, the fonts are still named in the styles
    root = etree.fromstring(part.blob)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for name, alt in FALLBACK.items():
        for old in root.findall(f"{w}font[@{w}name='{name}']"):
            root.remove(old)
        font = etree.SubElement(root, f"{w}font", {f"{w}name": name})
        etree.SubElement(font, f"{w}altName", {f"{w}val": alt})
        etree.SubElement(font, f"{w}charset", {f"{w}val": "86"})
        etree.SubElement(font, f"{w}family", {f"{w}val": "modern" if name == FONT_H1 else "roman"})
        etree.SubElement(font, f"{w}pitch", {f"{w}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
