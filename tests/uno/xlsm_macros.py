"""Run by the system Python (which has LibreOffice's `uno`), not the project's interpreter.

Opens a macro-enabled workbook in a headless LibreOffice Calc (macros are not run) and prints, as
JSON, what LibreOffice made of its VBA project and its buttons:

{"libraries": {"VBAProject": {"Nianbao": "<source>", ...}},
 "codenames": {"基本信息": "Sheet1", ...},
 "buttons": [{"sheet": "基本信息", "label": "校验", "events": [{"type": ..., "code": ...}]}]}

stdin: {"profile": dir, "source": path}
"""

import json
import sys

from office import office, open_document, prop


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
    with office(job["profile"]) as desktop:
        # MacroExecutionMode 0 = NEVER_EXECUTE: the project is loaded and listed, nothing runs.
        doc = open_document(desktop, job["source"], prop("MacroExecutionMode", 0))
        codenames = {name: doc.Sheets.getByName(name).CodeName for name in doc.Sheets.getElementNames()}
        result = {
            "libraries": libraries(doc),
            "codenames": codenames,
            "workbook_codename": getattr(doc, "CodeName", None),
            "buttons": buttons(doc),
        }
        doc.close(True)
    json.dump(result, sys.stdout, ensure_ascii=False)

if __name__ == "__main__":
    main()
