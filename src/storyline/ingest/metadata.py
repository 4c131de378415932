"""Article metadata from JSON objects: JSON Lines records and ``<stem>.meta.json`` sidecars.

Keys: ``id``, ``title``, ``published``, ``url``, ``outlet``, ``authors`` (list, or one string).
A value that cannot be used is reported as a problem and left out; the article itself is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import BadMetadata
from storyline.ingest.dates import parse_moment
from storyline.model import Problem

KEYS = ("id", "title", "published", "url", "outlet", "authors")


@dataclass(frozen=True, slots=True)
class Metadata:
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    published_from: str | None = None
    published_at: str | None = None


def metadata_from_object(
    obj: dict[str, Any], source: str, origin: str
) -> tuple[Metadata, list[Problem]]:
    """Read the known keys of ``obj``; ``origin`` (sidecar, jsonl) becomes ``published_from``."""
    problems: list[Problem] = []

    def text_value(key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and key == "id":
            return str(value)
        if not isinstance(value, str):
            problems.append(_bad(source, key, value, "a string"))
            return None
        return value.strip() or None

    authors: tuple[str, ...] = ()
    raw_authors = obj.get("authors")
    if isinstance(raw_authors, str):
        authors = (raw_authors.strip(),) if raw_authors.strip() else ()
    elif isinstance(raw_authors, list) and all(isinstance(a, str) for a in raw_authors):
        authors = tuple(a.strip() for a in raw_authors if a.strip())
    elif raw_authors is not None:
        problems.append(_bad(source, "authors", raw_authors, "a list of names"))

    published: date | None = None
    published_at: str | None = None
    if obj.get("published") not in (None, ""):
        try:
            published, published_at = parse_moment(obj["published"], source)
        except BadMetadata as err:
            problems.append(_kept(source, err.kind, err.reason, err.hint))
    meta = Metadata(
        external_id=text_value("id"),
        title=text_value("title"),
        url=text_value("url"),
        outlet=text_value("outlet"),
        authors=authors,
        published=published,
        published_from=origin if published else None,
        published_at=published_at,
    )
    return meta, problems


def _bad(source: str, key: str, value: object, expected: str) -> Problem:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return _kept(
        source, "bad-metadata", f"'{key}' should be {expected}, not {shown}", "fix or remove it"
    )


def _kept(source: str, kind: str, reason: str, hint: str | None) -> Problem:
    """A metadata value that cannot be used: the article is stored without it, so this is a
    warning (as an error it was counted and shown as "skipped")."""
    return Problem(source, kind, f"{reason}; the article is kept without it", hint, "warning")


def sidecar_path(article: str) -> Path:
    path = Path(article)
    return path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")


def read_sidecar(article: str) -> tuple[Metadata | None, list[Problem]]:
    """Metadata from the article's sidecar, if there is one."""
    path = sidecar_path(article)
    if not path.exists():
        return None, []
    name = str(path)
    try:
        obj = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return None, [
            Problem(name, "malformed", f"sidecar is not readable JSON: {err}", "fix the JSON")
        ]
    if not isinstance(obj, dict):
        return None, [Problem(name, "malformed", "sidecar must hold a JSON object", "fix the JSON")]
    return metadata_from_object(obj, name, "sidecar")
