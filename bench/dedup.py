"""Dedup: accuracy on labelled real articles, speed against datasketch, docs/s at scale.

``python -m bench dedup [--part accuracy|edited|speed|scale] [--sizes 10000,100000,1000000]``

- **accuracy**: each set of :mod:`bench.dedup_data` is written as JSON Lines to a temporary
  folder and run through Storyline end to end (``storyline.runner.run``, 2 workers); the
  groups are read back from the store (group = ``coalesce(duplicate_of, id)``) and scored
  pairwise against the labels: precision / recall / F1 for (a), (b), (a)+(b) and (c); the
  share of hard-negative pairs wrongly folded for (d); how often the predicted kind
  (``duplicate_kind``) matches the label.
- **edited**: the edited-copy set of :mod:`bench.dedup_edited` (paragraphs cut and swapped,
  8 % of the words replaced, short versions; same-event and template negatives), Storyline
  against datasketch's MinHashLSH at several thresholds in the same run
  (:mod:`bench.dedup_compare`).
- **speed**: on all Reuters-21578 articles with a body: ``storyline run`` end to end, the
  dedup stage alone over the filled store, the exact + near library pieces
  (``shingle_hashes`` -> ``MinHasher.signatures`` -> LSH bands), and datasketch
  (``MinHash`` + ``MinHashLSH``, query + insert per document) on the same clean texts, the
  same word 5-shingles (as strings, or as Storyline's uint32 hashes), 128 permutations,
  seed 1 and Storyline's bands. Each in a fresh interpreter (``bench/measure.py``).
- **scale**: docs/s and peak memory at 10k, 100k and 1M articles made by perturbing real
  ones (``--sizes``), for the library pieces and for the dedup stage over a SQLite store.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from bench import dedup_data
from bench.dedup_data import LabelledSet, Pair, pair_key, write_jsonl
from bench.measure import Timed, isolated
from bench.report import Row

PACKAGES = ("storyline", "datasketch", "numpy")
NOTES = (
    "Accuracy: pairwise over the documents of each set run together through `storyline run` "
    "(2 workers): a predicted pair is two documents in one group (coalesce(duplicate_of, id)). "
    "P/R/F1 against the labels of bench/dedup_data.py (exact: same normalised words; near: "
    "exact word 5-shingle Jaccard >= 0.5 or >= 80% of the shorter text's shingles in the "
    "longer; rewrite: generated paraphrase). For (d), 'wrong folds' is the share of the "
    "labelled hard-negative pairs put in one group. 'kind ok': share of found pairs whose "
    "duplicate_kind equals the label.",
    "Speed and scale: peak MB is the peak resident set of a fresh interpreter running only "
    "that system (see the ingest notes); seconds cover only the timed calls named per row. "
    "CPU s: user + system CPU seconds over the same spans (with a run's pool workers): on a "
    "shared machine the wall clock also counts waiting for a core, so compare CPU s when the "
    "load average is above the cores.",
)

KIND_RANK = {"exact": 3, "near": 2, "rewrite": 1}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--part",
        action="append",
        choices=("accuracy", "edited", "speed", "scale"),
        help="what to run (repeatable; default: all four)",
    )
    parser.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        help="document counts for the scale part, comma-separated (default: 10k,100k,1M)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each speed system on Reuters; the fastest is reported (default 3)",
    )
    parser.add_argument(
        "--stage-max",
        type=int,
        default=100_000,
        help="largest size at which the scale part also runs the SQLite dedup stage",
    )


def main(args: argparse.Namespace) -> list[Row]:
    parts = set(getattr(args, "part", None) or ("accuracy", "edited", "speed", "scale"))
    workdir = Path(tempfile.mkdtemp(prefix="storyline-bench-dedup-"))
    rows: list[Row] = []
    try:
        if "accuracy" in parts:
            sets = dedup_data.ci_sets() if args.limit else dedup_data.benchmark_sets()
            rows += accuracy_rows(sets, workdir)
        if "edited" in parts:
            from bench import dedup_compare, dedup_edited

            rows += dedup_compare.edited_rows(dedup_edited.build(), _log)
        if "speed" in parts or "scale" in parts:
            if "speed" in parts:
                texts = _reuters_clean_texts(workdir, args.limit, rows)
            else:
                texts = _reuters_raw_texts(workdir)
            if "speed" in parts:
                rows += speed_rows(texts, workdir, max(1, int(getattr(args, "repeat", 1))))
            if "scale" in parts:
                sizes = [int(s) for s in str(getattr(args, "sizes", "")).split(",") if s]
                if args.limit:
                    sizes = [min(s, args.limit) for s in sizes]
                rows += scale_rows(texts, sizes, int(getattr(args, "stage_max", 0)), workdir)
        return rows
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# Accuracy ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Grouping:
    """Storyline's answer for one set: each document's group, kind, and whether canonical."""

    group: dict[str, str]  # external id -> external id of its group's canonical document
    kind: dict[str, str | None]
    seconds: float
    # external id -> external id of the member it was linked to as a copy (``derived_from``)
    parent: dict[str, str] = field(default_factory=dict)
    # every verified link: (external id, external id, kind)
    links: tuple[tuple[str, str, str], ...] = ()

    def copies(self) -> Grouping:
        """The groups that exact and near links alone make (rewrite links left out): what
        the copy labels of (a) and (b) describe. A rewrite is another claim, scored on (c)
        and (d)."""
        root = {doc: doc for doc in self.group}

        def find(doc: str) -> str:
            while root[doc] != doc:
                root[doc] = root[root[doc]]
                doc = root[doc]
            return doc

        for a, b, kind in self.links:
            if kind in {"exact", "near"} and a in root and b in root:
                root[find(a)] = find(b)
        group = {doc: find(doc) for doc in self.group}
        kind = {doc: (k if k != "rewrite" else None) for doc, k in self.kind.items()}
        return Grouping(group, kind, self.seconds, {}, self.links)

    def pairs(self) -> Iterator[tuple[str, str]]:
        members: dict[str, list[str]] = {}
        for doc, group in self.group.items():
            members.setdefault(group, []).append(doc)
        for group_members in members.values():
            for a, b in combinations(sorted(group_members), 2):
                yield pair_key(a, b)

    def sizes(self) -> Counter[int]:
        """How many groups of each size (2 and more)."""
        counts = Counter(self.group.values())
        return Counter(n for n in counts.values() if n > 1)

    def pair_kind(self, a: str, b: str) -> str | None:
        """The link kind Storyline gives a pair: the kind of the member derived from the
        other; else the non-canonical member's kind; else the weaker of the two."""
        if self.parent.get(b) == a:
            return self.kind.get(b)
        if self.parent.get(a) == b:
            return self.kind.get(a)
        if self.group.get(a) == a:
            return self.kind.get(b)
        if self.group.get(b) == b:
            return self.kind.get(a)
        kinds = [k for k in (self.kind.get(a), self.kind.get(b)) if k]
        return min(kinds, key=lambda k: KIND_RANK.get(k, 0)) if kinds else None


def run_storyline(labelled: LabelledSet, workdir: Path, workers: int = 2) -> Grouping:
    """Run Storyline end to end on the set's documents; read the groups back."""
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    folder = workdir / labelled.name
    folder.mkdir(parents=True, exist_ok=True)
    inputs = folder / "documents.jsonl"
    write_jsonl(labelled.documents, inputs)
    started = time.perf_counter()
    with Store(folder / "store.db") as store:
        summary = run([str(inputs)], store, RunOptions(workers=workers))
        seconds = time.perf_counter() - started
        for problem in summary.problems:
            if problem.severity == "error":
                # Counted, not fatal: the document is missing from the groups, so its
                # labelled pairs count as not found (positives) or not folded (negatives).
                _log(f"  {labelled.name}: {problem.source}: {problem.kind}: {problem.message}")
        rows = list(
            store.rows(
                "SELECT id, external_id, duplicate_of, duplicate_kind, duplicate_score, "
                "derived_from FROM documents WHERE superseded_by IS NULL"
            )
        )
        link_rows = list(store.rows("SELECT a, b, kind FROM dedup_links"))
    external = {row["id"]: row["external_id"] for row in rows}
    links = tuple(
        (external[row["a"]], external[row["b"]], row["kind"])
        for row in link_rows
        if row["a"] in external and row["b"] in external
    )
    group = {}
    kind = {}
    parent = {}
    for row in rows:
        canonical = row["duplicate_of"] or row["id"]
        group[row["external_id"]] = external.get(canonical, row["external_id"])
        kind[row["external_id"]] = row["duplicate_kind"]
        if row["derived_from"] in external:
            parent[row["external_id"]] = external[row["derived_from"]]
    return Grouping(group, kind, seconds, parent, links)


@dataclass(slots=True)
class Score:
    name: str
    documents: int
    labelled: int = 0  # positives (a-c) or hard negatives (d)
    predicted: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    folded: int = 0  # (d): labelled negatives put in one group
    other_folds: int = 0  # (d): other pairs of the set put in one group
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, predicted)
    split_folds: dict[str, tuple[int, int]] = field(default_factory=dict)
    groups: Counter[int] = field(default_factory=Counter)  # predicted group sizes
    missed: list[Pair] = field(default_factory=list)
    wrong: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fold_rate(self) -> float:
        return self.folded / self.labelled if self.labelled else 0.0

    @property
    def kind_agreement(self) -> float:
        total = sum(self.kinds.values())
        return (
            sum(n for (label, got), n in self.kinds.items() if label == got) / total
            if total
            else 1.0
        )

    def plus(self, other: Score, name: str) -> Score:
        return Score(
            name,
            self.documents + other.documents,
            self.labelled + other.labelled,
            self.predicted + other.predicted,
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
            kinds=self.kinds + other.kinds,
        )


def score(labelled: LabelledSet, grouping: Grouping) -> Score:
    """Pairwise comparison of Storyline's groups with the labels of one set."""
    result = Score(labelled.name, len(labelled.documents))

    def scored(key: tuple[str, str]) -> bool:
        return (
            key not in labelled.ignored
            and key[0] not in labelled.unscored
            and key[1] not in labelled.unscored
        )

    predicted = {key for key in grouping.pairs() if scored(key)}
    result.predicted = len(predicted)
    listed = {p.key: p for p in labelled.pairs}
    if labelled.category.startswith("d-"):
        result.labelled = len(listed)
        splits: dict[str, list[int]] = {}
        for key, pair in listed.items():
            tally = splits.setdefault(pair.split or "all", [0, 0])
            tally[1] += 1
            if key in predicted:
                result.folded += 1
                tally[0] += 1
                result.wrong.append((*key, grouping.pair_kind(*key)))
        result.other_folds = len(predicted - listed.keys())
        result.split_folds = {k: (v[0], v[1]) for k, v in sorted(splits.items())}
        return result
    gold = {key: p for key, p in listed.items() if p.label != "none"}
    result.labelled = len(gold)
    for key in sorted(predicted):
        match = gold.get(key)
        if match is None:
            result.false_positives += 1
            result.wrong.append((*key, grouping.pair_kind(*key)))
        else:
            result.true_positives += 1
            result.kinds[(match.label, grouping.pair_kind(*key) or "?")] += 1
    result.missed = [p for key, p in gold.items() if key not in predicted]
    result.false_negatives = len(result.missed)
    return result


COPY_SETS = ("a-real", "b-reprint")


def evaluate(
    sets: Sequence[LabelledSet], workdir: Path
) -> list[tuple[LabelledSet, Score, float, Score | None]]:
    """Each set run and scored; for the copy sets also scored on exact + near links alone."""
    out = []
    for labelled in sets:
        _log(f"dedup accuracy: {labelled.name}: {len(labelled.documents)} documents ...")
        grouping = run_storyline(labelled, workdir)
        result = score(labelled, grouping)
        result.groups = grouping.sizes()
        _log(f"  {describe(result)} ({grouping.seconds:.1f}s)")
        for example in _examples(labelled, result):
            _log(f"    {example}")
        copies = None
        if labelled.category in COPY_SETS:
            copy_grouping = grouping.copies()
            copies = score(labelled, copy_grouping)
            copies.name = f"{labelled.name}, copies"
            copies.groups = copy_grouping.sizes()
            _log(f"  exact + near links only: {describe(copies)}")
            for example in _examples(labelled, copies):
                _log(f"    {example}")
        out.append((labelled, result, grouping.seconds, copies))
    return out


def describe(result: Score) -> str:
    if result.name.startswith("d-"):
        splits = ", ".join(f"{k} {f}/{n}" for k, (f, n) in result.split_folds.items())
        return (
            f"{result.folded}/{result.labelled} hard-negative pairs folded "
            f"({result.fold_rate:.2%}; {splits}); other pairs folded: {result.other_folds}"
        )
    kinds = ", ".join(f"{label}->{got} {n}" for (label, got), n in sorted(result.kinds.items()))
    groups = ""
    if result.groups:
        largest = max(result.groups)
        big = sum(n for size, n in result.groups.items() if size > 10)
        groups = (
            f"; {sum(result.groups.values())} predicted groups, largest {largest} documents, "
            f"{big} of more than 10"
        )
    return (
        f"P {result.precision:.3f} R {result.recall:.3f} F1 {result.f1:.3f} "
        f"(tp {result.true_positives}, fp {result.false_positives}, "
        f"fn {result.false_negatives}); kinds: {kinds}{groups}"
    )


def _examples(labelled: LabelledSet, result: Score, count: int = 8) -> list[str]:
    lines = [
        f"missed {p.id_a} {p.id_b} {p.label} J={p.jaccard} C={p.containment}"
        for p in result.missed[:count]
    ]
    lines += [f"wrongly folded {a} {b} as {kind}" for a, b, kind in result.wrong[:count]]
    return lines


def accuracy_rows(sets: Sequence[LabelledSet], workdir: Path) -> list[Row]:
    results = evaluate(sets, workdir)
    rows = []
    by_name = {labelled.name: (result, copies) for labelled, result, _, copies in results}
    seconds_of = {labelled.name: seconds for labelled, _, seconds, _ in results}
    for labelled, result, seconds, copies in results:
        note = "; ".join((describe(result), *labelled.notes))
        if result.name.startswith("d-"):
            for split, (folded, total) in result.split_folds.items():
                name = result.name if split == "all" else f"{result.name} ({split})"
                rows.append(_fold_row(name, result.documents, seconds, folded, total, note))
            if len(result.split_folds) > 1:
                rows.append(
                    _fold_row(
                        result.name, result.documents, seconds, result.folded, result.labelled, note
                    )
                )
        else:
            rows.append(_score_row(result, seconds, note))
            if copies is not None:
                rows.append(_score_row(copies, seconds, describe(copies), COPIES_SYSTEM))
    if "a-real" in by_name and "b-reprint" in by_name:
        seconds = seconds_of["a-real"] + seconds_of["b-reprint"]
        (a, a_copies), (b, b_copies) = by_name["a-real"], by_name["b-reprint"]
        combined = a.plus(b, "(a)+(b)")
        rows.append(_score_row(combined, seconds, describe(combined)))
        if a_copies is not None and b_copies is not None:
            combined = a_copies.plus(b_copies, "(a)+(b), copies")
            rows.append(_score_row(combined, seconds, describe(combined), COPIES_SYSTEM))
    return rows


COPIES_SYSTEM = "storyline run: exact + near links"


def _score_row(
    result: Score, seconds: float, note: str, system: str = "storyline run, 2 workers"
) -> Row:
    return Row(
        "dedup",
        result.name,
        system,
        result.documents,
        seconds,
        None,
        note,
        extra=(
            ("pairs", str(result.labelled)),
            ("P", f"{result.precision:.3f}"),
            ("R", f"{result.recall:.3f}"),
            ("F1", f"{result.f1:.3f}"),
            ("kind ok", f"{result.kind_agreement:.0%}"),
        ),
    )


def _fold_row(name: str, docs: int, seconds: float, folded: int, total: int, note: str) -> Row:
    rate = folded / total if total else 0.0
    return Row(
        "dedup",
        name,
        "storyline run, 2 workers",
        docs,
        seconds,
        None,
        note,
        extra=(("pairs", str(total)), ("wrong folds", f"{folded} ({rate:.2%})")),
    )


# Speed: Reuters-21578, Storyline against datasketch -------------------------------------


def _reuters_clean_texts(workdir: Path, limit: int | None, rows: list[Row] | None) -> Path:
    """Fill a store with Reuters via ``storyline run`` (measured: a row when ``rows`` is
    given) and write the clean texts and the (a) gold pairs for the speed systems."""
    articles = dedup_data.reuters_documents()
    if limit:
        articles = articles[:limit]
    inputs = workdir / "reuters.jsonl"
    write_jsonl(articles, inputs)
    db = workdir / "reuters.db"
    _log(f"dedup speed: storyline run on {len(articles)} Reuters articles ...")
    result = isolated("bench.dedup:storyline_run", inputs=str(inputs), db=str(db), workers=2)
    _log(f"  {result.docs} docs in {result.seconds:.1f}s, {result.details}")
    if rows is not None:
        rows.append(
            Row(
                "dedup",
                "Reuters-21578",
                "storyline run, 2 workers (end to end)",
                result.docs,
                result.seconds,
                round(result.peak_mb, 1),
                "storyline.runner.run into a fresh SQLite store: read, clean, dedup "
                "(exact, near, rewrite), the other global stages, write. Links found: "
                f"{result.details.get('dedup', '')}.",
                extra=(("CPU s", _cpu_cell(result.details)),),
            )
        )
    texts = workdir / "reuters-clean.jsonl"
    from storyline.store import Store

    with Store(db, readonly=True) as store, texts.open("w", encoding="utf-8") as out:
        for row in store.rows(
            "SELECT external_id, text FROM documents WHERE superseded_by IS NULL ORDER BY pk"
        ):
            out.write(json.dumps({"id": row["external_id"], "text": row["text"]}) + "\n")
    gold = dedup_data.real_repeats(bbc_categories=())
    keep = {d.id for d in articles}
    pairs = [[p.id_a, p.id_b] for p in gold.pairs if p.id_a in keep and p.id_b in keep]
    (workdir / "gold.json").write_text(json.dumps(pairs), encoding="utf-8")
    (workdir / "db.path").write_text(str(db), encoding="utf-8")
    return texts


def _reuters_raw_texts(workdir: Path) -> Path:
    """The Reuters texts as read (dateline + body): the scale part's sources, no run needed."""
    texts = workdir / "reuters-raw.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for doc in dedup_data.reuters_documents():
            out.write(json.dumps({"id": doc.id, "text": doc.text}) + "\n")
    return texts


def speed_rows(texts: Path, workdir: Path, repeat: int = 1) -> list[Row]:
    gold = str(workdir / "gold.json")
    db = (workdir / "db.path").read_text(encoding="utf-8")
    plan: list[tuple[str, str, dict[str, Any], str]] = [
        (
            "storyline dedup stage alone",
            "stage_alone",
            {"db": db, "gold": gold},
            "DedupStage.reset then .update over the store filled by the run above: keys, "
            "SQLite bucket index, verification (exact, near and rewrite), groups. One process.",
        ),
        (
            "storyline exact+near (library)",
            "storyline_library",
            {"texts": str(texts), "gold": gold},
            "storyline.dedup pieces on the clean texts in memory, in blocks of 1,000 as the "
            "stage makes them: batch_word_hashes (array tokeniser, word hashes) -> exact key + "
            "shingle_sets -> MinHasher(128, seed 1).signatures_of -> NEAR bands -> in-memory "
            "bucket index, candidate pairs. One process.",
        ),
        (
            "datasketch, shingle strings",
            "datasketch_library",
            {"texts": str(texts), "gold": gold, "variant": "strings"},
            "datasketch MinHash.generator(num_perm=128, seed=1) fed the same word 5-shingle "
            "strings (storyline.text.tokens.words, joined), default sha1_hash32; "
            "MinHashLSH(num_perm=128, params=Storyline's NEAR bands), query then insert per "
            "document. One process.",
        ),
        (
            "datasketch, Storyline's uint32 hashes",
            "datasketch_library",
            {"texts": str(texts), "gold": gold, "variant": "hashes"},
            "As above, but update_batch is fed Storyline's uint32 shingle hashes "
            "(shingle_hashes_of, identity hashfunc): the same MinHash family, so the same "
            "signatures as Storyline's.",
        ),
    ]
    rows = []
    for system, function, kwargs, note in plan:
        runs = []
        for number in range(repeat):
            _log(f"dedup speed: {system} (run {number + 1}/{repeat}) ...")
            runs.append(isolated(f"bench.dedup:{function}", **kwargs))
            _log(f"  {runs[-1].docs} docs in {runs[-1].seconds:.2f}s, {runs[-1].details}")
        result = min(runs, key=lambda r: r.seconds)
        if repeat > 1:
            note += f" Fastest of {repeat} runs ({', '.join(f'{r.seconds:.1f}' for r in runs)} s)."
        details = result.details
        extra = (
            ("CPU s", _cpu_cell(details)),
            ("cand. recall", _pct(details.get("candidate_recall"))),
            ("recall", _pct(details.get("recall"))),
        )
        facts = ", ".join(
            f"{k} {v}"
            for k, v in details.items()
            if k not in {"recall", "candidate_recall", "cpu_seconds"}
        )
        rows.append(
            Row(
                "dedup",
                "Reuters-21578",
                system,
                result.docs,
                result.seconds,
                round(result.peak_mb, 1),
                f"{note} {facts}.",
                extra=extra,
            )
        )
    return rows


def _cpu_cell(details: dict[str, Any]) -> str:
    value = details.get("cpu_seconds")
    return f"{value:.1f}" if isinstance(value, float) else ""


def _pct(value: object) -> str:
    return f"{value:.1%}" if isinstance(value, float) else ""


def _load_texts(path: str) -> tuple[list[str], list[str]]:
    ids, texts = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            ids.append(record["id"])
            texts.append(record["text"])
    return ids, texts


def _gold_recall(ids: Sequence[str], gold_file: str, found: Iterable[tuple[int, int]]) -> float:
    gold = {pair_key(a, b) for a, b in json.loads(Path(gold_file).read_text(encoding="utf-8"))}
    hits = {pair_key(ids[a], ids[b]) for a, b in found} & gold
    return len(hits) / len(gold) if gold else 1.0


def _verified(
    candidates: Iterable[tuple[int, int]], signatures: Any, shingles: Sequence[int]
) -> list[tuple[int, int]]:
    """Candidates whose signatures pass Storyline's near rule (estimated Jaccard >= 0.5, or
    estimated containment >= 0.8): the same check for both systems, untimed."""
    import numpy as np

    out = []
    for a, b in candidates:
        similarity = float(np.count_nonzero(signatures[a] == signatures[b])) / signatures.shape[1]
        small = min(shingles[a], shingles[b])
        shared = similarity / (1 + similarity) * (shingles[a] + shingles[b])
        if similarity >= 0.5 or (small >= 10 and shared / small >= 0.8):
            out.append((a, b))
    return out


# Measured functions: each runs in its own interpreter via bench.measure ---------------------


def _cpu() -> float:
    """CPU seconds of this process and its finished children (a run's pool workers): on a
    shared machine the wall clock also counts waiting for a core, CPU time does not."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def storyline_run(inputs: str, db: str, workers: int) -> Timed:
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    started, cpu = time.perf_counter(), _cpu()
    with Store(db) as store:
        summary = run([inputs], store, RunOptions(workers=workers))
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    found = summary.counters.as_dict().get("dedup", {}).get("found", {})
    return Timed(
        summary.inputs, seconds, workers=workers, details={"dedup": found, "cpu_seconds": cpu}
    )


def stage_alone(db: str, gold: str) -> Timed:
    from storyline.dedup import DedupStage
    from storyline.pipeline import Counters
    from storyline.store import Store

    stage = DedupStage()
    counters = Counters()
    problems: list[Any] = []
    with Store(db) as store:
        stage.reset(store)
        docs = store.count_documents()
        started, cpu = time.perf_counter(), _cpu()
        stage.update(store, [], [], counters, problems)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        rows = list(
            store.rows(
                "SELECT id, external_id, duplicate_of FROM documents WHERE superseded_by IS NULL"
            )
        )
    external = {r["id"]: r["external_id"] for r in rows}
    groups: dict[str, list[str]] = {}
    for r in rows:
        groups.setdefault(external.get(r["duplicate_of"] or r["id"], r["id"]), []).append(
            r["external_id"]
        )
    ids = sorted(external.values())
    position = {doc: i for i, doc in enumerate(ids)}
    found = [
        (position[a], position[b])
        for members in groups.values()
        for a, b in combinations(members, 2)
    ]
    found_counts = counters.as_dict().get("dedup", {}).get("found", {})
    return Timed(
        docs,
        seconds,
        details={
            "recall": _gold_recall(ids, gold, found),
            "links": found_counts,
            "cpu_seconds": cpu,
        },
    )


def storyline_library(texts: str, gold: str) -> Timed:
    import numpy as np

    from storyline.dedup.lsh import NEAR, MemoryIndex, self_pairs
    from storyline.dedup.minhash import MinHasher
    from storyline.dedup.shingles import shingle_sets
    from storyline.dedup.tokens import batch_word_hashes, exact_key_of_hashes

    ids, documents = _load_texts(texts)
    hasher = MinHasher(num_perm=128, seed=1)
    started, cpu = time.perf_counter(), _cpu()
    exact: dict[str, list[int]] = {}
    values, counts = [], []
    # Blocks as the dedup stage makes them (DedupStage: 1,000 documents per batch).
    for first in range(0, len(documents), 1000):
        block = batch_word_hashes(documents[first : first + 1000])
        ends = np.cumsum(block.counts).tolist()
        for number, (begin, end) in enumerate(zip([0, *ends[:-1]], ends, strict=True)):
            key = exact_key_of_hashes(block.hashes[begin:end])
            exact.setdefault(key, []).append(first + number)
        shingles = shingle_sets(block)
        values.append(shingles.values)
        counts.append(shingles.counts)
    shingled = time.perf_counter()
    signatures = hasher.signatures_of(np.concatenate(values), np.concatenate(counts))
    signed = time.perf_counter()
    # Query then insert, block by block, as the stage and datasketch's loop do.
    index = MemoryIndex()
    found = []
    for first in range(0, len(documents), 1000):
        numbers = list(range(first, min(first + 1000, len(documents))))
        keys = NEAR.keys(signatures[first : first + 1000])
        found += [index.pairs(numbers, keys), self_pairs(numbers, keys)]
        index.add(numbers, keys)
    candidates = {(min(a, b), max(a, b)) for a, b in np.concatenate(found).tolist()}
    for group in exact.values():
        candidates.update(combinations(group, 2))
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    verified = _verified(sorted(candidates), signatures, np.concatenate(counts).tolist())
    return _library_timing(
        ids, gold, len(documents), (started, shingled, signed), seconds, cpu, candidates, verified
    )


def _library_timing(
    ids: Any,
    gold: Any,
    count: int,
    marks: tuple[float, float, float],
    seconds: float,
    cpu: float,
    candidates: Any,
    verified: Any,
) -> Timed:
    """One row's timing details, the same for Storyline's pieces and datasketch."""
    started, shingled, signed = marks
    return Timed(
        count,
        seconds,
        details={
            "shingle_s": round(shingled - started, 2),
            "minhash_s": round(signed - shingled, 2),
            "lsh_s": round(seconds - (signed - started), 2),
            "candidates": len(candidates),
            "candidate_recall": _gold_recall(ids, gold, candidates),
            "recall": _gold_recall(ids, gold, verified),
            "cpu_seconds": cpu,
        },
    )


def datasketch_library(texts: str, gold: str, variant: str) -> Timed:
    import numpy as np
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]  # no stubs

    from storyline.dedup.lsh import NEAR
    from storyline.dedup.shingles import SHINGLE_SIZE, shingle_hashes_of
    from storyline.text.tokens import words

    ids, documents = _load_texts(texts)
    started, cpu = time.perf_counter(), _cpu()
    inputs: list[Any] = []
    for text in documents:
        tokens = words(text)
        if variant == "hashes":
            inputs.append(shingle_hashes_of(tokens).tolist())
        else:
            inputs.append(
                sorted({s.encode("utf-8") for s in _shingle_strings(tokens, SHINGLE_SIZE)})
            )
    shingled = time.perf_counter()
    options: dict[str, Any] = {"num_perm": 128, "seed": 1}
    if variant == "hashes":
        options["hashfunc"] = int
    minhashes = list(MinHash.generator(inputs, **options))
    signed = time.perf_counter()
    lsh = MinHashLSH(num_perm=128, params=(NEAR.bands, NEAR.rows))
    candidates: set[tuple[int, int]] = set()
    for number, minhash in enumerate(minhashes):
        for other in lsh.query(minhash):
            candidates.add((other, number))
        lsh.insert(number, minhash, check_duplication=False)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    signatures = np.stack([m.hashvalues for m in minhashes])
    shingles = [len(i) for i in inputs]
    verified = _verified(sorted(candidates), signatures, shingles)
    return _library_timing(
        ids, gold, len(documents), (started, shingled, signed), seconds, cpu, candidates, verified
    )


def _shingle_strings(tokens: Sequence[str], size: int) -> list[str]:
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


# Scale: perturbed copies of real articles ---------------------------------------------------


def scale_rows(texts: Path, sizes: Sequence[int], stage_max: int, workdir: Path) -> list[Row]:
    rows = []
    for size in sizes:
        plan: list[tuple[str, str, dict[str, Any]]] = [
            ("storyline exact+near (library), streamed", "scale_library", {})
        ]
        if size <= stage_max:
            plan.append(
                (
                    "storyline dedup stage (SQLite)",
                    "scale_stage",
                    {"db": str(workdir / f"scale-{size}.db")},
                )
            )
        for system, function, extra in plan:
            _log(f"dedup scale: {system}, {size} documents ...")
            result = isolated(f"bench.dedup:{function}", texts=str(texts), size=size, **extra)
            _log(f"  {result.docs} docs in {result.seconds:.1f}s, {result.details}")
            facts = ", ".join(f"{k} {v}" for k, v in result.details.items() if k != "cpu_seconds")
            rows.append(
                Row(
                    "dedup",
                    f"perturbed Reuters, {size:,}",
                    system,
                    result.docs,
                    result.seconds,
                    round(result.peak_mb, 1),
                    f"{_SCALE_NOTES[function]} {facts}.",
                    extra=(("CPU s", _cpu_cell(result.details)),),
                )
            )
    return rows


_SCALE_NOTES = {
    "scale_library": "Documents made from real Reuters sentences (bench.dedup.perturbed: "
    "new documents of 4-12 sentences of different articles, 5% near copies; generation "
    "untimed), in blocks of 1,000: batch_word_hashes, exact keys, shingle_sets, signatures, NEAR "
    "bands into "
    "one in-memory bucket index (query then add per block). Peak MB includes the index and "
    "all signatures, not the texts (one block at a time).",
    "scale_stage": "The same documents saved to a SQLite store as cleaned documents "
    "(untimed), then DedupStage.update over all of them (timed): keys, bucket index in "
    "SQLite, verification, groups.",
}


def perturbed(texts: str, size: int, seed: int = 11) -> Iterator[tuple[str, str]]:
    """``size`` documents made from real sentences: most are new documents (4-12 sentences
    drawn from different real articles, a few words substituted), one in twenty a near copy
    of a recent one (2% of its words substituted or deleted).

    Every new document mixes sentences of several articles, so, as in a real stream, most
    documents are neither copies nor rewrites of another; the copies are made on purpose.
    """
    import random

    from storyline.text.sentences import sentences, spans

    _, base = _load_texts(texts)
    pool = [text[a:b] for text in base for a, b in spans(sentences(text)) if len(text[a:b]) > 40]
    vocabulary = [w for sentence in pool[:5000] for w in sentence.split()]
    rng = random.Random(seed)
    recent: list[str] = []

    def edit(words: list[str], change: float) -> str:
        out = []
        for word in words:
            roll = rng.random()
            if roll < change * 0.8:
                out.append(rng.choice(vocabulary))
            elif roll >= change:
                out.append(word)
        return " ".join(out)

    for number in range(size):
        if recent and rng.random() < 0.05:
            text = edit(rng.choice(recent).split(), 0.02)
        else:
            drawn = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(4, 12))]
            text = edit(" ".join(drawn).split(), 0.03)
            recent.append(text)
            if len(recent) > 1000:
                recent.pop(0)
        yield f"scale-{number}", text


def scale_library(texts: str, size: int) -> Timed:
    import numpy as np

    from storyline.dedup.lsh import NEAR, MemoryIndex, self_pairs
    from storyline.dedup.minhash import MinHasher
    from storyline.dedup.shingles import shingle_sets
    from storyline.dedup.tokens import batch_word_hashes, exact_key_of_hashes

    hasher = MinHasher(num_perm=128, seed=1)
    index = MemoryIndex()
    exact: dict[str, int] = {}
    signatures = []
    candidates = 0
    seconds = cpu = 0.0
    block: list[tuple[str, str]] = []
    done = 0

    def flush() -> None:
        nonlocal seconds, cpu, candidates, done
        started, cpu_started = time.perf_counter(), _cpu()
        split = batch_word_hashes([text for _, text in block])
        ends = np.cumsum(split.counts).tolist()
        for begin, end in zip([0, *ends[:-1]], ends, strict=True):
            exact.setdefault(exact_key_of_hashes(split.hashes[begin:end]), done)
        shingles = shingle_sets(split)
        block_signatures = hasher.signatures_of(shingles.values, shingles.counts)
        keys = NEAR.keys(block_signatures)
        numbers = list(range(done, done + len(block)))
        candidates += len(index.pairs(numbers, keys)) + len(self_pairs(numbers, keys))
        index.add(numbers, keys)
        signatures.append(block_signatures)
        seconds += time.perf_counter() - started
        cpu += _cpu() - cpu_started
        done += len(block)
        block.clear()

    for item in perturbed(texts, size):
        block.append(item)
        if len(block) == 1_000:
            flush()
    if block:
        flush()
    return Timed(done, seconds, details={"candidate links": candidates, "cpu_seconds": cpu})


def scale_stage(texts: str, size: int, db: str) -> Timed:
    from storyline.dedup import DedupStage
    from storyline.model import Document
    from storyline.pipeline import Counters
    from storyline.store import Store

    with Store(db) as store:
        batch: list[Document] = []
        for doc_id, text in perturbed(texts, size):
            batch.append(
                Document(
                    id=doc_id,
                    source="bench",
                    source_key=doc_id,
                    format="txt",
                    raw_text=text,
                    external_id=doc_id,
                    text=text,
                )
            )
            if len(batch) == 5000:
                store.save_documents(batch)
                batch.clear()
        if batch:
            store.save_documents(batch)
        stage = DedupStage()
        counters = Counters()
        problems: list[Any] = []
        started, cpu = time.perf_counter(), _cpu()
        stage.update(store, [], [], counters, problems)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    found = counters.as_dict().get("dedup", {}).get("found", {})
    return Timed(size, seconds, details={"links": found, "cpu_seconds": cpu})


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
