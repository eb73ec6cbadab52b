"""A filled workbook (.xlsx/.xlsm/.xls/.ods, as Excel, WPS or LibreOffice save it) → Report.

Values come from python-calamine (fast, no openpyxl on this path). For .xlsx/.xlsm the sheet XML
is also scanned for formulas, so that a total typed over its formula can be reported and a formula
saved without a cached value is computed from its inputs instead of being read as 0.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

from .cells import parse_cell
from .errors import NotTemplate, UnreadableFile, os_reason
from .inputs import checked_size
from .labels import norm as norm_label
from .layout import (
    GRID_BY_KEY,
    LAYOUT,
    NOTE,
    SHEET_INFO,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    SHEET_TEXT,
    T2_BLOCKS,
    T3_LABEL_COLS,
    T3_ROW_BY_KEY,
    T3_ROWS,
    HeaderCell,
    a1,
    parse_a1,
)
from .model import Report, State, Value

MAX_FILE_BYTES = 50 * 2**20  # a filled template is ~20 KB; anything this large is not one
MAX_INFLATED_BYTES = 200 * 2**20  # bound on the unzipped size: zip bombs stop here
ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _load_bytes(path: Path) -> bytes:
    checked_size(path, "工作簿", MAX_FILE_BYTES)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法读取文件“{path}”（{os_reason(exc)}）。") from None


def _sniff(data: bytes, name: str) -> str:
    """'zip' (xlsx/xlsm/ods) or 'cfb' (xls); Chinese error for anything else."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(CFB_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise UnreadableFile(f"文件“{name}”设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿）后另存再试。")
        return "cfb"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
        raise UnreadableFile(f"文件“{name}”是网页或 XML 文本，不是 Excel 工作簿。如需读取已发布的报告，请使用 nianbao import。")
    raise UnreadableFile(f"文件“{name}”不是 Excel、WPS 或 LibreOffice 工作簿（文件内容无法识别，可能已损坏或只是改了扩展名）。")


_UNSAFE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)  # no spreadsheet program writes these; entity attacks need them


class UnsafeXml(UnreadableFile):
    """A zip part declares a DTD or entities (billion laughs, external entities)."""


def _check_zip(data: bytes, name: str) -> dict[str, bytes]:
    """Inflate every part once with a running bound (a zip bomb stops at the bound whatever sizes its
    headers declare, before calamine sees it) and refuse entity declarations; return the parts."""
    parts: dict[str, bytes] = {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        total = 0
        for info in zf.infolist():
            chunks = []
            with zf.open(info) as part:
                tail = b""  # the end of the previous chunk: a declaration may straddle two chunks
                while chunk := part.read(1 << 20):
                    chunks.append(chunk)
                    total += len(chunk)
                    if total > MAX_INFLATED_BYTES:
                        raise UnreadableFile(f"文件“{name}”解压后超过 {MAX_INFLATED_BYTES // 2**20} MB，不是正常的工作簿，已拒绝读取。")
                    if _UNSAFE.search(tail + chunk[:16]) or _UNSAFE.search(chunk):
                        raise UnsafeXml(info.filename)
                    tail = chunk[-16:]
            parts[info.filename] = b"".join(chunks)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError):
        raise UnreadableFile(f"文件“{name}”已损坏（压缩结构不完整），无法读取。请重新保存或从备份中恢复。") from None
    except UnsafeXml:
        raise UnreadableFile(f"文件“{name}”含有不安全的 XML 内容（实体或外部引用声明），已拒绝读取。正常保存的工作簿不会出现这种情况。") from None
    except RuntimeError:  # an encrypted zip entry
        raise UnreadableFile(f"文件“{name}”的内容已加密，无法读取。") from None
    return parts


_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _cells_around(xml: bytes, needles: tuple[bytes, ...]):
    """(cell ref, cell XML) of each cell containing one of ``needles``: only those few cells are looked at
    (bytes.find, not a regex over the whole part). A cell element is "<c ...>" or, with a namespace
    prefix (OpenXML SDK), "<x:c ...>"."""
    for needle in needles:
        pos = xml.find(needle)
        while pos >= 0:
            window = max(0, pos - 4096)  # a cell's start tag is near; never scan the whole part back
            start = max(xml.rfind(b"<c ", window, pos), xml.rfind(b":c ", window, pos))
            end = xml.find(b"c>", pos)
            body = xml[start : end + 2 if end >= 0 else len(xml)]
            ref = _REF.search(body, 0, body.find(b">") + 1)
            if start >= 0 and ref is not None:
                yield ref.group(1).decode(), body
            pos = xml.find(needle, pos + 1)


def _needles(xml: bytes) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """The byte strings that open a formula element, given the part's namespace prefix if any."""
    m = _SHEET_DATA.search(xml)
    prefix = m.group(1) if m and m.group(1) else b""
    return (b"<" + prefix + b"f>", b"<" + prefix + b"f "), (b't="e"',)


def _scan_xlsx(parts: dict[str, bytes], sheets: tuple[str, ...]) -> tuple[dict[str, dict[str, bool]], dict[str, dict[str, str]]]:
    """For .xlsx, what calamine does not tell: per sheet, {cell: has cached value} for every formula cell,
    and {cell: "#REF!"} for every error value (calamine reads errors as empty). Empty if not an xlsx.

    The small workbook parts go through defusedxml; the sheet parts are scanned with byte patterns
    (six times faster than building trees); _check_zip has already refused any DTD or entity declaration.
    """
    from defusedxml import ElementTree as ET  # safe against entity expansion in hostile files

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    if "xl/workbook.xml" not in parts or "xl/_rels/workbook.xml.rels" not in parts:
        return {}, {}  # not an xlsx (an .ods is a zip too)
    book = ET.fromstring(parts["xl/workbook.xml"])
    rels = ET.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out: dict[str, dict[str, bool]] = {}
    errors: dict[str, dict[str, str]] = {}
    for s in book.iterfind("m:sheets/m:sheet", ns):
        name = s.get("name")
        if name not in sheets:
            continue
        target = targets.get(s.get(rel_ns), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        xml = parts.get(part)
        if xml is None:
            continue
        cells, errs = {}, {}
        formula_needles, error_needles = _needles(xml)
        for ref, body in _cells_around(xml, formula_needles):
            v = _VALUE.search(body)
            cells[ref] = v is not None and v.group(1) != b""
        for ref, body in _cells_around(xml, error_needles):
            v = _VALUE.search(body)
            if v is not None and v.group(1):
                errs[ref] = v.group(1).decode()
        out[name], errors[name] = cells, errs
    return out, errors


class _Sheet:
    """A sheet's values as a grid that never raises on out-of-range access."""

    def __init__(self, name: str, rows: list[list[object]]) -> None:
        self.name = name
        self.rows = rows

    def __call__(self, row: int, col: int) -> object:
        if row < len(self.rows) and col < len(self.rows[row]):
            v = self.rows[row][col]
            return None if v == "" else v
        return None


def _row_label(sheet: _Sheet, row: int, ncols: int) -> str:
    """The innermost label of a row: its rightmost non-blank label cell."""
    for col in range(ncols - 1, -1, -1):
        v = sheet(row, col)
        if v is not None and str(v).strip():
            return norm_label(v)
    return ""


def _locate_rows(sheet: _Sheet, expected: dict[str, tuple[int, str]], ncols: int, path: str) -> dict[str, int]:
    """Row key → actual row, found by label; raises NotTemplate naming missing labels."""
    found: dict[str, int] = {}
    index: dict[str, int] = {}
    for r in range(len(sheet.rows)):
        index.setdefault(_row_label(sheet, r, ncols), r)
    missing = []
    for key, (row, label) in expected.items():
        want = norm_label(label)
        if _row_label(sheet, row, ncols) == want:
            found[key] = row
        elif want in index:
            found[key] = index[want]
        else:
            missing.append(f"“{label}”（应在 {a1(row, ncols - 1 if ncols > 1 else 0)} 附近）")
    if missing:
        raise NotTemplate(
            f"“{path}”的“{sheet.name}”工作表缺少以下行：{'；'.join(missing[:3])}"
            + (f"等 {len(missing)} 行" if len(missing) > 3 else "")
            + "。请勿删除或改写表格的行标题，或使用 nianbao new 生成新模板后重新填写。"
        )
    return found


def _expect_headers(sheet: _Sheet, cells: tuple[HeaderCell, ...], path: str) -> None:
    """Each column heading where the layout declares it (the 勾稽 note is explanation, not checked)."""
    for c in cells:
        if c.kind == NOTE:
            continue
        row, col, label = c.row, c.col, c.text
        got = norm_label(sheet(row, col))
        if got != norm_label(label):
            raise NotTemplate(
                f"“{path}”的“{sheet.name}”工作表 {a1(row, col)} 单元格应为表头“{label}”，实际为“{sheet(row, col) or '空'}”。"
                "表格的列可能被插入、删除或改写，请使用 nianbao new 生成的模板填写。"
            )


def _is_2019_t3(sheet: _Sheet) -> bool:
    """Table 三 of the 2019 (试行) format: the category （六） is one row, without the 2021 sub-rows."""
    labels = {_row_label(sheet, r, T3_LABEL_COLS) for r in range(len(sheet.rows))}
    category, first = (norm_label(x) for x in T3_ROW_BY_KEY["r6_1"].labels[1:])
    has_sub = any(lbl.startswith(first[:10]) for lbl in labels)  # its first words: a long label may be cut
    return not has_sub and any(lbl.startswith(category) for lbl in labels)


def _t2_rows(sheet: _Sheet, path: str) -> dict[str, int]:
    """Table 二 row key → actual row: its rows are found by label (blocks may have moved)."""
    labels = {r.key: r.labels[0] for b in T2_BLOCKS for r in b.rows}
    expected = {}
    for f in GRID_BY_KEY["t2"].fields:
        row_key = f.key.split(".")[1]
        expected[row_key] = (f.row, labels[row_key])
    return _locate_rows(sheet, expected, 1, path)


def _positions(sheets: dict[str, _Sheet], path: str) -> dict[str, tuple[int, int]]:
    """Field key → actual (row, col) of every numeric field, after checking the table labels."""
    pos: dict[str, tuple[int, int]] = {}
    rows = _t2_rows(sheets[SHEET_T2], path)
    for f in GRID_BY_KEY["t2"].fields:
        pos[f.key] = (rows[f.key.split(".")[1]], f.col)

    t3 = sheets[SHEET_T3]
    if _is_2019_t3(t3):
        raise NotTemplate(
            f"“{path}”的“{t3.name}”表是 2019 年（试行）格式：“{T3_ROW_BY_KEY['r6_1'].labels[1]}”没有细分的三行。"
            "本模板采用 2021 年格式（国办公开办函〔2021〕30号），请用 nianbao import 转换后再填写。"
        )
    grid = GRID_BY_KEY["t3"]
    _expect_headers(t3, grid.header, path)
    rows = _locate_rows(t3, {r.key: (grid.first_row + i, r.labels[-1]) for i, r in enumerate(T3_ROWS)}, grid.label_cols, path)
    for f in grid.fields:
        pos[f.key] = (rows[f.key.split(".")[1]], f.col)

    grid = GRID_BY_KEY["t4"]
    _expect_headers(sheets[SHEET_T4], grid.header, path)
    for f in grid.fields:
        pos[f.key] = (f.row, f.col)
    return pos


def _text_of(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float):
        return str(int(raw)) if raw == int(raw) else str(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return f"{raw.year}年{raw.month}月{raw.day}日"
    return str(raw).strip()


def _open(data: bytes, name: str):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise UnreadableFile(f"文件“{name}”设置了打开密码，无法读取。请取消密码后另存再试。") from None
    except Exception:  # calamine raises several types for damaged files; none may escape as a traceback
        raise UnreadableFile(f"文件“{name}”无法作为工作簿打开，文件可能已损坏或不是工作簿。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。") from None


def read_workbook(path: str | os.PathLike) -> Report:
    """Read a filled template. Raises UnreadableFile / NotTemplate with a Chinese message."""
    path = Path(path)
    name = path.name
    data = _load_bytes(path)
    kind = _sniff(data, name)
    formulas: dict[str, dict[str, bool]] = {}
    errors: dict[str, dict[str, str]] = {}
    if kind == "zip":
        parts = _check_zip(data, name)
        from defusedxml import DefusedXmlException

        try:
            formulas, errors = _scan_xlsx(parts, (SHEET_T2, SHEET_T3, SHEET_T4))
        except (DefusedXmlException, UnsafeXml):
            raise UnreadableFile(f"文件“{name}”含有不安全的 XML 内容（实体或外部引用声明），已拒绝读取。正常保存的工作簿不会出现这种情况。") from None
        except Exception:  # a malformed XML part: values still come from calamine, formulas unknown
            formulas, errors = {}, {}
    book = _open(data, name)
    grids: dict[str, list[list[object]]] = {}
    for s in book.sheet_names:
        if s in (SHEET_T2, SHEET_T3, SHEET_T4, SHEET_INFO, SHEET_TEXT):
            try:
                grids[s] = book.get_sheet_by_name(s).to_python(skip_empty_area=False)
            except Exception:
                raise UnreadableFile(f"“{name}”的“{s}”工作表无法读取，可能已损坏。请在 Excel 或 WPS 中打开后另存为新文件再试。") from None
            for cell, err in errors.get(s, {}).items():
                r, c = parse_a1(cell)
                if r < len(grids[s]) and c < len(grids[s][r]):
                    grids[s][r][c] = err
    return report_from_sheets(grids, formulas, str(path), all_sheets=book.sheet_names)


def report_from_sheets(
    grids: dict[str, list[list[object]]],
    formulas: dict[str, dict[str, bool]] | None = None,
    source: str = "",
    all_sheets: list[str] | None = None,
) -> Report:
    """The core of the reader: sheet name → 2-D values (from A1) → Report.

    Shared by files (calamine) and open Excel books (xlwings). ``formulas`` maps a sheet to its
    formula cells and whether each has a cached value; None where that is not known.
    """
    formulas = formulas or {}
    name = Path(source).name if source else "工作簿"
    needed = (SHEET_T2, SHEET_T3, SHEET_T4)
    missing = [s for s in needed if s not in grids]
    if missing:
        names = all_sheets if all_sheets is not None else list(grids)
        raise NotTemplate(
            f"“{name}”不是本模板的工作簿：缺少工作表“{'”“'.join(missing)}”（现有：{'、'.join(names[:8]) or '无'}）。"
            "请使用 nianbao new 生成的模板，或用 nianbao import 读取已发布的报告。"
        )
    sheets = {s: _Sheet(s, rows) for s, rows in grids.items()}
    pos = _positions(sheets, name)

    report = Report(source=source)
    for f in LAYOUT.numeric:
        row, col = pos[f.key]
        cell = a1(row, col)
        sheet = sheets[f.sheet]
        raw = sheet(row, col)
        value, state, note = parse_cell(raw)
        sheet_formulas = formulas.get(f.sheet)
        is_formula = None if sheet_formulas is None else cell in sheet_formulas
        if is_formula and state is State.BLANK and not sheet_formulas[cell]:
            state, note = State.COMPUTED, "公式未保存计算结果，已按公式重新计算"
        report.values[f.key] = Value(f.key, value, state, raw, is_formula, note, f.sheet, cell)
    for f in LAYOUT.totals_in_order:
        v = report.values[f.key]
        if v.state is State.COMPUTED:
            v.value = report.sum_of(f.sums)
    if (row_shift := [k for k, (r, _c) in pos.items() if r != LAYOUT[k].row]):
        report.notes.append(f"表格行位置与模板不同（如 {LAYOUT[row_shift[0]].sheet}!{a1(*pos[row_shift[0]])}），已按行标题定位。")
    for f in LAYOUT:
        if f.kind == "text" and f.sheet in sheets:
            report.texts[f.key] = _text_of(sheets[f.sheet](f.row, f.col))
    return report


__all__ = ["read_workbook", "report_from_sheets", "norm_label", "parse_a1"]
