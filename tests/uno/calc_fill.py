"""Run by the system Python (which has LibreOffice's `uno`), not the project's interpreter.

Opens a workbook in a headless LibreOffice Calc, types values into cells as a user would
(each string goes through Calc's input parsing, like typing into the cell), recalculates, saves as
.xlsx and prints the cells it was asked to read back, as JSON.

stdin: {"profile": dir, "source": path, "out": path, "cells": {"Sheet!A1": "5", ...}, "read": ["Sheet!J5", ...]}
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    ctx = uno.getComponentContext()
    resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def main():
    job = json.load(sys.stdin)
    pipe = f"nianbao_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            f"-env:UserInstallation=file://{job['profile']}", f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["source"]), "_blank", 0, (prop("Hidden", True),))
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
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
