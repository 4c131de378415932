"""Whole-article golden files for the cleaner.

Each ``inputs/NAME.txt`` (with an optional ``inputs/NAME.title`` holding the title from
metadata) is cleaned and compared with ``expected/NAME.json``: title, clean text, removals
(kind and text), authors, outlet, dateline and flags. Run pytest with ``--update-golden`` to
rewrite the expected files from the current output, then read the diff before keeping it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from storyline.clean import clean_article

HERE = Path(__file__).resolve().parent
INPUTS = sorted((HERE / "inputs").glob("*.txt"))


def read_exact(path: Path) -> str:
    # Bytes, not read_text: line endings (\r\n) are part of what is being tested.
    return path.read_bytes().decode("utf-8")


def cleaned_as_json(source: Path) -> dict[str, Any]:
    title_file = source.with_suffix(".title")
    raw_title = read_exact(title_file) if title_file.exists() else None
    raw = read_exact(source)
    cleaned = clean_article(raw, raw_title)
    for removal in cleaned.removals:
        assert raw[removal.raw_start : removal.raw_end] == removal.text
    return {
        "title": cleaned.title,
        "text": cleaned.text,
        "removals": [
            {"kind": r.kind, "text": r.text, "reason": r.reason} for r in cleaned.removals
        ],
        "authors": list(cleaned.authors),
        "outlet": cleaned.outlet,
        "dateline": asdict(cleaned.dateline) if cleaned.dateline else None,
        "flags": list(cleaned.flags),
    }


def test_there_are_golden_articles() -> None:
    assert len(INPUTS) >= 8


@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden(source: Path, update_golden: bool) -> None:
    expected_file = HERE / "expected" / f"{source.stem}.json"
    actual = cleaned_as_json(source)
    if update_golden:
        expected_file.parent.mkdir(exist_ok=True)
        expected_file.write_text(
            json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return
    if not expected_file.exists():
        pytest.fail(f"{expected_file} is missing: run pytest with --update-golden and check it")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert actual == expected
