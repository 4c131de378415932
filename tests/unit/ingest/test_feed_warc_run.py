"""Feeds and web archives end to end: ``storyline run`` over them into a store."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from ingest_samples import ATOM, RDF, RECORDS, RSS, warc_bytes, write_warc

from conftest import Files
from storyline.runner import RunOptions, run
from storyline.store import Store

SITEMAP = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'


@pytest.fixture
def inputs(files: Files) -> Files:
    files.write("feeds/news.rss", RSS)
    files.write("feeds/wire.atom", ATOM)
    files.write("feeds/tidings.xml", RDF)
    files.write("feeds/sitemap.xml", SITEMAP)
    write_warc(files.root / "crawls" / "courier.warc.gz")
    whole = warc_bytes(RECORDS, gzip=True)
    files.write("crawls/cut.warc.gz", whole[: len(whole) - 100])
    return files


def snapshot(store: Store) -> list[tuple[object, ...]]:
    rows = store.conn.execute(
        "SELECT id, raw_text, published, published_from, superseded_by, updated_at "
        "FROM documents ORDER BY id"
    )
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("workers", [1, 2])
def test_feeds_and_archives_into_the_store(inputs: Files, store: Store, workers: int) -> None:
    root = inputs.root
    summary = run([str(root)], store, RunOptions(workers=workers))
    assert summary.status == "finished"

    # Where each article was found -> the document found there.
    sources = store.conn.execute("SELECT source_key, document_id FROM sources").fetchall()
    docs = {key.removeprefix(f"{root}/"): store.get_document(doc) for key, doc in sources}
    expected = {
        "feeds/news.rss#id=hg-101": (date(2025, 3, 10), "feed"),
        "feeds/news.rss#url=https://gazette.example/2025/ferry-fares": (date(2025, 3, 11), "feed"),
        "feeds/news.rss#id=hg-104": (None, None),
        "feeds/wire.atom#id=urn:cw:2025:0311:strike": (date(2025, 3, 11), "feed"),
        "feeds/wire.atom#id=urn:cw:2025:0312:ferries": (None, None),
        "feeds/tidings.xml#id=https://tidings.example/dyke": (date(2025, 3, 9), "feed"),
        "feeds/tidings.xml#id=https://tidings.example/ferry": (None, None),
        "crawls/courier.warc.gz#url=https://courier.example/locks": (
            date(2025, 2, 20),
            "html-meta",
        ),
        "crawls/courier.warc.gz#url=https://courier.example/quay-wall": (None, None),
        # The cut archive: the first page is whole, the second is cut and reported.
        "crawls/cut.warc.gz#url=https://courier.example/locks": (date(2025, 2, 20), "html-meta"),
    }
    assert {k: (d.published, d.published_from) for k, d in docs.items()} == expected
    assert {d.format for d in docs.values()} == {"feed", "warc"}
    ferries = docs["feeds/news.rss#url=https://gazette.example/2025/ferry-fares"]
    assert (ferries.outlet, ferries.authors, ferries.source) == (
        "Harbour Gazette",
        ("Ana Costa",),
        f"{root}/feeds/news.rss:2",
    )
    assert ferries.raw_text == "Ferry fares go up by six percent in April."
    # The same page in two archives is one document, found at two places.
    locks = docs["crawls/courier.warc.gz#url=https://courier.example/locks"]
    assert docs["crawls/cut.warc.gz#url=https://courier.example/locks"].id == locks.id
    assert summary.new == store.count_documents() == len(expected) - 1

    problems = {(p.source.removeprefix(f"{root}/"), p.kind) for p in store.problems()}
    assert problems == {
        ("feeds/news.rss:3", "empty"),
        ("feeds/news.rss:4", "bad-metadata"),
        ("feeds/wire.atom:2", "bad-metadata"),
        ("feeds/wire.atom:3", "empty"),
        ("feeds/tidings.xml:2", "bad-metadata"),
        ("feeds/tidings.xml:3", "empty"),
        ("feeds/sitemap.xml", "unsupported"),
        ("crawls/cut.warc.gz", "malformed"),
    }
    severities = Counter(p.severity for p in store.problems())
    # Warnings: the sitemap, met in a folder, and the three entries stored without their bad
    # date; errors: what was not stored.
    assert severities == {"error": 4, "warning": 4}
    # Accounting: every entry and archived page read is stored, the same as one stored, or
    # an error (issue 19); the sitemap is a warning, not an input.
    stored = summary.new + summary.updated + summary.unchanged
    assert (summary.inputs, stored, summary.errors) == (14, 10, 4)
    assert summary.inputs == stored + summary.errors


def test_running_again_changes_nothing(inputs: Files, store: Store) -> None:
    first = run([str(inputs.root)], store, RunOptions(workers=1))
    before = snapshot(store)
    sources = store.conn.execute("SELECT source_key, document_id FROM sources").fetchall()
    again = run([str(inputs.root)], store, RunOptions(workers=1))
    assert (again.new, again.updated, again.new_versions) == (0, 0, 0)
    assert snapshot(store) == before
    assert store.conn.execute("SELECT source_key, document_id FROM sources").fetchall() == sources
    # Only the intact archive is skipped unread. The damaged archive and the feeds with a
    # bad entry are read again, and their problems reported again, since nothing was fixed.
    assert again.files_unchanged == 1
    assert sorted(map(str, again.problems)) == sorted(map(str, first.problems))


def test_a_changed_entry_is_a_new_version_at_the_same_place(inputs: Files, store: Store) -> None:
    run([str(inputs.root)], store, RunOptions(workers=1))
    inputs.write("feeds/news.rss", RSS.replace("six percent", "seven percent"))
    summary = run([str(inputs.root)], store, RunOptions(workers=1))
    assert (summary.new, summary.new_versions) == (1, 1)
    (doc,) = [d for d in store.iter_documents() if "seven percent" in d.raw_text]
    assert doc.source_key.endswith("news.rss#url=https://gazette.example/2025/ferry-fares")


def test_the_source_path_is_the_file(inputs: Files, store: Store) -> None:
    run([str(inputs.root / "feeds" / "news.rss")], store, RunOptions(workers=1))
    paths = {p for (p,) in store.conn.execute("SELECT path FROM sources")}
    assert paths == {str(inputs.root / "feeds" / "news.rss")}
