"""Issue 22, second pass: one accord reported several ways in one story is one event when
type, participants and time agree, even among many other mentions; different ones stay
apart. The sentences rewrite, in our own words and with names and dates changed, the shapes
of a Reuters story on an oil cartel's accord that showed the accord as five events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from storyline.events.link import EventCandidate, average_linkage, link, pair_scores

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
MAY = (date(2025, 5, 1), date(2025, 5, 31))
CARTEL = frozenset({"organization:cartel"})
PUBLISHED = date(2025, 9, 10)


def _mention(document: str, trigger: str, sentence: str, **known: object) -> EventCandidate:
    return replace(
        EventCandidate(
            key=f"{document}:{trigger}:{sentence[:12]}",
            document_id=document,
            group="story",
            trigger=trigger,
            lemma="",
            sentence=sentence,
            type="agreement",
            published=PUBLISHED,
        ),
        **known,  # type: ignore[arg-type]
    )


# The March accord, written five ways in three articles.
ACCORD = [
    _mention(
        "a",
        "agreement",
        "The agreement reached at a long session of cartel ministers in March set quotas.",
        time=MARCH,
        participants=CARTEL,
    ),
    _mention(
        "a",
        "agreement",
        "Analysts expect the cartel will maintain the agreement to keep prices stable.",
        time=MARCH,
        participants=CARTEL,
        status="planned",  # the plan is to maintain it: the accord itself is dated March
    ),
    _mention(
        "b",
        "agreed",
        "The cartel agreed in March to hold its ceiling at 15 million barrels.",
        time=MARCH,
        participants=CARTEL,
    ),
    _mention(
        "b",
        "accord",
        "Buyers say the accord is working better than expected.",
        time=MARCH,
    ),
    _mention(
        "c",
        "signed",
        "Members praised the pact signed in March by the cartel's ministers.",
        time=MARCH,
        participants=CARTEL,
    ),
]
# Background mentions of the same story with words that pull the accord apart.
OTHERS = [
    _mention(
        "c",
        "deals",
        "Refiners bought cargoes through processing deals and barter.",
        status="happened",
        time=(date(2025, 8, 10), date(2025, 9, 10)),
    ),
    _mention(
        "b",
        "agreement",
        "Traders expect a new agreement on output for the autumn.",
        time=(date(2025, 9, 1), date(2025, 12, 31)),
        participants=CARTEL,
        status="planned",
    ),
]


def test_one_accord_written_five_ways_among_others_is_one_event() -> None:
    labels = link(ACCORD + OTHERS)
    assert len(set(labels[:5])) == 1
    assert labels[5] != labels[0] and labels[6] != labels[0]


def test_a_plan_to_keep_an_accord_dated_before_its_article_vetoes_nothing() -> None:
    """'Will maintain the agreement' was read as planned; its own date (March) lies before
    its article, so it is no plan of a new accord, and it no longer vetoes the March one."""
    scores = pair_scores(ACCORD[:2])
    assert np.isfinite(scores[0, 1])


def test_another_month_is_another_accord() -> None:
    may = [replace(m, time=MAY) for m in ACCORD[2:4]]
    labels = link(ACCORD[:2] + may)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_a_mention_without_participants_joins_only_an_unambiguous_cluster() -> None:
    """'The accord is working' names nobody: it joins the March accord of its own article,
    but not when that article names two different March agreements."""
    other = _mention(
        "b",
        "deal",
        "Separately, two refiners agreed a supply deal in March with a trader.",
        time=MARCH,
        participants=frozenset({"organization:refiner"}),
        agent="organization:refiner",
    )
    alone = ACCORD[3]
    cartel = replace(ACCORD[2], agent="organization:cartel")
    assert len(set(link([cartel, alone]))) == 1
    labels = link([cartel, other, alone])
    assert labels[0] != labels[1]
    assert labels[2] not in {labels[0], labels[1]}


def test_two_news_conferences_of_different_people_stay_apart() -> None:
    first = _mention(
        "a",
        "conference",
        "The oil minister told a news conference the ceiling would hold.",
        type="statement",
        time=MARCH,
        participants=CARTEL | {"person:oil minister"},
        agent="person:Ali Rahman",
    )
    second = _mention(
        "b",
        "conference",
        "The president of the cartel told a news conference that output was low.",
        type="statement",
        time=MARCH,
        participants=CARTEL | {"person:cartel president"},
        agent="person:Luis Ortega",
    )
    assert link([first, second]) == [0, 1]


def test_linkage_from_given_clusters_keeps_means_over_members() -> None:
    scores = np.array([[0.0, 0.9, 0.1], [0.9, 0.0, 0.6], [0.1, 0.6, 0.0]])
    # From {0, 1} joined, item 2's mean against them is 0.35: below 0.4, it stays out.
    assert average_linkage(scores, 0.4, [0, 0, 1]) == [0, 0, 1]
    scores[0, 2] = scores[2, 0] = -np.inf
    assert average_linkage(scores, 0.0, [0, 0, 1]) == [0, 0, 1]
