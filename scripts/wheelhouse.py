"""Release files for installing nianbao without git and without internet (issue 14.3).

Run once, on any machine with internet access, from the repository folder:

    python scripts/wheelhouse.py

It writes
  dist/nianbao-<v>.tar.gz, dist/nianbao-<v>-py3-none-any.whl   (python -m build)
  dist/nianbao-<v>-src.zip        the repository (code, templates, tests, README) without git
  wheelhouse/                     nianbao's wheel and every dependency's wheel for Windows x64,
                                  Python 3.11, 3.12 and 3.13 (pip download --only-binary=:all:)
  dist/nianbao-<v>-windows-offline.zip   wheelhouse/ plus the two templates and README.md

On the Windows computer (no internet), in the unzipped folder:

    py -m venv .venv
    .venv\\Scripts\\activate
    pip install --no-index --find-links wheelhouse nianbao

``--platform`` / ``--python`` choose other targets (the tests use this machine's own).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.11", "3.12", "3.13")
PLATFORMS = ("win_amd64",)
# Markers of a Windows target. pip download evaluates markers against the machine it runs on, so a
# dependency only Windows needs (pywin32 for xlwings, colorama for click) is added by reading them here.
WINDOWS = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"}
TEMPLATES = ("workbook/nianbao_template.xlsx", "workbook/nianbao_template.xlsm")
# Left out of the source zip (.git is a file, not a folder, in a git worktree).
SKIP = {".git", ".venv", "dist", "build", "wheelhouse", "node_modules", "__pycache__", ".pytest_cache",
        ".hypothesis", ".benchmarks", ".ruff_cache", "nianbao-demo"}  # fmt: skip


def build(dist: Path) -> Path:
    """sdist and wheel into ``dist``; returns the wheel."""
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], check=True)
    return max(dist.glob("nianbao-*-py3-none-any.whl"), key=lambda p: p.stat().st_mtime)


def _metadata(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(name).decode("utf-8")).get_all("Requires-Dist") or []


def _target_environment(platform: str, python: str) -> dict[str, str]:
    env = {**default_environment(), "python_version": python, "python_full_version": python + ".0"}
    return {**env, **WINDOWS} if platform.startswith("win") else env


def target_tags(platform: str, python: str) -> set[Tag]:
    """Wheel tags a CPython ``python`` on ``platform`` (comma-separated tags) installs."""
    version = tuple(int(part) for part in python.split("."))
    platforms = platform.split(",")
    return set(cpython_tags(version, platforms=platforms)) | set(compatible_tags(version, platforms=platforms))


def missing_requirements(folder: Path, platform: str, python: str) -> list[str]:
    """Requirements of the target's wheels in ``folder`` that hold on the target but have no wheel for it yet."""
    tags = target_tags(platform, python)
    wheels = [w for w in sorted(folder.glob("*.whl")) if parse_wheel_filename(w.name)[3] & tags]
    have = {canonicalize_name(parse_wheel_filename(w.name)[0]) for w in wheels}
    env = _target_environment(platform, python)
    wanted = []
    for wheel in wheels:
        for text in _metadata(wheel):
            req = Requirement(text)
            holds = req.marker is None or req.marker.evaluate({**env, "extra": ""})
            if holds and canonicalize_name(req.name) not in have:
                wanted.append(str(Requirement(f"{req.name}{req.specifier}")))
    return sorted(set(wanted))


def download(requirements: list[str], folder: Path, platform: str, python: str) -> None:
    """pip download for one target; ``platform`` may list several tags, comma-separated."""
    abi = "cp" + python.replace(".", "")
    tags = [arg for tag in platform.split(",") for arg in ("--platform", tag)]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--only-binary=:all:", *tags,
         "--python-version", python, "--implementation", "cp",
         "--abi", abi, "--abi", "abi3", "--abi", "none", "-d", str(folder), *requirements],
        check=True,
    )  # fmt: skip


def fill_wheelhouse(wheel: Path, folder: Path, platforms, pythons) -> None:
    """``folder`` gets ``wheel`` and, for each target, every wheel it needs (until nothing is missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, folder / wheel.name)
    for platform in platforms:
        for python in pythons:
            download([str(wheel)], folder, platform, python)
            while wanted := missing_requirements(folder, platform, python):
                download(wanted, folder, platform, python)


def _repository_files() -> list[Path]:
    files = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP and not d.endswith(".egg-info"))
        files += [Path(dirpath) / f for f in sorted(filenames) if f not in SKIP and not f.endswith((".pyc", ".pyo"))]
    return files


def write_zip(target: Path, members: dict[str, Path]) -> Path:
    """A zip of ``members`` (name inside → file), written beside and then moved into place."""
    part = target.with_name(target.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in members.items():
            archive.write(path, name)
    part.replace(target)
    return target


def release(dist: Path, folder: Path, platforms=PLATFORMS, pythons=PYTHONS) -> dict[str, Path]:
    wheel = build(dist)
    version = re.match(r"nianbao-([^-]+)-", wheel.name).group(1)
    fill_wheelhouse(wheel, folder, platforms, pythons)
    prefix = f"nianbao-{version}"
    source = {f"{prefix}/{p.relative_to(ROOT).as_posix()}": p for p in _repository_files()}
    offline = {f"{prefix}/wheelhouse/{w.name}": w for w in sorted(folder.glob("*.whl"))}
    offline |= {f"{prefix}/{Path(t).name}": ROOT / t for t in TEMPLATES} | {f"{prefix}/README.md": ROOT / "README.md"}
    return {
        "wheel": wheel,
        "source_zip": write_zip(dist / f"{prefix}-src.zip", source),
        "offline_zip": write_zip(dist / f"{prefix}-windows-offline.zip", offline),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--wheelhouse", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument(
        "--platform", action="append", help="pip platform tag(s) of one target, comma-separated (repeatable; default win_amd64)"
    )
    parser.add_argument("--python", action="append", help="target Python X.Y (repeatable; default 3.11 3.12 3.13)")
    args = parser.parse_args(argv)
    made = release(args.dist, args.wheelhouse, args.platform or PLATFORMS, args.python or PYTHONS)
    for what, path in made.items():
        print(f"{what}: {path}")
    print(f"wheelhouse: {args.wheelhouse} ({len(list(args.wheelhouse.glob('*.whl')))} wheels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
