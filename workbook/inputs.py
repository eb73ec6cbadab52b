"""The checks every input file passes before any reader opens it, with Chinese messages."""

from __future__ import annotations

from pathlib import Path

from .errors import UnreadableFile, os_reason


def checked_size(path: Path, noun: str, max_bytes: int) -> int:
    """The file's size, after refusing a missing, unreadable, empty or oversized file, or a folder.

    ``noun`` names what the file should be (“工作簿”, “报告”) in the messages.
    """
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile(f"“{path}”是文件夹，不是{noun}文件。")
        path.open("rb").close()  # no permission to read: said here once, not as each reader's own failure
    except FileNotFoundError:
        raise UnreadableFile(f"找不到文件“{path}”。") from None
    except OSError as exc:
        raise UnreadableFile(f"无法读取文件“{path}”（{os_reason(exc)}）。") from None
    if size == 0:
        raise UnreadableFile(f"文件“{path.name}”是空文件（0 字节），不是{noun}。")
    if size > max_bytes:
        raise UnreadableFile(f"文件“{path.name}”过大（{size // 2**20} MB），不像是一份{noun}。")
    return size
