"""The ``nianbao`` command line: parses arguments, calls the library, formats output, sets exit codes.

Commands are loaded lazily from ``xladdin/cli/commands/<name>.py`` so that ``nianbao check`` imports
nothing heavy that another command needs (openpyxl, pandas, python-docx, xlwings).
Help and error texts are Chinese: click's English headings are replaced here.
"""

from __future__ import annotations

import difflib
import importlib
import os
import sys

import click

from .chinese import ChineseCommand, ChineseHelp, chinese_click_message

# name → (module, attribute, one-line help shown in `nianbao --help` without importing the module)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "new": ("xladdin.cli.commands.new", "new", "生成空白填报模板（.xlsx）。"),
    "demo": ("xladdin.cli.commands.demo", "demo", "用内置的温县 2024 年样例演示全部流程。"),
    "check": ("xladdin.cli.commands.check", "check", "校验工作簿或已发布的报告，列出全部错误和提醒。"),
    "text": ("xladdin.cli.commands.text", "text", "根据表格数据生成报告正文文字。"),
    "word": ("xladdin.cli.commands.word", "word", "导出公文格式的 Word 年度报告。"),
    "import": ("xladdin.cli.commands.import_", "import_", "读取已发布的报告（.docx/.pdf/.html/.txt），转为填报模板。"),
    "merge": ("xladdin.cli.commands.merge", "merge", "汇总多个单位的工作簿。"),
    "compare": ("xladdin.cli.commands.compare", "compare", "与上年度报告逐项对比。"),
    "lite": ("xladdin.cli.commands.lite", "lite", "导出 xlwings Lite 使用的 main.py 和 requirements.txt。"),
    "serve": ("xladdin.cli.commands.serve", "serve", "启动网页版：在浏览器中校验、批量审核、导出 Word。"),
}


class LazyGroup(ChineseHelp, click.Group):
    """The top-level group: Chinese help, commands imported only when run."""

    command_class = ChineseCommand

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("xladdin.cli.commands"):
                return None  # a command not built yet is simply not offered
            raise

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "命令 [参数]...", prefix="用法：")

    def format_options(self, ctx, formatter):
        super().format_options(ctx, formatter)
        rows = [(name, COMMANDS[name][2]) for name in COMMANDS if self.get_command(ctx, name) is not None]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="nianbao（年报）：政府信息公开工作年度报告的填报模板、校验、正文生成和 Word 导出工具。\n\n"
    "常用：nianbao new -o 模板.xlsx；nianbao check 报告.xlsx；nianbao word 报告.xlsx；nianbao demo。"
    "每个命令的用法见 nianbao 命令 --help。",
)
@click.version_option(package_name="nianbao", message="nianbao %(version)s", help="显示版本并退出。")
def app() -> None:
    pass


def _param_name(param: click.Parameter | None) -> str:
    """How a parameter appears on the command line: "-o/--output", or an argument's Chinese name."""
    if param is None:
        return ""
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.metavar or param.human_readable_name


def main(argv: list[str] | None = None) -> int:
    """Entry point: Chinese messages for usage errors and for every NianbaoError, never a traceback."""
    from workbook.errors import NianbaoError

    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # ``nianbao`` alone: the help, as a first step and not an error
        argv = ["--help"]
    if not argv[0].startswith("-") and argv[0] not in COMMANDS:
        click.echo(f"错误：命令用法有误：{unknown_command(argv[0])}", err=True)
        return 2
    try:
        rv = app.main(args=argv, prog_name="nianbao", standalone_mode=False)
    except click.exceptions.NoSuchOption as exc:
        click.echo(f"错误：没有选项“{exc.option_name}”。请运行 nianbao --help 查看用法。", err=True)
        return 2
    except click.exceptions.MissingParameter as exc:
        name = _param_name(exc.param)
        click.echo(f"错误：缺少参数“{name.rstrip('.')}”。请运行 nianbao {exc.ctx.info_name if exc.ctx else ''} --help 查看用法。", err=True)
        return 2
    except click.exceptions.BadParameter as exc:
        name = _param_name(exc.param)
        click.echo(f"错误：参数 {name} 的取值有误（{chinese_click_message(exc.message)}）。", err=True)
        return 2
    except click.exceptions.UsageError as exc:
        click.echo(f"错误：命令用法有误（{exc.message}）。请运行 nianbao --help 查看用法。", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except NianbaoError as exc:
        click.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        return 130
    except Exception:  # a bug of ours: say so plainly; NIANBAO_DEBUG=1 shows the traceback
        if os.environ.get("NIANBAO_DEBUG"):
            raise
        click.echo("程序内部错误。请将所用的命令和文件反馈给开发者；设置环境变量 NIANBAO_DEBUG=1 可显示详细信息。", err=True)
        return 3
    return rv if isinstance(rv, int) else 0


def unknown_command(name: str) -> str:
    """"没有“chek”这个命令，您是不是要输入“check”？" — the nearest command by spelling, if one is near."""
    near = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.6)
    if near:
        return f"没有“{name}”这个命令，您是不是要输入“{near[0]}”？"
    return f"没有“{name}”这个命令。可用的命令：{'、'.join(COMMANDS)}；请运行 nianbao --help 查看用法。"


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
