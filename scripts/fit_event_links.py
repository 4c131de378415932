"""Fit the event linker's weights (``storyline.events.link``) on the ECB+ training topics.

    .venv/bin/python scripts/fit_event_links.py            # lexical and, if installed, MiniLM
    .venv/bin/python scripts/fit_event_links.py --no-embeddings

Needs the ``bench`` extra (scikit-learn) and ``../shared/data/ecbplus``. Reads only the
training topics (1-35 without the dev topics 2, 5, 12, 18, 21, 23, 34, 35; the test topics
36-45 are never read). Deterministic: Storyline's story clustering with seed 0 (as ``bench
events``), folds by topic (topic number modulo 5), an L-BFGS logistic regression with a
fixed regularisation; the same data give the same weights.

The candidates are the gold event mentions as the product would see them: participants,
agent and patient from Storyline's entity tagger on the sentence (``bench/events.py``), and
type, date, place and status from Storyline's own reading of the sentence
(``events.stage.read_document``; ECB+ has no publication dates: an article's dateline, when
its first lines carry one, stands in for it, and elsewhere only absolute dates resolve), so
that the "same place", "same time" and "same event" evidence is fitted rather than set by
hand.

One example per pair of mentions in one of Storyline's story clusters that no veto keeps
apart; its label is whether ECB+ puts them in one chain. It prints:

- for each model, the 5-fold cross-validated CoNLL F1 over the training topics at each
  threshold (the held-out topics of each fold linked with weights fitted on the others);
- the weights fitted on all training topics, rounded to 0.05, as the constants to paste
  into ``src/storyline/events/link.py`` (whose constants are this script's output).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # bench/ sits beside src/ and is not installed

from bench import ecbplus  # noqa: E402
from bench.ecbplus import EventMention  # noqa: E402
from bench.events import (  # noqa: E402
    candidates,
    document_clusters,
    participants,
    with_reading,
)

from storyline.entities.tagger import load_tagger  # noqa: E402
from storyline.events import embed  # noqa: E402
from storyline.events.coref_score import score  # noqa: E402
from storyline.events.link import (  # noqa: E402
    FEATURES,
    ROLE_CONFLICT,
    EventCandidate,
    Weights,
    average_linkage,
    pair_features,
    same_event_clusters,
    scored,
    vetoed,
)

FOLDS = 5
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
# Inverse regularisation strength of the logistic regression (scikit-learn's C), chosen by
# this script's cross-validation: C=100 gave CoNLL F1 0.7790 lexical and 0.7754 embedded at
# threshold 0.4, C=1 0.7780 and 0.7747 (the word weights barely move; the setting weights,
# which few pairs carry, are shrunk less).
C = 100.0
ROUND = 0.05


@dataclass(frozen=True, slots=True)
class Group:
    """One story cluster's pairs: features (pairs x features), labels, and what to cluster."""

    topic: int
    mentions: list[EventMention]
    features: npt.NDArray[np.float64]  # n x n x features
    vetoed: npt.NDArray[np.bool_]
    # The pairs the rule of SAME_EVENT joins before any pair is weighed, and row by row the
    # mentions without participants it may attach (link.same_event_clusters), as the
    # product links: the cross-validation scores the rule too.
    rule: npt.NDArray[np.bool_]
    unnamed: npt.NDArray[np.bool_]


def read_candidates(
    topics: Sequence[int],
) -> tuple[list[EventMention], list[EventCandidate], list[EventCandidate]]:
    """The gold mentions of ``topics`` as candidates in Storyline's story clusters, as
    ``bench events`` builds them, and the same with Storyline's own type, date, place and
    status where it reads the trigger as an event (``bench.events.with_reading``)."""
    mentions = ecbplus.read_event_mentions(topics)
    articles = ecbplus.read(topics)
    clusters = document_clusters(articles)
    people = participants(mentions, load_tagger())
    items = candidates(mentions, clusters, people)
    return mentions, items, with_reading(mentions, items, articles, people)


def groups_of(
    mentions: Sequence[EventMention],
    items: Sequence[EventCandidate],
    vectors: npt.NDArray[np.float64] | None,
) -> list[Group]:
    by_group: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_group.setdefault(item.group, []).append(index)
    out = []
    for members in by_group.values():
        chosen = [items[i] for i in members]
        found = pair_features(chosen, None if vectors is None else vectors[members])
        _, rule, unnamed = scored(chosen, None if vectors is None else vectors[members])
        out.append(
            Group(
                topic=mentions[members[0]].topic,
                mentions=[mentions[i] for i in members],
                features=np.stack([found[name] for name in FEATURES], axis=-1),
                vetoed=vetoed(chosen),
                rule=rule,
                unnamed=unnamed,
            )
        )
    return out


def _pairs(groups: Sequence[Group]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    rows, labels = [], []
    for group in groups:
        chains = np.array([m.chain for m in group.mentions])
        first, second = np.triu_indices(len(group.mentions), 1)
        keep = ~group.vetoed[first, second]
        rows.append(group.features[first[keep], second[keep]])
        labels.append((chains[first[keep]] == chains[second[keep]]).astype(np.int64))
    return np.concatenate(rows), np.concatenate(labels)


def fit(groups: Sequence[Group], used: Sequence[str], c: float = C) -> Weights:
    """A logistic regression over the features in ``used`` (the others weigh 0, except
    ``role_conflict``, held at :data:`ROLE_CONFLICT`: its pairs are left out of the fit)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]  # no stubs

    x, y = _pairs(groups)
    free = x[:, FEATURES.index("role_conflict")] == 0
    columns = [FEATURES.index(name) for name in used]
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x[free][:, columns], y[free])
    weights = dict.fromkeys(FEATURES, 0.0)
    weights.update(zip(used, (float(w) for w in model.coef_[0]), strict=True))
    weights["role_conflict"] = ROLE_CONFLICT
    return Weights(**weights, bias=float(model.intercept_[0]))


def fit_setting(groups: Sequence[Group], words: Weights, c: float = C) -> Weights:
    """The :data:`SETTING` weights on top of ``words`` (held fixed, as an offset): the same
    regularised logistic loss, minimised over the setting weights alone."""
    from scipy.optimize import minimize  # type: ignore[import-untyped]  # no stubs

    x, y = _pairs(groups)
    free = x[:, FEATURES.index("role_conflict")] == 0
    x, y = x[free], y[free]
    vector = np.array([getattr(words, name) for name in FEATURES])
    offset = words.bias + x @ vector
    columns = [FEATURES.index(name) for name in SETTING]
    z = x[:, columns]

    def loss(w: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        logit = offset + z @ w
        p = 1.0 / (1.0 + np.exp(-logit))
        value = np.logaddexp(0.0, logit).sum() - (y * logit).sum() + 0.5 * (w @ w) / c
        return float(value), z.T @ (p - y) + w / c

    found = minimize(loss, np.zeros(len(columns)), jac=True, method="L-BFGS-B")
    return replace(words, **{n: float(v) for n, v in zip(SETTING, found.x, strict=True)})


def carried(groups: Sequence[Group]) -> str:
    """How many training pairs carry each feature, and how many of those are one event."""
    x, y = _pairs(groups)
    parts = []
    for n, name in enumerate(FEATURES):
        on = x[:, n] != 0
        parts.append(f"{name} {int(on.sum())} ({int(y[on].sum())} linked)")
    return f"{len(y)} pairs, {int(y.sum())} linked; carrying: " + ", ".join(parts)


def labels(groups: Sequence[Group], weights: Weights, threshold: float) -> dict[str, int]:
    vector = np.array([getattr(weights, name) for name in FEATURES])
    response: dict[str, int] = {}
    for n, group in enumerate(groups):
        logit = weights.bias + group.features @ vector
        probability = 1.0 / (1.0 + np.exp(-logit))
        probability[group.rule] = 1.0
        probability[group.vetoed] = -np.inf
        np.fill_diagonal(probability, 0.0)
        start = same_event_clusters(group.rule, probability, group.unnamed)
        for mention, cluster in zip(
            group.mentions, average_linkage(probability, threshold, start), strict=True
        ):
            response[mention.id] = n * 100_000 + cluster
    return response


Fitter = Callable[[Sequence[Group], Sequence[Group]], Weights]


def cross_validate(
    plain: Sequence[Group], read: Sequence[Group], fitter: Fitter
) -> dict[float, float]:
    """CoNLL F1 over all training topics, each fold's topics (with Storyline's reading)
    linked by weights fitted on the other folds, at each threshold."""
    key = {m.id: m.chain for g in read for m in g.mentions}
    response: dict[float, dict[str, int]] = {t: {} for t in THRESHOLDS}
    for fold in range(FOLDS):
        held = [g for g in read if g.topic % FOLDS == fold]
        weights = fitter(
            [g for g in plain if g.topic % FOLDS != fold],
            [g for g in read if g.topic % FOLDS != fold],
        )
        for threshold in THRESHOLDS:
            found = labels(held, weights, threshold)
            response[threshold].update({m: fold * 10**9 + c for m, c in found.items()})
    return {t: score(key, response[t]).conll_f1 for t in THRESHOLDS}


def rounded(weights: Weights) -> Weights:
    values = {f.name: round(getattr(weights, f.name) / ROUND) * ROUND for f in fields(Weights)}
    return Weights(**{name: round(value, 2) + 0.0 for name, value in values.items()})


def report(
    name: str, plain: Sequence[Group], read: Sequence[Group], used: Sequence[str], c: float = C
) -> None:
    """Two steps: the word (and embedding) weights on the candidates as ``bench events``
    builds them, which carry no type, date or place; then the setting weights on the same
    mentions with Storyline's reading, the word weights held."""
    started = time.perf_counter()

    def fitter(plain: Sequence[Group], read: Sequence[Group]) -> Weights:
        return fit_setting(read, fit(plain, used, c), c)

    scores = cross_validate(plain, read, fitter)
    best = max(scores, key=lambda t: (scores[t], -abs(t - 0.4)))
    print(f"\n## {name}: {FOLDS}-fold CV over the ECB+ training topics (CoNLL F1)")
    print(f"  {carried(read)}")
    for threshold, value in scores.items():
        mark = "  <- best" if threshold == best else ""
        print(f"  threshold {threshold:.2f}: {value:.4f}{mark}")
    weights = rounded(fitter(plain, read))
    print(
        f"  fitted on all training topics, rounded to {ROUND} "
        f"({time.perf_counter() - started:.0f} s):"
    )
    for f in fields(Weights):
        print(f"    {f.name} = {getattr(weights, f.name)}")


# Held fixed, not fitted (see :data:`storyline.events.link.ROLE_CONFLICT`): few training
# pairs carry a conflict of agents, and most of those are misread roles.
HELD = ("role_conflict",)
# Fitted in the second step, on Storyline's reading of type, date, place and participants.
SETTING = ("same_setting", "same_time", "same_event")
LEXICAL_FEATURES = [
    n for n in FEATURES if not n.startswith("embedding") and n not in HELD + SETTING
]
EMBEDDED_FEATURES = [n for n in FEATURES if n not in HELD + SETTING]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-embeddings", action="store_true", help="fit the lexical model only")
    parser.add_argument(
        "--c", type=float, default=C, help=f"inverse regularisation strength (default {C})"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    topics = ecbplus.train_topics()
    mentions, plain, items = read_candidates(topics)
    dated = sum(c.time is not None for c in items)
    typed = sum(c.type is not None for c in items)
    placed = sum(c.place is not None for c in items)
    print(
        f"ECB+ train: {len(topics)} topics, {len(mentions)} mentions; Storyline reads a type "
        f"for {typed}, a date for {dated}, a place for {placed} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    report(
        "lexical",
        groups_of(mentions, plain, None),
        groups_of(mentions, items, None),
        LEXICAL_FEATURES,
        args.c,
    )
    if not args.no_embeddings and embed.available():
        vectors = np.asarray(embed.TriggerEmbeddings()(plain), dtype=np.float64)
        report(
            "embedded (MiniLM)",
            groups_of(mentions, plain, vectors),
            groups_of(mentions, items, vectors),
            EMBEDDED_FEATURES,
            args.c,
        )
    elif not args.no_embeddings:
        print(f"\nembedded model skipped: {embed.PACKAGE} is not installed ({embed.INSTALL})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
