"""The pictures' SVG builders on data shaped like a real story: a dock strike reported by
four outlets over a week, its events, the people named with its union leader, its places.
Parsed as XML: well-formed, named for a screen reader, the figures right, no style
attribute (the page's CSP would drop it)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from storyline.events.report import TimelineEvent
from storyline.store.entities import Neighbour
from storyline.store.stories import KeyEntity, StoryArticle
from storyline.web import coverage_chart, event_chart, neighbour_graph, place_map

SVG = ""  # inline in HTML: no namespace declared

ARTICLES = (
    StoryArticle("d1", "Dockers to strike from Monday", "Harbour Herald", "2025-03-08", ()),
    StoryArticle(
        "d2",
        "Port at a standstill as strike begins",
        "Continental Wire",
        "2025-03-10",
        (("d2a", "Harbour Herald", "exact", "2025-03-10"), ("d2b", None, "near", "2025-03-10")),
    ),
    StoryArticle("d3", "Talks resume", "Northern Post", "2025-03-11T09:30:00", ()),
    StoryArticle("d4", "Strike suspended", "Harbour Herald", "2025-03-13", ()),
    StoryArticle("d5", "Deal reached", "Continental Wire", "2025-03-14", ()),
    StoryArticle("d6", "What the deal means", "Daily Meridian", None, ()),
)


def parse(markup: str) -> ET.Element:
    root = ET.fromstring(str(markup).replace("&#39;", "'"))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(SVG + "title") is not None and root.find(SVG + "desc") is not None
    assert all(e.get("style") is None for e in root.iter())
    return root


def test_coverage_counts_each_day_and_outlet_copies_included() -> None:
    grid = coverage_chart.grid(coverage_chart.of_articles(ARTICLES))
    assert grid.days[0].isoformat() == "2025-03-08" and grid.days[-1].isoformat() == "2025-03-14"
    assert len(grid.days) == 7  # the quiet 9 and 12 March are days too
    assert grid.outlets == ("Harbour Herald", "Continental Wire", "Northern Post", "outlet unknown")
    tenth = grid.counts[2]
    assert dict(zip(grid.outlets, tenth, strict=True)) == {
        "Harbour Herald": 1, "Continental Wire": 1, "Northern Post": 0, "outlet unknown": 1,
    }  # fmt: skip
    assert grid.undated == 1 and grid.total == 8


def test_coverage_svg_has_a_bar_per_outlet_day_and_a_legend() -> None:
    root = parse(coverage_chart.svg(coverage_chart.grid(coverage_chart.of_articles(ARTICLES))))
    bars = [r for r in root.iter(SVG + "rect") if r.find(SVG + "title") is not None]
    tips = {r.find(SVG + "title").text for r in bars}  # type: ignore[union-attr]
    assert "2025-03-10: 1 article from Continental Wire" in tips
    assert len(bars) == 7  # 1 + 3 + 1 + 1 + 1 outlet-days with articles
    legend = [t.text for t in root.iter(SVG + "text") if t.get("class") == "legend"]
    assert legend[0] == "Harbour Herald (3)"
    assert "1 undated article not drawn" in root.find(SVG + "desc").text  # type: ignore[union-attr,operator]


def test_coverage_of_more_than_five_outlets_groups_the_rest() -> None:
    rows = [("2025-03-10", f"Outlet {i}") for i in range(8)] + [("2025-03-10", "Outlet 0")]
    grid = coverage_chart.grid(rows)
    assert grid.outlets[0] == "Outlet 0" and grid.outlets[-1] == "other outlets"
    assert len(grid.outlets) == 6 and grid.counts[0][-1] == 3


def test_coverage_without_dates_draws_nothing() -> None:
    assert coverage_chart.svg(coverage_chart.grid([(None, "Harbour Herald")])) == ""


def event(
    id_: str, type_: str, status: str, first: str | None, last: str | None = None
) -> TimelineEvent:
    return TimelineEvent(
        id_, type_, status, first, first, last or first, None, (),
        f"The union's {type_} ({status}).", "s1", (),
    )  # fmt: skip


EVENTS = (
    event("e1", "strike", "planned", "2025-03-10"),
    event("e2", "strike", "happened", "2025-03-10"),
    event("e3", "meeting", "happened", "2025-03-12"),
    event("e4", "agreement", "happened", "2025-03-14"),
    event("e5", "vote", "planned", "2025-03-17", "2025-03-23"),  # "next week"
    event("e6", "proposal", "reported", "2025-01-01", "2025-12-31"),  # "this year"
    event("e7", "meeting", "happened", None),
)


def test_event_chart_draws_dated_events_in_type_lanes() -> None:
    root = parse(event_chart.svg(EVENTS))
    lanes = [t.text for t in root.iter(SVG + "text") if t.get("class") == "lane-label"]
    assert lanes == ["strike", "meeting", "agreement", "vote"]
    links = [a.get("href") for a in root.iter(SVG + "a")]
    assert links == ["#ev-e1", "#ev-e2", "#ev-e3", "#ev-e4", "#ev-e5"]
    spans = [r for r in root.iter(SVG + "rect") if (r.get("class") or "").startswith("mark")]
    assert [r.get("class") for r in spans] == ["mark s-planned"]  # the week-long vote
    tips = [t.text for t in root.iter(SVG + "title")]
    assert "2025-03-17 – 2025-03-23 · vote · planned: The union's vote (planned)." in tips
    desc = root.find(SVG + "desc").text or ""  # type: ignore[union-attr]
    assert "1 event with a date coarser than two weeks" in desc and "1 undated event" in desc


def test_event_chart_stacks_two_events_of_a_type_on_one_day() -> None:
    root = parse(event_chart.svg(EVENTS[:2]))
    ys = [c.get("cy") for a in root.iter(SVG + "a") for c in a.iter(SVG + "circle")]
    assert len(ys) == 2 and ys[0] != ys[1]


def test_event_chart_without_dated_events_draws_nothing() -> None:
    assert event_chart.svg([EVENTS[-1]]) == ""


NEIGHBOURS = [
    Neighbour("ent_union", "Havenbond", "organization", 6),
    Neighbour("ent_wit", "Pieter de Wit", "person", 5),
    Neighbour("ent_rtm", "Rotterdam", "place", 5),
    Neighbour("ent_ea", "Rotterdam Terminal Employers' Association", "organization", 3),
    Neighbour("ent_stam", "Hendrik Stam", "person", 1),
]


def test_neighbour_graph_places_the_most_shared_nearest() -> None:
    pairs = [("ent_rtm", "ent_union", 4), ("ent_stam", "ent_wit", 1), ("ent_x", "ent_wit", 9)]
    root = parse(neighbour_graph.svg("Ruud Kersten", "person", NEIGHBOURS, pairs))
    centre = next(c for c in root.iter(SVG + "circle") if "centre" in (c.get("class") or ""))
    cx, cy = float(centre.get("cx") or 0), float(centre.get("cy") or 0)
    nodes = {a.get("href"): next(a.iter(SVG + "circle")) for a in root.iter(SVG + "a")}
    assert list(nodes) == [f"/entities/{n.id}" for n in NEIGHBOURS]

    def distance(href: str) -> float:
        node = nodes[href]
        return float(
            ((float(node.get("cx") or 0) - cx) ** 2 + (float(node.get("cy") or 0) - cy) ** 2) ** 0.5
        )

    assert distance("/entities/ent_union") < distance("/entities/ent_wit")
    assert distance("/entities/ent_wit") < distance("/entities/ent_stam")
    links = [line for line in root.iter(SVG + "line") if line.get("class") == "link"]
    assert len(links) == 2  # the pair with an entity not drawn is left out
    labels = [t.text for t in root.iter(SVG + "text") if t.get("class") == "node-label"]
    assert "Rotterdam Terminal Employ…" in labels  # long names are cut
    assert "Havenbond: 6 articles" in (root.find(SVG + "desc").text or "")  # type: ignore[union-attr]
    # Deterministic: the same data, the same bytes.
    assert neighbour_graph.svg("Ruud Kersten", "person", NEIGHBOURS, pairs) == (
        neighbour_graph.svg("Ruud Kersten", "person", NEIGHBOURS, pairs)
    )


def test_neighbour_graph_of_nobody_draws_nothing() -> None:
    assert neighbour_graph.svg("Ruud Kersten", "person", []) == ""


def place(id_: str, name: str, articles: int) -> KeyEntity:
    return KeyEntity(id_, "place", name, None, articles)


def test_map_places_cities_and_countries_and_names_the_rest() -> None:
    placed, unplaced = place_map.locate(
        [
            place("p1", "Rotterdam", 7),
            place("p2", "Europe", 5),
            place("p3", "Antwerp", 5),
            place("p4", "Netherlands", 3),
            place("p5", "Hook of Holland", 3),
        ]
    )
    where = {p.name: (p.kind, p.country, round(p.lat), round(p.lon)) for p in placed}
    assert where["Rotterdam"] == ("city", "NL", 52, 4)  # not Rotterdam, New York
    assert where["Antwerp"] == ("city", "BE", 51, 4)
    assert where["Netherlands"][:2] == ("country", "NL")
    assert unplaced == ["Europe", "Hook of Holland"]
    root = parse(place_map.svg(placed))
    shaded = [p for p in root.iter(SVG + "path") if "mentioned" in (p.get("class") or "")]
    assert [p.find(SVG + "title").text for p in shaded] == ["The Netherlands"]  # type: ignore[union-attr]
    labels = {t.text for t in root.iter(SVG + "text")}
    assert {"Rotterdam", "Antwerp"} <= labels
    assert "GeoNames" in (root.find(SVG + "desc").text or "")  # type: ignore[union-attr]


def test_map_takes_the_namesake_near_the_other_places() -> None:
    # Two cities called Valencia: in Spain and in Venezuela; Madrid decides.
    placed, _ = place_map.locate([place("p1", "Valencia", 4), place("p2", "Madrid", 2)])
    assert {p.name: p.country for p in placed} == {"Valencia": "ES", "Madrid": "ES"}
    placed, _ = place_map.locate([place("p1", "Valencia", 4), place("p2", "Caracas", 2)])
    assert {p.name: p.country for p in placed} == {"Valencia": "VE", "Caracas": "VE"}


@pytest.mark.parametrize("names", [[], ["Elqui Valley"]])
def test_map_without_a_known_place_draws_nothing(names: list[str]) -> None:
    placed, unplaced = place_map.locate([place(f"p{i}", n, 1) for i, n in enumerate(names)])
    assert place_map.svg(placed) == "" and unplaced == names


def test_names_from_articles_are_text_in_every_picture() -> None:
    hostile = "<script>alert(1)</script> & Sons"
    graph = neighbour_graph.svg(hostile, "person", [Neighbour("ent_x", hostile, "person", 2)])
    timeline = event_chart.svg([event("e1", hostile, "happened", "2025-03-10")])
    coverage = coverage_chart.svg(coverage_chart.grid([("2025-03-10", hostile)]))
    for markup in (graph, timeline, coverage):
        assert "<script>" not in markup
        root = parse(markup)
        assert any(hostile in (t.text or "") for t in root.iter())
