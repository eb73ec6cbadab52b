"""The project code that the xlwings Lite main.py carries: every module of ``workbook``, ``checks``
and ``xladdin`` that the Excel entry points (``xladdin.excel``) import, found by reading import
statements (function-level ones included), zipped reproducibly.

xlwings Lite runs in Pyodide and installs only what requirements.txt lists from PyPI or Pyodide's
own builds; nianbao is on neither, and its file readers need packages Pyodide lacks (pdfplumber,
python-calamine). The entry points never import those, so their pure-Python modules are enough.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import zipfile
from pathlib import Path

ROOTS = ("xladdin.excel",)
PROJECT = ("workbook", "checks", "xladdin")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # zip entries' date: the same code gives the same bytes


def _source_file(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec and spec.origin and spec.origin.endswith(".py") else None


def _is_project(module: str) -> bool:
    return module.split(".")[0] in PROJECT


def _imported(module: str, path: Path) -> set[str]:
    """Project modules named by the import statements of ``module`` (a candidate "pkg.name" of
    ``from pkg import name`` counts when it is a module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if _is_project(m) and _source_file(m)}


def needed_modules(roots: tuple[str, ...] = ROOTS) -> dict[str, Path]:
    """Module name → source file, for the roots, everything they import, and their packages."""
    todo, seen = list(roots), {}
    while todo:
        module = todo.pop()
        if module in seen or not (path := _source_file(module)):
            continue
        seen[module] = path
        parents = [module.rsplit(".", i)[0] for i in range(1, module.count(".") + 1)]
        todo += [m for m in (*_imported(module, path), *parents) if m not in seen]
    return dict(sorted(seen.items()))


def _arcname(module: str, path: Path) -> str:
    stem = module.replace(".", "/")
    return f"{stem}/__init__.py" if path.name == "__init__.py" else f"{stem}.py"


def bundle_zip(roots: tuple[str, ...] = ROOTS) -> bytes:
    """A zip of the needed modules, importable from sys.path (zipimport)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for module, path in needed_modules(roots).items():
            info = zipfile.ZipInfo(_arcname(module, path), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buf.getvalue()
