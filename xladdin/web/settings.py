"""What the server allows: where it listens, its token, and how much one request may upload."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
MB = 2**20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20 * MB  # one workbook or report
    request_bytes: int = 200 * MB  # a whole upload (many files, or one .zip)
    files: int = 600  # files in one request, counting those inside a .zip
    unzipped_bytes: int = 400 * MB  # everything inside one .zip, decompressed
    jobs: int = 20  # batch results kept in memory (the oldest finished ones are dropped first)
    running: int = 4  # batches checked at the same time; more wait for a free place (503)
    job_seconds: int = 4 * 3600  # a batch result is kept this long for its downloads


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8321
    token: str | None = None  # required by every request when set
    limits: Limits = field(default_factory=Limits)
    workers: int = 0  # processes for a batch; 0: one per core

    @property
    def local(self) -> bool:
        return self.host in LOCAL_HOSTS


TOKEN_PATTERN = r"[A-Za-z0-9._~-]{8,128}"  # safe in an address, a header and a cookie as it is


def new_token() -> str:
    """A token to print for the LAN mode: short enough to read out, long enough not to guess."""
    return secrets.token_urlsafe(12)
