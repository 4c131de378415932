"""The speaker of a cue: the words next to it that name or point to the source.

Before the cue, the noun phrase ending right before it (auxiliaries and adverbs such as
"has", "also", "later" skipped), up to a clause boundary; an apposition ("Jane Roe, a
campaign spokeswoman, said") gives the name and its description. After an inverted cue
('…," said the senator'), the words up to a comma, full stop or a time phrase.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from storyline.quotes.cues import SPEECH
from storyline.text.lexicon import (
    BE,
    DAYS_FROM_TODAY,
    DO,
    FUNCTION_WORDS,
    HAVE,
    IRREGULAR_BASE,
    MODALS,
    MONTHS,
    POSSESSIVES,
    PREPOSITIONS,
    QUANTIFIERS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    word_set,
)
from storyline.text.tokens import Token

_SKIP_BEFORE = word_set(
    """has have had also later then further previously once again repeatedly recently
    reportedly would will often frequently publicly privately flatly bluntly simply only is
    was did does do never always just already even first subsequently initially quickly
    immediately finally ultimately could might may can should must not n't has've
    additionally earlier now"""
)
_BOUNDARY = word_set(
    """that which and but or while as because when if after before where although though so
    who whom what than whether until unless since nor yet to"""
)
_STOP_AFTER = word_set(
    """on in at during after before when while as last this yesterday today tonight earlier
    late recently that to about who
    adding according told via through"""
)
_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
_MAX_WORDS = 10


def is_word(token: Token) -> bool:
    return token.text[0].isalnum() or token.text in {"'s", "’s", "&", "%"}


# Characters ``[start, end)`` of the text a speaker was looked for in.
CharRange = tuple[int, int]


PRONOUNS = word_set("he she they we i it you")
DETERMINERS = word_set(
    """the a an one two three four some many several most both all each every this that
    these those another his her their its our my your no few former top senior other
    any"""
)


def before(
    tokens: Sequence[Token], cue: int, floor: int, blocked: Sequence[bool]
) -> CharRange | None:
    """Speaker span ending before ``tokens[cue]``, not reaching before token ``floor``; the
    subject of the clause when the words before the cue are a verb phrase ('Trump told
    Newsmax that …, adding, "…"')."""
    if tokens[cue].text.endswith("ing") and (
        cue == floor or tokens[cue - 1].text.lower() in _BEFORE_PARTICIPLE
    ):
        return _participle_subject(tokens, cue, floor, blocked)
    if cue > floor and tokens[cue - 1].text.lower() in _CHAINED:
        chained = _chained_subject(tokens, cue, floor, blocked)
        if chained is not None:
            return chained
    found = _trim(tokens, _before(tokens, cue, floor, blocked))
    if found is None or not _verb_phrase(tokens, found, floor, cue):
        return found or clause_subject(tokens, floor, cue, blocked)
    first = bisect_left(tokens, found[0], key=lambda t: t.start)
    last = bisect_left(tokens, found[1], key=lambda t: t.start) - 1
    name = trailing_name(tokens, first, last)
    return name or clause_subject(tokens, floor, cue, blocked) or found


# Words that chain a verb of saying to the verb before it: 'he laughed and said', 'was
# prompted to say', 'interjected to say'.
_CHAINED = word_set("and but then to")
_CHAIN_WINDOW = 14


def _chained_subject(
    tokens: Sequence[Token], cue: int, floor: int, blocked: Sequence[bool]
) -> CharRange | None:
    """The subject of the verb a cue is chained to ('When Jo Roe was asked …, he laughed
    and said', 'Mr. Roe was prompted to say'): the speaker before that verb (rule
    ``speaker-chained-verb``)."""
    inner: CharRange | None = None
    for j in range(cue - 2, max(floor, cue - _CHAIN_WINDOW) - 1, -1):
        word = tokens[j].text
        if blocked[j] or word in {";", ":"}:
            return inner
        if j > floor and word.islower() and word.isalpha() and _verb_like(word):
            previous = tokens[j - 1].text
            if (
                previous.lower() in _SKIP_BEFORE
                or previous.lower() in PRONOUNS
                or (previous[0].isupper() and is_word(tokens[j - 1]))
                or previous == ","
            ):
                found = _trim(tokens, _before(tokens, j, floor, blocked))
                if found is None or _verb_phrase(tokens, found, floor, j):
                    continue
                said = [
                    k
                    for k in range(floor, j - 1)
                    if found[0] <= tokens[k].start < found[1] and tokens[k].text in SPEECH
                ]
                if said and tokens[said[-1] + 1].text.lower() in PRONOUNS:
                    # 'Mr Roe said he agreed, but insisted …': 'he', not 'Mr Roe said he'.
                    found = (tokens[said[-1] + 1].start, found[1])
                opening = bisect_left(tokens, found[0], key=lambda t: t.start)
                if opening > floor and tokens[opening - 1].text.lower() in _COMPLEMENT:
                    # 'He acknowledged that the public had lost faith, but suggested …':
                    # the verb inside a complement is chained only if no verb before it is.
                    inner = inner or found
                    continue
                return found
    return inner


_COMPLEMENT = word_set("that whether if")


def is_noun_use(tokens: Sequence[Token], i: int) -> bool:
    """'the IG's report', 'for state workers': a cue word used as a noun ('by saying' and
    "he's predicting" are verbs)."""
    if i == 0 or tokens[i].text.endswith("ing"):
        return False
    if tokens[i].text in _PLURAL_NOUNS:
        # 'the primary states.', 'claims of fraud': a plural noun unless a clause follows
        following = tokens[i + 1].text if i + 1 < len(tokens) else "."
        if following in {".", "of", "about", "and", "or", "were", "are", "have", ")"}:
            return True
    previous = tokens[i - 1].text
    # 'raising fears', 'growing concerns'
    gerund = (
        previous.endswith("ing")
        and previous.islower()
        and previous not in _BEFORE_PARTICIPLE | _ING_NOUNS
    )
    # 'dismissed claims', 'denied reports': a verb and its plural object
    plural = tokens[i].text.endswith("s") and previous.endswith("ed") and previous.islower()
    return previous.lower() in _NOUN_BEFORE or gerund or plural


def _participle_subject(
    tokens: Sequence[Token], cue: int, floor: int, blocked: Sequence[bool]
) -> CharRange | None:
    """', saying "…"' / ', adding that …': the speaker of the clause it hangs on."""
    for k in range(cue - 1, floor - 1, -1):
        if not blocked[k] and tokens[k].text in SPEECH and not tokens[k].text.endswith("ing"):
            return before(tokens, k, floor, blocked)
    # 'Speaking in Salem, New Hampshire, Trump went after Bush, calling him …': the subject
    # of the clause the participle hangs on, else of the sentence.
    end = cue - 1 if cue > floor and tokens[cue - 1].text == "," else cue
    clause = next((k + 1 for k in range(end - 1, floor - 1, -1) if tokens[k].text == ","), floor)
    if clause > floor:
        found = clause_subject(tokens, clause, end, blocked)
        if found is not None:
            return found
    return clause_subject(tokens, floor, cue, blocked)


def trailing_name(tokens: Sequence[Token], first: int, last: int) -> CharRange | None:
    """'… for news and talk Dave Gorab': the capitalised name that ends tokens
    ``first..last``."""
    if last < first or not tokens[last].text[0].isupper():
        return None
    i = last
    while i > first:
        if tokens[i - 1].text[0].isupper():
            i -= 1
        elif _name_joiner(tokens, i - 1, first):
            i -= 2
        elif tokens[i - 1].text == "the" and _name_joiner(tokens, i - 2, first):
            i -= 3  # 'Royal College of the Arts'
        else:
            break
    return tokens[i].start, tokens[last].end


# Words inside a name: 'Minister of Mines and Energy', 'Dunmore & Pike'.
_NAME_JOINERS = word_set("of and &")


def _name_joiner(tokens: Sequence[Token], k: int, first: int) -> bool:
    """Whether ``tokens[k]`` joins two capitalised words of one name: 'College of
    Surgeons', 'Mines and Energy'."""
    return (
        k - 1 >= first
        and tokens[k].text in _NAME_JOINERS
        and tokens[k - 1].text[0].isupper()
        and is_word(tokens[k - 1])
    )


def _trim(tokens: Sequence[Token], span: CharRange | None) -> CharRange | None:
    """Drop discourse words at the edges: 'Likewise, …', 'Bush, however'."""
    if span is None:
        return None
    first = bisect_left(tokens, span[0], key=lambda t: t.start)
    last = bisect_left(tokens, span[1], key=lambda t: t.start)
    inside = [t for t in tokens[first:last] if t.end <= span[1]]
    # 'However, he did say …': neither the discourse word nor its comma is the speaker.
    while inside and (inside[0].text.lower() in _NOT_SUBJECT - PRONOUNS or inside[0].text == ","):
        inside.pop(0)
    while inside and (inside[-1].text.lower() in _NOT_SUBJECT - PRONOUNS or inside[-1].text == ","):
        inside.pop()
    return (inside[0].start, inside[-1].end) if inside else None


def _verb_phrase(tokens: Sequence[Token], span: CharRange, floor: int, cue: int) -> bool:
    words = [t for t in tokens[floor:cue] if span[0] <= t.start and t.end <= span[1]]
    if len(words) < 2:
        return False
    first = words[0].text
    if words[1].text in _GROUP_PREPOSITIONS and first.endswith("s") and not first.endswith("ss"):
        return False  # 'officials at Dunmore and Pike said': a group, not a verb phrase
    return first[0].islower() and first not in DETERMINERS and first not in PRONOUNS


def clause_subject(
    tokens: Sequence[Token], first: int, ceiling: int, blocked: Sequence[bool]
) -> CharRange | None:
    """The subject opening a sentence: a pronoun, a capitalised name, or 'The' and a noun;
    after an opening phrase ('In an interview on Monday, Trump …', 'Speaking in Ohio, …')."""
    if first >= ceiling or blocked[first]:
        return None
    opening = tokens[first].text.lower()
    if opening in _OPENERS or (opening.endswith("ing") and tokens[first].text[0].isupper()):
        comma = next((k for k in range(first, ceiling) if tokens[k].text == ","), None)
        if comma is None or comma + 1 >= ceiling:
            return None
        first = comma + 1
        if blocked[first]:
            return None
    word = tokens[first].text.lower()
    if word in PRONOUNS:
        return tokens[first].start, tokens[first].end
    if word in {"the", "a", "an", "this"} and first + 1 < ceiling and is_word(tokens[first + 1]):
        named = subject(tokens, first + 1, ceiling, blocked)
        if named is not None:
            return tokens[first].start, _with_head_noun(tokens, named[1], ceiling, blocked)
        return tokens[first].start, tokens[first + 1].end
    named = subject(tokens, first, ceiling, blocked)
    if named is None:
        return None
    return named[0], _with_head_noun(tokens, named[1], ceiling, blocked)


def _with_head_noun(
    tokens: Sequence[Token], end: int, ceiling: int, blocked: Sequence[bool]
) -> int:
    """'The Tory leader went on', "Meridia's spokesman went on": the end of a subject whose
    capitalised words (ending at character ``end``) are followed by their lower-case head
    noun, when a verb comes right after that noun."""
    k = bisect_left(tokens, end, key=lambda t: t.end) + 1
    if k < ceiling and not blocked[k] and tokens[k].text in {"'s", "’s"}:
        k += 1
    plain = tokens[k].text.replace("-", "")  # 'co-chairman'
    if k + 1 >= ceiling or blocked[k] or not is_word(tokens[k]) or not plain.isalpha():
        return end
    noun, following = tokens[k].text, tokens[k + 1].text.lower()
    if not noun.islower() or _verb_like(noun) or noun in FUNCTION_WORDS | _SKIP_BEFORE:
        return end
    # 'The Tory leader brands such criticisms …': a present verb after the noun too.
    present = following.endswith("s") and not following.endswith("ss") and following.isalpha()
    verb = _verb_like(following) or following in _SKIP_BEFORE or (present and len(following) > 3)
    return tokens[k].end if verb else end


def _verb_like(word: str) -> bool:
    """A finite verb form by its look: 'went', 'said', 'is', 'warned', 'could'."""
    lower = word.lower()
    return (
        lower in IRREGULAR_BASE
        or lower in _CLAUSE_WORDS
        or lower in SPEECH
        or (lower.endswith("ed") and len(lower) > 4)
    )


def _before(
    tokens: Sequence[Token], cue: int, floor: int, blocked: Sequence[bool]
) -> CharRange | None:
    i = cue - 1
    # 'Jo Roe on Thursday evening said': neither adverbs nor a time phrase are the speaker.
    while (
        i >= floor
        and not blocked[i]
        and (tokens[i].text.lower() in _SKIP_BEFORE or (i > floor and _is_time(tokens, i)))
    ):
        i -= 1
    end = i
    start = _walk_back(tokens, i, floor, blocked)
    if start <= end and start - 3 >= floor and _participle_link(tokens, start - 1):
        # 'Another source speaking to Fox News said': who speaks stands before the
        # participle, not after it (rule ``speaker-before-participle``).
        head_end = start - 3
        head_start = _walk_back(tokens, head_end, floor, blocked)
        if head_start <= head_end:
            return _name_before_apposition(tokens, head_start, head_end, floor, blocked)
    if start <= end:
        return _name_before_apposition(tokens, start, end, floor, blocked)
    # '…, a campaign spokeswoman, said': the phrase between the commas.
    if i >= floor and tokens[i].text == ",":
        for _ in range(3):
            end = i - 1
            start = _walk_back(tokens, end, floor, blocked)
            if start > end:
                return None
            relative = start - 1 >= floor and tokens[start - 1].text.lower() in {"who", "which"}
            opening = _segment_start(tokens, end, floor)
            first_word = tokens[opening].text.lower()
            if not relative and opening < start and first_word in _RELATIVES:
                # 'Roe, who signed the law as governor, said': the whole aside is relative.
                relative, start = True, opening + 1
            elif opening < start and first_word in {"the", "a", "an"}:
                # 'Roe, the only candidate to campaign in Ohio, said': one description.
                start = opening
            # 'Roe, during a town hall in Columbus, Ohio, said': a phrase of place or time.
            aside_phrase = first_word in PREPOSITIONS or first_word == "during"
            city = (
                start == end
                and tokens[start].text[0].isupper()
                and start - 2 >= floor
                and tokens[start - 1].text == ","
                and tokens[start - 2].text[0].isupper()
                and _segment_start(tokens, start - 2, floor) < start - 2
                and tokens[_segment_start(tokens, start - 2, floor)].text.lower() in PREPOSITIONS
            )
            aside = " ".join(t.text.lower() for t in tokens[start : end + 1]) in _ASIDES
            # 'Clinton, speaking to reporters on Tuesday, said' / 'Jane Roe, 25, said'
            aside = aside or (tokens[start].text.endswith("ing") and tokens[start].text.islower())
            aside = aside or (start == end and tokens[start].text.isdigit())
            if city:
                i = start - 1  # skip 'Ohio,' and read the phrase before it as the aside
                continue
            aside = aside or (aside_phrase and opening == start)
            if not relative and not aside:
                return _name_before_apposition(tokens, start, end, floor, blocked)
            if relative and start - 2 >= floor and tokens[start - 2].text != ",":
                # 'Jo Roe, a security expert who has studied the breaches, said': the
                # relative clause hangs on an apposition; the name stands before it.
                noun_end = start - 2
                noun_start = _walk_back(tokens, noun_end, floor, blocked)
                if floor < noun_start <= noun_end and tokens[noun_start - 1].text == ",":
                    found = _name_before_apposition(tokens, noun_start, noun_end, floor, blocked)
                    if found[0] < tokens[noun_start].start:
                        return found
            # 'Trump, who has many followers, tweeted' / 'Her campaign, for example, said':
            # the phrase before the aside.
            i = start - 2 if relative else start - 1
            if i < floor or tokens[i].text != ",":
                return None
    return None


# Words ending in -ing that are no participle: 'on Thursday evening said'.
_ING_NOUNS = word_set("morning evening spring thing something nothing anything everything king")
_PLURAL_NOUNS = word_set(
    """states reports claims fears hopes doubts notes calls answers charges promises demands
    estimates posts tweets remarks counters"""
)
_BEFORE_PARTICIPLE = word_set(", despite after before while by in without when")
_OPENERS = word_set(
    """in on at after when while as during since with despite following before but and then
    so although though because if unlike like amid asked earlier later last"""
)
_NOUN_BEFORE = word_set(
    """the a an his her their its our my your 's ’s for of in on at with by from beyond
    without about under over into through against no"""
)
_ASIDES = frozenset(
    {
        "for example",
        "for instance",
        "however",
        "in fact",
        "of course",
        "meanwhile",
        "too",
        "though",
        "in turn",
        "in addition",
        "instead",
        "again",
        "also",
        "in particular",
        "in contrast",
        "by contrast",
    }
)


def _walk_back(tokens: Sequence[Token], i: int, floor: int, blocked: Sequence[bool]) -> int:
    start = i + 1
    while i >= floor and start - i <= _MAX_WORDS and not blocked[i]:
        if tokens[i].text == ")":
            # 'Sen. Jane Roe (D-Ore.)': a party and state in brackets belong to the name.
            opening = bracket_start(tokens, i, floor)
            if opening is None:
                break
            start = i = opening
            i -= 1
            continue
        if plural_possessive(tokens, i, floor):
            # "The Whigs' spokesman said": the apostrophe of a plural possessive.
            start = i
            i -= 1
            continue
        if tokens[i].text == "and" and _joined_names(tokens, i, start, floor, blocked):
            start = i
            i -= 1
            continue
        if not is_word(tokens[i]) or tokens[i].text.lower() in _BOUNDARY:
            break
        start = i
        i -= 1
    return start


def _participle_link(tokens: Sequence[Token], k: int) -> bool:
    """'speaking to', 'talking with', 'writing in': a participle and its preposition at
    ``tokens[k - 1 : k + 1]``."""
    participle = tokens[k - 1].text
    return (
        tokens[k].text in {"to", "with", "in", "on"}
        and participle.endswith("ing")
        and participle.islower()
        and participle not in _ING_NOUNS
    )


_RELATIVES = word_set("who which")
_SEGMENT_WORDS = 20


def _segment_start(tokens: Sequence[Token], end: int, floor: int) -> int:
    """The first token after the comma before ``tokens[end]`` (or ``floor``)."""
    k = end
    while k > floor and end - k < _SEGMENT_WORDS and tokens[k - 1].text != ",":
        k -= 1
    return k


def _joined_names(
    tokens: Sequence[Token], i: int, start: int, floor: int, blocked: Sequence[bool]
) -> bool:
    """'Dunmore and Pike said', 'the Minister of Mines and Energy said': the 'and' at
    ``tokens[i]`` joins two names when capitalised words stand on both sides of it and the
    words before it open the phrase (nothing but a clause boundary, a determiner or the
    start before them: not 'Trump won Ohio and Clinton said')."""
    if start > i + 1 or i + 1 >= len(tokens) or not tokens[i + 1].text[0].isupper():
        return False
    k = i - 1
    if k < floor or blocked[k] or not is_word(tokens[k]) or not tokens[k].text[0].isupper():
        return False
    while k >= floor and not blocked[k] and is_word(tokens[k]):
        if tokens[k].text[0].isupper() or _name_joiner(tokens, k, floor):
            k -= 1
            continue
        break
    if k < floor or blocked[k] or not is_word(tokens[k]):
        return True
    word = tokens[k].text.lower()
    if word in _GROUP_PREPOSITIONS and k - 1 >= floor and not blocked[k - 1]:
        # 'Officials at Dunmore and Pike said': the names belong to the group before the
        # preposition (rule ``speaker-group-of-names``), not to 'won in Ohio and Roe said'.
        head = tokens[k - 1].text.lower()
        return head in _GROUP_NOUNS or (
            head.endswith("s") and head.isalpha() and head not in _CLAUSE_WORDS | _SKIP_BEFORE
        )
    return word in _BOUNDARY or word in DETERMINERS or word in _SKIP_BEFORE


_GROUP_PREPOSITIONS = word_set("at of for from")
# Nouns of one speaker for a group: 'the head of Dunmore and Pike said'.
_GROUP_NOUNS = word_set(
    """spokesman spokeswoman spokesperson head chief leader director president chairman
    chairwoman lawyer executive official"""
)


def bracket_start(tokens: Sequence[Token], close: int, floor: int) -> int | None:
    """Index of the '(' that ``tokens[close]`` (a ')') closes, within a few tokens."""
    for k in range(close - 1, max(floor, close - 7) - 1, -1):
        if tokens[k].text == "(":
            return k
        if not is_word(tokens[k]) and tokens[k].text not in {"-", ".", ","}:
            return None
    return None


def _name_before_apposition(
    tokens: Sequence[Token], start: int, end: int, floor: int, blocked: Sequence[bool]
) -> CharRange:
    """'Jane Roe, a spokeswoman': extend a lower-case description back over the name."""
    first = tokens[start].text
    if first[0].islower() and start - 2 >= floor and tokens[start - 1].text == ",":
        i = start - 2
        name_start = start
        while i >= floor and not blocked[i] and tokens[i].text[0].isupper() and is_word(tokens[i]):
            name_start = i
            i -= 1
        if name_start < start:
            return tokens[name_start].start, tokens[end].end
    return tokens[start].start, tokens[end].end


_NOT_SUBJECT = word_set(
    """and but or so then here this that it in on at as if when while after before for with
    yet still now meanwhile however also indeed likewise wait recently instead later earlier
    well perhaps maybe"""
)


def subject(
    tokens: Sequence[Token], first: int, ceiling: int, blocked: Sequence[bool]
) -> CharRange | None:
    """The capitalised name that opens a clause ('Reporter Jane Roe says:'), if any."""
    if first >= ceiling or tokens[first].text.lower() in _NOT_SUBJECT:
        return None
    i = first
    while (
        i < ceiling
        and not blocked[i]
        and is_word(tokens[i])
        and (tokens[i].text[0].isupper() or tokens[i].text in {"'s", "’s", "of"})
    ):
        i += 1
    while i > first and not tokens[i - 1].text[0].isupper():
        i -= 1
    if i == first:
        return None
    return tokens[first].start, tokens[i - 1].end


def as_source(
    tokens: Sequence[Token], cue: int, ceiling: int, blocked: Sequence[bool]
) -> CharRange | None:
    """'…, as stated in a joint announcement' / 'as reported by the agency': the source
    follows 'in' or 'by'."""
    if cue == 0 or tokens[cue - 1].text.lower() != "as" or cue + 2 >= ceiling:
        return None
    if tokens[cue + 1].text.lower() not in {"in", "by"}:
        return None
    return after(tokens, cue + 2, ceiling, blocked)


def plural_possessive(tokens: Sequence[Token], i: int, first: int) -> bool:
    """The apostrophe of "the negotiators' advisers"."""
    return (
        i > first
        and tokens[i].text in {"'", "’"}
        and tokens[i - 1].end == tokens[i].start
        and tokens[i - 1].text.endswith("s")
        and i + 1 < len(tokens)
        and tokens[i + 1].text[0].isalnum()
    )


def _stops_speaker(tokens: Sequence[Token], i: int) -> bool:
    """'… said Jane Roe on Monday' stops at 'on'; 'the Sunday Times' is a name."""
    word = tokens[i].text.lower()
    if word in _WEEKDAYS:
        return tokens[i - 1].text.lower() != "the"
    return word in _STOP_AFTER


def after(
    tokens: Sequence[Token], first: int, ceiling: int, blocked: Sequence[bool]
) -> CharRange | None:
    """Speaker span starting at ``tokens[first]``: '…," said a senior campaign aide.'; a
    time phrase right after the cue is not the speaker ('…, said Thursday a spokeswoman for
    the bank', rule ``speaker-after-time``)."""
    while first < ceiling and not blocked[first] and _is_time(tokens, first):
        first += 1
    i = first
    while (
        i < ceiling
        and i - first < _MAX_WORDS + 2
        and not blocked[i]
        and (is_word(tokens[i]) or plural_possessive(tokens, i, first))
        and (i == first or not _stops_speaker(tokens, i))
    ):
        i += 1
    if i == first:
        return None
    return tokens[first].start, tokens[i - 1].end


_TIME_WORDS = (
    frozenset(WEEKDAYS) | frozenset(MONTHS) | DAYS_FROM_TODAY | word_set("on last this late early")
)


def _is_time(tokens: Sequence[Token], i: int) -> bool:
    """'Thursday', 'on Monday', 'last week', 'yesterday' after an inverted cue."""
    word = tokens[i].text.lower()
    if word in {"on", "last", "this", "late", "early"}:
        return i + 1 < len(tokens) and tokens[i + 1].text.lower() in _TIME_WORDS | word_set(
            "week month year night morning afternoon evening"
        )
    if word in {"week", "month", "year", "night", "morning", "afternoon", "evening"}:
        return i > 0 and tokens[i - 1].text.lower() in _TIME_WORDS
    return word in _TIME_WORDS


# Words that open a noun phrase naming who speaks.
_SPEAKER_OPENERS = SUBJECT_PRONOUNS | POSSESSIVES | QUANTIFIERS | DETERMINERS
# Capitalised at a sentence's start, yet no name: "Less than a week after …", "Rather, …".
_NOT_NAMES = (FUNCTION_WORDS | word_set("less rather little still even later earlier")) - (
    SUBJECT_PRONOUNS | DETERMINERS
)
_CLAUSE_WORDS = BE | HAVE | DO | MODALS


_ABOUT = word_set("about nearly almost roughly some only just over more than fewer")
_SHARE = word_set("percent % in out")
_NUMBERS = word_set("one two three four five six seven eight nine ten half a third quarter")


def _share_of_people(lower: list[str]) -> bool:
    """'42 %', 'About one in five', '58 percent of Latino voters': a share of people polled
    (rule ``speaker-share-polled``)."""
    i = 0
    while i < len(lower) and lower[i] in _ABOUT:
        i += 1
    if i + 1 >= len(lower):
        return False
    number = lower[i][:1].isdigit() or lower[i] in _NUMBERS
    return number and lower[i + 1] in _SHARE


def can_speak(text: str, tokens: Sequence[Token], span: CharRange) -> bool:
    """Whether the speaker words ``text[span]`` are a noun phrase that can speak: a person,
    a group, an organisation, a document or a pronoun (rule ``speaker-noun-phrase``); not a
    time expression ('Thursday a spokeswoman'), a clause fragment ('Commons, he has seen his
    fair share'), a sentence-opening function word ('Less') or a phrase with no noun head
    ('substantially', 'delegate-rich')."""
    words = [t.text for t in tokens if span[0] <= t.start and t.end <= span[1] and is_word(t)]
    if not words:
        return False
    lower = [w.lower() for w in words]
    head = lower[0]
    if _share_of_people(lower):
        return True  # '42 % say', 'About one in five say', '58 percent of voters said'
    if head in _TIME_WORDS or head in PREPOSITIONS or words[0][0].isdigit():
        return False
    if any(w in _CLAUSE_WORDS for w in lower):
        return False
    if len(lower) > 1 and (head in PRONOUNS - {"we", "you"} or head == "that"):
        return False  # 'he fully supports the plan', "that he welcomed …": a clause
    if "," in text[span[0] : span[1]] and any(w in SUBJECT_PRONOUNS for w in lower[1:]):
        return False
    if len(words) == 1 and head in _NOT_NAMES:
        return False
    if words[0][0].islower() and head not in _SPEAKER_OPENERS:
        # 'officials', 'weather analysts': a plural head; not an adverb or an adjective.
        return lower[-1].endswith("s") and not lower[-1].endswith("ss")
    return not lower[-1].endswith("ly") or words[-1][0].isupper()
