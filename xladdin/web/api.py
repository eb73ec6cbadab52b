"""The JSON API (the pages use it, and so can a WPS add-in or a script): check, marked copy, Word, text,
batch jobs, health. Each request works in its own folder, removed when the answer is made."""

from __future__ import annotations

import json
import shutil

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .jobs import Job, Jobs, relabel
from .service import DOCX, XLSM, XLSX, content_disposition, load_shown, marked_copy, receive, word_file
from .uploads import UploadError

router = APIRouter()


def _one(received) -> None:
    if len(received.uploads) != 1:
        raise UploadError(400, f"此接口一次只处理一个文件，收到 {len(received.uploads)} 个。多个文件请使用 /api/check 或 /api/batch。")


class PreviousUnreadable(UploadError):
    def __init__(self, message: str) -> None:
        super().__init__(422, message)


def _job(folder, received) -> Job:
    """This request's files as a job of its own (not kept), with last year's report read if one was given."""
    job = Job("", folder, received.uploads, received.skipped, received.previous)
    if job.previous is not None and not Jobs._read_previous(job):
        raise PreviousUnreadable(job.failed)
    return job


def _check(job: Job):
    from xladdin.batch import check_files

    results = check_files([u.path for u in job.uploads], job.last)
    return [relabel(r, u) for r, u in zip(results, job.uploads)]


@router.get("/healthz")
def healthz():
    return {"status": "ok"}


@router.post("/api/check")
async def api_check(request: Request):
    """Exactly the JSON of ``nianbao check --format json``, each file named as uploaded."""
    from checks.formats import to_json

    state = request.app.state
    folder, received, _ = await receive(request, state.jobs, state.settings.limits)
    try:
        results = await run_in_threadpool(lambda: _check(_job(folder, received)))
        return Response(to_json(results) + "\n", media_type="application/json")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _marked(job: Job):
    job.results = _check(job)
    return marked_copy(job, 0)


@router.post("/api/marked")
async def api_marked(request: Request):
    """The marked copy of one workbook (as ``check --annotate`` writes it)."""
    state = request.app.state
    folder, received, _ = await receive(request, state.jobs, state.settings.limits)
    try:
        _one(received)
        made = await run_in_threadpool(lambda: _marked(_job(folder, received)))
        if isinstance(made, str):
            return JSONResponse({"error": made}, status_code=422)
        name, data = made
        kind = XLSM if name.lower().endswith(".xlsm") else XLSX
        return Response(data, media_type=kind, headers={"Content-Disposition": content_disposition(name)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _word(job: Job, draft: bool):
    """The check's result, and (download name, bytes) of the Word report unless the errors refuse it."""
    job.results = _check(job)
    result = job.results[0]
    if result.error is not None or (result.errors and not draft):
        return result, None
    return result, word_file(job, 0, draft)


@router.post("/api/word")
async def api_word(request: Request):
    """The Word report; refused (409, with the errors) when the file has errors, unless ``draft=1`` asks for a 草稿."""
    state = request.app.state
    folder, received, fields = await receive(request, state.jobs, state.settings.limits)
    try:
        _one(received)
        upload = received.uploads[0]
        draft = fields.get("draft", request.query_params.get("draft", "")) in ("1", "true", "yes", "on")
        result, data = await run_in_threadpool(lambda: _word(_job(folder, received), draft))
        if result.error is not None:
            return JSONResponse({"error": result.error}, status_code=422)
        if data is None:
            errors = [f.to_dict() for f in result.findings if f.is_error]
            message = f"“{upload.name}”中有 {len(errors)} 个错误，未生成 Word 报告。请改正后重试，或加 draft=1 导出草稿（页眉标注“草稿”）。"
            return JSONResponse({"error": message, "findings": errors}, status_code=409)
        name, data = data
        return Response(data, media_type=DOCX, headers={"Content-Disposition": content_disposition(name)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _text(job: Job):
    from xladdin.report.prose import GENERATED, SECTION_KEYS, report_title

    job.results = _check(job)
    shown = load_shown(job, 0)
    if shown.report is None:
        return {"error": shown.result.error}
    return {
        "title": report_title(shown.report),
        "generated": {s: shown.narrative[s] for s in GENERATED},
        "body": {s: shown.narrative.body(s) for s in SECTION_KEYS},
        "findings": [f.to_dict() for f in shown.result.findings],
    }


@router.post("/api/text")
async def api_text(request: Request):
    """The generated text and the whole 正文 by section, as ``nianbao text --json``."""
    state = request.app.state
    folder, received, _ = await receive(request, state.jobs, state.settings.limits)
    try:
        _one(received)
        data = await run_in_threadpool(lambda: _text(_job(folder, received)))
        return Response(json.dumps(data, ensure_ascii=False, indent=2), status_code=422 if "error" in data else 200, media_type="application/json")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.post("/api/batch")
async def api_batch(request: Request):
    """Start checking many files (or one .zip) in the background; poll ``/api/jobs/{id}``."""
    state = request.app.state
    if state.jobs.busy():  # refused before reading the upload
        raise UploadError(503, "正在进行的批量审核较多，请稍后再试。")
    folder, received, _ = await receive(request, state.jobs, state.settings.limits)
    job = state.jobs.add(folder, received.uploads, received.skipped, received.previous)
    state.jobs.start(job)
    return JSONResponse({**job.status(), "skipped": job.skipped, "page": f"/jobs/{job.id}"}, status_code=202)


@router.get("/api/jobs/{job_id}")
def api_job(job_id: str, request: Request):
    from xladdin.aggregate.summary import conclusion

    job = request.app.state.jobs.get(job_id)
    if job is None:
        return JSONResponse({"error": "没有找到这次校验的结果（可能已过期），请重新上传。"}, status_code=404)
    data = job.status()
    if job.results is not None:
        data["files"] = [
            {"index": i + 1, "file": r.file, "org": r.org, "year": r.year, "errors": r.errors, "warnings": r.warnings, "conclusion": conclusion(r)}
            for i, r in enumerate(job.results)
        ]
        data["summary"] = f"/jobs/{job.id}/summary.xlsx"
        data["marked"] = f"/jobs/{job.id}/marked.zip"
    return data
