"""The `gazette` command: each subcommand is a thin layer over one library function."""
from __future__ import annotations

import json
import sys

import click

from corpus import GazetteParseError, parse_files


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


def main():  # pragma: no cover - console entry
    try:
        cli()
    except GazetteParseError as exc:
        raise click.ClickException(str(exc))
