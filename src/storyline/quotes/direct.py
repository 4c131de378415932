"""Direct and partial quotes: quoted stretches tied to a cue and a speaker.

For each quoted stretch, in order:

- a term marker right before it ("so-called", "dubbed", "titled"; an article before one or
  two words: 'the "Green Corridor" plan') makes it a term, not a quote;
- a cue after it: '…," he said', '…," said Smith', '…," Sen. Roe (D-Ore.) said', '…,"
  according to X', '"…?" Roe asked.', '"…" ― Jane Roe'; '"…," he said, "…"' joins the two
  stretches into one quote;
- a cue before it in its sentence: 'He said: "…"' is direct, 'He said the plan was "dead on
  arrival"' partial (the reported clause is its content), 'as stated in a joint
  announcement' names the source of any quoted words of its sentence; a colon introduces a
  quote of the name or subject before it ('Pollster Jane Roe: "…"'), also from the end of
  the previous paragraph;
- no cue: a stretch opening its paragraph or sentence right after another quote continues
  that speaker; a stretch in a sentence whose cue comes after it is partial; a whole quoted
  paragraph of four words or more is a quote of an unknown speaker; anything else (a short
  phrase in a sentence with no cue) is a scare quote and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from storyline.model import FoundQuote, TextRange
from storyline.quotes import rules, speaker
from storyline.quotes.context import QuoteContext
from storyline.quotes.cues import ARTICLES, INVERTED, NAMING, SPEECH, TERM_MARKERS
from storyline.quotes.marks import Stretch
from storyline.rules import NamedRule
from storyline.text.lexicon import word_set

_MAX_CUE_GAP = 8  # words between a cue and the quote it introduces ('told CNN on Sunday:')
# '…," Jane Roe, a spokeswoman for the campaign, said': words between a quote and its cue.
_MAX_SPEAKER_TOKENS = 16
_CLAUSE_END = frozenset(",.!?…;:-—–―")
_DASHES = frozenset({"—", "–", "―"})
_CONTINUATION_WORDS = 4
_TERM_WORDS = 2  # 'the "Access Hollywood" tape' is a name; 'the "strategic threats …"' a quote
_CARRY_CHARS = 2500  # how far back a continued quote may take its speaker from
_CARRY_GAP = 300  # and how much narration may sit between the two quotes
# A headline cited with its author: '"…," by the Post's Jane Roe'.
_BY_AUTHOR = re.compile(r",? by (?:the )?[A-Z]")


@dataclass(frozen=True, slots=True)
class Cue:
    token: int  # index of its first token
    last: int  # index of its last token
    speaker: tuple[int, int] | None


def direct_quotes(ctx: QuoteContext) -> list[FoundQuote]:
    quotes: list[FoundQuote] = []
    last: FoundQuote | None = None
    used: set[int] = set()
    for index, stretch in enumerate(ctx.stretches):
        if index in used or _is_term(ctx, stretch):
            continue
        if _inside_clause(ctx, stretch):
            # 'Roe says Kasich "has a record," and he warns …': the cue before comes first.
            quote = _before_cue_quote(ctx, stretch) or _after_cue_quote(ctx, index, used)
        else:
            quote = _after_cue_quote(ctx, index, used) or _before_cue_quote(ctx, stretch)
        if quote is None:
            quote = (
                _partial_in_sentence(ctx, stretch)
                or _continuation(ctx, stretch, last)
                or _standalone(ctx, stretch)
                or _quoted_words(ctx, stretch)
            )
        if quote is not None and quote.speaker is None and last is not None:
            quote = _same_speaker(ctx, quote, last)
        if quote is not None:
            if quotes and (quotes[-1].start, quotes[-1].end, quotes[-1].kind) == (
                quote.start,
                quote.end,
                quote.kind,
            ):
                # Two quoted phrases of one reported clause: one quote, two pieces.
                previous = quotes.pop()
                quote = replace(previous, pieces=previous.pieces + quote.pieces)
            quotes.append(quote)
            last = quote
    return quotes


def _same_speaker(ctx: QuoteContext, quote: FoundQuote, last: FoundQuote) -> FoundQuote:
    """'"…," he said, and then predicted: "…"': a quote whose cue has no subject of its own,
    right after a quote of the same paragraph, has that quote's speaker."""
    between = ctx.text[last.end : quote.start]
    if last.speaker is None or "\n" in between or len(between) > _CARRY_GAP:
        return quote
    return replace(
        quote,
        speaker=last.speaker,
        speaker_start=last.speaker_start,
        speaker_end=last.speaker_end,
        rule=f"{quote.rule}+{rules.SAME_SPEAKER.name}",
    )


def _is_term(ctx: QuoteContext, stretch: Stretch) -> bool:
    if stretch.closed and _BY_AUTHOR.match(ctx.text, stretch.outer_end):
        return True  # '"Pop-up art show opens," by Hyperallergic's Jo Roe': a headline
    i = ctx.token_at_or_after(stretch.open_at) - 1
    if i < 0:
        return False
    word = ctx.tokens[i].text.lower()
    if word in TERM_MARKERS or (
        word in ARTICLES and i > 0 and ctx.tokens[i - 1].text.lower() in TERM_MARKERS
    ):
        return True  # 'so-called "…"', 'dubbed the "…"'
    return word in ARTICLES and ctx.words_in(stretch.start, stretch.end) <= _TERM_WORDS


def _cue_after(ctx: QuoteContext, stretch: Stretch) -> Cue | None:
    """'…," he said' / '…," said Smith' / '…," according to X' right after the stretch."""
    if not stretch.closed:
        return None
    tokens, blocked = ctx.tokens, ctx.quoted
    _, sentence_end = ctx.sentence_of(stretch.outer_end - 1)
    if sentence_end <= stretch.outer_end:
        # '"Is he serious?" Roe asked.': the cue is split off as a sentence of its own.
        following = ctx.text[stretch.outer_end : stretch.outer_end + 2]
        if following[:1] == " " and following[1:].isalnum():
            _, sentence_end = ctx.sentence_of(stretch.outer_end + 1)
    j = ctx.token_at_or_after(stretch.outer_end)
    ceiling = ctx.token_at_or_after(max(sentence_end, stretch.outer_end + 1))
    ceiling = min(ceiling, len(tokens))
    ended = ctx.text[stretch.start : stretch.end].rstrip()[-1:] in _CLAUSE_END
    if j < ceiling and (tokens[j].text == "," or tokens[j].text in _DASHES):
        ended = True
        j += 1
    if j >= ceiling or blocked[j]:
        return None
    # Without punctuation, the words after the quote continue its sentence ('"…" following
    # talks in Jeddah') unless they open with a name, a pronoun or the verb ('" Roe said').
    first = tokens[j].text
    if not ended and first[0].islower() and first not in speaker.PRONOUNS | INVERTED:
        return None
    word = tokens[j].text.lower()
    if tokens[j].text in INVERTED or (tokens[j].text in {"Said", "Says"} and j > 0):
        return Cue(j, j, speaker.after(tokens, j + 1, ceiling, blocked))
    if j > 0 and tokens[j - 1].text in _DASHES and tokens[j].text[0].isupper():
        # A pull quote signed with a dash: '"…" ― Jane Roe'
        name = speaker.after(tokens, j, ceiling, blocked)
        return Cue(j - 1, j - 1, name) if name is not None else None
    if word == "according" and j + 1 < ceiling and tokens[j + 1].text.lower() == "to":
        return Cue(j, j + 1, speaker.after(tokens, j + 2, ceiling, blocked))
    k = j
    while k < min(ceiling, j + _MAX_SPEAKER_TOKENS):
        if tokens[k].text == "(":
            # '…," Sen. Jane Roe (D-Ore.) said.'
            close = next(
                (c for c in range(k + 1, min(ceiling, k + 7)) if tokens[c].text == ")"), None
            )
            if close is None:
                return None
            k = close + 1
            continue
        if blocked[k] or not (
            speaker.is_word(tokens[k])
            or tokens[k].text == ","
            or speaker.plural_possessive(tokens, k, j)
        ):
            return None
        if k > j and tokens[k].text in SPEECH and not speaker.is_noun_use(tokens, k):
            source = speaker.as_source(tokens, k, ceiling, blocked)
            if source is not None:
                return Cue(k - 1, k + 1, source)
            if (
                k - 1 > j
                and tokens[k - 1].text == ","
                and tokens[k].text in INVERTED
                and k + 1 < ceiling
                and _opens_source(tokens[k + 1].text)
            ):
                # '"…," like the recent swings in markets, said Jo Roe, an economist.'
                return Cue(k, k, speaker.after(tokens, k + 1, ceiling, blocked))
            found = speaker.before(tokens, k, j, blocked)
            if found is None or _introduces_next(ctx, stretch, j, k, found):
                return None
            return Cue(k, k, found)
        k += 1
    return None


def _introduces_next(
    ctx: QuoteContext, stretch: Stretch, first: int, cue: int, found: tuple[int, int]
) -> bool:
    """'"…." He added: "…"': a new sentence after a quote that ended with its own full stop,
    whose cue ends in a colon or comma right before the next quote, introduces that quote
    (rule ``cue-introduces-next``); the quote before it is not its words."""
    text = ctx.text
    if ctx.tokens[first - 1].text == "," or not stretch.closed:
        return False
    if text[stretch.start : stretch.end].rstrip()[-1:] not in {".", "!", "?"}:
        return False
    end = max(ctx.tokens[cue].end, found[1])
    following = text[end : end + 4].lstrip()
    if following[:1] in {":", ","} and following[1:].lstrip()[:1] in {'"', "“", "'", "‘"}:
        return True
    # '"…." He said that he …' / 'He said he would …': a sentence of reported speech.
    # (Any other words after the cue, 'He demands safeguards', cost more speakers than
    # they saved on PolNeAR train: the next sentence is mostly the same speaker's.)
    nxt = ctx.token_at_or_after(end)
    return nxt < len(ctx.tokens) and ctx.tokens[nxt].text.lower() in _REPORTED_OPENERS


_REPORTED_OPENERS = word_set("that he she they we i it there")


def _after_cue_quote(ctx: QuoteContext, index: int, used: set[int]) -> FoundQuote | None:
    stretch = ctx.stretches[index]
    cue = _cue_after(ctx, stretch)
    if cue is None:
        return None
    pieces = [stretch]
    tail = max(ctx.tokens[cue.last].end, cue.speaker[1] if cue.speaker else 0)
    # '"…," he said, "…"': the next stretch right after the cue and a comma continues it.
    following = index + 1
    if following < len(ctx.stretches):
        nxt = ctx.stretches[following]
        gap = ctx.text[tail : nxt.open_at]
        if gap.strip() in {",", ":"} and "\n" not in gap:
            pieces.append(nxt)
            used.add(following)
    if _inside_clause(ctx, stretch):
        kind, rule = "partial", rules.PARTIAL_QUOTE_THEN_CUE
    else:
        kind, rule = "direct", rules.DIRECT_QUOTE_THEN_CUE
    return _quote(ctx, pieces, kind, cue, rule=rule)


def _inside_clause(ctx: QuoteContext, stretch: Stretch) -> bool:
    """'She warned of the "…," the mayor said': the quote opens in the middle of a clause."""
    sentence_start, _ = ctx.sentence_of(stretch.open_at)
    lead = ctx.text[sentence_start : stretch.open_at].rstrip()
    return bool(lead) and lead[-1].isalnum()


def _cue_before(ctx: QuoteContext, stretch: Stretch) -> Cue | None:
    """The nearest cue before the stretch in its sentence, outside quotes."""
    sentence_start, _ = ctx.sentence_of(stretch.open_at)
    floor = ctx.token_at_or_after(sentence_start)
    tokens = ctx.tokens
    for k in range(ctx.token_at_or_after(stretch.open_at) - 1, floor - 1, -1):
        if ctx.quoted[k]:
            continue
        word = tokens[k].text.lower()
        if word == "to" and k > floor and tokens[k - 1].text.lower() == "according":
            ceiling = ctx.token_at_or_after(stretch.open_at)
            return Cue(k - 1, k, speaker.after(tokens, k + 1, ceiling, ctx.quoted))
        if k == floor and tokens[k].text in _OPENING_INVERTED:
            # 'Said Roe, "…"': a sentence opening with the verb names its speaker after it.
            ceiling = ctx.token_at_or_after(stretch.open_at)
            return Cue(k, k, speaker.after(tokens, k + 1, ceiling, ctx.quoted))
        is_cue = tokens[k].text in NAMING or tokens[k].text in SPEECH
        if is_cue and not speaker.is_noun_use(tokens, k):
            k = _outer_cue(ctx, floor, k)
            ceiling = ctx.token_at_or_after(stretch.open_at)
            if _inverted_after_quote(ctx, k, floor, ceiling):
                # '"…," said a former official who described it as "…"': the speaker of
                # an inverted cue after a quote follows the cue.
                return Cue(k, k, speaker.after(tokens, k + 1, ceiling, ctx.quoted))
            participle = tokens[k].text.endswith("ed") or tokens[k].text in {"told", "said"}
            if participle and k > floor and tokens[k - 1].text.lower() in _PASSIVE_BEFORE:
                # 'Roe has been accused of using the "politics of confusion"': the one
                # who accuses is not named (rule ``cue-passive``).
                return Cue(k, k, None)
            return Cue(k, k, speaker.before(tokens, k, floor, ctx.quoted))
    return None


_PASSIVE_BEFORE = word_set("been was were is are be being")  # before a past participle


# 'Said Roe, "…"': an inverted cue opening its sentence, capitalised.
_OPENING_INVERTED = frozenset(word.capitalize() for word in INVERTED)


def _inverted_after_quote(ctx: QuoteContext, k: int, floor: int, ceiling: int) -> bool:
    """Whether cue ``k`` is an inverted cue right after a quote ('…," said the mayor')."""
    tokens = ctx.tokens
    if tokens[k].text not in INVERTED or k <= floor or k + 1 >= ceiling:
        return False
    before = k - 1
    if tokens[before].text == "," and before > floor:
        before -= 1
    return ctx.quoted[before] and _opens_source(tokens[k + 1].text)


def _outer_cue(ctx: QuoteContext, floor: int, k: int) -> int:
    """The verb of saying that governs cue ``k`` in the same clause: in "A spokesperson said
    the money announced on Tuesday could flow '…'", the source is the spokesperson, not the
    money; the nearest cue is a participle inside the reported clause."""
    tokens = ctx.tokens
    for j in range(k - 1, floor - 1, -1):
        if ctx.quoted[j] or tokens[j].text in {",", ";", ":", "—", "–", "(", ")"}:
            return k
        if tokens[j].text in SPEECH and not speaker.is_noun_use(tokens, j):
            return j
    return k


def _before_cue_quote(ctx: QuoteContext, stretch: Stretch) -> FoundQuote | None:
    cue = _cue_before(ctx, stretch)
    if cue is None:
        return _after_colon(ctx, stretch)
    between = ctx.text[ctx.tokens[cue.last].end : stretch.open_at]
    gap_words = ctx.words_in(ctx.tokens[cue.last].end, stretch.open_at)
    introduces = between.rstrip().endswith((",", ":")) or not between.strip()
    if introduces and gap_words <= _MAX_CUE_GAP and ctx.tokens[cue.token].text.lower() != "called":
        return _quote(ctx, [stretch], "direct", cue, rule=rules.DIRECT_CUE_THEN_QUOTE)
    if ctx.words_in(stretch.start, stretch.end) < 2 or _is_title(ctx, stretch):
        return None
    stated = _stated_in(ctx, stretch)
    if stated is not None:
        return _quote(ctx, [stretch], "partial", stated, rule=rules.PARTIAL_STATED_IN)
    return _partial(ctx, stretch, cue)


def _stated_in(ctx: QuoteContext, stretch: Stretch) -> Cue | None:
    """'…, as stated in a joint announcement': the sentence names where its quoted words
    come from, whatever verb comes before them."""
    _, sentence_end = ctx.sentence_of(stretch.open_at)
    ceiling = ctx.token_at_or_after(sentence_end)
    for k in range(ctx.token_at_or_after(stretch.outer_end), ceiling):
        if not ctx.quoted[k] and ctx.tokens[k].text in SPEECH:
            source = speaker.as_source(ctx.tokens, k, ceiling, ctx.quoted)
            if source is not None:
                return Cue(k - 1, k + 1, source)
    return None


def _after_colon(ctx: QuoteContext, stretch: Stretch) -> FoundQuote | None:
    """'Politico reveals a few facts: "…"', or a paragraph ending with a colon before a
    quoted paragraph: the colon introduces a quote of the clause's subject (or of the
    speaker of the verb of saying before the colon)."""
    sentence_start, _ = ctx.sentence_of(stretch.open_at)
    colon_at = len(ctx.text[: stretch.open_at].rstrip()) - 1
    if colon_at < sentence_start:
        # The colon ends the previous paragraph: its sentence introduces the quote.
        sentence_start, _ = ctx.sentence_of(max(0, colon_at))
    if colon_at < 0 or ctx.text[colon_at] != ":":
        return None
    if ctx.words_in(stretch.start, stretch.end) < _CONTINUATION_WORDS:
        return None
    first = ctx.token_at_or_after(sentence_start)
    colon = ctx.token_at_or_after(colon_at)
    for k in range(colon - 1, first - 1, -1):
        is_cue = ctx.tokens[k].text in SPEECH and not speaker.is_noun_use(ctx.tokens, k)
        if not ctx.quoted[k] and is_cue:
            found = speaker.before(ctx.tokens, k, first, ctx.quoted)
            return _quote(ctx, [stretch], "direct", Cue(k, k, found), rule=rules.DIRECT_COLON_CUE)
    # 'Republican pollster Jane Roe: "…"': the name right before the colon, else the subject.
    found = speaker.trailing_name(ctx.tokens, first, colon - 1) or speaker.clause_subject(
        ctx.tokens, first, colon, ctx.quoted
    )
    return FoundQuote(
        stretch.start,
        stretch.end,
        "direct",
        (TextRange(stretch.start, stretch.end),),
        speaker=ctx.text[found[0] : found[1]] if found else None,
        speaker_start=found[0] if found else None,
        speaker_end=found[1] if found else None,
        rule=rules.DIRECT_COLON_NAME.name,
    )


def _partial(ctx: QuoteContext, stretch: Stretch, cue: Cue) -> FoundQuote:
    """A quoted phrase inside reported speech: the content is the reported clause, from
    after the cue (and 'that') to the end of the sentence, when the cue is a verb of saying."""
    tokens = ctx.tokens
    word = tokens[cue.token].text.lower()
    if word in NAMING:
        return _quote(ctx, [stretch], "partial", cue, rule=rules.PARTIAL_NAMING_VERB)
    first = cue.last + 1
    # 'said on Monday that the port faced "…"': the clause opens after 'that'.
    for j in range(first, min(len(tokens), first + 8, ctx.token_at_or_after(stretch.open_at))):
        if tokens[j].text in {",", ";", ":"} or ctx.quoted[j]:
            break
        if tokens[j].text.lower() == "that":
            first = j + 1
            break
    _, sentence_end = ctx.sentence_of(stretch.open_at)
    start = min(tokens[first].start if first < len(tokens) else stretch.start, stretch.open_at)
    end = max(_trim_end(ctx.text, start, sentence_end), stretch.outer_end)
    return _quote(ctx, [stretch], "partial", cue, (start, end), rule=rules.PARTIAL_REPORTED_CLAUSE)


def _partial_in_sentence(ctx: QuoteContext, stretch: Stretch) -> FoundQuote | None:
    """A quoted phrase whose cue comes later in the sentence: 'The plan is "dead," he said.'"""
    if ctx.words_in(stretch.start, stretch.end) < 2 or _is_title(ctx, stretch):
        return None
    _, sentence_end = ctx.sentence_of(stretch.open_at)
    tokens = ctx.tokens
    sentence_start, _ = ctx.sentence_of(stretch.open_at)
    floor = ctx.token_at_or_after(sentence_start)
    for k in range(ctx.token_at_or_after(stretch.outer_end), len(tokens)):
        if tokens[k].start >= sentence_end:
            break
        if not ctx.quoted[k] and tokens[k].text in SPEECH and not speaker.is_noun_use(tokens, k):
            ceiling = ctx.token_at_or_after(sentence_end)
            source = speaker.as_source(tokens, k, ceiling, ctx.quoted)
            if source is not None:
                cue = Cue(k - 1, k + 1, source)
                return _quote(ctx, [stretch], "partial", cue, rule=rules.PARTIAL_SOURCE_LATER)
            found = None
            if (
                tokens[k].text in INVERTED
                and tokens[k - 1].text == ","
                and k + 1 < ceiling
                and _opens_source(tokens[k + 1].text)
            ):
                # '… support for Ukraine, said one of the minister's aides': the source
                # follows an inverted cue; the word before the comma is not the speaker.
                found = speaker.after(tokens, k + 1, ceiling, ctx.quoted)
            found = found or speaker.before(tokens, k, floor, ctx.quoted)
            if found is None and tokens[k].text in INVERTED:
                found = speaker.after(tokens, k + 1, ceiling, ctx.quoted)
            if found is not None:
                cue = Cue(k, k, found)
                return _quote(ctx, [stretch], "partial", cue, rule=rules.PARTIAL_CUE_LATER)
    return None


_NOT_SOURCE_OPENERS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december in on at of to that this last
    earlier later"""
)


def _opens_source(word: str) -> bool:
    """Whether the word after an inverted cue can open its source: "said one of the aides",
    "said the mayor", "said Roe"; not "said Thursday", "said of the plan", "said at a
    rally" (there the source stood before the cue, often in an apposition)."""
    lower = word.lower()
    if lower in _NOT_SOURCE_OPENERS:
        return False
    return lower in speaker.DETERMINERS or word[:1].isupper()


def _continuation(
    ctx: QuoteContext, stretch: Stretch, last: FoundQuote | None
) -> FoundQuote | None:
    """A quote opening its paragraph or sentence with no cue of its own: the previous
    speaker goes on ('"…," Smith said. "…"')."""
    line_start = ctx.text.rfind("\n", 0, stretch.open_at) + 1
    sentence_start, _ = ctx.sentence_of(stretch.open_at)
    lead = ctx.text[max(line_start, sentence_start) : stretch.open_at]
    if lead.strip():
        return None
    # Only across a little narration, and not from a speaker named long before.
    if last is None or stretch.open_at - last.end > _CARRY_GAP:
        return None
    # A short sentence right after a quote of the same paragraph goes on with it too
    # ('"…," said Roe. "Marco gets it."').
    same_paragraph = "\n" not in ctx.text[last.end : stretch.open_at]
    least = _CONTINUATION_WORDS - 1 if same_paragraph else _CONTINUATION_WORDS
    if ctx.words_in(stretch.start, stretch.end) < least:
        return None
    if last.speaker_start is None or stretch.open_at - last.speaker_start > _CARRY_CHARS:
        pieces = (TextRange(stretch.start, stretch.end),)
        return FoundQuote(
            stretch.start, stretch.end, "direct", pieces, rule=rules.DIRECT_UNATTRIBUTED.name
        )
    return FoundQuote(
        stretch.start,
        stretch.end,
        "direct",
        (TextRange(stretch.start, stretch.end),),
        speaker=last.speaker,
        speaker_start=last.speaker_start,
        speaker_end=last.speaker_end,
        rule=rules.DIRECT_CONTINUES_SPEAKER.name,
    )


def _standalone(ctx: QuoteContext, stretch: Stretch) -> FoundQuote | None:
    """A whole quoted paragraph with no cue and nobody quoted before: a quote, speaker
    unknown (a headline or a lead that opens with the quote)."""
    line_start = ctx.text.rfind("\n", 0, stretch.open_at) + 1
    if ctx.text[line_start : stretch.open_at].strip() or not stretch.closed:
        return None
    if ctx.words_in(stretch.start, stretch.end) < _CONTINUATION_WORDS or _is_title(ctx, stretch):
        return None
    pieces = (TextRange(stretch.start, stretch.end),)
    return FoundQuote(
        stretch.start, stretch.end, "direct", pieces, rule=rules.DIRECT_STANDALONE.name
    )


def _quoted_words(ctx: QuoteContext, stretch: Stretch) -> FoundQuote | None:
    """Quoted words of three or more inside a sentence with no verb of saying ('bemoaned a
    climate in which people "literally hate each other"'): a partial quote of the
    sentence's subject (rule ``partial-no-cue``); not a title or a name."""
    if not stretch.closed or ctx.words_in(stretch.start, stretch.end) < _QUOTED_WORDS:
        return None
    if _is_title(ctx, stretch):
        return None
    sentence_start, _ = ctx.sentence_of(stretch.open_at)
    floor = ctx.token_at_or_after(sentence_start)
    ceiling = ctx.token_at_or_after(stretch.open_at)
    found = None
    if ceiling > floor:
        found = speaker.clause_subject(ctx.tokens, floor, ceiling, ctx.quoted)
    pieces = (TextRange(stretch.start, stretch.end),)
    return FoundQuote(
        stretch.start,
        stretch.end,
        "partial",
        pieces,
        speaker=ctx.text[found[0] : found[1]] if found else None,
        speaker_start=found[0] if found else None,
        speaker_end=found[1] if found else None,
        rule=rules.PARTIAL_NO_CUE.name,
    )


_QUOTED_WORDS = 3


def _is_title(ctx: QuoteContext, stretch: Stretch) -> bool:
    """'"The Art of the Deal"': every longer word capitalised, no sentence punctuation."""
    words = ctx.text[stretch.start : stretch.end].rstrip(",.").split()
    if not words or len(words) > 8 or words[-1][-1] in "!?":
        return False
    return all(w[0].isupper() for w in words if len(w) > 3 and w[0].isalpha())


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?;:"):
        end -= 1
    return end


def _quote(
    ctx: QuoteContext,
    pieces: list[Stretch],
    kind: str,
    cue: Cue,
    span: tuple[int, int] | None = None,
    *,
    rule: NamedRule,
) -> FoundQuote:
    tokens = ctx.tokens
    cue_start, cue_end = tokens[cue.token].start, tokens[cue.last].end
    start, end = span or (pieces[0].start, pieces[-1].end)
    speaker_text = None
    speaker_start = speaker_end = None
    if cue.speaker is not None:
        speaker_start, speaker_end = cue.speaker
        speaker_text = ctx.text[speaker_start:speaker_end]
    return FoundQuote(
        start,
        end,
        "direct" if kind == "direct" else "partial",
        tuple(TextRange(p.start, p.end) for p in pieces),
        cue=ctx.text[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        speaker=speaker_text,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        rule=rule.name,
    )
