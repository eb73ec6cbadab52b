"""Run by the system Python (which has LibreOffice's `uno`), not the project's interpreter.

Opens a workbook in a headless LibreOffice Calc as a user would, optionally types cells (each string
through Calc's input parsing) and recalculates, reads cells as shown, and exports sheet ranges to PDF,
reporting where each cell of the range sits in it, so that a test can read the colour of a cell's area.

stdin: {"profile": dir, "runs": [run, ...]}, each run on a fresh load of its source:
  {"source": path, "cells": {"Sheet!A1": "5"}, "unprotect": bool, "recalc": bool, "repeat": n, "read": ["Sheet!K1"],
   "pdf": [{"sheet": name, "range": "A1:J29", "out": path}]}
stdout: [{"read": {ref: {"string", "value"}}, "calc_ms": [..], "pdf": [{"out", "size": [w, h], "cells": {"D5": [x, y, w, h]}}]}]
(positions in 1/100 mm from the range's top-left corner)
"""

import json
import sys
import time

import uno

from office import office, open_document, prop


def _boxes(sheet, rng):
    area = sheet.getCellRangeByName(rng)
    addr = area.getRangeAddress()
    origin = area.Position
    cells = {}
    for r in range(addr.StartRow, addr.EndRow + 1):
        for c in range(addr.StartColumn, addr.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            p, s = cell.Position, cell.Size
            cells[cell.AbsoluteName.split(".")[-1].replace("$", "")] = [p.X - origin.X, p.Y - origin.Y, s.Width, s.Height]
    return [area.Size.Width, area.Size.Height], cells


def _export(doc, sheet, rng, out):
    area = sheet.getCellRangeByName(rng)
    data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("Selection", area),))
    doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "calc_pdf_Export"), prop("FilterData", data)))


def run(desktop, job):
    result = {"read": {}, "calc_ms": [], "pdf": []}
    doc = open_document(desktop, job["source"])
    sheets = doc.Sheets
    if job.get("unprotect"):  # typing over a total, as someone who lifted the sheet protection
        for i in range(sheets.Count):
            sheets.getByIndex(i).unprotect("")
    for ref, text in job.get("cells", {}).items():
        sheet, cell = ref.split("!")
        sheets.getByName(sheet).getCellRangeByName(cell).setFormula(text)
    if job.get("recalc"):
        for _ in range(job.get("repeat", 1)):
            start = time.perf_counter()
            doc.calculateAll()
            result["calc_ms"].append((time.perf_counter() - start) * 1000)
    for ref in job.get("read", []):
        sheet, cell = ref.split("!")
        c = sheets.getByName(sheet).getCellRangeByName(cell)
        result["read"][ref] = {"string": c.getString(), "value": c.getValue()}
    for p in job.get("pdf", []):
        sheet = sheets.getByName(p["sheet"])
        size, cells = _boxes(sheet, p["range"])
        _export(doc, sheet, p["range"], p["out"])
        result["pdf"].append({"out": p["out"], "size": size, "cells": cells})
    doc.close(True)
    return result


def main():
    job = json.load(sys.stdin)
    with office(job["profile"]) as desktop:
        results = [run(desktop, r) for r in job["runs"]]
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
