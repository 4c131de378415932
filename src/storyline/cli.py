"""The ``storyline`` command: thin commands over library functions.

Library errors become one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click

from storyline import __version__
from storyline.cli_options import db_option, output_option
from storyline.config import default
from storyline.engines import ENGINES
from storyline.engines.ray import INSTALL as RAY_INSTALL
from storyline.engines.ray import available as ray_available
from storyline.errors import StorylineError
from storyline.events.embed import INSTALL as INSTALL_EMBEDDINGS
from storyline.events.embed import available as embeddings_available
from storyline.language.note import language_note
from storyline.model import printable
from storyline.output import emit, format_option
from storyline.runner import (
    NOTHING_READ,
    ProgressLine,
    RunOptions,
    RunSummary,
    count_inputs,
    nothing_read,
    run,
)
from storyline.store import Store
from storyline.store.articles import FactProvenance
from storyline.store.sqlite import DocumentPlace


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as err:
            click.echo(f"storyline: error: {err}", err=True)
            sys.exit(2)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Storyline: raw news articles in; clean documents, duplicates, stories, entities, quotes,
    time expressions and events out, each pointing back to the characters it came from."""


@main.command("run")
@click.argument("paths", nargs=-1)
@db_option
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date for articles whose metadata, page and file name give none.",
)
@click.option(
    "--only",
    "only",
    multiple=True,
    help="Re-run this stage (and what depends on it) "
    "over the documents already in the store. Repeatable.",
)
@click.option(
    "--workers",
    type=int,
    default=int(str(default("workers"))),
    help="Worker processes (0: one per core).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="What runs the per-article pass and the fact stages: this machine's processes "
    f"(local), or Ray tasks on this machine or a Ray cluster (ray; needs `{RAY_INSTALL}`).",
)
@click.option(
    "--ray-address",
    envvar="RAY_ADDRESS",
    help="With --engine ray: the Ray cluster to run on (auto, HOST:6379 from one of its "
    "nodes, ray://HOST:10001 from elsewhere; default: RAY_ADDRESS, else Ray on this machine "
    "with --workers CPUs).",
)
@click.option(
    "--max-bytes",
    type=int,
    default=int(str(default("max_bytes"))),
    show_default=True,
    help="Largest input article in bytes; larger inputs are reported and skipped.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Follow links in input folders that lead out of them (by default such links are "
    "reported and not read).",
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="If another run is writing the store, stop at once (exit 2) instead of waiting.",
)
@click.option("--strict", is_flag=True, help="Exit non-zero if any input had a problem.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.option(
    "--event-embeddings/--no-event-embeddings",
    default=None,
    help="Link events with MiniLM trigger embeddings too: better linking, much slower; "
    f"needs `{INSTALL_EMBEDDINGS}`. Kept for later runs until switched off; switching "
    "relinks every story.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show inputs done, rate and ETA on stderr (default: when stderr is a terminal).",
)
def run_command(
    paths: tuple[str, ...],
    db: str,
    published: Any,
    only: tuple[str, ...],
    workers: int,
    engine: str,
    ray_address: str | None,
    max_bytes: int,
    follow_links: bool,
    no_wait: bool,
    strict: bool,
    quiet: bool,
    as_json: bool,
    event_embeddings: bool | None,
    progress: bool | None,
) -> None:
    """Read articles (folders, globs, .txt with .meta.json sidecars, .html, .jsonl) into the store.

    \b
    Example:
      storyline run examples/corpus --db news.db
      storyline run 'feeds/**/*.jsonl' --db news.db --published 2025-03-12
      storyline run --only clean --db news.db
      storyline run corpus/ --db news.db --engine ray --ray-address ray://head:10001

    \b
    Exit codes:
      0  the run finished (inputs with problems are reported and skipped)
      1  with --strict: some input had a problem
      2  an error stopped the run (bad option, store busy with --no-wait, ...)
      3  PATHS were given and no input could be read from them (none found, or every one
         failed; files unchanged since the last run count as read)
    """
    if not paths and not only:
        raise click.UsageError("give at least one path to read, or --only STAGE")
    if engine == "ray" and not ray_available():
        raise click.UsageError(f"--engine ray needs Ray: run `{RAY_INSTALL}`")
    if event_embeddings and not embeddings_available():
        raise click.UsageError(
            f"--event-embeddings needs the model package: run `{INSTALL_EMBEDDINGS}`"
        )
    options = RunOptions(
        fallback_published=published.date() if published else None,
        max_bytes=max_bytes,
        workers=workers or None,
        only=tuple(s for item in only for s in item.split(",") if s),
        event_embeddings=event_embeddings,
        follow_links=follow_links,
        wait=not no_wait,
        engine=engine,
        ray_address=ray_address or None,
    )
    if progress is None:
        progress = not quiet and not as_json and sys.stderr.isatty()
    with Store(db) as store:
        line = ProgressLine(
            count_inputs(paths, store, follow_links) if progress and paths else None
        )
        summary = run(
            paths,
            store,
            options,
            on_progress=line if progress else None,
            on_stage=line.stage if progress else None,
            on_stage_progress=line.stage_progress if progress else None,
            on_wait=lambda message: click.echo(f"storyline: {message}", err=True),
        )
    line.done()
    for problem in summary.problems:
        label = "warning" if problem.severity == "warning" else "skipped"
        click.echo(f"{label}: {problem}", err=True)
    if not quiet:
        for source, stored in summary.same_as:
            click.echo(
                f"unchanged: {printable(source)} is the same article as {printable(stored)} "
                "(stored once)",
                err=True,
            )
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2))
    elif not quiet:
        click.echo(_summary_text(summary, db))
    if paths and nothing_read(summary):
        click.echo(
            f"storyline: error: no input could be read from {', '.join(map(printable, paths))}"
            f" ({summary.inputs} found, {summary.errors} skipped with an error)",
            err=True,
        )
        sys.exit(NOTHING_READ)
    if strict and summary.problems:
        sys.exit(1)


def _summary_text(summary: RunSummary, db: str) -> str:
    lines = [
        f"Run {summary.run_id} {summary.status} in {summary.seconds:.1f}s: "
        f"{summary.inputs} inputs read, {summary.files_unchanged} unchanged files skipped.",
        f"  documents: {summary.new} new, {summary.updated} updated, {summary.unchanged} "
        f"unchanged{_same_as_text(summary)}, {summary.new_versions} new versions of earlier "
        "articles",
    ]
    if summary.problems:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.problem_counts().items()))
        lines.append(
            f"  problems: {summary.errors} inputs skipped, {summary.warnings} warnings ({kinds})"
        )
    languages = summary.counters.stages.get("language")
    if languages is not None and set(languages.found) - {"en"}:
        lines.append("  languages: " + _languages_text(languages.found))
    for name, counts in summary.counters.stages.items():
        extra = ""
        if counts.dropped:
            extra += " dropped " + ", ".join(f"{n} {k}" for k, n in counts.dropped.items())
        if counts.failed:
            extra += " failed " + ", ".join(f"{n} {k}" for k, n in counts.failed.items())
        if counts.skipped:
            extra += " skipped " + ", ".join(f"{n} {k}" for k, n in counts.skipped.items())
        if counts.found:
            extra += "; found " + ", ".join(f"{n} {k}" for k, n in counts.found.items())
        lines.append(f"  stage {name}: {counts.passed} passed{extra} ({counts.seconds:.1f}s)")
    lines.append(f"  store: {db}")
    return "\n".join(lines)


def _same_as_text(summary: RunSummary) -> str:
    """`` (1 the same article as another file: b.txt = a.txt)``: which stored file an
    unchanged input equals, in the summary itself (the first three; all on stderr)."""
    if not summary.same_as:
        return ""
    shown = "; ".join(f"{printable(a)} = {printable(b)}" for a, b in summary.same_as[:3])
    more = f"; {len(summary.same_as) - 3} more above" if len(summary.same_as) > 3 else ""
    return f" ({len(summary.same_as)} the same article as another file: {shown}{more})"


def _languages_text(found: Mapping[str, int]) -> str:
    """``9 English, 2 French, 1 unknown (processed as English)``, most first; and which
    stages skipped the others."""
    parts = []
    for code, count in sorted(found.items(), key=lambda item: (-item[1], item[0])):
        note = language_note(code)
        parts.append(f"{count} {note.name}{' (processed as English)' if note.unknown else ''}")
    skipped = list(dict.fromkeys(s for code in found for s in language_note(code).skipped))
    text = ", ".join(parts)
    return f"{text}; not in English: skipped by {', '.join(skipped)}" if skipped else text


@main.command("documents")
@db_option
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--all-versions", is_flag=True, help="Also list superseded versions.")
@format_option
def documents_command(db: str, limit: int, offset: int, all_versions: bool, fmt: str) -> None:
    """List documents, newest first: id, outlet, published, title, flags.

    \b
    Example:
      storyline documents --db news.db --limit 20
      storyline documents --db news.db --format csv > documents.csv
    """
    with Store(db, readonly=True) as store:
        rows = store.list_documents(limit=limit, offset=offset, include_superseded=all_versions)
        records = [
            {
                "id": r.id,
                "outlet": r.outlet,
                "published": r.published,
                "title": r.title,
                "flags": list(r.flags),
                "authors": list(r.authors),
                "source": r.source,
                "superseded_by": r.superseded_by,
            }
            for r in rows
        ]
    emit(records, ["id", "outlet", "published", "title", "flags"], fmt, sys.stdout)


@main.command("show")
@click.argument("doc_id")
@db_option
@click.option("--raw", is_flag=True, help="Show the raw input text instead of the clean body.")
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
@click.option(
    "--explain",
    is_flag=True,
    help="List every fact found in the document with the stage, version and rule or model "
    "that produced it.",
)
def show_command(doc_id: str, db: str, raw: bool, as_json: bool, explain: bool) -> None:
    """Show one document: clean title, metadata, body, and what cleaning removed and why.

    DOC_ID may be a unique prefix of the id.

    \b
    Example:
      storyline show 3f2a9c --db news.db
      storyline show 3f2a9c --explain --db news.db   # each fact with its stage and rule
    """
    with Store(db, readonly=True) as store:
        doc = store.get_document(doc_id)
        place = store.document_place(doc.id)
        facts = store.articles.provenance(doc.id) if explain else []
    assert place is not None
    if explain:
        _explain(doc.id, facts, as_json)
        return
    if as_json:
        from storyline.export.json_export import documents as export_documents

        with Store(db, readonly=True) as store:
            record = next(r for r in export_documents(store) if r["id"] == doc.id)
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    meta = [
        ("id", doc.id),
        ("external id", doc.external_id),
        ("source", doc.source),
        ("url", doc.url),
        ("outlet", doc.outlet),
        ("authors", ", ".join(doc.authors)),
        (
            "published",
            f"{doc.published} (from {doc.published_from})"
            if doc.published
            else "unknown (no date in metadata, page, file name or --published)",
        ),
        ("dateline", doc.dateline.text if doc.dateline else None),
        ("encoding", doc.encoding),
        ("flags", ", ".join(doc.flags)),
        ("language", language_note(doc.language).text),
        ("stages", ", ".join(f"{k} v{v}" for k, v in doc.stages)),
        ("previous version", place.previous_version),
        ("superseded by", place.superseded_by),
        ("duplicate of", place.duplicate_of),
        ("story", place.story_id),
    ]
    click.secho(doc.title or "(no title)", bold=True)
    for key, value in meta:
        if value:
            click.echo(f"  {key + ':':<18}{value}")
    click.echo()
    click.echo(doc.raw_text if raw else doc.text)
    if place.duplicate_of:
        _show_duplicate(db, doc.text, place)
    if doc.removals:
        click.echo()
        click.secho(f"Removed by cleaning ({len(doc.removals)}):", bold=True)
        for removal in doc.removals:
            text = " ".join(removal.text.split())
            text = text if len(text) <= 100 else text[:99] + "…"
            click.echo(f"  - {removal.kind}: {removal.reason}\n      {text!r}")
    if doc.warnings:
        click.echo()
        for warning in doc.warnings:
            click.echo(f"warning: {warning}")


def _explain(document_id: str, facts: list[FactProvenance], as_json: bool) -> None:
    """``show --explain``: each fact, where it is, and the stage, version and rule behind it,
    with what each part of the rule looks for (the rule catalogue, ``storyline rules``)."""
    from storyline.rules import catalogue, explain

    records: list[dict[str, Any]] = []
    used: dict[str, str] = {}
    for f in facts:
        parts = explain(f.rule)
        used.update(parts)
        records.append(
            {
                "fact": f.kind,
                "where": f"{'title ' if f.field == 'title' else ''}{f.start}-{f.end}",
                "text": f.text,
                "what": f.what,
                "stage": f"{f.stage}@{f.version}",
                "rule": f.rule or "(not recorded: re-run the stage)",
                "says": " | ".join(says for _, says in parts),
                "rules": [{"name": name, "says": says} for name, says in parts],
            }
        )
    if as_json:
        click.echo(json.dumps({"document_id": document_id, "facts": records}, indent=2))
        return
    if not records:
        click.echo(f"No facts stored for {document_id}.")
        return
    emit(records, ["fact", "where", "text", "what", "stage", "rule"], "table", sys.stdout)
    # What each rule looks for, once per rule below the table: a composite event rule has
    # three parts, too long for a column.
    order = {rule.written: index for index, rule in enumerate(catalogue())}
    legend = dict(sorted(used.items(), key=lambda item: order.get(item[0], len(order))))
    if legend:
        click.echo()
        click.secho("What each rule looks for (all rules: storyline rules):", bold=True)
        width = max(len(name) for name in legend)
        for name, says in legend.items():
            click.echo(f"  {name.ljust(width)}  {says}")


@main.command("duplicates")
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="Groups to show.")
@click.option("--offset", type=int, default=0)
@format_option
def duplicates_command(db: str, limit: int, offset: int, fmt: str) -> None:
    """List duplicate groups: each canonical article with its copies and rewrites.

    Each copy shows its kind (exact / near / rewrite), its similarity score and the member
    it most likely derives from (lineage).

    \b
    Example:
      storyline duplicates --db news.db
      storyline duplicates --db news.db --format json
    """
    with Store(db, readonly=True) as store:
        groups = store.duplicates.groups(limit=limit, offset=offset)
    if fmt != "table":
        records = [
            {
                "canonical": asdict(g.canonical),
                "members": [asdict(m) for m in g.members],
                "size": g.size,
            }
            for g in groups
        ]
        if fmt == "csv":
            flat = [
                {"group": g.canonical.id, **asdict(m)}
                for g in groups
                for m in (g.canonical, *g.members)
            ]
            emit(
                flat,
                ["group", "id", "kind", "score", "derived_from", "outlet", "published", "title"],
                fmt,
                sys.stdout,
            )
        else:
            emit(records, ["canonical", "members", "size"], fmt, sys.stdout)
        return
    if not groups:
        click.echo("(no duplicates)")
    for group in groups:
        c = group.canonical
        click.secho(
            f"{c.id}  {c.published or '?':<10}  {c.outlet or '?':<20}  {c.title or ''}", bold=True
        )
        for m in group.members:
            lineage = f"from {m.derived_from}" if m.derived_from != c.id else ""
            click.echo(
                f"  └ {m.id}  {m.published or '?':<10}  {m.outlet or '?':<20}  "
                f"{m.kind} {m.score:.2f} {lineage}".rstrip()
            )


def _show_duplicate(db: str, text: str, place: DocumentPlace) -> None:
    from storyline.dedup.report import differences

    assert place.duplicate_of is not None and place.duplicate_kind is not None
    with Store(db, readonly=True) as store:
        canonical = store.get_document(place.duplicate_of)
    click.echo()
    click.secho(
        f"{place.duplicate_kind.capitalize()} copy (score {place.duplicate_score or 0:.2f}) of "
        f"{canonical.id} ({canonical.outlet or 'unknown outlet'}, {canonical.published or '?'})"
        + (f", derived from {place.derived_from}" if place.derived_from != canonical.id else ""),
        bold=True,
    )
    diff = differences(canonical.text, text)
    if not diff.added and not diff.removed:
        click.echo("  same sentences as the canonical")
    for sentence in diff.removed:
        click.echo(f"  - {sentence}")
    for sentence in diff.added:
        click.echo(f"  + {sentence}")


@main.command("stories")
@db_option
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@format_option
def stories_command(db: str, limit: int, offset: int, fmt: str) -> None:
    """List stories, most recent and largest first.

    \b
    Example:
      storyline stories --db news.db
    """
    from storyline.stories.report import list_stories

    with Store(db, readonly=True) as store:
        rows = [asdict(r) for r in list_stories(store, limit=limit, offset=offset)]
    emit(rows, ["id", "end", "size", "outlets", "title"], fmt, sys.stdout)


@main.command("story")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story (or the answer) as JSON.")
@click.option(
    "--history",
    is_flag=True,
    help="Show every recorded change of the story and of the stories merged into it, oldest first.",
)
@click.option(
    "--why",
    "why",
    is_flag=True,
    help="Say why articles are (or are not) in the story: give DOC1 DOC2 for a pair, or one "
    "DOC (in the story: why it is there; elsewhere: why not).",
)
@click.argument("docs", nargs=-1)
def story_command(
    story_id: str, db: str, as_json: bool, history: bool, why: bool, docs: tuple[str, ...]
) -> None:
    """Show one story: title, dates, summary with sources, names, articles and their copies.

    STORY_ID may be a unique prefix, or the id of a story merged into another.
    DOC ids (with --why) may be unique prefixes; a copy is explained with its original.

    \b
    Example:
      storyline story s3f2a9c --db news.db
      storyline story s3f2a9c --history --db news.db
      storyline story s3f2a9c --why 3f2a 9b1c --db news.db   # why these two are together
      storyline story s3f2a9c --why 3f2a --db news.db        # why this one is (not) here
    """
    if history and why:
        raise click.UsageError("--history and --why ask different things: give one of them")
    if docs and not why:
        raise click.UsageError(
            f"unexpected article ids {' '.join(docs)!r}; to ask why articles are in the "
            f"story, add --why: storyline story {story_id} --why {' '.join(docs)}"
        )
    if why:
        _story_why(story_id, db, docs, as_json)
        return
    if history:
        from storyline.stories.history import text as history_text

        with Store(db, readonly=True) as store:
            resolved = store.stories.resolve(story_id)
            lines = store.stories.history(resolved)
        if as_json:
            click.echo(
                json.dumps({"id": resolved, "history": [asdict(x) for x in lines]}, indent=2)
            )
        else:
            click.echo(history_text(resolved, lines), nl=False)
        return
    from storyline.stories.report import markdown, story_detail

    with Store(db, readonly=True) as store:
        detail = story_detail(store, story_id)
    click.echo(json.dumps(asdict(detail), indent=2) if as_json else markdown(detail))


def _story_why(story_id: str, db: str, docs: tuple[str, ...], as_json: bool) -> None:
    from storyline.stories.why import text, why_one, why_pair

    if len(docs) not in (1, 2):
        raise click.UsageError(
            f"--why takes one or two article ids, got {len(docs)}: "
            f"storyline story {story_id} --why DOC1 DOC2 (or one DOC)"
        )
    with Store(db, readonly=True) as store:
        answer = (
            why_pair(store, story_id, docs[0], docs[1])
            if len(docs) == 2
            else why_one(store, story_id, docs[0])
        )
    click.echo(json.dumps(asdict(answer), indent=2) if as_json else text(answer), nl=as_json)


@main.command("entities")
@db_option
@click.option(
    "--type",
    "type_",
    type=click.Choice(["person", "organization", "place"]),
    help="Only entities of this type.",
)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@format_option
def entities_command(db: str, type_: str | None, limit: int, offset: int, fmt: str) -> None:
    """List people, organisations and places, most mentioned first, with the roles seen.

    \b
    Example:
      storyline entities --db news.db --type person
    """
    from storyline.entities.report import list_entities

    with Store(db, readonly=True) as store:
        rows = [asdict(r) for r in list_entities(store, type_=type_, limit=limit, offset=offset)]
    emit(rows, ["id", "name", "type", "mentions", "documents", "roles"], fmt, sys.stdout)


@main.command("entity")
@click.argument("name_or_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON.")
def entity_command(name_or_id: str, db: str, as_json: bool) -> None:
    """Show one entity (by name, alias or id): aliases, roles with dates, documents.

    \b
    Example:
      storyline entity "Boris Pistorius" --db news.db
    """
    from storyline.entities.report import entity_detail, text

    with Store(db, readonly=True) as store:
        detail = entity_detail(store, name_or_id)
    click.echo(
        json.dumps(asdict(detail), indent=2, ensure_ascii=False) if as_json else text(detail)
    )


@main.command("quotes")
@db_option
@click.option("--speaker", help="Only quotes of this speaker (name, alias or surname).")
@click.option("--story", "story", help="Only quotes in this story (id or prefix).")
@click.option("--entity", "entity", help="Only quotes whose speaker is this entity (id or name).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@format_option
def quotes_command(
    db: str,
    speaker: str | None,
    story: str | None,
    entity: str | None,
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """List who said what: quotes with their kind, speaker and cue, newest first.

    \b
    Examples:
      storyline quotes --db news.db --speaker Lecornu
      storyline quotes --db news.db --story s3f2a9c --format json
    """
    from storyline.quotes.report import list_quotes

    with Store(db, readonly=True) as store:
        rows = [
            asdict(r)
            for r in list_quotes(
                store, speaker=speaker, story=story, entity=entity, limit=limit, offset=offset
            )
        ]
    emit(rows, ["document_id", "kind", "speaker", "cue", "text"], fmt, sys.stdout)


@main.command("timeline")
@db_option
@click.option("--story", "story", help="Events of this story (id or prefix).")
@click.option("--entity", "entity", help="Events this entity takes part in (id or name).")
@click.option(
    "--all",
    "include_all",
    is_flag=True,
    help="Also events seen only as hypothetical or negated, and undated single mentions.",
)
@click.option("--limit", type=int, default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
def timeline_command(
    db: str, story: str | None, entity: str | None, include_all: bool, limit: int, as_json: bool
) -> None:
    """Events in date order with their status (planned / happened ...), place, participants
    and the articles that report them: of a story, of an entity, or (with neither) the store's.

    \b
    Examples:
      storyline timeline --db news.db --story s3f2a9c
      storyline timeline --db news.db --entity "Boris Pistorius" --json
    """
    from storyline.events.report import text, timeline

    with Store(db, readonly=True) as store:
        events = timeline(store, story=story, entity=entity, include_all=include_all, limit=limit)
    if as_json:
        click.echo(json.dumps([asdict(e) for e in events], indent=2, ensure_ascii=False))
    else:
        click.echo(text(events), nl=False)


@main.command("report")
@click.option("--story", "story_id", required=True, help="Story id (or a unique prefix).")
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@output_option
def report_command(story_id: str, db: str, fmt: str, output: str) -> None:
    """Write a brief on one story, in Markdown or HTML, to forward as it is.

    \b
    Example:
      storyline report --story s3f2a9c --db news.db --format html -o brief.html
    """
    from storyline.stories.report import html_page, markdown, story_detail

    with Store(db, readonly=True) as store:
        detail = story_detail(store, story_id)
    text = markdown(detail) if fmt == "md" else html_page(detail)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@main.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv", "parquet", "graphml"]),
    default="json",
    show_default=True,
    help="json: one document (docs/export.schema.json); jsonl: the same records one a line; "
    "csv, parquet: a folder with one file per table (docs/export.md; parquet needs "
    "`pip install 'storyline[analysis]'`); graphml: who appears with whom, for Gephi.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default="-",
    help="File to write (json, jsonl, graphml; default: standard output) or folder (csv, "
    "parquet). It appears only once complete.",
)
def export_command(db: str, fmt: str, output: str) -> None:
    """Export the store: everything as JSON or JSON Lines, per-table CSV or Parquet, or the
    co-occurrence graph of entities as GraphML. The store is read as one snapshot, so a run
    writing it meanwhile is not seen half-way.

    \b
    Example:
      storyline export --db news.db --format json -o export.json
      storyline export --db news.db --format parquet -o tables/
      storyline export --db news.db --format graphml -o people.graphml
    """
    from storyline.export.formats import check_format, export

    check_format(fmt, output)  # before the store is opened: a bad request says so at once
    with Store(db, readonly=True) as store:
        counts = export(store, fmt, output, stdout=sys.stdout)
    if output != "-":
        shown = ", ".join(f"{n} {k}" for k, n in counts.items())
        click.echo(f"wrote {output} ({shown})", err=True)


@main.command("problems")
@db_option
@click.option("--run", "run_id", type=int, help="Run id (default: the latest run).")
@format_option
def problems_command(db: str, run_id: int | None, fmt: str) -> None:
    """List the inputs that had problems in a run, with the reason and what to do.

    \b
    Example:
      storyline problems --db news.db
    """
    with Store(db, readonly=True) as store:
        rows = [asdict(r) for r in store.problems(run_id)]
    emit(rows, ["severity", "kind", "source", "message", "hint"], fmt, sys.stdout)


@main.command("rules")
@click.option(
    "--stage",
    type=click.Choice(["entities", "quotes", "events"]),
    help="Only the rules of this stage (time expressions are stored by events).",
)
@format_option
def rules_command(stage: str | None, fmt: str) -> None:
    """List the rules and models that facts name, with what each looks for.

    A fact's rule string (``storyline show ID --explain``) names one or more of them:
    "trigger-past/status:past-form/time:in-clause", "crf+surname-link".

    \b
    Example:
      storyline rules
      storyline rules --stage quotes --format json
    """
    from storyline.rules import catalogue

    rows = [
        {"name": r.written, "stage": r.stage, "fact": r.fact, "says": r.says}
        for r in catalogue()
        if stage is None or r.stage == stage
    ]
    emit(rows, ["name", "stage", "fact", "says"], fmt, sys.stdout)


@main.command("search")
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@format_option
def search_command(query: str, db: str, limit: int, fmt: str) -> None:
    """Full-text search over titles and bodies (SQLite FTS5 syntax).

    \b
    Example:
      storyline search 'strike AND Rotterdam' --db news.db
    """
    with Store(db, readonly=True) as store:
        reading = store.search.reading(query)
        found = store.search.snippets(reading.fts, limit=limit) if reading.fts else []
        rows = [asdict(r) for r in found]
    if reading.message:
        click.echo(f"storyline: note: {reading.message}", err=True)
    emit(rows, ["id", "title", "snippet"], fmt, sys.stdout)


@main.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default keeps the app on this machine.",
)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--token",
    envvar="STORYLINE_TOKEN",
    help="Require this token (Authorization: Bearer TOKEN, or sign in at /login). Needed to "
    "serve beyond this machine. Environment: STORYLINE_TOKEN.",
)
@click.option(
    "--no-auth",
    is_flag=True,
    help="Serve beyond this machine without a token: anyone who can reach it reads the store.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A name this server answers to in the Host header, besides the address it listens "
    "on and the loopback names (repeatable; '*' for any).",
)
def serve_command(
    db: str,
    host: str,
    port: int,
    token: str | None,
    no_auth: bool,
    allow_hosts: tuple[str, ...],
) -> None:
    """Serve the store as web pages and a JSON API (read-only): stories, articles, entities,
    search. Open http://127.0.0.1:8000/ ; the API is described at /api/docs.

    Served on another address than loopback, it needs a token (--token or STORYLINE_TOKEN),
    or --no-auth to say that anyone who can reach it may read the store.

    \b
    Example:
      storyline serve --db news.db
      storyline serve --db news.db --port 8080
      STORYLINE_TOKEN=s3cret storyline serve --db news.db --host 0.0.0.0 --allow-host news.lan
    """
    import uvicorn

    from storyline.web import create_app
    from storyline.web.guard import LOOPBACK, host_of

    loopback = host_of(host) in LOOPBACK
    if not loopback and not token and not no_auth:
        raise click.UsageError(
            f"serving on {host} lets anyone who can reach it read the store: give a token "
            "(--token or STORYLINE_TOKEN), or --no-auth to serve without one"
        )
    hosts: list[str] | None = [*LOOPBACK, *allow_hosts]
    if not loopback:
        if host in ("0.0.0.0", "::"):  # any address: the names it is reached by are unknown
            hosts = None if not allow_hosts else hosts
        else:
            hosts = [*LOOPBACK, host, *allow_hosts]
    if "*" in allow_hosts:
        hosts = None
    app = create_app(db, allowed_hosts=hosts, token=token or None)
    if not loopback and not token:
        click.echo(
            f"storyline: serving on {host} without a token: anyone who can reach this "
            "address can read the store",
            err=True,
        )
    click.echo(
        f"Storyline on http://{host}:{port}/ (store {db}, read-only); Ctrl-C stops it", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _parse_date(value: str) -> date:
    return date.fromisoformat(value)


# Live sources (issue 20): defined beside the code they drive, registered here.
from storyline.sources.commands import (  # noqa: E402
    fetch_command,
    sources_group,
    watch_command,
)

main.add_command(sources_group)
main.add_command(watch_command)
main.add_command(fetch_command)


if __name__ == "__main__":
    main()
