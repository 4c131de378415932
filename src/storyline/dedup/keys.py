"""Everything the dedup stage computes once per document, in batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline.dedup.lsh import LEAD, NEAR, REWRITE
from storyline.dedup.minhash import MinHasher, Signatures
from storyline.dedup.shingles import content_sets, lead_words, shingle_sets
from storyline.dedup.tokens import batch_word_hashes, exact_key_of_hashes

_HASHER = MinHasher()
# Rewrites need more rows per band than copies (see lsh.REWRITE), so more permutations.
_REWRITE_HASHER = MinHasher(num_perm=REWRITE.bands * REWRITE.rows, seed=2)
# The lead's shingles: a short version (the first paragraphs, a first take) shares its
# original's lead, however small a share of the original it is (see lsh.LEAD).
_LEAD_HASHER = MinHasher(num_perm=LEAD.bands * LEAD.rows, seed=3)


def _no_signature() -> Signatures:
    return np.empty(0, dtype=np.uint32)


@dataclass(frozen=True, slots=True)
class DocumentKeys:
    document_id: str
    exact_key: str
    words: int
    shingles: int
    near_signature: Signatures
    rewrite_signature: Signatures
    # Only for the bucket keys of a new document: not stored, so keys read back from the
    # store have none (verification never reads it).
    lead_signature: Signatures = field(default_factory=_no_signature)


def compute_keys(documents: Sequence[tuple[str, str]]) -> list[DocumentKeys]:
    """Keys of ``(document_id, text)`` pairs: exact key, shingle and content-word signatures.

    The whole batch is tokenised, shingled and signed as arrays (:mod:`.tokens`): no Python
    loop runs per word or per hash function, only per document to hand the rows out.
    """
    block = batch_word_hashes([text for _, text in documents])
    shingles = shingle_sets(block)
    near = _HASHER.signatures_of(shingles.values, shingles.counts)
    content = content_sets(block)
    rewrite = _REWRITE_HASHER.signatures_of(content.values, content.counts)
    leads = shingle_sets(lead_words(block))
    lead = _LEAD_HASHER.signatures_of(leads.values, leads.counts)
    ends = np.cumsum(block.counts).tolist()
    starts = [0, *ends[:-1]]
    word_counts = block.counts.tolist()
    shingle_counts = shingles.counts.tolist()
    return [
        DocumentKeys(
            document_id=doc_id,
            exact_key=exact_key_of_hashes(block.hashes[starts[i] : ends[i]]),
            words=word_counts[i],
            shingles=shingle_counts[i] if word_counts[i] else 0,
            near_signature=near[i],
            rewrite_signature=rewrite[i],
            lead_signature=lead[i],
        )
        for i, (doc_id, _) in enumerate(documents)
    ]


def bucket_keys(keys: Sequence[DocumentKeys]) -> np.ndarray:
    """LSH bucket keys per document: near, rewrite, then lead bands (rows: documents)."""
    if not keys:
        return np.empty((0, NEAR.bands + REWRITE.bands + LEAD.bands), dtype=np.int64)
    near = NEAR.keys(np.stack([k.near_signature for k in keys]))
    rewrite = REWRITE.keys(np.stack([k.rewrite_signature for k in keys]))
    lead = LEAD.keys(np.stack([k.lead_signature for k in keys]))
    return np.hstack([near, rewrite, lead])
