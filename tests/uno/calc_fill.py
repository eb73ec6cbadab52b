"""Run by the system Python (which has LibreOffice's `uno`), not the project's interpreter.

Opens a workbook in a headless LibreOffice Calc, types values into cells as a user would
(each string goes through Calc's input parsing, like typing into the cell), recalculates, saves as
.xlsx and prints the cells it was asked to read back, as JSON.

stdin: {"profile": dir, "source": path, "out": path, "cells": {"Sheet!A1": "5", ...}, "read": ["Sheet!J5", ...]}
"""

import json
import sys

import uno

from office import office, open_document, prop


def main():
    job = json.load(sys.stdin)
    with office(job["profile"]) as desktop:
        doc = open_document(desktop, job["source"])
        sheets = doc.Sheets
        for ref, text in job["cells"].items():
            sheet, cell = ref.split("!")
            sheets.getByName(sheet).getCellRangeByName(cell).setFormula(text)
        doc.calculateAll()
        read = {}
        for ref in job.get("read", []):
            sheet, cell = ref.split("!")
            c = sheets.getByName(sheet).getCellRangeByName(cell)
            read[ref] = {"value": c.getValue(), "formula": c.getFormula()}
        doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    json.dump({"read": read}, sys.stdout)

if __name__ == "__main__":
    main()
