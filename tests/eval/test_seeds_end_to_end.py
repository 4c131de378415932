"""The two real sample articles through `storyline run` and the export (skipped when absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.runner import RunOptions, run
from storyline.store import Store

REWRITE = "000_e30253694e3e611b.txt"
PREVIEW = "004_03eef643fcde25be.txt"


def test_seeds_through_the_pipeline(seeds_dir: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "seeds.db") as store:
        summary = run(
            [str(seeds_dir)], store, RunOptions(workers=1, fallback_published=date(2025, 3, 12))
        )
        assert (summary.new, summary.errors) == (2, 0)
        documents = {Path(d.source).name: d for d in store.iter_documents()}
    rewrite, preview = documents[REWRITE], documents[PREVIEW]
    raw = (seeds_dir / REWRITE).read_text(encoding="utf-8")
    headline = raw.splitlines()[0].strip()

    # The headline appears once, as the title.
    assert rewrite.title == headline
    assert headline not in rewrite.text
    # Only one version of the lead: the body starts with the lead that follows the repeat.
    first_paragraph = rewrite.text.split("\n\n")[0]
    assert first_paragraph.startswith("Defense ministers")
    assert sum(p.count("Poland") for p in rewrite.text.split("\n\n")[:3]) == 1
    # The credit line is out of the body, with author and outlet recorded.
    assert "contributed to this report" not in rewrite.text
    assert rewrite.authors == ("Jessica Kline",) and rewrite.outlet == "TROIB News"
    assert {r.kind for r in rewrite.removals} >= {"repeated-headline", "repeated-lead", "credit"}
    # Every removal is a real stretch of the raw input.
    for removal in rewrite.removals:
        assert raw[removal.raw_start : removal.raw_end].strip() == removal.text.strip()

    # Two outlets' own reports of the same story: not duplicates of each other.
    assert rewrite.id != preview.id
    with Store(tmp_path / "seeds.db") as store:
        folded = store.conn.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"
        ).fetchone()[0]
    assert folded == 0

    # The preview has no headline line and nothing to remove.
    assert preview.title is None
    assert preview.removals == ()
    assert preview.published_from == "cli"
