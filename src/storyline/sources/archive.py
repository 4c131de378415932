"""Every response the watch fetches, kept in WARC files beside the store (warcio).

``news.db`` gets ``news.db.archive/storyline-<UTC time>-<n>.warc.gz``, a new file once one
passes ``archive_bytes``; each fetch is a ``request`` record and a ``response`` record with
the status line, the headers and the body. ``storyline run news.db.archive/`` replays them:
the archived pages are read as any web archive is, so a cycle can be re-read offline.

Each file begins with a ``warcinfo`` record naming Storyline, and besides the responses it
holds, for every article a cycle read, a ``metadata`` record (``ENTRY_TYPE``) with the exact
record the run read: the page's decoded HTML with its feed entry's title, date and authors,
or the entry's own text when the page could not be had. A replay (``ingest/warc.py``) of a
Storyline archive reads those records, so it gives the same documents, with the same ids, as
the cycles did; any other archive is read page by page.

The body is stored decoded, with ``Content-Encoding`` dropped and ``Content-Length`` set to
what is stored: it is what the fetcher read and bounded (a gzip bomb never reaches the
archive), and a replay must not inflate anything again. Records are written under a lock (the
fetching threads share one archive), each file flushed after every record, so a watch killed
mid-cycle leaves whole records (warcio appends a gzip member per record).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import httpx

from storyline.errors import StoreError
from storyline.store.postgres import is_url

DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
ENTRY_TYPE = "application/x-storyline-entry+json"
STORYLINE_INFO = "storyline-entries: yes"


def archive_folder(db: str | Path) -> Path:
    """Where the archive of the store ``db`` lives: beside a SQLite file; for a PostgreSQL
    store, under ``storyline-archive/`` in the current folder, named after its host and
    database (the server has no folder to offer)."""
    if is_url(str(db)):
        place = urlsplit(str(db))
        name = f"{place.hostname or 'local'}-{place.port or 5432}-{place.path.strip('/')}"
        return Path("storyline-archive") / re.sub(r"[^\w.-]+", "_", name)
    return Path(f"{db}.archive")


class Archive:
    """A rotating WARC writer; ``record`` is the fetcher's ``on_response``."""

    def __init__(self, folder: Path, *, max_bytes: int = 100_000_000) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._writer: Any = None
        self._count = 0
        self._path: Path | None = None
        self._whole = 0  # bytes of whole records in the current file
        self.paths: list[Path] = []
        self.records = 0

    def record(self, url: str, answer: httpx.Response, body: bytes) -> None:
        """Archive one request and its response."""
        from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]

        request = answer.request
        request_headers = StatusAndHeaders(
            f"GET {request.url.raw_path.decode('ascii', 'replace')} HTTP/1.1",
            [(k, v) for k, v in request.headers.items()],
            is_http_request=True,
        )
        kept = [(k, v) for k, v in answer.headers.items() if k.lower() not in DROPPED_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        reason = answer.reason_phrase or httpx.codes.get_reason_phrase(answer.status_code)
        response_headers = StatusAndHeaders(
            f"{answer.status_code} {reason}".strip(), kept, protocol="HTTP/1.1"
        )
        with self._lock:
            writer = self._open_or_drop()
            response = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=response_headers
            )
            asked = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=request_headers
            )
            asked.rec_headers.replace_header(
                "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
            )
            self._write(response, asked)
            self.records += 1

    def entry(self, place: str, payload: bytes) -> None:
        """Archive the record one article was read from (``place``: its source key)."""
        with self._lock:
            writer = self._open_or_drop()
            record = writer.create_warc_record(
                place, "metadata", payload=io.BytesIO(payload), warc_content_type=ENTRY_TYPE
            )
            self._write(record)

    def _open_or_drop(self) -> Any:
        try:
            return self._open()
        except OSError as err:
            self._drop()
            raise self._cannot(err) from err

    def _write(self, *records: Any) -> None:
        """Write whole records and flush; on a failed write (a full disk) the file is cut
        back to its last whole record (or removed, if it has none), and the next record
        begins a new one."""
        try:
            for record in records:
                self._writer.write_record(record)
            assert self._file is not None
            self._file.flush()
            self._whole = self._file.tell()
        except OSError as err:
            self._drop()
            raise self._cannot(err) from err

    def _cannot(self, err: OSError) -> StoreError:
        """A failed write (a full disk) stops the cycle in one line, as a store that cannot
        be written does."""
        return StoreError(
            f"cannot write the archive {self.folder} ({err.strerror or err})",
            hint="free some space and run again: the pages of this cycle are fetched "
            "again, and what earlier cycles stored is kept",
        )

    def _open(self) -> Any:
        from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

        if self._file is not None and self._file.tell() < self.max_bytes:
            return self._writer
        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        while True:
            self._count += 1
            path = self.folder / f"storyline-{stamp}-{self._count:05d}.warc.gz"
            if not path.exists():
                break
        self._file = path.open("xb")
        self._path, self._whole = path, 0
        self._writer = WARCWriter(self._file, gzip=True)
        self.paths.append(path)
        from storyline import __version__

        info = self._writer.create_warcinfo_record(
            path.name,
            {
                "software": f"Storyline/{__version__}",
                "format": "WARC File Format 1.0",
                "description": STORYLINE_INFO,
            },
        )
        self._writer.write_record(info)
        return self._writer

    def close(self) -> None:
        with_file = self._file
        self._file, self._writer = None, None
        if with_file is not None:
            with_file.close()

    def _drop(self) -> None:
        """After a failed write: close the current file, whatever its buffer still holds, and
        cut it back to its whole records (truncating needs no space), or remove it."""
        with_file, path, whole = self._file, self._path, self._whole
        self._file, self._writer, self._path = None, None, None
        if with_file is None or path is None:
            return
        with contextlib.suppress(OSError):
            with_file.close()
        with contextlib.suppress(OSError):
            if whole:
                os.truncate(path, whole)
            else:
                path.unlink()
                self.paths.remove(path)
