"""The pages: 单份校验, its result, 批量审核 with its progress and table, 新建模板. Plain forms and links, so
everything works with scripts off; the script only draws the progress bar and sorts without a reload."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .service import (
    DOCX,
    XLSM,
    XLSX,
    content_disposition,
    load_shown,
    marked_copy,
    receive,
    text_file,
    word_file,
)
from .uploads import READABLE, UploadError

router = APIRouter()
SORTS = {"org": lambda r: (r.org or "", r.file), "year": lambda r: (r.year or 0, r.org or ""),
         "errors": lambda r: (-1 if r.error else r.errors, r.warnings), "warnings": lambda r: (-1 if r.error else r.warnings, r.errors),
         "result": lambda r: (r.error is None, -r.errors, -r.warnings), "file": lambda r: r.file}


def page(request: Request, template: str, status: int = 200, **context) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, {"accept": ",".join(READABLE), **context}, status_code=status)


def not_found(request: Request) -> Response:
    return page(request, "message.html", 404, title="结果不存在", message="没有找到这次校验的结果（可能已过期或服务已重启），请重新上传文件。")


def _job(request: Request, job_id: str, index: int | None = None):
    job = request.app.state.jobs.get(job_id)
    if job is None or (index is not None and (job.results is None or not 1 <= index <= job.total)):
        return None
    return job


@router.get("/")
def index(request: Request):
    return page(request, "index.html")


@router.post("/check")
async def check(request: Request):
    state = request.app.state
    folder, received, _ = await receive(request, state.jobs, state.settings.limits)
    job = state.jobs.add(folder, received.uploads, received.skipped, received.previous)
    await run_in_threadpool(state.jobs.run, job)
    if job.failed:
        return page(request, "message.html", 422, title="无法校验", message=job.failed)
    target = f"/jobs/{job.id}/1" if job.total == 1 else f"/jobs/{job.id}"
    return RedirectResponse(target, status_code=303)


@router.get("/jobs/{job_id}/{index:int}")
async def result(request: Request, job_id: str, index: int):
    from .tables import cell_marks, info_rows, tables
    from .passages import sections

    job = _job(request, job_id, index)
    if job is None:
        return not_found(request)
    shown = await run_in_threadpool(load_shown, job, index - 1)
    context = {"job": job, "index": index, "shown": shown, "result": shown.result}
    if shown.report is not None:
        findings = shown.result.findings
        marks = cell_marks(shown.report, findings)
        parts, placed = sections(shown.report, shown.narrative, findings)
        from xladdin.report.prose import report_title

        context.update(
            paper_title=report_title(shown.report), marks=marks, info=info_rows(shown.report, marks), sections=parts, placed=placed,
            tables=tables(shown.report, marks),
            links=[_links(shown.report, f, i, placed) for i, f in enumerate(findings)],
        )
    return page(request, "result.html", **context)


def _links(report, finding, i: int, placed: dict[int, str]) -> list[tuple[str, str]]:
    """Where a finding's list entry links: the sentence it quotes, and each cell it marks (named as in Excel)."""
    from checks.formats import CELLS_SHOWN
    from workbook.layout import LAYOUT

    from .tables import anchor, key_of

    out = []
    if i in placed:
        out.append(("#" + placed[i], "正文中的句子"))
    for ref in finding.marked[:CELLS_SHOWN]:
        key = key_of(report, ref)
        if key is None:
            out.append(("", ref))
        elif key.startswith(("text.", "gen.")):
            out.append(("#t-" + key.split(".", 1)[1], f"{ref}（{LAYOUT[key].label}）"))
        else:
            out.append(("#" + anchor(key), f"{ref}（{LAYOUT[key].label}）"))
    if len(finding.marked) > CELLS_SHOWN:
        out.append(("", f"等 {len(finding.marked)} 个单元格"))
    return out


@router.get("/jobs/{job_id}/{index:int}/marked")
async def marked(request: Request, job_id: str, index: int):
    job = _job(request, job_id, index)
    if job is None:
        return not_found(request)
    made = await run_in_threadpool(marked_copy, job, index - 1)
    if isinstance(made, str):
        return page(request, "message.html", 422, title="无法生成标注副本", message=made)
    name, data = made
    kind = XLSM if name.lower().endswith(".xlsm") else XLSX
    return Response(data, media_type=kind, headers={"Content-Disposition": content_disposition(name)})


@router.get("/jobs/{job_id}/{index:int}/word")
async def word(request: Request, job_id: str, index: int, draft: int = 0):
    job = _job(request, job_id, index)
    if job is None:
        return not_found(request)
    result = job.results[index - 1]
    if result.error is not None:
        return page(request, "message.html", 422, title="无法生成 Word 报告", message=result.error)
    if result.errors and not draft:
        errors = [f for f in result.findings if f.is_error]
        return page(request, "word_refused.html", 409, job=job, index=index, result=result, errors=errors)
    name, data = await run_in_threadpool(word_file, job, index - 1, bool(draft))
    return Response(data, media_type=DOCX, headers={"Content-Disposition": content_disposition(name)})


@router.get("/jobs/{job_id}/{index:int}/text")
async def text(request: Request, job_id: str, index: int):
    job = _job(request, job_id, index)
    if job is None:
        return not_found(request)
    shown = await run_in_threadpool(load_shown, job, index - 1)
    if shown.report is None:
        return page(request, "message.html", 422, title="无法生成正文", message=shown.result.error)
    name, body = text_file(shown)
    return Response(body.encode("utf-8"), media_type="text/plain; charset=utf-8", headers={"Content-Disposition": content_disposition(name)})


# ---------------------------------------------------------------- 批量审核
@router.get("/batch")
def batch_form(request: Request):
    return page(request, "batch.html")


@router.post("/batch")
async def batch_start(request: Request):
    state = request.app.state
    if state.jobs.busy():  # refused before reading the upload
        raise UploadError(503, "正在进行的批量审核较多，请稍后再试。")
    folder, received, _ = await receive(request, state.jobs, state.settings.limits)
    job = state.jobs.add(folder, received.uploads, received.skipped, received.previous)
    state.jobs.start(job)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}")
def batch_result(request: Request, job_id: str, sort: str = "", desc: int = 0):
    from xladdin.aggregate.summary import conclusion

    job = _job(request, job_id)
    if job is None:
        return not_found(request)
    if not job.finished:
        return page(request, "progress.html", job=job)
    rows = list(enumerate(job.results or [], 1))
    if sort in SORTS:
        rows.sort(key=lambda ir: SORTS[sort](ir[1]), reverse=bool(desc))
    return page(request, "job.html", job=job, rows=rows, sort=sort, desc=desc, conclusion=conclusion)


@router.get("/jobs/{job_id}/summary.xlsx")
async def summary(request: Request, job_id: str):
    from xladdin.aggregate.summary import summary_bytes

    job = _job(request, job_id)
    if job is None or job.results is None:
        return not_found(request)
    data = await run_in_threadpool(summary_bytes, job.results)
    return Response(data, media_type=XLSX, headers={"Content-Disposition": content_disposition("汇总.xlsx")})


@router.get("/jobs/{job_id}/marked.zip")
async def marked_all(request: Request, job_id: str):
    from .service import marked_zip

    job = _job(request, job_id)
    if job is None or job.results is None:
        return not_found(request)
    data = await run_in_threadpool(marked_zip, job)
    return Response(data, media_type="application/zip", headers={"Content-Disposition": content_disposition("标注副本.zip")})


# ---------------------------------------------------------------- 新建模板
@router.get("/new")
def new_form(request: Request):
    return page(request, "new.html", error="")


@router.post("/new")
async def new_template(request: Request):
    form = await request.form(max_files=0, max_fields=10)
    org = " ".join(str(form.get("org", "")).split())[:100]
    year = str(form.get("year", "")).strip()
    macros = form.get("kind") == "xlsm"
    if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
        return page(request, "new.html", 400, error="报告年度应为 2000 至 2100 之间的四位数字，如 2024。", org=org, year=year)
    data = await run_in_threadpool(_template, request.app.state.jobs, int(year) if year else None, org, macros)
    name = f"{org or '年报'}{year + '年' if year else ''}填报模板.{'xlsm' if macros else 'xlsx'}"
    return Response(data, media_type=XLSM if macros else XLSX, headers={"Content-Disposition": content_disposition(name)})


def _template(jobs, year: int | None, org: str, macros: bool) -> bytes:
    """What ``nianbao new`` writes, made in a folder of its own."""
    import shutil

    from workbook.write import new_template

    folder = jobs.folder()
    try:
        target = folder / ("template.xlsm" if macros else "template.xlsx")
        new_template(target, year, org)
        return target.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def static_dir() -> Path:
    return Path(__file__).with_name("static")
