"""Settings: one list of (name, default, help), used by the CLI and documented in the README.

A test checks that every setting here appears in the README's settings table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", "SQLite file of the store (created if missing)."),
    Setting("max_bytes", 5_000_000, "Largest input article in bytes; larger inputs are skipped."),
    Setting("workers", 0, "Worker processes for per-document stages (0: one per core)."),
    Setting("batch_size", 200, "Documents written per store transaction."),
    # Live sources (storyline sources / watch / fetch); storyline.sources.
    Setting("poll_interval", 900, "Seconds between polls of a source, unless it asks for more."),
    Setting("fetch_threads", 4, "Sources and pages fetched at once (all hosts together)."),
    Setting("per_host", 2, "Requests to one host at once."),
    Setting("host_delay", 1.0, "Seconds between the starts of two requests to one host."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for an answer."),
    Setting("fetch_retries", 3, "Retries after 429, 5xx or a network error, with backoff."),
    Setting("fetch_max_bytes", 5_000_000, "Largest page read, decoded (feeds: 20 MB)."),
    Setting("max_pages", 500, "New pages fetched per cycle; the rest wait for the next one."),
    Setting("user_agent", "Storyline/<version> (news monitor)", "The User-Agent sent."),
    Setting("contact", None, "An address or URL added to the User-Agent for site owners."),
    Setting("archive_bytes", 100_000_000, "Size at which a new WARC archive file is begun."),
)

DEFAULTS: dict[str, object] = {s.name: s.default for s in SETTINGS}


def default(name: str) -> object:
    return DEFAULTS[name]
