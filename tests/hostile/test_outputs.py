"""Outputs that cannot be written, and paths a clerk's Windows desktop produces.

Every command that writes (``new``, ``word``, ``import``, ``check --annotate``) writes through
``workbook.atomic``: a temporary ``.nianbao-*`` file beside the target, then one rename. Each case asserts
a Chinese message naming the place, exit code 2, no temporary file left, an existing output untouched, and
the input byte-identical.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys

import pytest

from workbook import atomic
from xladdin.cli import main

from . import files
from .support import assert_clean_stderr, leftovers, nianbao, sha256

REPORT_DOCX = files.FIXTURES.parent / "import" / "report_2023.docx"


@pytest.fixture
def clean_xlsx(tmp_path):
    """A filled workbook without findings, so that every writing command gets as far as writing."""
    path = tmp_path / "输入" / "温县 2024年 年报.xlsx"
    path.parent.mkdir()
    path.write_bytes(files.good_bytes())
    return path


@pytest.fixture
def published_docx(tmp_path):
    path = tmp_path / "输入" / "示例县 交通运输局 2023年 年报.docx"
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(REPORT_DOCX, path)
    return path


def writers(src_xlsx, src_docx, target_dir):
    """Each writing command with its output in ``target_dir``: (id, argv, the output it would write)."""
    return {
        "new": (["new", "-o", target_dir / "模板.xlsx"], target_dir / "模板.xlsx"),
        "word": (["word", src_xlsx, "-o", target_dir / "年度报告.docx"], target_dir / "年度报告.docx"),
        "import": (["import", src_docx, "-o", target_dir / "导入 的年报.xlsx"], target_dir / "导入 的年报.xlsx"),
        "check-annotate": (["check", src_xlsx, "--annotate", target_dir], target_dir / f"{src_xlsx.stem}_校验.xlsx"),
    }


COMMANDS = ["new", "word", "import", "check-annotate"]


def run_inside(argv, capsys) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert_clean_stderr(err)
    return rc, out, err


def message_of(command: str, out: str, err: str) -> str:
    """Where a command says why it wrote nothing: stderr ("错误：…"); check lists it with the file's results."""
    if command == "check-annotate":
        assert "未能生成标注副本：" in out, out
        return out.split("未能生成标注副本：", 1)[1]
    assert err.startswith("错误："), err
    return err


# ---------------------------------------------------------------- a read-only output folder
def unprivileged() -> tuple[str, ...]:
    """A prefix that runs a command without root's power to write anywhere.

    Tests run as root in CI, and root ignores folder permissions. ``setpriv`` (util-linux) drops every
    capability (CAP_DAC_OVERRIDE among them) before the command starts, so the folder's mode applies, while
    the user stays root, who can still run the Python installed under /root. As an ordinary user no prefix
    is needed.
    """
    if os.geteuid() != 0:
        return ()
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test a read-only folder as root"
    return ("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--")


@pytest.fixture
def readonly(tmp_path):
    folder = tmp_path / "只读 文件夹"
    folder.mkdir()
    folder.chmod(0o555)
    probe = subprocess.run(
        [*unprivileged(), sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"], capture_output=True
    )
    assert probe.returncode != 0, "the read-only folder is writable: the test would prove nothing"
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("command", COMMANDS)
def test_read_only_output_folder(command, readonly, clean_xlsx, published_docx):
    argv, target = writers(clean_xlsx, published_docx, readonly)[command]
    before = sha256(clean_xlsx), sha256(published_docx)
    r = nianbao(*argv, prefix=unprivileged())

    assert_clean_stderr(r.stderr)
    assert r.returncode == 2, r.stdout + r.stderr
    message = message_of(command, r.stdout, r.stderr)
    assert f"无法在文件夹“{readonly}”中写入文件（拒绝访问" in message and "写入权限" in message
    assert list(readonly.iterdir()) == []
    assert (sha256(clean_xlsx), sha256(published_docx)) == before


# ---------------------------------------------------------------- an output that is open in Excel or Word
@pytest.mark.parametrize("command", COMMANDS)
def test_output_open_in_another_program(command, tmp_path, clean_xlsx, published_docx, monkeypatch, capsys):
    """Simulated: Linux lets a file open in another program be replaced, Windows does not. There, replacing
    a workbook open in Excel (or a document open in Word) fails in ``os.replace`` with PermissionError,
    errno EACCES ([WinError 32] or [WinError 5]); this test makes ``os.replace`` fail exactly so for the
    output, and checks what the user is told and that the open file and its folder are as before."""
    out = tmp_path / "输出"
    out.mkdir()
    argv, target = writers(clean_xlsx, published_docx, out)[command]
    argv = [*argv, "--force"]  # replacing an existing output is asked for
    target.write_bytes(b"the version open in Excel")
    real_replace = os.replace

    def locked(src, dst, *args, **kwargs):
        if os.fspath(dst) == os.fspath(target):
            raise PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。", os.fspath(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", locked)
    rc, stdout, err = run_inside(argv, capsys)

    assert rc == 2, stdout + err
    message = message_of(command, stdout, err)
    assert f"无法写入“{target}”（拒绝访问" in message and "请先关闭后重试" in message
    assert target.read_bytes() == b"the version open in Excel"
    assert [p.name for p in out.iterdir()] == [target.name]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_output_named_like_an_existing_folder(command, tmp_path, clean_xlsx, published_docx, capsys):
    """The output's name is taken by a folder. (-o of new/word/import is refused by click before anything
    runs; the annotated copy's name reaches workbook.atomic, which says so in its own words.)"""
    out = tmp_path / "输出"
    argv, target = writers(clean_xlsx, published_docx, out)[command]
    (target / "别人的文件").mkdir(parents=True)
    rc, stdout, err = run_inside(argv, capsys)

    assert rc == 2
    message = message_of(command, stdout, err)
    assert str(target) in message
    if command == "check-annotate":
        assert f"输出文件“{target}”与一个已有的文件夹同名" in message
    assert [p.name for p in target.iterdir()] == ["别人的文件"]
    assert leftovers(tmp_path) == []


def test_disk_full_half_way_leaves_the_previous_output_whole(tmp_path, clean_xlsx, monkeypatch, capsys):
    """The document is half written when the disk fills up: the previous report stays as it was, and the
    half-written temporary file is removed."""
    import docx.document

    target = tmp_path / "输出" / "年度报告.docx"
    target.parent.mkdir()
    target.write_bytes(b"last year's export")

    def half_then_full(self, path):
        with open(path, "wb") as f:
            f.write(b"PK\x03\x04 half a document")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", half_then_full)
    rc, stdout, err = run_inside(["word", clean_xlsx, "-o", target, "--force"], capsys)

    assert rc == 2 and f"无法写入“{target}”（磁盘空间不足）" in err
    assert target.read_bytes() == b"last year's export"
    assert leftovers(tmp_path) == [] and [p.name for p in target.parent.iterdir()] == [target.name]


# ---------------------------------------------------------------- names and paths
def deep_folder(root, length: int = 1000):
    """Nested folders with Chinese names and spaces, the whole path longer than ``length`` characters (each
    name well under the 255-byte limit of one name; the path under Linux's 4096)."""
    folder = root
    level = 1
    while len(str(folder)) <= length:
        folder = folder / f"第{level}层 政府信息公开 工作年度报告 归档目录"
        level += 1
    folder.mkdir(parents=True)
    return folder


def test_very_long_paths_with_chinese_and_spaces(tmp_path, capsys):
    """Input and every output more than 1000 characters deep: check (in a new process) and the writers."""
    folder = deep_folder(tmp_path)
    src = folder / "温县人民政府办公室 2024年度 政府信息公开工作年度报告（定稿 第3版）.xlsx"
    src.write_bytes(files.good_bytes())
    before = sha256(src)
    assert len(str(src)) > 1000

    r = nianbao("check", src, "--annotate", folder / "校验 结果")
    assert_clean_stderr(r.stderr)
    assert r.returncode == 0 and f"√ {src.name}：未发现问题" in r.stdout
    assert (folder / "校验 结果" / f"{src.stem}_校验.xlsx").exists()

    assert run_inside(["word", src, "-o", folder / "导出 文件" / "年度报告 定稿.docx"], capsys)[0] == 0
    assert (folder / "导出 文件" / "年度报告 定稿.docx").stat().st_size > 10_000
    assert run_inside(["new", "-o", folder / "新 模板.xlsx"], capsys)[0] == 0
    assert (folder / "新 模板.xlsx").exists()
    assert sha256(src) == before
    assert leftovers(tmp_path) == []


def test_a_file_name_at_the_length_limit(tmp_path, capsys):
    """An 82-character Chinese name (251 bytes) fits the 255-byte limit; its annotated copy's name
    (+"_校验", 258 bytes) does not: the check itself works, the copy is refused in Chinese, nothing is left."""
    src = tmp_path / ("政府信息公开" * 13 + "年度报告").__add__(".xlsx")
    assert len(src.name.encode()) == 251
    src.write_bytes(files.good_bytes())
    rc, out, err = run_inside(["check", src, "--annotate", tmp_path / "标注"], capsys)

    assert rc == 2
    assert "未发现问题" in out and "未能生成标注副本" in out and "文件名或路径过长" in out
    assert leftovers(tmp_path) == [] and not any((tmp_path / "标注").iterdir())


# ---------------------------------------------------------------- an input the user may not read
LIBRARY_READ = """
import sys
from pathlib import Path
from workbook.errors import NianbaoError
path = Path(sys.argv[1])
try:
    if path.suffix == ".xlsx":
        from workbook.read import read_workbook
        read_workbook(path)
    else:
        from xladdin.importers import import_report
        import_report(path)
except NianbaoError as exc:
    print(exc)
    sys.exit(2)
"""


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_input_without_read_permission(kind, tmp_path, clean_xlsx, published_docx):
    """A file copied from another user's share without read permission: exit 2 and the file named, from the
    command line (click refuses the argument before our code runs) and from the library the Excel add-in
    and merge use; nothing written."""
    src = clean_xlsx if kind == "xlsx" else published_docx
    src.chmod(0o000)
    try:
        for argv in (["check", src], ["word", src, "-o", tmp_path / "出" / "报告.docx"]):
            r = nianbao(*argv, prefix=unprivileged())
            assert_clean_stderr(r.stderr)
            assert r.returncode == 2, r.stdout + r.stderr
            assert r.stderr.startswith("错误：") and str(src) in r.stderr
        assert not (tmp_path / "出").exists()

        r = subprocess.run([*unprivileged(), sys.executable, "-c", LIBRARY_READ, str(src)], capture_output=True, text=True)
        assert_clean_stderr(r.stderr)
        assert r.returncode == 2 and f"无法读取文件“{src}”" in r.stdout, r.stdout + r.stderr
        if kind == "docx":
            assert "（拒绝访问" in r.stdout
    finally:
        src.chmod(0o644)
