"""``python -m bench quotes``: quote extraction scored on PolNeAR attributions.

PolNeAR (``../shared/data/polnear``, train and dev only) marks each attribution in US
election news of 2015-16 with brat spans: Source, Cue, Content. Scored:

- **direct quotes**: gold = each quoted stretch (between quotation marks, one paragraph at a
  time, 3+ words) inside an attribution's Content, with that attribution's Source; predicted
  = each verbatim piece of a direct or partial quote of ``storyline.quotes.extract``, split
  at paragraph breaks, 3+ words. A match overlaps at least half of both spans (one to one).
  Precision, recall, F1; ``source acc.`` = matched gold quotes whose predicted speaker span
  overlaps the gold Source span / matched gold quotes that have a Source.
- **attributions**: recall of every PolNeAR attribution (a predicted quote of any kind whose
  content overlaps at least half of both the gold Content hull and the prediction), and of
  the indirect ones alone (attributions with no gold quoted stretch); ``indirect P`` =
  predicted indirect quotes matching some gold Content / predicted indirect quotes.

An article annotated by several annotators is scored on the first annotation (by name).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora import data_dir
from bench.report import Row
from storyline.model import FoundQuote
from storyline.quotes import extract

PACKAGES = ("storyline",)
NOTES = (
    "PolNeAR: gold direct quotes are the quoted stretches (3+ words, one paragraph at a time; "
    "'' counts as a double mark) "
    "inside annotated attribution Contents; predicted: the verbatim pieces of direct and "
    "partial quotes. Match: overlap >= half of both spans. source acc.: matched quotes whose "
    "speaker span overlaps the gold Source. attr. R: any predicted quote matching the "
    "Content of each attribution (all; indirect = Contents with no quoted stretch).",
)

Span = tuple[int, int]
# A quoted stretch for the gold side: an opening mark, then up to the next mark or the end
# of the paragraph (straight marks pair left to right; two apostrophes are a straight double
# mark in the New York Times texts). Not markup: an attribute value (`author="…"`) or the
# text after a tag's closing `">`.
_GOLD_STRETCH = re.compile(r"(?<!=)(?:''|[“\"])(?!>)((?:(?!'')[^”\"\n])+)(?:''|[”\"]|(?=\n)|$)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Attribution:
    content: tuple[Span, ...]
    source: tuple[Span, ...]

    @property
    def hull(self) -> Span:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    span: Span
    source: tuple[Span, ...]


@dataclass(slots=True)
class Article:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)

    def gold_quotes(self) -> list[GoldQuote]:
        hulls = [(a.hull, a) for a in self.attributions]
        found = []
        for match in _GOLD_STRETCH.finditer(self.text):
            inner = match.span(1)
            if _words(self.text, inner) < 3:
                continue
            for (start, end), attribution in hulls:
                if start - 1 <= inner[0] and inner[1] <= end + 1:
                    found.append(GoldQuote(inner, attribution.source))
                    break
        return found


@dataclass(slots=True)
class Score:
    documents: int = 0
    seconds: float = 0.0
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    with_source: int = 0
    source_ok: int = 0
    attributions: int = 0
    attributions_found: int = 0
    indirect_gold: int = 0
    indirect_found: int = 0
    indirect_predicted: int = 0
    indirect_correct: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_ok / self.with_source if self.with_source else 0.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--split", choices=("dev", "train", "both"), default="both", help="PolNeAR split(s)"
    )
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N misses of each kind to stderr"
    )
    parser.add_argument(
        "--no-stage-speed",
        dest="stage_speed",
        action="store_false",
        help="skip timing the quotes stage on BBC News with 1 and 2 processes",
    )


def main(args: argparse.Namespace) -> list[Row]:
    splits = ("dev", "train") if args.split == "both" else (args.split,)
    rows = []
    for split in splits:
        articles = read(split)[: args.limit]
        score = evaluate(articles, errors=getattr(args, "errors", 0))
        corpus = f"PolNeAR {split}"
        rows.append(
            Row(
                "quotes",
                corpus,
                "storyline direct + partial",
                score.documents,
                score.seconds,
                None,
                extra=(
                    ("gold", str(score.gold)),
                    ("pred.", str(score.predicted)),
                    ("P", f"{score.precision:.3f}"),
                    ("R", f"{score.recall:.3f}"),
                    ("F1", f"{score.f1:.3f}"),
                    ("source acc.", f"{score.source_accuracy:.3f} of {score.with_source}"),
                ),
            )
        )
        indirect_p = (
            score.indirect_correct / score.indirect_predicted if score.indirect_predicted else 0
        )
        rows.append(
            Row(
                "quotes",
                corpus,
                "storyline, all kinds vs attributions",
                score.documents,
                score.seconds,
                None,
                extra=(
                    ("gold", str(score.attributions)),
                    ("attr. R", f"{score.attributions_found / max(1, score.attributions):.3f}"),
                    ("indirect R", f"{score.indirect_found / max(1, score.indirect_gold):.3f}"),
                    ("indirect P", f"{indirect_p:.3f}"),
                ),
            )
        )
    if getattr(args, "stage_speed", True):
        from bench.entities import stage_rows

        rows += stage_rows(args.limit, "quotes")
    return rows


def read(split: str) -> list[Article]:
    """PolNeAR ``train`` or ``dev`` articles with their attributions."""
    if split not in {"train", "dev"}:
        raise ValueError(f"PolNeAR split {split!r}: only train and dev are used")
    folder = data_dir("polnear") / split
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for name, ann in sorted(annotations.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(Article(name, text, _attributions(ann, text)))
    return articles


def _attributions(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            pieces = tuple(
                (int(a), int(b)) for a, b in (p.split() for p in offsets.split(";") if p.strip())
            )
            spans[fields[0]] = (label, pieces)
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            relations.append(roles)
    found = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), ("", ()))[1]
        source = spans.get(roles.get("Source", ""), ("", ()))[1]
        if content and all(0 <= s <= e <= len(text) for s, e in content):
            found.append(Attribution(content, source))
    return found


def evaluate(articles: Sequence[Article], errors: int = 0) -> Score:
    score = Score()
    shown = {"missed": 0, "spurious": 0, "source": 0}
    for article in articles:
        started = time.perf_counter()
        quotes = extract(article.text)
        score.seconds += time.perf_counter() - started
        score.documents += 1
        _score_direct(article, quotes, score, shown, errors)
        _score_attributions(article, quotes, score)
    return score


def _pieces(text: str, quotes: Iterable[FoundQuote]) -> list[tuple[Span, FoundQuote]]:
    found = []
    for quote in quotes:
        if quote.kind == "indirect":
            continue
        for piece in quote.pieces:
            cursor = piece.start
            for line in text[piece.start : piece.end].split("\n"):
                span = (cursor, cursor + len(line))
                cursor += len(line) + 1
                if _words(text, span) >= 3:
                    found.append((span, quote))
    return found


def _score_direct(
    article: Article, quotes: list[FoundQuote], score: Score, shown: dict[str, int], errors: int
) -> None:
    gold = article.gold_quotes()
    predicted = _pieces(article.text, quotes)
    score.gold += len(gold)
    score.predicted += len(predicted)
    used: set[int] = set()
    for item in gold:
        match = next(
            (
                i
                for i, (span, _) in enumerate(predicted)
                if i not in used and _matches(item.span, span)
            ),
            None,
        )
        if match is None:
            _show(errors, shown, "missed", article, item.span, "")
            continue
        used.add(match)
        score.matched_gold += 1
        if item.source:
            score.with_source += 1
            quote = predicted[match][1]
            if quote.speaker_start is not None and quote.speaker_end is not None:
                spoken = (quote.speaker_start, quote.speaker_end)
                if any(_overlap(spoken, s) > 0 for s in item.source):
                    score.source_ok += 1
                    continue
            wrong = f" speaker={quote.speaker!r} gold={article.text[slice(*item.source[0])]!r}"
            _show(errors, shown, "source", article, item.span, wrong)
    score.matched_predicted += len(used)
    for i, (span, _) in enumerate(predicted):
        if i not in used:
            _show(errors, shown, "spurious", article, span, "")


def _score_attributions(article: Article, quotes: list[FoundQuote], score: Score) -> None:
    quoted = {id(q) for q in article.attributions if _has_stretch(article.text, q.hull)}
    spans = [((q.start, q.end), q) for q in quotes]
    for attribution in article.attributions:
        score.attributions += 1
        hit = any(_matches(attribution.hull, span) for span, _ in spans)
        score.attributions_found += hit
        if id(attribution) not in quoted:
            score.indirect_gold += 1
            score.indirect_found += hit
    for quote in quotes:
        if quote.kind == "indirect":
            score.indirect_predicted += 1
            span = (quote.start, quote.end)
            score.indirect_correct += any(_matches(a.hull, span) for a in article.attributions)


def _has_stretch(text: str, span: Span) -> bool:
    return any(
        _words(text, m.span(1)) >= 3
        for m in _GOLD_STRETCH.finditer(text, max(0, span[0] - 1), min(len(text), span[1] + 1))
    )


def _show(
    limit: int, shown: dict[str, int], kind: str, article: Article, span: Span, extra: str
) -> None:
    if shown[kind] >= limit:
        return
    shown[kind] += 1
    start, end = span
    context = article.text[max(0, start - 120) : end + 80].replace("\n", " / ")
    print(
        f"[{kind}] {article.name}: {article.text[start:end]!r}{extra}\n    … {context}",
        file=sys.stderr,
    )


def _words(text: str, span: Span) -> int:
    return len(_WORD.findall(text[span[0] : span[1]]))


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(gold: Span, predicted: Span) -> bool:
    shared = _overlap(gold, predicted)
    return shared * 2 >= gold[1] - gold[0] and shared * 2 >= predicted[1] - predicted[0] > 0
