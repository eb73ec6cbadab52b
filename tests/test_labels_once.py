"""No official label is typed twice: every label, section title and caption of the national format lives in
``workbook/layout.py``; code elsewhere imports it. A copy would drift the day the layout changes."""

import ast
import re
from pathlib import Path

from workbook import layout
from workbook.labels import norm

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("workbook", "checks", "xladdin")
SUFFIXES = (".py", ".bas", ".html", ".j2")
# Labels of four characters or fewer are ordinary words ("其他", "总计", "规章", "行政许可", "结果维持",
# "机关名称") that sentences, patterns and messages use on their own, so a match proves nothing; from five
# characters on, a label is a phrase only the format uses ("复议后起诉", "本年制发件数"), so a string
# literal equal to it is a copy.
MIN_CHARS = 5
# Copies in modules another helper is rewriting now: each
# entry must still exist, so the list only shrinks. file → labels.
PENDING: dict[str, set[str]] = {}


def official_labels() -> set[str]:
    labels = {c.text for g in layout.GRIDS for c in g.cells}
    labels |= {x for r in layout.T3_ROWS for x in r.labels}
    labels |= {x for b in layout.T2_BLOCKS for r in b.rows for x in r.labels}
    labels |= {c.label for b in layout.T2_BLOCKS for c in b.headers} | {b.caption for b in layout.T2_BLOCKS}
    labels |= {c.label for c in layout.T3_COLUMNS + layout.T4_COLUMNS}
    labels |= {x for g in layout.T4_GROUPS for x in g[1:] if x}
    labels |= set(layout.SECTION_TITLES.values()) | {s.heading for s in layout.TEXT_SECTIONS}
    labels |= {g.title for g in layout.GRIDS} | {i.label for i in layout.INFO_ITEMS}
    labels |= {layout.T3_NOTE, layout.FORMAT_NAME, layout.T3_HEAD_APPLICANT, layout.T3_HEAD_LEGAL, layout.T2_CONTENT_LABEL}
    return {x for x in labels if len(x) >= MIN_CHARS}


def _python_strings(source: str) -> list[tuple[int, str]]:
    """String literals (f-string parts included) with their line; docstrings are prose about the code."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def _quoted_strings(source: str) -> list[tuple[int, str]]:
    """Quoted strings of VBA, HTML and templates: "…" and '…' on one line, and element text >…<."""
    found = []
    for rx in (r'"([^"\n]*)"', r"'([^'\n]*)'", r">([^<>\n]+)<"):
        found += [(source.count("\n", 0, m.start()) + 1, m.group(1)) for m in re.finditer(rx, source)]
    return found


def _pieces(text: str) -> set[str]:
    """The literal, each alternative of a regular expression built from it ("a|b|c"), and each label it
    cites in Chinese quotes (“四、结转下年度继续办理”): a message or help line that names a label."""
    cited = re.findall(r"“([^“”]+)”", text)
    return {norm(text)} | {norm(part) for part in text.split("|")} | {norm(c) for c in cited}


def copies(root: Path = ROOT) -> dict[str, set[str]]:
    """file → official labels it spells out as a string literal of its own."""
    wanted = {norm(x): x for x in official_labels()}
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix not in SUFFIXES or path == root / "workbook" / "layout.py" or "__pycache__" in path.parts:
                continue
            source = path.read_text(encoding="utf-8", errors="replace")
            strings = _python_strings(source) if path.suffix == ".py" else _quoted_strings(source)
            for _, text in strings:
                for piece in _pieces(text) & wanted.keys():
                    found.setdefault(path.relative_to(root).as_posix(), set()).add(wanted[piece])
    return found


def test_the_label_list_is_the_layouts():
    labels = official_labels()
    # the scan looks for the labels that matter: row labels, headings, section titles, captions, the note
    for expected in ("1.属于国家秘密", "未经复议直接起诉", "社会公益组织", "第二十条第（一）项", layout.T3_NOTE, "一、总体情况", "（二）依申请公开"):
        assert expected in labels
    assert not {"其他", "总计", "规章"} & labels


def test_no_official_label_is_typed_outside_the_layout():
    found = copies()
    unexpected = {f: labels - PENDING.get(f, set()) for f, labels in found.items()}
    unexpected = {f: sorted(labels) for f, labels in unexpected.items() if labels}
    assert not unexpected, f"official labels typed outside workbook/layout.py (import them from there): {unexpected}"


def test_pending_copies_are_still_there():
    """An entry of PENDING that was fixed must leave the list, so that a new copy there is caught."""
    found = copies()
    stale = {f: labels - found.get(f, set()) for f, labels in PENDING.items()}
    assert not {f: s for f, s in stale.items() if s}


def test_the_scan_finds_a_copy(tmp_path):
    """The scan itself works: a literal equal to a label is caught, so are a regex alternative, a VBA string and a
    label cited in quotes; the layout itself, docstrings and short ordinary words are not."""
    (tmp_path / "xladdin").mkdir()
    (tmp_path / "workbook").mkdir()
    (tmp_path / "xladdin" / "probe.py").write_text(
        '"""复议后起诉 in a docstring is prose."""\nROWS = ("复议后起诉", "其他")\nRX = r"结果维持|1.属于国家秘密"\n', encoding="utf-8"
    )
    (tmp_path / "xladdin" / "probe.bas").write_text('MsgBox "社会公益组织"\n', encoding="utf-8")
    (tmp_path / "xladdin" / "cite.py").write_text('HELP = "“四、结转下年度继续办理”应为 0，“其他”不论"\n', encoding="utf-8")
    (tmp_path / "workbook" / "layout.py").write_text('LABEL = "复议后起诉"\n', encoding="utf-8")
    assert copies(tmp_path) == {
        "xladdin/probe.py": {"复议后起诉", "1.属于国家秘密"},
        "xladdin/probe.bas": {"社会公益组织"},
        "xladdin/cite.py": {"四、结转下年度继续办理"},
    }
