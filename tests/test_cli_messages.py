"""What the command line says and refuses: help on its own, a near command suggested, outputs never
overwritten without --force nor written under the wrong extension, no library's English shown, and the
demo explaining each of its files."""

from __future__ import annotations

import re

import pytest

from workbook.write import write_report
from xladdin.cli import main
from xladdin.samples import wenxian_2024

LATIN_SENTENCE = re.compile(r"[A-Za-z]{3,} [A-Za-z]{2,} [A-Za-z]{2,}")  # "is not a", "content type is"


def test_nianbao_alone_prints_the_help_and_succeeds(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：nianbao") and "check" in out and "命令" in out


@pytest.mark.parametrize(("typed", "meant"), [("chek", "check"), ("wrod", "word"), ("improt", "import"), ("comapre", "compare")])
def test_a_mistyped_command_gets_the_nearest_one(typed, meant, capsys):
    assert main([typed, "x.xlsx"]) == 2
    err = capsys.readouterr().err
    assert f"没有“{typed}”这个命令，您是不是要输入“{meant}”？" in err


def test_a_command_nothing_like_any_lists_them(capsys):
    assert main(["zzzz"]) == 2
    err = capsys.readouterr().err
    assert "没有“zzzz”这个命令" in err and "check" in err and "您是不是" not in err


def test_new_refuses_an_existing_file_unless_forced(tmp_path, capsys):
    out = tmp_path / "已填好的.xlsx"
    write_report(wenxian_2024(), out)
    before = out.read_bytes()
    assert main(["new", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err and str(out) in err
    assert out.read_bytes() == before
    assert main(["new", "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != before


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["new", "-o", "{d}/模板.docx"], ".xlsx"),
        (["import", "{s}", "-o", "{d}/导入.docx"], ".xlsx"),
        (["word", "{w}", "-o", "{d}/报告.xlsx"], ".docx"),
        (["merge", "{w}", "{w2}", "-o", "{d}/汇总.csv"], ".xlsx"),
        (["compare", "{w}", "{w2}", "-o", "{d}/对比.docx"], ".xlsx"),
    ],
)
def test_every_writer_refuses_the_wrong_extension(argv, wanted, tmp_path, capsys):
    from pathlib import Path

    work, work2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_report(wenxian_2024(), work)
    write_report(wenxian_2024(), work2)
    sample = Path(__file__).parent / "fixtures" / "samples" / "wenxian_zhengfuban_2024.txt"
    out = tmp_path / "出"
    out.mkdir()
    args = [a.format(d=out, s=sample, w=work, w2=work2) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "扩展名应为" in err and wanted in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", ["word", "import", "merge", "compare"])
def test_every_writer_refuses_an_existing_output(command, tmp_path, capsys):
    from pathlib import Path

    work, work2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_report(wenxian_2024(), work)
    write_report(wenxian_2024(), work2)
    sample = Path(__file__).parent / "fixtures" / "samples" / "wenxian_zhengfuban_2024.txt"
    target = tmp_path / ("x.docx" if command == "word" else "x.xlsx")
    target.write_bytes(b"someone's file")
    argv = {
        "word": ["word", work, "-o", target],
        "import": ["import", sample, "-o", target],
        "merge": ["merge", work, work2, "-o", target],
        "compare": ["compare", work, work2, "-o", target],
    }[command]
    assert main([str(a) for a in argv]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == b"someone's file"


def test_no_library_english_reaches_the_user(tmp_path, capsys):
    work = tmp_path / "a.xlsx"
    write_report(wenxian_2024(), work)
    fake = tmp_path / "样式.docx"
    fake.write_bytes(b"PK\x03\x04 not really a document")
    assert main(["word", str(work), "-o", str(tmp_path / "r.docx"), "--force", "--reference-doc", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "样式参考文件" in err and not LATIN_SENTENCE.search(err), err


def test_a_bug_of_ours_is_reported_without_its_english_text(monkeypatch, capsys):
    import xladdin.cli.commands.new as new_command

    def broken(*args, **kwargs):
        raise ValueError("something went wrong in a library")

    monkeypatch.setattr("workbook.write.new_template", broken)
    assert main(["new", "-o", "nowhere.xlsx"]) == 3
    err = capsys.readouterr().err
    assert "程序内部错误" in err and "something" not in err and "ValueError" not in err
    assert new_command  # the command module was the one run


def test_demo_writes_every_output_and_says_what_each_is(tmp_path, capsys):
    out = tmp_path / "演示"
    assert main(["demo", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 and any(n.endswith("_校验.xlsx") for n in names)
    assert any(n.endswith(".xlsm") for n in names) and any(n.endswith(".docx") for n in names)
    for name in names:
        assert name in said
    assert "草稿" in said and "下一步" in said and "标注副本" in said and "标红" in said
    assert "NARR." not in said and not LATIN_SENTENCE.search(said)
    from openpyxl import load_workbook

    marked = load_workbook(next(out.glob("*_校验.xlsx")))
    assert marked.active.title == "校验结果" and marked["主动公开"]["B5"].comment is not None
    assert main(["demo", "-o", str(out)]) == 2  # run again: nothing overwritten without --force
    assert "已有" in capsys.readouterr().err
    assert main(["demo", "-o", str(out), "--force"]) == 0


def test_check_annotate_keeps_an_existing_marked_copy_unless_forced(tmp_path, capsys):
    work = tmp_path / "报告.xlsx"
    write_report(wenxian_2024(), work)
    out = tmp_path / "标注"
    assert main(["check", str(work), "--annotate", str(out)]) == 1
    copy = out / "报告_校验.xlsx"
    copy.write_bytes(b"the clerk's notes in the copy")
    capsys.readouterr()
    assert main(["check", str(work), "--annotate", str(out)]) == 2
    said = capsys.readouterr().out
    assert "已存在" in said and "--force" in said and copy.read_bytes() == b"the clerk's notes in the copy"
    assert main(["check", str(work), "--annotate", str(out), "--force"]) == 1
    assert copy.read_bytes().startswith(b"PK")
