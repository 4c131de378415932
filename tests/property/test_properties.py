"""Invariants over generated articles: offsets, evidence, round trips, idempotent re-ingest."""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean import clean_article
from storyline.model import Document, Removal
from storyline.offsets import OffsetMap
from storyline.runner import RunOptions, run
from storyline.store import Store

WORDS = st.sampled_from(
    [
        "the",
        "port",
        "strike",
        "ended",
        "on",
        "Monday",
        "after",
        "talks",
        "with",
        "ministers",
        "in",
        "Lisbon",
        "and",
        "Rotterdam",
        "said",
        "workers",
        "union",
        "“deal”",
        "'quota'",
        "–",
        "4.5%",
        "$12m",
        "Zürich",
        "Kyiv",
        "É",
    ]
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
EXTRAS = st.sampled_from(
    [
        "By Jana Novak",
        "Reporting by Ana Costa; Editing by Peter Hall",
        "© 2025 Harbor Herald. All rights reserved.",
        "Share this article",
        "ROTTERDAM (CW) – ",
        "Mara Lindqvist contributed to this report for Northern Post",
    ]
)
SEPARATORS = st.sampled_from(["\n\n", "\n", "\n\n\n", "  \n\n", "\r\n\r\n"])


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(draw(st.lists(WORDS, min_size=2, max_size=8).map(" ".join)))
    for paragraph in draw(st.lists(PARAGRAPH, min_size=1, max_size=6)):
        if draw(st.integers(0, 4)) == 0:
            parts.append(draw(EXTRAS))
        parts.append(paragraph)
    if draw(st.booleans()):
        parts.append(draw(EXTRAS))
    separator = draw(SEPARATORS)
    return separator.join(parts) + draw(st.sampled_from(["", "\n", "  "]))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=150, deadline=None)
@given(articles(), st.data())
def test_clean_spans_map_back_to_the_same_characters(raw: str, data: st.DataObject) -> None:
    cleaned = clean_article(raw)
    text, offsets = cleaned.text, cleaned.offset_map
    assert offsets.clean_length == len(text) and offsets.raw_length == len(raw)
    for removal in cleaned.removals:
        assert 0 <= removal.raw_start <= removal.raw_end <= len(raw)
        assert squash(raw[removal.raw_start : removal.raw_end]) == squash(removal.text)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    raw_start, raw_end = offsets.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
    # Whatever cleaning removed in between, the raw evidence holds the clean characters in
    # order, and begins and ends where the clean span does.
    clean_chars, raw_chars = squash(text[start:end]), squash(raw[raw_start:raw_end])
    assert is_subsequence(clean_chars, raw_chars)
    if clean_chars and not text[start].isspace():
        assert raw[raw_start] == text[start]
    if clean_chars and not text[end - 1].isspace():
        assert raw[raw_end - 1] == text[end - 1]


def is_subsequence(needle: str, haystack: str) -> bool:
    remaining = iter(haystack)
    return all(char in remaining for char in needle)


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        Document,
        id=st.text("0123456789abcdef", min_size=16, max_size=16),
        source=st.text(min_size=1, max_size=30),
        source_key=st.text(min_size=1, max_size=30),
        format=st.sampled_from(["txt", "html", "jsonl"]),
        raw_text=st.text(max_size=200),
        raw_title=st.none() | st.text(max_size=40),
        external_id=st.none() | st.text(max_size=10),
        outlet=st.none() | st.text(max_size=20),
        authors=st.lists(st.text(max_size=20), max_size=3).map(tuple),
        published=st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1)),
        title=st.none() | st.text(max_size=40),
        text=st.text(max_size=200),
        offset_map=st.none() | st.integers(0, 50).map(OffsetMap.identity),
        removals=st.lists(
            st.builds(
                Removal,
                st.text(max_size=10),
                st.integers(0, 9),
                st.integers(10, 20),
                st.text(max_size=20),
                st.text(max_size=20),
            ),
            max_size=3,
        ).map(tuple),
        flags=st.lists(st.text(max_size=10), max_size=3).map(tuple),
        stages=st.just((("clean", "1"),)),
    )
)
def test_store_round_trip(document: Document) -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.db") as store:
        store.save_documents([document])
        assert store.get_document(document.id) == document


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=1, max_size=5), st.booleans())
def test_reingest_is_a_no_op(texts: list[str], touch: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "in"
        root.mkdir()
        for i, text in enumerate(texts):
            (root / f"{i}.txt").write_text(text, encoding="utf-8")
            (root / f"{i}.meta.json").write_text(json.dumps({"published": "2025-03-12"}))
        with Store(Path(folder) / "s.db") as store:
            run([str(root)], store, RunOptions(workers=1))
            before = list(store.rows("SELECT * FROM documents ORDER BY id"))
            if touch:
                for path in root.iterdir():
                    path.touch()
            again = run([str(root)], store, RunOptions(workers=1))
            after = list(store.rows("SELECT * FROM documents ORDER BY id"))
            assert again.new == again.updated == again.new_versions == 0
            assert [tuple(r) for r in before] == [tuple(r) for r in after]
