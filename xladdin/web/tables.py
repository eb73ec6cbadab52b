"""The report as printed, for the result page: the three tables drawn from ``workbook.layout`` (every label
and merge from there), and the 正文 by section; each cell or sentence a finding marks carries its colour
and messages. Only plain data here; the template draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.names import fmt_num
from workbook.layout import GRIDS, INFO_ITEMS, LAYOUT, SECTION_TITLES
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
    kind: str = ""  # a label cell's kind in the layout (head, caption, note, group, row…): its style

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


def table(grid, report: Report, marks: dict[str, Mark]) -> list[list[Cell]]:
    """A table as the national format draws it: the layout's header and label cells and its fields, at their
    sheet positions and spans; each sheet row one table row (the title row is the section's heading)."""
    placed: dict[tuple[int, int], Cell] = {}
    covered: set[tuple[int, int]] = set()
    for h in grid.cells:
        placed[(h.row, h.col)] = Cell(h.text, h.colspan, h.rowspan, head=True, kind=h.kind)
        covered.update((r, c) for r in range(h.row, h.last_row + 1) for c in range(h.col, h.last_col + 1))
    for f in grid.fields:
        placed[(f.row, f.col)] = _value(report, marks, f.key, f.span)
        covered.update((f.row, c) for c in range(f.col, f.col + f.span))
    rows = []
    for r in range(1, grid.last_row + 1):
        row = []
        for c in range(grid.width):
            if (r, c) in placed:
                row.append(placed[(r, c)])
            elif (r, c) not in covered:
                row.append(Cell())
        rows.append(row)
    return rows


def info_rows(report: Report, marks: dict[str, Mark]) -> list[list[Cell]]:
    return [
        [Cell(it.label, head=True), Cell(report.text(it.key), key=it.key, mark=marks.get(it.key))]
        for it in INFO_ITEMS
        if report.text(it.key) or it.key in marks
    ]


def tables(report: Report, marks: dict[str, Mark]) -> dict[str, list[list[Cell]]]:
    """Section key → the rows of the table printed in it (the section whose title is the table's)."""
    section = {title: key for key, title in SECTION_TITLES.items()}
    return {section[grid.title]: table(grid, report, marks) for grid in GRIDS}
