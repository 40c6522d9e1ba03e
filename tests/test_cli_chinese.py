"""The `gazette` command speaks Chinese: its usage lines, help and errors (click's own words included), and
its help is wrapped between characters, never inside an English word."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from gazette_cli import clickzh
from gazette_cli.main import cli
from indexer.build import DEFAULT_INDEX_DIR

ENGLISH_FRAME = re.compile(
    r"Usage|Options|Commands|Show this|Error|Try '|No such|Missing|Invalid|TEXT|INTEGER|default:"
)


def click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message click's source marks for translation: `_("…")` and `ngettext("…", "…", n)`."""
    singles, plurals = set(), set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and texts:
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_every_translated_message_is_one_click_still_uses():
    singles, plurals = click_messages()
    assert len(singles) > 40  # the scan works
    assert sorted(set(clickzh.MESSAGES) - singles) == []
    assert sorted(set(clickzh.PLURALS) - plurals) == []


def test_the_messages_a_user_meets_are_all_translated():
    singles, plurals = click_messages()
    met = {
        "Usage:",
        "Options",
        "Commands",
        "Show this message and exit.",
        "Error: {message}",
        "Try '{command} {option}' for help.",
        "No such option {name!r}.",
        "No such command {name!r}.",
        "Missing argument",
        "Invalid value for {param_hint}: {message}",
        "default: {default}",
    }
    assert met <= singles and met <= set(clickzh.MESSAGES)
    assert all(pair in clickzh.PLURALS for pair in plurals if "{value!r} is not" in pair[0] or "Did you" in pair[0])


def commands() -> list[list[str]]:
    return [[]] + [[name] for name in sorted(cli.commands)]


@pytest.mark.parametrize("args", commands(), ids=lambda a: " ".join(a) or "gazette")
def test_help_is_chinese_and_wraps_between_characters(args):
    result = CliRunner().invoke(cli, [*args, "--help"], terminal_width=60, prog_name="gazette")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("用法：gazette")
    assert not ENGLISH_FRAME.search(text), text
    command = cli.commands[args[0]] if args else cli
    # every English or numeric run in the help is one the help was written with: none cut at a line end
    ctx = click.Context(command, info_name="gazette")
    records = [p.get_help_record(ctx) for p in command.get_params(ctx)]
    written = " ".join(
        [str(DEFAULT_INDEX_DIR), "gazette", *args, command.help or "", *(p.human_readable_name for p in command.params)]
        + [" ".join(record) for record in records if record]
        + [f"{name} {c.help}" for name, c in getattr(command, "commands", {}).items()]
    )
    runs = set(re.findall(r"[A-Za-z0-9_]+", written))
    for line in text.splitlines():
        for run in re.findall(r"[A-Za-z0-9_]+", line):
            assert run in runs, f"{run!r} in {line!r}"


@pytest.mark.parametrize(
    "args, said",
    [
        (["index", "--bogus"], "没有这个选项：--bogus"),
        (["parse"], "缺少参数"),
        (["search", "--kind", "foo"], "“foo”无效，可选："),
        (["serve", "--port", "99999"], "不在范围"),
        (["nosuch"], "没有这个命令：nosuch"),
        (["search", "统计", "--bogus"], "没有这个选项：--bogus"),
    ],
)
def test_usage_errors_are_chinese(args, said):
    result = CliRunner().invoke(cli, args, prog_name="gazette")
    assert result.exit_code == 2
    assert said in result.output and "错误：" in result.output and "用法：gazette" in result.output
    assert not ENGLISH_FRAME.search(result.output), result.output


def test_wrapping_keeps_words_and_punctuation_whole():
    text = "所有检索词在同一句（sentence）、同一段（paragraph）或同一条（clause）中。"
    for width in range(14, 60):  # from the widest run that must stay whole, （paragraph）、
        lines = clickzh.wrap_line(text, width)
        assert "".join(lines) == text
        assert all(clickzh.display_width(line) <= width for line in lines), (width, lines)
        for line in lines[1:]:
            assert line[0] not in "，。、）"
        for line in lines[:-1]:
            assert line[-1] != "（"
        for word in ("sentence", "paragraph", "clause"):
            assert any(word in line for line in lines)


def test_the_list_of_commands_joins_chinese_lines_without_spaces_and_cuts_by_columns():
    result = CliRunner().invoke(cli, ["--help"], terminal_width=80, prog_name="gazette")
    listed = result.output.split("命令：\n", 1)[1].splitlines()
    assert len(listed) == len(cli.commands)  # one line each
    assert all(clickzh.display_width(line) <= 80 for line in listed)
    assert not any(re.search(r"[。，；：）] ", line) for line in listed), listed
    assert clickzh.short_help("第一行。\n第二行。\n\n另一段。", 40) == "第一行。第二行。"
    assert clickzh.short_help("统" * 30, 21) == "统" * 10 + "…"


def run_main(monkeypatch, capsys, *args: str) -> str:
    """What `gazette ARGS` prints when it stops with an error (main(), as the console script runs it)."""
    from gazette_cli.main import main

    monkeypatch.setattr("sys.argv", ["gazette", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    said = stop.value.code if isinstance(stop.value.code, str) else ""
    captured = capsys.readouterr()
    return said + captured.out + captured.err


def test_files_that_cannot_be_read_are_said_so_in_chinese(tmp_path, monkeypatch, capsys):
    """The operating system's reasons were printed as it gives them (无法读取：No such file or directory, a
    traceback for an index folder that cannot be made, click's English for `gazette cite` of a missing file)."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    cases = [
        (("parse", str(tmp_path / "gone.txt")), "gone.txt: 无法读取：文件或文件夹不存在"),
        (("parse", str(tmp_path / "loop.txt")), "loop.txt: 无法读取：符号链接成环"),
        (("cite", str(tmp_path / "gone.txt")), "不存在"),
        (("cite", str(tmp_path)), "是目录"),
        # an index folder under a file: it cannot be made (a traceback, FileNotFoundError/NotADirectoryError)
        (("index", "--index", str(tmp_path / "a.txt" / "index")), "a.txt/index: 路径中的某一级不是文件夹"),
    ]
    for args, says in cases:
        output = run_main(monkeypatch, capsys, *args)
        assert says in output and "Traceback" not in output, (args, output)
        assert not re.search(r"No such|Too many|Not a directory|Is a directory|Errno", output), (args, output)


def test_gazette_parse_prints_a_file_name_escaped(tmp_path):
    """A name holding ESC [2J and a newline reached the terminal as they are (cleared it, forged a line of
    output), and a name that is not UTF-8 was written as its raw bytes, in the JSON too (not UTF-8)."""
    import json
    import os

    notice = "兴安盟行政公署关于印发统计工作方案的通知\n兴署发〔2022〕6号\n\n各旗县市人民政府：\n现将方案印发给你们。\n\n兴安盟行政公署\n2022年3月1日\n"
    hostile = tmp_path / "a\x1b[2J\nb.txt"
    hostile.write_text(notice, encoding="utf-8")
    raw = os.path.join(os.fsencode(tmp_path), b"c\xff.txt")
    with open(raw, "wb") as fh:
        fh.write(notice.encode("utf-8"))
    runner = CliRunner()
    names = [str(hostile), os.fsdecode(raw)]
    output = runner.invoke(cli, ["parse", *names]).output
    assert "\x1b" not in output and "a\\x1b[2J\\nb.txt: " in output
    assert [line for line in output.splitlines() if not line.startswith("  ")] == [
        "a\\x1b[2J\\nb.txt: （刊物不详）2022年  [2022-dee8eea7]",
        "c\\udcff.txt: （刊物不详）2022年  [2022-dee8eea7]",
    ]
    output = runner.invoke(cli, ["parse", "--json", *names]).output
    output.encode("utf-8")  # no lone surrogate left
    assert [issue["source"] for issue in json.loads(output)] == ["a\x1b[2J\nb.txt", "c\udcff.txt"]
