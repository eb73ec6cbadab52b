"""What every source format is turned into first: text lines and table rows, in reading order.

A .docx, .html or .pdf gives real table rows (cells as strings; ``None`` for a position covered by a
merged cell). A .txt gives rows when its cells are tab-separated, and plain lines otherwise; tables
kept only as text (space-separated, wrapped, or run together) are read from the lines by the
recogniser in ``text.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROW_MARK = "\ue000"  # stands for one table row inside the flat text

# "- 1 -", "— 2 —", "－3－", "第 3 页", "第3页 共6页", "3 / 6", "Page 3"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－~·]\s*\d{1,3}\s*[-—–－~·]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|(?:page|Page|PAGE)\s*\d{1,3})\s*$"
)


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


Cell = str | None


@dataclass
class Doc:
    """A published report as lines and table rows; ``kind`` names the source format."""

    items: list[str | list[Cell]] = field(default_factory=list)
    kind: str = ""
    notes: list[str] = field(default_factory=list)

    def add_line(self, text: str) -> None:
        text = text.replace(ROW_MARK, "").rstrip()
        if text.strip() and not is_page_number(text):
            self.items.append(text)

    def add_row(self, cells: list[Cell], keep_blank: bool = False) -> None:
        cells = [None if c is None else c.replace(ROW_MARK, "").strip() for c in cells]
        # an all-blank row of a real table (table 四's data row left empty) is kept: its cells are blank
        if any(c for c in cells) or (keep_blank and sum(1 for c in cells if c is not None) >= 5):
            self.items.append(cells)

    def add_table(self, rows: list[list[Cell]]) -> None:
        """A table; one whose rows hold at most one filled cell is a framed paragraph, kept as lines."""
        if all(sum(1 for c in r if c and c.strip()) <= 1 for r in rows):
            for r in rows:
                for c in r:
                    if c and c.strip():
                        for line in c.splitlines():
                            self.add_line(line)
            return
        for r in rows:
            self.add_row(r, keep_blank=True)

    def flat(self) -> tuple[str, list[list[Cell]]]:
        """The document as one string (each row a ROW_MARK on its own line) and the rows in order."""
        parts: list[str] = []
        rows: list[list[Cell]] = []
        for item in self.items:
            if isinstance(item, str):
                parts.append(item)
            else:
                parts.append(ROW_MARK)
                rows.append(item)
        return "\n".join(parts), rows
