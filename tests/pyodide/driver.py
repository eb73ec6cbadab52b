"""Runs the three scripts of an exported xlwings Lite main.py on ``xw.Book(json=…)`` books, as xlwings
Lite calls them, and returns what they did as JSON text. Used by tests/test_lite.py both under CPython
and under Pyodide (tests/pyodide/run_lite.mjs), so the two runs can be compared.
"""

import importlib.util
import json
import os
import sys
import traceback
from pathlib import Path

# Not installable in xlwings Lite: importing one of these fails here too, as it would there.
UNAVAILABLE = ("python_calamine", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "pandas", "click", "rich")
SCRIPTS = ("validate", "generate_text", "export_word")
PROJECT = ("workbook", "checks", "xladdin")


class Unavailable:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in UNAVAILABLE:
            raise ModuleNotFoundError(f"No module named {name!r} (not available in xlwings Lite)", name=name)
        return None


def _load_main(lite_dir: str):
    spec = importlib.util.spec_from_file_location("main", os.path.join(lite_dir, "main.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _call(module, script: str, payload: dict) -> dict:
    import xlwings as xw

    book = xw.Book(json=payload)
    error = None
    try:
        getattr(module, script)(book)
    except Exception as exc:  # reported to the test, which decides what is expected
        error = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
    return {"script": script, "error": error, "actions": book.json()["actions"]}


def run(lite_dir: str, books_json: str, data_dir: str) -> str:
    sys.meta_path.insert(0, Unavailable())
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    module = _load_main(lite_dir)
    excel = module._nianbao()
    excel.LITE_DATA_DIR = Path(data_dir)
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    if sys.platform != "emscripten":  # CPython: write where xlwings Lite would, i.e. data_dir
        excel._output_dir = lambda book: Path(data_dir)
    with open(books_json, encoding="utf-8") as f:
        books = json.load(f)
    runs = {name: [_call(module, s, payload) for s in SCRIPTS] for name, payload in books.items()}
    return json.dumps(
        {
            "platform": sys.platform,
            "python": sys.version.split()[0],
            "entry_points": excel.__file__,
            "runs": runs,
            "word_files": {p.name: p.stat().st_size for p in Path(data_dir).glob("*.docx")},
            "modules": sorted({m.split(".")[0] for m in sys.modules}),
            "project_files": sorted(
                {getattr(m, "__file__", None) or "" for n, m in list(sys.modules.items()) if n.split(".")[0] in PROJECT}
            ),
        },
        ensure_ascii=False,
    )


if __name__ == "__main__":
    print(run(*sys.argv[1:4]))
