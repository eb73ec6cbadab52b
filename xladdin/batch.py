"""Many files at once, as a library: collect the files of folders, check each (in parallel when there
are many), keep one result per file. The CLI, the Excel buttons and the web app all call this.

Only click-free code: ``progress`` is a callback the caller supplies (the CLI draws a rich bar, the
web app counts for its progress bar).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from xladdin.importers import is_readable, load_any

PARALLEL_FROM = 9  # below this, starting worker processes costs more than it saves


def collect(paths: tuple[Path, ...]) -> list[Path]:
    """Files named, and inside folders (recursively) every workbook and published report; in order, once each."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = [
                f
                for f in p.rglob("*")
                if f.is_file()
                and is_readable(f)
                and not f.name.startswith(("~$", ".~", "."))  # Excel/WPS lock files
                and "_校验." not in f.name  # our own annotated copies
            ]
            out.extend(sorted(found))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def check_file(path: Path, previous=None, annotate_to: Path | None = None, overwrite: bool = True):
    """Check one file (against last year's Report, if given); never raises for a bad file (the result says why).

    ``overwrite=False``: an annotated copy already at ``annotate_to`` is kept, and the result says so."""
    from checks import check_report
    from checks.formats import FileResult
    from workbook.errors import NianbaoError

    result = FileResult(str(path))
    try:
        loaded = load_any(path)
        report = loaded.report
        result.org, result.year = report.org, report.year
        result.findings = check_report(report, previous, loaded.findings)
    except NianbaoError as exc:
        result.error = str(exc)
        return result
    except Exception:  # a bug of ours on one file must not stop a batch of hundreds
        if os.environ.get("NIANBAO_DEBUG"):
            raise
        result.error = f"读取“{path.name}”时发生程序内部错误。请将此文件反馈给开发者。"
        return result
    if annotate_to is not None and not overwrite and Path(annotate_to).is_file():
        result.annotate_error = f"标注副本“{annotate_to}”已存在，为免覆盖，未写入。请另选输出文件夹，或加 --force 覆盖。"
    elif annotate_to is not None:
        try:
            from checks.annotate import annotate

            result.annotated = str(annotate(path, report, result.findings, annotate_to))
        except NianbaoError as exc:
            result.annotate_error = str(exc)
        except Exception:
            if os.environ.get("NIANBAO_DEBUG"):
                raise
            result.annotate_error = "生成标注副本时发生程序内部错误。请将此文件反馈给开发者。"
    return result


def _check_star(args):
    return check_file(*args)


def _targets(files: list[Path], outdir: Path | None) -> list[Path | None]:
    """Annotated copy names, unique within the run (two 报告.xlsx from two folders do not collide)."""
    if outdir is None:
        return [None] * len(files)
    from checks.annotate import target_name

    used: set[str] = set()
    out = []
    for f in files:
        name = target_name(f)
        stem, dot, ext = name.rpartition(".")
        n = 2
        while name in used:
            name = f"{stem}_{n}{dot}{ext}"
            n += 1
        used.add(name)
        out.append(outdir / name)
    return out


def check_files(
    files: list[Path],
    previous=None,
    outdir: Path | None = None,
    jobs: int = 0,
    progress: Callable[[int, int], None] | None = None,
    overwrite: bool = True,
):
    """One ``FileResult`` per file, in order. ``progress(done, total)`` is called after each file;
    ``overwrite=False`` keeps annotated copies that already exist (each such result says so)."""
    n = len(files)
    work = list(zip(files, [previous] * n, _targets(files, outdir), [overwrite] * n))
    workers = jobs or os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or workers == 1:
        mapped = map(_check_star, work)
        executor = None
    else:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(max_workers=workers)
        mapped = executor.map(_check_star, work, chunksize=max(1, len(work) // (workers * 8)))
    results = []
    try:
        for r in mapped:
            results.append(r)
            if progress is not None:
                progress(len(results), len(work))
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return results
