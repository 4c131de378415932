"""The fact stage base (``storyline.facts``) on the quote stage: a document whose function
raises is counted, reported naming the stage, the document and the rule, left unread and
retried next run, while the others are stored; stale documents are re-read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from storyline.model import Document, Problem
from storyline.offsets import OffsetMap
from storyline.pipeline import Counters
from storyline.quotes.stage import DocumentQuotes, QuoteInput, QuoteStage, read_quotes
from storyline.store import Store

TEXT = '"We will not back down," the minister said on {day}.'


class RuleFailed(ValueError):
    rule = "direct-quote rule"


def _explodes_on_boom(document: QuoteInput) -> DocumentQuotes:
    if "BOOM" in document.text:
        raise RuleFailed("cannot pair the marks")
    return read_quotes(document)


class FlakyQuoteStage(QuoteStage):
    def function(self) -> Callable[[QuoteInput], DocumentQuotes]:
        return _explodes_on_boom


def document(id_: str, text: str, key: str | None = None) -> Document:
    return Document(
        id=id_,
        source=f"in/{id_}.txt",
        source_key=key or id_,
        format="txt",
        raw_text=text,
        published=date(2025, 3, 12),
        title=None,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        stages=(("clean", "1"),),
    )


def update(store: Store, stage: QuoteStage, workers: int = 1) -> tuple[Counters, list[Problem]]:
    counters, problems = Counters(), []
    stage.workers = workers
    stage.update(store, [], [], counters, problems)
    return counters, problems


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_document_is_reported_and_retried_and_the_others_stored(
    store: Store, workers: int
) -> None:
    store.save_documents(
        [
            document("d1", TEXT.format(day="Monday")),
            document("d2", "BOOM " + TEXT.format(day="Tuesday")),
            document("d3", TEXT.format(day="Wednesday")),
        ]
    )
    counters, problems = update(store, FlakyQuoteStage(), workers)
    assert counters["quotes"].passed == 2
    assert counters["quotes"].failed == {"RuleFailed": 1}
    [problem] = problems
    assert problem.kind == "stage-failure" and problem.source == "in/d2.txt"
    assert "stage 'quotes'" in problem.message and "d2" in problem.message
    assert "direct-quote rule" in problem.message and "cannot pair the marks" in problem.message
    assert [q.document_id for q in store.quotes.listing()] == ["d1", "d3"]
    assert store.quotes.unread() == ["d2"]

    counters, problems = update(store, QuoteStage(), workers)  # the next run
    assert counters["quotes"].passed == 1 and not problems
    assert sorted(q.document_id for q in store.quotes.listing()) == ["d1", "d2", "d3"]
    assert store.quotes.unread() == []


def test_stale_documents_are_re_read_and_their_results_replaced(store: Store) -> None:
    store.save_documents([document("d1", TEXT.format(day="Monday"))])
    stage = QuoteStage()
    update(store, stage)
    assert update(store, stage)[0]["quotes"].passed == 0  # nothing new: nothing read

    stage.key = "upstream-changed"  # another results_version: every document is re-read
    assert update(store, stage)[0]["quotes"].passed == 1
    assert len(store.quotes.listing()) == 1
    assert store.quotes.outdated("upstream-changed") == []

    # A newer version of the article replaces the old one and its quotes.
    store.save_documents([document("d1b", TEXT.format(day="Friday"), key="d1")])
    assert update(store, stage)[0]["quotes"].passed == 1
    assert [q.document_id for q in store.quotes.listing()] == ["d1b"]
    assert store.quotes.read_count() == 1


def test_an_empty_store_reads_nothing(store: Store) -> None:
    counters, problems = update(store, QuoteStage())
    assert counters["quotes"].passed == 0 and not problems
    assert counters["quotes"].failed == {}


# Ahead (issue 21: both cores busy) -----------------------------------------------------------


def reader(store: Store) -> Callable[[], Store]:
    return lambda: Store(store.path, readonly=True)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stage_started_ahead_stores_what_it_would_have_at_its_turn(
    store: Store, workers: int
) -> None:
    texts = [TEXT.format(day=day) for day in ("Monday", "Tuesday", "Wednesday")]
    store.save_documents(
        [document(f"d{i}", text) for i, text in enumerate([*texts, "BOOM " + texts[0]])]
    )
    stage = FlakyQuoteStage()
    stage.workers = workers
    stage.start_ahead(store, [], reader(store))
    # Meanwhile this connection writes (the stages before its turn do): no wait, no error.
    with store.transaction():
        store.set_stage_state("stories", "x")
    counters, problems = update(store, stage, workers)
    assert counters["quotes"].passed == 3 and counters["quotes"].failed == {"RuleFailed": 1}
    assert [p.source for p in problems] == ["in/d3.txt"]
    assert [q.document_id for q in store.quotes.listing()] == ["d0", "d1", "d2"]
    assert store.quotes.unread() == ["d3"]


def test_a_stage_started_ahead_and_never_reached_stops(store: Store) -> None:
    store.save_documents([document(f"d{i}", TEXT.format(day="Monday")) for i in range(40)])
    stage = QuoteStage()
    stage.workers = 2
    stage.start_ahead(store, [], reader(store))
    stage.stop_ahead()  # the run failed before the stage's turn: the thread and pool end
    assert store.quotes.unread() == [f"d{i}" for i in range(40)]
    assert update(store, stage, 2)[0]["quotes"].passed == 40  # the next run reads them


def test_what_a_stage_started_ahead_raises_is_raised_at_its_turn(store: Store) -> None:
    store.save_documents([document("d1", TEXT.format(day="Monday"))])

    def broken() -> Store:
        raise OSError("the store went away")

    stage = QuoteStage()
    stage.workers = 2
    stage.start_ahead(store, [], broken)
    with pytest.raises(OSError, match="went away"):
        update(store, stage, 2)
