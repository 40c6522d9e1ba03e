"""click speaking Chinese: its own messages (usage, help, errors) translated, and help text wrapped by
display width, so a line of Chinese breaks between characters, never inside an English word.

click marks its messages for gettext (`from gettext import gettext as _` in each of its modules) but ships
no translations, and the gettext domain is process-wide. So the few modules that format what a user of
`gazette` meets get a translating `_` and `ngettext` of their own (`install`). Every message translated here
is one click still uses: tests/test_cli_chinese.py reads click's source and fails when one disappears, so a
click upgrade that rewords a message is noticed, not silently left in English.
"""

from __future__ import annotations

import inspect
import re
import unicodedata

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

# click's message → ours. `{name!r}` in click's text is filled by .format(name=…), so ours may use `{name}`.
MESSAGES: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看帮助。",
    "No such option {name!r}.": "没有这个选项：{name}",
    "No such command {name!r}.": "没有这个命令：{name}。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "deprecated": "已弃用",
    "(dynamic)": "（动态）",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是目录。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
}
# (singular, plural) → ours, for both numbers
PLURALS: dict[tuple[str, str], str] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "多余的参数：{args}",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): "（是否想用 {possibilities}？）",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): "选项 {name} 需要值。",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): "“{value}”无效，可选：{choices}。",
    (
        "Takes {nargs} values but 1 was given.",
        "Takes {nargs} values but {len} were given.",
    ): "需要 {nargs} 个值，给了 {len} 个。",
}
# the click modules whose messages a user meets
MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    ours = PLURALS.get((singular, plural))
    if ours is not None:
        return ours
    return singular if count == 1 else plural


# -- wrapping by display width ---------------------------------------------------------------------------

# a run of characters that must stay together (an option, an English word, a number), white space, or one
# character of any other kind (a Han character, full-width punctuation: a line may break before any of them)
_TOKEN = re.compile(r"\s+|[!-~]+|.", re.S)
_NO_LINE_START = set("，。、；：！？）》」』”’】〉,.;:!?)]}")  # a line does not begin with these
_NO_LINE_END = set("（《「『“‘【〈([{")  # nor end with these


def display_width(text: str) -> int:
    """Columns on a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in click.unstyle(text))


def wrap_line(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """Greedy wrapping of one paragraph by display width. A closing mark that does not fit takes the
    character before it down to the next line, an opening mark goes down with what it opens; only a run
    wider than the whole line is left longer."""
    lines: list[str] = []
    indent, tokens = initial_indent, list[str]()  # the line being filled: its indent and its tokens
    used = display_width(indent)
    for token in _TOKEN.findall(" ".join(text.split("\n"))):
        if token.isspace():
            if tokens and tokens[-1] != " ":
                tokens.append(" ")
                used += 1
            continue
        size = display_width(token)
        if used + size > width and any(not t.isspace() for t in tokens):
            while tokens and tokens[-1] == " ":
                tokens.pop()
            carried: list[str] = []
            if token in _NO_LINE_START:
                while len(tokens) > 1 and (not carried or carried[0] in _NO_LINE_START):
                    carried.insert(0, tokens.pop())
            while len(tokens) > 1 and tokens[-1] in _NO_LINE_END:
                carried.insert(0, tokens.pop())
            lines.append((indent + "".join(tokens)).rstrip())
            indent, tokens = subsequent_indent, carried
            used = display_width(indent + "".join(tokens))
        tokens.append(token)
        used += size
    if any(not t.isspace() for t in tokens) or not lines:
        lines.append((indent + "".join(tokens)).rstrip())
    return lines


def wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click.formatting.wrap_text's contract (paragraphs separated by blank lines; one starting with "\\b"
    is kept as written), wrapping by display width."""
    if not preserve_paragraphs:
        return "\n".join(wrap_line(_join_lines(text), width, initial_indent, subsequent_indent))
    out = []
    for para in re.split(r"\n\s*\n", text.strip("\n")):
        if para.startswith("\b"):
            out.append("\n".join(initial_indent + line for line in para[1:].lstrip("\n").splitlines()))
            continue
        indent = " " * (len(para) - len(para.lstrip(" ")))
        out.append(
            "\n".join(wrap_line(_join_lines(para.strip()), width, initial_indent + indent, subsequent_indent + indent))
        )
    return "\n\n".join(out)


def _join_lines(text: str) -> str:
    """A docstring's lines as one paragraph: Chinese joins without a space, English with one."""
    pieces = [line.strip() for line in text.splitlines() if line.strip()]
    joined = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        wide = display_width(joined[-1]) == 2 or display_width(piece[0]) == 2
        joined += piece if wide else " " + piece
    return joined


def short_help(text: str, limit: int) -> str:
    """What a command's line in the list of commands says: its help's first paragraph, at most `limit`
    columns wide (click's own cut joins lines with a space and counts characters, not columns)."""
    first = _join_lines(inspect.cleandoc(text).split("\n\n")[0])
    if display_width(first) <= limit:
        return first
    kept, used = [], 0
    for token in _TOKEN.findall(first):  # whole English words, single Chinese characters
        used += display_width(token)
        if used > limit - 1:
            break
        kept.append(token)
    return "".join(kept).rstrip().rstrip("（《「“([") + "…"


def install() -> None:
    """Make click's messages Chinese and its help wrap by display width (idempotent)."""
    for module in MODULES:
        module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]
    formatting: object = click.formatting
    formatting.wrap_text = wrap_text  # type: ignore[attr-defined]
    formatting.term_len = display_width  # type: ignore[attr-defined]


class ChineseFormatter(click.HelpFormatter):
    """Headings and the usage line with a full-width colon and no space after it."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(click.Command):
    """A command whose usage line says [选项] and whose help is wrapped at up to 100 columns."""

    context_class = ChineseContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("context_settings", {}).setdefault("max_content_width", 100)
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, its lines joined as Chinese joins them, cut to `limit` columns."""
        return short_help(self.short_help or self.help or "", limit)


class ChineseGroup(click.Group):
    context_class = ChineseContext
    command_class = ChineseCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        kwargs.setdefault("context_settings", {}).setdefault("max_content_width", 100)
        super().__init__(*args, **kwargs)
