"""Indirect speech: 'X said (that) …', '…, X said.', 'according to X, …'.

One attribution per sentence at most, found on the sentence with quoted words masked, and
only in sentences where no direct or partial quote already took a cue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise

from storyline.model import FoundQuote, TextRange
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
_POSSESSIVE_S = word_set("'s ’s")
# Words whose "'s" is 'is' or 'has': "it's", "that's", "there's".
_S_IS = SUBJECT_PRONOUNS | word_set("that there here what who where how")
_SHARES = word_set("half third quarter percent")
_THAT_WINDOW = 12  # 'told The Post and Courier newspaper of Charleston on Saturday that'
_TIME_WORDS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | DAYS_FROM_TODAY
    | word_set("this last next earlier late week month year")
)
# Where a reported clause ends before its sentence does: a new clause of the narrator.
_CLAUSE_BREAKS = word_set(";")


def indirect_quotes(ctx: QuoteContext, taken: Iterable[FoundQuote]) -> list[FoundQuote]:
    busy = [(q.cue_start, q.cue_end) for q in taken if q.cue_start is not None]
    # A quote with no cue of its own ('… had served - "13 months in hell" - and said he
    # was …') leaves its sentence's verb of saying free.
    busy += [(q.start, q.end) for q in taken if q.cue_start is not None]
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
    # '…, according to a survey by the Civic Project released on Thursday.'
    according = next(
        (
            k
            for k in range(first + 3, last - 2)
            if tokens[k].text.lower() == "according"
            and tokens[k + 1].text.lower() == "to"
            and not blocked[k]
        ),
        None,
    )
    if according is not None:
        who = speaker.after(tokens, according + 2, last, blocked)
        stop = tokens[according - 1 if tokens[according - 1].text == "," else according].start
        if who is not None:
            return _make(
                ctx, start, stop, (according, according + 1), who, rules.INDIRECT_ACCORDING_TO
            )
    # 'The bigger risk, he said, is a clash …' / '…, said Roe, but …'
    inside = _cue_inside(ctx, first, last)
    if inside is not None:
        (left, right), cue, who = inside
        return _make(
            ctx,
            start,
            end,
            cue,
            who,
            rules.INDIRECT_CUE_INSIDE,
            parts=((start, tokens[left].start), (tokens[right].end, end)),
        )
    # '…, according to X.' / '…, X said.' / '…, said X.'
    comma = max((k for k in range(first, last) if tokens[k].text == ","), default=None)
    if comma is not None and first + 2 < comma < last - 1 and last - comma - 1 <= _TAIL_WORDS + 1:
        tail = _tail_cue(ctx, comma + 1, last)
        if tokens[first].text.lower() in _PHRASE_OPENERS and comma - first <= _OPENING_PHRASE:
            tail = None  # 'In an interview, Roe said …': an opening phrase, no statement
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
        if word in _ASK and not blocked[k] and tokens[k - 1].text.lower() not in _PASSIVE:
            question = _asked(ctx, k, first, last, end)
            if question is not None:
                return question
            continue
        if blocked[k] or word not in INDIRECT or not tokens[k].text[0].islower():
            continue
        if tokens[k - 1].text.lower() in _PASSIVE or speaker.is_noun_use(tokens, k):
            continue
        if _negated(tokens, k, first):
            continue  # 'It did not say how many units', 'declined to say whether'
        body = _body(ctx, k, last)
        if body is None or body >= last or not tokens[body].text[0].isalnum():
            continue
        participle = word.endswith("ing") and word not in _PARTICIPLE_CUES
        if participle and tokens[body - 1].text != "that":
            continue  # '…, writing a book called …', 'suggesting four other nights'
        after_pronoun = tokens[k - 1].text.lower() in SUBJECT_PRONOUNS
        if word in NOUN_LIKE and tokens[body - 1].text.lower() != "that" and not after_pronoun:
            continue  # 'police state powers', 'the report'
        if not _is_clause(ctx, body, last):
            continue
        who = speaker.before(tokens, k, first, blocked)
        if who is None or not speaker.can_speak(ctx.text, tokens, who):
            continue
        stop = _clause_end(ctx, body, last, end)
        if _subordinate(ctx, first, k):
            # 'While critics argue that A, the president has …': the statement ends with
            # the subordinate clause, at its comma (rule ``indirect-subordinate-ends``).
            comma = next((j for j in range(body + 1, last) if tokens[j].text == ","), None)
            if comma is not None:
                stop = min(stop, tokens[comma].start)
        return _make(ctx, tokens[body].start, stop, (k, k), who, rules.INDIRECT_SAID_THAT)
    return None


_ASK = word_set("ask asks asked")
_PARTICIPLE_CUES = word_set("saying telling adding")
_QUESTION_WORDS = word_set("whether if how why what who when where which")
_ASKED_OBJECT = 4  # 'asked the candidate's campaign whether …'


def _asked(ctx: QuoteContext, cue: int, first: int, last: int, end: int) -> FoundQuote | None:
    """'A reporter asked Sanders how he was feeling': a reported question (rule
    ``indirect-asked-question``); never 'asked X to …' (a request, not a statement)."""
    tokens = ctx.tokens
    question = next(
        (
            j
            for j in range(cue + 1, min(last, cue + 2 + _ASKED_OBJECT))
            if tokens[j].text.lower() in _QUESTION_WORDS
        ),
        None,
    )
    if question is None or any(
        tokens[j].text.lower() == "to" or not speaker.is_word(tokens[j])
        for j in range(cue + 1, question)
    ):
        return None
    if _negated(tokens, cue, first):
        return None
    who = speaker.before(tokens, cue, first, ctx.quoted)
    if who is None or not speaker.can_speak(ctx.text, tokens, who):
        return None
    return _make(ctx, tokens[question].start, end, (cue, cue), who, rules.INDIRECT_ASKED_QUESTION)


_OPENING_PHRASE = 6
_PHRASE_OPENERS = PREPOSITIONS | word_set("when while even despite after before with once")
_SUBORDINATORS = word_set("while although though if as because when since whereas unless even")


def _subordinate(ctx: QuoteContext, first: int, cue: int) -> bool:
    """Whether the cue stands in a subordinate clause that opens the sentence ('While she
    says …, she …', 'Although aides said …, …')."""
    return any(
        ctx.tokens[j].text.lower() in _SUBORDINATORS
        and (j == first or ctx.tokens[j - 1].text == ",")
        for j in range(first, cue)
    )


def _negated(tokens: Sequence[Token], cue: int, first: int) -> bool:
    # 'did not say', 'declined to say', 'Neither Roe nor Lund would say'
    return any(tokens[j].text.lower() in NEGATIONS for j in range(max(first, cue - 4), cue))


def _is_clause(ctx: QuoteContext, body: int, last: int) -> bool:
    """Whether the words at ``body`` open a clause (a subject, then a finite verb), not an
    infinitive, an object or a prepositional phrase ('agreed to trim', 'posted a win')."""
    tokens = ctx.tokens
    if tokens[body - 1].text.lower() in {"that", "whether", "if"}:
        return True
    opener = tokens[body].text
    lower = opener.lower()
    if lower == "about" and _figure(tokens, body + 1, last):
        pass  # 'said about half of the rise reflected …': a figure, not a topic
    elif lower in PREPOSITIONS or lower == "to" or lower in _TIME_WORDS:
        return False
    if lower.endswith("ing") and opener[0].islower():
        # 'said seeing the police there was welcome': a gerund subject with its verb
        stop = min(last, body + _CLAUSE_VERB_WINDOW)
        return any(tokens[j].text.lower() in BE | MODALS for j in range(body + 1, stop))
    # "she'd", "they’re": a pronoun with its auxiliary in one word
    if lower in SUBJECT_PRONOUNS or lower.replace("’", "'").split("'")[0] in SUBJECT_PRONOUNS:
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


def _figure(tokens: Sequence[Token], i: int, last: int) -> bool:
    """Whether ``tokens[i]`` is a figure or a share: '40', 'half', 'a third'."""
    word = tokens[i].text.lower() if i < last else ""
    return word[:1].isdigit() or word in QUANTIFIERS | _SHARES


def _clause_end(ctx: QuoteContext, body: int, last: int, end: int) -> int:
    """The reported clause ends at a semicolon; else it runs to the sentence's end. (Cutting
    at a dash, at ', which' / ', while' or at 'and' before a verb lost more statements than
    it trimmed on PolNeAR train: such words belong to the statement as often as not.)"""
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
    if following == "about" and _figure(tokens, cue + 2, last):
        leads = False  # 'said about half of the rise reflected …'
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
    if following == "that":
        # 'say that, even if they tried, a recount …': an aside after 'that'
        return cue + 3 if cue + 3 < last and tokens[cue + 2].text == "," else cue + 2
    return cue + 1


def _cue_inside(
    ctx: QuoteContext, first: int, last: int
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """A cue between two commas inside the sentence, with words of the statement on both
    sides: 'The bigger risk, he said, is a clash' (rule ``indirect-cue-inside``). Returns
    the two commas' token indices, the cue and the speaker."""
    tokens = ctx.tokens
    commas = [k for k in range(first + 2, last - 3) if tokens[k].text == ","]
    for left, right in pairwise(commas):
        if right - left - 1 > _TAIL_WORDS or right + 3 >= last:
            continue
        tail = _tail_cue(ctx, left + 1, right)
        if tail is None or not speaker.can_speak(ctx.text, tokens, tail[1]):
            continue
        if ctx.quoted[left - 1] or ctx.quoted[right + 1]:
            continue  # a quote's own cue
        return (left, right), tail[0], tail[1]
    return None


def _tail_cue(
    ctx: QuoteContext, first: int, last: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    tokens, blocked = ctx.tokens, ctx.quoted
    word = tokens[first].text.lower()
    if tokens[first].text in INVERTED:
        who = speaker.after(tokens, first + 1, last, blocked)
        if who is None or any(w in _VERBS for w in ctx.text[who[0] : who[1]].lower().split()):
            return None  # '…, said the vote would pass': a clause, not a speaker
        following = ctx.token_at_or_after(who[1])
        if following < last and blocked[following]:
            return None  # '…, said the plans "stink"': quoted words follow, no speaker
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
            if _reports_more(ctx, k, last):
                return None  # '…, the candidate said no' / '…, Roe said contractors …'
            who = speaker.before(tokens, k, first, blocked)
            return ((k, k), who) if who is not None else None
    return None


def _reports_more(ctx: QuoteContext, cue: int, last: int) -> bool:
    """Whether the words after a cue are its own reported clause, so that the cue does not
    close the statement before it ('Asked if he was bullied, the candidate said no')."""
    if cue + 1 >= last:
        return False
    following = ctx.tokens[cue + 1].text.lower()
    if following in _ANSWERS or following in SUBJECT_PRONOUNS or following == "that":
        return True
    if following in PREPOSITIONS or following in _TIME_WORDS or not following[:1].isalnum():
        return False  # '…, Roe said in a statement on Monday.'
    return last - cue > 2 or _is_clause(ctx, cue + 1, last)


_ANSWERS = word_set("yes no")


def _make(
    ctx: QuoteContext,
    start: int,
    end: int,
    cue: tuple[int, int],
    who: tuple[int, int],
    rule: NamedRule,
    parts: tuple[tuple[int, int], ...] = (),
) -> FoundQuote | None:
    while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in ".!?;:,"):
        end -= 1
    if ctx.words_in(start, end) < _MIN_WORDS:
        return None
    cue_start, cue_end = ctx.tokens[cue[0]].start, ctx.tokens[cue[1]].end
    pieces = tuple(TextRange(s, min(e, end)) for s, e in (_strip(ctx.text, p) for p in parts))
    return FoundQuote(
        start,
        end,
        "indirect",
        pieces,
        cue=ctx.text[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        speaker=ctx.text[who[0] : who[1]],
        speaker_start=who[0],
        speaker_end=who[1],
        rule=rule.name,
    )


def _strip(text: str, part: tuple[int, int]) -> tuple[int, int]:
    """A part without the spaces and commas at its edges."""
    start, end = part
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?;:,"):
        end -= 1
    return start, end
