"""The template's own checks in a real spreadsheet: LibreOffice (headless, through UNO) opens the
workbook, types as a user would and recalculates; the status lines are read as shown and the red cells
are found by their colour in the PDF LibreOffice prints, never by trusting a rule's presence."""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from selfcheck_cases import (
    SUM_SHEETS,
    TEXT,
    FormulaModel,
    consistent_tables,
    flag_refs,
    totals_of,
)

from workbook.build import template_bytes
from workbook.layout import (
    GRIDS,
    LAYOUT,
    SHEET_INFO,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    T3_COLUMNS,
    a1,
)
from workbook.selfcheck import ERROR_FILL, HELPER_COL, compiled, info_summary_cell
from workbook.write import write_report
from xladdin.samples import wenxian_2024

UNO_SCRIPT = Path(__file__).parent / "uno" / "calc_selfcheck.py"
SYSTEM_PYTHON = "/usr/bin/python3"
OUTPUT = Path(__file__).parent / "output"
SHEETS = tuple(g.sheet for g in GRIDS)
STATUS = {sc.sheet: f"{sc.sheet}!{a1(c.row, c.col)}" for sc in compiled() for c in sc.cells if c.visible}
RED = tuple(int(ERROR_FILL[i : i + 2], 16) for i in (1, 3, 5))

WITH_STATUS = f"A1:{a1(LAYOUT['t3.next.zj'].row, LAYOUT['t3.next.zj'].col + 1)}"

pytestmark = pytest.mark.libreoffice


def run_calc(tmp_path: Path, runs: list[dict]) -> list[dict]:
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed"
    job = {"profile": str(tmp_path / "lo-profile"), "runs": runs}
    proc = subprocess.run([SYSTEM_PYTHON, str(UNO_SCRIPT)], input=json.dumps(job), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def print_range(sheet: str) -> str:
    sc = next(s for s in compiled() if s.sheet == sheet)
    r0, c0, r1, c1 = sc.print_area
    return f"{a1(r0, c0)}:{a1(r1, c1)}"


def red_cells(pdf: dict, png: Path) -> set[str]:
    """The table cells whose area is mostly the conditional format's red, in the PNG of the printed range."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", pdf["out"], str(png.with_suffix(""))], check=True)
    img = Image.open(png).convert("RGB")
    px = img.load()
    w, h = img.size
    dark = [(x, y) for y in range(0, h, 2) for x in range(0, w, 2) if sum(px[x, y]) < 200]
    left, right = min(x for x, _ in dark), max(x for x, _ in dark)
    bottom = max(y for _, y in dark)
    scale = (right - left) / pdf["size"][0]  # the printed range keeps its proportions
    top = bottom - pdf["size"][1] * scale
    red = set()
    for cell, (x, y, cw, ch) in pdf["cells"].items():
        points = [
            px[int(left + (x + cw * fx) * scale), int(top + (y + ch * fy) * scale)]
            for fx in (0.1, 0.2, 0.8, 0.9)
            for fy in (0.3, 0.5, 0.7)
        ]
        if sum(all(abs(a - b) <= 12 for a, b in zip(p, RED)) for p in points) >= len(points) * 2 // 3:
            red.add(cell)
    return red


def test_libreoffice_marks_a_wrong_input_and_names_its_column(tmp_path):
    OUTPUT.mkdir(exist_ok=True)
    template = tmp_path / "template.xlsx"
    template.write_bytes(template_bytes())
    ky = LAYOUT["t3.new.ky"]
    pdf = str(tmp_path / "t3.pdf")
    [result] = run_calc(
        tmp_path,
        [{"source": str(template), "cells": {ky.ref: "5"}, "recalc": True, "repeat": 20,
          "read": [STATUS[SHEET_T3], f"{SHEET_INFO}!{a1(*info_summary_cell())}"],
          "pdf": [{"sheet": SHEET_T3, "range": print_range(SHEET_T3), "out": pdf},
                  {"sheet": SHEET_T3, "range": WITH_STATUS, "out": str(tmp_path / "screen.pdf")}]}],
    )
    status = result["read"][STATUS[SHEET_T3]]["string"]
    assert status == "本表自查：1 处不符——“科研机构”列（F列）：一+二=5，三+四=0，相差 5；"
    assert result["read"][f"{SHEET_INFO}!{a1(*info_summary_cell())}"]["string"] == "表格自查：发现 1 处不符，见各表顶部提示"
    png = OUTPUT / "selfcheck_t3_marked.png"
    assert red_cells(result["pdf"][0], png) == {LAYOUT[f"t3.{r}.ky"].cell for r in ("new", "prev", "r7", "next")}
    # the table with its status line, as on screen (the status line itself is never printed)
    subprocess.run(["pdftoppm", "-r", "90", "-png", "-singlefile", str(tmp_path / "screen.pdf"), str(OUTPUT / "selfcheck_t3_screen")], check=True)
    assert sorted(result["calc_ms"])[len(result["calc_ms"]) // 2] < 50  # the whole workbook, median of 20


def _sample_runs(tmp_path: Path, name: str, report) -> list[dict]:
    path = tmp_path / f"{name}.xlsx"
    write_report(report, path)
    read = [STATUS[s] for s in SHEETS] + [f"{SHEET_INFO}!{a1(*info_summary_cell())}"]
    pdfs = [{"sheet": s, "range": print_range(s), "out": str(tmp_path / f"{name}_{i}.pdf")} for i, s in enumerate(SHEETS)]
    # no recalculation asked: what a user sees on opening the file
    return [{"source": str(path), "read": read, "pdf": pdfs}]


def test_the_bundled_sample_clean_and_with_one_balance_error(tmp_path):
    OUTPUT.mkdir(exist_ok=True)
    broken = wenxian_2024()
    column = T3_COLUMNS[2]
    broken.values[f"t3.new.{column.key}"].value += 1  # one slip in an input: the totals follow it, as formulas do
    broken.fill_totals()
    clean, wrong = run_calc(tmp_path, _sample_runs(tmp_path, "clean", wenxian_2024()) + _sample_runs(tmp_path, "wrong", broken))
    for s in SHEETS:
        assert clean["read"][STATUS[s]]["string"] == "本表自查：全部相符", s
    assert clean["read"][f"{SHEET_INFO}!{a1(*info_summary_cell())}"]["string"] == "表格自查：全部相符"
    for i, pdf in enumerate(clean["pdf"]):
        assert red_cells(pdf, tmp_path / f"clean_{i}.png") == set(), SHEETS[i]
    status = wrong["read"][STATUS[SHEET_T3]]["string"]
    assert status.startswith(f"本表自查：1 处不符——“{column.label}”列（") and "相差 1；" in status
    assert wrong["read"][STATUS[SHEET_T2]]["string"] == wrong["read"][STATUS[SHEET_T4]]["string"] == "本表自查：全部相符"
    reds = {SHEETS[i]: red_cells(pdf, OUTPUT / f"selfcheck_sample_{i}.png") for i, pdf in enumerate(wrong["pdf"])}
    assert reds == {
        SHEET_T2: set(),
        SHEET_T3: {LAYOUT[f"t3.{r}.{column.key}"].cell for r in ("new", "prev", "r7", "next")},
        SHEET_T4: set(),
    }


def test_the_formula_engine_agrees_with_libreoffice(tmp_path):
    """The property test evaluates the formulas with pycel: on a sample of filled tables
    with faults of every kind, it computes the same flags, counts and status lines as LibreOffice."""
    template = tmp_path / "template.xlsx"
    template.write_bytes(template_bytes())
    model = FormulaModel(template)
    rng = random.Random(11)
    inputs_all = [f.key for g in GRIDS if g.sheet in SUM_SHEETS for f in g.fields if not f.is_total]
    totals_all = [f.key for g in GRIDS if g.sheet in SUM_SHEETS for f in g.fields if f.is_total]
    read = [r for s in SUM_SHEETS for r in flag_refs(s)] + [STATUS[s] for s in SHEETS]
    read += [f"{s}!{a1(0, HELPER_COL + i)}" for s in SHEETS for i in range(3)]
    cases = []
    for _ in range(6):
        values: dict = dict(consistent_tables(rng))
        for key in rng.sample(inputs_all, rng.randint(1, 3)):
            values[key] = rng.choice((values[key] + rng.randint(1, 4), -2, 2.5, TEXT))
        typed = {}
        for key in rng.sample(totals_all, rng.randint(0, 2)):
            typed[key] = totals_of(values, typed)[key] + rng.randint(1, 3)
        cases.append({LAYOUT[k].ref: v for k, v in {**values, **typed}.items()})
    runs = [{"source": str(template), "cells": {r: str(v) for r, v in c.items()}, "unprotect": True, "recalc": True, "read": read} for c in cases]
    for case, result in zip(cases, run_calc(tmp_path, runs)):
        mine = model.evaluate(case, read)
        for ref in read:
            lo = result["read"][ref]
            if isinstance(mine[ref], str):
                assert mine[ref] == lo["string"], ref
            else:
                assert mine[ref] == lo["value"], ref
        assert any(mine[r] == 1 for s in SUM_SHEETS for r in flag_refs(s))  # the sample does break relations
