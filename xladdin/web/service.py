"""What the pages and the API share: receiving an upload into its own folder, and the blocking work on a
stored file (its result page's data, the marked copy, Word, text, the batch downloads), each a library call.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from .jobs import Job, Jobs, relabel
from .settings import Limits
from .uploads import READABLE, Received, Saver, UploadError

MAX_FIELDS = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def content_disposition(name: str) -> str:
    """An attachment header whose Chinese name every browser keeps (RFC 6266 / RFC 5987)."""
    plain = all(32 <= ord(ch) < 127 and ch not in '"\\;%' for ch in name)
    fallback = name if plain else "nianbao" + re.sub(r"[^A-Za-z0-9.]", "", Path(name).suffix)  # for clients without RFC 5987
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _save(files: list[UploadFile], previous: UploadFile | None, folder: Path, limits: Limits) -> Received:
    saver = Saver(folder, limits)
    for f in files:
        f.file.seek(0)
        saver.add(f.filename, f.file)
    if previous is not None:
        previous.file.seek(0)
        saver.add_previous(previous.filename, previous.file)
    return saver.received


def _files(form, name: str) -> list[UploadFile]:
    return [v for k, v in form.multi_items() if k == name and isinstance(v, UploadFile) and v.filename]


async def receive(request, jobs: Jobs, limits: Limits) -> tuple[Path, Received, dict]:
    """The request's files stored in a new folder (removed again on any refusal), and its other fields."""
    folder = jobs.folder()
    form = None
    try:
        try:
            form = await request.form(max_files=limits.files, max_fields=MAX_FIELDS)
        except MultiPartException:
            raise UploadError(400, "上传内容无法解析。请通过页面上的表单，或以 multipart/form-data 格式上传文件。") from None
        except HTTPException:  # Starlette's own count limits
            raise UploadError(413, f"一次最多上传 {limits.files} 个文件，请分批上传。") from None
        files, previous = _files(form, "file"), _files(form, "previous")
        if not files:
            raise UploadError(400, "没有收到文件。请选择要校验的文件后再提交（表单字段名为 file）。")
        received = await run_in_threadpool(_save, files, previous[0] if previous else None, folder, limits)
        if received.previous is not None and len(received.uploads) != 1:
            raise UploadError(400, f"上年度报告只能与一个待校验文件一起使用，现有 {len(received.uploads)} 个文件。")
        if not received.uploads:
            raise UploadError(422, f"压缩包中没有可校验的文件（{'、'.join(READABLE)}）。")
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        return folder, received, fields
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        if form is not None:
            await form.close()


# ---------------------------------------------------------------- one file of a job
@dataclass
class Shown:
    """What a result page shows for one file: its report, findings and generated text, or why it is unreadable."""

    name: str
    result: object  # FileResult
    report: object | None = None  # Report
    narrative: object | None = None  # Narrative


def load_shown(job: Job, index: int) -> Shown:
    from xladdin.importers import load_any
    from xladdin.report.prose import generate

    upload, result = job.uploads[index], job.results[index]
    if result.error is not None:
        return Shown(upload.name, result)
    report = load_any(upload.path).report
    return Shown(upload.name, result, report, generate(report, job.last))


def marked_copy(job: Job, index: int) -> tuple[str, bytes] | str:
    """(download name, bytes) of the marked copy, or the Chinese reason there is none."""
    from checks.annotate import target_name
    from xladdin.batch import check_file

    upload = job.uploads[index]
    out = job.folder / "marked" / f"{index + 1:04d}"
    out.mkdir(parents=True, exist_ok=True)
    result = check_file(upload.path, job.last, annotate_to=out / target_name(upload.path))
    if result.error is not None or result.annotated is None:
        shown = relabel(result, upload)  # messages name the file as uploaded, not as stored
        return shown.error or shown.annotate_error or "未能生成标注副本。"
    name = Path(target_name(Path(upload.name))).with_suffix(Path(result.annotated).suffix).name
    return name, Path(result.annotated).read_bytes()


def word_file(job: Job, index: int, draft: bool) -> tuple[str, bytes]:
    """The Word report of a readable file without errors, or marked 草稿 when ``draft`` is asked for."""
    from xladdin.importers import load_any
    from xladdin.report.prose import generate
    from xladdin.report.word import write_word

    upload, result = job.uploads[index], job.results[index]
    report = load_any(upload.path).report
    target = job.folder / "word" / f"{index + 1:04d}.docx"
    write_word(report, target, previous=job.last, narrative=generate(report, job.last), draft=draft and result.errors > 0)
    stem = Path(upload.name).stem
    return (f"{stem}（草稿）.docx" if draft and result.errors else f"{stem}.docx"), target.read_bytes()


def text_file(shown: Shown) -> tuple[str, str]:
    """The whole 正文 as plain text, in the report's order."""
    from xladdin.report.prose import report_title

    from .passages import sections

    parts, _ = sections(shown.report, shown.narrative, [])
    lines = [report_title(shown.report), ""]
    for s in parts:
        lines.append(s.title)
        lines.extend("".join(seg.text for seg in p) for p in s.paragraphs)
        lines.append("")
    return f"{Path(shown.name).stem}（正文）.txt", "\n".join(lines)


def marked_zip(job: Job) -> bytes:
    """Every marked copy of a batch in one .zip, named after the uploads (made once, then kept)."""
    from checks.annotate import target_name
    from xladdin.batch import check_files

    cached = job.folder / "marked.zip"
    with job.lock:
        if cached.exists():
            return cached.read_bytes()
        out = job.folder / "marked-all"
        out.mkdir(exist_ok=True)
        results = check_files([u.path for u in job.uploads], job.last, outdir=out)
        used: set[str] = set()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for u, r in zip(job.uploads, results):
                if r.annotated is None:
                    continue
                name = str(Path(u.name).with_name(target_name(Path(u.name))).with_suffix(Path(r.annotated).suffix))
                zf.write(r.annotated, _unique(name, used))
        cached.write_bytes(buf.getvalue())
        return buf.getvalue()


def _unique(name: str, used: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{stem}_{n}{dot}{ext}", n + 1
    used.add(candidate)
    return candidate
