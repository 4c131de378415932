from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from ingest_samples import ATOM, RDF, RSS, STRIKE_HTML

from conftest import Files
from storyline.errors import EmptyInput, InputError
from storyline.ingest import ReadOptions, SourceRef, discover, read_source
from storyline.ingest.feed import entry_text, html_to_text, looks_like_feed
from storyline.model import Problem, RawArticle


def discovered(path: Path) -> tuple[list[SourceRef], list[Problem]]:
    found = list(discover([str(path)]))
    return (
        [r for r in found if isinstance(r, SourceRef)],
        [p for p in found if isinstance(p, Problem)],
    )


def read_all(path: Path, **options: object) -> list[RawArticle | InputError]:
    refs, problems = discovered(path)
    assert problems == []
    results: list[RawArticle | InputError] = []
    for ref in refs:
        try:
            results.append(read_source(ref, ReadOptions(**options)))  # type: ignore[arg-type]
        except InputError as err:
            results.append(err)
    return results


# name, content, per entry: (title, url, published, authors, outlet, external id, key suffix)
# or the kind of the error it raises.
CASES = [
    (
        "news.rss",
        RSS,
        [
            (
                "Cranes stand idle & ships wait",
                "https://gazette.example/2025/cranes-idle",
                date(2025, 3, 10),  # the publisher's day; feedparser's UTC value says the 11th
                ("Jana Novak",),
                "Harbour Gazette",
                "hg-101",
                "#id=hg-101",
            ),
            (
                "Ferry fares to rise",
                "https://gazette.example/2025/ferry-fares",
                date(2025, 3, 11),
                ("Ana Costa",),
                "Harbour Gazette",
                None,
                "#url=https://gazette.example/2025/ferry-fares",
            ),
            "empty",
            ("Pilots vote on new rota", None, None, (), "Harbour Gazette", "hg-104", "#id=hg-104"),
        ],
    ),
    (
        "wire.atom",
        ATOM,
        [
            (
                "Strike halts port traffic",
                "https://wire.example/strike",
                date(2025, 3, 11),
                ("Ana Costa", "Piet Visser"),
                "Continental Wire",
                "urn:cw:2025:0311:strike",
                "#id=urn:cw:2025:0311:strike",
            ),
            (
                "Ferries back on schedule",
                None,
                None,  # 2025-13-45 is refused; feedparser would have made it 2026-01-01
                (),
                "Continental Wire",
                "urn:cw:2025:0312:ferries",
                "#id=urn:cw:2025:0312:ferries",
            ),
            "empty",
        ],
    ),
    (
        "tidings.xml",
        RDF,
        [
            (
                "Dyke repairs finished early",
                "https://tidings.example/dyke",
                date(2025, 3, 9),
                ("Kim de Vries",),
                "Lowland Tidings",
                "https://tidings.example/dyke",
                "#id=https://tidings.example/dyke",
            ),
            (
                "Ferry crew honoured",
                "https://tidings.example/ferry",
                None,
                (),
                "Lowland Tidings",
                "https://tidings.example/ferry",
                "#id=https://tidings.example/ferry",
            ),
            "empty",
        ],
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_article_per_entry(
    files: Files, name: str, content: str, expected: list[object]
) -> None:
    path = files.write(name, content)
    results = read_all(path)
    assert len(results) == len(expected)
    for number, (result, want) in enumerate(zip(results, expected, strict=True), start=1):
        if isinstance(want, str):
            assert isinstance(result, InputError) and result.kind == want
            assert result.source == f"{path}:{number}"
            assert f"feed entry {number} has no text" in str(result)
            continue
        assert isinstance(result, RawArticle), result
        title, url, published, authors, outlet, external_id, key = want  # type: ignore[misc]
        assert (result.raw_title, result.url, result.published) == (title, url, published)
        assert (result.authors, result.outlet, result.external_id) == (authors, outlet, external_id)
        assert result.source == f"{path}:{number}"
        assert result.source_key == f"{path}{key}"
        assert result.format == "feed"
        assert result.published_from == ("feed" if published else None)
        assert result.raw_text.strip()


def test_html_content_is_the_body_and_keeps_its_paragraphs(files: Files) -> None:
    first = read_all(files.write("news.rss", RSS))[0]
    assert isinstance(first, RawArticle)
    assert first.raw_text.splitlines() == html_to_text(STRIKE_HTML).splitlines()
    assert "Dock workers walked out." not in first.raw_text  # the description is not the body


def test_a_summary_is_kept_as_the_text_when_it_is_all_the_feed_has(files: Files) -> None:
    results = read_all(files.write("news.rss", RSS))
    assert isinstance(results[1], RawArticle)
    assert results[1].raw_text == "Ferry fares go up by six percent in April."


@pytest.mark.parametrize(
    ("name", "content", "entry", "value"),
    [("news.rss", RSS, 4, "sometime next week"), ("wire.atom", ATOM, 2, "2025-13-45T10:00:00Z")],
)
def test_a_bad_date_is_reported_and_the_entry_kept_without_a_file_date(
    files: Files, name: str, content: str, entry: int, value: str
) -> None:
    path = files.write(f"2025-03-01_{name}", content)
    article = read_all(path, fallback_published=date(2025, 1, 1))[entry - 1]
    assert isinstance(article, RawArticle)
    (problem,) = article.warnings
    assert problem.kind == "bad-metadata" and problem.source == f"{path}:{entry}"
    assert value in problem.message
    # As for any record: the file name's date, then --published, stand in for it.
    assert (article.published, article.published_from) == (date(2025, 3, 1), "filename")


def test_updated_stands_in_for_a_missing_published_date(files: Files) -> None:
    feed = ATOM.replace("<published>2025-03-11T09:00:00+02:00</published>", "")
    article = read_all(files.write("wire.atom", feed))[0]
    assert isinstance(article, RawArticle)
    assert (article.published, article.published_from) == (date(2025, 3, 12), "feed")


@pytest.mark.parametrize(
    ("head", "is_feed"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', True),
        (
            b'<?xml version="1.0"?><!-- generated -->\n<feed xmlns="http://www.w3.org/2005/Atom">',
            True,
        ),
        (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", True),
        (b"<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'>", True),
        ('<?xml version="1.0" encoding="UTF-16"?><rss>'.encode("utf-16"), True),
        (
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            False,
        ),
        (b"<?xml version='1.0'?><feedback><rss-ish/></feedback>", False),
        (b"<html><body>Latest news</body></html>", False),
    ],
)
def test_sniffing_feeds(head: bytes, is_feed: bool) -> None:
    assert looks_like_feed(head) is is_feed


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://gazette.example/2025/cranes-idle</loc></url>
</urlset>
"""


def test_xml_that_is_not_a_feed_is_unsupported(files: Files) -> None:
    path = files.write("site/sitemap.xml", SITEMAP)
    files.write("site/news.xml", RSS)
    refs, (problem,) = discovered(path)
    assert refs == []
    assert (problem.source, problem.kind, problem.severity) == (str(path), "unsupported", "error")
    assert "not an RSS or Atom feed" in problem.message and problem.hint
    # Met in a folder it may be any XML file: still reported, as a warning.
    refs, (problem,) = discovered(files.root / "site")
    assert [Path(r.path).name for r in refs] == ["news.xml"] * 4
    assert (problem.kind, problem.severity) == ("unsupported", "warning")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not a feed at all, just words", "could not be read as a feed"),
        ("<rss version='2.0'><channel><title>Cut", "could not be read as a feed"),
        ("<html><body><p>An HTML page saved as .rss</p></body></html>", "not an RSS or Atom"),
        ("\x00\x01\x02\x03", "could not be read as a feed"),
    ],
)
def test_a_feed_that_cannot_be_parsed_is_malformed(
    files: Files, content: str, message: str
) -> None:
    path = files.write("broken.rss", content)
    refs, (problem,) = discovered(path)
    assert refs == []
    assert (problem.source, problem.kind) == (str(path), "malformed")
    assert message in problem.message


def test_a_cut_feed_keeps_the_entries_before_the_cut_with_a_warning(files: Files) -> None:
    path = files.write("cut.rss", RSS[: RSS.index("<title>Photo of the day")])
    refs, problems = discovered(path)
    assert [r.line for r in refs] == [1, 2, 3]
    assert [(p.kind, p.severity) for p in problems] == [("malformed", "warning")]
    assert "not well-formed" in problems[0].message


def test_a_feed_without_entries_is_a_warning(files: Files) -> None:
    path = files.write("quiet.rss", RSS[: RSS.index("<item>")] + "</channel></rss>")
    refs, problems = discovered(path)
    assert refs == []
    assert [(p.kind, p.severity) for p in problems] == [("empty", "warning")]


def test_the_feed_is_read_from_the_file_never_from_what_it_names(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedparser.http  # type: ignore[import-untyped]

    def no_network(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("feedparser tried to fetch a URL")

    monkeypatch.setattr(feedparser.http, "get", no_network)
    other = files.write("real.rss", RSS)
    for name, content in [
        ("url.rss", "https://gazette.example/feed.rss"),
        ("path.rss", str(other)),
    ]:
        refs, (problem,) = discovered(files.write(name, content))
        assert refs == [] and problem.kind == "malformed"


def test_refs_are_small_picklable_records(files: Files) -> None:
    refs, _ = discovered(files.write("wire.atom", ATOM))
    assert pickle.loads(pickle.dumps(refs)) == refs
    assert [(r.format, r.line, r.name) for r in refs] == [
        ("feed", n, f"{files.root / 'wire.atom'}:{n}") for n in (1, 2, 3)
    ]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One &amp; two.</p><p>Three</p>", "One & two.\nThree"),
        ("Line one<br>line   two", "Line one\nline two"),
        ("<ul><li>first</li><li>second</li></ul>", "first\nsecond"),
        ("<p>Kept</p><script>var x = 1;</script><style>p {}</style>", "Kept"),
        ("<img src='x.jpg'>", ""),
        ("Plain text, no tags", "Plain text, no tags"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Enough text: trafilatura, which drops the share links between the paragraphs.
        (
            STRIKE_HTML.replace(
                "</p><p>The union", "</p><div><a href='/s'>Share</a></div><p>The union", 1
            ),
            html_to_text(STRIKE_HTML),
        ),
        # A lone paragraph: trafilatura finds no article in it; the text without tags is kept.
        (
            "<p>Dock workers walked out on Monday, halting traffic at the port of Rotterdam.</p>",
            "Dock workers walked out on Monday, halting traffic at the port of Rotterdam.",
        ),
        # Short: not worth trafilatura.
        ("<p>Port <b>closed</b>.</p>", "Port closed."),
    ],
)
def test_entry_text(html: str, expected: str) -> None:
    assert entry_text(html, "feed.rss:1", None) == expected


@pytest.mark.parametrize(
    "html",
    [
        # trafilatura keeps the paragraphs and drops the list: about half of the words.
        "<div><p>Short.</p><ul><li>Cranes stopped at all three container terminals</li>"
        "<li>two</li></ul><p>Published on Monday by the newsroom of the Harbour Gazette.</p></div>",
        # It drops tables, and finds nothing in a <div> with line breaks.
        "<table><tr><td>Rotterdam container terminals are closed</td></tr>"
        "<tr><td>Antwerp north quay is closed until Friday</td></tr></table>",
        "<div>Dock workers walked out on Monday, halting container traffic.<br>"
        "The union said the strike would last until employers improved their offer.</div>",
    ],
)
def test_entry_text_keeps_what_trafilatura_would_drop(html: str) -> None:
    assert entry_text(html, "feed.rss:1", None) == html_to_text(html)


def test_an_entry_with_only_an_image_is_empty(files: Files) -> None:
    path = files.write("news.rss", RSS)
    refs, _ = discovered(path)
    with pytest.raises(EmptyInput, match="feed entry 3 has no text"):
        read_source(refs[2], ReadOptions())


def test_a_parser_failure_is_reported_and_the_other_inputs_read(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Feeds are parsed while inputs are discovered, in the run's own process: a parser bug
    # must be one problem, not the end of the run.
    import feedparser  # type: ignore[import-untyped]

    def broken(*args: object, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(feedparser, "parse", broken)
    files.write("a.rss", RSS)
    files.write("b.txt", "Dock workers returned to work on Monday.\n")
    refs, (problem,) = discovered(files.root)
    assert [r.format for r in refs] == ["txt"]
    assert (problem.kind, problem.source) == ("reader-failure", str(files.root / "a.rss"))
    assert "RecursionError" in problem.message
