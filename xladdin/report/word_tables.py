"""The three tables of the Word report, drawn from the layout's declaration of each table.

Each table is a Word table with the sheet's rows below the title (sheet row 1 is table row 0) and the
sheet's columns; the label cells are merged as ``workbook.layout`` declares them (the official annex),
and each field goes in its cell. Only column widths, font size and alignment are decided here.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.table import _Cell

from workbook.layout import CAPTION, GRID_BY_KEY, NOTE, ROW, Grid

from workbook.cells import format_number
from .word_style import CELL_MARGIN, FONT_BODY, SIZE_5, SIZE_S5, TEXT_WIDTH, apply_style, child

LEFT_KINDS = (CAPTION, NOTE, ROW)  # text that reads as a line (the note, captions, row labels) aligns left


def _widths(grid: Grid) -> list[int]:
    """Column widths in twips over the 156 mm text block."""
    if grid.key != "t3":
        return [TEXT_WIDTH.twips // grid.width] * grid.width
    # Table 三 at 小五号 (9 pt = 180 twips a character) plus 2 x 57 twips cell margins: data columns hold
    # 2 characters a line as in the annex ("商业|企业", "社会|公益|组织") and numbers up to 5 digits; label
    # columns 2 and 5 characters ("（三）不予|公开"); the third takes the rest.
    labels, data = [520, 1100], 600
    ncols = grid.width - grid.label_cols
    return labels + [TEXT_WIDTH.twips - sum(labels) - data * ncols] + [data] * ncols


class Tables:
    """Mixin of the document builder: needs ``doc``, ``report``, ``run`` and ``s_tables``."""

    def _table(self, rows: int, widths: list[int], size: float):
        """An empty table of len(widths) columns (twips) over the whole text block, borders on every cell."""
        t = self.doc.add_table(rows=rows, cols=len(widths))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        pr = t._tbl.tblPr
        tblw = child(pr, "w:tblW")
        tblw.set(qn("w:w"), str(sum(widths)))
        tblw.set(qn("w:type"), "dxa")
        borders = child(pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            b = OxmlElement(f"w:{side}")
            for attr, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                b.set(qn(attr), value)
            borders.append(b)
        margins = child(pr, "w:tblCellMar")
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(CELL_MARGIN))
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(w))
        grid = []
        for tr in t._tbl.tr_lst:
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
        apply_style(p, self._cell_style)
        if align is not WD_ALIGN_PARAGRAPH.CENTER:
            p.alignment = align
        if text:
            self.run(p, text, FONT_BODY)

    def _value(self, key: str) -> str:
        v = self.report.values.get(key)
        return format_number(v.value) if v is not None else ""

    def grid_table(self, key: str, size: float):
        """One table whole: label cells merged as declared, then each field in its cell."""
        grid = GRID_BY_KEY[key]
        t, g = self._table(grid.last_row, _widths(grid), size)
        top = 1  # sheet row 0 is the title, above the table
        for c in grid.cells:
            cell = g[c.row - top][c.col]
            if c.merged:
                cell = cell.merge(g[c.last_row - top][c.last_col])
            self._put(cell, c.text, WD_ALIGN_PARAGRAPH.LEFT if c.kind in LEFT_KINDS else WD_ALIGN_PARAGRAPH.CENTER)
        for f in grid.fields:
            cell = g[f.row - top][f.col]
            if f.span > 1:
                cell = cell.merge(g[f.row - top][f.col + f.span - 1])
            self._put(cell, self._value(f.key))
        for tr in t._tbl.tr_lst[: grid.header_rows]:  # header rows repeat on every page
            tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        return t

    def table2(self) -> None:
        t = self.grid_table("t2", SIZE_5)
        # table 二 is short: keep it on one page, with the heading and text before it
        for tr in t._tbl.tr_lst[:-1]:
            for p in tr.iter(qn("w:p")):
                p.get_or_add_pPr().keepNext_val = True

    def table3(self) -> None:
        self.grid_table("t3", SIZE_S5)

    def table4(self) -> None:
        self.grid_table("t4", SIZE_S5)
