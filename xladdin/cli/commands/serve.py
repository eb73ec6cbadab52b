"""``nianbao serve``: the web app on this computer (127.0.0.1) or, with a token, for the office's network."""

from __future__ import annotations

import re
import socket
import threading
import time

import click

from ..chinese import ChineseCommand


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, made here so a taken port is reported in Chinese before the server starts."""
    from workbook.errors import NianbaoError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise NianbaoError(f"端口 {port} 已被占用（可能已有一个 nianbao serve 在运行）。请用 --port 指定其他端口，如 --port 8322。") from None
        raise NianbaoError(f"无法在地址 {host}:{port} 上启动服务（{exc.strerror or exc}）。请检查 --host 是否为本机的地址。") from None
    sock.listen(128)
    return sock


def _lan_address() -> str:
    """This machine's address on the network, for the address to give colleagues (nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return socket.gethostname()


def _open_browser_when_ready(server, url: str) -> None:
    import webbrowser

    def wait_and_open():
        for _ in range(200):
            if server.started:
                webbrowser.open(url)
                return
            time.sleep(0.05)

    threading.Thread(target=wait_and_open, daemon=True).start()


@click.command(
    cls=ChineseCommand,
    help="启动网页版：在浏览器中上传工作簿或已发布的报告，查看标出问题的表格和正文，下载标注副本和 Word 报告；"
    "批量审核多个单位的报告并下载汇总表。默认只允许本机访问（127.0.0.1）；"
    "用 --host 0.0.0.0 供局域网内其他电脑访问时，必须使用访问令牌（未指定时自动生成并显示）。按 Ctrl+C 停止。",
)
@click.option("--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1，仅本机访问）；0.0.0.0 允许局域网访问（需要令牌）。")
@click.option("--port", type=click.IntRange(0, 65535), default=8321, metavar="端口", help="监听端口（默认 8321）。")
@click.option("--token", metavar="令牌", help="访问令牌。局域网模式下未指定时自动生成。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
def serve(host: str, port: int, token: str | None, no_browser: bool) -> int:
    import multiprocessing

    import uvicorn

    from workbook.errors import NianbaoError
    from xladdin.web import Settings, create_app
    from xladdin.web.settings import LOCAL_HOSTS, TOKEN_PATTERN, new_token

    local = host in LOCAL_HOSTS
    if token is not None and not re.fullmatch(TOKEN_PATTERN, token):
        raise NianbaoError("--token 应为 8 至 128 个英文字母、数字或 . _ ~ - 符号（不含空格和汉字），以便放在网址中。")
    if not local and not token:
        token = new_token()
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    shown_host = _lan_address() if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown_host + ']' if ':' in shown_host else shown_host}:{port}/"
    link = f"{url}?token={token}" if token else url
    # Batch workers are started from a clean process, never forked from the server's threads.
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.set_start_method("forkserver", force=True)
    app = create_app(Settings(host=host, port=port, token=token))
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False, timeout_graceful_shutdown=5))
    click.echo(f"年报校验网页版已启动。请在浏览器中打开：{link}")
    if not local:
        click.echo(f"局域网模式：同一网络的其他电脑也可打开上面的地址。访问令牌：{token}（首次打开带令牌的地址后，浏览器会记住令牌）。")
    click.echo("按 Ctrl+C 停止服务。")
    if not no_browser:
        _open_browser_when_ready(server, link)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    click.echo("服务已停止。")
    return 0
