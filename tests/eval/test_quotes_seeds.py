"""The quotes of the real sample articles, through `storyline run` (skipped when absent).

What issue 6 names in the seeds: a direct quote whose speaker is a pronoun standing for the
minister named before it, a partial quote inside indirect speech, an institutional source
("as stated in a joint announcement") that keeps its description and no entity, and a
so-called term that is not a quote.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.runner import RunOptions, run
from storyline.store import Store

pytestmark = pytest.mark.eval

REWRITE = "000_e30253694e3e611b.txt"
PREVIEW = "004_03eef643fcde25be.txt"


def test_seed_quotes_have_their_speakers(seeds_dir: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "seeds.db") as store:
        run([str(seeds_dir)], store, RunOptions(workers=1, fallback_published=date(2025, 3, 12)))
        names = {r["id"]: r["name"] for r in store.conn.execute("SELECT id, name FROM entities")}
        rows = [
            dict(r)
            for r in store.conn.execute(
                "SELECT q.*, d.source FROM quotes q JOIN documents d ON d.id = q.document_id "
                "WHERE d.superseded_by IS NULL ORDER BY q.document_id, q.start"
            )
        ]
    rewrite = [r for r in rows if Path(r["source"]).name == REWRITE]
    preview = [r for r in rows if Path(r["source"]).name == PREVIEW]

    def speaker_name(row: dict[str, object]) -> str | None:
        return names.get(str(row["speaker_entity_id"]))

    emphasized = next(r for r in rewrite if r["cue"] == "emphasized")
    assert (emphasized["kind"], emphasized["speaker_text"]) == ("direct", "He")
    assert "Lecornu" in (speaker_name(emphasized) or "")

    added = next(r for r in rewrite if r["cue"] == "added")
    assert added["kind"] == "partial"
    assert "Crosetto" in (speaker_name(added) or "")
    # Issue 22: a partial quote's text is the words inside its marks; the reported clause
    # around them is its context.
    assert added["text"] == "without the ability to defend itself."
    assert str(added["context"]).startswith("there would be no future")

    announced = next(r for r in rewrite if r["speaker_text"] == "a joint announcement")
    assert announced["kind"] == "partial"
    assert announced["speaker_entity_id"] is None

    assert preview, "the preview article has attributed statements"
    aides = [r for r in preview if "rearmament" in r["text"]]
    assert aides, "the talks' agenda, attributed to an aide"
    assert aides[0]["speaker_text"] == "one of the French defense minister’s aides"
    assert aides[0]["speaker_entity_id"] is None
    for row in rows:
        if row["kind"] != "indirect":
            assert "coalition of the willing" not in row["text"]
