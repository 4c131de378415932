"""Clean-to-raw offset map.

Cleaning keeps some stretches of the raw text, drops others and rewrites a few characters
(whitespace runs, line breaks inside a paragraph, separators between paragraphs). The clean
text is therefore built from *pieces*: each piece either copies a raw stretch verbatim
(``clean_len == raw_len``) or stands for a raw stretch with other characters (a collapsed
whitespace run, an inserted paragraph break). The map is monotone, so a clean span maps to a
raw span by binary search; ``raw[to_raw(s, e)]`` is the evidence as it was in the input.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    clean_start: int
    raw_start: int
    clean_len: int
    raw_len: int

    @property
    def is_copy(self) -> bool:
        return self.clean_len == self.raw_len


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Monotone map from offsets in the clean text to offsets in the raw text."""

    pieces: tuple[Piece, ...]
    clean_length: int
    raw_length: int

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the clean span ``[start, end)``."""
        if not 0 <= start <= end <= self.clean_length:
            raise ValueError(f"span {start}:{end} outside clean text of length {self.clean_length}")
        if not self.pieces:
            return (0, 0)
        raw_start = self._point(start, left=True)
        raw_end = raw_start if end == start else self._point(end, left=False)
        return (raw_start, max(raw_start, raw_end))

    def _point(self, offset: int, *, left: bool) -> int:
        starts = [p.clean_start for p in self.pieces]
        # For a span end, the character that matters is the one before the offset.
        probe = offset if left else offset - 1
        index = max(0, bisect_right(starts, probe) - 1)
        piece = self.pieces[index]
        delta = probe - piece.clean_start
        if piece.is_copy:
            raw = piece.raw_start + min(max(delta, 0), piece.raw_len)
            return raw if left else min(raw + 1, piece.raw_start + piece.raw_len)
        return piece.raw_start if left else piece.raw_start + piece.raw_len

    def to_list(self) -> list[list[int]]:
        return [[p.clean_start, p.raw_start, p.clean_len, p.raw_len] for p in self.pieces]

    @classmethod
    def from_list(
        cls, rows: Sequence[Sequence[int]], clean_length: int, raw_length: int
    ) -> OffsetMap:
        return cls(tuple(Piece(*map(int, row)) for row in rows), clean_length, raw_length)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        pieces = (Piece(0, 0, length, length),) if length else ()
        return cls(pieces, length, length)


class TextBuilder:
    """Builds a clean text from a raw text and records the offset map as it goes.

    >>> b = TextBuilder("Hello   world")
    >>> b.copy(0, 5); b.replace(5, 8, " "); b.copy(8, 13)
    >>> b.text, b.offset_map().to_raw(6, 11)
    ('Hello world', (8, 13))
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def copy(self, raw_start: int, raw_end: int) -> None:
        """Append ``raw[raw_start:raw_end]`` unchanged."""
        if raw_end <= raw_start:
            return
        self._add(self.raw[raw_start:raw_end], raw_start, raw_end - raw_start)

    def replace(self, raw_start: int, raw_end: int, text: str) -> None:
        """Append ``text`` standing for ``raw[raw_start:raw_end]`` (which may be empty)."""
        if not text:
            return
        self._add(text, raw_start, raw_end - raw_start, copy=len(text) == raw_end - raw_start)

    def _add(self, text: str, raw_start: int, raw_len: int, *, copy: bool = True) -> None:
        if not copy and len(text) == raw_len:
            # Same length but different characters: keep it a copy-shaped piece so that
            # offsets inside still map one to one (e.g. a newline turned into a space).
            copy = True
        last = self._pieces[-1] if self._pieces else None
        if (
            copy
            and last is not None
            and last.is_copy
            and last.raw_start + last.raw_len == raw_start
            and last.clean_start + last.clean_len == self._length
        ):
            self._pieces[-1] = Piece(
                last.clean_start, last.raw_start, last.clean_len + len(text), last.raw_len + raw_len
            )
        else:
            self._pieces.append(Piece(self._length, raw_start, len(text), raw_len))
        self._parts.append(text)
        self._length += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def offset_map(self) -> OffsetMap:
        return OffsetMap(tuple(self._pieces), self._length, len(self.raw))
