"""Which time expression dates an event mention: time attachment, part of event extraction.

Pure: given the sentence of a trigger, the document's time expressions (made by
``storyline.timex``) and the publication date, :func:`time_of` returns the dated expression
that belongs to the trigger, or ``None``:

- the nearest dated expression of its sentence that the trigger's own clause holds (a noun
  only by an expression next to it or one its own verb takes; never the time of another
  verb the trigger depends on or that stands between), see :func:`_time`;
- else the date a duration before "after" reaches back to ("three years after Russia
  invaded"), see :func:`_before_by`;
- else, for the verb of a relative clause on a dated event noun, the noun's time ("the
  January 1998 bombing of a Birmingham, Ala., abortion clinic that killed a guard"), see
  :func:`_antecedent`;
- else the day that "on the same day" refers back to, see :func:`_same_day`.

Measured on the TLINKs of TimeBank and AQUAINT-dev (``python -m bench event_time``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date, timedelta

from storyline.events import rules
from storyline.events.lemma import IRREGULAR_FORMS
from storyline.model import DatedTime
from storyline.text import lexicon
from storyline.text.lexicon import DETERMINERS as _DETERMINERS
from storyline.text.lexicon import word_set
from storyline.text.tokens import Token, loose_word_pattern
from storyline.timex.lexicon import ISO_UNIT_DAYS


def time_of(
    text: str,
    sentence: Sequence[Token],
    index: int,
    triggers: Sequence[Token],
    times: Sequence[DatedTime],
    published: date | None,
    *,
    noun: bool,
    nouns: Collection[int] = (),
) -> tuple[DatedTime | None, str]:
    """The time expression dating the trigger ``sentence[index]`` and the name of the rule
    that attached it ("in-clause", "scene-time", "duration-before", "event-relative-clause",
    "same-day";
    "" when none did). ``triggers`` are the sentence's triggers, ``times`` the document's
    time expressions, ``noun`` whether the trigger is a noun, ``nouns`` the indexes in
    ``sentence`` of its noun triggers."""
    token = sentence[index]
    start, end = sentence[0].start, sentence[-1].end
    in_sentence = [t for t in times if start <= t.start and t.end <= end]
    nominal = noun and not _participle_clause(sentence, index)
    found = _time(text, token, in_sentence, triggers, start, nominal=nominal)
    if found is not None:
        scene = (
            not nominal
            and len(text[start : found.start].split()) > 1
            and _opening_phrase(text, start, found, token)
        )
        return found, rules.SCENE_TIME.name if scene else rules.IN_CLAUSE.name
    found = _before_by(text, token, in_sentence, published)
    if found is not None:
        return found, rules.DURATION_BEFORE.name
    antecedent = None if noun else _antecedent(sentence, index, nouns, triggers)
    if antecedent is not None:
        found, rule = time_of(text, sentence, antecedent, triggers, times, published, noun=True)
        # Only the noun's own time, before the clause: one after the verb was the verb's
        # to take, and _time left it ("the bombing that killed a guard, police said Friday").
        if found is not None and rule == rules.IN_CLAUSE.name and found.end <= token.start:
            return found, rules.EVENT_RELATIVE_CLAUSE.name
    found = _same_day(text, start, end, times)
    return found, rules.SAME_DAY.name if found is not None else ""


def after_publication(time: DatedTime | None, published: date | None) -> bool:
    """Whether ``time`` lies wholly after the day of publication."""
    return (
        time is not None and published is not None and time.first is not None
        and time.first > published
    )  # fmt: skip


def dates_trigger(text: str, token: Token, time: DatedTime) -> bool:
    """Whether the time expression follows the trigger with at most a preposition between
    ("agreed on Thursday"): it dates the trigger itself, not a later clause."""
    return time.start >= token.end and bool(_JUST_A_PREPOSITION.match(text[token.end : time.start]))


_JUST_A_PREPOSITION = re.compile(r"^\s*(?:(?:on|by|at|in|until|for)\s+)?$", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[,;:–—(]")


# A relative clause between an opening time and a trigger: the trigger is the clause's. A
# quotation may close before it: "``Today is a sad day ... for Elizabeth,'' who died".
_RELATIVE_CLAUSE = re.compile(r",(?:\s*(?:''|[\"”’]))?\s+(?:who|which|whose)\b", re.IGNORECASE)


def _in_relative_clause(between: str) -> bool:
    """Whether the trigger after ``between`` stands inside a relative clause opened there
    and not yet closed: ", who shot him" (not ", who shot him last week, was charged")."""
    opened = list(_RELATIVE_CLAUSE.finditer(between))
    return bool(opened) and not _CLAUSE_BREAK.search(between, opened[-1].end())


# A participle right after a comma ends its clause's sentence: "exploded on Monday, killing
# 12 people" (the killing is Monday's).
_ADJUNCT = re.compile(r",\s*$")


def _time(
    text: str,
    token: Token,
    times: Sequence[DatedTime],
    triggers: Sequence[Token],
    start: int,
    nominal: bool = False,
) -> DatedTime | None:
    """The dated expression of the sentence that belongs to this trigger, nearest first.

    One opening the sentence ("On Tuesday, Ukraine agreed ... following talks") dates every
    verb trigger of it; elsewhere an expression dates the triggers of its own clause (no
    comma, colon or dash between them) and, beyond the clause, only the trigger nearest to
    it: "are meeting in Paris on Tuesday, eager ... after any talks" leaves the talks
    undated.

    A noun is dated only by an expression next to it ("Tuesday's talks", "the talks on
    Tuesday", "the Aug. 2 invasion"), by one its own verb takes ("the talks will be held on
    Wednesday", "negotiations broke off at noon Thursday") or, opening the sentence, when it
    comes first ("On Tuesday, the talks ..."). Elsewhere the expression dates the verb, and
    the noun is its object: "left Tuesday for consultations", "called Thursday for an
    emergency conference", "rolled into Iraq on Tuesday despite the sanctions". On the
    TLINKs of TimeBank and AQUAINT-dev (``python -m bench event_time``) such far expressions
    held the noun 26 times and another event 81 times. Likewise a verb does not take a time
    that belongs to another verb: its main verb when it is an infinitive ("agreed in June to
    buy"), a reporting verb right before the time ("said Friday it would investigate"), or a
    verb standing between it and the time ("their aides had drafted on Friday", "On Friday
    the governor toured towns that have been declared disaster areas").
    """
    best: DatedTime | None = None
    for time in times:
        if time.first is None or _BARE_CLOCK.match(time.text):
            # "due to begin at 9 a.m.": the hour, not the day (which would be the day of
            # publication); "The meeting" then takes its day from the mention it refers to.
            continue
        opening = len(text[start : time.start].split()) <= 1 or (
            not nominal and _opening_phrase(text, start, time, token)
        )
        between = text[min(token.end, time.end) : max(token.start, time.start)]
        aside = _aside_end(text, time, times) if time.end <= token.start else None
        if aside is not None and aside <= token.start:
            # "In January, a week after the anniversary of the decision, a bombing killed
            # a guard": the aside places the time, the clause after it is the time's.
            between = text[aside : token.start]
        nearest = min(triggers, key=lambda t: distance(t, time.start, time.end)) is token
        adjunct = (
            not nominal
            and time.end <= token.start
            and _ADJUNCT.search(text, max(0, token.start - 3), token.start) is not None
            and token.text.lower().endswith("ing")
            and not _CLAUSE_BREAK.search(between.rstrip(" ,"))
        )
        if not (opening or nearest or adjunct or not _CLAUSE_BREAK.search(between)):
            continue
        if opening and time.end <= token.start and _in_relative_clause(between):
            continue  # "On Thursday, the officer, who shot him last week, was charged"
        if (
            time.end <= token.start
            and _CLAUSE_BREAK.search(between)
            and _in_relative_clause(text[start : time.start])
            and any(len(text[start : t.start].split()) <= 1 for t in times if t is not time)
        ):
            continue  # ... and "last week" stays in the relative clause: not "charged"
        if time.end <= token.start and _reaches_back(text, time, token, times):
            continue  # "on Wednesday evening, a day after the EU pledged": see _before_by
        if nominal and not _holds_noun(text, token, time, between, opening):
            continue
        if not nominal and time.end <= token.start and _belongs_before(text, token, time):
            continue
        if not nominal and time.start >= token.end and _verb_between(between):
            continue
        if not nominal and time.start >= token.end and _infinitive_between(between):
            continue  # rules.INFINITIVE_TIME: "agreed to reintroduce prices from February 1"
        if _in_noun_phrase(text, time) and not any(_heads(text, time, t) for t in triggers):
            continue  # rules.TIME_IN_NOUN_PHRASE: "the pact set a third quarter ceiling"
        if not nominal and time.end <= token.start and _verb_before(between):
            continue
        if best is None or distance(token, time.start, time.end) < distance(
            token, best.start, best.end
        ):
            best = time
    return best


# A sentence-opening phrase that sets the scene: "At its last meeting in December, OPEC
# agreed", "During talks in Geneva last week, the two sides signed".
_SCENE = re.compile(r"^\s*(?:at|during)\s+[^,;:()]*$", re.IGNORECASE)
_SCENE_CLOSE = re.compile(r"^[^,;:()]{0,30},")


def _opening_phrase(text: str, start: int, time: DatedTime, token: Token) -> bool:
    """Whether ``time`` stands in a phrase opening the sentence with "at" or "during" and
    closed by a comma before the verb ``token`` (issue 22, ``scene-time``): the phrase sets
    the scene of the main clause, so its time dates the main verb as a time opening the
    sentence does ("At its last meeting in December, OPEC agreed to reintroduce fixed
    prices from February 1": the agreement is December's)."""
    if time.end > token.start or not _SCENE.match(text[start : time.start]):
        return False
    return bool(_SCENE_CLOSE.match(text[time.end : token.start]))


def _participle_clause(sentence: Sequence[Token], index: int) -> bool:
    """An "-ing" trigger opening a clause after a comma, with an object, is a verb: "exploded
    on Monday, killing 12 people" (not "the killing of", "a killing spree"). It shares the
    sentence's time. On AQUAINT-dev this adds three attachments the TLINKs do not make
    ("exploded ... Friday, killing dozens", "wrapped up ... on Wednesday, meeting with the
    trade minister"): right by reading, the annotators linked the time to the main verb only."""
    word = sentence[index].text.lower()
    if not word.endswith("ing") or index == 0 or sentence[index - 1].text != ",":
        return False
    after = sentence[index + 1].text.lower() if index + 1 < len(sentence) else ""
    return after not in {"of", "", ",", "."} and not after.endswith(("ed", "ing"))


# How many tokens an event noun's own phrase may run before its relative clause.
_PHRASE_TOKENS = 12


def _antecedent(
    sentence: Sequence[Token], index: int, nouns: Collection[int], triggers: Sequence[Token]
) -> int | None:
    """The index of the noun trigger whose relative clause the verb trigger
    ``sentence[index]`` opens: "bombing" for "killed" in "the January 1998 bombing of a
    Birmingham, Ala., abortion clinic that killed a guard" and in "Tuesday's bombing, which
    killed 12 people". Such a clause tells what happened in the event, so it shares the
    event's time (without the commas of "Birmingham, Ala.," ``_time`` already gives it:
    "the 1996 Olympic bombing that killed one person"). Only the noun's own phrase may stand
    between: no verb, no other trigger, no break but a comma; and the verb opens the
    clause ("that killed", "which has killed"; not "that rebels attacked")."""
    at = index - 1
    while at >= 0 and sentence[at].text.lower() in _OWN_AUXILIARIES:
        at -= 1
    if at < 1 or sentence[at].text.lower() not in {"that", "which"}:
        return None
    others = {t.start for t in triggers}
    for back in range(at - 1, max(-1, at - 1 - _PHRASE_TOKENS), -1):
        if back in nouns:
            return back
        word = sentence[back].text
        lower = word.lower()
        if sentence[back].start in others or (word != "," and _CLAUSE_BREAK.search(word)):
            return None
        if lower in _RELATIVES or lower in _FINITE or lower in IRREGULAR_FORMS:
            return None  # "the bombing of the clinic, police said, that killed": not its
        if word[0].islower() and _verb_like(lower) and lower not in _NOT_VERBS:
            return None
    return None


def _holds_noun(text: str, token: Token, time: DatedTime, between: str, opening: bool) -> bool:
    """Whether ``time`` dates the noun trigger ``token`` (see :func:`_time`)."""
    gap = [w.lower() for w in _WORDS.findall(between)]
    verbs = [w for w in gap if _verb_like(w)]
    if opening:
        # "On Tuesday, the talks collapsed", "On Tuesday, the league plans to hold a news
        # conference": the noun opens the clause after the time, or is what it holds.
        return time.end <= token.start and (len(gap) <= 4 or bool(_HAPPENING & set(gap)))
    if time.start >= token.end:
        return _noun_then_time(between)
    # The time before the noun: "Tuesday's talks", "last year's deadly embassy blasts",
    # "read Wednesday night at a rally"; not "left Tuesday for consultations", "rolled into
    # Iraq on Tuesday despite the sanctions".
    if verbs or _CLAUSE_BREAK.search(between):
        return False
    if not gap:
        return True
    if gap[0] in _OBJECT_PREPOSITIONS:
        return False
    if gap[0] in {"'s", "’s"}:
        # "last year's deadly embassy blasts"; not "Friday's decision a huge win"
        return len(gap) <= 5 and not _DETERMINERS & set(gap[1:])
    return len(gap) <= 4


def _noun_then_time(between: str) -> bool:
    """Whether a time after a noun trigger, ``between`` the two, dates it: the noun's own
    phrase ("the visit of Commerce Secretary William Daley in September", "a raid on the
    relatives' home on April 22"); a verb of happening whose subject it is ("the talks will
    be held on Wednesday", "the meeting would take place on Friday"); a participle or a
    clause set off after it ("the agreement reached on Sunday", "the deal was signed in Doha
    on Saturday", "the summit, held in Geneva on Tuesday", "the talks, which began on
    Monday"). Not "the talks, he said on Tuesday", nor a clause of another verb."""
    lead = _SET_OFF.match(between)
    body = between[lead.end() :] if lead else between
    if _CLAUSE_BREAK.search(body):
        return False
    words = [w.lower() for w in _WORDS.findall(body)]
    if lead and not (
        words
        and (
            words[0] in _RELATIVES
            or words[0] in _HAPPENING
            or words[0] in IRREGULAR_FORMS
            or words[0].endswith("ed")
        )
    ):
        return False  # ", and that it hopes ...", ", IMA early this month lowered ..."
    at = 0
    while at < len(words) and (words[at] in _OWN_AUXILIARIES or words[at] in _RELATIVES):
        at += 1
    verbs = [
        (i, w) for i, w in enumerate(words) if i >= at and (_verb_like(w) or w in IRREGULAR_FORMS)
    ]
    for i, word in verbs:
        if word in _HAPPENING:
            continue
        if i == at and word not in _REPORTED and (word.endswith("ed") or word in IRREGULAR_FORMS):
            continue  # the participle or past of the noun's own clause: "reached", "signed"
        return False
    return True


# A clause set off after a noun: "the summit, held in ...", "the talks, which began ...".
_SET_OFF = re.compile(r"^\s*[,(–—]\s*")


_RELATIVES = (lexicon.RELATIVES - {"whom", "whose"}) | word_set("itself")


def _belongs_before(text: str, token: Token, time: DatedTime) -> bool:
    """Whether a time before the verb trigger ``token`` belongs to an earlier verb: the
    main verb of an infinitive ("agreed in June to buy", "Earlier this month, it signed a
    letter of intent to acquire"; not "is set on Friday to meet") or a reporting verb right
    before it ("said Friday it would investigate")."""
    before = [w.lower() for w in _WORDS.findall(text[max(0, token.start - 40) : token.start])]
    if before and before[-1] == "to" and not (len(before) > 1 and before[-2] in _SCHEDULED):
        # "flew to Kyiv on Monday to meet": a journey's purpose happens when it arrives.
        span = [w.lower() for w in _WORDS.findall(text[max(0, time.start - 60) : token.start])]
        return not _TRAVEL & set(span)
    said = [w.lower() for w in _WORDS.findall(text[max(0, time.start - 20) : time.start])]
    return bool(said) and said[-1] in _REPORTED


_TRAVEL = frozenset(
    """
    flew fly flies travelled traveled travel travels went go goes arrived arrive arrives
    headed heads came come comes visited visit visits returned return returns
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


_SCHEDULED = word_set(
    """
    due expected going plan planning plans scheduled set slated
    """
)


_REPORTED = word_set(
    """
    added adds announced announces reported reports said says stated tells told
    """
)


def _verb_between(between: str) -> bool:
    """Whether another verb stands between a verb trigger and a time after it, which then
    dates that verb: "kept their promise to kill a store owner they took hostage and police
    found the body Friday", "rejected in peace talks following ... August 1988" (not "shot
    in the back on Friday night", "resigned as chief executive officer last year")."""
    written = _WORDS.findall(between)
    words = [w.lower() for w in written]
    for index, word in enumerate(words):
        previous = words[index - 1] if index else ""
        if previous in _DETERMINERS or written[index][0].isupper():
            continue  # "the unsolved shootings", "a reported loss", "Mohamed"
        if {"and", "or"} & set(words[max(0, index - 3) : index]):
            continue  # "seven people killed and 12 people injured": one time for both
        if word in _FINITE or (len(word) > 4 and word.endswith("ed") and word not in _NOT_VERBS):
            return True
    return False


# "to" and a verb: the infinitive's own clause. Not "to a ceasefire", "to Kyiv", "to 18
# dlrs", "to talks".
_TO_VERB = re.compile(r"\bto\s+(?:[a-z]+ly\s+)?([a-z][a-z-]*[a-z])\b")
_NOT_INFINITIVE = (
    _DETERMINERS
    | lexicon.PREPOSITIONS  # "the price agreed to by OPEC last December", "agreed to in"
    | lexicon.POSSESSIVES
    | lexicon.OBJECT_PRONOUNS
    | frozenset(lexicon.MONTHS)
    | frozenset(lexicon.WEEKDAYS)
    | lexicon.DAYS_FROM_TODAY
    | word_set("date power office court prison jail death war")
)


def _infinitive_between(between: str) -> bool:
    """Whether an infinitive opens between a verb trigger and a time after it, which then
    dates the infinitive's verb (issue 22, ``infinitive-time``): "OPEC agreed to
    reintroduce fixed prices from February 1" (the agreement was in December), "voted to
    raise the ceiling for the fourth quarter". Not a noun after "to" ("agreed to a
    ceasefire on Monday", "returned to power in 1997", "fled to Jordan last week")."""
    found = _TO_VERB.search(between)
    if found is None:
        return False
    word = found.group(1)
    gerund = len(word) > 5 and word.endswith("ing")  # "to meeting", not "to bring"
    return word not in _NOT_INFINITIVE and not word.endswith("s") and not gerund


# A time inside a noun phrase, between a determiner and the noun it modifies: "a third
# quarter ceiling", "its first-half 1987 quota", "the 1988 budget".
_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the|its|their|his|her|our|this|that)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]*)\b")


def _in_noun_phrase(text: str, time: DatedTime) -> bool:
    """Whether ``time`` modifies the noun right after it, a determiner before it (issue 22,
    ``time-in-noun-phrase``): it then dates that noun, and no other event of the clause
    ("its December pact had provisionally set a third quarter ceiling": the third quarter
    dates the ceiling, not the pact)."""
    if not _DETERMINER_BEFORE.search(text, max(0, time.start - 8), time.start):
        return False
    after = _NOUN_AFTER.match(text, time.end)
    if after is None:
        return False
    word = after.group(1)
    return word not in _NOT_A_HEAD and not (len(word) > 4 and word.endswith("ed"))


# Words after a time that are no noun it modifies.
_NOT_A_HEAD = (
    lexicon.PREPOSITIONS
    | lexicon.CONJUNCTIONS
    | lexicon.RELATIVES
    | lexicon.MODALS
    | lexicon.BE
    | lexicon.HAVE
    | lexicon.CLAUSE_ADVERBS
    | word_set("when as than")
)


def _heads(text: str, time: DatedTime, token: Token) -> bool:
    """Whether the trigger is in the noun phrase the time modifies, up to its head: "the
    December accord", "the Oct. 3 harbour bombing"."""
    at = time.end
    for _ in range(_PHRASE_WORDS):
        after = _NOUN_AFTER.match(text, at)
        if after is None:
            return False
        if after.start(1) == token.start:
            return True
        word = after.group(1)
        if word in _NOT_A_HEAD or (len(word) > 4 and word.endswith("ed")):
            return False
        at = after.end()
    return False


# How many words after a time :func:`_heads` reads for the noun it modifies.
_PHRASE_WORDS = 3


def _verb_before(between: str) -> bool:
    """Whether another verb, not joined to the trigger by "and", stands between a time and
    the verb trigger after it: "toured five counties that have been declared" (the time
    dates the touring). The trigger's own auxiliaries ("was convicted", "are due to meet")
    do not count."""
    words = _WORDS.findall(between)
    while words and (words[-1].lower() in _OWN_AUXILIARIES or words[-1].lower() in _SCHEDULED):
        words.pop()
    if {"and", "or"} & {w.lower() for w in words}:
        return False  # "killed three soldiers and seriously wounded two"
    return _verb_between(" ".join(words))


_OWN_AUXILIARIES = (
    lexicon.MODALS
    | (lexicon.CLAUSE_ADVERBS - {"again", "now", "once"})
    | (lexicon.BE - {"am"})
    | (lexicon.HAVE - {"having"})
    | (lexicon.DO - {"doing"})
    | word_set("allegedly probably reportedly to")
)


# Finite verbs and auxiliaries that head a clause of their own.
_FINITE = frozenset(
    """
    said says told tells took found made fell laid sought sold bought paid left held began
    came went gave saw won lost met sent spent brought kept led ran wrote spoke broke caught
    will would can could may might shall is are was were has have had did does
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


# -ed words that are seldom verbs in news copy.
_NOT_VERBS = (lexicon.ED_ADJECTIVES - {"so-called"}) | {"hundred"}


def _verb_like(word: str) -> bool:
    return word in _AUXILIARIES or (len(word) > 4 and word.endswith("ed"))


_WORDS = loose_word_pattern("’-", also="'s")


_AUXILIARIES = (
    lexicon.MODALS
    | (lexicon.BE - {"am", "being"})
    | (lexicon.SAY - {"saying"})
    | (lexicon.HAVE - {"having"})
    | (lexicon.DO - {"doing"})
    | word_set("tells told")
)


# Prepositions after a time that make the next noun the verb's object or purpose, not
# something happening then: "left Tuesday for consultations", "on Tuesday despite the
# sanctions". ("Wednesday night at a rally", "the Oct. 23 sniper shooting" are dated.)
_OBJECT_PREPOSITIONS = frozenset(
    """
    for to against over about despite after before following since into from on by toward
    towards amid than
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


# Verbs whose subject is the event itself and that take its time: "the meeting was held on
# Wednesday", "talks resume next week", "negotiations broke off at noon Thursday".
_HAPPENING = word_set(
    """
    be began begin begins begun break breaks broke came close closed closes collapse
    collapsed collapses come comes conclude concluded concludes continue continued
    continues due end ended ends expected go goes going happen happened happens held
    hold holds is last lasted lasts occur occurred occurs open opened opens place
    planned resume resumed resumes scheduled set slated start started starts take
    taken takes took was went were will
    """
)


_BARE_CLOCK = re.compile(
    r"^(?:about |around |at |by |until |after |before )?"
    r"(?:(?:\d{1,2}(?:[:.]\d{2})?|\d{4}(?=\s*(?:GMT|UTC|hours)))\s*"
    r"(?:[ap]\.?\s?m\.?|hours|GMT|UTC|local time|o'clock)?(?:\s*\(\d{3,4}\s*GMT\))?"
    r"|noon|midday|midnight)$",
    re.IGNORECASE,
)


_SAME_DAY = re.compile(r"\b(?:on )?(?:the same day|that same day|that day)\b", re.IGNORECASE)


def _same_day(text: str, start: int, end: int, times: Sequence[DatedTime]) -> DatedTime | None:
    """ "would take place on the same day": the day of the last dated expression before the
    sentence, with the span of the words that refer back to it."""
    match = _SAME_DAY.search(text, start, end)
    if match is None:
        return None
    earlier = [t for t in times if t.end <= start and t.first is not None and t.first == t.last]
    if not earlier:
        return None
    day = earlier[-1]
    return DatedTime(
        match.start(), match.end(), match.group(), "DATE", day.value, day.first, day.last
    )


_DURATION = re.compile(r"^P(\d+)([YMWD])$")


_AFTER_EVENT = re.compile(r"\s*(?:after|since)\b", re.IGNORECASE)


# A duration that places a time against another event: "a day after", "two weeks before".
_RELATIVE_TO = re.compile(r"\s*(?:after|before|since)\b", re.IGNORECASE)


_ASIDE_OPENS = re.compile(r"\s*,\s*")


def _aside_end(text: str, time: DatedTime, times: Sequence[DatedTime]) -> int | None:
    """Where an aside that places ``time`` against another event ends: after the comma
    closing "a week after the 25th anniversary of the decision" in "In January, a week
    after the 25th anniversary of the decision, a bombing killed a guard"; ``None`` when
    no such aside follows the time."""
    comma = _ASIDE_OPENS.match(text, time.end)
    if comma is None:
        return None
    duration = next((d for d in times if d.start == comma.end() and d.type == "DURATION"), None)
    if duration is None or _RELATIVE_TO.match(text, duration.end) is None:
        return None
    close = _CLAUSE_BREAK.search(text, duration.end)
    return close.end() if close is not None and close.group() == "," else None


_UNIT_DAYS = ISO_UNIT_DAYS


def _reaches_back(text: str, time: DatedTime, token: Token, times: Sequence[DatedTime]) -> bool:
    """Whether the trigger stands in a phrase of a duration and "after" (or "before",
    "since") that follows ``time``: the time is then the point the duration is counted
    from, not the trigger's date ("on Wednesday evening, a day after the EU pledged"). A
    trigger past the comma that closes the phrase is not in it: "In January, a week after
    the anniversary, a bombing killed a guard" (see :func:`_aside_end`)."""
    return any(
        d.type == "DURATION"
        and time.end <= d.start
        and d.end <= token.start
        and _RELATIVE_TO.match(text, d.end) is not None
        and _CLAUSE_BREAK.search(text, d.end, token.start) is None
        for d in times
    )


def _before_by(
    text: str, token: Token, times: Sequence[DatedTime], published: date | None
) -> DatedTime | None:
    """The date of an event a duration reaches back to: "more than three years after
    Russia invaded" (published 2025-03-11) dates the invasion to 2022, on or before
    2022-03-11; "two weeks after the vote" to that week; "on Wednesday evening, a day after
    the EU pledged" to the Tuesday (from the day named just before the duration, else from
    the publication). The span is the duration's."""
    for time in times:
        match = _DURATION.match(time.value or "") if time.type == "DURATION" else None
        if match is None or time.end > token.start or token.start - time.end > 60:
            continue
        if not _AFTER_EVENT.match(text, time.end):
            continue
        named = [
            t
            for t in times
            if t.first is not None
            and t.first == t.last
            and t.end <= time.start
            and time.start - t.end <= 30
        ]
        base = named[-1].first if named else published
        if base is None:
            continue
        amount, unit = int(match[1]), match[2]
        try:
            if unit == "Y":
                day = base.replace(year=base.year - amount)
            elif unit == "M":
                month = base.year * 12 + base.month - 1 - amount
                day = base.replace(year=month // 12, month=month % 12 + 1, day=1)
            else:
                day = base - timedelta(days=amount * _UNIT_DAYS[unit])
        except ValueError:
            day = base - timedelta(days=amount * _UNIT_DAYS[unit])
        words = text[time.start : time.end].lower()
        if unit == "Y":
            first, last = date(day.year, 1, 1), date(day.year, 12, 31)
            value = str(day.year)
        elif unit == "M":
            first = day.replace(day=1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            value = f"{day.year:04d}-{day.month:02d}"
        else:
            first = last = day
            value = day.isoformat()
        if words.startswith(("more than", "over")):
            last = min(last, day)
        elif words.startswith(("less than", "nearly", "almost", "under")):
            first = max(first, day)
        return DatedTime(time.start, time.end, time.text, "DATE", value, first, last)
    return None


def distance(token: Token, start: int, end: int) -> int:
    return start - token.end if start >= token.end else token.start - end


def days(time: DatedTime | None) -> tuple[date, date] | None:
    if time is None or time.first is None or time.last is None:
        return None
    return time.first, time.last
