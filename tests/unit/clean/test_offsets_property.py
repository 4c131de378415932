"""Invariants of clean_article over generated articles.

Whatever the layout (blank lines, one paragraph per line, hard-wrapped with indents), the
whitespace noise and the furniture mixed in, every clean character is a raw character, every
removal is a real stretch of the raw text, and nothing visible is dropped without a removal
saying so.
"""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from storyline.clean import Cleaned, clean_article
from storyline.clean.layout import clean_inline

INVISIBLE = "\u200b\u00ad\ufeff\x03"

VOCABULARY = (
    "the port strike ended on Monday after talks with ministers in Lisbon and Rotterdam "
    "said workers union cranes quay ships night shift pay offer “deal” ‘quota’ – — 4.5% "
    "$12m Zürich Kyiv Émile O'Brien co-op by share follow"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))
SENTENCE = st.lists(WORDS, min_size=3, max_size=16).map(
    lambda words: " ".join(words)[:1].upper() + " ".join(words)[1:] + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
HEADLINE = st.lists(WORDS, min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize())
EXTRAS = st.sampled_from(
    [
        "By Jana Novak",
        "BY JANA NOVAK AND LI WEI",
        "By Tomás Ferreira, Lisbon Ledger",
        "Reporting by Ana Costa; Editing by Peter Hall",
        "(Reporting by Ana Costa in Paris; Writing by Li Wei)",
        "Mara Lindqvist contributed to this report for Northern Post",
        "Additional reporting by Jana Novak",
        "© 2025 Harbor Herald. All rights reserved.",
        "Share this article",
        "Follow us on X",
        "Sign up for our newsletter",
        "Advertisement",
        "Read more: Antwerp braces for walkout",
        "Image caption The quay at dawn",
        "Getty Images",
        "Reuter",
    ]
)
DATELINES = st.sampled_from(
    [
        "",
        "",
        "ROTTERDAM (CW) – ",
        "PARIS, March 11 (Reuters) - ",
        "LONDON — ",
        "KYIV, Ukraine (AP) — ",
    ]
)
TRAILERS = st.sampled_from(["", "", " (Reporting by Ana Costa; Editing by Peter Hall)", " REUTER"])
SEPARATORS = st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\n", "\n \t\n", "\n\n\n", "\u2029"])
NOISE = st.sampled_from([" ", " ", " ", " ", "  ", "\t", "\u00a0", " \u200b", "\u00a0 ", " \n"])


def noisy(draw: st.DrawFn, text: str, *, newlines: bool) -> str:
    pieces = text.split(" ")
    out = [pieces[0]]
    for piece in pieces[1:]:
        space = draw(NOISE)
        if not newlines:
            space = space.replace("\n", "")
        if draw(st.integers(0, 15)) == 0:
            piece = piece[:1] + draw(st.sampled_from(INVISIBLE)) + piece[1:]
        out.append((space or " ") + piece)
    return "".join(out)


@st.composite
def articles(draw: st.DrawFn) -> str:
    blocks: list[str] = []
    if draw(st.booleans()):
        blocks.append(draw(HEADLINE))
    if draw(st.booleans()):
        blocks.append(draw(EXTRAS))
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=7))
    paragraphs[0] = draw(DATELINES) + paragraphs[0]
    for paragraph in paragraphs:
        blocks.append(paragraph)
        if draw(st.integers(0, 4)) == 0:
            blocks.append(draw(EXTRAS))
    blocks[-1] += draw(TRAILERS)
    if draw(st.booleans()):
        blocks.append(draw(EXTRAS))
    if draw(st.integers(0, 3)) == 0:
        # Wire style: hard-wrapped at a fixed width, paragraphs marked by an indent.
        width = draw(st.integers(40, 80))
        wrapped = [
            "\n".join(
                textwrap.wrap(
                    block,
                    width,
                    initial_indent="    " if i else "",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
            for i, block in enumerate(blocks)
        ]
        return "\n".join(wrapped) + "\n"
    separator = draw(SEPARATORS)
    newlines = separator.strip(" \t") not in ("\n", "\r\n")
    body = separator.join(noisy(draw, block, newlines=newlines) for block in blocks)
    return (
        draw(st.sampled_from(["", "\n", "  ", "\ufeff"]))
        + body
        + draw(st.sampled_from(["", "\n", "  \n"]))
    )


def squash(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in INVISIBLE)


def without_removals(raw: str, cleaned: Cleaned, start: int, end: int) -> str:
    kept = []
    position = start
    for removal in cleaned.removals:
        if removal.raw_end <= position or removal.raw_start >= end:
            continue
        kept.append(raw[position : max(position, removal.raw_start)])
        position = max(position, removal.raw_end)
    kept.append(raw[position:end])
    return "".join(kept)


@settings(max_examples=300, deadline=None)
@given(articles(), st.data())
def test_clean_text_and_removals_trace_back_to_raw(raw: str, data: st.DataObject) -> None:
    cleaned = clean_article(raw)
    text, offsets = cleaned.text, cleaned.offset_map
    assert offsets.clean_length == len(text) and offsets.raw_length == len(raw)

    # Removals are real, disjoint stretches of the raw text, given without edge whitespace.
    previous_end = 0
    for removal in cleaned.removals:
        assert previous_end <= removal.raw_start < removal.raw_end <= len(raw)
        assert removal.text == raw[removal.raw_start : removal.raw_end]
        assert removal.text == removal.text.strip()
        previous_end = removal.raw_end

    # Nothing visible disappears without a removal that says so.
    assert squash(without_removals(raw, cleaned, 0, len(raw))) == squash(text)

    # The clean text is tidy: paragraphs joined by one blank line, single spaces inside.
    assert text == text.strip()
    paragraphs = text.split("\n\n") if text else []
    for paragraph in paragraphs:
        assert paragraph == clean_inline(paragraph)

    # Each paragraph maps to raw text with the same characters, modulo whitespace.
    position = 0
    for paragraph in paragraphs:
        start = text.index(paragraph, position)
        position = start + len(paragraph)
        raw_start, raw_end = offsets.to_raw(start, position)
        assert squash(raw[raw_start:raw_end]) == squash(paragraph)
        assert raw[raw_start] == paragraph[0] and raw[raw_end - 1] == paragraph[-1]

    if not text:
        return
    # Any span maps to raw text that, less what was removed, holds the same characters.
    start = data.draw(st.integers(0, len(text) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(text)), label="end")
    raw_start, raw_end = offsets.to_raw(start, end)
    assert squash(without_removals(raw, cleaned, raw_start, raw_end)) == squash(text[start:end])
    if not text[start].isspace():
        assert raw[raw_start] == text[start]
    if not text[end - 1].isspace():
        assert raw[raw_end - 1] == text[end - 1]


@settings(max_examples=100, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=8), st.integers(40, 80), st.booleans())
def test_layouts_give_back_the_written_paragraphs(
    paragraphs: list[str], width: int, wire: bool
) -> None:
    blocks = [
        "\n".join(
            textwrap.wrap(
                paragraph,
                width,
                initial_indent="    " if i else "",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        if wire
        else paragraph
        for i, paragraph in enumerate(paragraphs)
    ]
    separator = "\n" if wire else "\n\n"
    raw = separator.join(blocks)
    # One or two wrapped lines are ambiguous (a headline and a sentence, or one sentence
    # cut in two); the layout is only recognisable from a few lines on.
    assume(not wire or raw.count("\n") >= 3)
    starts, position = [], 0
    for block in blocks:
        starts.append(position + len(block) - len(block.lstrip()))
        position += len(block) + len(separator)

    cleaned = clean_article(raw)

    # A small vocabulary repeats itself, so repeats may go; all else comes back whole.
    assert {r.kind for r in cleaned.removals} <= {"repeated-lead", "repeated-paragraph"}
    removed = {r.raw_start for r in cleaned.removals}
    expected = [p for p, start in zip(paragraphs, starts, strict=True) if start not in removed]
    assert cleaned.text.split("\n\n") == expected
