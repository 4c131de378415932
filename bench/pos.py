"""``python -m bench pos``: a part-of-speech tagger against the hand-written verb tables
(issue 17, item 4).

A CRF tagger trained on the POS column of CoNLL-2003 train (``bench/pos_tagger.py``; dev for
its accuracy, the CoNLL test part never read) decides the verb forms that the tables decide
today, in three modes, and the quality gates that read verb forms are run under each:

- ``tables``: the product as it is;
- ``tagger``: the tagger decides every verb form: a trigger's form (VB/VBP base, VBZ s,
  VBD/VBN past, VBG ing, NN noun, NNS plural; other tags keep the table's form), the past
  verbs of ``events.status`` (its irregular list and "-ed" rule) and of ``timex.tense``
  (its past-word list and "-ed" rule; "ago", "yesterday", "last", "earlier" are not verbs
  and stay);
- ``both``: the tables decide the words they list (irregular pasts, "-ed" words that are
  not past, unambiguous trigger forms); the tagger decides the rest (unlisted words, "-ed"
  words, and trigger forms the table reads both as a noun and as a verb: "attacks").

The switch is a set of patches applied here, in the benchmark process: the product has no
such switch (the tagger did not earn one; see docs/benchmarks.md, "Issue 17: a
part-of-speech tagger against the verb tables"). The rest of the logic is unchanged.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from bench import pos_tagger
from bench.report import Row

NOTES = (
    "Tagger: CRFsuite, trained on CoNLL-2003 train POS tags (tuned on CoNLL train/dev); "
    "the gates' own tuned-on / unseen labels apply (TimeBank, AQUAINT-dev and ECB+ train "
    "tuned on; AQUAINT-held and ECB+ dev unseen).",
)
PACKAGES = ("python-crfsuite",)
MODES = ("tables", "tagger", "both")
_PAST_TAGS = frozenset({"VBD", "VBN"})
_FORM_OF_TAG = {
    "VB": "base", "VBP": "base", "VBZ": "s", "VBD": "past", "VBN": "past", "VBG": "ing",
    "NN": "noun", "NNP": "noun", "NNS": "plural", "NNPS": "plural",
}  # fmt: skip
# Raw news writes the quotes CoNLL's 1996 wire text writes in ASCII.
_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Words of ``timex.tense``'s past list that are not verbs: they stay in every mode.
_NOT_VERBS = frozenset({"ago", "yesterday", "last", "earlier"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated, of " + ",".join(MODES)
    )
    parser.add_argument(
        "--gates",
        default="accuracy,event_status,events_predicted,event_time,time",
        help="which parts to run",
    )


class _Tags:
    """Tags sentences, each once (the gates ask for the same sentence many times)."""

    def __init__(self) -> None:
        self.tagger = pos_tagger.PosTagger(pos_tagger.train())
        self._cache: dict[tuple[str, ...], list[str]] = {}
        self.tokens = 0
        self.seconds = 0.0

    def of(self, words: Sequence[str]) -> list[str]:
        key = tuple(words)
        tags = self._cache.get(key)
        if tags is None:
            started = time.perf_counter()
            tags = self.tagger.tag([w.translate(_ASCII) for w in key])
            self.seconds += time.perf_counter() - started
            self.tokens += len(key)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = tags
        return tags


class _WordSet:
    """A set whose membership a function decides (patched over a module's word list)."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        self._test = test

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._test(word)

    def __and__(self, other: Any) -> set[str]:
        return {w for w in other if w in self}

    def __rand__(self, other: Any) -> set[str]:
        return self.__and__(other)


def _ambiguous_forms() -> frozenset[str]:
    """Trigger forms the table reads both as a noun and as a verb ("attack", "votes")."""
    from storyline.events import lexicon as events_lexicon

    nouns: set[str] = set()
    verbs: set[str] = set()
    for verb_text, noun_text in events_lexicon._TABLE.values():
        for noun in noun_text.split():
            nouns |= {noun, events_lexicon._plural(noun)}
        for verb in verb_text.split():
            verbs |= set(events_lexicon._verb_forms(verb))
    return frozenset(nouns & verbs)


@contextmanager
def mode(name: str, tags: _Tags | None) -> Iterator[None]:
    """Patch the verb-form decisions of events and timex for ``name``; undo on exit."""
    if name == "tables":
        yield
        return
    assert tags is not None
    from storyline.events import extract, status
    from storyline.timex import base, tense

    tagger_only = name == "tagger"
    ambiguous = _ambiguous_forms()
    context: dict[str, Any] = {"past": frozenset(), "tag": ""}
    saved: list[tuple[Any, str, Any]] = []

    def patch(module: Any, attr: str, value: Any) -> None:
        saved.append((module, attr, getattr(module, attr)))
        setattr(module, attr, value)

    # --- events: the trigger's form, and the past verbs of the clause --------------------
    table_triggers = extract.TRIGGERS
    original_trigger = extract._trigger

    def form_from_tag(word: str, table_form: str | None, tag: str) -> str | None:
        """The form the tagger gives ``word``; in mode "both" only for words the tables
        do not list or read two ways. Tags that are no verb or noun keep the table's."""
        if not tagger_only and table_form is not None and word not in ambiguous:
            return table_form
        return _FORM_OF_TAG.get(tag, table_form)

    class _Triggers(dict[str, Any]):
        tag = ""

        def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
            trigger = table_triggers.get(word, default)
            if trigger is None:
                return None
            form = form_from_tag(word, trigger.form, self.tag) or trigger.form
            return replace(trigger, form=form)

    tagged_triggers = _Triggers()

    def trigger(sentence: Sequence[Any], index: int) -> Any:
        tagged_triggers.tag = tags.of([t.text for t in sentence])[index]
        return original_trigger(sentence, index)

    patch(extract, "TRIGGERS", tagged_triggers)
    patch(extract, "_trigger", trigger)

    original_rule = status.status_rule
    table_past = status._PAST_IRREGULAR
    table_not_past = status._NOT_PAST

    def status_rule(clause: Any, days: Any, published: Any) -> Any:
        sentence_tags = tags.of(clause.tokens)
        context["past"] = frozenset(
            w.lower() for w, t in zip(clause.tokens, sentence_tags, strict=True) if t in _PAST_TAGS
        )
        word = clause.tokens[clause.index].lower()
        # Words outside the trigger table get their form from the word's suffix (the
        # event_status gate scores them too): the tagger decides those in both modes.
        table_form = clause.form if word in table_triggers else None
        form = form_from_tag(word, table_form, sentence_tags[clause.index]) or clause.form
        return original_rule(replace(clause, form=form), days, published)

    if tagger_only:
        patch(status, "_PAST_IRREGULAR", _WordSet(lambda w: w in context["past"]))
        patch(status, "_regular_past", lambda w: False)
    else:
        # Listed words keep the tables' answer; the tagger decides the others.
        patch(
            status,
            "_regular_past",
            lambda w: w not in table_not_past and w not in table_past and w in context["past"],
        )
    patch(status, "status_rule", status_rule)
    patch(extract, "status_rule", status_rule)

    # --- timex: the tense nearest a time expression --------------------------------------
    original_token_tense = tense._token_tense
    table_past_words = tense._PAST_WORDS
    table_tense_not_past = tense._NOT_PAST

    def tense_at(text: str, start: int, end: int) -> Any:
        begin, finish = tense.sentence_at(text, start, end, at_semicolons=True)
        attribution = tense._ATTRIBUTION.search(text, end, finish)
        if attribution is not None:
            finish = attribution.start()
        every = list(tense._TOKEN.finditer(text, begin, finish))
        sentence_tags = tags.of([m.group(0) for m in every])
        before = [(m, t) for m, t in zip(every, sentence_tags, strict=True) if m.end() <= start]
        after = [(m, t) for m, t in zip(every, sentence_tags, strict=True) if m.start() >= end]
        tokens = [m.group(0).lower() for m, _ in before + after]
        token_tags = [t for _, t in before + after]
        for step in range(1, max(len(before), len(after)) + 1):
            for index in (len(before) - step, len(before) + step - 1):
                if 0 <= index < len(tokens):
                    context["tag"] = token_tags[index]
                    found = original_token_tense(tokens, index, len(before))
                    if found != "none":
                        return found
        return "none"

    if tagger_only:
        patch(
            tense,
            "_PAST_WORDS",
            _WordSet(lambda w: w in _NOT_VERBS or context["tag"] in _PAST_TAGS),
        )
        patch(tense, "_NOT_PAST", _WordSet(lambda w: context["tag"] not in _PAST_TAGS))
    else:
        patch(
            tense,
            "_PAST_WORDS",
            _WordSet(
                lambda w: (
                    w in table_past_words
                    or (w not in table_tense_not_past and context["tag"] in _PAST_TAGS)
                )
            ),
        )
        patch(
            tense,
            "_NOT_PAST",
            _WordSet(lambda w: w in table_tense_not_past or context["tag"] not in _PAST_TAGS),
        )
    patch(tense, "tense_at", tense_at)
    patch(base, "tense_at", tense_at)
    try:
        yield
    finally:
        for module, attr, value in reversed(saved):
            setattr(module, attr, value)


def accuracy() -> list[Row]:
    """Token accuracy on CoNLL dev, and tagging speed (features and CRF, one process)."""
    tagger = pos_tagger.PosTagger(pos_tagger.train())
    dev = pos_tagger.read(pos_tagger.DATA / "conllpp_dev.txt")
    started = time.perf_counter()
    predicted = [tagger.tag(s.words) for s in dev]
    seconds = time.perf_counter() - started
    tokens = sum(len(s.words) for s in dev)
    right = sum(
        p == g
        for s, tags in zip(dev, predicted, strict=True)
        for p, g in zip(tags, s.tags, strict=True)
    )
    verb = Counter[str]()
    for s, tags in zip(dev, predicted, strict=True):
        for p, g in zip(tags, s.tags, strict=True):
            if g.startswith("VB") or p.startswith("VB"):
                verb["all"] += 1
                verb["right"] += p == g
    return [
        Row(
            "pos",
            "CoNLL-2003 dev (tuned on)",
            "POS CRF, token accuracy",
            len(dev),
            seconds,
            None,
            extra=(
                ("accuracy", f"{right / tokens:.4f}"),
                ("verb-tag accuracy", f"{verb['right'] / verb['all']:.4f}"),
                ("tokens/s", f"{tokens / seconds:,.0f}"),
            ),
        )
    ]


def speed(count: int) -> list[Row]:
    """Time expressions then event mentions of ``count`` dated Reuters articles, in one
    process, under each mode: the tagger's cost where the events stage pays it. The events
    stage's own time (linking, store) is measured by ``events_predicted --speed``."""
    from datetime import date

    from bench import corpora
    from storyline.events.extract import extract_events
    from storyline.timex import find_times

    articles = list(corpora.reuters(count))
    tags: _Tags | None = None
    rows = []
    for name in MODES:
        if name != "tables" and tags is None:
            tags = _Tags()
        if tags is not None:
            tags.tokens, tags.seconds = 0, 0.0
            tags._cache.clear()
        with mode(name, tags):
            started = time.perf_counter()
            for article in articles:
                published = (
                    date.fromisoformat(article["published"][:10]) if article["published"] else None
                )
                find_times(article["text"], published)
                extract_events(article["text"], [], [], published)
            seconds = time.perf_counter() - started
        extra = (("docs/s", f"{len(articles) / seconds:,.1f}"),)
        if tags is not None and name != "tables":
            extra += (("tagger s", f"{tags.seconds:.1f}"), ("tokens tagged", f"{tags.tokens:,}"))
        rows.append(
            Row(
                "pos/speed",
                "Reuters-21578",
                f"[{name}] find_times + extract_events, 1 process",
                len(articles),
                seconds,
                None,
                extra=extra,
            )
        )
    return rows


def main(args: argparse.Namespace) -> list[Row]:
    import importlib

    gates = args.gates.split(",")
    rows: list[Row] = accuracy() if "accuracy" in gates else []
    if "speed" in gates:
        rows += speed(args.limit or 2000)
    tags: _Tags | None = None
    runs: dict[str, Callable[[], list[Row]]] = {}
    for gate in ("event_status", "events_predicted", "event_time", "time"):
        if gate not in gates:
            continue
        module = importlib.import_module(f"bench.{gate}")
        parser = argparse.ArgumentParser()
        parser.add_argument("--limit", type=int, default=args.limit)
        if hasattr(module, "add_arguments"):
            module.add_arguments(parser)
        flags = []
        if gate == "time":
            flags = ["--systems", "storyline", "--corpora", "TimeBank,AQUAINT-dev,AQUAINT-held"]
        gate_args = parser.parse_args(flags)
        runs[gate] = lambda m=module, a=gate_args: m.main(a)
    for name in args.modes.split(","):
        if name != "tables" and tags is None:
            tags = _Tags()
        for gate, run in runs.items():
            if tags is not None:
                tags.tokens, tags.seconds = 0, 0.0
            with mode(name, tags if name != "tables" else None):
                started = time.perf_counter()
                found = run()
                seconds = time.perf_counter() - started
            for row in found:
                rows.append(replace(row, benchmark=f"pos/{gate}", system=f"[{name}] {row.system}"))
            if tags is not None and name != "tables":
                print(
                    f"{name} {gate}: {seconds:.1f} s; "
                    f"tagged {tags.tokens} tokens in {tags.seconds:.1f} s"
                )
            else:
                print(f"{name} {gate}: {seconds:.1f} s")
    return rows
