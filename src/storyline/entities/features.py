"""Token features for the CRF: the word, its shape and affixes, its neighbours, word clusters,
place names, and what the rest of the document says about the same word.

A document is a list of sentences, each a list of token strings (CoNLL tokens in training,
:mod:`storyline.text.tokens` at run time), so both see the same features. Everything that
depends on the word alone is computed once per distinct word and cached: building feature
strings in Python is what costs time, and news repeats its words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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
    norm: str  # lower case, ASCII quotes, digits as 0
    shape: str  # short shape: runs collapsed ("Xx", "X.X.", "d-d")
    cluster: str  # its mid-granularity word cluster, "" when it has none
    own: tuple[str, ...]
    # Features this word lends its neighbours, by offset -2, -1, +1, +2.
    context: tuple[tuple[str, ...], ...]


class FeatureExtractor:
    def __init__(self, clusters: Mapping[str, tuple[str, ...]], gazetteer: Gazetteer) -> None:
        self.clusters = clusters
        self.gazetteer = gazetteer
        self._cache: dict[str, _Word] = {}

    def document(
        self, doc: Sequence[TokenTexts], prior: Sequence[Sequence[str]] | None = None
    ) -> list[list[list[str]]]:
        """Features of every token of ``doc``. ``prior``: a first pass's labels (stacking)."""
        words = [[self._word(token) for token in sentence] for sentence in doc]
        upper = [_is_upper_sentence(sentence) for sentence in doc]
        seen = _document_evidence(doc, upper)
        around = _neighbours_elsewhere(words)
        base = [self._sentence(doc[s], words[s], upper[s], seen, around) for s in range(len(doc))]
        return base if prior is None else self.add_memory(doc, base, prior)

    def add_memory(
        self,
        doc: Sequence[TokenTexts],
        base: Sequence[Sequence[Sequence[str]]],
        prior: Sequence[Sequence[str]],
    ) -> list[list[list[str]]]:
        """``base`` features plus, per token and its neighbours, the type a first pass gave
        the same word most often in this document (the second pass's input)."""
        memory = _label_memory(doc, prior)
        result = []
        for tokens, items in zip(doc, base, strict=True):
            words = [self._word(token) for token in tokens]
            known = [memory.get(w.norm) for w in words]
            n = len(tokens)
            sentence = []
            for i, word in enumerate(words):
                features = list(items[i])
                if known[i] is not None:
                    features.append(f"mem={known[i]}")
                    features.append(f"mem={known[i]}|{word.shape}")
                if i > 0 and known[i - 1] is not None:
                    features.append(f"mem-1={known[i - 1]}")
                if i + 1 < n and known[i + 1] is not None:
                    features.append(f"mem+1={known[i + 1]}")
                sentence.append(features)
            result.append(sentence)
        return result

    def _sentence(
        self,
        tokens: TokenTexts,
        words: list[_Word],
        upper: bool,
        seen: dict[str, int],
        around: dict[str, tuple[str, ...]],
    ) -> list[list[str]]:
        n = len(tokens)
        lowered = [w.norm for w in words]
        capitals = [is_capitalised(t) for t in tokens]
        places = self.gazetteer.match(lowered, capitals)
        result = []
        for i, word in enumerate(words):
            features = list(word.own)
            if upper:
                features.append("SENT_UPPER")
            for slot, offset in enumerate(_OFFSETS):
                j = i + offset
                if 0 <= j < n:
                    features.extend(words[j].context[slot])
                else:
                    features.append(f"{offset}:PAD")
            if i == 0:
                features.append("BOS")
            if i == n - 1:
                features.append("EOS")
            before = words[i - 1].norm if i > 0 else "<s>"
            after = words[i + 1].norm if i + 1 < n else "</s>"
            features.append(f"b-={before}|{word.norm}")
            features.append(f"b+={word.norm}|{after}")
            before_shape = words[i - 1].shape if i > 0 else "<s>"
            after_shape = words[i + 1].shape if i + 1 < n else "</s>"
            features.append(f"sb={before_shape}|{word.shape}|{after_shape}")
            features.extend(f"g={mark}" for mark in places[i])
            if i > 0:
                features.extend(f"g-1={mark}" for mark in places[i - 1])
            if i + 1 < n:
                features.extend(f"g+1={mark}" for mark in places[i + 1])
            if capitals[i]:
                features.extend(_evidence(seen.get(word.norm, 0), ambiguous=upper or i == 0))
                features.extend(around.get(word.norm, ()))
            result.append(features)
        return result

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
            context.append(tuple(feats))
        cluster = ids[1] if len(ids) > 1 else ""
        return _Word(norm, shape, cluster, tuple(own), tuple(context))

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


def _neighbours_elsewhere(words: Sequence[Sequence[_Word]]) -> dict[str, tuple[str, ...]]:
    """Per capitalised word, the words (and their clusters) next to it anywhere in the
    document.

    "Rotor" in a results table says little; "Rotor Volgograd" two lines up says it is a team.
    """
    found: dict[str, list[str]] = {}
    for sentence in words:
        for i, word in enumerate(sentence):
            if word.shape[:1] != "X":
                continue
            features = found.setdefault(word.norm, [])
            if len(features) >= _AROUND:
                continue
            for offset in (-1, 1):
                j = i + offset
                neighbour = sentence[j] if 0 <= j < len(sentence) else None
                name = neighbour.norm if neighbour is not None else "<s>"
                for feature in (
                    f"agg{offset}={name}",
                    f"aggk{offset}={neighbour.cluster if neighbour is not None else '-'}",
                ):
                    if feature not in features:
                        features.append(feature)
    return {norm: tuple(features) for norm, features in found.items()}


def _is_upper_sentence(sentence: TokenTexts) -> bool:
    letters = [t for t in sentence if len(t) > 1 and t.isalpha()]
    if len(letters) < 2:
        return False
    return sum(t.isupper() for t in letters) >= _UPPER_SENTENCE * len(letters)


# Bits of document evidence about a word, by its normalised form.
_CAPITAL_INSIDE = 1  # written with a capital in mid-sentence of a normal sentence
_LOWER = 2  # written in lower case


def _document_evidence(doc: Sequence[TokenTexts], upper: Sequence[bool]) -> dict[str, int]:
    """How the document writes each word where case carries meaning.

    A capital at the start of a sentence or in an all-caps headline says nothing; "Japan" in
    mid-sentence elsewhere says that "JAPAN" in the headline is a name.
    """
    seen: dict[str, int] = {}
    for sentence, is_upper in zip(doc, upper, strict=True):
        for i, token in enumerate(sentence):
            if not token[:1].isalpha():
                continue
            key = _DIGITS.sub("0", token.translate(_ASCII)[:40].lower())
            if token.islower():
                seen[key] = seen.get(key, 0) | _LOWER
            elif i > 0 and not is_upper and token[:1].isupper():
                seen[key] = seen.get(key, 0) | _CAPITAL_INSIDE
    return seen


def _evidence(bits: int, *, ambiguous: bool) -> list[str]:
    where = "amb" if ambiguous else "mid"
    return [f"doc:{where}:cap={bits & _CAPITAL_INSIDE}|low={bits & _LOWER}"]


def _label_memory(doc: Sequence[TokenTexts], labels: Sequence[Sequence[str]]) -> dict[str, str]:
    """Per word, the entity type a first pass gave it most often in this document (or O).

    Later mentions of a name are often shorter or more ambiguous than the first ("Boris
    Pistorius" ... "Pistorius"): the document's other uses of the word decide.
    """
    votes: dict[str, dict[str, int]] = {}
    for sentence, tags in zip(doc, labels, strict=True):
        for token, tag in zip(sentence, tags, strict=True):
            if not token[:1].isupper():
                continue
            key = _DIGITS.sub("0", token.translate(_ASCII)[:40].lower())
            kind = tag[2:] if tag != "O" else "O"
            counts = votes.setdefault(key, {})
            counts[kind] = counts.get(kind, 0) + 1
    return {key: max(counts, key=lambda k: (counts[k], k)) for key, counts in votes.items()}
