"""The 正文 as printed, section by section, with the sentence a finding quotes marked (the narrative rules
keep it in ``finding.extra["sentence"]``); a finding on a section without a quoted sentence marks the section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbook.layout import SECTION_TITLES, SHEET_TEXT
from workbook.model import Report
from xladdin.report.prose import HEADINGS, SECTION_KEYS, Narrative

from .tables import ERROR_CLASS, WARNING_CLASS, Mark, key_of


@dataclass
class Segment:
    text: str
    mark: Mark | None = None
    anchor: str = ""


@dataclass
class Section:
    key: str
    title: str  # a part's title (一、…) or a sub-heading (（一）…)
    sub: bool
    paragraphs: list[list[Segment]] = field(default_factory=list)
    mark: Mark | None = None

    @property
    def anchor(self) -> str:
        return f"t-{self.key}"


def section_of(report: Report, finding) -> str | None:
    """The 正文 section a finding is about: named in its detail, or by the 正文 cell it marks."""
    section = finding.extra.get("section") if finding.extra else None
    if section in SECTION_KEYS:
        return section
    for ref in finding.cells:
        if ref.startswith(f"{SHEET_TEXT}!"):
            key = key_of(report, ref)
            if key and key.split(".")[-1] in SECTION_KEYS:
                return key.split(".")[-1]
    return None


def sentence_anchor(index: int) -> str:
    return f"m-{index}"


def _split(paragraph: str, quotes: list[tuple[str, Mark, str]]) -> tuple[list[Segment], set[str]]:
    """The paragraph cut around each quoted sentence it holds; returns the segments and the anchors placed."""
    spans = []
    for sentence, mark, anchor in quotes:
        at = paragraph.find(sentence)
        if at >= 0 and not any(a < at + len(sentence) and at < b for a, b, *_ in spans):
            spans.append((at, at + len(sentence), mark, anchor))
    segments, pos = [], 0
    for a, b, mark, anchor in sorted(spans, key=lambda s: s[0]):
        if a > pos:
            segments.append(Segment(paragraph[pos:a]))
        segments.append(Segment(paragraph[a:b], mark, anchor))
        pos = b
    if pos < len(paragraph) or not segments:
        segments.append(Segment(paragraph[pos:]))
    return segments, {s[3] for s in spans}


def sections(report: Report, narrative: Narrative, findings) -> tuple[list[Section], dict[int, str]]:
    """The 正文's sections, and for each finding (by index) the anchor of the sentence it marks, if placed."""
    quotes: dict[str, list[tuple[str, Mark, str]]] = {}
    whole: dict[str, Mark] = {}
    for i, f in enumerate(findings):
        section = section_of(report, f)
        if section is None:
            continue
        mark = Mark(ERROR_CLASS if f.is_error else WARNING_CLASS, [f.message])
        sentence = (f.extra or {}).get("sentence")
        if isinstance(sentence, str) and sentence.strip():
            quotes.setdefault(section, []).append((sentence.strip(" …"), mark, sentence_anchor(i)))
        else:
            m = whole.setdefault(section, Mark(mark.cls))
            m.cls = ERROR_CLASS if f.is_error else m.cls
            m.messages.append(f.message)
    placed: dict[int, str] = {}
    out = []
    for s in SECTION_KEYS:
        sub = s.startswith("s1_")
        sec = Section(s, HEADINGS[s] if sub else SECTION_TITLES[s], sub, mark=whole.get(s))
        for p in narrative.body(s):
            segments, anchors = _split(p, quotes.get(s, []))
            sec.paragraphs.append(segments)
            placed.update((int(a[2:]), a) for a in anchors)
        for sentence, mark, anchor in quotes.get(s, []):
            if int(anchor[2:]) not in placed:  # quoted text no longer found as printed: mark the section instead
                m = sec.mark or Mark(mark.cls)
                m.cls = ERROR_CLASS if mark.cls == ERROR_CLASS else m.cls
                m.messages.extend(mark.messages)
                sec.mark = m
        out.append(sec)
    return out, placed
