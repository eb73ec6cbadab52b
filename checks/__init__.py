"""The rules of the national format and the engine that evaluates them into findings.

``check_report(report, previous=None) -> list[Finding]``: every finding, ordered by table; errors
(``Finding.is_error``) block the Word export, warnings are shown and may be accepted.
"""

from .engine import check_report
from .findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "Finding", "check_report"]
