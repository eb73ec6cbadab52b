"""Errors a user can meet, each with a Chinese message that names the file, sheet and cell where known."""

from __future__ import annotations

import errno


class NianbaoError(Exception):
    """Base class: ``str(error)`` is the message shown to the user."""

    exit_code = 2


class UnreadableFile(NianbaoError):
    """The file cannot be opened as a spreadsheet (empty, corrupt, encrypted, not a workbook)."""


class NotTemplate(NianbaoError):
    """The file opens, but it is not this template: sheets or labels are missing or moved."""


class OutputError(NianbaoError):
    """An output file cannot be written (read-only folder, file open in another program)."""


# The operating system's reason for a failed read or write, in Chinese (strerror is English on most systems).
_OS_REASONS = {
    errno.EACCES: "拒绝访问：没有权限，或文件正被其他程序使用",
    errno.EPERM: "操作不被允许：没有权限，或文件正被其他程序使用",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.ENOENT: "文件夹不存在",
    errno.EISDIR: "同名的文件夹已存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EBUSY: "文件正被占用",
    errno.EIO: "磁盘读写错误",
}


def os_reason(exc: OSError) -> str:
    """A short Chinese reason for an OSError, falling back to the system's own text."""
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
