"""Invariants of the extractor on arbitrary text made of words, marks and line breaks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.quotes import extract

_PIECES = st.sampled_from(
    [
        "He",
        "said",
        "says",
        "the mayor",
        "Jane Roe",
        "according to",
        "that",
        "so-called",
        "we will win",
        "told reporters",
        ",",
        ".",
        ":",
        "?",
        " ",
        "\n",
        "\n\n",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "―",
        "(R-Ore.)",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map(" ".join))
def test_offsets_stay_inside_the_text_and_are_evidence(text: str) -> None:
    for quote in extract(text):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.kind in {"direct", "partial", "indirect"}
        for piece in quote.pieces:
            assert 0 <= piece.start <= piece.end <= len(text)
        if quote.speaker is not None:
            assert quote.speaker_start is not None and quote.speaker_end is not None
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
        if quote.cue is not None:
            assert quote.cue_start is not None and quote.cue_end is not None
            assert text[quote.cue_start : quote.cue_end] == quote.cue
