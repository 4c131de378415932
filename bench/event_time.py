"""``python -m bench event_time``: does an event mention get the right time expression?

Measured on the TLINKs of the TempEval-3 training data (TBAQ-cleaned). There an annotator
linked events to the time expressions that hold them: "met on Tuesday" (``IS_INCLUDED``),
"talks during the week" (``DURING``), "began on Monday" (``BEGINS``). Storyline reads each
document as the product does (``events.stage.read_document``: its time expressions against
the DCT, then its event mentions) and each of its mentions that overlaps a gold ``EVENT`` is
scored:

- **anchored**: the gold event is linked (``IS_INCLUDED``, ``DURING``, ``SIMULTANEOUS``,
  ``IDENTITY``, ``BEGINS``, ``ENDS``, ``BEGUN_BY``, ``ENDED_BY``, ``INCLUDES``) to a date or
  time (not a duration or set, which Storyline never attaches) of its own sentence. Right:
  Storyline attached one of those; wrong: another one; none: no time at all;
- **taken**: Storyline attached a time expression of the mention's sentence that the gold
  links (as above) only to other events, or to this one only as ``BEFORE`` / ``AFTER``:
  "comments Tuesday on the shooting" dating the shooting. (A time inherited from an earlier
  sentence, "the talks" after "met on Tuesday", is not judged.)

TLINKs are not exhaustive (an annotator links what the task asked), so attachments to
expressions the gold leaves unlinked are not counted against Storyline. ``attachment
precision`` = right / (right + wrong + taken); ``recall`` = right / anchored.

Development protocol as in ``bench time``: TimeBank and AQUAINT-dev may be inspected
(``--errors``); AQUAINT-held is scored, never printed.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import timeml
from bench.corpora import data_dir
from bench.report import Row
from storyline.events.stage import read_document
from storyline.text.sentences import sentences
from storyline.text.tokens import tokenize

PACKAGES = ("storyline",)
NOTES: list[str] = [
    "TempEval-3 training data (TBAQ-cleaned): Storyline's event mentions that overlap a "
    "gold EVENT; anchored = the gold links that event (IS_INCLUDED, DURING, SIMULTANEOUS, "
    "IDENTITY, BEGINS, ENDS, BEGUN_BY, ENDED_BY, INCLUDES) to a time expression of its "
    "sentence. taken = Storyline attached an expression the gold links only to other events "
    "(or to this one as BEFORE / AFTER). precision = right / (right + wrong + taken); "
    "recall = right / anchored.",
]
CORPORA = ("TimeBank", "AQUAINT-dev", "AQUAINT-held")
INSPECTABLE = ("TimeBank", "AQUAINT-dev")
HOLDING = frozenset(
    """
    IS_INCLUDED DURING DURING_INV SIMULTANEOUS IDENTITY BEGINS ENDS BEGUN_BY ENDED_BY INCLUDES
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    published: date
    events: dict[str, tuple[int, int]]  # eid -> span
    timexes: dict[str, tuple[int, int]]  # tid -> span of a DATE or TIME in the TEXT body
    # (eid, tid) -> relation types
    links: dict[tuple[str, str], frozenset[str]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N mistakes to stderr"
    )
    parser.add_argument("--errors-on", choices=INSPECTABLE, default="TimeBank")


def read(path: Path) -> Document:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    dct = root.find("DCT/TIMEX3")
    published = date.fromisoformat((dct.get("value", "") if dct is not None else "")[:10])
    instances = {m.get("eiid", ""): m.get("eventID", "") for m in root.iter("MAKEINSTANCE")}
    text, spans = timeml.body(root)
    events: dict[str, tuple[int, int]] = {}
    timexes: dict[str, tuple[int, int]] = {}
    for child, start, end in spans:
        if child.tag == "EVENT":
            events[child.get("eid", "")] = (start, end)
        elif child.tag == "TIMEX3" and child.get("type") in {"DATE", "TIME"}:
            # Durations and sets ("five-hour", "daily") date nothing: Storyline attaches
            # only dates and times, so only they anchor an event.
            timexes[child.get("tid", "")] = (start, end)
    links: dict[tuple[str, str], set[str]] = {}
    for link in root.iter("TLINK"):
        relation = link.get("relType", "")
        instance = link.get("eventInstanceID") or link.get("relatedToEventInstance")
        timex = link.get("relatedToTime") or link.get("timeID")
        if not instance or not timex or instance not in instances:
            continue
        if link.get("eventInstanceID") and link.get("relatedToEventInstance"):
            continue  # event-event
        links.setdefault((instances[instance], timex), set()).add(relation)
    return Document(
        path.stem,
        text,
        published,
        events,
        timexes,
        {k: frozenset(v) for k, v in links.items()},
    )


def documents(corpus: str) -> list[Document]:
    whole = "AQUAINT" if corpus.startswith("AQUAINT") else corpus
    folder = data_dir("tempeval3") / "Training" / "TBAQ-cleaned" / whole
    paths = sorted(folder.glob("*.tml"))
    if corpus == "AQUAINT-dev":
        paths = paths[0::2]
    elif corpus == "AQUAINT-held":
        paths = paths[1::2]
    return [read(p) for p in paths]


@dataclass
class Tally:
    mentions: int = 0
    anchored: int = 0
    right: int = 0
    wrong: int = 0
    none: int = 0
    taken: int = 0

    @property
    def precision(self) -> float:
        judged = self.right + self.wrong + self.taken
        return self.right / judged if judged else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.anchored if self.anchored else 0.0


def score(document: Document, tally: Tally, errors: list[str] | None) -> None:
    _, found = read_document(document.text, document.published, [], [])
    split = sentences(document.text, tokenize(document.text))
    bounds = [(s[0].start, s[-1].end) for s in split if s]

    def sentence_of(start: int) -> tuple[int, int]:
        return next(((a, b) for a, b in bounds if a <= start < b), (start, start))

    holding: dict[str, set[str]] = {}  # tid -> eids it holds
    for (eid, tid), relations in document.links.items():
        if relations & HOLDING:
            holding.setdefault(tid, set()).add(eid)
    for mention in found:
        overlapping = [
            e for e, (s, t) in document.events.items() if s < mention.end and mention.start < t
        ]
        if not overlapping:
            continue
        eid = overlapping[0]
        tally.mentions += 1
        low, high = sentence_of(mention.start)
        gold = {
            tid
            for (e, tid), relations in document.links.items()
            if e == eid
            and relations & HOLDING
            and tid in document.timexes
            and low <= document.timexes[tid][0] < high
        }
        ours = mention.time
        ours_tid = None
        if ours is not None:
            ours_tid = next(
                (
                    tid
                    for tid, (s, t) in document.timexes.items()
                    if s < ours.end and ours.start < t
                ),
                None,
            )
        verdict = ""
        if gold:
            tally.anchored += 1
            if ours is None:
                tally.none += 1
                verdict = "none"
            elif ours_tid in gold:
                tally.right += 1
            else:
                tally.wrong += 1
                verdict = "wrong"
        elif ours is not None and ours_tid is not None and low <= ours.start < high:
            others = holding.get(ours_tid, set()) - {eid}
            own = document.links.get((eid, ours_tid), frozenset())
            if (others and not own & HOLDING) or own & {"BEFORE", "AFTER"}:
                tally.taken += 1
                verdict = "taken"
        if verdict and errors is not None:
            sentence = document.text[low:high].replace("\n", " ")
            gold_text = [document.text[slice(*document.timexes[t])] for t in sorted(gold)]
            errors.append(
                f"{document.name} {verdict}: [{mention.trigger}] ours="
                f"{ours.text if ours else None!r} gold={gold_text}\n    {sentence[:300]}"
            )


def main(args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    for corpus in CORPORA:
        tally = Tally()
        errors: list[str] | None = [] if corpus == args.errors_on and args.errors else None
        started = time.perf_counter()
        docs = documents(corpus)
        for document in docs:
            score(document, tally, errors)
        seconds = time.perf_counter() - started
        for line in (errors or [])[: args.errors]:
            print(line, file=sys.stderr)
        rows.append(_row(corpus, len(docs), seconds, tally))
    return rows


def _row(corpus: str, docs: int, seconds: float, tally: Tally) -> Row:
    return Row(
        "event_time",
        corpus,
        "storyline events.extract",
        docs,
        seconds,
        None,
        "",
        (
            ("mentions", str(tally.mentions)),
            ("anchored", str(tally.anchored)),
            ("right", str(tally.right)),
            ("wrong", str(tally.wrong)),
            ("none", str(tally.none)),
            ("taken", str(tally.taken)),
            ("precision", f"{tally.precision:.3f}"),
            ("recall", f"{tally.recall:.3f}"),
        ),
    )
