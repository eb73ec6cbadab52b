"""The Word report (.docx, python-docx), typeset after GB/T 9704-2012《党政机关公文格式》.

The body is ``text.Narrative.body`` per section, in the official order, with the tables of 二、三、四
built from ``workbook.layout`` (official labels, merged cells as in the national format's annex).

Typesetting: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (text block 156 mm);
title 方正小标宋简体 2号 centered; body 仿宋_GB2312 3号, fixed 28-pt line spacing, first line indented
two characters; 一级标题 黑体, 二级标题 楷体_GB2312 (both 3号); page numbers "— 1 —" in 宋体 4号,
odd pages at the right and even pages at the left, one character in (word_page.py); tables in 五号/小五号 with their header rows repeated on every page.
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
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from workbook.atomic import atomic_path
from workbook.errors import UnreadableFile
from workbook.layout import SECTION_TITLES, TEXT_SECTIONS
from workbook.model import Report

from .prose import Narrative, generate, report_title
from .word_page import set_up_page
from .word_style import (
    DRAFT_MARK,
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    FONT_PAGE,
    FONT_TITLE,
    LINE,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SIZE_S5,
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_TABLE,
    STYLE_TABLE_SMALL,
    STYLE_TITLE,
    apply_style,
    define,
    find_style,
    font_table,
    set_fonts,
    set_lang,
)
from .word_tables import Tables


class _Builder(Tables):
    def __init__(self, report: Report, narrative: Narrative, draft: bool, reference_doc) -> None:
        self.report = report
        self.draft = draft
        self.narrative = narrative
        self.direct = reference_doc is None  # direct run fonts only with our own styles
        self.doc = self._open(reference_doc)
        self._styles()
        set_up_page(self.doc, draft)

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
            style = find_style(doc, name)
            if style is None:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                if name != STYLE_BODY:
                    style.base_style = styles[STYLE_BODY]
            elif not own:
                continue  # the agency's definition wins
            if not own:
                spec = {**spec, "font": None}  # fonts inherit from the agency's Normal
            define(style, **spec)
        if own:
            rpr = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                set_fonts(rpr, FONT_BODY)
                set_lang(rpr)
            for name in ("Header", "Footer"):
                style = find_style(doc, name)
                if style is not None:
                    define(style, FONT_PAGE, SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
            font_table(doc)
        self.s_body, self.s_title = styles[STYLE_BODY], styles[STYLE_TITLE]
        self.s_h1, self.s_h2 = styles[STYLE_H1], styles[STYLE_H2]
        self.s_tables = {SIZE_5: styles[STYLE_TABLE], SIZE_S5: styles[STYLE_TABLE_SMALL]}

    # ---- paragraphs
    def para(self, text: str, style, font: str | None = None, container=None):
        p = (container or self.doc).add_paragraph()
        apply_style(p, style)
        if text:
            self.run(p, text, font)
        return p

    def run(self, p, text: str, font: str | None):
        r = p.add_run(text)
        if self.direct and font:
            set_fonts(r._r.get_or_add_rPr(), font)
        return r

    def title(self) -> None:
        r = self.report
        title = report_title(r)
        p = self.doc.add_paragraph()
        apply_style(p, self.s_title)
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
