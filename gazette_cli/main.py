"""The `gazette` command: each subcommand is a thin layer over one library function.

    gazette parse FILE... [--json]      corpus.parse_files
    gazette index [--corpus] [--index]  indexer.build.build_index
    gazette search QUERY [filters]      indexer.search.GazetteSearch.search
    gazette serve [--host] [--port]     search_web.serve.serve
"""
from __future__ import annotations

import json
import re
import sys

import click

from corpus import GazetteParseError, parse_files
from indexer.api import KINDS, SORTS, IndexMissingError, SearchError, StaleIndexError, parse_request
from indexer.build import DEFAULT_INDEX_DIR, BuildError, build_index, index_status


class QueryError(click.ClickException):
    """A request that cannot be answered: exit status 2, like a usage error."""

    exit_code = 2


@click.group()
def cli():
    """Search the 兴安盟行政公署公报 (Xing'an League Administrative Office gazette)."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per issue.")
def parse(files, as_json):
    """Parse gazette issue FILES (text or saved HTML) and summarize what they hold."""
    issues, errors = parse_files(files)
    if as_json:
        click.echo(json.dumps([issue.to_dict() for issue in issues], ensure_ascii=False, indent=2))
    else:
        for issue in issues:
            click.echo(summarize(issue))
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        sys.exit(1)


def summarize(issue) -> str:
    lines = [f"{issue.source}: {issue.label}  [{issue.id}]"]
    for doc in issue.documents:
        date = doc.date.isoformat() if doc.date else "无成文日期"
        lines.append(
            f"  {doc.wenhao_normalized or '(无文号)':<18} {date}  {'、'.join(doc.offices)}  "
            f"{doc.doc_type or '?'}{'/' + doc.issued_type if doc.issued_type else ''}  "
            f"{len(doc.clauses)} clauses  {doc.title}"
        )
    if issue.chronicle:
        first, last = issue.chronicle[0].date, issue.chronicle[-1].end_date or issue.chronicle[-1].date
        lines.append(f"  大事记: {len(issue.chronicle)} entries, {first} – {last}")
    for warning in issue.warnings:
        lines.append(f"  note: {warning}")
    return "\n".join(lines)


class Progress:
    """A progress bar per build stage, on stderr."""

    LABELS = {"parse": "parsing issues", "index": "indexing records"}

    def __init__(self):
        self.bar = None
        self.stage = None
        self.done = 0

    def __call__(self, stage, done, total):
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=total, label=self.LABELS.get(stage, stage), file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def run_build(corpus, index_dir, full=False):
    progress = Progress()
    try:
        return build_index(corpus, index_dir, progress=progress, full=full)
    except BuildError as exc:
        raise click.ClickException(f"{exc} (the previous index, if any, is still being served)")
    finally:
        progress.close()


@cli.command()
@click.option("--corpus", "corpus", type=click.Path(file_okay=False), default=None, help="Directory of issue files (default: the bundled corpus).")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), default=str(DEFAULT_INDEX_DIR), show_default=True)
@click.option("--full", is_flag=True, help="Rebuild everything, not only new or changed files.")
def index(corpus, index_dir, full):
    """Build or update the search index (atomically: the old index serves until the new one is ready)."""
    report = run_build(corpus, index_dir, full)
    click.echo(report.summary())


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--kind", type=click.Choice(KINDS + ("all",)), default=None)
@click.option("--wenhao", default=None, help="The document with this 文号 (any printed form).")
@click.option("--cites", default=None, help="Documents citing this 文号.")
@click.option("--year", multiple=True)
@click.option("--office", multiple=True, help="Issuing office (发文机关).")
@click.option("--type", "doc_type", multiple=True, help="Document type (通知, 意见, 方案…).")
@click.option("--issue", multiple=True, help="Gazette issue id.")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD")
@click.option("--sort", type=click.Choice(SORTS), default="relevance")
@click.option("--page", default="1")
@click.option("--size", default="10")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), default=str(DEFAULT_INDEX_DIR), show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: total, hits, facets.")
def search(query, kind, wenhao, cites, year, office, doc_type, issue, date_from, date_to, sort, page, size, index_dir, as_json):
    """Search the index. QUERY: words (AND), OR, -word / NOT word, "exact phrase", a 文号.
    QUERY may be empty when a filter is given."""
    params = {
        "q": " ".join(query), "kind": kind, "wenhao": wenhao, "cites": cites, "year": list(year),
        "office": list(office), "type": list(doc_type), "issue": list(issue), "from": date_from, "to": date_to,
        "sort": sort, "page": page, "size": size,
    }
    try:
        request = parse_request(params)
        result = open_search(index_dir).search(request)
    except SearchError as exc:
        raise QueryError(exc.message)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} results (page {request.page}/{result.pages}, {result.took_ms:.1f} ms)")
    for hit in result.hits:
        click.echo(format_hit(hit))


def open_search(index_dir):
    from indexer.search import GazetteSearch

    status = index_status(index_dir)
    if status == "missing" and str(index_dir) != str(DEFAULT_INDEX_DIR):
        raise QueryError(f"no index at {index_dir}; build one with: gazette index --index {index_dir}")
    if status != "ok":
        click.echo(f"{'building' if status == 'missing' else 'rebuilding stale'} index at {index_dir}…", err=True)
        click.echo(run_build(None, index_dir).summary(), err=True)
    try:
        return GazetteSearch(index_dir)
    except (IndexMissingError, StaleIndexError) as exc:
        raise QueryError(str(exc))


def format_hit(hit) -> str:
    snippet = re.sub(r"</?mark>", lambda m: "【" if m.group(0) == "<mark>" else "】", hit.snippet)
    snippet = snippet.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    if hit.kind == "chronicle":
        head = f"[大事记 {hit.date}{'–' + hit.end_date if hit.end_date else ''}]"
    else:
        head = f"[{'文件' if hit.kind == 'document' else '条款'}] {hit.wenhao or ''} {hit.date or ''} {hit.title}"
        if hit.path:
            head += f"\n    § {hit.path}  ({hit.doc_id}#{hit.anchor})"
    return f"{head}\n    {snippet}"


def main():  # console entry point
    try:
        cli()
    except GazetteParseError as exc:
        raise SystemExit(f"error: {exc}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, type=click.IntRange(0, 65535), show_default=True, help="Port (0: any free port).")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), default=str(DEFAULT_INDEX_DIR), show_default=True)
def serve(host, port, index_dir):
    """Build the index if it is missing or stale, then serve the web interface (waitress, 8 threads)."""
    from search_web.serve import serve as run_server

    run_server(host, port, index_dir)
