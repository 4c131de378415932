"""Indirect speech: 'X said (that) …', '…, X said.', 'according to X, …'.

One attribution per sentence at most, found on the sentence with quoted words masked, and
only in sentences where no direct or partial quote already took a cue.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import FoundQuote
from storyline.quotes import rules, speaker
from storyline.quotes.context import QuoteContext
from storyline.quotes.cues import INDIRECT, INVERTED, NOT_REPORTING_NEXT, SPEECH
from storyline.rules import NamedRule
from storyline.text.lexicon import word_set

_MIN_WORDS = 3
_TAIL_WORDS = 10  # '…, the campaign said in a statement on Monday.'
_PASSIVE = word_set("is was are were be been being")
_VERBS = word_set("is was are were be been has had have would will could should can may might")
_TELL = word_set("tell tells told")


def indirect_quotes(ctx: QuoteContext, taken: Iterable[FoundQuote]) -> list[FoundQuote]:
    busy = [(q.cue_start, q.cue_end) for q in taken if q.cue_start is not None]
    busy += [(q.start, q.end) for q in taken]
    found = []
    for start, end in ctx.sentences:
        if any(s < end and e > start for s, e in busy if s is not None and e is not None):
            continue
        quote = _in_sentence(ctx, start, end)
        if quote is not None:
            found.append(quote)
    return found


def _in_sentence(ctx: QuoteContext, start: int, end: int) -> FoundQuote | None:
    tokens, blocked = ctx.tokens, ctx.quoted
    first, last = ctx.token_at_or_after(start), ctx.token_at_or_after(end)
    if last - first < 4:
        return None
    # 'According to X, …'
    if tokens[first].text.lower() == "according" and tokens[first + 1].text.lower() == "to":
        who = speaker.after(tokens, first + 2, last, blocked)
        comma = next((k for k in range(first + 2, last) if tokens[k].text == ","), None)
        if who is not None and comma is not None:
            return _make(
                ctx,
                tokens[comma + 1].start if comma + 1 < last else end,
                end,
                (first, first + 1),
                who,
                rules.INDIRECT_ACCORDING_TO_FIRST,
            )
    # '…, according to X.' / '…, X said.' / '…, said X.'
    comma = max((k for k in range(first, last) if tokens[k].text == ","), default=None)
    if comma is not None and first + 2 < comma < last - 1 and last - comma - 1 <= _TAIL_WORDS + 1:
        tail = _tail_cue(ctx, comma + 1, last)
        if tail is not None:
            cue, who = tail
            return _make(ctx, start, tokens[comma].start, cue, who, rules.INDIRECT_CUE_AFTER)
    # 'X said (that) …'
    for k in range(first + 1, last):
        word = tokens[k].text.lower()
        if blocked[k] or word not in INDIRECT or not tokens[k].text[0].islower():
            continue
        if tokens[k - 1].text.lower() in _PASSIVE or speaker.is_noun_use(tokens, k):
            continue
        body = _body(ctx, k, last)
        if body is None:
            continue
        who = speaker.before(tokens, k, first, blocked)
        if who is None:
            continue
        if body >= last or not tokens[body].text[0].isalnum():
            continue
        return _make(ctx, tokens[body].start, end, (k, k), who, rules.INDIRECT_SAID_THAT)
    return None


def _body(ctx: QuoteContext, cue: int, last: int) -> int | None:
    """Where the reported clause starts: after 'that' ('said on Monday that …', 'told
    reporters that …'), else right after the verb; ``None`` when the verb reports nothing
    ('agreed to a proposal')."""
    tokens = ctx.tokens
    that = next(
        (j for j in range(cue + 1, min(last, cue + 8)) if tokens[j].text.lower() == "that"), None
    )
    if cue + 1 >= last:
        return None
    following = tokens[cue + 1].text.lower()
    if that is not None and (following in NOT_REPORTING_NEXT or tokens[cue].text.lower() in _TELL):
        return that + 1
    if following in NOT_REPORTING_NEXT:
        return None
    if tokens[cue].text.lower() in _TELL:
        return cue + 2
    return cue + 2 if following == "that" else cue + 1


def _tail_cue(
    ctx: QuoteContext, first: int, last: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    tokens, blocked = ctx.tokens, ctx.quoted
    word = tokens[first].text.lower()
    if tokens[first].text in INVERTED:
        who = speaker.after(tokens, first + 1, last, blocked)
        if who is None or any(w in _VERBS for w in ctx.text[who[0] : who[1]].lower().split()):
            return None  # '…, said the vote would pass': a clause, not a speaker
        return (first, first), who
    if word == "according" and first + 1 < last and tokens[first + 1].text.lower() == "to":
        who = speaker.after(tokens, first + 2, last, blocked)
        return ((first, first + 1), who) if who is not None else None
    for k in range(first + 1, last):
        if blocked[k] or not speaker.is_word(tokens[k]):
            return None
        if tokens[k].text in SPEECH and not speaker.is_noun_use(tokens, k):
            source = speaker.as_source(tokens, k, last, blocked)
            if source is not None:
                return (k - 1, k + 1), source
            who = speaker.before(tokens, k, first, blocked)
            return ((k, k), who) if who is not None else None
    return None


def _make(
    ctx: QuoteContext,
    start: int,
    end: int,
    cue: tuple[int, int],
    who: tuple[int, int],
    rule: NamedRule,
) -> FoundQuote | None:
    while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in ".!?;:,"):
        end -= 1
    if ctx.words_in(start, end) < _MIN_WORDS:
        return None
    cue_start, cue_end = ctx.tokens[cue[0]].start, ctx.tokens[cue[1]].end
    return FoundQuote(
        start,
        end,
        "indirect",
        (),
        cue=ctx.text[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        speaker=ctx.text[who[0] : who[1]],
        speaker_start=who[0],
        speaker_end=who[1],
        rule=rule.name,
    )
