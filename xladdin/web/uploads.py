"""Uploaded files onto disk, safely: each stored under a name of ours (``upload-0001.xlsx``), never the
client's; sizes and counts bounded while copying (a .zip's declared sizes are not trusted); a .zip is
opened entry by entry, its names only shown, never used as paths.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from xladdin.importers import SUFFIXES, WORKBOOK_SUFFIXES

from .settings import MB, Limits

READABLE = (*WORKBOOK_SUFFIXES, *SUFFIXES)
CHUNK = 256 * 1024
NAME_LIMIT = 120


class UploadError(Exception):
    """A request the server refuses: ``status`` and a Chinese message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Upload:
    name: str  # as the client named it, cleaned: only ever shown
    path: Path  # where it is stored: a name of ours


@dataclass
class Received:
    uploads: list[Upload] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names in a .zip that are not workbooks or reports
    previous: Upload | None = None  # last year's report, to check against (as ``check --previous``)


def display_name(raw: str | None) -> str:
    """The client's file name, for showing only: last path part, no control characters, bounded length."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > NAME_LIMIT:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: NAME_LIMIT - len(ext) - 2] + "…" + dot + ext) if dot and len(ext) <= 8 else name[:NAME_LIMIT]
    return name or "未命名文件"


def suffix_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def _kinds() -> str:
    return "、".join(READABLE)


class Saver:
    """Stores one request's files in ``folder``, counting files and bytes against the limits."""

    def __init__(self, folder: Path, limits: Limits) -> None:
        self.folder, self.limits = folder, limits
        self.received = Received()
        self.unzipped = 0

    def _target(self, suffix: str) -> Path:
        n = len(self.received.uploads) + 1
        if n > self.limits.files:
            raise UploadError(413, f"一次最多上传 {self.limits.files} 个文件（含压缩包中的文件），请分批上传。")
        return self.folder / f"upload-{n:04d}{suffix}"

    def _copy(self, src, name: str, suffix: str) -> None:
        """Copy a stream to a new upload file, at most ``file_bytes``."""
        target = self._target(suffix)
        written = 0
        with open(target, "xb") as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > self.limits.file_bytes:
                    raise UploadError(413, f"文件“{name}”超过 {self.limits.file_bytes // MB} MB，已拒绝。年度报告的工作簿通常不足 1 MB，请确认文件是否正确。")
                out.write(chunk)
        self.received.uploads.append(Upload(name, target))

    def add(self, raw_name: str | None, stream) -> None:
        """One uploaded file: a workbook or report, or a .zip of them."""
        name = display_name(raw_name)
        suffix = suffix_of(name)
        if suffix == ".zip":
            self._unzip(name, stream)
        elif suffix in READABLE:
            self._copy(stream, name, suffix)
        else:
            raise UploadError(415, f"不能校验“{name}”这种文件（{suffix or '无扩展名'}）。可上传的文件：{_kinds()}，或包含这些文件的 .zip 压缩包。")

    def add_previous(self, raw_name: str | None, stream) -> None:
        """Last year's report: one workbook or published report, stored apart from the files to check."""
        name = display_name(raw_name)
        suffix = suffix_of(name)
        if suffix not in READABLE:
            raise UploadError(415, f"上年度报告“{name}”应为 {_kinds()} 文件之一。")
        target = self.folder / f"previous{suffix}"
        with open(target, "xb") as out:
            written = 0
            while chunk := stream.read(CHUNK):
                written += len(chunk)
                if written > self.limits.file_bytes:
                    raise UploadError(413, f"上年度报告“{name}”超过 {self.limits.file_bytes // MB} MB，已拒绝。")
                out.write(chunk)
        self.received.previous = Upload(name, target)

    def _unzip(self, name: str, stream) -> None:
        spool = self.folder / f"zip-{len(self.received.uploads) + 1:04d}.zip"
        with open(spool, "xb") as out:  # a zip needs seeking: keep it as a file of ours
            written = 0
            while chunk := stream.read(CHUNK):
                written += len(chunk)
                if written > self.limits.request_bytes:
                    raise UploadError(413, f"压缩包“{name}”超过 {self.limits.request_bytes // MB} MB，已拒绝。")
                out.write(chunk)
        try:
            with zipfile.ZipFile(spool) as zf:
                for info in zf.infolist():
                    self._entry(zf, info, name)
        except zipfile.BadZipFile:
            raise UploadError(422, f"“{name}”不是有效的 .zip 压缩包，或已损坏。") from None
        except (NotImplementedError, RuntimeError):  # an unknown compression, or a password
            raise UploadError(422, f"压缩包“{name}”设置了密码或使用了不支持的压缩方式，无法解压。请重新压缩（不设密码）后上传。") from None
        finally:
            spool.unlink()

    def _entry(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str) -> None:
        if info.is_dir():
            return
        shown = entry_name(info)
        base = PurePosixPath(shown).name
        if base.startswith(("~$", ".~", ".")) or "_校验." in base or "__MACOSX" in shown:
            return  # lock files, hidden files, our own marked copies
        if suffix_of(base) not in READABLE:
            self.received.skipped.append(shown)
            return
        if info.file_size > self.limits.file_bytes:
            raise UploadError(413, f"压缩包“{zip_name}”中的“{shown}”超过 {self.limits.file_bytes // MB} MB，已拒绝。")
        self.unzipped += info.file_size
        if self.unzipped > self.limits.unzipped_bytes:
            raise UploadError(413, f"压缩包“{zip_name}”解压后超过 {self.limits.unzipped_bytes // MB} MB，已拒绝。请分批上传。")
        with zf.open(info) as src:
            bounded = _Bounded(src, info.file_size)
            self._copy(bounded, shown, suffix_of(base))


class _Bounded:
    """A zip entry's stream that may not give more than the size its header declares (a lying header is a bomb)."""

    def __init__(self, src, size: int) -> None:
        self.src, self.left = src, size

    def read(self, n: int) -> bytes:
        chunk = self.src.read(min(n, self.left + 1))
        self.left -= len(chunk)
        if self.left < 0:
            raise UploadError(422, "压缩包中的文件实际大小与记录不符（可能是恶意构造的压缩包），已拒绝。")
        return chunk


def entry_name(info: zipfile.ZipInfo) -> str:
    """A .zip entry's name for showing: zips made on Chinese Windows store GBK without saying so."""
    name = info.filename
    if not info.flag_bits & 0x800:
        raw = name.encode("cp437", errors="replace")
        for encoding in ("utf-8", "gb18030"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    parts = [display_name(p) for p in re.split(r"[\\/]", name) if p not in ("", ".", "..")]
    return "/".join(parts)[-NAME_LIMIT * 2:] or "未命名文件"
