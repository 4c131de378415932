"""One very large article costs bounded time (issue 19): it is stored whole, and facts are
found in its first ``MAX_FACT_CHARS`` characters, with a warning that says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import limits
from storyline.limits import MAX_FACT_CHARS
from storyline.runner import RunOptions, run
from storyline.store import Store


def test_facts_stop_at_the_limit_and_the_article_is_kept_whole(tmp_path: Path) -> None:
    paragraphs = []
    n = 0
    while sum(len(p) + 2 for p in paragraphs) < MAX_FACT_CHARS + 20_000:
        paragraphs.append(
            f"Minister Alda Varen{n} said on Tuesday that the harbour of Portmere{n} would "
            f'reopen after repairs costing {n + 3} million euros. "We expect ships by '
            f'spring," she said in report number {n}.'
        )
        n += 1
    article = tmp_path / "long.txt"
    article.write_text("A long report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    with Store(tmp_path / "news.db") as store:
        summary = run([str(article)], store, RunOptions(workers=1))
        (warning,) = summary.problems
        assert (warning.kind, warning.severity) == ("too-long-for-facts", "warning")
        assert f"{MAX_FACT_CHARS:,}" in warning.message
        (length,) = store.conn.execute("SELECT length(text) FROM documents").fetchone()
        assert length > MAX_FACT_CHARS  # stored whole
        first, last = store.conn.execute(
            'SELECT min(start), max("end") FROM entity_mentions'
        ).fetchone()
        assert first is not None and last <= MAX_FACT_CHARS
        assert store.conn.execute('SELECT max("end") FROM quotes').fetchone()[0] <= MAX_FACT_CHARS


def test_a_document_over_its_time_budget_is_a_problem_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "in" / "harbour.txt"
    article.parent.mkdir()
    article.write_text(
        "Harbour repairs agreed\n\nMinister Alda Varen said on Tuesday that the harbour of "
        'Portmere would reopen in May. "We expect ships by spring," she said.\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(limits, "DOCUMENT_SECONDS", 1e-6)
    with Store(tmp_path / "news.db") as store:
        slow = run([str(article.parent)], store, RunOptions(workers=1))
        assert slow.status == "finished"
        kinds = {p.kind for p in slow.problems}
        assert kinds == {"too-slow"}
        assert all("tried again on the next run" in (p.hint or "") for p in slow.problems)
        monkeypatch.setattr(limits, "DOCUMENT_SECONDS", 120.0)
        again = run([str(article.parent)], store, RunOptions(workers=1))
        assert again.problems == []
        assert store.conn.execute("SELECT count(*) FROM entity_mentions").fetchone()[0] > 0
