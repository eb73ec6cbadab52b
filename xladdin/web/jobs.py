"""Checked uploads kept for their result pages and downloads: one job per upload (one file or a batch), each
in its own folder, dropped (folder and all) when old or when too many are kept, and all at shutdown.
"""

from __future__ import annotations

import dataclasses
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .uploads import Upload


def unpath(text: str, upload: Upload) -> str:
    """A message as the client knows the file: its own name in place of the server's path and name."""
    return text.replace(str(upload.path), upload.name).replace(str(upload.path.parent), "").replace(upload.path.name, upload.name)


def relabel(result, upload: Upload):
    """A FileResult as the client knows the file (see ``unpath``)."""
    name = upload.path.name

    def clean(text: str | None) -> str | None:
        return None if text is None else unpath(text, upload)

    findings = [dataclasses.replace(f, message=clean(f.message)) if (name in f.message or str(upload.path.parent) in f.message) else f for f in result.findings]
    return dataclasses.replace(
        result, file=upload.name, findings=findings, error=clean(result.error), annotate_error=clean(result.annotate_error), annotated=None
    )


@dataclass
class Job:
    id: str
    folder: Path
    uploads: list[Upload]
    skipped: list[str] = field(default_factory=list)
    previous: Upload | None = None  # last year's report, if given
    last: object = None  # its Report, once read
    done: int = 0
    results: list | None = None  # FileResult per upload, relabelled; None while running
    failed: str | None = None  # a Chinese message if the whole job failed
    created: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def total(self) -> int:
        return len(self.uploads)

    @property
    def finished(self) -> bool:
        return self.results is not None or self.failed is not None

    def status(self) -> dict:
        return {"id": self.id, "done": self.done, "total": self.total, "finished": self.finished, "failed": self.failed}


class Jobs:
    def __init__(self, root: Path, keep: int, seconds: int, workers: int = 0, running: int = 4) -> None:
        self.root, self.keep, self.seconds, self.workers, self.running = root, keep, seconds, workers, running
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def folder(self) -> Path:
        """A new folder for one request's files."""
        path = self.root / secrets.token_hex(8)
        path.mkdir()
        return path

    def add(self, folder: Path, uploads: list[Upload], skipped: list[str], previous: Upload | None = None) -> Job:
        job = Job(secrets.token_urlsafe(12), folder, uploads, skipped, previous)
        with self._lock:
            self._jobs[job.id] = job
            self._drop_old()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _drop_old(self) -> None:
        now = time.monotonic()
        for job in list(self._jobs.values()):
            if job.finished and now - job.created > self.seconds:
                self._drop(job)
        finished = [j for j in self._jobs.values() if j.finished]
        while len(self._jobs) > self.keep and finished:
            self._drop(finished.pop(0))

    def _drop(self, job: Job) -> None:
        self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def run(self, job: Job) -> None:
        """Check every file of the job (in worker processes when many); blocking."""
        from xladdin.batch import check_files

        def progress(done: int, total: int) -> None:
            job.done = done

        if job.previous is not None and not self._read_previous(job):
            return
        try:
            results = check_files([u.path for u in job.uploads], job.last, jobs=self.workers, progress=progress)
            job.results = [relabel(r, u) for r, u in zip(results, job.uploads)]
        except Exception as exc:  # noqa: BLE001 - a pool that broke (out of memory): say so, keep serving
            job.failed = f"批量校验未能完成（{type(exc).__name__}）。请稍后重试，或分批上传。"

    @staticmethod
    def _read_previous(job: Job) -> bool:
        from workbook.errors import NianbaoError
        from xladdin.importers import load_any

        try:
            job.last = load_any(job.previous.path).report
            return True
        except NianbaoError as exc:
            job.failed = f"上年度报告无法读取：{unpath(str(exc), job.previous)}"
            return False

    def busy(self) -> bool:
        """Whether as many batches as allowed are being checked now."""
        with self._lock:
            return sum(not j.finished for j in self._jobs.values()) >= self.running

    def start(self, job: Job) -> None:
        threading.Thread(target=self.run, args=(job,), name=f"nianbao-job-{job.id}", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            for job in list(self._jobs.values()):
                self._drop(job)
        shutil.rmtree(self.root, ignore_errors=True)
