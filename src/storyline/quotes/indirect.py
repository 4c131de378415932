"""Indirect speech: 'X said (that) …', '…, X said.', 'according to X, …'.

One attribution per sentence at most, found on the sentence with quoted words masked, and
only in sentences where no direct or partial quote already took a cue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from storyline.model import FoundQuote
from storyline.quotes import rules, speaker
from storyline.quotes.context import QuoteContext
from storyline.quotes.cues import (
    INDIRECT,
    INVERTED,
    NEGATIONS,
    NOT_REPORTING_NEXT,
    NOUN_LIKE,
    SPEECH,
)
from storyline.rules import NamedRule
from storyline.text.lexicon import (
    BE,
    DAYS_FROM_TODAY,
    DO,
    HAVE,
    MODALS,
    MONTHS,
    PREPOSITIONS,
    QUANTIFIERS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    word_set,
)
from storyline.text.tokens import Token

_MIN_WORDS = 3
_TAIL_WORDS = 10  # '…, the campaign said in a statement on Monday.'
_PASSIVE = word_set("is was are were be been being")
_VERBS = word_set("is was are were be been has had have would will could should can may might")
_TELL = word_set("tell tells told")
# A reported clause opens with its subject: a pronoun, a determiner, a name or a figure.
_CLAUSE_OPENERS = (
    SUBJECT_PRONOUNS
    | QUANTIFIERS
    | word_set("the a an this these those his her their its our my your there one two")
) - word_set("no")
_SUBJECTS = SUBJECT_PRONOUNS - word_set("you it")
# And has a finite verb soon after: an auxiliary, a modal, or a past or present form.
_FINITE = BE | HAVE | DO | MODALS | word_set("n't won't can't 's 'd 'll 're 've ’s ’d ’ll ’re ’ve")
_CLAUSE_VERB_WINDOW = 12
_THAT_WINDOW = 12  # 'told The Post and Courier newspaper of Charleston on Saturday that'
_TIME_WORDS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | DAYS_FROM_TODAY
    | word_set("this last next earlier late week month year")
)
# Where a reported clause ends before its sentence does: a new clause of the narrator.
_CLAUSE_BREAKS = word_set("; -- — –")


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
        if tail is not None and speaker.can_speak(ctx.text, tokens, tail[1]):
            cue, who = tail
            quote = _make(ctx, start, tokens[comma].start, cue, who, rules.INDIRECT_CUE_AFTER)
            skipped = ctx.text[tokens[cue[1]].end : max(who[0], tokens[cue[1]].end)]
            if quote is not None and skipped.strip():
                rule = f"{quote.rule}+{rules.SPEAKER_AFTER_TIME.name}"
                quote = replace(quote, rule=rule)
            return quote
    # 'X said (that) …'
    for k in range(first + 1, last):
        word = tokens[k].text.lower()
        if blocked[k] or word not in INDIRECT or not tokens[k].text[0].islower():
            continue
        if tokens[k - 1].text.lower() in _PASSIVE or speaker.is_noun_use(tokens, k):
            continue
        if _negated(tokens, k, first):
            continue  # 'It did not say how many units', 'declined to say whether'
        body = _body(ctx, k, last)
        if body is None or body >= last or not tokens[body].text[0].isalnum():
            continue
        after_pronoun = tokens[k - 1].text.lower() in SUBJECT_PRONOUNS
        if word in NOUN_LIKE and tokens[body - 1].text.lower() != "that" and not after_pronoun:
            continue  # 'police state powers', 'the report'
        if not _is_clause(ctx, body, last):
            continue
        who = speaker.before(tokens, k, first, blocked)
        if who is None or not speaker.can_speak(ctx.text, tokens, who):
            continue
        stop = _clause_end(ctx, body, last, end)
        return _make(ctx, tokens[body].start, stop, (k, k), who, rules.INDIRECT_SAID_THAT)
    return None


def _negated(tokens: Sequence[Token], cue: int, first: int) -> bool:
    return any(tokens[j].text.lower() in NEGATIONS for j in range(max(first, cue - 3), cue))


def _is_clause(ctx: QuoteContext, body: int, last: int) -> bool:
    """Whether the words at ``body`` open a clause (a subject, then a finite verb), not an
    infinitive, an object or a prepositional phrase ('agreed to trim', 'posted a win')."""
    tokens = ctx.tokens
    if tokens[body - 1].text.lower() in {"that", "whether", "if"}:
        return True
    opener = tokens[body].text
    lower = opener.lower()
    if lower in PREPOSITIONS or lower == "to" or lower in _TIME_WORDS:
        return False
    if lower.endswith("ing") and opener[0].islower():
        return False
    if lower in SUBJECT_PRONOUNS:
        return True
    for j in range(body + 1, min(last, body + _CLAUSE_VERB_WINDOW)):
        word = tokens[j].text.lower()
        if word in _FINITE or (word.endswith("ed") and tokens[j - 1].text.lower() != "the"):
            return True
        if word.endswith("s") and word.isalpha() and j > body and not word.endswith("ss"):
            previous = tokens[j - 1].text.lower()
            if previous in SUBJECT_PRONOUNS or (
                previous.isalpha() and previous not in _CLAUSE_OPENERS
            ):
                return True
    return False


def _clause_end(ctx: QuoteContext, body: int, last: int, end: int) -> int:
    """The reported clause ends at a semicolon or a dash that opens the narrator's words."""
    for j in range(body + 1, last):
        if ctx.tokens[j].text in _CLAUSE_BREAKS:
            return ctx.tokens[j].start
    return end


def _body(ctx: QuoteContext, cue: int, last: int) -> int | None:
    """Where the reported clause starts: after 'that' ('said on Monday that …', 'told
    reporters that …'), else right after the verb (or after the one-word object of 'told');
    ``None`` when the verb reports nothing ('agreed to a proposal')."""
    tokens = ctx.tokens
    if cue + 1 >= last:
        return None
    that = next(
        (
            j
            for j in range(cue + 1, min(last, cue + _THAT_WINDOW))
            if tokens[j].text.lower() == "that"
        ),
        None,
    )
    if that is not None and any(t.text in {",", ";", ":"} for t in tokens[cue + 1 : that]):
        that = None
    following = tokens[cue + 1].text.lower()
    told = tokens[cue].text.lower() in _TELL
    # 'said on Monday that', 'told the paper on Saturday that': a phrase before 'that'.
    leads = following in NOT_REPORTING_NEXT or following in PREPOSITIONS or following in _TIME_WORDS
    if that is not None and (leads or told):
        return that + 1
    if leads or told:
        # 'said in an interview on Sunday he would …', 'told The Associated Press she …':
        # the clause opens at the first subject pronoun after the phrase.
        if following == "to" and not told:
            return None
        return next(
            (
                j
                for j in range(cue + 2, min(last, cue + _THAT_WINDOW))
                if tokens[j].text.lower() in _SUBJECTS and tokens[j - 1].text not in {",", ";"}
            ),
            None,
        )
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
