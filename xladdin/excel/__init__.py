"""What the three buttons run, for every xlwings route: each entry point takes an xlwings ``Book``.

* classic desktop Excel (VBA ``RunPython``): ``validate_caller()`` etc. find the book with
  ``xw.Book.caller()``;
* xlwings Lite / Server: the ``@script`` functions of ``xladdin/lite/main.py`` pass their book in.

The layer is thin: the open book's values (as Excel computed them) → ``report_from_sheets`` → the
same checks as ``nianbao check`` → results written back in blocks (one 2-D write for the 校验结果
sheet, one colour block or a few multi-cell ranges per sheet), never cell by cell, and never into a
cell the user types in. Which cells were coloured last time is read back from the 校验结果 sheet
itself, so a cell that is fine again gets its template tint back without any stored state.

xlwings itself is imported only by the ``*_caller`` functions: the entry points use the book they
are given.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from checks import results_sheet as sheet_layout
from checks.findings import Finding
from workbook.colours import ERROR_FILL, INPUT_TINT, TOTAL_TINT, WARNING_FILL, fill_for  # noqa: F401 (WARNING_FILL: for callers)
from workbook.errors import NianbaoError, OutputError
from workbook.layout import (
    LAYOUT,
    SHEET_INFO,
    SHEET_RESULTS,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    SHEET_TEXT,
    TEXT_COL_GEN,
    TEXT_FIRST_ROW,
    TEXT_SECTIONS,
    a1,
    col_letter,
    parse_a1,
)
from workbook.model import Report

READ_SHEETS = (SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_TEXT)
TITLE = "政府信息公开年报"
# The 校验结果 sheet is checks.results_sheet's, the same as ``nianbao check --annotate`` writes.
RESULT_HEADER = sheet_layout.HEADER
MARK_COLUMNS = sheet_layout.MARK_COLUMNS
CLEAN = sheet_layout.CLEAN
LITE_DATA_DIR = Path("/data")  # xlwings Lite: files written here appear under Files > Import/Export
MAX_ADDRESS = 250  # Excel's Range("A1,B2,…") takes at most 255 characters


# ---------------------------------------------------------------- reading the open book
@dataclass
class _Snapshot:
    """What one run reads from the book: the report, its cell map, last run's coloured cells."""

    report: Report
    cells: dict[tuple[str, str], tuple[str, int]]  # (sheet, A1) → (field key, columns spanned)
    previous: list[tuple[str, str]]  # (sheet, A1) coloured by the last run, from 校验结果
    has_results: bool


def _values(sheet) -> list[list[object]]:
    """The sheet's values from A1 to the end of its used range, as one 2-D read."""
    last = sheet.used_range.last_cell
    rng = sheet.range((1, 1), (max(last.row, 1), max(last.column, 1)))
    return rng.options(ndim=2, err_to_str=True).value


def _sheet_names(book) -> list[str]:
    return [s.name for s in book.sheets]


def _read(book) -> _Snapshot:
    from workbook.read import report_from_sheets

    names = _sheet_names(book)
    grids = {name: _values(book.sheets[name]) for name in READ_SHEETS if name in names}
    report = report_from_sheets(grids, None, book.fullname or book.name, all_sheets=names)
    cells: dict[tuple[str, str], tuple[str, int]] = {}
    for v in report.values.values():
        cells[(v.sheet, v.cell)] = (v.key, v.field.span)
    for f in LAYOUT:
        if f.kind == "text":
            cells.setdefault((f.sheet, f.cell), (f.key, f.span))
    has_results = SHEET_RESULTS in names
    previous = _marked_cells(_values(book.sheets[SHEET_RESULTS])) if has_results else []
    return _Snapshot(report, cells, previous, has_results)


def _split_ref(ref: str) -> tuple[str, str] | None:
    """"依申请公开!J5" → ("依申请公开", "J5"); None for anything else."""
    if not isinstance(ref, str) or "!" not in ref:
        return None
    sheet, cell = ref.rsplit("!", 1)
    sheet, cell = sheet.strip().strip("'"), cell.strip().replace("$", "").upper()
    try:
        row, col = parse_a1(cell)
    except ValueError:
        return None
    return (sheet, cell) if row >= 0 and col >= 0 else None


def _marked_cells(rows: list[list[object]]) -> list[tuple[str, str]]:
    """Cells an earlier run (or ``nianbao check --annotate``'s copy) may have coloured, from the 校验结果
    sheet it left: the 单元格 and 涉及的全部单元格 columns, found by their headers wherever they are."""
    for i, row in enumerate(rows):
        cols = [c for c, v in enumerate(row) if v in MARK_COLUMNS]
        if cols:
            refs = []
            for r in rows[i + 1 :]:
                for c in cols:
                    if c < len(r) and isinstance(r[c], str):
                        refs += [ref for part in sheet_layout.split_cells(r[c]) if (ref := _split_ref(part))]
            return list(dict.fromkeys(refs))
    return []


# ---------------------------------------------------------------- writing results
def _results_sheet(book, exists: bool):
    if exists:
        sheet = book.sheets[SHEET_RESULTS]
        sheet.clear_contents()
        return sheet
    sheet = book.sheets.add(name=SHEET_RESULTS, after=book.sheets[len(book.sheets) - 1])
    for i, c in enumerate(sheet_layout.COLUMNS):
        sheet.range((1, i + 1)).column_width = c.width
    return sheet


def _write_results(book, findings: list[Finding], exists: bool, report: Report):
    """The 校验结果 sheet as one 2-D block; wrapped columns wrap, tall rows get their height (grouped runs)."""
    rows = sheet_layout.grid(findings, f"校验结果：{book.name}", report=report)
    sheet = _results_sheet(book, exists)
    sheet.range((1, 1)).value = rows  # one 2-D block
    first, last = sheet_layout.FIRST_ROW + 1, len(rows)
    for i, c in enumerate(sheet_layout.COLUMNS, start=1):
        if c.wrap and findings:
            sheet.range((first, i), (last, i)).wrap_text = True
    for (r0, r1), height in _runs(sheet_layout.row_heights(rows)):
        sheet.range((r0 + 1, 1), (r1 + 1, 1)).row_height = height
    if not _is_remote(book):
        _fit_to_page_width(sheet)
    return sheet


def _runs(heights: dict[int, float]) -> list[tuple[tuple[int, int], float]]:
    """Consecutive rows of one height as one range: a few writes, not one per row."""
    out: list[tuple[tuple[int, int], float]] = []
    for r in sorted(heights):
        if out and out[-1][0][1] == r - 1 and out[-1][1] == heights[r]:
            out[-1] = ((out[-1][0][0], r), heights[r])
        else:
            out.append(((r, r), heights[r]))
    return out


def _fit_to_page_width(sheet) -> None:
    """Desktop Excel: print the list on pages as wide as the sheet (the marked copy stores the same setting)."""
    try:
        setup = sheet.api.PageSetup
        setup.Orientation, setup.Zoom, setup.FitToPagesWide, setup.FitToPagesTall = 2, False, 1, False
    except Exception:  # an engine without page setup (macOS AppleScript quirks): the sheet is still right
        pass


def _fills(findings: list[Finding]) -> dict[tuple[str, str], str]:
    """(sheet, A1) → fill for the cells each finding marks (Finding.marked, as --annotate colours); errors win."""
    out: dict[tuple[str, str], str] = {}
    for f in findings:
        for ref in filter(None, map(_split_ref, f.marked)):
            if out.get(ref) != ERROR_FILL:
                out[ref] = fill_for(f.is_error)
    return out


def _tint(key: str) -> str:
    f = LAYOUT[key]
    return TOTAL_TINT if f.is_total or key.startswith("gen.") else INPUT_TINT


def _paint_plan(snap: _Snapshot, fills: dict[tuple[str, str], str]) -> dict[str, dict[tuple[int, int], str]]:
    """sheet → {(row, col) 0-based: colour}: offending cells coloured, last run's others restored.

    Only cells of the template's fields are ever coloured, so only those need restoring.
    """
    plan: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)

    def put(ref: tuple[str, str], colour: str) -> None:
        key, span = snap.cells[ref]
        row, col = parse_a1(ref[1])
        for c in range(col, col + span):
            plan[ref[0]][(row, c)] = colour

    for ref in snap.previous:
        if ref in snap.cells and ref not in fills:
            put(ref, _tint(snap.cells[ref][0]))
    for ref, colour in fills.items():
        if ref in snap.cells:
            put(ref, colour)
    return plan


def _is_remote(book) -> bool:
    return book.app.engine.type == "remote"


def _paint(book, plan: dict[str, dict[tuple[int, int], str]]) -> None:
    remote = _is_remote(book)
    for sheet_name, cells in plan.items():
        if not cells:
            continue
        sheet = book.sheets[sheet_name]
        if remote:
            _paint_block(sheet, cells)
        else:
            _paint_ranges(sheet, cells)


def _paint_block(sheet, cells: dict[tuple[int, int], str]) -> None:
    """xlwings Lite/Server: one set_colors over the bounding block, "…" (keep) elsewhere."""
    r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
    c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
    matrix = [[cells.get((r, c), ...) for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]
    sheet.range((r0 + 1, c0 + 1), (r1 + 1, c1 + 1)).set_colors(matrix)


def _paint_ranges(sheet, cells: dict[tuple[int, int], str]) -> None:
    """Desktop Excel: one multi-area range per colour (chunked to Excel's address limit).

    xlwings' desktop set_colors colours cell by cell, which is slow over COM (xlwings#2359).
    """
    by_colour: dict[str, list[str]] = defaultdict(list)
    for (row, col), colour in sorted(cells.items()):
        by_colour[colour].append(a1(row, col))
    for colour, addresses in by_colour.items():
        chunk: list[str] = []
        for address in addresses + [None]:
            if address is None or len(",".join(chunk + [address])) > MAX_ADDRESS:
                if chunk:
                    sheet.range(",".join(chunk)).color = colour
                chunk = []
            if address is not None:
                chunk.append(address)


# ---------------------------------------------------------------- telling the user
def _alert(book, message: str, critical: bool = False) -> None:
    """A message box where the route has one (desktop Excel, xlwings Lite/Server)."""
    try:
        book.app.alert(message, title=TITLE, mode="critical" if critical else "info")
    except Exception:  # an engine without message boxes: the 校验结果 sheet still says it
        pass


def _fail(book, exc: NianbaoError, on_results_sheet: bool = False) -> None:
    """Tell the user why nothing was done: a message box, and for 校验 the first cell of 校验结果.

    Only a workbook that already has our results sheet is written to, and only its summary cell:
    the list below it still records which cells are coloured, so the next run can restore them.
    """
    message = str(exc)
    if on_results_sheet:
        try:
            if SHEET_RESULTS in _sheet_names(book):
                book.sheets[SHEET_RESULTS].range((sheet_layout.SUMMARY_ROW + 1, 1)).value = message
        except Exception:  # the message box below still tells it
            pass
    _alert(book, message, critical=True)


# ---------------------------------------------------------------- entry points
def _check(snap: _Snapshot):
    """The findings ``nianbao check`` and ``nianbao word`` give (``checks.check_report``), and the generated text."""
    from checks import check_report
    from xladdin.report.prose import generate

    return check_report(snap.report), generate(snap.report)


def _validate(book, announce: bool):
    snap = _read(book)
    findings, narrative = _check(snap)
    sheet = _write_results(book, findings, snap.has_results, snap.report)
    _paint(book, _paint_plan(snap, _fills(findings)))
    if any(f.is_error for f in findings):
        sheet.activate()  # the list of what to fix is the next thing the user needs
    if announce:
        _alert(book, "校验完成：" + sheet_layout.summary(findings) + ("" if not findings else "明细见“校验结果”页。"))
    return snap, findings, narrative


def validate(book) -> list[Finding]:
    """Check the open workbook, list the findings on 校验结果 and colour the cells to fix.

    Returns the findings ([] when the workbook cannot be read: the user has been told why).
    """
    try:
        return _validate(book, announce=True)[1]
    except NianbaoError as exc:
        _fail(book, exc, on_results_sheet=True)
        return []


def _generated_column(texts: dict[str, str]) -> list[list[object]]:
    return [[texts.get(f"gen.{s.key}", "")] for s in TEXT_SECTIONS]


def generate_text(book) -> dict[str, str]:
    """Write the generated narrative into the 正文 sheet's 系统生成 column (one block).

    The agency's own paragraphs (the column beside it) are not touched. Returns ``gen.<s>`` → text.
    """
    try:
        snap = _read(book)
        if SHEET_TEXT not in _sheet_names(book):
            raise NianbaoError(f"工作簿中没有“{SHEET_TEXT}”工作表，无法写入生成的正文。请使用本模板填写。")
        findings, narrative = _check(snap)
        texts = narrative.as_texts()
        sheet = book.sheets[SHEET_TEXT]
        sheet.range((TEXT_FIRST_ROW + 1, TEXT_COL_GEN + 1)).value = _generated_column(texts)
        errors = sum(f.is_error for f in findings)
        note = f"注意：还有 {errors} 项错误，生成的文字可能不准确，请先点击“校验”并改正。" if errors else ""
        _alert(book, f"已在“{SHEET_TEXT}”页第 {col_letter(TEXT_COL_GEN)} 列写入系统生成的文字。" + note)
        return texts
    except NianbaoError as exc:
        _fail(book, exc)
        return {}


def _output_dir(book) -> Path:
    if sys.platform == "emscripten":  # xlwings Lite (Pyodide)
        return LITE_DATA_DIR
    folder = Path(book.fullname).parent
    if not Path(book.fullname).is_absolute() or not folder.is_dir():
        raise OutputError(
            f"工作簿“{book.name}”尚未保存到本机文件夹（或位于网盘/SharePoint），无法确定 Word 文件的保存位置。"
            "请先将工作簿另存到本机文件夹，再点击“导出Word”。"
        )
    return folder


def word_path(book, folder: Path | None = None) -> Path:
    """Where export_word writes: the workbook's name with .docx, beside it (Lite: in /data)."""
    return (folder or _output_dir(book)) / (Path(book.name).stem + ".docx")


def export_word(book, folder: str | Path | None = None) -> Path | None:
    """Write the Word report next to the workbook; refuse, like ``nianbao word``, while errors remain.

    ``folder`` overrides where it goes (tests, xlwings Server). Returns the path, or None if refused.
    """
    try:
        from xladdin.report.word import write_word

        target = word_path(book, Path(folder) if folder is not None else None)
        snap, findings, narrative = _validate(book, announce=False)
        errors = [f for f in findings if f.is_error]
        if errors:
            _alert(
                book,
                f"未导出 Word：有 {len(errors)} 项错误（已在“{SHEET_RESULTS}”页列出，问题单元格已标红）。请改正后再导出。",
                critical=True,
            )
            return None
        write_word(snap.report, target, narrative=narrative)
        warnings = len(findings)
        tail = f"另有 {warnings} 项提醒，请按“{SHEET_RESULTS}”页逐项核实。" if warnings else ""
        _alert(book, f"已导出 Word 年度报告：{target}" + ("\n" + tail if tail else ""))
        return target
    except NianbaoError as exc:
        _fail(book, exc)
        return None


# ---------------------------------------------------------------- classic xlwings (RunPython)
def _caller():
    import xlwings as xw

    return xw.Book.caller()


def validate_caller() -> None:
    validate(_caller())


def generate_text_caller() -> None:
    generate_text(_caller())


def export_word_caller() -> None:
    export_word(_caller())


__all__ = [
    "validate",
    "generate_text",
    "export_word",
    "word_path",
    "validate_caller",
    "generate_text_caller",
    "export_word_caller",
]
