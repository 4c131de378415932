"""Token features for the CRF: the word, its shape and affixes, its neighbours, word clusters,
place names, and what the rest of the document says about the same word.

A document is a list of sentences, each a list of token strings (CoNLL tokens in training,
:mod:`storyline.text.tokens` at run time), so both see the same features. Everything that
depends on the word alone is computed once per distinct word and cached: building feature
strings in Python is what costs time, and news repeats its words.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from storyline.entities.lexicon import Gazetteer

# A sentence as the texts of its tokens (``conll.Sentence`` is a sentence with its tags).
TokenTexts = Sequence[str]
# Raw news writes quotes and dashes that CoNLL's 1996 wire text writes in ASCII.
_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "„": '"'})
# Today's press writes "US", "UK", "UN" where the 1996 wire wrote "U.S.", "U.K.", "U.N.":
# read them as the forms the model learnt.
_ALIASES = {"US": "U.S.", "UK": "U.K.", "UN": "U.N."}
_DIGITS = re.compile(r"\d")
_SHAPE = re.compile(r"(.)\1+")
_OFFSETS = (-2, -1, 1, 2)
# Share of upper-case words from which a sentence counts as an all-caps headline.
_UPPER_SENTENCE = 0.7
# The per-word cache is cleared past this size so that a stream of unique junk tokens
# cannot grow memory without bound.
_CACHE_LIMIT = 200_000


def _shape(word: str) -> str:
    out = []
    for char in word[:20]:
        if char.isupper():
            out.append("X")
        elif char.islower():
            out.append("x")
        elif char.isdigit():
            out.append("d")
        else:
            out.append(char)
    return "".join(out)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@dataclass(frozen=True, slots=True)
class _Word:
    """What the features need of one distinct token string, computed once per process."""

    norm: str  # lower case, ASCII quotes, digits as 0, "US" read as "U.S."
    key: str  # the same without the "US" → "U.S." reading: the document votes' key
    shape: str  # short shape: runs collapsed ("Xx", "X.X.", "d-d")
    cluster: str  # its mid-granularity word cluster, "" when it has none
    capital: bool  # the token starts with a capital
    lower: bool  # the token is in lower case
    alpha: bool  # the token starts with a letter
    letters: bool  # a word of letters only, longer than one (for the headline test)
    upper: bool  # the token is in capitals
    own: tuple[str, ...]
    # Features this word lends its neighbours, by offset -2, -1, +1, +2.
    context: tuple[tuple[str, ...], ...]
    # Features it lends a capitalised word's other occurrences, as its left and right
    # neighbour (``_neighbours_elsewhere``).
    left: tuple[str, str]
    right: tuple[str, str]


@dataclass(frozen=True, slots=True)
class DocumentFeatures:
    """A document's first-pass features, kept with its words for the second pass."""

    words: list[list[_Word]]
    items: list[list[list[str]]]


# What stands in for a missing neighbour.
_PADS = tuple((f"{offset}:PAD",) for offset in _OFFSETS)
_NO_LEFT = ("agg-1=<s>", "aggk-1=-")  # an occurrence opens its sentence
_NO_RIGHT = ("agg1=<s>", "aggk1=-")  # an occurrence ends it


class FeatureExtractor:
    """Features of documents. ``known``: the attributes the models have weights for; the
    others are left out (CRFsuite ignores them: the labels are the same, the tagging
    faster). Training passes none, and sees every feature."""

    def __init__(
        self,
        clusters: Mapping[str, tuple[str, ...]],
        gazetteer: Gazetteer,
        known: Collection[str] | None = None,
    ) -> None:
        self.clusters = clusters
        self.gazetteer = gazetteer
        self.known = frozenset(known) if known is not None else None
        self._cache: dict[str, _Word] = {}
        self._pads = tuple(self._kept(pad) for pad in _PADS)
        self._upper = self._kept(("SENT_UPPER",))
        self._bos, self._eos = self._kept(("BOS",)), self._kept(("EOS",))
        self._evidence = {
            (bits, ambiguous): self._kept(_evidence(bits, ambiguous=ambiguous))
            for bits in range(_CAPITAL_INSIDE + _LOWER + 1)
            for ambiguous in (False, True)
        }
        self._places: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        self._memory: dict[tuple[str, str], tuple[str, ...]] = {}
        self._neighbour_memory: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def document(
        self, doc: Sequence[TokenTexts], prior: Sequence[Sequence[str]] | None = None
    ) -> list[list[list[str]]]:
        """Features of every token of ``doc``. ``prior``: a first pass's labels (stacking)."""
        first = self.first_pass(doc)
        return first.items if prior is None else self.second_pass(first, prior)

    def first_pass(self, doc: Sequence[TokenTexts]) -> DocumentFeatures:
        words = [[self._word(token) for token in sentence] for sentence in doc]
        upper = [_is_upper_sentence(sentence) for sentence in words]
        seen = _document_evidence(words, upper)
        around = self._neighbours_elsewhere(words)
        items = [self._sentence(w, u, seen, around) for w, u in zip(words, upper, strict=True)]
        return DocumentFeatures(words, items)

    def second_pass(
        self, first: DocumentFeatures, prior: Sequence[Sequence[str]]
    ) -> list[list[list[str]]]:
        """The first pass's features plus, per token and its neighbours, the type the first
        pass (``prior``, its labels) gave the same word most often in this document.

        A token that gains nothing keeps its first-pass list (the same object)."""
        memory = _label_memory(first.words, prior)
        result = []
        for words, items in zip(first.words, first.items, strict=True):
            known = [memory.get(w.norm) for w in words]
            last = len(words) - 1
            sentence = []
            for i, word in enumerate(words):
                kind = known[i]
                extra = () if kind is None else self._remembered(kind, word.shape)
                before = known[i - 1] if i > 0 else None
                if before is not None:
                    extra += self._lent(before)[0]
                after = known[i + 1] if i < last else None
                if after is not None:
                    extra += self._lent(after)[1]
                sentence.append(items[i] + list(extra) if extra else items[i])
            result.append(sentence)
        return result

    def _sentence(
        self,
        words: list[_Word],
        upper: bool,
        seen: dict[str, int],
        around: dict[str, tuple[str, ...]],
    ) -> list[list[str]]:
        n = len(words)
        known = self.known
        places = self.gazetteer.match([w.norm for w in words], [w.capital for w in words])
        pads, evidence = self._pads, self._evidence
        result = []
        before, before_shape = "<s>", "<s>"
        for i, word in enumerate(words):
            features = list(word.own)
            if upper:
                features += self._upper
            features += words[i - 2].context[0] if i > 1 else pads[0]
            features += words[i - 1].context[1] if i > 0 else pads[1]
            if i + 1 < n:
                following = words[i + 1]
                features += following.context[2]
                after, after_shape = following.norm, following.shape
            else:
                features += pads[2]
                after, after_shape = "</s>", "</s>"
            features += words[i + 2].context[3] if i + 2 < n else pads[3]
            if i == 0:
                features += self._bos
            if i == n - 1:
                features += self._eos
            for feature in (
                f"b-={before}|{word.norm}",
                f"b+={word.norm}|{after}",
                f"sb={before_shape}|{word.shape}|{after_shape}",
            ):
                if known is None or feature in known:
                    features.append(feature)
            if places[i]:
                features += self._place(places[i])[0]
            if i > 0 and places[i - 1]:
                features += self._place(places[i - 1])[1]
            if i + 1 < n and places[i + 1]:
                features += self._place(places[i + 1])[2]
            if word.capital:
                features += evidence[seen.get(word.norm, 0), upper or i == 0]
                features += around.get(word.norm, ())
            result.append(features)
            before, before_shape = word.norm, word.shape
        return result

    def _kept(self, features: Iterable[str]) -> tuple[str, ...]:
        known = self.known
        return tuple(features if known is None else [f for f in features if f in known])

    def _place(self, marks: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """A gazetteer match's features at the word, and lent to its right and left."""
        found = self._places.get(marks)
        if found is None:
            found = tuple(
                self._kept(f"{prefix}={mark}" for mark in marks) for prefix in ("g", "g-1", "g+1")
            )
            self._places[marks] = found
        return found

    def _remembered(self, kind: str, shape: str) -> tuple[str, ...]:
        found = self._memory.get((kind, shape))
        if found is None:
            found = self._kept((f"mem={kind}", f"mem={kind}|{shape}"))
            if len(self._memory) >= _CACHE_LIMIT:
                self._memory.clear()
            self._memory[kind, shape] = found
        return found

    def _lent(self, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The memory features a word lends the word after it and the word before it."""
        found = self._neighbour_memory.get(kind)
        if found is None:
            found = self._kept((f"mem-1={kind}",)), self._kept((f"mem+1={kind}",))
            self._neighbour_memory[kind] = found
        return found

    def _neighbours_elsewhere(self, words: Sequence[Sequence[_Word]]) -> dict[str, tuple[str, ...]]:
        """Per capitalised word, the words (and their clusters) next to it anywhere in the
        document.

        "Rotor" in a results table says little; "Rotor Volgograd" two lines up says it is a
        team.
        """
        found: dict[str, list[str]] = {}
        for sentence in words:
            last = len(sentence) - 1
            for i, word in enumerate(sentence):
                if word.shape[:1] != "X":
                    continue
                features = found.setdefault(word.norm, [])
                if len(features) >= _AROUND:
                    continue
                for feature in (
                    *(sentence[i - 1].left if i > 0 else _NO_LEFT),
                    *(sentence[i + 1].right if i < last else _NO_RIGHT),
                ):
                    if feature not in features:
                        features.append(feature)
        return {norm: self._kept(features) for norm, features in found.items()}

    def _word(self, token: str) -> _Word:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        word = self._make_word(token)
        self._cache[token] = word
        return word

    def _make_word(self, token: str) -> _Word:
        text = _ALIASES.get(token, token).translate(_ASCII)[:40]
        lower = text.lower()
        norm = _DIGITS.sub("0", lower)
        long_shape = _shape(text)
        shape = _SHAPE.sub(r"\1", long_shape)
        own = [f"w={norm}", f"sh={shape}", f"shl={long_shape}"]
        for size in (1, 2, 3, 4):
            if len(lower) >= size:
                own.append(f"p{size}={lower[:size]}")
                own.append(f"s{size}={lower[-size:]}")
        if text[:1].isupper():
            own.append("title" if not text.isupper() or len(text) == 1 else "upper")
        elif text.islower():
            own.append("lower")
        if text.isdigit():
            own.append("digit")
        elif any(c.isdigit() for c in text):
            own.append("hasdigit")
        if not any(c.isalnum() for c in text):
            own.append("punct")
        if "-" in text[1:-1]:
            own.append("hyphen")
        if not text.isascii():
            own.append("nonascii")
        own.append(f"len={min(len(text), 8)}")
        ids = self._clusters(token.translate(_ASCII))
        own.extend(f"k{level}={cid}" for level, cid in enumerate(ids))
        context = []
        for offset in _OFFSETS:
            feats = [f"{offset}:w={norm}", f"{offset}:sh={shape}"]
            if abs(offset) == 1:
                feats.append(f"{offset}:s3={lower[-3:]}")
                feats.extend(f"{offset}:k{level}={cid}" for level, cid in enumerate(ids))
            elif ids:
                feats.append(f"{offset}:k1={ids[1 if len(ids) > 1 else 0]}")
            context.append(feats)
        cluster = ids[1] if len(ids) > 1 else ""
        known = self.known
        if known is not None:
            own = [f for f in own if f in known]
            context = [[f for f in feats if f in known] for feats in context]
        # The votes' key reads "US" as itself, not as "U.S." (the model learnt it so).
        key = _DIGITS.sub("0", token.lower()) if token in _ALIASES else norm
        return _Word(
            norm,
            key,
            shape,
            cluster,
            is_capitalised(token),
            token.islower(),
            token[:1].isalpha(),
            len(token) > 1 and token.isalpha(),
            token.isupper(),
            tuple(own),
            tuple(map(tuple, context)),
            (f"agg-1={norm}", f"aggk-1={cluster}"),
            (f"agg1={norm}", f"aggk1={cluster}"),
        )

    def _clusters(self, token: str) -> tuple[str, ...]:
        # All-caps headline words take the cluster of their title-case form ("JAPAN").
        for form in (token, token.capitalize() if token.isupper() else None, token.lower()):
            if form is not None:
                ids = self.clusters.get(form)
                if ids is not None:
                    return ids
        return ()


# At most this many features describe a word's neighbours elsewhere in the document.
_AROUND = 16


def _is_upper_sentence(sentence: Sequence[_Word]) -> bool:
    letters = [w for w in sentence if w.letters]
    if len(letters) < 2:
        return False
    return sum(w.upper for w in letters) >= _UPPER_SENTENCE * len(letters)


# Bits of document evidence about a word, by its normalised form.
_CAPITAL_INSIDE = 1  # written with a capital in mid-sentence of a normal sentence
_LOWER = 2  # written in lower case


def _document_evidence(doc: Sequence[Sequence[_Word]], upper: Sequence[bool]) -> dict[str, int]:
    """How the document writes each word where case carries meaning.

    A capital at the start of a sentence or in an all-caps headline says nothing; "Japan" in
    mid-sentence elsewhere says that "JAPAN" in the headline is a name.
    """
    seen: dict[str, int] = {}
    for sentence, is_upper in zip(doc, upper, strict=True):
        for i, word in enumerate(sentence):
            if not word.alpha:
                continue
            if word.lower:
                seen[word.key] = seen.get(word.key, 0) | _LOWER
            elif i > 0 and not is_upper and word.capital:
                seen[word.key] = seen.get(word.key, 0) | _CAPITAL_INSIDE
    return seen


def _evidence(bits: int, *, ambiguous: bool) -> list[str]:
    where = "amb" if ambiguous else "mid"
    return [f"doc:{where}:cap={bits & _CAPITAL_INSIDE}|low={bits & _LOWER}"]


def _label_memory(
    doc: Sequence[Sequence[_Word]], labels: Sequence[Sequence[str]]
) -> dict[str, str]:
    """Per word, the entity type a first pass gave it most often in this document (or O).

    Later mentions of a name are often shorter or more ambiguous than the first ("Boris
    Pistorius" ... "Pistorius"): the document's other uses of the word decide.
    """
    votes: dict[str, dict[str, int]] = {}
    for sentence, tags in zip(doc, labels, strict=True):
        for word, tag in zip(sentence, tags, strict=True):
            if not word.capital:
                continue
            kind = tag[2:] if tag != "O" else "O"
            counts = votes.setdefault(word.key, {})
            counts[kind] = counts.get(kind, 0) + 1
    return {key: max(counts, key=lambda k: (counts[k], k)) for key, counts in votes.items()}
