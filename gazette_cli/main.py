"""The `gazette` command: each subcommand is a thin layer over one library function.

    gazette parse FILE... [--json]        corpus.parse_files
    gazette index [--corpus] [--index]    indexer.build.build_index
    gazette add FILE... [--corpus]        corpus.add_to_corpus, then indexer.build.build_index
    gazette check [--index]               indexer.build.check_index
    gazette search QUERY [filters]        indexer.searching.open_search(…).search
    gazette trends QUERY... [--by]        indexer.searching.open_search(…).counts, by year/month/issue
    gazette crosstab QUERY [--rows --cols] indexer.searching.open_search(…).counts, two dimensions
    gazette cite FILE|-                   indexer.searching.open_search(…).cite
    gazette serve [--host] [--port]       search_web.serve.serve

Messages are Chinese; a request that cannot be answered exits with status 2 and one line saying why.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from corpus import GazetteParseError, add_to_corpus
from corpus.errors import os_reason, shown
from corpus.readers.decoding import decode_bytes
from corpus.readers.docx import is_docx
from corpus.readers.formats import unsupported
from indexer.api import (
    COUNT_DIMENSIONS,
    COUNT_UNITS,
    MAX_SERIES,
    NEAR_SCOPES,
    SORTS,
    IndexUnavailableError,
    SearchError,
    parse_request,
    shared_axis,
)
from indexer.bounded import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits, LimitsError
from indexer.build import (
    DEFAULT_INDEX_DIR,
    STAGE_LABELS,
    BuildError,
    bounded_corpus_parser,
    build_index,
    check_index,
    corpus_to_add_to,
    index_status,
    parse_bounded,
)
from indexer.engine import REMOTE_URL_VARIABLE, engine_names
from indexer.facets import FACETS
from indexer.writelock import WriterBusyError, writer_lock

from . import clickzh

clickzh.install()  # before the options below are made: click names their types (目录) as they are built


class QueryError(click.ClickException):
    """A request that cannot be answered: exit status 2, like a usage error."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", file=file, err=file is None)


class Failure(click.ClickException):
    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", file=file, err=file is None)


@click.group(cls=clickzh.ChineseGroup)
def cli():
    """检索《兴安盟行政公署公报》：解析公报文件、建立索引、检索、引用核对、提供网页检索。"""


INDEX_OPTION = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False),
    default=str(DEFAULT_INDEX_DIR),
    show_default=True,
    help="索引目录（默认 var/index，或环境变量 GAZETTE_INDEX）。",
)


def limit_options(command):
    """--parse-timeout and --parse-memory: each file is parsed in a worker process under these limits."""
    command = click.option(
        "--parse-memory",
        type=click.IntRange(16, None),
        default=None,
        metavar="MB",
        help=f"每个文件解析时可用的内存上限（MB；默认 {DEFAULT_MEMORY_MB}，或环境变量 GAZETTE_PARSE_MEMORY_MB）。",
    )(command)
    return click.option(
        "--parse-timeout",
        type=click.FloatRange(0.1, None),
        default=None,
        metavar="秒",
        help=f"每个文件的解析时限（秒；默认 {DEFAULT_SECONDS:g}，或环境变量 GAZETTE_PARSE_SECONDS）。",
    )(command)


def limits_of(parse_timeout, parse_memory) -> Limits:
    try:
        return Limits.from_env(parse_timeout, parse_memory)
    except LimitsError as exc:
        raise QueryError(str(exc)) from None


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 列表，每期一个对象。")
@limit_options
def parse(files, as_json, parse_timeout, parse_memory):
    """解析公报文件 FILES（文本或保存的网页），列出其中的文件、条款和大事记。每个文件在有时限和内存上限的
    子进程里解析：超时、超限或使子进程崩溃的文件逐个报告，其余照常输出。"""
    issues, errors = parse_bounded(files, limits_of(parse_timeout, parse_memory))
    if as_json:
        click.echo(
            _LONE_SURROGATE.sub(_json_escape, json.dumps([i.to_dict() for i in issues], ensure_ascii=False, indent=2))
        )
    else:
        for issue in issues:
            click.echo(summarize(issue))
    for error in errors:
        click.echo(f"错误：{error}", err=True)
    if errors:
        sys.exit(1)


# A file name that is not UTF-8 holds lone surrogates (\udcff): written out as they are, the JSON was not
# UTF-8; as JSON escapes they are valid JSON and say which bytes the name has.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def summarize(issue) -> str:
    """One line for the issue, one a document, then the notes; a file name is printed escaped (an ESC or a
    newline in it reached the terminal: \x1b[2J cleared it, a newline forged a line of output)."""
    lines = [f"{shown(issue.source)}: {issue.label}  [{issue.id}]"]
    for doc in issue.documents:
        date = doc.date.isoformat() if doc.date else "无成文日期"
        lines.append(
            f"  {doc.wenhao_normalized or '(无文号)':<18} {date}  {'、'.join(doc.offices)}  "
            f"{doc.doc_type or '?'}{'/' + doc.issued_type if doc.issued_type else ''}  "
            f"{len(doc.clauses)} 个条款  {doc.title}"
        )
    if issue.chronicle:
        first, last = issue.chronicle[0].date, issue.chronicle[-1].end_date or issue.chronicle[-1].date
        lines.append(f"  大事记：{len(issue.chronicle)} 条，{first} 至 {last}")
    for warning in issue.warnings:
        lines.append(f"  注意：{shown(warning)}")
    return "\n".join(lines)


class Progress:
    """A progress bar per build stage, on stderr."""

    def __init__(self):
        self.bar: Any = None  # click's progress bar of the current stage
        self.stage = None
        self.done = 0

    def __call__(self, stage, done, total):
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(
                length=total, label=STAGE_LABELS.get(stage, stage), file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _use_url(_ctx, _param, value):
    """--url: the remote engine's server, for this command and the processes it starts."""
    if value:
        os.environ[REMOTE_URL_VARIABLE] = value
    return value


URL_OPTION = click.option(
    "--url",
    default=None,
    metavar="地址",
    expose_value=False,
    callback=_use_url,
    help="OpenSearch 集群地址，如 http://127.0.0.1:9200（多个节点用逗号分隔；默认沿用索引记下的）。",
)


def say_waiting(message: str) -> None:
    click.echo(message, err=True)


NO_WAIT_OPTION = click.option(
    "--no-wait", is_flag=True, help="语料文件夹或索引正被另一个写入程序使用时，不等待，直接报错退出。"
)


def run_build(corpus, index_dir, full=False, engine=None, limits=None, wait=True):
    progress = Progress()
    try:
        return build_index(
            corpus,
            index_dir,
            progress=progress,
            full=full,
            engine=engine,
            limits=limits,
            wait=wait,
            on_wait=say_waiting,
        )
    except (BuildError, ValueError) as exc:
        progress.close()
        raise Failure(str(exc)) from None
    except IndexUnavailableError as exc:  # a remote engine's server cannot take the build
        progress.close()
        raise Failure(exc.message) from None
    finally:
        progress.close()


@cli.command()
@click.option(
    "--corpus",
    "corpus",
    type=click.Path(file_okay=False),
    default=None,
    help="公报文件所在目录（默认：索引上次使用的；没有则为 var/corpus 或 GAZETTE_CORPUS，若已存在；否则随附的语料）。",
)
@INDEX_OPTION
@click.option("--full", is_flag=True, help="全部重建，而不只是新增或改动的文件。")
@click.option(
    "--engine",
    type=click.Choice(tuple(engine_names())),
    default=None,
    help="检索引擎（默认沿用现有索引的，新建时为 whoosh）。",
)
@limit_options
@NO_WAIT_OPTION
@URL_OPTION
def index(corpus, index_dir, full, engine, parse_timeout, parse_memory, no_wait):
    """建立或更新检索索引。先完整校验现有索引：损坏则重建；新索引写完后才原子切换，旧索引一直可用。
    能解析的文件都会被索引；有文件不能读取或解析（含解析超时、内存超限）时，逐个列出（文件:行: 原因），
    退出码为 1。"""
    report = run_build(corpus, index_dir, full, engine, limits_of(parse_timeout, parse_memory), wait=not no_wait)
    click.echo(report.summary())
    exit_on_failures(report)


def exit_on_failures(report) -> None:
    for failure in report.failures:
        where = failure["reason"] if failure.get("error") else f"{shown(failure['source'])}: {failure['reason']}"
        click.echo(f"错误：{where}", err=True)
    if report.failures:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--corpus",
    "corpus",
    type=click.Path(file_okay=False),
    default=None,
    help="放入哪个语料文件夹（默认：索引上次使用的；随附的语料不会被改动，首次添加时复制到 var/corpus，或环境变量 GAZETTE_CORPUS 指定的文件夹）。",
)
@click.option(
    "--year", type=click.IntRange(1949, 2100), default=None, metavar="年份", help="单独成文的大事记所属年份。"
)
@click.option(
    "--issue", "issue", default=None, metavar="期号", help="这些文件同属一期（如 2024-3）：逐件文件、单独的大事记。"
)
@click.option("--rename", is_flag=True, help="同名而内容不同的文件以新名字放入，而不是报错。")
@INDEX_OPTION
@URL_OPTION
@limit_options
@NO_WAIT_OPTION
def add(files, corpus, year, issue, rename, index_dir, parse_timeout, parse_memory, no_wait):
    """把公报文件（PDF、网页、文本）放入语料文件夹并增量更新索引。每个文件先解析，能解析才放入；
    同名文件不会被覆盖，同一期不会放入两次。另一个 gazette add / gazette index 正在写同一语料文件夹或索引时，
    先等它完成（--no-wait：不等，报错退出）。"""
    folder = corpus or corpus_to_add_to(index_dir)
    limits = limits_of(parse_timeout, parse_memory)
    try:
        # taken before anything is read or copied: the manifest read here is the one written back
        with writer_lock(folder, index_dir, wait=not no_wait, on_wait=say_waiting):
            results = add_to_corpus(
                [Path(f) for f in files],
                Path(folder),
                year,
                issue=issue,
                rename=rename,
                parse=bounded_corpus_parser(limits),
            )
            for result in results:
                click.echo(str(result), err=not result.ok)
            if any(r.status in ("added", "renamed") for r in results):
                report = run_build(str(folder), index_dir, limits=limits)
                click.echo(report.summary())
                exit_on_failures(report)
    except WriterBusyError as exc:
        raise Failure(str(exc)) from None
    except GazetteParseError as exc:  # the folder, its manifest or --issue: nothing was added
        raise Failure(str(exc)) from None
    if not all(r.ok for r in results):
        sys.exit(1)


@cli.command()
@INDEX_OPTION
@URL_OPTION
def check(index_dir):
    """完整校验索引的每个文件（大小和 SHA-256）。"""
    try:
        summary = check_index(index_dir)
    except IndexUnavailableError as exc:
        raise QueryError(exc.message) from None
    click.echo(
        f"索引完好：{summary['build']}，{summary['files']} 个文件，{summary['records']} 条记录，引擎 {summary['engine']}"
    )
    server = summary.get("server")
    if server:
        click.echo(
            f"集群：{server['where']}，状态 {server['status']}，{server['nodes']} 个节点；"
            f"索引 {server['index']}（别名 {server['alias']}），{server['records']} 条记录"
        )


def facet_options(command):
    """One repeatable option per facet of the facet table (--kind, --year, --office, --type, --issue…)."""
    for facet in reversed(FACETS):
        if facet.choices:  # the choices are the metavar
            kind: Any = click.Choice(facet.choices + (() if facet.multi else ("all",)))
            metavar = None
        else:
            kind, metavar = None, facet.label
        option = click.option(
            f"--{facet.name}",
            f"facet_{facet.name}",
            multiple=facet.multi,
            default=None,
            type=kind,
            metavar=metavar,
            help=facet.help or facet.label,
        )
        command = option(command)
    return command


# A query's NOT term is typed as it is in the search box (`gazette search 统计 -法治`): the search command has
# no short options, so a word starting with "-" is a query word, not an option; an unknown `--option` is an error.
@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@facet_options
@click.option("--wenhao", default=None, metavar="文号", help="文号为此的文件（任意写法）。")
@click.option("--cites", default=None, metavar="文号", help="引用此文号的文件。")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="起始日期。")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="截止日期。")
@click.option(
    "--near",
    type=click.Choice(tuple(NEAR_SCOPES)),
    default=None,
    help="所有检索词在同一句（sentence）、同一段（paragraph）或同一条（clause）中。",
)
@click.option("--within", multiple=True, metavar="检索式", help="在结果中检索：结果还须满足的检索式；可重复。")
@click.option("--exact", is_flag=True, help="精确检索：不同时检索等价名称（如 科右前旗 / 科尔沁右翼前旗）。")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", help="排序。")
@click.option("--page", default="1", metavar="N", help="页码。")
@click.option("--size", default="10", metavar="N", help="每页条数（最多 100）。")
@INDEX_OPTION
@URL_OPTION
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象：total、hits、facets。")
def search(
    query, wenhao, cites, date_from, date_to, near, within, exact, sort, page, size, index_dir, as_json, **facets
):
    """检索索引。QUERY：多个词（同时包含）、OR、-词 / NOT 词、"短语"、括号、字段（标题: 正文: 文号: 发文机关:）、
    NEAR/N、文号。给了筛选条件时 QUERY 可以为空。"""
    unknown = next((word for word in query if word.startswith("--") and len(word) > 2), None)
    if unknown:
        raise click.UsageError(f"没有这个选项：{unknown}（gazette search --help 列出全部选项）")
    params: dict = {
        "q": " ".join(query),
        "wenhao": wenhao,
        "cites": cites,
        "from": date_from,
        "to": date_to,
        "near": near,
        "within": list(within),
        "exact": "1" if exact else None,
        "sort": sort,
        "page": page,
        "size": size,
    }
    for facet in FACETS:
        value = facets.get(f"facet_{facet.name}")
        params[facet.name] = list(value) if isinstance(value, tuple) else value
    try:
        request = parse_request(params)
        result = open_search(index_dir).search(request)
    except SearchError as exc:
        raise QueryError(exc.message) from None
    except IndexUnavailableError as exc:
        raise QueryError(exc.message) from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    pages = f"第 {request.page}/{result.pages} 页"
    click.echo(f"共 {result.total} 条结果（{pages}，{result.took_ms:.1f} 毫秒）")
    if result.also_searched:
        click.echo(f"同时检索：{'、'.join(result.also_searched)}（--exact 可关闭）")
    if result.readings:
        shown = "；".join(f"{r['typed']} → {r['label']}" for r in result.readings)
        click.echo(f"也按以下理解检索：{shown}（--exact 可关闭）")
    if result.notice:
        click.echo(result.notice)
    if result.undated_outside:
        click.echo(
            f"另有 {result.undated_outside} 条结果出自未注明成文日期的文件，不在所选日期范围内（--year 未注明日期 可查看）"
        )
    if result.past_the_end:
        click.echo(f"第 {request.page} 页超出范围：共 {result.pages} 页", err=True)
    for hit in result.hits:
        click.echo(format_hit(hit))


def filter_options(command):
    """The search's filters, for the commands that count hits (trends, crosstab): facets, dates, 文号."""
    command = facet_options(command)
    for option in (
        click.option("--wenhao", default=None, metavar="文号", help="文号为此的文件（任意写法）。"),
        click.option("--cites", default=None, metavar="文号", help="引用此文号的文件。"),
        click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="起始日期。"),
        click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="截止日期。"),
    ):
        command = option(command)
    return command


def filter_request(filters: dict):
    """The SearchRequest of a counting command's filters (no query: each series sets its own)."""
    params: dict = {"wenhao": filters.pop("wenhao"), "cites": filters.pop("cites")}
    params.update({"from": filters.pop("date_from"), "to": filters.pop("date_to")})
    for facet in FACETS:
        value = filters.pop(f"facet_{facet.name}", None)
        params[facet.name] = list(value) if isinstance(value, tuple) else value
    try:
        return parse_request(params)
    except SearchError as exc:
        raise QueryError(exc.message) from None


def count_hits(index_dir, requests, dimensions, unit):
    try:
        service = open_search(index_dir)  # a remote engine's cluster is asked already here
        return [service.counts(req, dimensions, unit) for req in requests]
    except SearchError as exc:
        raise QueryError(exc.message) from None
    except IndexUnavailableError as exc:
        raise QueryError(exc.message) from None


def print_table(header: list[str], rows: list[list], as_csv: bool) -> None:
    """A table as CSV, or as columns aligned by display width (Chinese takes two columns)."""
    if as_csv:
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        click.echo(out.getvalue(), nl=False)
        return
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(clickzh.display_width(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        padded = [
            c + " " * (w - clickzh.display_width(c)) if i == 0 else " " * (w - clickzh.display_width(c)) + c
            for i, (c, w) in enumerate(zip(row, widths))
        ]
        click.echo("  ".join(padded).rstrip())


AXIS_TITLES = {"year": "年份", "month": "月份", "issue": "期号"}
UNIT_HELP = "records：命中条数（文件、条款、大事记）；documents：命中的文件数。"


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("queries", nargs=-1)
@filter_options
@click.option(
    "--by", type=click.Choice(tuple(AXIS_TITLES)), default="year", help="逐年（year）、逐月（month）或逐期（issue）。"
)
@click.option("--unit", type=click.Choice(tuple(COUNT_UNITS)), default="records", help=UNIT_HELP)
@INDEX_OPTION
@URL_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="输出 CSV。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：与网页 /trends.json 相同（不含链接）。")
def trends(queries, by, unit, index_dir, as_csv, as_json, **filters):
    """命中数随时间的变化：每个 QUERY 一列（含空格的检索式请加引号，如 "统计 企业"），最多 6 个；不给
    QUERY 时统计筛选条件下的全部结果。"""
    if len(queries) > MAX_SERIES:
        raise QueryError(f"最多比较 {MAX_SERIES} 个检索式，现有 {len(queries)} 个")
    base = filter_request(filters)
    requests = [replace(base, query=q) for q in queries] or [base]
    counts = count_hits(index_dir, requests, (by,), unit)
    values = shared_axis(counts, by)
    columns = [[c.along(by).get(v, 0) for v in values] for c in counts]
    if as_json:
        series = [{"query": r.query, "total": c.total, "counts": col} for r, c, col in zip(requests, counts, columns)]
        categories = [{"value": v, "label": counts[0].label(by, v)} for v in values]
        data = {"by": by, "unit": unit, "categories": categories, "series": series}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    header = [AXIS_TITLES[by]] + [r.query or "（全部）" for r in requests]
    print_table(header, [[v, *(col[i] for col in columns)] for i, v in enumerate(values)], as_csv)
    if not as_csv:
        click.echo("合计  " + "  ".join(f"{r.query or '（全部）'} {c.total}" for r, c in zip(requests, counts)))


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@filter_options
@click.option("--rows", type=click.Choice(tuple(COUNT_DIMENSIONS)), default="year", help="行：统计维度。")
@click.option("--cols", type=click.Choice(tuple(COUNT_DIMENSIONS)), default="office", help="列：统计维度。")
@click.option("--unit", type=click.Choice(tuple(COUNT_UNITS)), default="records", help=UNIT_HELP)
@INDEX_OPTION
@URL_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="输出 CSV。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：与网页 /crosstab.json 相同（不含链接）。")
def crosstab(query, rows, cols, unit, index_dir, as_csv, as_json, **filters):
    """交叉表：QUERY 的命中数按两个维度（默认 年份 × 发文机关）分格统计。"""
    if rows == cols:
        raise QueryError(f"行与列不能是同一维度（{COUNT_DIMENSIONS[rows]}）")
    request = replace(filter_request(filters), query=" ".join(query))
    [counts] = count_hits(index_dir, [request], (rows, cols), unit)
    row_values, col_values = counts.values(rows), counts.values(cols)
    if as_json:
        data = {
            "rows": rows,
            "cols": cols,
            "unit": unit,
            "total": counts.total,
            "row_values": [
                {"value": v, "label": counts.label(rows, v), "count": n} for v, n in counts.along(rows).items()
            ],
            "col_values": [
                {"value": v, "label": counts.label(cols, v), "count": n} for v, n in counts.along(cols).items()
            ],
            "cells": [
                {"row": r, "col": c, "count": counts.count(r, c)}
                for r in row_values
                for c in col_values
                if counts.count(r, c)
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    header = [f"{COUNT_DIMENSIONS[rows]} \\ {COUNT_DIMENSIONS[cols]}"] + [counts.label(cols, c) for c in col_values]
    body = [
        [counts.label(rows, r)] + [counts.count(r, c) for c in col_values] + [counts.along(rows)[r]] for r in row_values
    ]
    body.append(["合计"] + [counts.along(cols)[c] for c in col_values] + [counts.total])
    print_table(header + ["合计"], body, as_csv)


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@INDEX_OPTION
@URL_OPTION
@click.option("--json", "as_json", is_flag=True, help='输出 JSON：{"citations": [...]}。')
def cite(source, index_dir, as_json):
    """找出 SOURCE（文件，或 - 表示标准输入）中引用的每个文号，以及它在本公报中对应的文件。
    开头的 BOM 不计入位置（与 POST /cite.json 相同）。"""
    raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()  # click's File said errors in English
    name = "<stdin>" if source == "-" else source
    # in any encoding a gazette file may come in (a draft saved by 记事本 is GB18030 or UTF-16): it was
    # `不是有效的 UTF-8（第 1 个字节）` for them, and for a Word file
    if is_docx(raw, Path(name)):
        problem: str | None = (
            "是 Word 文档（.docx）：引用核对读取纯文本，请在 Word 或 WPS 中“另存为”纯文本（.txt）后再核对"
        )
    else:
        problem = unsupported(Path(name), raw[:64])
    if problem:
        raise QueryError(f"{shown(name)}: {problem}")
    try:
        text = decode_bytes(raw, name) if raw.strip() else ""
    except GazetteParseError as exc:
        raise QueryError(str(exc)) from None
    try:
        citations = open_search(index_dir).cite(text)
    except IndexUnavailableError as exc:
        raise QueryError(exc.message) from None
    if as_json:
        click.echo(json.dumps({"citations": citations}, ensure_ascii=False, indent=2))
        return
    for line in cite_lines(text, citations):
        click.echo(line)
    click.echo(f"共 {len(citations)} 处文号", err=True)


def cite_lines(text: str, citations: list[dict]) -> list[str]:
    """One line per citation, `line:start-end  printed  →  canonical  /doc/id`. Line numbers come from
    the newlines' offsets, found once (counting the newlines before each citation again made a text of
    10 MB take 275 s)."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    out = []
    for c in citations:
        line = bisect.bisect_left(newlines, c["start"]) + 1
        where = f"/doc/{c['doc_id']}" if c["doc_id"] else "未收录"
        out.append(f"{line}:{c['start']}-{c['end']}  {c['printed']}  →  {c['wenhao']}  {where}")
    return out


def open_search(index_dir):
    from indexer.searching import open_search as open_service

    status = index_status(index_dir)
    if status == "missing" and str(index_dir) != str(DEFAULT_INDEX_DIR):
        raise QueryError(f"{index_dir} 还没有索引；请运行：gazette index --index {index_dir}")
    if status in ("missing", "stale"):  # a damaged index is reported (open_service raises), not papered over
        what = {"missing": "建立", "stale": "重建（旧版索引）"}[status]
        click.echo(f"正在{what}索引 {index_dir} …", err=True)
        click.echo(run_build(None, index_dir).summary(), err=True)
    return open_service(index_dir)


def format_snippet(snippet) -> str:
    return "".join(f"【{piece}】" if marked else piece for piece, marked in snippet.parts())


def format_hit(hit) -> str:
    if hit.kind == "chronicle":
        head = f"[大事记 {hit.date}{' 至 ' + hit.end_date if hit.end_date else ''}]"
    else:
        head = f"[{'文件' if hit.kind == 'document' else '条款'}] {hit.wenhao or ''} {hit.date or ''} {hit.title}"
        if hit.path:
            head += f"\n    § {hit.path}  ({hit.doc_id}#{hit.anchor})"
    if hit.match in MATCH_NOTES:
        head += f"\n    （{MATCH_NOTES[hit.match]}{'：' + '、'.join(hit.context_terms) if hit.context_terms else ''}）"
    return f"{head}\n    {format_snippet(hit.snippet)}"


MATCH_NOTES = {
    "reading": "按检索式的其他理解匹配：文号系列、日期、名单或时效性",
    "context": "按所在文件标题或上级标题匹配",
    "synonym": "按同义说法匹配",
    "words": "按拆分后的词语匹配",
    "most": "只包含部分检索词",
}


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址", help="监听地址（0.0.0.0：所有网卡）。")
@click.option(
    "--port",
    default=8000,
    type=click.IntRange(0, 65535),
    show_default=True,
    metavar="端口",
    help="端口（0：任一空闲端口）。",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    metavar="N",
    help="工作进程数（默认：CPU 核数），共用同一端口。",
)
@INDEX_OPTION
@URL_OPTION
def serve(host, port, workers, index_dir):
    """必要时建立（或重建）索引，然后提供网页检索（waitress）。"""
    from search_web.serve import serve as run_server

    run_server(host, port, index_dir, workers or os.cpu_count() or 1)


def main():  # console entry point
    try:
        cli()
    except GazetteParseError as exc:
        raise SystemExit(f"错误：{exc}") from None
    except OSError as exc:  # a folder that cannot be made or read (--index under /proc, a disk gone): one line
        where = f"{shown(os.fsdecode(exc.filename))}: " if exc.filename else ""
        raise SystemExit(f"错误：{where}{os_reason(exc)}") from None
    except IndexUnavailableError as exc:
        raise SystemExit(f"错误：{exc.message}") from None
