"""Everything the dedup stage computes once per document, in batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.dedup.lsh import NEAR, REWRITE
from storyline.dedup.minhash import MinHasher, Signatures
from storyline.dedup.shingles import content_word_hashes, shingle_hashes_of
from storyline.dedup.text import exact_key_of, words

_HASHER = MinHasher()


@dataclass(frozen=True, slots=True)
class DocumentKeys:
    document_id: str
    exact_key: str
    words: int
    shingles: int
    near_signature: Signatures
    rewrite_signature: Signatures


def compute_keys(documents: Sequence[tuple[str, str]]) -> list[DocumentKeys]:
    """Keys of ``(document_id, text)`` pairs: exact key, shingle and content-word signatures."""
    tokens = [words(text) for _, text in documents]
    shingle_sets = [shingle_hashes_of(t) for t in tokens]
    content_sets = [content_word_hashes(t) for t in tokens]
    near = _HASHER.signatures(shingle_sets)
    rewrite = _HASHER.signatures(content_sets)
    return [
        DocumentKeys(
            document_id=doc_id,
            exact_key=exact_key_of(tokens[i]),
            words=len(tokens[i]),
            shingles=len(shingle_sets[i]),
            near_signature=near[i],
            rewrite_signature=rewrite[i],
        )
        for i, (doc_id, text) in enumerate(documents)
    ]


def bucket_keys(keys: Sequence[DocumentKeys]) -> np.ndarray:
    """LSH bucket keys per document: near bands then rewrite bands (rows: documents)."""
    if not keys:
        return np.empty((0, NEAR.bands + REWRITE.bands), dtype=np.int64)
    near = NEAR.keys(np.stack([k.near_signature for k in keys]))
    rewrite = REWRITE.keys(np.stack([k.rewrite_signature for k in keys]))
    return np.hstack([near, rewrite])
