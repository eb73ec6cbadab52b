"""The web app: ``create_app(settings)`` wires the guard, the routes, the templates and the Chinese error
answers. Every failure answers in Chinese without a traceback or a server path; the server keeps serving.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from checks.catalogue import rule_name
from workbook import colours

from . import api, pages
from .guard import BodyTooLarge, Guard, wants_json
from .jobs import Jobs
from .settings import Settings
from .uploads import UploadError

HERE = Path(__file__).parent
log = logging.getLogger("nianbao.web")
STATUS_MESSAGES = {
    404: "没有这个页面或接口。",
    405: "不支持此请求方式。",
    422: "请求的参数有误。",
    503: "正在进行的批量审核较多，请稍后再试。",
}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    root = Path(tempfile.mkdtemp(prefix="nianbao-web-"))
    jobs = Jobs(root, settings.limits.jobs, settings.limits.job_seconds, settings.workers, settings.limits.running)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        jobs.close()

    app = FastAPI(title="nianbao", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings, app.state.jobs = settings, jobs
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals["colours"] = colours  # the marks look as in the marked copy
    app.state.templates.env.globals["rule_name"] = rule_name
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _handlers(app)
    app.add_middleware(Guard, settings=settings)
    return app


def _answer(request: Request, status: int, message: str):
    if wants_json(request.scope):
        return JSONResponse({"error": message}, status_code=status)
    return pages.page(request, "message.html", status, title="无法完成", message=message)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(UploadError)
    async def upload_error(request: Request, exc: UploadError):
        return _answer(request, exc.status, exc.message)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge):
        limit = request.app.state.settings.limits.request_bytes // 2**20
        return _answer(request, 413, f"上传内容超过 {limit} MB，已拒绝。请分批上传。")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _answer(request, exc.status_code, STATUS_MESSAGES.get(exc.status_code, "请求无法完成。"))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return _answer(request, 422, STATUS_MESSAGES[422])

    @app.exception_handler(ClientDisconnect)
    async def gone(request: Request, exc: ClientDisconnect):
        return JSONResponse({"error": "上传中断。"}, status_code=400)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):  # a bug of ours: logged here, never shown
        log.exception("internal error on %s", request.url.path)
        return _answer(request, 500, "服务器内部错误，本次请求未能完成。请重试；如仍出错，请将所用文件反馈给开发者。")
