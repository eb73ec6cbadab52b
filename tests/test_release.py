"""The release route without git (issue 14.3): scripts/wheelhouse.py builds the sdist and wheel, a source zip
with the templates, a wheelhouse and the offline zip; the wheel then installs into a fresh virtual environment
with ``pip install --no-index --find-links wheelhouse nianbao`` (no index, nothing downloaded) and runs
``nianbao demo``. Windows is what the script targets by default; here the target is this machine (its
Python and platform tags), the only one where the installed result can be run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.tags import sys_tags

ROOT = Path(__file__).parents[1]
SCRIPT = ROOT / "scripts" / "wheelhouse.py"
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("release")
    platforms = ",".join(dict.fromkeys(tag.platform for tag in sys_tags()))  # this machine's, best first
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--dist", str(out / "dist"), "--wheelhouse", str(out / "wheelhouse"),
         "--platform", platforms, "--python", PYTHON],
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    made = dict(line.split(": ", 1) for line in proc.stdout.splitlines() if line.split(":")[0] in ("wheel", "source_zip", "offline_zip"))
    return {**{k: Path(v) for k, v in made.items()}, "wheelhouse": out / "wheelhouse", "out": out}


def _names(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as archive:
        return set(archive.namelist())


def test_wheel_carries_templates_vba_samples_and_lite(release):
    names = _names(release["wheel"])
    for data in ("workbook/nianbao_template.xlsx", "workbook/nianbao_template.xlsm", "xladdin/excel/vba/Nianbao.bas",
                 "xladdin/excel/vba/Dictionary.cls", "xladdin/samples/wenxian_2024.json",
                 "xladdin/excel/lite/main.py", "xladdin/excel/lite/requirements.txt"):  # fmt: skip
        assert data in names, data
    assert not any(n.startswith(("tests/", "scripts/")) for n in names)
    assert (release["out"] / "dist" / release["wheel"].name.replace("-py3-none-any.whl", ".tar.gz")).is_file()


def test_source_zip_is_the_repository_without_git(release):
    names = _names(release["source_zip"])
    prefix = release["source_zip"].name.removesuffix("-src.zip")
    for path in ("README.md", "pyproject.toml", "workbook/nianbao_template.xlsm", "tests/run.sh", "scripts/wheelhouse.py"):
        assert f"{prefix}/{path}" in names, path
    assert not any(part in n.split("/") for n in names for part in (".git", ".venv", "node_modules", "__pycache__"))


def test_offline_zip_holds_the_wheelhouse_and_the_templates(release):
    names = _names(release["offline_zip"])
    prefix = release["offline_zip"].name.removesuffix("-windows-offline.zip")
    wheels = {w.name for w in release["wheelhouse"].glob("*.whl")}
    assert {n.rsplit("/", 1)[1] for n in names if "/wheelhouse/" in n} == wheels
    assert {f"{prefix}/nianbao_template.xlsx", f"{prefix}/nianbao_template.xlsm", f"{prefix}/README.md"} <= names
    assert release["wheel"].name in wheels and any(w.startswith("xlwings-") for w in wheels)


def test_offline_install_into_a_fresh_venv_runs_the_demo(release, tmp_path):
    # no PYTHONPATH: the repository (and any nianbao.egg-info a build left there) must not be seen
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index",
         "--find-links", str(release["wheelhouse"]), "nianbao"],
        env=env, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    work = tmp_path / "work"
    work.mkdir()
    demo = subprocess.run([str(bin_dir / "nianbao"), "demo"], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    outputs = {p.suffix for p in (work / "nianbao-demo").iterdir()}
    assert {".xlsx", ".docx"} <= outputs
    lite = subprocess.run([str(bin_dir / "nianbao"), "lite", "-o", "lite"], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert lite.returncode == 0, lite.stderr
    assert len((work / "lite" / "main.py").read_text(encoding="utf-8")) > 50_000  # the bundled code, read from the installed wheel
    where = subprocess.run([str(bin_dir / "python"), "-c", "import xladdin; print(xladdin.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)  # fmt: skip
    assert str(venv) in where.stdout  # the installed wheel ran, not the repository


def _fake_wheel(folder: Path, filename: str, requires: list[str]) -> None:
    name = "-".join(filename.split("-")[:2])
    with zipfile.ZipFile(folder / filename, "w") as archive:
        meta = "Metadata-Version: 2.1\nName: x\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
        archive.writestr(f"{name}.dist-info/METADATA", meta)


def test_windows_only_dependencies_are_added_for_each_python(tmp_path):
    # pip download evaluates markers on the machine it runs on (Linux): pywin32 must be added per target
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from wheelhouse import missing_requirements
    finally:
        sys.path.remove(str(SCRIPT.parent))
    for python in ("3.11", "3.12"):
        _fake_wheel(tmp_path, f"xlwings-0.37.8-cp{python.replace('.', '')}-cp{python.replace('.', '')}-win_amd64.whl",
                    ["pywin32>=224; platform_system == 'Windows'", "pytest; extra == 'test'"])  # fmt: skip
    _fake_wheel(tmp_path, "pywin32-312-cp311-cp311-win_amd64.whl", [])
    assert missing_requirements(tmp_path, "win_amd64", "3.11") == []
    assert missing_requirements(tmp_path, "win_amd64", "3.12") == ["pywin32>=224"]  # the cp311 one does not fit
    assert missing_requirements(tmp_path, "manylinux2014_x86_64", "3.12") == []  # no Windows wheel fits Linux
