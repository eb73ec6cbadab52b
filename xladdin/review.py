"""Everything found in one report: the rules of checks/ plus what writing its text finds (unknown
placeholders, empty sections, no fee statement). `nianbao check`, `text`, `word`, the demo and the
Excel buttons all show this one list, so a report clean in one place is clean in all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checks import check_report
from checks.findings import Finding
from workbook.model import Report

from .report.prose import Narrative, generate


@dataclass
class Review:
    narrative: Narrative
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


def review(report: Report, previous: Report | None = None, found: Iterable[Finding] = ()) -> Review:
    """``found``: what reading the file already found (an import's findings), listed first."""
    narrative = generate(report, previous)
    return Review(narrative, [*found, *check_report(report, previous), *narrative.findings])
