"""Storyline's dedup against datasketch's MinHashLSH on the edited-copy set, in one run.

Both systems read the same clean texts (``clean_article``, as the text layer makes them).

- **Storyline**: the dedup stage's decisions without the store: ``compute_keys`` ->
  ``bucket_keys`` -> every pair sharing a bucket or an exact key (``lsh.self_pairs``: the
  candidates the stage's bucket index gives for one block holding the whole set) ->
  ``verify`` -> groups = connected components of the verified links (as
  ``dedup.groups``). ``copies`` counts exact and near links only; ``all links`` also
  rewrites, which the stage folds too.
- **datasketch**: ``MinHash(num_perm=128, seed=1)`` over the word shingles (5 words as
  Storyline's near keys, and 3 words), ``MinHashLSH(threshold=t)``, query then insert per
  document; every pair a query returns is folded, groups are connected components (the
  usual "MinHashLSH dedup" recipe).

Scores: pairwise precision / recall / F1 over the copy families (positives: pairs of one
family; a folded pair across families is a false positive), per split; the share of
same-event pairs (ECB+, different articles of one sub-topic and their copies) and of
template pairs (Reuters notices of different companies) folded.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from bench.dedup_data import pair_key
from bench.dedup_edited import EditedSet
from bench.report import Row

DATASKETCH_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
DATASKETCH_SHINGLES = (5, 3)
SPLITS = ("ecb-train", "ecb-dev", "reuters")
SPLIT_NOTE = {
    "ecb-train": "tuned on (thresholds fitted here)",
    "ecb-dev": "held back (unseen)",
    "reuters": "unseen",
}


@dataclass(frozen=True, slots=True)
class Result:
    system: str
    pairs: frozenset[tuple[str, str]]  # folded pairs
    seconds: float
    kinds: dict[tuple[str, str], str]  # link kinds (Storyline only)


def clean_texts(documents: Iterable[Any]) -> dict[str, str]:
    from storyline.clean.article import clean_article

    return {d.id: clean_article(d.text, d.title).text for d in documents}


def _components(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    root = {doc: doc for doc in ids}

    def find(doc: str) -> str:
        while root[doc] != doc:
            root[doc] = root[root[doc]]
            doc = root[doc]
        return doc

    for a, b in links:
        root[find(a)] = find(b)
    members: dict[str, list[str]] = {}
    for doc in ids:
        members.setdefault(find(doc), []).append(doc)
    return frozenset(
        pair_key(a, b) for group in members.values() for a, b in combinations(sorted(group), 2)
    )


def storyline_links(texts: dict[str, str]) -> tuple[dict[tuple[str, str], str], float]:
    """Verified links of the dedup stage's decision chain over all ``texts`` at once."""
    from storyline.dedup.keys import bucket_keys, compute_keys
    from storyline.dedup.lsh import self_pairs
    from storyline.dedup.verify import verify

    started = time.perf_counter()
    ids = list(texts)
    keys = compute_keys([(doc, texts[doc]) for doc in ids])
    buckets = bucket_keys(keys)
    with_words = [n for n, k in enumerate(keys) if k.words]
    pairs = {tuple(p) for p in self_pairs(with_words, buckets[with_words]).tolist()}
    by_exact: dict[str, list[int]] = {}
    for n in with_words:
        by_exact.setdefault(keys[n].exact_key, []).append(n)
    for members in by_exact.values():
        pairs.update(combinations(members, 2))
    links = {}
    for a, b in sorted(pairs):
        verdict = verify(keys[a], keys[b], texts[ids[a]], texts[ids[b]])
        if verdict is not None:
            links[pair_key(ids[a], ids[b])] = verdict.kind
    return links, time.perf_counter() - started


def storyline_results(texts: dict[str, str]) -> list[Result]:
    links, seconds = storyline_links(texts)
    ids = list(texts)
    copies = [pair for pair, kind in links.items() if kind != "rewrite"]
    return [
        Result("storyline dedup: exact + near links", _components(ids, copies), seconds, links),
        Result(
            "storyline dedup: all links (as the stage folds)",
            _components(ids, links),
            seconds,
            links,
        ),
    ]


def datasketch_results(
    texts: dict[str, str],
    sizes: Sequence[int] = DATASKETCH_SHINGLES,
    thresholds: Sequence[float] = DATASKETCH_THRESHOLDS,
) -> list[Result]:
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]  # no stubs

    from storyline.text.tokens import words

    ids = list(texts)
    results = []
    for size in sizes:
        started = time.perf_counter()
        shingles = []
        for doc in ids:
            tokens = words(texts[doc])
            grams = (
                {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}
                if len(tokens) >= size
                else ({" ".join(tokens)} if tokens else set())
            )
            shingles.append(sorted(g.encode("utf-8") for g in grams))
        minhashes = list(MinHash.generator(shingles, num_perm=128, seed=1))
        signed = time.perf_counter() - started
        for threshold in thresholds:
            started = time.perf_counter()
            lsh = MinHashLSH(threshold=threshold, num_perm=128)
            links = []
            for number, minhash in enumerate(minhashes):
                if not shingles[number]:
                    continue
                links += [(ids[other], ids[number]) for other in lsh.query(minhash)]
                lsh.insert(number, minhash, check_duplication=False)
            results.append(
                Result(
                    f"datasketch MinHashLSH, {size}-word shingles, threshold {threshold}",
                    _components(ids, links),
                    signed + time.perf_counter() - started,
                    {},
                )
            )
    return results


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    true_positives: int
    positives: int
    folded_same_event: int  # pairs of different original articles of one event
    same_event: int
    folded_event_copies: int  # the same, and the pairs their copies make
    event_copies: int
    folded_templates: int
    templates: int


def score(labelled: EditedSet, folded: frozenset[tuple[str, str]], split: str | None) -> Scores:
    """Pairwise scores over the documents of one split (all splits when ``None``)."""
    positives = {p for p, where in labelled.positives().items() if split in (None, where)}
    inside = {
        d for d, original in labelled.family.items() if split in (None, labelled.split[original])
    }
    predicted = {p for p in folded if p[0] in inside and p[1] in inside}
    if split is None:
        # Template notices are scored as their own negatives, not as copy negatives.
        templates = {d for d, o in labelled.family.items() if labelled.split[o] == "template"}
        predicted = {p for p in predicted if p[0] not in templates and p[1] not in templates}
    hits = len(predicted & positives)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(positives) if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    events = [(a, b) for a, b, where in labelled.same_event if split in (None, where)]
    originals = [(a, b) for a, b in events if labelled.family[a] == a and labelled.family[b] == b]
    return Scores(
        precision,
        recall,
        f1,
        hits,
        len(positives),
        sum(1 for p in originals if p in folded),
        len(originals),
        sum(1 for p in events if p in folded),
        len(events),
        sum(1 for p in labelled.templates if p in folded) if split in (None, "reuters") else 0,
        len(labelled.templates) if split in (None, "reuters") else 0,
    )


def recall_by_variant(labelled: EditedSet, folded: frozenset[tuple[str, str]]) -> dict[str, float]:
    """Share of original-copy pairs folded, per kind of copy."""
    found: dict[str, list[int]] = {}
    for copy, kind in labelled.variant.items():
        tally = found.setdefault(kind, [0, 0])
        tally[1] += 1
        tally[0] += pair_key(copy, labelled.family[copy]) in folded
    return {kind: hit / total for kind, (hit, total) in sorted(found.items())}


def edited_rows(labelled: EditedSet, log: Any) -> list[Row]:
    log(f"dedup edited: {len(labelled.documents)} documents; cleaning ...")
    texts = clean_texts(labelled.documents)
    log("dedup edited: storyline ...")
    results = storyline_results(texts)
    log("dedup edited: datasketch ...")
    results += datasketch_results(texts)
    rows = []
    for result in results:
        overall = score(labelled, result.pairs, None)
        variants = ", ".join(
            f"{k} {v:.0%}" for k, v in recall_by_variant(labelled, result.pairs).items()
        )
        log(
            f"  {result.system}: F1 {overall.f1:.3f} (P {overall.precision:.3f} "
            f"R {overall.recall:.3f}); same event {overall.folded_same_event}/"
            f"{overall.same_event} (with copies {overall.folded_event_copies}/"
            f"{overall.event_copies}); templates {overall.folded_templates}/{overall.templates}; "
            f"original-copy recall: {variants}"
        )
        for split in (None, *SPLITS):
            s = score(labelled, result.pairs, split)
            name = f"e-edited ({split}: {SPLIT_NOTE[split]})" if split else "e-edited (all)"
            extra = [
                ("pairs", str(s.positives)),
                ("P", f"{s.precision:.3f}"),
                ("R", f"{s.recall:.3f}"),
                ("F1", f"{s.f1:.3f}"),
            ]
            if s.same_event:
                rate = s.folded_same_event / s.same_event
                extra.append(("same event folded", f"{s.folded_same_event} ({rate:.2%})"))
                rate = s.folded_event_copies / s.event_copies
                extra.append(
                    ("... with copies", f"{s.folded_event_copies}/{s.event_copies} ({rate:.2%})")
                )
            if s.templates:
                rate = s.folded_templates / s.templates
                extra.append(("templates folded", f"{s.folded_templates} ({rate:.2%})"))
            note = "; ".join((f"original-copy recall: {variants}", *labelled.notes))
            docs = sum(
                1
                for d, o in labelled.family.items()
                if split in (None, labelled.split[o])
                or (split == "reuters" and labelled.split[o] == "template")
            )
            rows.append(
                Row(
                    "dedup",
                    name,
                    result.system,
                    docs,
                    result.seconds,
                    None,
                    note,
                    extra=tuple(extra),
                )
            )
    return rows
