"""The Word report (.docx, python-docx), typeset after GB/T 9704-2012《党政机关公文格式》.

The body is ``text.Narrative.body`` per section, in the official order, with the tables of 二、三、四
built from ``workbook.layout`` (official labels, merged cells as in the national format's annex).

Typesetting: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (text block 156 mm);
title 方正小标宋简体 2号 centered; body 仿宋_GB2312 3号, fixed 28-pt line spacing, first line indented
two characters; 一级标题 黑体, 二级标题 楷体_GB2312 (both 3号); page numbers "— 1 —" in 宋体 4号,
centered in the footer; tables in 五号/小五号 with their header rows repeated on every page.
Chinese fonts are set in the East-Asian slot (``w:eastAsia``) of styles and runs, and the font
table names a common fallback for each (e.g. 方正小标宋简体 → 宋体) for machines without it.

With ``reference_doc`` the agency's own styles are used instead: its Normal, Title, Heading 1,
Heading 2 (and "Table Text" if present) apply, runs carry no direct font formatting, and missing
styles are added. Page size, margins, page numbers and the draft mark stay as GB/T 9704 requires.
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.table import _Cell
from lxml import etree

from workbook.atomic import atomic_path
from workbook.errors import UnreadableFile
from workbook.layout import (
    SECTION_TITLES,
    T2_BLOCKS,
    T2_CONTENT_LABEL,
    T2_WIDTH,
    T3_COLUMNS,
    T3_HEAD_APPLICANT,
    T3_HEAD_LEGAL,
    T3_LABEL_COLS,
    T3_NOTE,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    TEXT_SECTIONS,
)
from workbook.model import Report

from .prose import Narrative, format_number, generate, report_title

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


def _child(parent, tag: str):
    """The child ``tag`` of a python-docx element, added at its schema position if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    child = OxmlElement(tag)
    parent.insert_element_before(child, *_SUCCESSORS[tag])
    return child


def _fonts(rpr, font: str) -> None:
    """Set one font in the ascii/hAnsi/eastAsia/cs slots; theme fonts would override them, so drop those."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _lang(rpr) -> None:
    _child(rpr, "w:lang").set(qn("w:eastAsia"), "zh-CN")


def _indent_chars(style_or_pf_element, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), which Word and WPS prefer to a length."""
    ind = style_or_pf_element.find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def _define(style, font: str | None, size: float, *, align=None, indent: int = 0, line: float | None = LINE,
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
        _child(el.pPr, "w:outlineLvl").set(qn("w:val"), str(outline))
    f = style.font
    f.size = Pt(size)
    f.bold = False
    f.italic = False
    rpr = el.get_or_add_rPr()
    if font:
        _fonts(rpr, font)
    _lang(rpr)


def _apply(paragraph, style) -> None:
    """Set a paragraph's style by id: python-docx's ``paragraph.style =`` looks up the default style
    among all styles on every call, which made the tables' 1,400 cells take most of the build time."""
    if not style.element.get(qn("w:default")):
        paragraph._p.get_or_add_pPr().style = style.style_id


def _style(doc, name: str):
    try:
        return doc.styles[name]
    except KeyError:
        return None


def _font_table(doc) -> None:
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


# ---------------------------------------------------------------- the builder
class _Builder:
    def __init__(self, report: Report, narrative: Narrative, draft: bool, reference_doc) -> None:
        self.report = report
        self.draft = draft
        self.narrative = narrative
        self.direct = reference_doc is None  # direct run fonts only with our own styles
        self.doc = self._open(reference_doc)
        self._styles()
        self._page(draft)

    # ---- document and styles
    def _open(self, reference_doc):
        if reference_doc is None:
            return Document()
        path = Path(reference_doc)
        if not path.is_file():
            raise UnreadableFile(f"找不到样式参考文件“{path}”。")
        try:
            doc = Document(str(path))
        except Exception:  # python-docx raises several types for non-.docx input
            hint = "请在 Word 或 WPS 中将其另存为 .docx 格式（Word 文档，不是模板 .dotx 或旧版 .doc）后再试。"
            raise UnreadableFile(f"样式参考文件“{path.name}”无法作为 Word 文档打开。{hint}") from None
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        sect = body.find(qn("w:sectPr"))
        if sect is not None:  # the agency's headers and footers are replaced by GB/T 9704 page numbers
            for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
                sect.remove(ref)
            title_pg = sect.find(qn("w:titlePg"))
            if title_pg is not None:
                sect.remove(title_pg)
        return doc

    def _styles(self) -> None:
        doc = self.doc
        styles = doc.styles
        own = self.direct
        specs = {
            STYLE_BODY: dict(font=FONT_BODY, size=SIZE_3, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=2),
            STYLE_TITLE: dict(font=FONT_TITLE, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, line=35, after=LINE),
            STYLE_H1: dict(font=FONT_H1, size=SIZE_3, indent=2, keep_next=True, outline=0),
            STYLE_H2: dict(font=FONT_H2, size=SIZE_3, indent=2, keep_next=True, outline=1),
            STYLE_TABLE: dict(font=FONT_BODY, size=SIZE_5, align=WD_ALIGN_PARAGRAPH.CENTER, line=None),
            STYLE_TABLE_SMALL: dict(font=FONT_BODY, size=SIZE_S5, align=WD_ALIGN_PARAGRAPH.CENTER, line=None),
        }
        for name, spec in specs.items():
            style = _style(doc, name)
            if style is None:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                if name != STYLE_BODY:
                    style.base_style = styles[STYLE_BODY]
            elif not own:
                continue  # the agency's definition wins
            if not own:
                spec = {**spec, "font": None}  # fonts inherit from the agency's Normal
            _define(style, **spec)
        if own:
            rpr = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                _fonts(rpr, FONT_BODY)
                _lang(rpr)
            for name in ("Header", "Footer"):
                style = _style(doc, name)
                if style is not None:
                    _define(style, FONT_PAGE, SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
            _font_table(doc)
        self.s_body, self.s_title = styles[STYLE_BODY], styles[STYLE_TITLE]
        self.s_h1, self.s_h2 = styles[STYLE_H1], styles[STYLE_H2]
        self.s_tables = {SIZE_5: styles[STYLE_TABLE], SIZE_S5: styles[STYLE_TABLE_SMALL]}

    def _page(self, draft: bool) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance, section.footer_distance = Mm(15), Mm(24)  # 页码 about 7 mm below the text block
        section.gutter = 0
        section.different_first_page_header_footer = False
        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        self._clear(p)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._page_number(p)
        header = section.header
        header.is_linked_to_previous = False
        hp = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        self._clear(hp)
        if draft:
            hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = hp.add_run(DRAFT_MARK)
            _fonts(run._r.get_or_add_rPr(), FONT_H1)
            run.font.size = Pt(SIZE_3)
            run.font.color.rgb = RGBColor(0xC0, 0, 0)

    @staticmethod
    def _clear(p) -> None:
        for child in list(p._p):
            if child.tag != qn("w:pPr"):
                p._p.remove(child)

    def _page_number(self, p) -> None:
        """"— 1 —": em dashes around a PAGE field, 宋体 4号 (GB/T 9704 7.5)."""

        def run(text: str = ""):
            r = p.add_run(text)
            _fonts(r._r.get_or_add_rPr(), FONT_PAGE)
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

    # ---- paragraphs
    def para(self, text: str, style, font: str | None = None, container=None):
        p = (container or self.doc).add_paragraph()
        _apply(p, style)
        if text:
            self.run(p, text, font)
        return p

    def run(self, p, text: str, font: str | None):
        r = p.add_run(text)
        if self.direct and font:
            _fonts(r._r.get_or_add_rPr(), font)
        return r

    def title(self) -> None:
        r = self.report
        title = report_title(r)
        p = self.doc.add_paragraph()
        _apply(p, self.s_title)
        rest = title[len(r.org):]
        # 20 characters of 2号 fill the 156 mm line: break after the agency so that each line stays whole
        if r.org and len(title) > 20 and len(r.org) <= 20 and len(rest) <= 20:
            self.run(p, r.org, FONT_TITLE).add_break(WD_BREAK.LINE)
            self.run(p, rest, FONT_TITLE)
        else:
            self.run(p, title, FONT_TITLE)

    def section(self, key: str) -> None:
        for text in self.narrative.body(key):
            self.para(text, self.s_body, FONT_BODY)

    def build(self):
        self.title()
        heads = {s.key: s.heading for s in TEXT_SECTIONS}
        self.para(SECTION_TITLES["s1"], self.s_h1, FONT_H1)
        self.section("s1")
        for key in ("s1_1", "s1_2", "s1_3", "s1_4", "s1_5"):
            self.para(heads[key], self.s_h2, FONT_H2)
            self.section(key)
        after_table = False
        for key, table in (("s2", self.table2), ("s3", self.table3), ("s4", self.table4), ("s5", None), ("s6", None)):
            head = self.para(SECTION_TITLES[key], self.s_h1, FONT_H1)
            if after_table:  # half a line between a table and the next heading
                head.paragraph_format.space_before = Pt(LINE / 2)
            self.section(key)
            if table:
                table()
            after_table = table is not None
        self.closing()
        self.properties()
        return self.doc

    def closing(self) -> None:
        date = self.report.text("info.date").strip()
        if not date:
            return
        self.para("", self.s_body)
        for text in (self.report.org, date):
            if text:
                p = self.para(text, self.s_body, FONT_BODY)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.first_line_indent = Pt(0)
                p.paragraph_format.right_indent = Pt(SIZE_3 * 4)  # 成文日期右空四字

    def properties(self) -> None:
        cp = self.doc.core_properties
        cp.title = report_title(self.report)
        cp.author = self.report.org or "nianbao"
        cp.subject = "政府信息公开工作年度报告"
        cp.keywords = "政府信息公开;年度报告"
        cp.comments = "由 nianbao 根据填报工作簿生成。"
        cp.category = DRAFT_MARK if self.draft else ""
        cp.last_modified_by = "nianbao"
        cp.revision = 1

    # ---- tables
    def _table(self, rows: int, widths: list[int], size: float):
        """An empty table of len(widths) columns (twips) over the whole text block, borders on every cell."""
        t = self.doc.add_table(rows=rows, cols=len(widths))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        tbl = t._tbl
        pr = tbl.tblPr
        tblw = _child(pr, "w:tblW")
        tblw.set(qn("w:w"), str(sum(widths)))
        tblw.set(qn("w:type"), "dxa")
        borders = _child(pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            b = OxmlElement(f"w:{side}")
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), "4")
            b.set(qn("w:space"), "0")
            b.set(qn("w:color"), "000000")
            borders.append(b)
        margins = _child(pr, "w:tblCellMar")
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(CELL_MARGIN))
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(w))
        grid = []
        for tr in tbl.tr_lst:
            tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            row = []
            for tc, w in zip(tr.tc_lst, widths):
                cell = _Cell(tc, t)
                cell.width = Twips(w)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                row.append(cell)
            grid.append(row)
        self._cell_style = self.s_tables[size]
        return t, grid

    def _put(self, cell, text: str, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
        p = cell.paragraphs[0]
        _apply(p, self._cell_style)
        if align is not WD_ALIGN_PARAGRAPH.CENTER:
            p.alignment = align
        if text:
            self.run(p, text, FONT_BODY)

    @staticmethod
    def _header_rows(t, n: int) -> None:
        for tr in t._tbl.tr_lst[:n]:
            tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def _value(self, key: str) -> str:
        v = self.report.values.get(key)
        return format_number(v.value) if v is not None else ""

    def table2(self) -> None:
        """Table 二: per 第二十条 block a caption row, a header row and its rows (one value spans 3 columns)."""
        w = TEXT_WIDTH.twips // T2_WIDTH
        t, g = self._table(sum(2 + len(b.rows) for b in T2_BLOCKS), [w] * T2_WIDTH, SIZE_5)
        r = 0
        for block in T2_BLOCKS:
            self._put(g[r][0].merge(g[r][T2_WIDTH - 1]), block.caption, WD_ALIGN_PARAGRAPH.LEFT)
            heads = [T2_CONTENT_LABEL] + [c.label for c in block.headers]
            cells = self._row_cells(g[r + 1], len(block.headers))
            for cell, text in zip(cells, heads):
                self._put(cell, text)
            r += 2
            for row in block.rows:
                cells = self._row_cells(g[r], len(block.headers))
                self._put(cells[0], row.labels[0])
                for cell, col in zip(cells[1:], block.headers):
                    self._put(cell, self._value(f"t2.{row.key}.{col.key}"))
                r += 1
        # table 二 is short: keep it on one page, with the heading and text before it
        for tr in t._tbl.tr_lst[:-1]:
            for p in tr.iter(qn("w:p")):
                p.get_or_add_pPr().keepNext_val = True

    @staticmethod
    def _row_cells(row: list, values: int) -> list:
        """Label cell + value cells; a single value spans the remaining columns."""
        if values == 1:
            return [row[0], row[1].merge(row[-1])]
        return row[: 1 + values]

    def table3(self) -> None:
        """Table 三: 3 header rows under the 勾稽 note, then 25 rows with 3 label levels."""
        ncols = len(T3_COLUMNS)
        # Widths in twips at 小五号 (9 pt = 180 twips a character) plus 2 x 57 twips cell margins: data columns
        # hold 2 characters a line as in the annex ("商业|企业", "社会|公益|组织") and numbers up to 5 digits;
        # label columns 2 and 5 characters ("（三）不予|公开"); the third takes the rest of the 156 mm.
        labels = [520, 1100]
        data = 600
        labels.append(TEXT_WIDTH.twips - sum(labels) - data * ncols)
        t, g = self._table(3 + len(T3_ROWS), labels + [data] * ncols, SIZE_S5)
        lc = T3_LABEL_COLS
        self._put(g[0][0].merge(g[2][lc - 1]), T3_NOTE, WD_ALIGN_PARAGRAPH.LEFT)
        self._put(g[0][lc].merge(g[0][-1]), T3_HEAD_APPLICANT)
        self._put(g[1][lc].merge(g[2][lc]), T3_COLUMNS[0].label)
        self._put(g[1][lc + 1].merge(g[1][-2]), T3_HEAD_LEGAL)
        self._put(g[1][-1].merge(g[2][-1]), T3_COLUMNS[-1].label)
        for i, col in enumerate(T3_COLUMNS[1:-1]):
            self._put(g[2][lc + 1 + i], col.label)
        self._header_rows(t, 3)
        first = 3
        # label cells: a label shared by consecutive rows is one cell spanning them, and a row's last
        # label spans the label columns left over (the official layout)
        n = len(T3_ROWS)
        for level in range(lc):
            i = 0
            while i < n:
                labels = T3_ROWS[i].labels
                if len(labels) <= level:
                    i += 1
                    continue
                r = first + i
                if len(labels) == level + 1:
                    cell = g[r][level].merge(g[r][lc - 1]) if level < lc - 1 else g[r][level]
                    self._put(cell, labels[level], WD_ALIGN_PARAGRAPH.LEFT)
                    i += 1
                    continue
                j = i
                while j + 1 < n and len(T3_ROWS[j + 1].labels) > level + 1 and T3_ROWS[j + 1].labels[: level + 1] == labels[: level + 1]:
                    j += 1
                self._put(g[r][level].merge(g[first + j][level]) if j > i else g[r][level], labels[level])
                i = j + 1
        for i, row in enumerate(T3_ROWS):
            for j, col in enumerate(T3_COLUMNS):
                self._put(g[first + i][lc + j], self._value(f"t3.{row.key}.{col.key}"))

    def table4(self) -> None:
        """Table 四: 行政复议 (5 columns) and 行政诉讼 (two groups of 5), 3 header rows, one data row."""
        n = len(T4_COLUMNS)
        width = TEXT_WIDTH.twips // (n * len(T4_GROUPS))
        t, g = self._table(4, [width] * (n * len(T4_GROUPS)), SIZE_S5)
        start = 0
        while start < len(T4_GROUPS):  # top header: consecutive groups under one heading
            end = start
            while end + 1 < len(T4_GROUPS) and T4_GROUPS[end + 1][1] == T4_GROUPS[start][1]:
                end += 1
            self._put(g[0][start * n].merge(g[0][(end + 1) * n - 1]), T4_GROUPS[start][1])
            start = end + 1
        for gi, (key, _, sub) in enumerate(T4_GROUPS):
            base = gi * n
            if sub is None:
                for ci, col in enumerate(T4_COLUMNS):
                    self._put(g[1][base + ci].merge(g[2][base + ci]), col.label)
            else:
                self._put(g[1][base].merge(g[1][base + n - 1]), sub)
                for ci, col in enumerate(T4_COLUMNS):
                    self._put(g[2][base + ci], col.label)
            for ci, col in enumerate(T4_COLUMNS):
                self._put(g[3][base + ci], self._value(f"t4.{key}.{col.key}"))
        self._header_rows(t, 3)


# ---------------------------------------------------------------- public API
def build_document(report: Report, previous: Report | None = None, draft: bool = False,
                   reference_doc: str | os.PathLike | None = None, narrative: Narrative | None = None):
    """The whole report as a python-docx Document. ``draft`` adds the header "草稿"."""
    narrative = narrative or generate(report, previous)
    return _Builder(report, narrative, draft, reference_doc).build()


def write_word(report: Report, path: str | os.PathLike, previous: Report | None = None, draft: bool = False,
               reference_doc: str | os.PathLike | None = None, narrative: Narrative | None = None) -> Path:
    """Write the report to ``path`` atomically (nothing half-written is left on failure)."""
    doc = build_document(report, previous, draft, reference_doc, narrative)
    path = Path(path)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path
