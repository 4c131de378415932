"""Web archives (``.warc``, ``.warc.gz``): one JSON record per archived HTML page.

Read with warcio's ArchiveIterator one record at a time; an archive is never held in memory.
A ``response`` record with HTTP status 200 and an HTML content type is a page. Every other
record (requests, metadata, revisits, images, scripts, redirects, 404s) is not an article
and is passed over without a report.

A page's publication date comes only from the page itself (trafilatura: ``html-meta``).
``WARC-Date`` is when the crawler fetched the page, not when it was published: one crawl of
an archive section fetches years of articles in an afternoon, and dating them all by it
would anchor every "on Wednesday" in them to the wrong week. For the same reason neither a
date in the archive's file name (the crawl's, usually) nor ``--published`` (one date for a
whole archive) is used; a page without a date of its own keeps an unknown date.

An archive Storyline's watch wrote (its ``warcinfo`` says ``storyline-entries: yes``; see
``sources/archive.py``) is read by its entry records instead: each holds the exact record a
cycle read (the page with its feed entry's metadata, or the entry's own text), so a replay
gives the documents the cycles gave, ids included.

A truncated or damaged archive is reported with the byte offset (in the file as stored,
compressed or not) of the record where reading stopped; the pages before it are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import BinaryInput
from storyline.ingest.decode import decode_declared, html_charset
from storyline.model import Problem

MAX_PAGE_BYTES = 64_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_records(path: Path) -> Iterator[tuple[int, bytes] | Problem]:
    """Yield ``(record number, JSON record)`` per HTML page, and problems with the archive."""
    # warcio ships no type hints.
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Problem(source, "unreadable", f"cannot read: {err.strerror}", "check permissions")
        return
    with handle:
        size = path.stat().st_size
        if size == 0:
            yield Problem(source, "empty", "is empty", "remove it or fill it")
            return
        records = ArchiveIterator(handle)
        entries = False  # read the entry records, not the pages (a Storyline archive)
        number = 0
        last_end = 0  # where the last whole record ended

        def where(offset: int) -> int:
            # warcio's offsets can run negative on some damaged gzip members (a campaign
            # saw "byte -2519"): the damage is then reported where the last whole record
            # ended, the one place known to be right.
            return offset if last_end <= offset <= size else last_end

        while True:
            start, current = records.offset, number + 1
            try:
                record = next(records, None)
                if record is None:
                    break
                if current == 1:
                    entries = _written_by_storyline(record)
                if entries:
                    found = _entry(record, current)
                else:
                    found = _page(record, current, f"{source}:{current}")
                start = records.get_record_offset()  # reads to the record's end
                complete = _complete(record, records)
            # warcio's parsers raise whatever they hit on damage (AttributeError on a cut header).
            except Exception as err:  # noqa: BLE001 - any of them means: stop here, report
                yield _damaged(source, where(start), current, f"{type(err).__name__}: {err}")
                return
            if not complete:
                yield _damaged(source, where(start), current, "the record is cut short")
                return
            number = current
            last_end = max(last_end, min(records.offset, size))
            yield from found
        if records.offset < size:
            yield _damaged(
                source, where(records.offset), number + 1, "the data there is not a record"
            )


def _complete(record: Any, records: Any) -> bool:
    """Whether the record just read was whole: warcio stops quietly at the end of the file.

    Its header must have been whole (a cut inside it can leave ``Content-Length`` empty), its
    body must have reached that length, and in a ``.warc.gz`` its gzip member must have ended
    (a cut in the member's last bytes loses no text, but the checksum is gone).
    """
    length = record.rec_headers.get_header("Content-Length") or ""
    if not length.strip().isdigit() or getattr(record.raw_stream, "limit", None) != 0:
        return False
    decompressor = getattr(records.reader, "decompressor", None)
    return decompressor is None or bool(decompressor.eof)


def _damaged(source: str, offset: int, number: int, detail: str) -> Problem:
    hint = "get a complete copy of the archive; the pages before that point are kept"
    if "non-chunked gzip" in detail:
        detail = "it is compressed as one gzip stream, not one gzip member per record"
        hint = "recompress it record by record: warcio recompress OLD.warc.gz NEW.warc.gz"
    detail = " ".join(detail.split())
    detail = detail if len(detail) <= 80 else detail[:77] + "..."
    return Problem(
        source,
        "malformed",
        f"archive is truncated or damaged at byte {offset}, record {number} ({detail}); "
        f"the {number - 1} records before it were read",
        hint,
    )


ENTRY_TYPE = "application/x-storyline-entry+json"


def _written_by_storyline(record: Any) -> bool:
    if record.rec_type != "warcinfo":
        return False
    return b"storyline-entries: yes" in record.content_stream().read(4096)


def _entry(record: Any, number: int) -> list[tuple[int, bytes] | Problem]:
    """The record a watch cycle read one article from (and nothing for any other record)."""
    if record.rec_type != "metadata":
        return []
    if record.rec_headers.get_header("Content-Type") != ENTRY_TYPE:
        return []
    return [(number, record.content_stream().read(MAX_PAGE_BYTES))]


def _page(record: Any, number: int, name: str) -> list[tuple[int, bytes] | Problem]:
    """An HTML page's JSON record (after a warning about it, if any); problems; or nothing."""
    if record.rec_type != "response" or record.http_headers is None:
        return []
    if record.http_headers.get_statuscode() != "200":
        return []
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return []
    try:
        body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    except Exception as err:  # noqa: BLE001 - bad gzip or chunking: zlib.error, ValueError, …
        return [
            Problem(
                name,
                "malformed",
                f"page body cannot be decoded ({type(err).__name__}: {err})",
                "the crawler stored a damaged response; re-crawl the page",
            )
        ]
    if len(body) > MAX_PAGE_BYTES:
        return [
            Problem(
                name,
                "too-large",
                f"page is more than {MAX_PAGE_BYTES / 1e6:.0f} MB",
                "it is unlikely to be one article; extract it separately if it is",
            )
        ]
    try:
        html, encoding, warning = _decode(body, content_type, name)
    except BinaryInput as err:
        return [Problem(name, err.kind, err.reason, err.hint)]
    uri = record.rec_headers.get_header("WARC-Target-URI")
    url = uri.strip("<> ") if isinstance(uri, str) else None
    payload = json.dumps({"url": url, "html": html, "encoding": encoding}, ensure_ascii=False)
    page: tuple[int, bytes] = (number, payload.encode("utf-8"))
    return [warning, page] if warning is not None else [page]


def _decode(body: bytes, content_type: str, name: str) -> tuple[str, str, Problem | None]:
    """Decode with the charset the server or the page declares, else as other inputs are."""
    return decode_declared(body, html_charset(body, content_type), name)
