"""tests/setup.sh: system packages are installed only when something is missing (issue 14.2).

The script runs with a PATH holding only fakes: soffice, pdftoppm, chromium, fc-list, python3,
apt-get and sudo are small scripts, and apt-get/sudo write down every call. Nothing missing → no
apt call at all, even when fc-list prints far more than a pipe buffer after the matching line
(under ``pipefail``, ``fc-list | grep -q`` used to "fail" from SIGPIPE and install every run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SETUP = Path(__file__).parent / "setup.sh"
BASH = shutil.which("bash")
TOOLS = ("dirname", "id", "grep", "env", "cat")  # real programs the script may use
CJK_LINE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular"


def _script(path: Path, body: str) -> None:
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path: Path):
    """A fake machine with everything installed; returns (bin dir, env, log file)."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_dir / tool)
    for tool in ("soffice", "pdftoppm", "chromium"):
        _script(bin_dir / tool, "exit 0")
    # a matching line first, then ~2 MB more: a reader that stops early breaks this writer's pipe
    _script(bin_dir / "fc-list", f"echo '{CJK_LINE}'\nfor ((i = 0; i < 40000; i++)); do echo '/usr/share/fonts/x/DejaVuSans-$i.ttf: DejaVu Sans:style=Book'; done")
    _script(bin_dir / "python3", "exit 0")  # imports ensurepip, venv: fine
    _script(bin_dir / "apt-get", f'echo "apt-get $*" >> {log}')
    _script(bin_dir / "sudo", f'echo "sudo $*" >> {log}; "$@"')
    system_python, chromedriver = tmp_path / "system-python3", tmp_path / "chromedriver"
    _script(system_python, "exit 0")  # import uno: fine
    _script(chromedriver, "exit 0")
    env = {"PATH": str(bin_dir), "SYSTEM_PYTHON": str(system_python), "CHROMEDRIVER": str(chromedriver)}
    return bin_dir, env, log


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BASH, str(SETUP), *args], env=env, capture_output=True, text=True, timeout=120)


def test_nothing_missing_means_no_install_step(machine):
    _, env, log = machine
    assert _run(env, "--check").stdout == ""
    proc = _run(env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and not log.exists()  # no apt-get, no sudo


@pytest.mark.parametrize(
    ("remove", "reported"),
    [("soffice", "soffice (LibreOffice)"), ("pdftoppm", "pdftoppm (poppler)"), ("chromium", "chromium")],
)
def test_a_missing_program_is_reported_and_installed(machine, remove, reported):
    bin_dir, env, log = machine
    (bin_dir / remove).unlink()
    check = _run(env, "--check")
    assert check.returncode == 1 and check.stdout == reported + "\n"
    proc = _run(env)
    assert proc.returncode == 0, proc.stderr
    assert f"缺少测试所需的：{reported}。" in proc.stdout
    calls = log.read_text().splitlines()
    assert calls[0] == "apt-get update -qq"  # running as root here: no sudo
    installed = calls[1].split()
    assert installed[:2] == ["apt-get", "install"]
    for package in ("libreoffice-calc", "python3-uno", "fonts-noto-cjk", "poppler-utils", "chromium", "chromium-driver"):
        assert package in installed


def test_missing_fonts_uno_chromedriver_and_venv_are_seen(machine, tmp_path):
    bin_dir, env, _ = machine
    _script(bin_dir / "fc-list", "echo '/usr/share/fonts/x/DejaVuSans.ttf: DejaVu Sans:style=Book'")
    _script(bin_dir / "python3", "exit 1")
    env = {**env, "SYSTEM_PYTHON": str(tmp_path / "no-such-python"), "CHROMEDRIVER": str(tmp_path / "none")}
    assert _run(env, "--check").stdout.splitlines() == [
        "uno (python3-uno)",
        "Noto CJK fonts",
        "chromedriver",
        "venv (python3-venv)",
    ]


def test_this_machine_needs_nothing():
    # the machine the tests run on was set up by the script: a second run must not call apt
    proc = subprocess.run([BASH, str(SETUP), "--check"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout
