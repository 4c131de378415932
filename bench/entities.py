"""``python -m bench entities``: the named-entity tagger's quality and speed.

1. Quality: CoNLL-2003 dev (``../shared/data/conll2003/conllpp_dev.txt``, gold tokens),
   conlleval-style exact typed spans: precision, recall and F1 per type and overall.
2. Roles: the table of cases from real articles in ``tests/eval/entity_roles.tsv`` (see
   ``bench/entity_roles.py``): the share whose title, country and organisation are right.
3. Modern news: recall of the names ECB+ annotates in 2008-2013 articles
   (``bench/entities_modern.py``): CoNLL is Reuters 1996.
4. Speed: ``load_tagger().tag(text)`` on the BBC News bodies (raw text: tokenising and
   sentence splitting included), one process, in a fresh interpreter; next to tokenising
   and splitting alone (the floor) and to the first pass alone.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from bench import corpora, ecbplus, entities_modern, entity_roles
from bench.measure import Timed, isolated
from bench.report import Row
from storyline.entities import conll
from storyline.entities.mentions import extract
from storyline.entities.tagger import EntityType, TaggedSpan, Tagger, data_folder
from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.text.sentences import sentences
from storyline.text.tokens import tokenize

PACKAGES = ("storyline", "python-crfsuite")
NOTES: list[str] = [
    "Quality: CoNLL-2003 dev with its gold tokens; exact span and type must match "
    "(conlleval). Seconds include feature extraction and both CRF passes.",
    "Speed: BBC News bodies (title line dropped), raw text in, mentions with offsets out, "
    "one process. words = tokens with a letter or digit. Loading the model is untimed "
    "(`load s`).",
]


def main(args: argparse.Namespace) -> list[Row]:
    rows = [quality(args.limit), kept_quality(args.limit), roles(), *modern()]
    for function, system in (
        ("tokens_only", "tokenize + sentences (floor)"),
        ("tag_first_pass", "storyline tagger, pass 1 only"),
        ("tag_full", "storyline tagger (2 passes)"),
    ):
        result = isolated(f"bench.entities:{function}", limit=args.limit)
        words = result.details["words"]
        extra = [("words/s", f"{words / result.seconds:,.0f}" if result.seconds else "")]
        if "mentions" in result.details:
            extra.append(("mentions", str(result.details["mentions"])))
        if "load_seconds" in result.details:
            extra.append(("load s", f"{result.details['load_seconds']:.1f}"))
        rows.append(
            Row(
                "entities",
                "BBC News",
                system,
                result.docs,
                result.seconds,
                result.peak_mb,
                extra=tuple(extra),
            )
        )
    rows += stage_rows(args.limit)
    return rows


def stage_rows(limit: int | None, stage: str = "entities") -> list[Row]:
    """A global stage as a run does it, on a store of BBC News, with one process and with
    both cores: ``run --only STAGE`` (the stage rebuilt from scratch)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"storyline-bench-{stage}-") as folder:
        jsonl, db = Path(folder) / "bbc.jsonl", Path(folder) / "bbc.db"
        corpora.write_jsonl(corpora.bbc(limit), jsonl)
        with Store(db) as store:
            run([str(jsonl)], store, RunOptions(workers=2))
        words = sum(_words(text) for text in _texts(limit))
        for workers in (1, 2):
            result = isolated(
                "bench.entities:stage_alone", db=str(db), workers=workers, stage=stage
            )
            rows.append(
                Row(
                    stage,
                    "BBC News",
                    f"{stage} stage (`run --only {stage}`), {workers} "
                    f"process{'es' if workers > 1 else ''}",
                    result.docs,
                    result.seconds,
                    result.peak_mb,
                    extra=(("words/s", f"{words / result.seconds:,.0f}"),),
                )
            )
    return rows


def stage_alone(db: str, workers: int, stage: str = "entities") -> Timed:
    with Store(Path(db)) as store:
        started = time.perf_counter()
        summary = run([], store, RunOptions(workers=workers, only=(stage,)))
        seconds = time.perf_counter() - started
        documents = store.conn.execute(
            "SELECT count(*) FROM documents WHERE superseded_by IS NULL"
        ).fetchone()[0]
    return Timed(documents, seconds, workers=workers, details={"summary": summary.as_dict()})


def quality(limit: int | None) -> Row:
    documents = conll.read(corpora.data_dir("conll2003") / "conllpp_dev.txt")[:limit]
    tagger = Tagger(data_folder())
    started = time.perf_counter()
    pairs = []
    for document in documents:
        predicted = tagger.tag_tokens([s.tokens for s in document])
        pairs += [(s.tags, p) for s, p in zip(document, predicted, strict=True)]
    seconds = time.perf_counter() - started
    scores = conll.score(pairs)
    extra = [
        ("P", f"{scores['overall'].precision:.4f}"),
        ("R", f"{scores['overall'].recall:.4f}"),
        ("F1", f"{scores['overall'].f1:.4f}"),
        *((f"{kind} F1", f"{scores[kind].f1:.4f}") for kind in conll.TYPES),
    ]
    return Row(
        "entities", "CoNLL-2003 dev", "storyline tagger", len(documents), seconds, None,
        extra=tuple(extra),
    )  # fmt: skip


def kept_quality(limit: int | None) -> Row:
    """CoNLL-2003 dev PER/ORG/LOC of the mentions the entity stage keeps (issue 22's rules
    after the tagger), next to the tagger alone on the same three types."""
    started = time.perf_counter()
    scores = mention_quality(limit)
    seconds = time.perf_counter() - started
    extra = [
        ("F1", f"{scores['overall'].f1:.4f}"),
        *((f"{kind} F1", f"{scores[kind].f1:.4f}") for kind in ("PER", "ORG", "LOC")),
        ("tagger alone F1", f"{scores['tagger_overall'].f1:.4f}"),
    ]
    return Row(
        "entities", "CoNLL-2003 dev, PER/ORG/LOC", "storyline entity mentions", 0, seconds,
        None, extra=tuple(extra),
    )  # fmt: skip


def roles() -> Row:
    """The roles table (``bench/entity_roles.py``): the share of cases right."""
    tagger = Tagger(data_folder())
    cases = entity_roles.read_cases()
    started = time.perf_counter()
    outcomes = entity_roles.score(cases, corpora.data_dir(""), tagger)
    seconds = time.perf_counter() - started
    for outcome in outcomes:
        if not outcome.right:
            case = outcome.case
            print(
                f"  role wrong: {case.person} in {case.path}: want {case.title!r} "
                f"{case.country!r} {case.organization!r}, got {list(outcome.found)}"
            )
    right = sum(o.right for o in outcomes)
    return Row(
        "entities", "roles table: PolNeAR + BBC News", "storyline entities", len(cases),
        seconds, None, extra=(("right", f"{right}/{len(cases)} = {right / len(cases):.3f}"),),
    )  # fmt: skip


def modern() -> list[Row]:
    """Recall of the names ECB+ annotates (2008-2013 news; ``bench/entities_modern.py``)."""
    tagger = Tagger(data_folder())
    rows = []
    for split, topics in (("dev", ecbplus.DEV_TOPICS), ("train", ecbplus.train_topics())):
        paths = entities_modern.paths(topics)
        started = time.perf_counter()
        found = entities_modern.recall(paths, tagger)
        seconds = time.perf_counter() - started
        extra = []
        for kind in entities_modern.GOLD_KINDS:
            gold = found.gold[kind]
            if gold:
                extra.append((f"{kind} recall", f"{found.typed[kind] / gold:.3f} of {gold}"))
                extra.append((f"{kind} any type", f"{found.any_type[kind] / gold:.3f}"))
        rows.append(
            Row(
                "entities",
                f"ECB+ {split} topics, annotated names (recall only)",
                "storyline tagger",
                len(paths),
                seconds,
                None,
                extra=tuple(extra),
            )
        )
    return rows


def _texts(limit: int | None) -> list[str]:
    return [article["text"] for article in corpora.bbc(limit)]


def _words(text: str) -> int:
    return sum(any(c.isalnum() for c in t.text) for t in tokenize(text))


def tokens_only(limit: int | None) -> Timed:
    texts = _texts(limit)
    started = time.perf_counter()
    words = 0
    for text in texts:
        groups = sentences(text, tokenize(text))
        words += sum(any(c.isalnum() for c in t.text) for g in groups for t in g)
    return Timed(len(texts), time.perf_counter() - started, details={"words": words})


def _tag(limit: int | None, stacked: bool) -> Timed:
    texts = _texts(limit)
    words = sum(_words(text) for text in texts)
    loading = time.perf_counter()
    tagger = Tagger(data_folder(), stacked=stacked)
    load_seconds = time.perf_counter() - loading
    started = time.perf_counter()
    mentions = sum(len(tagger.tag(text)) for text in texts)
    seconds = time.perf_counter() - started
    details = {"words": words, "mentions": mentions, "load_seconds": load_seconds}
    return Timed(len(texts), seconds, details=details)


def tag_first_pass(limit: int | None) -> Timed:
    return _tag(limit, stacked=False)


def tag_full(limit: int | None) -> Timed:
    return _tag(limit, stacked=True)


_MENTION_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}


def mention_tags(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> list[list[str]]:
    """The IOB2 tags of what the entity stage keeps of the tagger's ``tags`` for one document
    (``mentions.extract``: spans trimmed, merged, dropped or retyped by its rules; MISC is
    not kept). The text is the tokens joined by spaces, one sentence a line, so every
    mention maps back to whole tokens."""
    starts: dict[int, tuple[int, int]] = {}
    ends: dict[int, tuple[int, int]] = {}
    pieces: list[str] = []
    position = 0
    tagged: list[TaggedSpan] = []
    offsets: list[list[tuple[int, int]]] = []
    for s, tokens in enumerate(sentences):
        spans_of: list[tuple[int, int]] = []
        for t, token in enumerate(tokens):
            if t:
                pieces.append(" ")
                position += 1
            starts[position] = (s, t)
            ends[position + len(token)] = (s, t)
            spans_of.append((position, position + len(token)))
            pieces.append(token)
            position += len(token)
        pieces.append("\n")
        position += 1
        offsets.append(spans_of)
    text = "".join(pieces)
    for s, sentence_tags in enumerate(tags):
        for first, end, kind in conll.spans(conll.to_iob2(sentence_tags)):
            start, stop = offsets[s][first][0], offsets[s][end - 1][1]
            tagged.append(TaggedSpan(start, stop, text[start:stop], cast(EntityType, kind), 1.0))
    out = [["O"] * len(tokens) for tokens in sentences]
    for mention in extract(text, tagged):
        first_token, last_token = starts.get(mention.start), ends.get(mention.end)
        kind = _MENTION_TYPES.get(mention.type)
        if first_token is None or last_token is None or kind is None:
            continue
        (s, first), (s_end, last) = first_token, last_token
        if s != s_end:
            continue
        out[s][first] = f"B-{kind}"
        for t in range(first + 1, last + 1):
            out[s][t] = f"I-{kind}"
    return out


def without_misc(tags: Sequence[str]) -> list[str]:
    """``tags`` with MISC entities as ``O`` (what the entity stage keeps is PER/ORG/LOC)."""
    return ["O" if tag.endswith("MISC") else tag for tag in tags]


def mention_quality(limit: int | None = None) -> dict[str, conll.Score]:
    """CoNLL-2003 dev, PER/ORG/LOC (MISC set aside on both sides), conlleval-style, of the
    mentions the entity stage keeps (``mention_tags``); ``tagger_*`` keys: the tagger alone."""
    documents = conll.read(corpora.data_dir("conll2003") / "conllpp_dev.txt")[:limit]
    tagger = Tagger(data_folder())
    kept, alone = [], []
    for document in documents:
        tokens = [s.tokens for s in document]
        predicted = tagger.tag_tokens(tokens)
        gold = [without_misc(s.tags) for s in document]
        kept += list(zip(gold, mention_tags(tokens, predicted), strict=True))
        alone += [(g, without_misc(p)) for g, p in zip(gold, predicted, strict=True)]
    scores = conll.score(kept)
    scores.update({f"tagger_{k}": v for k, v in conll.score(alone).items()})
    return scores
