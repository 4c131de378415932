"""Event linking (``events/link.py``) and trigger keys (``events/lemma.py``) on own sentences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from storyline.events.lemma import derived, head, key, sense
from storyline.events.link import EventCandidate, average_linkage, link


def mention(document: str, trigger: str, sentence: str, group: str = "story-1") -> EventCandidate:
    return EventCandidate(
        key=f"{document}:{trigger}",
        document_id=document,
        group=group,
        trigger=trigger,
        lemma="",
        sentence=sentence,
    )


MET = mention("a", "met", "The foreign ministers met in Paris on Monday to discuss the truce.")
MEETING = mention("b", "meeting", "The meeting of foreign ministers in Paris ended late.")


def test_two_articles_on_one_meeting_link() -> None:
    assert link([MET, MEETING]) == [0, 0]


def test_a_different_place_blocks_the_link() -> None:
    assert link([replace(MET, place="Paris"), replace(MEETING, place="Berlin")]) == [0, 1]
    assert link([replace(MET, place="Paris"), replace(MEETING, place="Paris")]) == [0, 0]


def test_dates_that_do_not_overlap_block_the_link() -> None:
    monday = (date(2024, 3, 4), date(2024, 3, 4))
    same_week = (date(2024, 3, 4), date(2024, 3, 5))
    later = (date(2024, 6, 10), date(2024, 6, 10))
    assert link([replace(MET, time=monday), replace(MEETING, time=later)]) == [0, 1]
    assert link([replace(MET, time=monday), replace(MEETING, time=same_week)]) == [0, 0]


@pytest.mark.parametrize(
    ("day", "linked"), [(4, True), (5, False), (6, False), (3, False), (2, False)]
)
def test_dates_a_day_apart_are_two_happenings(day: int, linked: bool) -> None:
    """Storyline's dates come from one normaliser that reads tense, so a meeting on Monday
    and one on Tuesday are two meetings (the seeds' chiefs and ministers in Paris)."""
    monday = (date(2024, 3, 4), date(2024, 3, 4))
    other = (date(2024, 3, day), date(2024, 3, day))
    labels = link([replace(MET, time=monday), replace(MEETING, time=other)])
    assert (labels == [0, 0]) is linked


def test_known_types_that_differ_block_the_link() -> None:
    assert link([replace(MET, type="meeting"), replace(MEETING, type="visit")]) == [0, 1]


def test_mentions_in_different_groups_never_link() -> None:
    assert link([MET, replace(MEETING, group="story-2")]) == [0, 1]


def test_a_group_links_the_same_whatever_else_is_linked() -> None:
    # The product links one story at a time, the benchmark a whole corpus in one call.
    others = [
        mention(f"x{n}", "meeting", f"A meeting of the {word} council.", group="story-2")
        for n, word in enumerate(("city", "school", "harbour", "county"))
    ]
    alone = link([MET, MEETING])
    together = link([MET, MEETING, *others])
    assert together[:2] == alone


def test_the_callers_lemma_is_used() -> None:
    talks = mention("b", "talks", "Talks between the foreign ministers in Paris went on.")
    assert link([replace(MET, lemma="meet"), replace(talks, lemma="meet")]) == [0, 0]


def test_words_for_one_kind_of_happening_link_with_shared_context() -> None:
    first = mention("a", "earthquake", "A strong earthquake struck northern Chile on Sunday.")
    second = mention("b", "quake", "The quake in northern Chile damaged roads and homes.")
    assert link([first, second]) == [0, 0]


def test_saying_is_a_new_act_each_time() -> None:
    first = mention("a", "said", "The mayor said the bridge would reopen in spring.")
    second = mention("b", "said", "Police said two men were held after the robbery.")
    assert link([first, second]) == [0, 1]


def test_labels_are_dense_and_in_order() -> None:
    other = mention("c", "arrested", "Police arrested a man in Lyon.", group="story-9")
    assert link([other, MET, MEETING]) == [0, 1, 1]
    assert link([]) == []


def brute_force(scores: np.ndarray, threshold: float) -> list[list[int]]:
    clusters = [[i] for i in range(len(scores))]
    while len(clusters) > 1:
        best = max(
            (float(np.mean(scores[np.ix_(clusters[x], clusters[y])])), x, y)
            for x in range(len(clusters))
            for y in range(x + 1, len(clusters))
        )
        if not best[0] > threshold:
            break
        clusters[best[1]] += clusters.pop(best[2])
    return sorted(sorted(c) for c in clusters)


@pytest.mark.parametrize("seed", range(25))
def test_average_linkage_matches_the_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 10))
    scores = rng.random((size, size))
    scores = (scores + scores.T) / 2
    vetoed = rng.random((size, size)) < 0.05
    scores[vetoed | vetoed.T] = -np.inf
    np.fill_diagonal(scores, 0.0)
    found: dict[int, list[int]] = {}
    for item, label in enumerate(average_linkage(scores, 0.5)):
        found.setdefault(label, []).append(item)
    assert sorted(found.values()) == brute_force(scores, 0.5)


@pytest.mark.parametrize(
    "forms",
    [
        ("fire", "fired", "fires", "firing"),
        ("shoot", "shot", "shots", "shooting", "shootings"),
        ("meet", "met", "meeting", "meetings"),
        ("stop", "stopped", "stopping"),
        ("die", "died", "dies", "dying"),
        ("place", "placed", "placing"),
    ],
)
def test_inflections_share_a_key(forms: tuple[str, ...]) -> None:
    assert len({key(form) for form in forms}) == 1


@pytest.mark.parametrize(
    ("verb", "noun"),
    [("elect", "election"), ("investigate", "investigation"), ("seize", "seizure")],
)
def test_derived_nouns_share_the_verbs_key(verb: str, noun: str) -> None:
    assert derived(verb) == derived(noun)


def test_senses_and_heads() -> None:
    assert sense("quake") == sense("earthquake") is not None
    assert sense("arrested") == sense("detained") is not None
    assert sense("killed") == sense("death") is not None
    assert sense("fired") != sense("arrested")
    assert head("checked into") == "checked"
    assert head("heart attack") == "attack"
    assert head("double-murder") == "murder"


def test_mentions_without_sentences_link_on_their_words() -> None:
    first, second = mention("a", "summit", ""), mention("b", "summits", "")
    assert link([first, second]) == [0, 0]


def test_the_window_reads_the_words_next_to_the_trigger() -> None:
    from storyline.events.link import _window

    found = _window(
        mention("a", "cut", "Officials said on Friday a ship cut the undersea cable off Sicily.")
    )
    # Three words each side, stopwords and the trigger left out.
    assert set(found) == {key("friday"), key("ship"), key("undersea"), key("cable")}
    assert not _window(mention("a", "severed", "A ship cut the cable."))  # not in the sentence


def test_paraphrases_take_the_best_cross_document_context_of_their_keys() -> None:
    from storyline.events.link import _paraphrases

    keys = ["cut", "damag", "cut", "damag", "fir"]
    documents = np.array(["a", "b", "c", "c", "d"])
    excluded = np.equal.outer(keys, keys) | np.equal.outer(documents, documents)
    cosine = np.full((5, 5), 0.1)
    cosine[0, 1] = cosine[1, 0] = 0.7  # "cut" in a and "damaged" in b, in like sentences
    out = _paraphrases(keys, excluded, cosine)
    # Every cut/damaged pair gets 0.7, even the one inside document c.
    assert out[2, 3] == out[0, 3] == out[1, 2] == pytest.approx(0.7)
    assert out[0, 4] == pytest.approx(0.1)  # cut / fire: its own best
    assert out[0, 2] == 0.0  # the same key is scored elsewhere


def test_like_sentences_across_a_story_raise_a_paraphrase_pairs_score() -> None:
    from storyline.events.link import pair_scores

    like = {
        "a": ("cut", "A cargo ship cut the undersea cable off Sicily on Friday."),
        "b": ("damaged", "A cargo ship damaged the undersea cable off Sicily, the operator said."),
        "c": ("cut", "Repairs began after the ship cut the undersea cable near Sicily."),
    }
    unlike = {**like, "b": ("damaged", "Storms damaged several houses in the hills overnight.")}
    scores = [
        pair_scores([mention(d, trigger, sentence) for d, (trigger, sentence) in group.items()])
        for group in (like, unlike)
    ]
    # "cut" (c) / "damaged" (b): the like sentences of a and b vouch for the pair.
    assert scores[0][1, 2] > scores[1][1, 2] + 0.05


def test_the_window_reads_the_trigger_where_it_stands() -> None:
    from storyline.events.link import _window

    sentence = "The attack on the depot came a day after an attack near the harbour."
    second = replace(
        mention("a", "attack", sentence), trigger_start=sentence.index("attack near") + 0
    )
    assert key("harbour") in _window(second) and key("depot") not in _window(second)
    assert key("depot") in _window(mention("a", "attack", sentence))  # the first, by default


def test_the_same_kind_of_event_in_the_same_month_links() -> None:
    """With the same participants (issue 22: without them, type and month only support)."""
    december = (date(1986, 12, 1), date(1986, 12, 31))
    january = (date(1987, 1, 1), date(1987, 1, 31))
    producers = frozenset({"organization:opec"})
    accord = replace(
        mention("a", "accord", "Saudi Arabia backed the December accord on output."),
        type="agreement",
        time=december,
        participants=producers,
    )
    pact = replace(
        mention("b", "pact", "Ministers said the December pact on output was holding."),
        type="agreement",
        time=december,
        participants=producers,
    )
    assert link([accord, pact]) == [0, 0]
    assert link([accord, replace(pact, time=january)]) == [0, 1]


def test_talks_through_the_night_link_across_the_two_days() -> None:
    """One article dates overnight talks by the day they began, another by the day they
    ended: a day apart is then the same talks; without a night it is not."""
    began = mention("a", "talks", "The talks in Oslo began on Monday and went on overnight.")
    ended = mention("b", "talks", "The talks in Oslo ended at dawn on Tuesday with a deal.")
    monday = (date(2024, 3, 4), date(2024, 3, 4))
    tuesday = (date(2024, 3, 5), date(2024, 3, 5))
    assert link([replace(began, time=monday), replace(ended, time=tuesday)]) == [0, 0]
    daytime = replace(began, sentence="The talks in Oslo began on Monday morning.")
    assert link([replace(daytime, time=monday), replace(ended, time=tuesday)]) == [0, 1]
