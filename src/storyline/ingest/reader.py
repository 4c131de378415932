"""Read one :class:`SourceRef` into a :class:`RawArticle`.

Metadata precedence, most specific first: the record or sidecar, the HTML page's own
metadata, a date in the file name or path, then the run's ``--published`` fallback.
``published_from`` records which one gave the date; with none, the date stays unknown.

JSON Lines lines, feed entries and archived web pages are all read as JSON records. A feed
entry's record is the entry's metadata (``published_from`` "feed"); its HTML is only a body
(see :func:`~storyline.ingest.feed.entry_text`). An archived page's date comes from the page
alone, never from the file name or ``--published`` (see ``warc.py`` for why).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from storyline.errors import EmptyInput, MalformedRecord, TooLargeInput, UnreadableInput
from storyline.ingest.dates import date_from_path
from storyline.ingest.decode import decode_bytes, decode_declared, html_charset
from storyline.ingest.discover import RECORD_FORMATS, SourceRef
from storyline.ingest.feed import entry_text
from storyline.ingest.html import extract_html
from storyline.ingest.metadata import Metadata, metadata_from_object, read_sidecar
from storyline.model import Problem, RawArticle


@dataclass(frozen=True, slots=True)
class ReadOptions:
    max_bytes: int = 5_000_000
    fallback_published: date | None = None


def read_source(ref: SourceRef, options: ReadOptions) -> RawArticle:
    """Read one input; raise an :class:`InputError` subclass when it cannot be used."""
    if ref.format in RECORD_FORMATS:
        return _read_record(ref, options)
    data = _read_bytes(ref, options)
    if ref.format == "html":
        text, encoding, warning = decode_declared(data, html_charset(data), ref.path)
    else:
        text, encoding, warning = decode_bytes(data, ref.path)
    warnings = [warning] if warning else []
    sidecar, problems = read_sidecar(ref.path)
    warnings.extend(problems)
    page = Metadata()
    if ref.format == "html":
        text, page = extract_html(text, ref.path)
    if not text.strip():
        raise EmptyInput(ref.path, "has no text", hint="remove it or fill it")
    return _article(ref, ref.path, text, encoding, [sidecar, page], options, warnings)


def _read_bytes(ref: SourceRef, options: ReadOptions) -> bytes:
    path = Path(ref.path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise TooLargeInput(
                ref.path,
                f"is {size / 1e6:.1f} MB, more than the {options.max_bytes / 1e6:.1f} MB "
                "allowed for one article",
                hint="split it into articles, or raise the limit with --max-bytes",
            )
        data = path.read_bytes()
    except PermissionError as err:
        raise UnreadableInput(ref.path, "permission denied", hint="check permissions") from err
    except IsADirectoryError as err:
        raise UnreadableInput(ref.path, "is a folder, not a file") from err
    except FileNotFoundError as err:
        raise UnreadableInput(ref.path, "disappeared before it could be read") from err
    except OSError as err:
        raise UnreadableInput(ref.path, f"cannot be read: {err.strerror}") from err
    if not data.strip():
        raise EmptyInput(ref.path, "is empty", hint="remove it or fill it")
    return data


def _read_record(ref: SourceRef, options: ReadOptions) -> RawArticle:
    name = ref.name
    payload = ref.payload or b""
    if len(payload) > options.max_bytes:
        raise TooLargeInput(
            name,
            f"record is {len(payload) / 1e6:.1f} MB, more than the "
            f"{options.max_bytes / 1e6:.1f} MB allowed for one article",
            hint="raise the limit with --max-bytes",
        )
    line, encoding, warning = decode_bytes(payload, name)
    warnings = [warning] if warning else []
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise MalformedRecord(
            name, f"is not valid JSON ({err.msg} at column {err.colno})", hint="fix the line"
        ) from err
    if not isinstance(obj, dict):
        raise MalformedRecord(name, "must be a JSON object", hint="one article object per line")
    if ref.format == "warc" and obj.get("format") in ("web", "feed"):
        # An entry record of a Storyline archive (ingest/warc.py): read as the watch read it.
        ref = replace(ref, format=str(obj["format"]))
    meta, problems = metadata_from_object(obj, name, ref.format)
    warnings.extend(problems)
    if ref.format != "jsonl" and isinstance(obj.get("encoding"), str):
        encoding = obj["encoding"]  # the feed's or page's; its record is always UTF-8
    text, html = obj.get("text"), obj.get("html")
    page = Metadata()
    body = ""
    if isinstance(text, str) and text.strip():
        body = text
    elif isinstance(html, str) and html.strip():
        if ref.format == "feed":
            body = entry_text(html, name, meta.url)
        else:
            body, page = extract_html(html, name, meta.url)
    if not body.strip():
        raise _no_body(ref)
    # An archived page is dated by itself only: see warc.py.
    return _article(
        ref,
        name,
        body,
        encoding,
        [meta, page],
        options,
        warnings,
        dated_by_file=ref.format not in ("warc", "web"),
    )


def _no_body(ref: SourceRef) -> Exception:
    if ref.format == "feed":
        return EmptyInput(
            ref.name,
            f"feed entry {ref.line} has no text (no content, summary or description)",
            hint="nothing to read in it; the feed's other entries are read",
        )
    if ref.format == "warc":
        return EmptyInput(ref.name, "archived page is empty", hint="nothing to read in it")
    if ref.format == "web":
        return EmptyInput(
            ref.name, "fetched page has no article text", hint="nothing to read in it"
        )
    return MalformedRecord(
        ref.name, "has no 'text' or 'html' field with content", hint="add the article body"
    )


def _article(
    ref: SourceRef,
    source: str,
    text: str,
    encoding: str,
    metas: list[Metadata | None],
    options: ReadOptions,
    warnings: list[Problem],
    *,
    dated_by_file: bool = True,
) -> RawArticle:
    found = [m for m in metas if m is not None]

    def first(attr: str) -> object:
        for meta in found:
            value = getattr(meta, attr)
            if value:
                return value
        return None

    published, published_from, published_at = None, None, None
    for meta in found:
        if meta.published:
            published, published_from = meta.published, meta.published_from
            published_at = meta.published_at
            break
    if published is None and dated_by_file:
        published = date_from_path(ref.path)
        published_from = "filename" if published else None
    if published is None and dated_by_file and options.fallback_published is not None:
        published, published_from = options.fallback_published, "cli"
    external_id = first("external_id")
    url = first("url")
    key = ref.path
    if ref.line is not None:
        key = f"{ref.path}#{_place(ref, _str(external_id), _str(url))}"
    authors = first("authors")
    return RawArticle(
        source=source,
        source_key=key,
        format=ref.format,
        raw_text=text.replace("\r\n", "\n").replace("\r", "\n"),
        raw_title=_str(first("title")),
        external_id=_str(external_id),
        url=_str(url),
        outlet=_str(first("outlet")),
        authors=authors if isinstance(authors, tuple) else (),
        published=published,
        published_from=published_from,
        published_at=published_at,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _place(ref: SourceRef, external_id: str | None, url: str | None) -> str:
    """Where the article sits in its file, stable when the file is rewritten around it.

    The record's id, else (feeds, archives) its URL, else its number: a JSON Lines line, feed
    entry or archive record.
    """
    if external_id:
        return f"id={external_id}"
    if url and ref.format != "jsonl":
        return f"url={url}"
    number = {"feed": "entry", "warc": "record"}.get(ref.format, "line")
    return f"{number}={ref.line}"


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
