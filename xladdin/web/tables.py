"""The report as printed, for the result page: the three tables drawn from ``workbook.layout`` (every label
and merge from there), and the 正文 by section; each cell or sentence a finding marks carries its colour
and messages. Only plain data here; the template draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.rules import fmt_num
from workbook.layout import (
    INFO_ITEMS,
    LAYOUT,
    T2_BLOCKS,
    T2_CONTENT_LABEL,
    T2_WIDTH,
    T3_COLUMNS,
    T3_HEAD_APPLICANT,
    T3_HEAD_LEGAL,
    T3_LABEL_COLS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
)
from workbook.model import Report, State

ERROR_CLASS, WARNING_CLASS = "err", "warn"


@dataclass
class Mark:
    cls: str  # "err" wins over "warn"
    messages: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "\n".join(self.messages)


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    head: bool = False  # a header or row label (th)
    key: str = ""  # the field of a value cell: its anchor
    mark: Mark | None = None
    total: bool = False

    @property
    def anchor(self) -> str:
        return anchor(self.key) if self.key else ""


def anchor(key: str) -> str:
    return "c-" + key.replace(".", "-")


def _add(marks: dict[str, Mark], key: str, finding) -> None:
    cls = ERROR_CLASS if finding.is_error else WARNING_CLASS
    m = marks.setdefault(key, Mark(cls))
    if cls == ERROR_CLASS:
        m.cls = ERROR_CLASS
    if finding.message not in m.messages:
        m.messages.append(finding.message)


def key_of(report: Report, ref: str) -> str | None:
    """The field a finding's "sheet!A1" names: where the file held it (rows inserted), else the template's cell."""
    for k, v in report.values.items():
        if v.sheet and v.ref == ref:
            return k
    sheet, _, cell = ref.rpartition("!")
    f = LAYOUT.by_ref.get((sheet, cell))
    return f.key if f else None


def cell_marks(report: Report, findings) -> dict[str, Mark]:
    """Field key → its mark, for every cell a finding marks."""
    marks: dict[str, Mark] = {}
    for f in findings:
        for ref in f.marked:
            key = key_of(report, ref)
            if key is not None:
                _add(marks, key, f)
    return marks


def shown(report: Report, key: str) -> str:
    v = report.values.get(key)
    if v is None or v.state is State.BLANK:
        return ""
    if v.state in (State.NUMBER, State.COMPUTED) and v.value is not None:
        return fmt_num(v.value)
    return "" if v.raw is None else str(v.raw)


def _value(report: Report, marks: dict[str, Mark], key: str, colspan: int = 1) -> Cell:
    return Cell(shown(report, key), colspan, key=key, mark=marks.get(key), total=LAYOUT[key].is_total)


def table_t2(report: Report, marks: dict[str, Mark]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    values = T2_WIDTH - 1
    for block in T2_BLOCKS:
        rows.append([Cell(block.caption, T2_WIDTH, head=True)])
        span = values if len(block.headers) == 1 else 1
        rows.append([Cell(T2_CONTENT_LABEL, head=True)] + [Cell(c.label, span, head=True) for c in block.headers])
        for r in block.rows:
            rows.append([Cell(r.labels[0], head=True)] + [_value(report, marks, f"t2.{r.key}.{c.key}", span) for c in block.headers])
    return rows


def _t3_labels(index: int) -> list[Cell]:
    """Row labels of table 三: a label shared with the rows above is merged into theirs (rowspan)."""
    labels = T3_ROWS[index].labels
    out = []
    for level, text in enumerate(labels):
        prefix = labels[: level + 1]
        if index > 0 and T3_ROWS[index - 1].labels[: level + 1] == prefix:
            continue  # drawn by the row above
        span = 1
        while index + span < len(T3_ROWS) and T3_ROWS[index + span].labels[: level + 1] == prefix:
            span += 1
        last = level == len(labels) - 1
        out.append(Cell(text, T3_LABEL_COLS - level if last else 1, span, head=True))
    return out


def table_t3(report: Report, marks: dict[str, Mark]) -> list[list[Cell]]:
    legal = T3_COLUMNS[1:-1]
    rows = [
        [Cell("", T3_LABEL_COLS, 3, head=True), Cell(T3_HEAD_APPLICANT, len(T3_COLUMNS), head=True)],
        [Cell(T3_COLUMNS[0].label, 1, 2, head=True), Cell(T3_HEAD_LEGAL, len(legal), head=True), Cell(T3_COLUMNS[-1].label, 1, 2, head=True)],
        [Cell(c.label, head=True) for c in legal],
    ]
    for i, r in enumerate(T3_ROWS):
        rows.append(_t3_labels(i) + [_value(report, marks, f"t3.{r.key}.{c.key}") for c in T3_COLUMNS])
    return rows


def table_t4(report: Report, marks: dict[str, Mark]) -> list[list[Cell]]:
    width = len(T4_COLUMNS)
    top: list[Cell] = []
    second: list[Cell] = []
    third: list[Cell] = []
    for key, head, sub in T4_GROUPS:
        if top and top[-1].text == head:
            top[-1].colspan += width
        else:
            top.append(Cell(head, width, head=True))
        if sub is None:
            second.extend(Cell(c.label, 1, 2, head=True) for c in T4_COLUMNS)
        else:
            second.append(Cell(sub, width, head=True))
            third.extend(Cell(c.label, head=True) for c in T4_COLUMNS)
    data = [_value(report, marks, f"t4.{g}.{c.key}") for g, _, _ in T4_GROUPS for c in T4_COLUMNS]
    return [top, second, third, data]


def info_rows(report: Report, marks: dict[str, Mark]) -> list[list[Cell]]:
    return [
        [Cell(it.label, head=True), Cell(report.text(it.key), key=it.key, mark=marks.get(it.key))]
        for it in INFO_ITEMS
        if report.text(it.key) or it.key in marks
    ]


TABLES = {"s2": table_t2, "s3": table_t3, "s4": table_t4}
