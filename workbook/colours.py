"""The project's one colour scheme, as "#RRGGBB": the template's tints, and the marks a check leaves.

The template builder (``workbook.build``), the marked copy (``checks.annotate``) and the Excel button
(``xladdin.excel``) all take their colours from here, so a cell the button restores looks as built.
"""

from __future__ import annotations

INPUT_TINT = "#FFF7D6"  # cells a clerk types in
TOTAL_TINT = "#E8EEF7"  # totals and generated text: computed, not typed
ERROR_FILL = "#FFC7CE"  # Excel's own "bad" red: an error to correct
WARNING_FILL = "#FFEB9C"  # Excel's "neutral" amber: a reminder to verify
LINK_FONT = "#0563C1"  # Excel's hyperlink blue
TAB_ERRORS, TAB_WARNINGS, TAB_CLEAN = "#C00000", "#FFC000", "#00B050"  # the 校验结果 sheet's tab


def fill_for(is_error: bool) -> str:
    return ERROR_FILL if is_error else WARNING_FILL


def argb(colour: str) -> str:
    """"#FFC7CE" → "FFC7CE", as openpyxl takes it."""
    return colour.lstrip("#").upper()
