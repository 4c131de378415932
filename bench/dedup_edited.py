"""(e) edited copies: a harder copy set, and the hard negatives scored in the same run.

Built at run time from ECB+ (topics 1-35; 36-45 are never read) and Reuters-21578,
deterministic (one seed). Each *original* with at least three paragraphs gets two copies:

- ``edited``: a third of its paragraphs cut (at random, never all), two of the rest swapped,
  and about 8 % of its words replaced by words drawn from the corpus (case kept);
- a short version, one of ``half`` (the first half of the paragraphs, also with 8 % of the
  words replaced) or ``lead`` (the first paragraphs up to 40 words, words unchanged: a first
  take).

An original and its copies are one *family*: every pair inside a family is a positive, every
pair across families a negative. Two kinds of negatives are counted apart:

- ``same event``: pairs of different ECB+ articles of one sub-topic (different outlets'
  reports of one real event), their copies included;
- ``template``: pairs of Reuters routine notices (dividends, note and debenture issues) of
  different companies, whose bodies name the company.

Splits: ``ecb-train`` (ECB+ training topics: thresholds are fitted here), ``ecb-dev`` (the
ECB+ dev topics, held back) and ``reuters`` (unseen). Originals that are copies of one
another by the text definition (:mod:`bench.dedup_labels`) are left out, so that families
are the only copies.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from bench import ecbplus
from bench.dedup_data import DEV_TOPICS, Doc, _reuters, pair_key
from bench.dedup_labels import Index, similarity
from bench.paraphrase import split_paragraphs

SEED = 20261207
EDIT_RATE = 0.08
LEAD_WORDS = 40
MIN_COPY_WORDS = 80
REUTERS_ORIGINALS = 300
TEMPLATES = 160
# Routine notices whose text is a template filled in per company.
_TEMPLATE_TITLE = re.compile(r"\b(DIV|DIVS|DIVIDEND|DIVIDENDS|NOTES|DEBENTURES|BONDS?)\b")
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")


@dataclass(frozen=True, slots=True)
class EditedSet:
    documents: tuple[Doc, ...]
    family: dict[str, str]  # document id -> its original's id
    split: dict[str, str]  # original id -> ecb-train | ecb-dev | reuters
    variant: dict[str, str]  # copy id -> edited | half | lead
    same_event: tuple[tuple[str, str, str], ...]  # (a, b, split)
    templates: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]

    def positives(self) -> dict[tuple[str, str], str]:
        """Every pair inside a family, with the family's split."""
        members: dict[str, list[str]] = defaultdict(list)
        for doc, original in self.family.items():
            members[original].append(doc)
        return {
            pair_key(a, b): self.split[original]
            for original, docs in members.items()
            for a, b in combinations(sorted(docs), 2)
        }


def replace_words(text: str, rng: random.Random, vocabulary: Sequence[str], rate: float) -> str:
    """About ``rate`` of the words of ``text`` replaced by words of ``vocabulary``; a
    replacement takes the case of the word it replaces."""
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans or not vocabulary:
        return text
    chosen = sorted(rng.sample(spans, max(1, round(rate * len(spans)))))
    out, last = [], 0
    for start, end in chosen:
        old, new = text[start:end], rng.choice(vocabulary)
        if old.isupper():
            new = new.upper()
        elif old[0].isupper():
            new = new.capitalize()
        out += [text[last:start], new]
        last = end
    out.append(text[last:])
    return "".join(out)


def edited_copy(paragraphs: Sequence[str], rng: random.Random, vocabulary: Sequence[str]) -> str:
    """A third of the paragraphs cut, two of the rest swapped, 8 % of the words replaced."""
    cut = set(
        rng.sample(range(len(paragraphs)), min(len(paragraphs) - 1, round(len(paragraphs) / 3)))
    )
    kept = [p for i, p in enumerate(paragraphs) if i not in cut]
    if len(kept) >= 2:
        i, j = rng.sample(range(len(kept)), 2)
        kept[i], kept[j] = kept[j], kept[i]
    return replace_words("\n\n".join(kept), rng, vocabulary, EDIT_RATE) + "\n"


def half_copy(paragraphs: Sequence[str], rng: random.Random, vocabulary: Sequence[str]) -> str:
    half = paragraphs[: max(1, (len(paragraphs) + 1) // 2)]
    return replace_words("\n\n".join(half), rng, vocabulary, EDIT_RATE) + "\n"


def lead_copy(paragraphs: Sequence[str]) -> str:
    lead: list[str] = []
    for paragraph in paragraphs:
        lead.append(paragraph)
        if sum(len(p.split()) for p in lead) >= LEAD_WORDS:
            break
    return "\n\n".join(lead) + "\n"


def _copyable(doc: Doc) -> list[str] | None:
    paragraphs = split_paragraphs(doc.text)
    if len(paragraphs) < 3 or len(doc.text.split()) < MIN_COPY_WORDS:
        return None
    return paragraphs


def _distinct(docs: Sequence[Doc]) -> tuple[list[Doc], int]:
    """The documents none of which is an exact or near copy of an earlier one."""
    index = Index(d.text for d in docs)
    later = {m.b for m in index.matches()}
    return [d for i, d in enumerate(docs) if i not in later], len(later)


def _ecb(topics: Iterable[int]) -> list[tuple[Doc, int, str]]:
    found = []
    for article in ecbplus.read(topics):
        if article.text.strip():
            doc = Doc(f"ecb-{article.id}", article.title, article.text, None, "ECB+")
            found.append((doc, article.topic, article.subtopic))
    return found


def _company(title: str | None) -> str:
    """Who a Reuters notice is about: its headline up to the ticker or the verb."""
    head = re.split(
        r"<|\b(?:SAYS|SETS|DECLARES|RAISES|FILES|ISSUES|OMITS|PAYS|QTLY|REGULAR)\b", title or ""
    )[0]
    return " ".join(head.split()[:2])


def build(seed: int = SEED, reuters_originals: int = REUTERS_ORIGINALS) -> EditedSet:
    rng = random.Random(seed)
    ecb = _ecb(t for t in ecbplus.topics_present() if t <= 35)
    kept_ecb, dropped_ecb = _distinct([d for d, _, _ in ecb])
    kept_ids = {d.id for d in kept_ecb}
    ecb = [item for item in ecb if item[0].id in kept_ids]
    reuters = [d for d, _ in _reuters(None)]
    notices = [
        d
        for d in reuters
        if _TEMPLATE_TITLE.search(d.title or "") and 25 <= len(d.text.split()) <= 200
    ]
    notices = rng.sample(notices, min(TEMPLATES, len(notices)))
    notice_ids = {d.id for d in notices}
    pool = [d for d in reuters if d.id not in notice_ids and len(split_paragraphs(d.text)) >= 4]
    drawn, dropped_reuters = _distinct(rng.sample(pool, min(len(pool), reuters_originals * 2)))
    reuters_docs = [d for d in drawn if _copyable(d)][:reuters_originals]
    notices, dropped_notices = _distinct(notices)

    vocabulary = sorted(
        {w.lower() for d, _, _ in ecb for w in _WORD.findall(d.text)}
        | {w.lower() for d in reuters_docs for w in _WORD.findall(d.text)}
    )
    documents: list[Doc] = []
    family: dict[str, str] = {}
    split: dict[str, str] = {}
    variant: dict[str, str] = {}

    def add_family(original: Doc, where: str) -> None:
        documents.append(original)
        family[original.id] = original.id
        split[original.id] = where
        paragraphs = _copyable(original)
        if paragraphs is None:
            return
        short = rng.choice(("half", "lead"))
        made = {
            "edited": edited_copy(paragraphs, rng, vocabulary),
            short: half_copy(paragraphs, rng, vocabulary)
            if short == "half"
            else lead_copy(paragraphs),
        }
        for kind, text in made.items():
            copy = Doc(f"{original.id}~{kind}", original.title, text, original.published, "copy")
            documents.append(copy)
            family[copy.id] = original.id
            variant[copy.id] = kind

    by_subtopic: dict[tuple[int, str], list[str]] = defaultdict(list)
    for doc, topic, subtopic in ecb:
        add_family(doc, "ecb-dev" if topic in DEV_TOPICS else "ecb-train")
        by_subtopic[(topic, subtopic)].append(doc.id)
    for doc in reuters_docs:
        add_family(doc, "reuters")
    for doc in notices:
        documents.append(doc)
        family[doc.id] = doc.id
        split[doc.id] = "template"

    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, original in family.items():
        members[original].append(doc_id)
    same_event = []
    for (topic, _), originals in sorted(by_subtopic.items()):
        where = "ecb-dev" if topic in DEV_TOPICS else "ecb-train"
        for a, b in combinations(originals, 2):
            same_event += [(*pair_key(x, y), where) for x in members[a] for y in members[b]]
    templates = []
    text_of = {d.id: d.text for d in notices}
    for a, b in combinations(notices, 2):
        if _company(a.title) == _company(b.title):
            continue
        if similarity(text_of[a.id], text_of[b.id]).kind is not None:
            continue  # word-identical bodies ("Qtly div 10 cts vs 10 cts"): copies by text
        templates.append(pair_key(a.id, b.id))
    counts = defaultdict(int)
    for kind in variant.values():
        counts[kind] += 1
    notes = (
        f"originals: {sum(1 for s in split.values() if s != 'template')} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(_count(split.values()).items()))}); "
        f"copies: {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}; left out as "
        f"copies of another original: ECB+ {dropped_ecb}, Reuters {dropped_reuters}, "
        f"notices {dropped_notices}",
    )
    return EditedSet(
        tuple(documents), family, split, variant, tuple(same_event), tuple(templates), notes
    )


def _count(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return dict(counts)


__all__ = ["EditedSet", "build", "edited_copy", "half_copy", "lead_copy", "replace_words"]
