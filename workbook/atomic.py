"""Writing outputs atomically: a temporary file in the same folder, then one rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError, os_reason


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step.

    Nothing half-written is ever left at ``target``: on any failure the temporary file is removed.
    """
    target = Path(target)
    try:
        if target.is_dir():  # os.replace would fail with a misleading "in use" message
            raise OutputError(f"输出文件“{target}”与一个已有的文件夹同名，无法写入。请换一个文件名。")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".nianbao-", suffix=target.suffix, dir=target.parent)
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
    except OSError as exc:
        raise OutputError(f"无法在文件夹“{target.parent}”中写入文件（{os_reason(exc)}）。请检查文件夹是否存在、是否有写入权限。") from None
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"无法写入“{target}”（{os_reason(exc)}）。如该文件已在 Excel、WPS 或 Word 中打开，请先关闭后重试。") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
