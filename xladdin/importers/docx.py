"""Word (.docx) via python-docx: paragraphs and tables in body order, merged cells read once.

A merged cell is given once, at its top-left position; the positions it covers are ``None`` (python-
docx would repeat its text in every covered position, which would count a number two or three
times). Old formats (.doc, .wps, .rtf, .odt) are converted to .docx with LibreOffice when it is
installed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from workbook.errors import UnreadableFile

from .document import Doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_text(tc) -> str:
    lines = []
    for p in tc.iter(f"{W}p"):
        lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return "\n".join(lines).strip()


def _table_rows(tbl) -> list[list[str | None]]:
    """The table as a grid: text at a merged cell's first position, None where a merge covers."""
    rows: list[list[str | None]] = []
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:  # rows of a nested table belong to that table
            continue
        row: list[str | None] = []
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(f"{W}gridSpan")
                if gs is not None:
                    span = int(gs.get(f"{W}val", "1") or 1)
                vm = pr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            row.append(None if vmerge == "continue" else _cell_text(tc))
            row.extend([None] * (span - 1))
        rows.append(row)
    return rows


def _walk(body, doc: Doc) -> None:
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            text = "".join(t.text or "" for t in child.iter(f"{W}t"))
            for line in text.splitlines() or [""]:
                doc.add_line(line)
        elif child.tag == f"{W}tbl":
            if child.find(f".//{W}tbl") is not None:  # a layout table holding the report: read its cells in order
                for tr in child.findall(f"{W}tr"):
                    for tc in tr.findall(f"{W}tc"):
                        _walk(tc, doc)
            else:
                doc.add_table(_table_rows(child))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
            _walk(child, doc)


MAX_INFLATED_BYTES = 200 * 2**20  # python-docx inflates each part whole: a zip bomb must stop before it


def _check_inflated(path: Path) -> None:
    """Inflate every part once in bounded steps; a zip bomb stops here, whatever sizes its headers declare."""
    import zipfile

    total = 0
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            with zf.open(info) as part:
                while chunk := part.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_INFLATED_BYTES:
                        raise UnreadableFile(
                            f"文件“{path.name}”解压后超过 {MAX_INFLATED_BYTES // 2**20} MB，不是正常的 Word 文档，已拒绝读取。"
                        )


def read(path: Path) -> Doc:
    import zipfile
    import zlib

    import docx

    try:
        _check_inflated(path)
        document = docx.Document(str(path))
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError):
        raise UnreadableFile(f"文件“{path.name}”无法作为 Word 文档（.docx）打开。文件可能已损坏，或实为旧版 .doc 文件改了扩展名。") from None
    except Exception:  # python-docx raises several types for damaged parts
        raise UnreadableFile(f"文件“{path.name}”无法作为 Word 文档打开，文件可能已损坏。") from None
    doc = Doc(kind="docx")
    _walk(document.element.body, doc)
    return doc


def read_converted(path: Path) -> Doc:
    """.doc/.wps/.rtf/.odt: converted to .docx by LibreOffice (headless, private profile), then read."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise UnreadableFile(
            f"“{path.name}”是旧版或非 Word 2007+ 格式（{path.suffix}），需要安装 LibreOffice 才能自动转换；"
            "也可在 Word 或 WPS 中“另存为 .docx”后再导入。"
        )
    with tempfile.TemporaryDirectory(prefix="nianbao-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", tmp, str(path)],
                check=True, capture_output=True, timeout=180,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise UnreadableFile(f"用 LibreOffice 转换“{path.name}”失败（{type(exc).__name__}）。请在 Word 或 WPS 中另存为 .docx 后再导入。") from None
        out = Path(tmp, path.stem + ".docx")
        if not out.exists():
            raise UnreadableFile(f"LibreOffice 未能转换“{path.name}”。请在 Word 或 WPS 中另存为 .docx 后再导入。")
        doc = read(out)
    doc.kind = path.suffix.lower().lstrip(".")
    doc.notes.append(f"已用 LibreOffice 将 {path.suffix} 转换为 .docx 后读取。")
    return doc
