"""Before any route: the Host header (on 127.0.0.1, so a web page elsewhere cannot reach the server by DNS
rebinding), the token (LAN mode; kept in a cookie after the first visit) and the request's size. A pure
ASGI middleware, so uploads stream through it and a refusal never reads the body.
"""

from __future__ import annotations

import html
import json
import secrets
from urllib.parse import parse_qsl, quote, urlencode

from .settings import LOCAL_HOSTS, MB, Settings

COOKIE = "nianbao_token"
TOKEN_HEADER = b"x-nianbao-token"


class BodyTooLarge(Exception):
    pass


def _headers(scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


async def respond(send, status: int, message: str, as_json: bool, extra: list | None = None) -> None:
    """A refusal in Chinese: JSON for the API, a small page for a browser."""
    if as_json:
        body, kind = json.dumps({"error": message}, ensure_ascii=False).encode(), b"application/json"
    else:
        body, kind = _page(status, message).encode(), b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _page(status: int, message: str) -> str:
    form = ""
    if status == 401:
        form = ('<form method="get" action="/"><label>访问令牌：<input name="token" autocomplete="off" required></label> '
                '<button type="submit">进入</button></form>')
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报校验</title>'
            f'<style>body{{font-family:sans-serif;margin:3em auto;max-width:40em;line-height:1.7}}'
            f'.err{{background:#fde2e1;border:1px solid #d93025;padding:.6em 1em}}</style></head><body><h1>年报校验</h1>'
            f'<p class="err">{html.escape(message)}</p>{form}</body></html>')


def wants_json(scope) -> bool:
    return scope["path"].startswith("/api/") or b"text/html" not in _headers(scope).get(b"accept", b"")


class Guard:
    def __init__(self, app, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        as_json = wants_json(scope)
        if self.settings.local and not _local_host(headers.get(b"host", b"")):
            port = self.settings.port
            return await respond(send, 400, f"请通过 http://127.0.0.1:{port}/ 访问本服务。", as_json)
        token = self.settings.token
        if token:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace")))
            given = query.get("token")
            if given is not None and scope["method"] == "GET" and secrets.compare_digest(given.encode(), token.encode()):
                return await _remember(send, scope, token)
            if not _authorised(headers, token):
                return await respond(send, 401, "需要访问令牌。请使用服务启动时显示的带令牌的地址打开，或在下方输入令牌。", as_json)
        limit = self.settings.limits.request_bytes
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return await respond(send, 413, f"上传内容超过 {limit // MB} MB，已拒绝。请分批上传。", as_json, [(b"connection", b"close")])
        await self._limited(scope, receive, send, limit, as_json)

    async def _limited(self, scope, receive, send, limit: int, as_json: bool) -> None:
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await respond(send, 413, f"上传内容超过 {limit // MB} MB，已拒绝。请分批上传。", as_json, [(b"connection", b"close")])


def _local_host(host: bytes) -> bool:
    name = host.decode("latin-1").strip()
    if name.startswith("["):
        name = name[1:].split("]")[0]
    else:
        name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    return name in LOCAL_HOSTS


def _authorised(headers: dict[bytes, bytes], token: str) -> bool:
    want = token.encode()
    candidates = [headers.get(TOKEN_HEADER, b"")]
    auth = headers.get(b"authorization", b"")
    if auth[:7].lower() == b"bearer ":
        candidates.append(auth[7:].strip())
    for part in headers.get(b"cookie", b"").split(b";"):
        name, _, value = part.strip().partition(b"=")
        if name == COOKIE.encode():
            candidates.append(value)
    return any(c and secrets.compare_digest(c, want) for c in candidates)


async def _remember(send, scope, token: str) -> None:
    """The first visit with ?token=…: keep it in a cookie, and go on to the address without it."""
    rest = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace")) if k != "token"]
    location = quote(scope["path"]) + ("?" + urlencode(rest) if rest else "")
    # Lax, not Strict: the link usually arrives by chat or mail (another site), and must work on that first click.
    cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("ascii")), (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
