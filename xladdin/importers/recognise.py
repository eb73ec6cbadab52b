"""The core of every importer: a published report's lines and table rows → Report + findings.

One recogniser serves every source. Rows come either as real cells (Word, web page, PDF table,
tab-separated text) or as text: label words followed by numbers, wrapped over lines and pages, or
run together without any separator. In both cases a row is found by its label (labels from
``workbook.layout``, typos tolerated), its numbers are the numeric cells or tokens after the label,
and table 四 is the 15 numbers after its header.

2019 (试行) format (FORMAT.md §4). What maps to the 2021 template is filled, with a warning:

* table 二 "处理决定数量" → "本年处理决定数量" (the same count under the same name);
* table 二 "本年新制作数量" → "本年制发件数" (documents made and issued this year: the nearest
  2021 column; the warning says so);
* table 三's single "（六）其他处理" row → "3.其他" of （六）, so that （七）总计 still adds up; its
  sub-rows 1 and 2 stay blank. The same applies to later reports that kept the single row.

Nothing else of the 2019 table 二 has a place (本年新公开数量, 对外公开总数量, 上一年项目数量,
本年增/减, 其他对外管理服务事项, 政府集中采购): those numbers are listed in a finding, never dropped
silently, and the 2021 cells without a 2019 source stay blank and are named.

Cells whose boundaries were lost (digits run together) are split only when the table's arithmetic
leaves exactly one reading; otherwise the row is reported as ambiguous with its raw text.
"""

from __future__ import annotations

import dataclasses

import re
from dataclasses import dataclass, field

from checks.findings import Finding
from workbook.cells import parse_cell
from workbook.layout import LAYOUT, T3_HEAD_APPLICANT, T4_COLUMNS, T4_GROUPS
from workbook.model import Report, State, Value, agency_kind

from . import sections as sec
from .digits import readings, sums_to_last
from .document import ROW_MARK, Cell, Doc
from .doubts import T3_COLS, import_findings
from .fidelity import absent_by_format, keep_as_published
from .structure import format_findings, section_findings
from .labels import ROWS_BY_TABLE, T2_2019_HEADERS, RowLabel, find_label, norm, norm_map

T4_KEYS = [f"t4.{g}.{c.key}" for g, _, _ in T4_GROUPS for c in T4_COLUMNS]

# table 二 columns: 2021 keys, or ("", header) for a 2019 column without a 2021 place; "*" marks a 2019 mapping
_T2_2021 = {"一": ["zf", "fz", "yx"], "五": ["sl"], "六": ["sl"], "八": ["je"]}
_T2_2019 = {
    "一": ["*zf", ("", "本年新公开数量"), ("", "对外公开总数量")],
    "五": [("", "上一年项目数量"), ("", "本年增/减"), "*sl"],
    "六": [("", "上一年项目数量"), ("", "本年增/减"), "*sl"],
    "八": [("", "上一年项目数量"), ("", "本年增/减")],
    "九": [("", "采购项目数量"), ("", "采购总金额")],
}
_2019_NAMES = {"*zf": "本年新制作数量", "*sl": "处理决定数量"}

# markers that open a table, on normalised text
_T2_START = re.compile(r"第二十条")
_T3_START = re.compile(re.escape(norm(T3_HEAD_APPLICANT)) + r"|\(?本列数据|[勾钩]稽关系")
# table 四's headings: the two top ones run together ("行政复议行政诉讼"), 结果维持, the suit kinds, 尚未审结
_T4_TOPS = "".join(dict.fromkeys(top for _, top, _ in T4_GROUPS))
_T4_HEAD_WORDS = (_T4_TOPS, T4_COLUMNS[0].label, *(sub for _, _, sub in T4_GROUPS if sub), T4_COLUMNS[3].label)
_T4_HEAD = re.compile("|".join(re.escape(norm(w)) for w in _T4_HEAD_WORDS))
_TABLE_SECTION = {"t2": "s2", "t3": "s3", "t4": "s4"}
# a number followed by one of these is prose ("收到申请33件"), not a table cell
_MEASURE = "件条项场期次个篇家人名年月日号起份批块台部天周%％‰倍届所"
_TOKEN = re.compile(rf"\d+(?:\.\d+)?|{ROW_MARK}")


@dataclass
class _Cell:
    raw: str
    value: int | float | None
    state: State
    note: str = ""
    recovered: bool = False  # split from digits run together


@dataclass
class _Problem:
    table: str
    label: str
    keys: list[str]
    kind: str  # "ambiguous" | "count" | "none"
    raw: str
    options: list[list[int]] = field(default_factory=list)
    readings: list[list[int]] = field(default_factory=list)  # every reading the table's arithmetic allows (bounded)


class TableReader:
    """Feeds on the document's events in order and keeps what each table cell was read as."""

    def __init__(self) -> None:
        self.values: dict[str, Value] = {}
        self.state: str | None = None
        self.t4_head = False
        self.t4_buf: list[str] = []
        self.t4_span: list[int] = []
        self.t2_2019 = False
        self.t3_single_other: str | None = None  # raw text of a single （六） row
        self.unmapped: list[tuple[str, str]] = []  # 2019 cells without a 2021 place: (label, raw)
        self.mapped_2019: list[str] = []
        self.recovered: dict[str, list[tuple[str, str, list[int]]]] = {}  # table → (label, raw, values)
        self.recovered_keys: dict[str, list[str]] = {}
        self.problems: list[_Problem] = []
        self.conflicts: list[tuple[str, object, object]] = []
        self.seen_rows: set[str] = set()
        self.consumed: list[tuple[int, int]] = []
        self.table_spans: list[list[int]] = []  # [start, end] of each occurrence of a table in the flat text
        self._open_span: list[int] | None = None
        self.lead_blanks: dict[str, list[int]] = {}
        self.section: str | None = None
        self.found_sections: set[str] = set()
        self._last_options: list[list[int]] = []
        self._last_readings: list[list[int]] = []

    # ------------------------------------------------------------------ state
    def enter(self, table: str | None, pos: int | None = None) -> None:
        """Leave the current table (table 四's numbers are settled then) and enter ``table``."""
        if self.state == "t4":
            self._flush_t4()
        if table != self.state:
            self.state = table
            self.t4_head = False
            self.t4_buf = []
            self._open_span = None
        if table and pos is not None:
            self._span(table, pos, pos)

    def heading(self, key: str) -> None:
        self.section = key
        self.enter(_HEAD_TABLE[key])

    def markers(self, raw: str, pos: int, row: bool = False) -> None:
        """Switch tables on the structural words of a table's header (only inside its own section, if found)."""
        n, index = norm_map(raw)
        hits = []
        for table, rx in (("t2", _T2_START), ("t3", _T3_START), ("t4", _T4_HEAD)):
            own = _TABLE_SECTION[table]
            if self.section != own and own in self.found_sections:
                continue
            m = rx.search(n)
            if m:
                hits.append((m.start(), table))
        for at, table in sorted(hits):
            where = pos if row else pos + index[at]
            if table != self.state:
                self.enter(table, where)
            else:
                self._span(table, where, where)
            if table == "t4":
                self.t4_head = True
        if self.state == "t2" and any(h in n for h in T2_2019_HEADERS):
            self.t2_2019 = True

    def _span(self, table: str, a: int, b: int) -> None:
        if self._open_span is None:
            self._open_span = [a, b]
            self.table_spans.append(self._open_span)
        span = self._open_span
        span[0], span[1] = min(span[0], a), max(span[1], b)

    def _mark(self, a: int, b: int) -> None:
        self.consumed.append((a, b))
        if self.state:
            self._span(self.state, a, b)

    # ------------------------------------------------------------------ records
    def record(self, label_text: str, cells: list[Cell], span: tuple[int, int], stream: bool) -> None:
        """A label (possibly with header words before it) and the cells or number tokens after it."""
        text = norm(label_text)
        if self.state == "t4" and self.t4_head:
            if stream or not text:  # table 四's data row has no label
                self.t4_buf.extend("" if c is None else c for c in cells)
                self._mark(*span)
                if len(self.t4_buf) >= 15:
                    self._flush_t4()
                return
        match = None
        if self.state in ROWS_BY_TABLE:
            match = find_label(text, ROWS_BY_TABLE[self.state])
        if match is None and not stream:
            # a real table row: its label alone tells the table (a Word table without a heading)
            for table, rows in ROWS_BY_TABLE.items():
                if table != self.state and (m := find_label(text, rows, fuzzy=False)) and m.score == 1.0:
                    self.enter(table, span[0])
                    match = m
                    break
        if match is None:
            return
        self._mark(*span)
        row = match.row
        if row.table == "t2":
            self._t2_row(row, cells, label_text)
        else:
            self._t3_row(row, cells, label_text)

    def _t2_row(self, row: RowLabel, cells: list[Cell], label_text: str) -> None:
        if row.key.startswith("t2019"):
            self.t2_2019 = True
        spec_2021 = _T2_2021.get(row.block)
        spec_2019 = _T2_2019[row.block]
        spec = spec_2019 if self.t2_2019 or spec_2021 is None else spec_2021
        if row.key.startswith("t2019"):  # rows the 2021 table dropped: every column is without a place
            spec = [c if isinstance(c, tuple) else ("", _2019_NAMES[c]) for c in spec]
        tokens = [c for c in cells if c is not None and c.strip()]
        if spec is spec_2021 and len(tokens) == len(spec_2019) != len(spec_2021) and not any(c is not None and not c.strip() for c in cells):
            spec, self.t2_2019 = spec_2019, True  # a 2019 row under a header we did not see
        label = row.name
        got = self._select("t2", cells, len(spec), None, label)
        if got is None:
            keys = [f"t2.{row.key}.{c.lstrip('*')}" for c in spec if isinstance(c, str)]
            if not keys:
                self.unmapped.append((label, " ".join(c for c in cells if c) or "（未能读取）"))
            if keys:
                self._problem("t2", label, keys, cells)
            return
        for col, cell in zip(spec, got):
            if isinstance(col, tuple):
                if cell.state is not State.BLANK:
                    self.unmapped.append((f"{label}·{col[1]}", cell.raw))
                continue
            key = f"t2.{row.key}.{col.lstrip('*')}"
            if col.startswith("*"):
                self.mapped_2019.append(key)
            self._set(key, cell)

    def _t3_row(self, row: RowLabel, cells: list[Cell], label_text: str) -> None:
        key = "r6_3" if row.key == "r6" else row.key
        label = row.name
        got = self._select("t3", cells, 7, sums_to_last(7), label)
        if got is None:
            self._problem("t3", label, [f"t3.{key}.{c}" for c in T3_COLS], cells)
            return
        if row.key == "r6":
            self.t3_single_other = " ".join(c.raw for c in got)
        for col, cell in zip(T3_COLS, got):
            self._set(f"t3.{key}.{col}", cell)

    def _flush_t4(self) -> None:
        if not self.t4_buf:
            return
        buf, self.t4_buf = self.t4_buf, []
        got = self._select("t4", buf, 15, sums_to_last(5), "行政复议、行政诉讼数据行")
        if got is None:
            self._problem("t4", "行政复议、行政诉讼数据行", T4_KEYS, buf)
            return
        for key, cell in zip(T4_KEYS, got):
            self._set(key, cell)

    # ------------------------------------------------------------------ values
    def _select(self, table: str, cells: list[Cell], n: int, check, label: str) -> list[_Cell] | None:
        """The ``n`` cells of a row: numbers in order, blanks kept in place, run-together digits split."""
        v = [c for c in cells if c is not None]
        filled = [i for i, c in enumerate(v) if c.strip()]
        if len(filled) == n:
            lead = filled[0]
            self.lead_blanks.setdefault(table, []).append(lead)
            return [self._cell(v[i]) for i in filled]
        if len(filled) < n and len(v) >= n:
            options = [i for i in range(len(v) - n + 1) if all(not v[j].strip() for j in range(len(v)) if j < i or j >= i + n)]
            hint = self.lead_blanks.get(table)
            if len(options) > 1 and hint:
                common = max(set(hint), key=hint.count)
                options = [o for o in options if o == common] or options
            if len(options) == 1:
                return [self._cell(c) for c in v[options[0] : options[0] + n]]
        tokens = [v[i].strip() for i in filled]
        if 0 < len(tokens) < n:
            digits = [re.sub(r"\s", "", t) for t in tokens]
            # One cut at all (as many digits as cells): taken even if the published arithmetic then fails, so
            # that the checks report the published error instead of the import hiding it.
            found, searched = readings(digits, n, None, limit=1)
            if not (searched and len(found) == 1):
                found, searched = readings(digits, n, check)
            if searched and len(found) == 1:
                self.recovered.setdefault(table, []).append((label, " ".join(tokens), found[0]))
                # the split is reported once per table (IMPORT.RECOVERED), not again per cell
                return [_Cell(str(x), x, State.NUMBER, "", True) for x in found[0]]
            self._last_options = found if searched else []
            # all readings (bounded), so the agency's own text can settle the row later (_settle_by_text)
            every = readings(digits, n, check, limit=READINGS_KEPT)[0] if searched and found else []
            self._last_readings = every if len(every) <= READINGS_KEPT else []
            return None
        self._last_options = []
        return None

    @staticmethod
    def _cell(raw: str) -> _Cell:
        value, state, note = parse_cell(raw.strip() or None)
        if note == "文本格式的数字":  # every number in a published report is text: nothing to report
            note = ""
        return _Cell(raw.strip(), value, state, note)

    def _set(self, key: str, cell: _Cell) -> None:
        f = LAYOUT[key]
        if f.kind == "count" and isinstance(cell.value, float):
            cell = _Cell(cell.raw, None, State.TEXT, f"“{cell.raw}”不是整数")
        if cell.recovered:
            self.recovered_keys.setdefault(key.split(".")[0], []).append(key)
        old = self.values.get(key)
        if old is not None:
            if old.value != cell.value or old.state is not cell.state:
                self.conflicts.append((key, old.raw, cell.raw))
            return
        self.values[key] = Value(key, cell.value, cell.state, cell.raw, None, cell.note, f.sheet, f.cell)

    def _problem(self, table: str, label: str, keys: list[str], cells: list[Cell]) -> None:
        raw = " ".join(c for c in cells if c)
        filled = [c for c in cells if c and c.strip()]
        kind = "ambiguous" if getattr(self, "_last_options", None) else ("none" if not filled else "count")
        self.problems.append(_Problem(table, label, keys, kind, raw, list(getattr(self, "_last_options", []) or []),
                                      list(getattr(self, "_last_readings", []) or [])))
        self._last_options = []
        self._last_readings = []


# ---------------------------------------------------------------------- tokenising the flat text
def _events(flat: str, heads: list[sec.Heading]):
    """(kind, start, end, payload) in order: "head" (section key), "text", "nums" (tokens), "row"."""
    cuts = sorted((h.start, h.end, h.key) for h in heads)
    out = []
    pos = 0
    run: list[tuple[int, int, str]] = []

    def flush_run():
        if run:
            out.append(("nums", run[0][0], run[-1][1], [t for _, _, t in run]))
            run.clear()

    def add_text(a: int, b: int):
        # split at section headings
        for hs, he, key in cuts:
            if a <= hs < b:
                if hs > a:
                    out.append(("text", a, hs, flat[a:hs]))
                out.append(("head", hs, he, key))
                a = max(he, hs)
        if a < b:
            out.append(("text", a, b, flat[a:b]))

    for m in _TOKEN.finditer(flat):
        s, e = m.start(), m.end()
        tok = m.group(0)
        if tok == ROW_MARK:
            flush_run()
            if s > pos:
                add_text(pos, s)
            out.append(("row", s, e, None))
            pos = e
            continue
        after = flat[e : e + 2]
        if re.match(r"[.、．](?!\d)\S", after):  # "1.属于" or "…0000002.其他": an ordinal of the next label
            if len(tok) == 1 or "." in tok:
                continue
            e -= 1
            tok = tok[:-1]
        elif after[:1] and after[:1] in _MEASURE:
            continue
        if flat[s - 1 : s] in ("年", "第") or flat[e : e + 1] in ("-", "—"):
            continue
        between = flat[pos:s]
        if run and between.strip() == "":
            run.append((s, e, tok))
        else:
            flush_run()
            if s > pos:
                add_text(pos, s)
            run.append((s, e, tok))
        pos = e
    flush_run()
    if pos < len(flat):
        add_text(pos, len(flat))
    return out


_HEAD_TABLE = {"s1": None, "s2": "t2", "s3": "t3", "s4": "t4", "s5": None, "fee": None, "s6": None}


def read_tables(flat: str, rows: list[list[Cell]], heads: list[sec.Heading]) -> TableReader:
    reader = TableReader()
    reader.found_sections = {h.key for h in heads}
    pending: list[tuple[int, int, str]] = []
    row_iter = iter(rows)
    for kind, a, b, payload in _events(flat, heads):
        if kind == "head":
            reader.heading(payload)
            pending = []
        elif kind == "text":
            pending.append((a, b, payload))
            reader.markers(payload, a)  # headers without numbers still open their table
        elif kind == "nums":
            text = "".join(p[2] for p in pending)
            start = pending[0][0] if pending else a
            # only the row's own words are consumed with its numbers; prose before them stays text
            reader.record(text, list(payload), (_label_start(flat, start, a), b), stream=True)
            pending = []
        elif kind == "row":
            cells = next(row_iter)
            reader.markers(" ".join(c for c in cells if c), a, row=True)
            last_label = max((i for i, c in enumerate(cells) if c and parse_cell(c)[1] is State.TEXT), default=-1)
            label = "".join(c for c in cells[: last_label + 1] if c)
            reader.record(label, cells[last_label + 1 :], (a, b), stream=False)
            pending = []
    reader.enter(None)
    return reader


def _label_start(flat: str, start: int, numbers_at: int) -> int:
    """Where the row's own words start: after the last sentence end or line break before the numbers."""
    seg = flat[start:numbers_at]
    cut = max(seg.rfind("。"), seg.rfind("\n"))
    return start + cut + 1 if cut >= 0 else start


# ---------------------------------------------------------------------- the whole document
def parse(doc: Doc, source: str = "") -> tuple[Report, list[Finding], str]:
    flat, rows = doc.flat()
    heads = sec.find_headings(flat)
    reader = read_tables(flat, rows, heads)

    report = Report.empty()
    report.source = source
    report.notes.extend(doc.notes)
    report.values.update(reader.values)

    spans = reader.consumed + [tuple(sp) for sp in reader.table_spans]
    texts, missing, preamble = sec.sections(flat, spans)
    org, year, _title = sec.title_info(preamble)
    date, signature = sec.publication_date(preamble, texts.get("text.s6", ""))
    if signature and texts.get("text.s6", "").rstrip().endswith(signature.strip()):
        texts["text.s6"] = texts["text.s6"].rstrip()[: -len(signature.strip())].rstrip()
    report.texts.update({"info.org": org, "info.year": year, "info.date": date, "info.contact": sec.contact(preamble)})
    report.texts["info.kind"] = agency_kind(org)
    report.texts.update(texts)

    _settle_by_text(reader, report)
    sections_found = [dataclasses.replace(f, each_cell=True) for f in section_findings(flat, heads, missing, report.year)]
    findings = import_findings(reader, org, year)
    at = sum(1 for f in findings if f.rule in ("IMPORT.NO_TABLES", "IMPORT.NO_TITLE"))  # listed first, as before
    findings[at:at] = sections_found
    absent = absent_by_format(reader.t2_2019, reader.t3_single_other is not None, T3_COLS)
    keep_as_published(report, reader.values, absent)
    fmt = "2019" if reader.t2_2019 or reader.t3_single_other is not None else "2021"
    return report, findings + format_findings(fmt, report.year), fmt


READINGS_KEPT = 60  # a row with more readings than this is left to the person, text or no text


def _settle_by_text(reader: TableReader, report: Report) -> None:
    """Rows whose run-together digits the table's arithmetic cannot split (表二 has no totals: "5416"
    may be 5/4/16 or 5/41/6): keep the one reading that agrees with every number the agency's own
    正文 states for that row's cells ("现行有效的规范性文件16件", "制定规范性文件5件"), as a person would.
    """
    open_rows = [p for p in reader.problems if p.kind == "ambiguous" and p.readings]
    if not open_rows:
        return
    from checks.narrative import claims

    stated: dict[str, set] = {}
    for st in claims(report):
        if len(st.targets) == 1 and len(st.targets[0]) == 1:
            stated.setdefault(st.targets[0][0], set()).add(st.value)
    for p in open_rows:
        known = {i: vals for i, k in enumerate(p.keys) if len(vals := stated.get(k, ())) == 1}
        if not known:
            continue
        fits = [r for r in p.readings if all(r[i] in vals for i, vals in known.items())]
        if len(fits) != 1:
            continue
        reader.problems.remove(p)
        said = "、".join(f"{LAYOUT[p.keys[i]].label} {next(iter(v))}" for i, v in known.items())
        reader.recovered.setdefault(p.table, []).append((p.label, f"{p.raw}（按正文所述{said}）", fits[0]))
        for key, x in zip(p.keys, fits[0]):
            reader._set(key, _Cell(str(x), x, State.NUMBER, "", True))
            report.values[key] = reader.values[key]
