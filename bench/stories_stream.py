"""The arrival parts of ``python -m bench stories`` (issue 18): ``stream``, ``invariance``,
``templates`` and ``bbc``.

- ``stream``: ECB+ train and dev topics, each split in one batch and in runs of 10 and of 50
  articles, each in ``--orders`` random orders (seeds 0, 1, ...), scored against the gold
  sub-topics; plus how far the stories of different orders agree with each other, and how far
  a run setting agrees with the batch of the same order (pairwise F1,
  :func:`bench.stories_feed.agreement`). "Different arrival orders give the same stories"
  is an order agreement of 1.
- ``invariance``: the first 5,000 Reuters-21578 articles with a body, in date order, in one
  batch and in runs of 50: the agreement of the runs' stories with the batch's.
- ``templates``: the same two Reuters streams, checked for template bundles and label
  bundles (:mod:`bench.stories_templates`), and ``--sample`` random multi-article stories of
  the batch printed for an eye verdict.
- ``bbc``: BBC News politics and business (no dates) in one batch: counts and ``--sample``
  random multi-article stories printed.

Everything runs in this one process through :func:`bench.stories_feed.feed` (``workers=1``):
no fresh interpreter per run, so peak memory is not reported; ``CPU s`` is
``time.process_time`` over the runs, which on a shared machine is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bench import corpora, ecbplus
from bench.ecbplus import EcbArticle
from bench.report import Row
from bench.stories import NOTES, SEED, bcubed, pairwise, reuters_by_date, stream
from bench.stories_feed import Fed, Record, agreement, feed, order_agreement
from bench.stories_templates import (
    KINDS,
    company_of,
    groups_of,
    label_bundles,
    print_sample,
    routine,
    sample_multi,
    template_bundles,
)

REUTERS_SIZE = 5_000
REUTERS_RUN = 50
BBC_CATEGORIES = ("politics", "business")
SPLIT_LABELS = {"train": "tuned on by earlier sessions", "dev": "unseen"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--splits", default="train,dev", help="ECB+ splits of --part stream (default train,dev)"
    )
    parser.add_argument(
        "--orders", type=int, default=5, help="random orders per setting in --part stream"
    )
    parser.add_argument(
        "--runs", default="10,50", help="run sizes of --part stream besides one batch"
    )
    parser.add_argument(
        "--stories-cache",
        metavar="DIR",
        help="--part invariance/templates: save the Reuters stories in DIR as JSON, and read "
        "them from there instead of running when present (stale after a code change: delete)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=20,
        metavar="N",
        help="random multi-article stories printed by --part templates and bbc (seed 0)",
    )


def _spread(values: Sequence[float], digits: int = 3) -> str:
    if not values:
        return "–"
    if len(values) == 1 or min(values) == max(values):
        return f"{values[0]:.{digits}f}"
    mean, low, high = (
        f"{v:.{digits}f}" for v in (statistics.mean(values), min(values), max(values))
    )
    return f"{mean} ({low}–{high})"


def _setting(run_size: int | None) -> str:
    return "one batch" if run_size is None else f"runs of {run_size}"


_warm: list[bool] = []


def warm_up(folder: Path) -> None:
    """One tiny untimed run, so that loading models is not charged to the first setting."""
    if not _warm:
        text = "The council met on Monday in Leeds.\n\nIt approved the plan, its leader said.\n"
        feed([{"id": "warm", "title": "Council meets", "text": text}], folder, "warm", None)
        _warm.append(True)


# --- stream: ECB+ in batches and runs, several orders --------------------------------------


def ecb_record(article: EcbArticle) -> Record:
    record = {"id": article.id, "text": article.text}
    if article.title:
        record["title"] = article.title
    return record


def stream_rows(args: argparse.Namespace, folder: Path) -> list[Row]:
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    unknown = [s for s in splits if s not in SPLIT_LABELS]
    if unknown:
        raise SystemExit(f"bench: --splits takes train and dev, not {unknown}")
    run_sizes = [int(n) for n in args.runs.split(",") if n.strip()]
    settings: list[int | None] = [None, *run_sizes]
    seeds = list(range(args.orders))
    warm_up(folder)
    rows: list[Row] = []
    for split in splits:
        topics = ecbplus.DEV_TOPICS if split == "dev" else ecbplus.train_topics()
        articles = ecbplus.read(topics)
        if args.limit is not None:
            articles = stream(articles, SEED)[: args.limit]
        gold = {a.id: a.story for a in articles}
        true_k = len(set(gold.values()))
        corpus = f"ECB+ {split} ({SPLIT_LABELS[split]}; {len(gold)} docs, {true_k} stories)"
        found: dict[int | None, list[dict[str, str]]] = {s: [] for s in settings}
        fed_runs: dict[int | None, list[Fed]] = {s: [] for s in settings}
        for seed in seeds:
            order = [ecb_record(a) for a in stream(articles, seed)]
            for setting in settings:
                fed = feed(order, folder, f"ecb-{split}-{seed}-{setting}", setting)
                predicted = {i: fed.stories.get(i, f"missing:{i}") for i in gold}
                found[setting].append(predicted)
                fed_runs[setting].append(fed)
                print(
                    f"  {split} order {seed} {_setting(setting)}: B³ {bcubed(predicted, gold)}, "
                    f"{len(set(predicted.values()))} stories, {fed.runs} runs, "
                    f"CPU {fed.cpu:.1f} s, wall {fed.seconds:.1f} s",
                    flush=True,
                )
        for setting in settings:
            predicted_all = found[setting]
            vs_batch = [
                agreement(batch, mine).f1
                for batch, mine in zip(found[None], predicted_all, strict=True)
            ]
            rows.append(
                Row(
                    "stories",
                    corpus,
                    f"storyline run, {_setting(setting)}, no dates",
                    len(gold),
                    statistics.mean(f.seconds for f in fed_runs[setting]),
                    None,
                    "ECB+ stream: one store per order, the order's articles fed in successive "
                    "`storyline run` calls (workers=1, one process); mean (min–max) over the "
                    "orders; seconds and CPU s per order (all its runs). `orders agree`: "
                    "pairwise agreement F1 of the stories of every two orders (1 = the same "
                    "stories whatever the order); `vs batch`: agreement with the one-batch "
                    "stories of the same order.",
                    (
                        ("orders", str(len(seeds))),
                        ("B³ F1", _spread([bcubed(p, gold).f1 for p in predicted_all])),
                        ("pairwise F1", _spread([pairwise(p, gold).f1 for p in predicted_all])),
                        ("stories", _spread([len(set(p.values())) for p in predicted_all], 0)),
                        ("CPU s", _spread([f.cpu for f in fed_runs[setting]], 1)),
                        ("orders agree F1", _spread(order_agreement(predicted_all))),
                        ("vs batch F1", "–" if setting is None else _spread(vs_batch)),
                    ),
                )
            )
    return rows


# --- invariance and templates: the Reuters stream ------------------------------------------

_reuters: dict[tuple[int, int | None], Fed] = {}


def reuters_fed(size: int, run_size: int | None, folder: Path, cache: str | None = None) -> Fed:
    """The Reuters stream's stories, fed once per process and reused by later parts.

    With ``cache`` (``--stories-cache DIR``), they are also saved there as JSON, and read
    from there instead of run when the file exists: the checks can be re-scored, and a later
    version's stories compared with these, without feeding 5,000 articles again."""
    key = (size, run_size)
    if key in _reuters:
        return _reuters[key]
    saved = Path(cache) / f"reuters-{size}-{run_size}.json" if cache else None
    if saved is not None and saved.exists():
        fed = Fed(**json.loads(saved.read_text(encoding="utf-8")))
        print(f"  Reuters {size} {_setting(run_size)}: read from {saved} (not run)", flush=True)
    else:
        warm_up(folder)
        fed = feed(reuters_by_date(size), folder, f"reuters-{size}-{run_size}", run_size)
        if saved is not None:
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(json.dumps(asdict(fed)), encoding="utf-8")
    _reuters[key] = fed
    print(
        f"  Reuters {size} {_setting(run_size)}: {len(set(fed.stories.values()))} stories, "
        f"{fed.runs} runs, CPU {fed.cpu:.1f} s, wall {fed.seconds:.1f} s",
        flush=True,
    )
    return fed


def _multi(stories: dict[str, str]) -> int:
    return sum(1 for g in groups_of(stories).values() if len(g) > 1)


def invariance_rows(args: argparse.Namespace, folder: Path) -> list[Row]:
    size = args.limit or REUTERS_SIZE
    batch = reuters_fed(size, None, folder, args.stories_cache)
    runs = reuters_fed(size, REUTERS_RUN, folder, args.stories_cache)
    docs = len(batch.stories)
    corpus = f"Reuters-21578, first {size:,} with a body, date order (not labelled)"
    note = (
        "Arrival invariance: the same date-ordered stream in one `storyline run` and in "
        f"successive runs of {REUTERS_RUN} on one store (workers=1, one process). Agreement: "
        "pairs of articles in one story, the batch as the reference: P = share of the runs' "
        "pairs that the batch also has, R = share of the batch's pairs that the runs keep "
        "(with the runs as the reference P and R swap); docs/s over the wall clock."
    )
    score = agreement(batch.stories, runs.stories)
    rows = []
    for name, fed, cells in (
        ("one batch", batch, ()),
        (
            f"runs of {REUTERS_RUN}",
            runs,
            (
                ("agree P", f"{score.precision:.3f}"),
                ("agree R", f"{score.recall:.3f}"),
                ("agree F1", f"{score.f1:.3f}"),
            ),
        ),
    ):
        rows.append(
            Row(
                "stories",
                corpus,
                f"storyline run, {name}",
                docs,
                fed.seconds,
                None,
                note,
                (
                    ("runs", str(fed.runs)),
                    ("CPU s", f"{fed.cpu:.1f}"),
                    ("stories", str(len(set(fed.stories.values())))),
                    ("2+ articles", str(_multi(fed.stories))),
                    *cells,
                ),
            )
        )
    return rows


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.1%})" if whole else str(part)


def templates_rows(args: argparse.Namespace, folder: Path) -> list[Row]:
    size = args.limit or REUTERS_SIZE
    articles = {a["id"]: a for a in reuters_by_date(size)}
    headlines = {i: a["title"] for i, a in articles.items()}
    labels = corpora.reuters_labels()
    routine_count = Counter(routine(h) for h in headlines.values())
    NOTES.append(
        "Templates (Reuters, not labelled for stories; the headline patterns were written "
        f"by reading headlines of this stream): routine items among the {len(headlines):,} "
        + ", ".join(f"{k} {routine_count[k]}" for k in KINDS)
        + ". A template bundle joins routine items of one kind from 2+ different companies "
        "(company from the headline, see bench/stories_templates.py); `articles` are those "
        "items. A label bundle: 2+ members with TOPICS labels, no TOPICS label shared by all of "
        "them and no ORGS or PEOPLE label shared by all members; `country` = of those, all "
        "members share a PLACES label; `topic only` (not in the bundles): a TOPICS label shared "
        "and no PLACES, ORGS or PEOPLE label shared by all members. Shares are of the "
        "multi-article stories."
    )
    rows = []
    for run_size in (None, REUTERS_RUN):
        fed = reuters_fed(size, run_size, folder, args.stories_cache)
        templates = template_bundles(fed.stories, headlines)
        bundles = label_bundles(fed.stories, labels)
        multi = templates.multi
        rows.append(
            Row(
                "stories",
                f"Reuters-21578, first {size:,} with a body, date order (not labelled)",
                f"storyline run, {_setting(run_size)}: template and label bundles",
                len(fed.stories),
                fed.seconds,
                None,
                "",
                (
                    ("2+ articles", str(multi)),
                    ("template bundles", _share(len(templates.stories), multi)),
                    ("template articles", str(templates.articles)),
                    ("by kind", ", ".join(f"{k} {templates.by_kind[k]}" for k in KINDS)),
                    ("judged (2+ TOPICS)", str(bundles.judged)),
                    ("label bundles", _share(len(bundles.bundles), multi)),
                    ("country", str(len(bundles.country))),
                    ("label articles", str(bundles.articles)),
                    ("topic only", _share(len(bundles.topic_only), multi)),
                ),
            )
        )
        groups = groups_of(fed.stories)
        largest = sorted(templates.stories, key=lambda s: -len(templates.stories[s]))[:5]
        print(f"\n== template bundles, {_setting(run_size)}: the largest")
        for story in largest:
            for member in templates.stories[story][:6]:
                print(f"    {member} {articles[member]['published']} {headlines.get(member)}")
            print(f"    ({len(groups[story])} articles in the story)")
    batch = reuters_fed(size, None, folder, args.stories_cache)

    def describe(member: str) -> str:
        article = articles[member]
        headline = article["title"] or article["text"][:70].replace("\n", " ")
        kind = routine(article["title"])
        tag = ""
        if kind is not None:
            company = company_of(article["title"] or "")
            ticker = f" <{company.ticker}>" if company.ticker else ""
            tag = f" [{kind}: {' '.join(company.name) or '?'}{ticker}]"
        own = labels.get(member, {})
        label = "; ".join(f"{k} {','.join(v)}" for k, v in own.items() if v)
        return f"{member} {article['published']} {headline}{tag}  {{{label}}}"

    print_sample(
        f"{args.sample} random multi-article stories of the one-batch Reuters run (seed {SEED})",
        sample_multi(batch.stories, args.sample, SEED),
        describe,
        order=lambda m: (articles[m]["published"] or "") + m.zfill(6),
    )
    return rows


# --- bbc: undated politics and business ------------------------------------------------------


def bbc_rows(args: argparse.Namespace, folder: Path) -> list[Row]:
    warm_up(folder)
    records = [a for a in corpora.bbc() if a["id"].split("/")[0] in BBC_CATEGORIES]
    records = records[: args.limit]
    titles = {a["id"]: a["title"] or a["text"][:70] for a in records}
    fed = feed(records, folder, "bbc", None)
    groups = groups_of(fed.stories)
    sizes = sorted((len(g) for g in groups.values()), reverse=True)
    print_sample(
        f"{args.sample} random multi-article stories of BBC politics + business (seed {SEED})",
        sample_multi(fed.stories, args.sample, SEED),
        lambda m: f"{m} {titles.get(m, '?')}",
    )
    return [
        Row(
            "stories",
            f"BBC News {' + '.join(BBC_CATEGORIES)}, no dates (not labelled)",
            "storyline run, one batch",
            len(fed.stories),
            fed.seconds,
            None,
            "BBC: one `storyline run` (workers=1, one process); the sampled stories are "
            "printed for an eye verdict.",
            (
                ("CPU s", f"{fed.cpu:.1f}"),
                ("stories", str(len(groups))),
                ("2+ articles", str(sum(1 for s in sizes if s > 1))),
                ("largest", ", ".join(map(str, sizes[:8]))),
            ),
        )
    ]
