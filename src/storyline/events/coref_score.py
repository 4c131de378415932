"""Coreference scores of a clustering against a key: MUC, B-cubed, CEAF-e and CoNLL F1.

The definitions are those of the reference scorer (Pradhan et al. 2014, "Scoring
Coreference Partitions of Predicted Mentions"), so that figures compare with the
literature: MUC counts links (Vilain et al. 1995), B-cubed mentions (Bagga and Baldwin
1998), CEAF-e aligns key and response chains one to one for the largest total similarity
``2|K∩R| / (|K| + |R|)`` (Luo 2005); CoNLL F1 is the mean of the three F1s. A mention may
be in the key only or in the response only (predicted mentions): it counts as missed or as
spurious, as the reference scorer counts it.

A partition is a mapping ``mention id -> chain label``; labels only group, their values do
not matter. Pure Python with numpy for the alignment; no scorer package is needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Partition = Mapping[str, Hashable]


@dataclass(frozen=True, slots=True)
class RecallPrecision:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: RecallPrecision
    bcubed: RecallPrecision
    ceafe: RecallPrecision

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.bcubed.f1 + self.ceafe.f1) / 3


def chains(partition: Partition) -> list[frozenset[str]]:
    """The chains of a partition, in the order their labels first appear."""
    grouped: dict[Hashable, set[str]] = defaultdict(set)
    for mention, label in partition.items():
        grouped[label].add(mention)
    return [frozenset(members) for members in grouped.values()]


def score(key: Partition, response: Partition) -> CorefScores:
    """All three metrics of ``response`` against ``key``."""
    key_chains, response_chains = chains(key), chains(response)
    return CorefScores(
        muc=muc(key_chains, response_chains),
        bcubed=bcubed(key_chains, response_chains),
        ceafe=ceafe(key_chains, response_chains),
    )


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_recall(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> float:
    """Links of ``key`` kept: each chain loses one link per extra piece ``response`` cuts it
    into; a mention the response does not have is a piece of its own."""
    label = {mention: index for index, chain in enumerate(response) for mention in chain}
    kept = needed = 0
    for chain in key:
        pieces = {label.get(mention, ("alone", mention)) for mention in chain}
        kept += len(chain) - len(pieces)
        needed += len(chain) - 1
    return _ratio(kept, needed)


def muc(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> RecallPrecision:
    return RecallPrecision(_muc_recall(key, response), _muc_recall(response, key))


def _bcubed_recall(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> float:
    label = {mention: index for index, chain in enumerate(response) for mention in chain}
    total = 0.0
    for chain in key:
        overlaps: dict[int, int] = defaultdict(int)
        for mention in chain:
            if mention in label:
                overlaps[label[mention]] += 1
        total += sum(n * n for n in overlaps.values()) / len(chain)
    return _ratio(total, sum(len(chain) for chain in key))


def bcubed(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> RecallPrecision:
    return RecallPrecision(_bcubed_recall(key, response), _bcubed_recall(response, key))


def ceafe(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> RecallPrecision:
    """CEAF with the entity similarity phi-4, aligned optimally component by component.

    Only chains that share a mention can gain from being aligned, so the alignment is solved
    separately on each connected group of key and response chains: small problems, even for
    a whole corpus.
    """
    label = {mention: index for index, chain in enumerate(response) for mention in chain}
    overlaps: dict[tuple[int, int], int] = defaultdict(int)
    for k, chain in enumerate(key):
        for mention in chain:
            if mention in label:
                overlaps[k, label[mention]] += 1
    parent = list(range(len(key) + len(response)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for k, r in overlaps:
        parent[root(k)] = root(len(key) + r)
    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for k, r in overlaps:
        groups[root(k)][0].append(k)
        groups[root(k)][1].append(r)
    total = 0.0
    for keys, responses in groups.values():
        rows, columns = sorted(set(keys)), sorted(set(responses))
        similarity = np.zeros((len(rows), len(columns)))
        for i, k in enumerate(rows):
            for j, r in enumerate(columns):
                shared = overlaps.get((k, r), 0)
                similarity[i, j] = 2 * shared / (len(key[k]) + len(response[r]))
        total += best_assignment(similarity)
    return RecallPrecision(_ratio(total, len(key)), _ratio(total, len(response)))


def best_assignment(weights: npt.NDArray[np.float64]) -> float:
    """The largest total weight of a one-to-one matching of rows to columns (Hungarian
    method, shortest augmenting paths; each step vectorised over the columns)."""
    if weights.size == 0:
        return 0.0
    if weights.shape[0] > weights.shape[1]:
        weights = weights.T
    rows, columns = weights.shape
    if rows == 1:
        return float(weights.max())
    cost = -weights
    u = np.zeros(rows + 1)
    v = np.zeros(columns + 1)
    owner = np.zeros(columns + 1, dtype=np.int64)  # the row matched to each column (1-based)
    way = np.zeros(columns + 1, dtype=np.int64)
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack = np.full(columns + 1, np.inf)
        used = np.zeros(columns + 1, dtype=bool)
        while True:
            used[column] = True
            current = owner[column]
            free = ~used
            free[0] = False
            reduced = cost[current - 1] - u[current] - v[1:]
            candidates = free[1:] & (reduced < slack[1:])
            slack[1:][candidates] = reduced[candidates]
            way[1:][candidates] = column
            masked = np.where(free, slack, np.inf)
            nearest = int(np.argmin(masked))
            delta = masked[nearest]
            u[owner[used]] += delta
            v[used] -= delta
            slack[free] -= delta
            column = nearest
            if owner[column] == 0:
                break
        while column:
            previous = int(way[column])
            owner[column] = owner[previous]
            column = previous
    matched = owner[1:] > 0
    return float(weights[owner[1:][matched] - 1, np.flatnonzero(matched)].sum())
