"""click in Chinese: help headings, metavars and click's own English messages."""

from __future__ import annotations

import re

import click


# click checks paths before our code runs and words its messages in English.
_CLICK_PATH = re.compile(r"^(File|Directory|Path) (?P<q>['\"])(?P<path>.*)(?P=q) (?P<what>.+)\.$", re.S)
_CLICK_PATH_TEXTS = {
    "does not exist": "“{}”不存在",
    "is a file": "“{}”是文件，这里应为文件夹",
    "is a directory": "“{}”是文件夹，这里应为文件",
    "is not readable": "没有读取“{}”的权限",
    "is not writable": "没有写入“{}”的权限",
    "is not executable": "没有运行“{}”的权限",
}


_CLICK_VALUE = (
    (re.compile(r"^'(.*)' is not a valid (integer|integer range)\.$", re.S), "“{0}”不是有效的整数"),
    (re.compile(r"^'(.*)' is not a valid (float|float range)\.$", re.S), "“{0}”不是有效的数字"),
    (re.compile(r"^(.*) is not in the range (.*)\.$", re.S), "{0} 不在允许的范围（{1}）内"),
    (re.compile(r"^'(.*)' is not one of (.*)\.$", re.S), "“{0}”不是可选值（{1}）之一"),
)


def chinese_click_message(message: str) -> str:
    m = _CLICK_PATH.match(message)
    if m and m["what"] in _CLICK_PATH_TEXTS:
        return _CLICK_PATH_TEXTS[m["what"]].format(m["path"].replace("\\\\", "\\"))
    for pattern, text in _CLICK_VALUE:
        if m := pattern.match(message):
            return text.format(*m.groups())
    return message


ARGUMENT_NAMES_ZH = {"file": "文件", "files": "文件", "report": "报告", "this": "本年", "last": "上年", "paths": "文件或文件夹"}


def _chinese_metavar(param: click.Parameter) -> str | None:
    """A Chinese placeholder for click's English ones (FILE, DIR, INTEGER, REPORT…)."""
    if isinstance(param, click.Argument):
        name = ARGUMENT_NAMES_ZH.get(param.name or "", (param.name or "").upper())
        return name + ("..." if param.nargs == -1 else "")
    if getattr(param, "is_flag", False) or isinstance(param.type, click.Choice):
        return None
    if isinstance(param.type, click.Path):
        return "文件夹" if not param.type.file_okay else "文件"
    if isinstance(param.type, (click.types.IntParamType, click.IntRange)):
        return "数目"
    if isinstance(param.type, click.types.StringParamType):
        return "文字"
    return None


class ChineseHelp:
    """Mixin: click's help headings and the --help text in Chinese.

    Give options a Chinese ``metavar`` and write defaults into the help text (click prints
    "default:" in English).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None:
                param.metavar = _chinese_metavar(param)

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx, formatter):
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("选项"):
                formatter.write_dl(opts)

    def get_help(self, ctx):
        """click's ASCII heading colon ("选项:") and "[required]" in Chinese."""
        text = re.sub(r"^(\S[^\n]*?):$", r"\1：", super().get_help(ctx), flags=re.M)
        return text.replace("[required]", "[必填]")

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class ChineseCommand(ChineseHelp, click.Command):
    """A click command whose help is Chinese."""
