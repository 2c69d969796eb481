"""The command line: parse options, call one library function, report.

Library errors (archiver.errors) become one line on stderr and exit status 1;
nothing here holds logic a test would want to reach without the CLI.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from . import __version__
from .errors import ArchiverError
from .importer import ImportOptions, Summary, import_paths
from .quote import printable
from .store import Archive

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = "archive.db"


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=lambda: os.environ.get("CHAT_ARCHIVER_DB", DEFAULT_DB),
        show_default="archive.db, or $CHAT_ARCHIVER_DB",
        help="The archive database file (import and collect create it).",
    )(f)


def reports_errors(f: F) -> F:
    """Turn library errors into one readable line and exit status 1."""

    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except ArchiverError as e:
            raise click.ClickException(str(e)) from None
        except sqlite3.DatabaseError as e:
            # a locked, full or corrupt database file: nothing the input did
            raise click.ClickException(f"database error: {e}") from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chat-archiver")
def cli() -> None:
    """Keep customer-service chats as receipts: import saved chat pages into a
    searchable SQLite archive, and find what a rep promised and when."""


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--tz", metavar="ZONE", help="The chat's time zone, an IANA name such as America/New_York [default: this machine's zone].")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The chat's date, for pages that show times without dates.")
@click.option("--company", metavar="NAME", help="The company chatted with [default: named from the page].")
@click.option("--silent", is_flag=True, help="No progress bar or warnings; errors and the summary only.")
@reports_errors
def import_(paths: tuple[str, ...], db_path: str, tz: str | None, date: str | None, company: str | None, silent: bool) -> None:
    """Import saved chat pages (.html, complete saves with NAME_files/, .mhtml,
    .webarchive) into the archive. Folders are walked recursively.

    Each file imports whole or not at all; files already imported are skipped.
    Exits with status 1 when any file failed.
    """
    options = ImportOptions(tz=tz, date=date, company=company)
    options.zone()
    options.option_date()
    archive = Archive(db_path)
    summary = Summary()
    bar: Any = None

    def on_found(total: int) -> None:
        nonlocal bar
        if total > 1 and not silent:
            bar = click.progressbar(length=total, label="Importing", file=sys.stderr)
            bar.__enter__()

    try:
        for result in import_paths(archive, paths, options, on_found=on_found):
            summary.add(result)
            if bar is not None and result.status != "skipped":
                bar.update(1)
            if result.status == "failed":
                _line(bar, f"Error: {result.path}: {result.error}")
            elif not silent:
                for warning in result.warnings:
                    _line(bar, f"Warning: {result.path}: {warning}")
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        archive.close()
    click.echo(_summary_text(summary))
    if summary.failed:
        sys.exit(1)


def _line(bar: Any, text: str) -> None:
    if bar is not None:
        click.echo("", err=True)
    click.echo(text, err=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary_text(s: Summary) -> str:
    parts = [
        f"{_plural(s.files, 'file')}: {s.imported} imported",
        f"{_plural(len(s.conversations), 'conversation')} ({s.new_conversations} new)",
        f"{_plural(s.new_messages, 'new message')}",
        f"{s.known_messages} already in the archive",
        f"{_plural(s.duplicates, 'duplicate file')} skipped",
        f"{s.failed} failed",
    ]
    if s.skipped:
        parts.append(f"{_plural(s.skipped, 'other file')} ignored")
    return ", ".join(parts)


@cli.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON array.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Most hits to show.")
@reports_errors
def search(query: str, db_path: str, as_json: bool, limit: int) -> None:
    """Full-text search of every message. Phrases in double quotes
    ('"late fee"'), prefixes with a star (waiv*), AND/OR/NOT. Best matches
    first; past 20,000 matches, the newest archived first."""
    if not os.path.exists(db_path):
        raise click.ClickException(f"no archive at {db_path}: import some chats first")
    archive = Archive(db_path)
    try:
        found = archive.search(query, limit=limit)
    finally:
        archive.close()
    hits = found.hits
    if as_json:
        click.echo(json.dumps([h.as_dict() for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        click.echo(f"No messages match {query!r}.")
        return
    tty = sys.stdout.isatty()
    for h in hits:
        # every field came from a web page: no terminal escape sequence gets through
        when = h.sent_at.replace("T", " ")[:16] if h.sent_at else printable(h.sent_at_text or "time not shown")
        who = printable(f"{h.speaker} ({h.role})" if h.speaker else h.role)
        snippet = printable(" ".join(h.snippet.split()))
        if tty:
            pieces = snippet.split("**")
            snippet = "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(pieces))
        click.echo(f"{when}  {printable(h.company)}  {who}")
        click.echo(f"    {snippet}")
        click.echo(f"    message {h.message_id}")
    if found.order == "newest":
        click.echo(
            f"{found.total:,} messages match, too many to rank by relevance: the newest archived come first."
            " Add words or a phrase to rank them.", err=True,
        )


@cli.command()
@click.argument("url")
@db_option
@click.option("--profile", type=click.Path(file_okay=False), help="Browser profile folder; logins made in it survive between runs [default: a 'profile' folder in chat-archiver's app directory].")
@click.option("--headless", is_flag=True, help="No window: for unattended runs of a chat that needs no typing.")
@click.option("--browser-path", type=click.Path(dir_okay=False), help="The Chromium or Chrome to drive [default: $CHAT_ARCHIVER_BROWSER, Playwright's Chromium, then the system's].")
@click.option("--exit-after-idle", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Stop when no new message has arrived for this long.")
@click.option("--tz", metavar="ZONE", help="The chat's time zone, an IANA name such as America/New_York; the browser shows times in it too [default: this machine's zone].")
@click.option("--company", metavar="NAME", help="The company chatted with [default: named from the page].")
@reports_errors
def collect(url: str, db_path: str, profile: str | None, headless: bool, browser_path: str | None, exit_after_idle: float | None, tz: str | None, company: str | None) -> None:
    """Open URL in Chromium and record the chat as it happens: every message is
    stored the moment it appears. Chat as usual; close the window (or press
    Ctrl+C) when done, and a final snapshot of the page is kept as evidence."""
    from pathlib import Path

    from .collector import CollectOptions, Update, check, collect as run

    def progress(u: Update) -> None:
        for warning in u.warnings:
            click.echo(f"Warning: {warning}", err=True)
        if u.new_messages:
            click.echo(f"{_plural(u.new_messages, 'new message')} stored ({u.messages} in the chat)", err=True)

    profile = profile or os.path.join(click.get_app_dir("chat-archiver"), "profile")
    options = CollectOptions(Path(profile), headless, browser_path, exit_after_idle, tz, company)
    check(url, options)  # a bad address, zone or missing browser creates no archive
    archive = Archive(db_path)
    try:
        result = run(url, archive, options, on_update=progress)
    finally:
        archive.close()
    click.echo(result.summary(db_path))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. Anything but this machine's own address lets other machines read the archive.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the archive in a web browser once it is up.")
@reports_errors
def serve(db_path: str, host: str, port: int, open_browser: bool) -> None:
    """Serve the archive in Datasette: search, transcripts and a quotable
    permalink for every message. Read-only; imports may run meanwhile."""
    from .serve import PRIVACY_WARNING, build_datasette, check_port, is_loopback, run, url_for

    ds = build_datasette(db_path)
    check_port(host, port)
    if not is_loopback(host):
        click.echo(PRIVACY_WARNING.format(host=host), err=True)
    click.echo(f"Serving {db_path} at {url_for(host, port)} (search: {url_for(host, port)}-/search); Ctrl+C stops.")
    run(ds, host, port, open_browser)


@cli.command()
@click.argument("message_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True, help="Plain text for a letter, Markdown, or JSON with every field.")
@reports_errors
def quote(message_id: str, db_path: str, fmt: str) -> None:
    """Print one message as a citation: exact text, who, company, local time
    with zone, UTC instant and the source file's sha256; then the promises
    and reference numbers found in it."""
    from .quote import quote_message

    q = quote_message(db_path, message_id)
    click.echo(q.render(fmt))
    if fmt != "json" and q.listing(fmt):  # JSON carries them as fields
        click.echo("\n" + q.listing(fmt))


def _open_archive(db_path: str) -> Archive:
    """An existing archive (never a new empty file), brought to the current schema."""
    if not os.path.exists(db_path):
        raise click.ClickException(f"no archive at {db_path}: import some chats first")
    return Archive(db_path)


@cli.command()
@db_option
@click.option("--open", "open_only", is_flag=True, help="Only promises still open (not marked kept or broken).")
@click.option("--overdue", is_flag=True, help="Only open promises whose due date is before today in the chat's time zone.")
@click.option("--company", metavar="NAME", help="Only promises from this company (case and spaces ignored).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array with every field and the quote card's path.")
@click.option("--ics", "ics", metavar="FILE", help="Write an iCalendar file with an all-day event on each due date ('-' for standard output).")
@click.option("--base-url", default="http://127.0.0.1:8001", show_default=True, help="Where `chat-archiver serve` runs, for the quote links in --ics events.")
@reports_errors
def promises(db_path: str, open_only: bool, overdue: bool, company: str | None, as_json: bool, ics: str | None, base_url: str) -> None:
    """List what companies promised in your chats: due date, status, kind,
    amount, company, who said it, the sentence and the promise's id.

    Mark one with `chat-archiver promise-status ID kept` (or broken)."""
    from .tracker import build_ics, format_table, list_promises

    archive = _open_archive(db_path)
    try:
        found = list_promises(archive.db.conn, open_only=open_only, overdue=overdue, company=company)
    finally:
        archive.close()
    if ics is not None:
        with click.open_file(ics, "wb", atomic=ics != "-") as f:
            f.write(build_ics(found, base_url))
        if ics != "-":
            dated = sum(1 for p in found if p.due_by)
            click.echo(f"Wrote {_plural(dated, 'event')} to {ics} ({len(found) - dated} without a due date left out).")
    elif as_json:
        click.echo(json.dumps([p.as_dict() for p in found], indent=2, ensure_ascii=False))
    elif not found:
        click.echo("No promises match.")
    else:
        click.echo(format_table(found))


@cli.command(name="promise-status")
@click.argument("promise_id")
@click.argument("status", type=click.Choice(["open", "kept", "broken"]))
@db_option
@reports_errors
def promise_status(promise_id: str, status: str, db_path: str) -> None:
    """Mark a promise kept or broken (or open again). Ids are in `chat-archiver promises`."""
    archive = _open_archive(db_path)
    try:
        before = archive.set_promise_status(promise_id, status)
    finally:
        archive.close()
    click.echo(f"Promise {promise_id}: {status}" + (f" (was {before})." if before != status else " (unchanged)."))


@cli.command()
@db_option
@reports_errors
def reindex(db_path: str) -> None:
    """Find promises and reference numbers again in every message, after an
    upgrade changed the rules. One transaction.

    Statuses you set are kept: a promise found again keeps its status, and one
    the new rules no longer find stays in the archive if you marked it kept or
    broken (only open ones are removed)."""
    archive = _open_archive(db_path)
    try:
        r = archive.reindex_commitments()
    finally:
        archive.close()
    click.echo(
        f"Promises: {r.promises_added} added, {r.promises_removed} removed, {r.promises_updated} updated, "
        f"{r.promises_kept} kept (marked kept or broken, no longer found), {r.promises_unchanged} unchanged. "
        f"Reference numbers: {r.references_added} added, {r.references_removed} removed, "
        f"{r.references_unchanged} unchanged."
        + (f" {_plural(r.failed, 'message')} could not be read; their rows were left as they were." if r.failed else "")
    )
