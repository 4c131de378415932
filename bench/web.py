"""``python -m bench web``: latency of ``storyline serve`` on a large store, next to Datasette.

The store: the first ``--base`` articles (default 5,000) of Reuters-21578 and BBC News in
date order (``bench.stories.base_stream``) go through the whole pipeline (``storyline run``:
clean, dedup, stories, entities, quotes, events), then the store is grown to ``--size``
articles (default 100,000) by copies made in SQL: copy *k* of every article has its numbers
and capitalised words replaced consistently (``bench.stories.Perturber``, which keeps every
offset), its dates moved *k* years on, and its own ids for documents, stories, quotes and
events, with every mention, quote, time expression, event and summary row copied beside it.
Running the pipeline on 100k articles takes most of an hour on this machine
(``docs/benchmarks.md``, stories); the web app only reads, so the copies give it a store of
the real size and shape. The built store is kept in ``--cache`` and reused.

Measured: the server as a user starts it (``storyline serve``, one uvicorn process, on
loopback), a bounded loop of sequential requests per scenario (``--requests``, after 10
warm-up requests), p50 / p95 / max latency seen by the client (httpx, keep-alive). The same
loop runs against Datasette serving the same SQLite file, with the requests a Datasette user
would make for the same view (its table, row filter and ``_search`` pages).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from bench import corpora
from bench.report import Row, markdown_table
from bench.stories import Perturber, base_stream

PACKAGES = ("storyline", "fastapi", "uvicorn", "datasette")
NOTES = (
    "latency seen by the client (httpx, keep-alive, one request at a time) on loopback; "
    "docs = requests timed (after 10 warm-up requests), seconds = their total",
    "peak MB = the server process's VmHWM at the end of its runs",
)
REPO = Path(__file__).resolve().parents[1]
QUERIES = (
    "oil prices",
    "bank AND rates",
    "coffee",
    '"trade deficit"',
    "strike",
    "gold OR silver",
    "election",
    "dollar NOT yen",
    "minist*",
    "wheat exports",
)
TARGET_P95_MS = 100.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--size", type=int, default=100_000, help="articles in the store")
    parser.add_argument("--base", type=int, default=5_000, help="articles run through the pipeline")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument(
        "--cache",
        default=str(Path(tempfile.gettempdir()) / "storyline-bench-web"),
        help="folder where the built store is kept between runs",
    )
    parser.add_argument(
        "--systems",
        default="storyline,datasette,datasette-tuned",
        help="comma-separated: storyline, datasette (defaults), datasette-tuned "
        "(suggest_facets off, _nocount=1)",
    )
    parser.add_argument("--markdown", help="also write the table as Markdown to this file")


# --- The store ------------------------------------------------------------------------------


def build(db: Path, size: int, base: int) -> None:
    """Run the pipeline on ``base`` real articles, then copy them up to ``size``."""
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    if _pipeline_done(db):
        print(f"bench web: reusing the pipeline's store in {db}", file=sys.stderr)
    else:
        articles = base_stream()[:base]
        with tempfile.TemporaryDirectory(prefix="storyline-bench-web-") as tmp:
            jsonl = Path(tmp) / "base.jsonl"
            corpora.write_jsonl(articles, jsonl)
            started = time.perf_counter()
            with Store(db) as store:
                summary = run([str(jsonl)], store, RunOptions(workers=2))
            print(
                f"bench web: pipeline on {summary.new:,} articles in "
                f"{time.perf_counter() - started:.0f}s",
                file=sys.stderr,
            )
    started = time.perf_counter()
    copies = grow(db, size)
    print(
        f"bench web: {copies} copies to {size:,} articles in {time.perf_counter() - started:.0f}s",
        file=sys.stderr,
    )


# Columns holding ids that a copy renames, per table; "dates" are shifted by a year per copy.
_IDS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "doc",
        "story_id": "story",
        "duplicate_of": "doc",
        "derived_from": "doc",
        "previous_version": "doc",
        "superseded_by": "doc",
    },
    "stories": {"id": "story", "merged_into": "story"},
    "story_vectors": {"document_id": "doc", "story_id": "story"},
    "story_summary": {"story_id": "story", "document_id": "doc"},
    "entity_mentions": {"document_id": "doc"},
    "quotes": {"id": "doc", "document_id": "doc"},
    "time_expressions": {"document_id": "doc"},
    "events": {"id": "doc", "story_id": "story"},
    "event_mentions": {"document_id": "doc", "event_id": "doc"},
    "story_events": {"story_id": "story", "other_id": "story", "document_id": "doc"},
}
_DATES = {
    "documents": ("published",),
    "stories": ("start", "end"),
    "events": ("date_first", "date_last"),
}


def _pipeline_done(db: Path) -> bool:
    """Whether an earlier, interrupted build got past the pipeline (copies resume)."""
    if not db.exists():
        return False
    conn = sqlite3.connect(db)
    try:
        return bool(
            conn.execute("SELECT count(*) FROM runs WHERE status = 'finished'").fetchone()[0]
        )
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def grow(db: Path, size: int) -> int:
    """Add copies 1, 2, ... of every current document (and what hangs on it) up to ``size``."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    base = conn.execute("SELECT count(*) FROM documents WHERE instr(id, '~') = 0").fetchone()[0]
    total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    copies = max(0, -(-size // base) - 1)
    # Each copy is one transaction: an interrupted build resumes after the last one.
    for copy in range(total // base, copies + 1):
        wanted = min(base, size - base * copy)
        keep = {
            r[0] for r in conn.execute("SELECT id FROM documents ORDER BY pk LIMIT ?", (wanted,))
        }
        perturb = Perturber(copy)
        conn.execute("BEGIN")
        for table, ids in _IDS.items():
            rows = conn.execute(f"SELECT * FROM {table} WHERE NOT {_copied(table)}").fetchall()
            if not rows:
                continue
            # A Row iterates over its values: its column names come from keys().
            names = rows[0].keys()
            columns = [c for c in names if not _generated(table, c)]
            marks = ", ".join("?" * len(columns))
            out = []
            for row in rows:
                record = dict(row)
                doc = record.get("document_id") if table != "documents" else record["id"]
                if doc is not None and doc not in keep and table != "stories":
                    continue
                for column, _kind in ids.items():
                    if record.get(column):
                        record[column] = f"{record[column]}~{copy}"
                for column in _DATES.get(table, ()):
                    record[column] = _shift(record[column], copy)
                if table == "documents":
                    record["text"] = perturb.text(record["text"])
                    record["title"] = perturb.text(record["title"]) if record["title"] else None
                    record["source_key"] = f"{record['source_key']}~{copy}"
                out.append([record[c] for c in columns])
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", out)
        conn.execute("COMMIT")
    conn.execute("PRAGMA optimize")
    conn.close()
    return copies


def _copied(table: str) -> str:
    """Rows that are themselves copies (their first id column holds "~")."""
    column = next(iter(_IDS[table]))
    return f"coalesce(instr({column}, '~'), 0) > 0"


def _generated(table: str, column: str) -> bool:
    return column == "pk" or (
        column == "id"
        and table in {"entity_mentions", "time_expressions", "event_mentions", "story_events"}
    )


def _shift(value: str | None, years: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + timedelta(days=365 * years)).isoformat() + value[10:]


# --- Serving and measuring ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A server process on loopback, stopped (terminate, then kill) when done."""

    def __init__(self, command: list[str], port: int, ready: str) -> None:
        self.port = port
        self.process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
        import httpx

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench web: {command[0]} exited with {self.process.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}{ready}", timeout=5).status_code < 500:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"bench web: {' '.join(command)} did not answer within 120 s")

    def peak_mb(self) -> float | None:
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def timed(base_url: str, urls: Sequence[str], requests: int) -> tuple[list[float], int]:
    """Milliseconds per request for ``requests`` requests cycling over ``urls`` (after 10
    warm-up ones); the loop also stops after 120 s. Returns the times and the 4xx/5xx count."""
    import httpx

    times: list[float] = []
    errors = 0
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for i in range(10):
            client.get(urls[i % len(urls)])
        stop = time.monotonic() + 120
        for i in range(requests):
            started = time.perf_counter()
            response = client.get(urls[i % len(urls)])
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            errors += response.status_code >= 400
            if time.monotonic() > stop:
                break
    return times, errors


def _row(corpus: str, system: str, times: list[float], errors: int, peak: float | None) -> Row:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return Row(
        "web",
        corpus,
        system,
        len(times),
        sum(times) / 1000,
        peak,
        extra=(
            ("p50 ms", f"{statistics.median(ordered):.1f}"),
            ("p95 ms", f"{p95:.1f}"),
            ("max ms", f"{ordered[-1]:.1f}"),
            ("p95 < 100 ms", "yes" if p95 < TARGET_P95_MS else "**no**"),
            ("errors", str(errors)),
        ),
    )


def sample_stories(db: Path) -> list[str]:
    """Story ids to open: the newest 25 and the 25 largest (the pages analysts open)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    newest = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM stories WHERE merged_into IS NULL ORDER BY end DESC LIMIT 25"
        )
    ]
    largest = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM stories WHERE merged_into IS NULL ORDER BY size DESC LIMIT 25"
        )
    ]
    conn.close()
    return [s for pair in zip(newest, largest, strict=False) for s in pair]


def scenarios_storyline(stories: list[str]) -> list[tuple[str, list[str]]]:
    from urllib.parse import quote

    return [
        ("story list, page (HTML)", ["/"]),
        ("story list, API (JSON)", ["/api/stories?limit=30"]),
        ("story page (HTML)", [f"/stories/{s}" for s in stories]),
        ("story, API (JSON)", [f"/api/stories/{s}" for s in stories]),
        ("search page (HTML)", [f"/search?q={quote(q)}" for q in QUERIES]),
        ("search, API (JSON)", [f"/api/search?q={quote(q)}" for q in QUERIES]),
    ]


def scenarios_datasette(stories: list[str], tuned: bool) -> list[tuple[str, list[str]]]:
    from urllib.parse import quote

    # Tuned: no row count (it reads every wide row of the table) on top of no facet
    # suggestions (a server setting).
    extra = "&_nocount=1" if tuned else ""
    listing = "stories{}?merged_into__isnull=1&_sort_desc=end&_size=30" + extra
    members = "documents{}?story_id={}&_col=title&_col=outlet&_col=published&_size=100" + extra
    search = "documents{}?_search={}&_col=title&_col=outlet&_col=published&_size=20" + extra
    return [
        ("story list: stories table page (HTML)", ["/news/" + listing.format("")]),
        ("story list: stories table (JSON)", ["/news/" + listing.format(".json")]),
        (
            "story page: documents?story_id= (HTML)",
            ["/news/" + members.format("", s) for s in stories],
        ),
        (
            "story: documents?story_id= (JSON)",
            ["/news/" + members.format(".json", s) for s in stories],
        ),
        (
            "search: documents?_search= (HTML)",
            ["/news/" + search.format("", quote(q)) for q in QUERIES],
        ),
        (
            "search: documents?_search= (JSON)",
            ["/news/" + search.format(".json", quote(q)) for q in QUERIES],
        ),
    ]


def measure(
    name: str,
    start: Callable[[int], Server],
    scenarios: list[tuple[str, list[str]]],
    corpus: str,
    requests: int,
) -> list[Row]:
    port = _free_port()
    server = start(port)
    rows = []
    try:
        results = []
        for label, urls in scenarios:
            times, errors = timed(f"http://127.0.0.1:{port}", urls, requests)
            results.append((label, times, errors))
        peak = server.peak_mb()
        for label, times, errors in results:
            rows.append(_row(corpus, f"{name}: {label}", times, errors, peak))
    finally:
        server.stop()
    return rows


def main(args: argparse.Namespace) -> list[Row]:
    size = args.limit or args.size
    base = min(args.base, size)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"web-{size}-{base}.db"
    if not db.exists():
        partial = cache / f"web-{size}-{base}.partial.db"
        build(partial, size, base)
        partial.rename(db)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs, stories = conn.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM stories)"
    ).fetchone()
    conn.close()
    corpus = f"Reuters + BBC, {base:,} run + copies, {docs:,} articles, {stories:,} stories"
    sample = sample_stories(db)
    systems = {name.strip() for name in args.systems.split(",") if name.strip()}
    rows: list[Row] = []
    if "storyline" in systems:
        storyline = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db)]
        rows += measure(
            "storyline serve",
            lambda port: Server([*storyline, "--port", str(port)], port, "/static/style.css"),
            scenarios_storyline(sample),
            corpus,
            args.requests,
        )
    datasette = shutil.which("datasette") or str(Path(sys.executable).parent / "datasette")
    wanted = sorted(systems & {"datasette", "datasette-tuned"})
    if wanted and not os.path.exists(datasette):
        print("bench web: datasette is not installed (pip install -e '.[bench]')", file=sys.stderr)
        wanted = []
    for system in wanted:
        tuned = system == "datasette-tuned"
        link = cache / "news.db"  # Datasette names the database after the file
        link.unlink(missing_ok=True)
        link.symlink_to(db)
        command = [datasette, "serve", str(link), "--setting", "sql_time_limit_ms", "60000"]
        if tuned:
            command += ["--setting", "suggest_facets", "off"]
        rows += measure(
            "datasette, no counts or facet suggestions" if tuned else "datasette",
            lambda port, command=command: Server(
                [*command, "--port", str(port)], port, "/-/versions.json"
            ),
            scenarios_datasette(sample, tuned),
            corpus,
            args.requests,
        )
    if args.markdown:
        Path(args.markdown).write_text(markdown_table(rows, NOTES) + "\n", encoding="utf-8")
    print(json.dumps({"store": str(db), "documents": docs, "stories": stories}), file=sys.stderr)
    return rows
