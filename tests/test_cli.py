"""The command line speaks Chinese: help for every command, usage errors, and no tracebacks."""

import subprocess
import sys

import pytest

from xladdin.cli import COMMANDS, main

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "[default", "[required]", "Error:")


def test_every_registered_command_exists_and_has_chinese_help(capsys):
    for name in COMMANDS:
        assert main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"用法：nianbao {name}"), name
        assert "选项：" in out and "显示本帮助并退出" in out
        for word in ENGLISH:
            assert word not in out, (name, word)


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name, (_, _, summary) in COMMANDS.items():
        assert name in out and summary in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["new", "--bogus"], "没有选项“--bogus”"),
        (["check"], "缺少参数"),
        (["new", "--year", "abc"], "取值有误"),
        (["nosuchcommand"], "命令用法有误"),
    ],
)
def test_usage_errors_are_chinese(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_console_script_runs_as_a_process(tmp_path):
    out = tmp_path / "模板 一.xlsx"
    proc = subprocess.run([sys.executable, "-m", "xladdin.cli", "new", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0 and out.exists()
    assert "已生成模板" in proc.stdout and proc.stderr == ""
