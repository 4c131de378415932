"""What the quote extractor finds: character offsets into the text it was given."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import QuoteKind


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """One attributed statement of a text.

    ``text[start:end]`` is the content: for a direct quote the quoted words from the first
    to the last piece (a cue splitting ``"…," he said, "…"`` sits inside); for a partial
    quote the reported clause holding the quoted words (or the quoted words alone when there
    is no such clause); for indirect speech the reported clause. ``pieces`` are the verbatim
    stretches (between the quotation marks), empty for indirect speech. The speaker is the
    local wording that names or points to the source ("He", "a campaign spokesman").
    """

    start: int
    end: int
    kind: QuoteKind
    pieces: tuple[tuple[int, int], ...] = ()
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # The rule that found it (``direct.py`` / ``indirect.py``), recorded with the quote.
    rule: str = ""
