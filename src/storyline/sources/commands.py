"""``storyline sources``, ``storyline watch`` and ``storyline fetch``: thin commands over
:mod:`storyline.sources.watch` and ``store.followed``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from storyline import __version__
from storyline.cli_options import db_option
from storyline.config import default
from storyline.errors import StorylineError
from storyline.model import printable
from storyline.output import emit, format_option
from storyline.runner import RunOptions
from storyline.sources.http import HttpSettings
from storyline.sources.opml import read_opml, write_opml
from storyline.sources.urls import clean_url, fetchable
from storyline.sources.watch import CycleReport, Watcher, WatchSettings
from storyline.store import Store
from storyline.store.followed import Health


def _db(function: Any) -> Any:
    return db_option(function)


F = TypeVar("F", bound=Callable[..., Any])


def _setting(flag: str, name: str, kind: type, text: str) -> Callable[[F], F]:
    """An option whose default is the setting ``name`` (config.SETTINGS)."""
    return click.option(flag, type=kind, default=default(name), show_default=True, help=text)


def _fetch_options(function: Any) -> Any:
    """The settings of fetching, shared by ``watch`` and ``fetch``."""
    options = [
        _setting("--threads", "fetch_threads", int, "Sources and pages fetched at once."),
        _setting("--per-host", "per_host", int, "Requests to one host at once."),
        _setting("--host-delay", "host_delay", float, "Seconds between two requests to one host."),
        _setting("--timeout", "fetch_timeout", float, "Seconds to wait for an answer."),
        _setting("--retries", "fetch_retries", int, "Retries after 429, 5xx or a network error."),
        _setting("--max-bytes", "fetch_max_bytes", int, "Largest page read, decoded."),
        click.option(
            "--user-agent",
            default=None,
            help=f"User-Agent to send (default: Storyline/{__version__} (news monitor)).",
        ),
        click.option(
            "--contact",
            envvar="STORYLINE_CONTACT",
            default=None,
            help="An email address or URL site owners can reach you at; added to the "
            "User-Agent. Environment: STORYLINE_CONTACT.",
        ),
        click.option(
            "--archive-bytes",
            type=int,
            default=default("archive_bytes"),
            show_default=True,
            help="Size at which a new WARC archive file begins.",
        ),
        click.option(
            "--workers",
            type=int,
            default=int(str(default("workers"))),
            help="Worker processes for the pipeline (0: one per core).",
        ),
        click.option(
            "--no-wait",
            is_flag=True,
            help="If another run is writing the store, stop at once (exit 2).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _settings(kwargs: dict[str, Any], interval: float | None = None) -> WatchSettings:
    http = HttpSettings(
        timeout=kwargs["timeout"],
        retries=kwargs["retries"],
        host_delay=kwargs["host_delay"],
        per_host=kwargs["per_host"],
        max_bytes=kwargs["max_bytes"],
        contact=kwargs["contact"],
    )
    if kwargs["user_agent"]:
        http = replace(http, user_agent=kwargs["user_agent"])
    watch = WatchSettings(
        fetch_threads=kwargs["threads"], archive_bytes=kwargs["archive_bytes"], http=http
    )
    if kwargs.get("max_pages"):
        watch = replace(watch, max_pages=kwargs["max_pages"])
    return replace(watch, interval=interval) if interval else watch


def _options(kwargs: dict[str, Any]) -> RunOptions:
    return RunOptions(workers=kwargs["workers"] or None, wait=not kwargs["no_wait"])


def _say(line: str) -> None:
    click.echo(f"storyline: {line}", err=True)


def _report(report: CycleReport, quiet: bool) -> None:
    for problem in report.problems:
        click.echo(f"{problem.severity}: {problem}", err=True)
    if report.run is not None:
        for problem in report.run.problems:
            click.echo(f"{problem.severity}: {problem}", err=True)
    if not quiet:
        click.echo(report.line())


@click.group("sources")
def sources_group() -> None:
    """The feeds, sitemaps, pages and folders Storyline follows (polled by `storyline watch`).

    \b
    Example:
      storyline sources add https://example.org/feed.xml --db news.db
      storyline watch --once --db news.db
    """


@sources_group.command("add")
@click.argument("urls", nargs=-1)
@_db
@click.option(
    "--opml", "opml", type=click.Path(dir_okay=False), help="Add every feed in this OPML file."
)
@click.option(
    "--folder",
    "folders",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Follow a folder: new and changed files are read each cycle. Repeatable.",
)
@click.option(
    "--interval",
    type=float,
    default=None,
    help=f"Seconds between polls (default {default('poll_interval')}; a feed's ttl or "
    "Cache-Control can make it longer).",
)
def add_command(
    urls: tuple[str, ...],
    db: str,
    opml: str | None,
    folders: tuple[str, ...],
    interval: float | None,
) -> None:
    """Follow feeds (RSS, RDF, Atom, JSON Feed), news sitemaps, pages or folders."""
    wanted: list[tuple[str, str]] = []
    bad: list[str] = []
    for url in urls:
        if fetchable(url.strip()):
            wanted.append((clean_url(url), "new"))
        else:
            bad.append(url)
    if opml:
        for url, _title in read_opml(Path(opml)):
            if fetchable(url):
                wanted.append((clean_url(url), "new"))
            else:
                bad.append(url)
    for folder in folders:
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise click.BadParameter(f"{folder} is not a folder", param_hint="--folder")
        wanted.append((str(path.resolve()), "folder"))
    for url in bad:
        click.echo(
            f"storyline: error: {printable(url)} is not an http or https address "
            "(for a folder use --folder DIR)",
            err=True,
        )
    if not wanted:
        if bad:
            sys.exit(2)
        raise click.UsageError("give an address, --opml FILE or --folder DIR")
    with Store(db) as store, store.writing():
        for url, kind in wanted:
            source, new = store.followed.add(url, kind, interval_s=interval)
            click.echo(f"{'added' if new else 'already followed'}: {source.id} {source.url}")
    if bad:
        sys.exit(2)


@sources_group.command("list")
@_db
@format_option
def list_command(db: str, fmt: str) -> None:
    """Every followed source and its health: kind, last success, last error, articles in the
    last day and week, next poll."""
    with Store(db, readonly=True) as store:
        rows = [_health_row(h) for h in store.followed.health()]
    emit(
        rows,
        ["id", "kind", "url", "status", "last_success", "day", "week", "next_poll", "last_error"],
        fmt,
        sys.stdout,
    )


def _health_row(health: Health) -> dict[str, object]:
    source = health.source
    status = "new" if source.last_poll_at is None else "ok"
    if source.failing:
        status = f"failing ({source.failures}x)"
    return {
        "id": source.id,
        "kind": source.kind,
        "url": source.url,
        "title": source.title,
        "status": status,
        "last_success": source.last_success_at,
        "day": health.articles_day,
        "week": health.articles_week,
        "next_poll": source.next_poll_at,
        "last_error": source.last_error if source.failing else None,
        "fetches_day": health.fetches_day,
        "errors_day": health.errors_day,
    }


@sources_group.command("remove")
@click.argument("refs", nargs=-1, required=True)
@_db
def remove_command(refs: tuple[str, ...], db: str) -> None:
    """Stop following sources (by id or address); what they brought stays."""
    with Store(db) as store, store.writing():
        for ref in refs:
            try:
                key = clean_url(ref) if fetchable(ref) else ref
                source = store.followed.remove(key)
            except StorylineError as err:
                raise StorylineError(str(err.args[0]), hint=err.hint) from None
            click.echo(f"removed: {source.id} {source.url}")


@sources_group.command("export")
@_db
@click.option("--opml", "as_opml", is_flag=True, required=True, help="Write OPML 2.0.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-")
def export_command(db: str, as_opml: bool, output: str) -> None:
    """Write the followed feeds as OPML, for a feed reader."""
    with Store(db, readonly=True) as store:
        feeds = [(s.url, s.title) for s in store.followed.all() if not s.is_folder]
    text = write_opml(feeds)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")


@click.command("watch")
@_db
@_setting("--max-pages", "max_pages", int, "New pages fetched per cycle; the rest wait.")
@click.option(
    "--once",
    is_flag=True,
    help="Poll every source once, now, run the pipeline and exit (for cron, tests).",
)
@click.option(
    "--interval",
    type=float,
    default=float(str(default("poll_interval"))),
    show_default=True,
    help="Default seconds between polls of a source.",
)
@_fetch_options
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
def watch_command(db: str, once: bool, interval: float, quiet: bool, **kwargs: Any) -> None:
    """Follow the sources: poll each on its schedule, fetch new articles, keep stories,
    entities and events current. Runs until stopped (Ctrl-C or SIGTERM finish the cycle in
    flight); every response is archived in DB.archive/ (replay: storyline run DB.archive).

    \b
    Example:
      storyline sources add https://example.org/feed.xml --db news.db
      storyline watch --db news.db
    """
    settings = _settings(kwargs, interval)
    with Store(db) as store:
        if not store.followed.all():
            raise click.UsageError("no sources to watch: add some with `storyline sources add`")
        with Watcher(store, settings, _options(kwargs), say=_say) as watcher:
            if once:
                _report(watcher.cycle(everything=True), quiet)
                return
            started = datetime.now(UTC)
            cycles = watcher.forever()
    plural = "s" if cycles != 1 else ""
    _say(f"stopped after {cycles} cycle{plural} since {started:%Y-%m-%d %H:%M} UTC")


@click.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@_db
@_fetch_options
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
def fetch_command(urls: tuple[str, ...], db: str, quiet: bool, **kwargs: Any) -> None:
    """Fetch article pages once and read them into the store (archived like the watch's).

    \b
    Example:
      storyline fetch https://example.org/news/harbour-strike --db news.db
    """
    with Store(db) as store, Watcher(store, _settings(kwargs), _options(kwargs), say=_say) as w:
        report = w.fetch(urls)
    _report(report, quiet)
    if report.run is None or (report.pages + report.from_entry) == 0:
        sys.exit(1)
