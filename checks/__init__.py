"""The rules of the national format and the engine that evaluates them into findings.

``check_report(report, previous=None, found=()) -> list[Finding]``: every finding — what reading the file
found first, then the table rules and the text against the tables ordered by table, then the text
sections; errors (``Finding.is_error``) block the Word export, warnings are shown and may be accepted.
Every rule is declared once in ``checks.catalogue`` (id, severity, Chinese name, description, cells).
The engine and its rules are imported on first use: modules that only need ``Finding`` stay light.
"""

from .findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "Finding", "check_report"]


def __getattr__(name: str):
    if name == "check_report":
        from .engine import check_report

        return check_report
    raise AttributeError(f"module 'checks' has no attribute {name!r}")
