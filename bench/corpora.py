"""Readers of the real corpora in ``../shared/data``, for benchmarks only.

Their text is research-use data written by others: it is never copied into the repository.
Benchmarks materialise what they need in a temporary folder (:func:`write_jsonl`) and delete
it afterwards.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypedDict

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

_BLOCK = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_LABEL = re.compile(r"<D>(.*?)</D>")
_DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
        start=1,
    )
}
# SGML transport marks (&#2; start of text, &#3; end, &#5; &#22; &#31; in headers) are not
# article text: drop the C0 controls they decode to, keep newlines and tabs.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Article(TypedDict):
    id: str
    title: str | None
    text: str
    published: str | None
    outlet: str


def data_dir(name: str) -> Path:
    """The folder of one corpus; exit with a clear message when it is not there."""
    folder = (DATA / name).resolve()
    if not folder.is_dir():
        raise SystemExit(
            f"bench: corpus folder {folder} not found. The benchmarks read the real data in "
            f"{DATA.resolve()} (see its README.md); put {name}/ there and run again."
        )
    return folder


def reuters(limit: int | None = None) -> Iterator[Article]:
    """Reuters-21578 articles that have a body, in file and NEWID order.

    The text is the dateline followed by the body, as on the wire ("SALVADOR, Feb 26 -
    Showers continued ..."), so a cleaner sees the dateline and the closing "Reuter" it must
    handle. ``published`` is the ISO date of ``<DATE>``.
    """
    files = sorted(data_dir("reuters21578").glob("reut2-*.sgm"))
    if not files:
        raise SystemExit(f"bench: no reut2-*.sgm files in {data_dir('reuters21578')}")
    return islice(_reuters_articles(files), limit)


def reuters_with_bodies(limit: int | None = None) -> Iterator[tuple[Article, str]]:
    """:func:`reuters` with each article's ``<BODY>`` alone (no dateline), for labelling."""
    files = sorted(data_dir("reuters21578").glob("reut2-*.sgm"))
    if not files:
        raise SystemExit(f"bench: no reut2-*.sgm files in {data_dir('reuters21578')}")
    return islice(_reuters_records(files), limit)


def reuters_topics() -> dict[str, tuple[str, ...]]:
    """The ``<TOPICS>`` labels of every Reuters-21578 article by NEWID (empty when none)."""
    files = sorted(data_dir("reuters21578").glob("reut2-*.sgm"))
    labels: dict[str, tuple[str, ...]] = {}
    for path in files:
        for block in _BLOCK.finditer(path.read_text(encoding="latin-1")):
            newid = _NEWID.search(block[1])
            if newid is not None:
                topics = _element(block[2], "TOPICS") or ""
                labels[newid[1]] = tuple(_LABEL.findall(topics))
    return labels


def reuters_labels() -> dict[str, dict[str, tuple[str, ...]]]:
    """Every Reuters-21578 article's TOPICS, PLACES, ORGS and PEOPLE labels, by NEWID."""
    files = sorted(data_dir("reuters21578").glob("reut2-*.sgm"))
    labels: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in files:
        for block in _BLOCK.finditer(path.read_text(encoding="latin-1")):
            newid = _NEWID.search(block[1])
            if newid is not None:
                labels[newid[1]] = {
                    kind: tuple(_LABEL.findall(_element(block[2], kind) or ""))
                    for kind in ("TOPICS", "PLACES", "ORGS", "PEOPLE")
                }
    return labels


def _reuters_articles(files: Iterable[Path]) -> Iterator[Article]:
    return (article for article, _ in _reuters_records(files))


def _reuters_records(files: Iterable[Path]) -> Iterator[tuple[Article, str]]:
    for path in files:
        # latin-1 maps every byte: the collection has a few stray non-ASCII bytes.
        sgml = path.read_text(encoding="latin-1")
        for block in _BLOCK.finditer(sgml):
            body = _element(block[2], "BODY")
            if not body or not body.strip():
                continue
            newid = _NEWID.search(block[1])
            dateline = (_element(block[2], "DATELINE") or "").strip()
            title = (_element(block[2], "TITLE") or "").strip() or None
            text = f"{dateline} {body.lstrip()}" if dateline else body
            article = Article(
                id=newid[1] if newid else f"{path.name}#{block.start()}",
                title=title,
                text=text.rstrip() + "\n",
                published=_iso_date(_element(block[2], "DATE")),
                outlet="Reuters",
            )
            yield article, body


def _element(block: str, tag: str) -> str | None:
    start = block.find(f"<{tag}>")
    if start < 0:
        return None
    start += len(tag) + 2
    end = block.find(f"</{tag}>", start)
    raw = block[start : end if end >= 0 else len(block)]
    return _CONTROLS.sub("", html.unescape(raw))


def _iso_date(value: str | None) -> str | None:
    match = _DATE.search(value or "")
    if match is None or match[2].upper() not in _MONTHS:
        return None
    return f"{match[3]}-{_MONTHS[match[2].upper()]:02d}-{int(match[1]):02d}"


def bbc_paths(limit: int | None = None) -> list[Path]:
    """BBC News article files, category by category, in name order (as ``discover`` walks)."""
    root = data_dir("bbc-news")
    paths = [
        path
        for category in sorted(p for p in root.iterdir() if p.is_dir())
        for path in sorted(category.glob("*.txt"))
    ]
    if not paths:
        raise SystemExit(f"bench: no <category>/*.txt files in {root}")
    return paths[:limit]


def write_jsonl(articles: Iterable[Article], path: Path) -> int:
    """Write one article object per line; return how many."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


def bbc(limit: int | None = None) -> Iterator[Article]:
    """BBC News articles as records: id ``category/NNN``, title the first line, text the rest.

    The files carry no date. One file is not UTF-8; it is decoded as cp1252.
    """
    for path in bbc_paths(limit):
        data = path.read_bytes()
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1252", errors="replace")
        title, _, body = raw.replace("\r\n", "\n").lstrip().partition("\n")
        yield Article(
            id=f"{path.parent.name}/{path.stem}",
            title=title.strip() or None,
            text=body.strip() + "\n",
            published=None,
            outlet="BBC News",
        )
