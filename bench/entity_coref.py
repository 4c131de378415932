"""``python -m bench entity_coref``: entity coreference of Storyline's entities on ECB+.

ECB+ annotates the participants and places of its events (``HUMAN_*``: people,
organisations, governments, generic people, ...; ``LOC_*``: places) in the sentences listed
in ``ECBplus_coreference_sentences.csv``, and chains them within and across the documents of
a topic (``INTRA_DOC_COREF``, ``CROSS_DOC_COREF``): the key, read as ``bench/ecbplus.py``
reads the event chains. The response is what Storyline stores: each article's mentions
(``storyline.entities.mentions.extract`` on the tagger's spans, the resolved pronouns of
``pronouns.resolve``), grouped across articles by their entity (the hash of the canonical
key, as the store groups them).
The whole split is one corpus, scored with MUC, B-cubed, CEAF-e and CoNLL F1, the event
scorer's functions (``storyline.events.coref_score``).

Predicted and gold mentions are matched by span: the article's text is its tokens joined
by spaces (sentences by a blank line), so offsets are exact; a pair matches when the Dice
overlap of their character spans (2 |shared| / (|gold| + |predicted|)) is at least 0.5, one
to one, the largest overlap first. Gold mentions no predicted one matches stay in the key
only (missed). ``matched``: a predicted mention that matches no gold mention is left out,
because ECB+ annotates only the event participants of some sentences, not every name;
``all in annotated sentences`` keeps every predicted mention of those sentences (counted as
spurious when unmatched), a lower bound. Only names are predicted: a description ("the
actor") is a missed gold mention before and after.

Dev topics by default (2, 5, 12, 18, 21, 23, 34, 35); ``--split train`` for the others
(1-35); the test topics 36-45 are never read.
"""

from __future__ import annotations

import argparse
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import ecbplus
from bench.corpora import data_dir
from bench.report import Row
from storyline.entities.mentions import extract
from storyline.entities.pronouns import resolve
from storyline.entities.story_links import story_links
from storyline.entities.tagger import Tagger, load_tagger
from storyline.events.coref_score import CorefScores, score
from storyline.model import EntityMention
from storyline.store.entities import StoryName

PACKAGES = ("storyline", "numpy")
NOTES: list[str] = [
    "ECB+ entity chains (HUMAN_*, LOC_* markables in the sentences of "
    "ECBplus_coreference_sentences.csv, within and across documents); each split one "
    "corpus; CoNLL F1 = mean of MUC, B³, CEAF-e F1 (storyline.events.coref_score).",
    "Predicted mentions: Storyline's entity mentions and resolved pronouns, grouped by "
    "entity across the split. Matched to gold by span (Dice of character spans >= 0.5, one "
    "to one); `matched` leaves out predicted mentions that match no gold mention (ECB+ "
    "annotates only event participants); `all` keeps those of annotated sentences.",
]
_ENTITY_TAG = re.compile(r"^(?:HUMAN_|LOC_)")
MIN_DICE = 0.5


@dataclass(frozen=True, slots=True)
class GoldMention:
    id: str
    start: int
    end: int
    chain: str


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    sentences: list[tuple[int, int]]  # character span of each annotated sentence
    gold: list[GoldMention]


def read(topics: Sequence[int]) -> list[Article]:
    """The articles of ``topics`` with their gold entity mentions (annotated sentences)."""
    selected = ecbplus.coreference_sentences()
    root = data_dir("ecbplus") / "ECB+"
    found = []
    for document in ecbplus.read(topics):
        path = root / str(document.topic) / f"{document.id}.xml"
        found.append(_article(path, document.topic, selected.get(document.id, frozenset())))
    return found


def _article(path: Path, topic: int, annotated: frozenset[int]) -> Article:
    tree = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int, int]] = {}  # t_id -> (sentence, start, end)
    parts: list[str] = []
    spans: dict[int, list[int]] = {}
    position, last = 0, None
    for token in tree.iter("token"):
        word = (token.text or "").strip()
        if not word:
            continue
        sentence = int(token.get("sentence", "0"))
        if parts:
            gap = "\n\n" if sentence != last else " "
            parts.append(gap)
            position += len(gap)
        last = sentence
        offsets[token.get("t_id", "")] = (sentence, position, position + len(word))
        bounds = spans.setdefault(sentence, [position, position])
        bounds[1] = position + len(word)
        parts.append(word)
        position += len(word)
    chains = ecbplus._chains(tree, path.name, topic)
    gold = []
    markables = tree.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = [offsets[a] for t in markable.iter("token_anchor") if (a := t.get("t_id", ""))]
        if not _ENTITY_TAG.match(markable.tag) or not anchors or anchors[0][0] not in annotated:
            continue
        mention_id = f"{path.name}_{markable.get('m_id')}"
        start, end = min(a[1] for a in anchors), max(a[2] for a in anchors)
        gold.append(GoldMention(mention_id, start, end, chains.get(mention_id, mention_id)))
    sentences = [(s[0], s[1]) for n, s in sorted(spans.items()) if n in annotated]
    return Article(path.stem, "".join(parts), sentences, gold)


@dataclass(frozen=True, slots=True)
class Predicted:
    id: str
    start: int
    end: int
    entity: str


def storyline_mentions(
    articles: Sequence[Article], tagger: Tagger, stories: Mapping[str, str] | None = None
) -> dict[str, list[Predicted]]:
    """Each article's name and pronoun mentions with the entity Storyline gives them; with
    ``stories`` (article id -> story), short names resolved across each story's articles
    as the ``entity_links`` stage does (``storyline.entities.story_links``)."""
    per_article: dict[str, list[EntityMention]] = {}
    pronouns: dict[str, list[tuple[int, int, EntityMention]]] = {}
    for article in articles:
        mentions = extract(article.text, tagger.tag(article.text))
        per_article[article.id] = mentions
        pronouns[article.id] = [
            (p.start, p.end, p.antecedent) for p in resolve(article.text, mentions)
        ]
    texts = {a.id: a.text for a in articles}
    moved = _story_links(per_article, texts, stories) if stories is not None else {}
    found: dict[str, list[Predicted]] = {}
    for article in articles:
        mentions = per_article[article.id]
        links = moved.get(article.id, {})
        rows = [
            Predicted(f"{article.id}:{m.start}", m.start, m.end, links.get(m.key, m.key))
            for m in mentions
        ]
        # A pronoun names its antecedent's entity (as resolved across documents).
        rows += [
            Predicted(f"{article.id}:{s}", s, e, links.get(a.key, a.key))
            for s, e, a in pronouns[article.id]
        ]
        found[article.id] = rows
    return found


def _story_links(
    per_article: Mapping[str, list[EntityMention]],
    texts: Mapping[str, str],
    stories: Mapping[str, str],
) -> dict[str, dict[str, str]]:
    """``article id -> entity key -> the key it takes`` from each story's links."""
    members: dict[str, list[str]] = {}
    for article_id in per_article:
        members.setdefault(stories.get(article_id, article_id), []).append(article_id)
    moved: dict[str, dict[str, str]] = {}
    for ids in members.values():
        names = [
            StoryName(
                i, m.key, m.name, m.type, m.text, m.rule, m.is_metonym,
                texts[i][max(0, m.start - 4) : m.start].lower() == "the ",
            )
            for i in ids
            for m in per_article[i]
        ]  # fmt: skip
        for link in story_links(names):
            moved.setdefault(link.document_id, {})[link.entity] = link.target
    return moved


def match(gold: Sequence[GoldMention], predicted: Sequence[Predicted]) -> dict[str, Predicted]:
    """Gold mention id -> the predicted mention matched to it (Dice >= 0.5, one to one)."""
    pairs = []
    for g in gold:
        for p in predicted:
            shared = min(g.end, p.end) - max(g.start, p.start)
            if shared > 0:
                dice = 2 * shared / (g.end - g.start + p.end - p.start)
                if dice >= MIN_DICE:
                    pairs.append((-dice, g.start, g.id, p))
    pairs.sort(key=lambda pair: (pair[0], pair[1], pair[2], pair[3].start))
    taken: set[str] = set()
    matched: dict[str, Predicted] = {}
    for _, _, gold_id, p in pairs:
        if gold_id not in matched and p.id not in taken:
            matched[gold_id] = p
            taken.add(p.id)
    return matched


@dataclass(frozen=True, slots=True)
class Outcome:
    matched: CorefScores
    everything: CorefScores
    singletons: CorefScores
    gold: int
    found: int  # gold mentions matched


def evaluate(
    articles: Sequence[Article], tagger: Tagger, stories: Mapping[str, str] | None = None
) -> Outcome:
    """Scores of Storyline's entities on ``articles``; with ``stories`` (Storyline's own
    story clusters: :func:`story_clusters`), after the story links."""
    predicted = storyline_mentions(articles, tagger, stories)
    key: dict[str, str] = {}
    response: dict[str, str] = {}
    everything: dict[str, str] = {}
    found = 0
    for article in articles:
        key.update((g.id, g.chain) for g in article.gold)
        matched = match(article.gold, predicted[article.id])
        found += len(matched)
        response.update((gold_id, p.entity) for gold_id, p in matched.items())
        everything.update((gold_id, p.entity) for gold_id, p in matched.items())
        taken = {p.id for p in matched.values()}
        for p in predicted[article.id]:
            inside = any(s <= p.start < e for s, e in article.sentences)
            if p.id not in taken and inside:
                everything[f"predicted:{p.id}"] = p.entity
    return Outcome(
        score(key, response),
        score(key, everything),
        score(key, {gold_id: gold_id for gold_id in response}),
        len(key),
        found,
    )


def story_clusters(topics: Sequence[int]) -> dict[str, str]:
    """Storyline's own stories of the topics' articles (one ``storyline run``, as ``bench
    stories`` and ``bench events`` cluster them): article id -> story."""
    from bench.events import document_clusters

    return document_clusters(ecbplus.read(topics))


def main(args: argparse.Namespace) -> list[Row]:
    tagger = load_tagger()
    rows = []
    splits = {"dev": list(ecbplus.DEV_TOPICS), "train": ecbplus.train_topics()}
    for split in getattr(args, "splits", None) or ("dev", "train"):
        articles = read(splits[split])
        clusters = story_clusters(splits[split])
        started = time.perf_counter()
        alone = evaluate(articles, tagger)
        outcome = evaluate(articles, tagger, clusters)
        seconds = time.perf_counter() - started
        for system, scores in (
            ("every matched mention alone", outcome.singletons),
            ("storyline entities without story links, matched", alone.matched),
            ("storyline entities, matched", outcome.matched),
            ("storyline entities without story links, all in annotated sentences",
             alone.everything),
            ("storyline entities, all in annotated sentences", outcome.everything),
        ):  # fmt: skip
            rows.append(
                Row(
                    "entity_coref",
                    f"ECB+ {split} entity chains ({outcome.found}/{outcome.gold} gold matched)",
                    system,
                    len(articles),
                    seconds,
                    None,
                    extra=_extra(scores),
                )
            )
    return rows


def _extra(scores: CorefScores) -> tuple[tuple[str, str], ...]:
    return (
        ("MUC F1", f"{scores.muc.f1:.3f}"),
        ("B³ F1", f"{scores.bcubed.f1:.3f}"),
        ("CEAF-e F1", f"{scores.ceafe.f1:.3f}"),
        ("CoNLL F1", f"{scores.conll_f1:.3f}"),
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", dest="splits", action="append", choices=("dev", "train"))
    for row in main(parser.parse_args()):
        print(row.corpus, "|", row.system, "|", dict(row.extra))
