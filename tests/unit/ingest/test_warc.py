from __future__ import annotations

import gzip
import json
import pickle
from datetime import date
from pathlib import Path

import pytest
from ingest_samples import (
    CRAWL_DATE,
    DATED_PAGE,
    RECORDS,
    UNDATED_PAGE,
    Record,
    record_offsets,
    warc_bytes,
    write_warc,
)

from conftest import Files
from storyline.errors import EmptyInput
from storyline.ingest import ReadOptions, SourceRef, discover, read_source
from storyline.model import Problem

NAMES = ["crawl.warc", "crawl.warc.gz"]


def discovered(path: Path) -> tuple[list[SourceRef], list[Problem]]:
    found = list(discover([str(path)]))
    return (
        [r for r in found if isinstance(r, SourceRef)],
        [p for p in found if isinstance(p, Problem)],
    )


@pytest.mark.parametrize("name", NAMES)
def test_one_ref_per_html_page_and_nothing_for_other_records(files: Files, name: str) -> None:
    path = write_warc(files.root / name)
    refs, problems = discovered(path)
    assert problems == []
    assert [(r.format, r.line, r.name) for r in refs] == [
        ("warc", 2, f"{path}:2"),
        ("warc", 5, f"{path}:5"),
    ]
    records = [json.loads(r.payload or b"") for r in refs]
    assert [r["url"] for r in records] == [
        "https://courier.example/locks",
        "https://courier.example/quay-wall",
    ]
    assert [r["html"] for r in records] == [DATED_PAGE, UNDATED_PAGE]
    assert pickle.loads(pickle.dumps(refs)) == refs


@pytest.mark.parametrize("name", NAMES)
def test_pages_are_read_with_their_own_metadata(files: Files, name: str) -> None:
    path = write_warc(files.root / name)
    refs, _ = discovered(path)
    dated = read_source(refs[0], ReadOptions())
    assert "reopened to barges" in dated.raw_text and "Home" not in dated.raw_text
    assert (dated.url, dated.outlet, dated.authors) == (
        "https://courier.example/locks",
        "Canal Courier",
        ("Sem Bakker",),
    )
    assert (dated.published, dated.published_from) == (date(2025, 2, 20), "html-meta")
    assert dated.source == f"{path}:2"
    assert dated.source_key == f"{path}#url=https://courier.example/locks"
    assert dated.format == "warc" and dated.encoding == "utf-8"


@pytest.mark.parametrize("name", ["2025-06-01_crawl.warc", "2025/06/01/crawl.warc.gz"])
def test_a_page_without_a_date_is_never_dated_by_the_crawl(files: Files, name: str) -> None:
    # WARC-Date, a date in the archive's name and --published all date the crawl, not the page.
    path = write_warc(files.root / name)
    refs, _ = discovered(path)
    undated = read_source(refs[1], ReadOptions(fallback_published=date(2025, 5, 1)))
    assert "quay wall" in undated.raw_text
    assert (undated.published, undated.published_from) == (None, None)
    assert CRAWL_DATE[:10] == "2025-06-01"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("record", "where"),
    [
        (3, 0.5),  # inside the image, after the first page
        (5, 0.1),  # inside the second page's headers
        (5, 0.6),  # inside the second page's body
        (5, 0.99),  # just before its end
    ],
)
def test_a_cut_archive_keeps_the_pages_before_the_cut(
    files: Files, name: str, record: int, where: float
) -> None:
    data = warc_bytes(RECORDS, gzip=name.endswith(".gz"))
    offsets = [*record_offsets(data), len(data)]
    start, end = offsets[record - 1], offsets[record]
    path = files.write(name, data[: start + max(1, int((end - start) * where))])
    refs, problems = discovered(path)
    assert [r.line for r in refs] == [2]
    (problem,) = problems
    assert (problem.source, problem.kind) == (str(path), "malformed")
    assert f"at byte {start}, record {record} " in problem.message
    assert f"the {record - 1} records before it were read" in problem.message
    assert problem.hint


@pytest.mark.parametrize("name", NAMES)
def test_trailing_garbage_is_reported_after_the_pages(files: Files, name: str) -> None:
    data = warc_bytes(RECORDS, gzip=name.endswith(".gz"))
    path = files.write(name, data + b"this is not a WARC record\r\n\r\n")
    refs, (problem,) = discovered(path)
    assert [r.line for r in refs] == [2, 5]
    assert problem.kind == "malformed" and f"at byte {len(data)}, record 6" in problem.message


def test_a_flipped_byte_in_a_compressed_record(files: Files) -> None:
    data = bytearray(warc_bytes(RECORDS, gzip=True))
    offsets = record_offsets(bytes(data))
    data[offsets[3] + 30] ^= 0xFF
    refs, (problem,) = discovered(files.write("crawl.warc.gz", bytes(data)))
    assert [r.line for r in refs] == [2]
    assert problem.kind == "malformed" and f"at byte {offsets[3]}, record 4" in problem.message


def test_an_archive_compressed_as_one_gzip_stream_says_how_to_fix_it(files: Files) -> None:
    path = files.write("whole.warc.gz", gzip.compress(warc_bytes(RECORDS, gzip=False)))
    _, (problem,) = discovered(path)
    assert problem.kind == "malformed" and "one gzip stream" in problem.message
    assert problem.hint and "warcio recompress" in problem.hint


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"", "empty"), (b"<html><body>Not an archive</body></html>", "malformed")],
)
def test_files_that_are_not_archives(files: Files, content: bytes, kind: str) -> None:
    path = files.write("odd.warc", content)
    refs, (problem,) = discovered(path)
    assert refs == [] and (problem.source, problem.kind) == (str(path), kind)


CP1252_PAGE = UNDATED_PAGE.replace("Engineers began", "“Engineers” began").encode("cp1252")


@pytest.mark.parametrize(
    ("content_type", "body", "warning"),
    [
        # Labelled Latin-1, read as Windows-1252, as browsers do: the curly quotes survive.
        ("text/html; charset=ISO-8859-1", CP1252_PAGE, None),
        ("text/html", CP1252_PAGE.replace(b"<head>", b'<head><meta charset="windows-1252">'), None),
        # No label at all: detected, and reported.
        ("text/html", CP1252_PAGE, "not-utf8"),
        # A wrong label: detected as well.
        ("text/html; charset=utf-8", CP1252_PAGE, "not-utf8"),
    ],
)
def test_page_encodings(files: Files, content_type: str, body: bytes, warning: str | None) -> None:
    page = Record("https://courier.example/quay-wall", body, content_type)
    path = write_warc(files.root / "enc.warc.gz", [page])
    refs, problems = discovered(path)
    assert [p.kind for p in problems] == ([warning] if warning else [])
    article = read_source(refs[0], ReadOptions())
    assert "“Engineers” began" in article.raw_text
    assert article.encoding == "cp1252"


@pytest.mark.parametrize(
    "content_type", ["application/xhtml+xml", "TEXT/HTML;charset=utf-8", "text/html ; q=1"]
)
def test_html_content_types(files: Files, content_type: str) -> None:
    page = Record("https://courier.example/quay-wall", UNDATED_PAGE.encode(), content_type)
    refs, _ = discovered(write_warc(files.root / "t.warc", [page]))
    assert len(refs) == 1


def test_a_page_that_is_not_an_article_is_reported(files: Files) -> None:
    index = Record("https://courier.example/", b"<html><body><nav>Home</nav></body></html>")
    path = write_warc(files.root / "index.warc", [index])
    (ref,) = discovered(path)[0]
    with pytest.raises(EmptyInput, match="no article text found") as info:
        read_source(ref, ReadOptions())
    assert info.value.source == f"{path}:1"


def test_a_folder_with_an_archive(files: Files) -> None:
    write_warc(files.root / "crawls" / "a.warc.gz")
    files.write("crawls/b.warc.gz.part", b"partial download")
    refs, problems = discovered(files.root / "crawls")
    assert [Path(r.path).name for r in refs] == ["a.warc.gz", "a.warc.gz"]
    assert problems == []


def test_a_cut_inside_a_record_header_is_not_an_empty_record(files: Files) -> None:
    # warcio reads a header cut after "Content-Length: " as a whole record of length 0.
    data = warc_bytes(RECORDS, gzip=False)
    start = record_offsets(data)[4]
    cut = data.index(b"Content-Length: ", start) + len(b"Content-Length: ")
    refs, (problem,) = discovered(files.write("cut.warc", data[:cut]))
    assert [r.line for r in refs] == [2]
    assert f"at byte {start}, record 5 " in problem.message


@pytest.mark.parametrize("name", NAMES)
def test_any_cut_keeps_whole_pages_only_and_is_reported(files: Files, name: str) -> None:
    data = warc_bytes(RECORDS, gzip=name.endswith(".gz"))
    starts = [*record_offsets(data), len(data)]
    whole, _ = discovered(files.write(name, data))
    for cut in range(1, len(data), 7):
        refs, problems = discovered(files.write(name, data[:cut]))
        assert [r.payload for r in refs] == [r.payload for r in whole[: len(refs)]], cut
        next_start = min(s for s in starts if s >= cut)
        between_records = not data[cut:next_start].strip()  # only the blank lines were cut
        assert [p.kind for p in problems] == ([] if between_records else ["malformed"]), cut
        for problem in problems:  # the damage is placed at a record start before the cut
            offset = int(problem.message.split("at byte ", 1)[1].split(",", 1)[0])
            assert offset in starts and 0 <= offset <= cut, (cut, problem.message)
