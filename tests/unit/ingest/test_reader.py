from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Files
from storyline.errors import (
    BinaryInput,
    EmptyInput,
    MalformedRecord,
    TooLargeInput,
    UnreadableInput,
)
from storyline.ingest import ReadOptions, SourceRef, discover, document_id, read_source
from storyline.model import RawArticle

ARTICLE = "Port strike ends\n\nDock workers returned to work on Monday after a deal.\n"
PAGE = """<html><head><title>Strike ends | Harbor Herald</title>
<meta property="og:title" content="Strike ends after five days">
<meta name="author" content="Jana Novak">
<meta property="article:published_time" content="2025-03-13T08:00:00Z">
<meta property="og:site_name" content="Harbor Herald"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike ends after five days</h1>
<p>Dock workers in the port returned to their posts on Monday morning after a deal on pay.</p>
<p>The union said the agreement raises wages by four percent over two years for all crews.</p>
<p>"We got what we came for," said the union's chair, standing outside the main gate.</p>
</article><footer>© 2025 Harbor Herald. All rights reserved.</footer></body></html>"""


def read_one(path: Path, **options: object) -> RawArticle:
    (ref,) = [r for r in discover([str(path)]) if isinstance(r, SourceRef)]
    return read_source(ref, ReadOptions(**options))  # type: ignore[arg-type]


def test_txt_with_sidecar(files: Files) -> None:
    path = files.write("a/strike.txt", ARTICLE)
    meta = {
        "id": "hh-1",
        "title": "Strike over",
        "published": "2025-03-10T09:00:00Z",
        "url": "https://example.org/s",
        "outlet": "Harbor Herald",
        "authors": ["Jana Novak"],
    }
    files.write("a/strike.meta.json", json.dumps(meta))
    article = read_one(path)
    assert article.raw_text == ARTICLE
    assert article.raw_title == "Strike over"
    assert (article.external_id, article.outlet, article.authors) == (
        "hh-1",
        "Harbor Herald",
        ("Jana Novak",),
    )
    assert (article.published, article.published_from) == (date(2025, 3, 10), "sidecar")
    assert article.encoding == "utf-8" and article.warnings == ()


def test_date_falls_back_to_file_name_then_cli(files: Files) -> None:
    dated = files.write("2025-03-09_strike.txt", ARTICLE)
    plain = files.write("strike.txt", ARTICLE)
    assert (read_one(dated).published, read_one(dated).published_from) == (
        date(2025, 3, 9),
        "filename",
    )
    fallback = date(2025, 1, 1)
    assert read_one(plain, fallback_published=fallback).published_from == "cli"
    assert read_one(plain).published is None


def test_sidecar_with_bad_date_is_reported_and_the_article_kept(files: Files) -> None:
    path = files.write("s.txt", ARTICLE)
    files.write("s.meta.json", json.dumps({"published": "next Tuesday", "outlet": "X"}))
    article = read_one(path, fallback_published=date(2025, 3, 1))
    assert article.outlet == "X"
    assert article.published_from == "cli"
    (problem,) = article.warnings
    assert problem.kind == "bad-metadata" and "s.meta.json" in problem.source
    assert "next Tuesday" in problem.message
    # Kept: a warning, not an error the CLI would show as "skipped" (issue 19).
    assert problem.severity == "warning" and "kept without it" in problem.message


def test_malformed_sidecar_is_reported(files: Files) -> None:
    path = files.write("s.txt", ARTICLE)
    files.write("s.meta.json", "{not json")
    (problem,) = read_one(path).warnings
    assert problem.kind == "malformed"


def test_html_page_through_trafilatura(files: Files) -> None:
    article = read_one(files.write("page.html", PAGE))
    assert "returned to their posts" in article.raw_text
    assert "Home" not in article.raw_text and "All rights reserved" not in article.raw_text
    assert article.outlet == "Harbor Herald"
    assert article.authors == ("Jana Novak",)
    assert (article.published, article.published_from) == (date(2025, 3, 13), "html-meta")


def test_html_without_article_text(files: Files) -> None:
    with pytest.raises(EmptyInput, match="no article text found"):
        read_one(files.write("index.html", "<html><body><nav>Home</nav></body></html>"))


def test_jsonl_records(files: Files) -> None:
    lines = [
        {
            "id": "w1",
            "title": "T1",
            "text": "First article body.",
            "published": "2025-03-10",
            "outlet": "Continental Wire",
            "authors": "Ana Costa",
            "url": "https://e.org/1",
        },
        {"id": "w2", "html": PAGE, "published": "2025-03-11"},
    ]
    path = files.write("feed.jsonl", "\n".join(json.dumps(x) for x in lines))
    refs = [r for r in discover([str(path)]) if isinstance(r, SourceRef)]
    first, second = (read_source(r, ReadOptions()) for r in refs)
    assert first.source == f"{path}:1" and first.source_key == f"{path}#id=w1"
    assert (first.raw_title, first.authors, first.published_from) == ("T1", ("Ana Costa",), "jsonl")
    assert "returned to their posts" in second.raw_text
    assert second.published == date(2025, 3, 11)  # the record's date wins over the page's
    assert second.outlet == "Harbor Herald"


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ('{"text": "a", ', MalformedRecord, "is not valid JSON"),
        ('["a list"]', MalformedRecord, "must be a JSON object"),
        ('{"title": "no body"}', MalformedRecord, "no 'text' or 'html'"),
        ('{"text": "   "}', MalformedRecord, "no 'text' or 'html'"),
    ],
)
def test_bad_jsonl_lines(files: Files, line: str, error: type[Exception], message: str) -> None:
    path = files.write("bad.jsonl", line + "\n")
    (ref,) = [r for r in discover([str(path)]) if isinstance(r, SourceRef)]
    with pytest.raises(error, match=message) as info:
        read_source(ref, ReadOptions())
    assert f"{path}:1" in str(info.value)


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", EmptyInput), (b"  \n\n ", EmptyInput), (b"\x00\x01\x02binary" * 50, BinaryInput)],
)
def test_unusable_files(files: Files, content: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_one(files.write("x.txt", content))


def test_too_large_file_is_refused_before_reading(files: Files) -> None:
    path = files.write("big.txt", "word " * 3000)
    with pytest.raises(TooLargeInput, match="--max-bytes"):
        read_one(path, max_bytes=10_000)


def test_vanished_and_unreadable_files(files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    path = files.write("gone.txt", ARTICLE)
    ref = SourceRef(str(path), "txt")
    path.unlink()
    with pytest.raises(UnreadableInput, match="disappeared"):
        read_source(ref, ReadOptions())
    locked = files.write("locked.txt", ARTICLE)

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(UnreadableInput, match="permission denied"):
        read_source(SourceRef(str(locked), "txt"), ReadOptions())


def test_document_id_is_a_content_hash(files: Files) -> None:
    a = read_one(files.write("a/x.txt", ARTICLE))
    b = read_one(files.write("b/y.txt", ARTICLE))
    c = read_one(files.write("c/z.txt", ARTICLE + "More.\n"))
    assert document_id(a) == document_id(b) != document_id(c)
    assert len(document_id(a)) == 16
