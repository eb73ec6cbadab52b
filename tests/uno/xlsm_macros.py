"""Run by the system Python (which has LibreOffice's `uno`), not the project's interpreter.

Opens a macro-enabled workbook in a headless LibreOffice Calc (macros are not run) and prints, as
JSON, what LibreOffice made of its VBA project and its buttons:

{"libraries": {"VBAProject": {"Nianbao": "<source>", ...}},
 "codenames": {"基本信息": "Sheet1", ...},
 "buttons": [{"sheet": "基本信息", "label": "校验", "events": [{"type": ..., "code": ...}]}]}

stdin: {"profile": dir, "source": path}
"""

import json
import socket
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port):
    ctx = uno.getComponentContext()
    resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
    deadline = time.time() + 90
    while True:
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def libraries(doc):
    out = {}
    libs = doc.BasicLibraries
    for name in libs.getElementNames():
        libs.loadLibrary(name)
        lib = libs.getByName(name)
        out[name] = {m: lib.getByName(m) for m in lib.getElementNames()}
    return out


def buttons(doc):
    out = []
    for sheet_name in doc.Sheets.getElementNames():
        page = doc.Sheets.getByName(sheet_name).DrawPage
        forms = page.Forms
        for fi in range(forms.getCount()):
            form = forms.getByIndex(fi)
            for ci in range(form.getCount()):
                control = form.getByIndex(ci)
                events = [
                    {"listener": e.ListenerType, "method": e.EventMethod, "type": e.ScriptType, "code": e.ScriptCode}
                    for e in form.getScriptEvents(ci)
                ]
                out.append({"sheet": sheet_name, "label": getattr(control, "Label", None), "name": control.Name, "events": events})
    return out


def main():
    job = json.load(sys.stdin)
    port = free_port()
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            f"-env:UserInstallation=file://{job['profile']}", f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        ctx = connect(port)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # MacroExecutionMode 0 = NEVER_EXECUTE: the project is loaded and listed, nothing runs.
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(job["source"]), "_blank", 0, (prop("Hidden", True), prop("MacroExecutionMode", 0))
        )
        codenames = {}
        for name in doc.Sheets.getElementNames():
            codenames[name] = doc.Sheets.getByName(name).CodeName
        result = {
            "libraries": libraries(doc),
            "codenames": codenames,
            "workbook_codename": getattr(doc, "CodeName", None),
            "buttons": buttons(doc),
        }
        doc.close(True)
        json.dump(result, sys.stdout, ensure_ascii=False)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
