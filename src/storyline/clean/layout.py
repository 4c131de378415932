"""Raw text -> paragraphs, with whitespace normalised and every character traceable to raw.

Inputs come in three layouts, often mixed in one file:

* blank-line separated paragraphs (BBC-style, most plain-text dumps);
* one paragraph per line (what HTML extractors such as trafilatura produce);
* hard-wrapped lines at ~70 columns, a new paragraph marked by an indent (Reuters) or by a
  short last line.

A single line break is therefore a paragraph break unless the text is hard-wrapped. Text is
taken as wrapped when its lines are at most ~120 columns and either its paragraph starts are
indented with flush continuation lines, or most lines stop mid-sentence *because they are
full* (the next line's first word would not have fitted). In wrapped text a line break is a
paragraph break when the next line is indented, or (with no indents in the text) when the
next word would have fitted and the line ends a sentence or is clearly short. A line that is
a paragraph of its own wherever it stands (a byline, "Advertisement") is split off too.
One or two lines on their own are ambiguous and read as one paragraph per line.

Inside a paragraph, runs of whitespace become one space and invisible characters (zero-width
spaces, soft hyphens, control characters) are dropped; letters, quotes and dashes are kept
as they are, because the clean text is evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from storyline.offsets import TextBuilder
from storyline.text import lexicon
from storyline.text.lexicon import word_set

_INVISIBLE = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
)
_INVISIBLE_SET = frozenset(
    chr(c)
    for lo, hi in (
        (0x00, 0x08),
        (0x0E, 0x1B),
        (0x7F, 0x84),
        (0x86, 0x9F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
    )
    for c in range(lo, hi + 1)
) | frozenset("\u00ad\u034f\u061c\u180e\ufeff")
# Python's \s covers NBSP, the Unicode spaces, and the C0 separators \x1c-\x1f and \x85.
_RUN = re.compile(rf"[\s{_INVISIBLE}]+")
# What cleaning rewrites inside a paragraph: a run of two or more blank or invisible
# characters, a lone line break or tab, a lone invisible character. A lone space is kept as
# it is, so that most paragraphs are a single verbatim segment.
_REWRITE = re.compile(rf"[\s{_INVISIBLE}]{{2,}}|[^\S ]|[{_INVISIBLE}]")
_HAS_SPACE = re.compile(r"\s")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE}]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_TERMINAL = frozenset('.!?:;"”’»)]…')
_OPENERS = frozenset("\"'“‘«([")
# Words that end no paragraph and no headline: a line ending with one was cut mid-sentence.
_FUNCTION_WORDS = (
    (lexicon.POSSESSIVES - {"my", "your"})
    | lexicon.ARTICLES
    | word_set("and as by for from of or than that to whose with")
)

# Wrapping programs use 60-100 columns; anything wider is one paragraph per line.
_MAX_WRAP_WIDTH = 120
_SHORT_LINE = 0.6
_MIN_WRAPPED_LINES = 3
_OPEN_ENDED_SHARE = 0.6
_FULL_SHARE = 0.75
_NEARLY_FULL = 0.85


@dataclass(frozen=True, slots=True)
class Segment:
    """Clean characters from ``clean_start`` standing for ``raw[raw_start:raw_end]``:
    a verbatim copy, or one space for a whitespace run."""

    clean_start: int
    raw_start: int
    raw_end: int
    is_space: bool


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: its normalised text and where each of its characters came from."""

    raw_start: int
    raw_end: int
    text: str
    segments: tuple[Segment, ...]

    def raw_start_of(self, offset: int) -> int:
        """Raw offset where the clean character at ``offset`` starts."""
        if offset >= len(self.text):
            return self.raw_end
        segment = self._segment(offset)
        if segment.is_space:
            return segment.raw_start
        return segment.raw_start + offset - segment.clean_start

    def raw_end_of(self, offset: int) -> int:
        """Raw offset just after the clean character at ``offset - 1``."""
        if offset <= 0:
            return self.raw_start
        segment = self._segment(offset - 1)
        if segment.is_space:
            return segment.raw_end
        return segment.raw_start + offset - segment.clean_start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.raw_start_of(start), self.raw_end_of(end)

    def _segment(self, offset: int) -> Segment:
        starts = [s.clean_start for s in self.segments]
        return self.segments[max(0, bisect_right(starts, offset) - 1)]

    def emit(self, builder: TextBuilder) -> None:
        for segment in self.segments:
            if segment.is_space:
                builder.replace(segment.raw_start, segment.raw_end, " ")
            else:
                builder.copy(segment.raw_start, segment.raw_end)


def _is_blank(char: str) -> bool:
    return char.isspace() or char in _INVISIBLE_SET


def normalize(raw: str, start: int = 0, end: int | None = None) -> Paragraph | None:
    """The paragraph made of ``raw[start:end]``, or None when it has no visible character."""
    end = len(raw) if end is None else end
    visible = _VISIBLE.search(raw, start, end)
    if visible is None:
        return None
    first, last = visible.start(), end
    while last > first and _is_blank(raw[last - 1]):
        last -= 1
    segments: list[Segment] = []
    parts: list[str] = []
    length = 0
    position = first
    for run in _REWRITE.finditer(raw, first, last):
        if run.start() > position:
            segments.append(Segment(length, position, run.start(), False))
            parts.append(raw[position : run.start()])
            length += run.start() - position
        if _HAS_SPACE.search(raw, run.start(), run.end()):
            segments.append(Segment(length, run.start(), run.end(), True))
            parts.append(" ")
            length += 1
        position = run.end()
    if last > position:
        segments.append(Segment(length, position, last, False))
        parts.append(raw[position:last])
    return Paragraph(first, last, "".join(parts), tuple(segments))


def clean_inline(text: str) -> str:
    """``text`` as one line: whitespace collapsed, invisible characters dropped."""
    paragraph = normalize(text)
    return paragraph.text if paragraph else ""


def sub_paragraph(raw: str, paragraph: Paragraph, start: int, end: int) -> Paragraph | None:
    """The part of ``paragraph`` between clean offsets ``start`` and ``end``, re-normalised."""
    return normalize(raw, paragraph.raw_start_of(start), paragraph.raw_end_of(end))


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    first: int
    last: int
    after_separator: bool

    @property
    def blank(self) -> bool:
        return self.first >= self.last

    @property
    def width(self) -> int:
        return self.last - self.start

    @property
    def indent(self) -> int:
        return self.first - self.start


def _lines(raw: str) -> Iterator[_Line]:
    start = 0
    after_separator = False
    breaks = [(m.start(), m.end(), m.group() == "\u2029") for m in _LINE_BREAK.finditer(raw)]
    breaks.append((len(raw), len(raw), False))
    for line_end, next_start, separator in breaks:
        visible = _VISIBLE.search(raw, start, line_end)
        if visible is None:
            yield _Line(start, line_end, line_end, after_separator)
        else:
            last = line_end
            while last > visible.start() and _is_blank(raw[last - 1]):
                last -= 1
            yield _Line(start, visible.start(), last, after_separator)
        start = next_start
        after_separator = separator


@dataclass(frozen=True, slots=True)
class _Shape:
    """How single line breaks are to be read in one text."""

    wrapped: bool
    width: int
    indented: bool
    base_indent: int


def _shape(raw: str, lines: list[_Line]) -> _Shape:
    pairs = [(a, b) for a, b in pairwise(lines) if not a.blank and not b.blank]
    visible = [line for line in lines if not line.blank]
    base_indent = min((line.indent for line in visible), default=0)
    if len(pairs) < _MIN_WRAPPED_LINES:
        return _Shape(False, 0, False, base_indent)
    widths = sorted(a.width for a, _ in pairs)
    # A few over-long lines (a headline, a URL) must not widen the estimate: with enough
    # lines take a high percentile rather than the maximum.
    width = widths[int(0.8 * (len(widths) - 1))] if len(widths) >= 5 else widths[-1]
    if width > _MAX_WRAP_WIDTH:
        return _Shape(False, width, False, base_indent)

    def reach(a: _Line, b: _Line) -> int:
        return a.width + 1 + _first_word_length(raw, b)

    open_pairs = [(a, b) for a, b in pairs if raw[a.last - 1] not in _TERMINAL]
    full = sum(1 for a, b in pairs if reach(a, b) > width)
    open_and_full = sum(1 for a, b in open_pairs if reach(a, b) > _NEARLY_FULL * width)
    indented = any(b.indent > base_indent for _, b in pairs)
    flush_continuation = any(b.indent == base_indent for _, b in pairs)
    # Wrapping cuts most lines mid-sentence, and cuts them because they are full: the next
    # word would not have fitted. One paragraph per line ends most lines with a stop, and
    # the lines it leaves open (a headline, "Share this article") are short.
    cut_mid_sentence = len(open_pairs) >= _OPEN_ENDED_SHARE * len(pairs)
    cut_when_full = full >= _FULL_SHARE * len(pairs)
    open_lines_are_full = open_and_full >= _OPEN_ENDED_SHARE * len(open_pairs)
    # Indented paragraph starts with flush continuation lines are wrapping whatever the
    # lines end with (wire tables end many rows with a stop).
    wrapped = (indented and flush_continuation) or (
        (cut_mid_sentence or cut_when_full) and open_lines_are_full
    )
    return _Shape(wrapped, width, indented, base_indent)


def _ends_with_function_word(raw: str, line: _Line) -> bool:
    last_word = raw[max(line.first, line.last - 8) : line.last].rsplit(None, 1)[-1]
    return last_word.lower() in _FUNCTION_WORDS


def _first_word_length(raw: str, line: _Line) -> int:
    # A word here is what an editor's wrapping keeps whole: a run of non-space characters
    # (as in _ends_with_function_word), not a word of the text layer.
    head = raw[line.first : line.last].split(None, 1)
    return len(head[0]) if head else 0


def _starts_lower(raw: str, line: _Line) -> bool:
    """Whether the line opens with a lowercase letter, quotes and brackets aside."""
    position = line.first
    while position < line.last - 1 and raw[position] in _OPENERS:
        position += 1
    return raw[position].islower()


def _is_break(raw: str, shape: _Shape, a: _Line, b: _Line) -> bool:
    if b.after_separator:
        return True
    if not shape.wrapped:
        # One paragraph per line, except a sentence plainly cut in two.
        return raw[a.last - 1] in _TERMINAL or not (
            _starts_lower(raw, b) or _ends_with_function_word(raw, a)
        )
    if b.indent > shape.base_indent:
        return True
    if shape.indented or _starts_lower(raw, b):
        # Indents mark paragraphs; a short line is then no sign (the first line of a wire
        # body is short because the dateline was cut from it).
        return False
    if a.width + 1 + _first_word_length(raw, b) > shape.width:
        return False
    # The next word would have fitted, so the line was ended on purpose: at the end of a
    # paragraph, or after a headline. A line only somewhat short that stops mid-sentence is
    # more likely a first line shortened by a cut (a dateline, a byline) than a headline.
    return raw[a.last - 1] in _TERMINAL or a.width <= _SHORT_LINE * shape.width


def split_paragraphs(raw: str, standalone: Callable[[str], bool] | None = None) -> list[Paragraph]:
    """The paragraphs of ``raw`` in order.

    ``standalone(text)`` names lines that are a paragraph of their own wherever they occur
    (a byline, "Advertisement", a credit line), so that wrapping never glues them to text.
    It is only trusted where the line cannot be the middle of a sentence.
    """
    lines = list(_lines(raw))
    shape = _shape(raw, lines)
    paragraphs: list[Paragraph] = []
    group: list[_Line] = []

    def flush() -> None:
        if group:
            paragraph = normalize(raw, group[0].first, group[-1].last)
            if paragraph is not None:
                paragraphs.append(paragraph)
            group.clear()

    def alone(index: int) -> bool:
        if standalone is None:
            return False
        line = lines[index]
        if _starts_lower(raw, line):
            return False
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if before is not None and not before.blank and raw[before.last - 1] not in _TERMINAL:
            return False
        if after is not None and not after.blank and _starts_lower(raw, after):
            return False
        return standalone(clean_inline(raw[line.first : line.last]))

    previous: _Line | None = None
    for index, line in enumerate(lines):
        if line.blank:
            flush()
        elif (
            previous is not None
            and not previous.blank
            and (
                _is_break(raw, shape, previous, line)
                or (shape.wrapped and (alone(index) or alone(index - 1)))
            )
        ):
            flush()
            group.append(line)
        else:
            group.append(line)
        previous = line
    flush()
    return paragraphs


def gap_end(raw: str, start: int, limit: int) -> int:
    """End of the whitespace (and invisible characters) starting at ``start``, before ``limit``."""
    run = _RUN.match(raw, start, limit)
    return run.end() if run else start
