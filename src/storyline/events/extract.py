"""Event mentions in one document: trigger, type, status, time, place and participants.

Pure: given the clean text, the document's time expressions and entity mentions (both made
by earlier steps) and the publication date, it returns what the text reports. Triggers
come from the hand-written table of ``lexicon.py``; the status of each mention is read from
the words around it (``status.py``); its time is the dated expression of the sentence
that belongs to it (``timing.py``), its place the nearest place introduced by "in", "at" or
used as a modifier ("a Paris meeting"), its participants the people, organisations and
actor places of the sentence, and its agent and patient the people named where English puts
them (``roles.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from storyline.entities.countries import by_name
from storyline.events import rules
from storyline.events.lexicon import TRIGGERS, Trigger
from storyline.events.roles import roles
from storyline.events.sense import typed
from storyline.events.status import Clause, participle_ahead, status_rule
from storyline.events.timing import after_publication, dates_trigger, days, distance, time_of
from storyline.model import DatedTime, EntityRef, FoundEvent, TextRange
from storyline.text import lexicon
from storyline.text.lexicon import DETERMINERS as _DETERMINERS
from storyline.text.lexicon import word_set
from storyline.text.sentences import sentences
from storyline.text.tokens import Token, tokenize

# Words before a place that make it the event's location rather than an actor.
_LOCATIVE = lexicon.LOCATIVE_PREPOSITIONS
_BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "’s"})
_ADVERBS = (lexicon.CLAUSE_ADVERBS - {"just", "never", "once"}) | word_set("reportedly")
# Words that, before an ambiguous noun trigger, show it is not an event ("in charge").
_NOT_BEFORE = {
    "strike": frozenset({"hunger"}),
    "march": frozenset(),
}
# Verb triggers too common in other senses unless a place or time follows them.
_NEEDS_SETTING = frozenset({"gather"})
_SETTING = word_set("at for in near on outside to")
_SUBJECT_PRONOUNS = (lexicon.RELATIVES - {"whom", "whose"}) | word_set("he it she")
# What one meets when "meet" is not a meeting: "meet the targets", "meet demand".
_TARGETS = frozenset(
    """
    target targets demand demands needs need payments payment obligations obligation
    criteria criterion deadline deadlines requirements requirement expectations conditions
    condition costs cost goals goal standards standard commitments commitment quota quotas
    forecasts forecast estimates shortfall challenge challenges terms budget
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Sentence-initial capitalised words that are months or names, not triggers.
_NOT_TRIGGERS_CAPITALISED = frozenset({"March", "May"})
# "said in a statement": the nouns, and the words that may stand between "in" and them.
_ATTRIBUTION_NOUNS = frozenset({"statement", "communique"})
_STATEMENT_MODIFIERS = lexicon.ARTICLES | word_set(
    """
    brief earlier emailed her his its joint later new official separate short their
    written
    """
)
# What follows "agreed" when it reports a deal rather than a shared view.
_AGREED_ON = frozenset({"to", "on", "upon", "in"})
_IDIOM_DEAL = frozenset({"big", "huge", "great", "good", "real", "bigger", "biggest"})
# What follows a deal that is a contract: "a huge deal with Qatar", "the biggest deal in".
_DEAL_COMPLEMENT = word_set("between for in on to with worth")
# Words between "agreed" and its complement: "agreed late on Monday to", "agreed early
# Tuesday on".
_WHEN_WORDS = (
    frozenset(lexicon.WEEKDAYS)
    | lexicon.DAY_PARTS
    | (lexicon.DAYS_FROM_TODAY - {"tomorrow"})
    | word_set(
        """
    already also early finally formally last late now on quickly then unanimously
    """
    )
)
_WEEKDAYS = frozenset(lexicon.WEEKDAYS)
# Determiners that make the next word a noun ("the sign of"); not "that" ("a gunman that
# kills") nor "her" ("saw her sign").
_NOUN_DETERMINERS = (lexicon.DETERMINERS - {"her", "that"}) | word_set("whose")
# Words before "deal with" that make it the verb ("to deal with", "can deal with").
_VERB_BEFORE = (lexicon.MODALS - {"shall"}) | word_set("and cannot n't not or to")
# Documents whose publication news names in passing ("a report released last year").
_PUBLISHED = frozenset(
    """
    report reports poll polls survey surveys study studies analysis data figures statistics
    email emails memo memos document documents records transcript transcripts statement
    statements ruling rulings letter letters video videos footage photo photos images
    audio tape tapes book books paper papers review findings results numbers list
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Nouns an event noun often modifies: then it names that thing, not a happening ("election
# officials", "election security", "attack helicopters", "rally organisers").
_MODIFIED = frozenset(
    """
    official officials system systems fraud security law laws rules rule process machine
    machines commission commissions board boards authority authorities worker workers
    spokesman spokeswoman spokesperson organiser organisers organizer organizers site sites
    room rooms hall venue centre center headquarters helicopter helicopters aircraft jet jets
    submarine submarines dog dogs squad squads unit units warrant warrants record records
    victim victims survivor survivors suspect suspects map maps cycle cycles season seasons
    year years
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_RECENTLY = frozenset({"recently", "newly", "just", "previously", "publicly", "later", "first"})
MAX_PARTICIPANTS = 8
# How far (characters) a place may stand after or before its trigger.
PLACE_AFTER = 60
PLACE_BEFORE = 40


def extract_events(
    text: str,
    times: Sequence[DatedTime],
    entities: Sequence[EntityRef],
    published: date | None,
    quotes: Sequence[TextRange] = (),
) -> list[FoundEvent]:
    """The event mentions of ``text``. ``quotes`` are the spans of quoted and reported
    speech: an event inside one is what a source says, not what the article asserts."""
    found: list[FoundEvent] = []
    anaphoric: set[int] = set()
    for sentence in sentences(text, tokenize(text)):
        if not sentence:
            continue
        s_start, s_end = sentence[0].start, sentence[-1].end
        read = {i: t for i in range(len(sentence)) if (t := _typed_trigger(sentence, i))}
        triggers = [(i, t) for i, (t, _) in read.items()]
        trigger_tokens = [sentence[i] for i, _ in triggers]
        nouns = {i for i, t in triggers if t.form in {"noun", "plural"}}
        for index, trigger in triggers:
            token = sentence[index]
            nominal = index in nouns
            time, timing = time_of(
                text, sentence, index, trigger_tokens, times, published, noun=nominal, nouns=nouns
            )
            if time is None and _generic(sentence, index, trigger):
                continue  # "thousands of shootings"; not "several explosions on Tuesday"
            in_sentence = [e for e in entities if s_start <= e.start and e.end <= s_end]
            place = _place(text, token, in_sentence, noun=nominal)
            agent, patient = roles(text, token.start, token.end, nominal, in_sentence)
            if agent is None and read[index][1] == rules.NEWS_CONFERENCE.name:
                agent = _holder(text, sentence, index, in_sentence)
            clause = Clause(
                tokens=tuple(t.text for t in sentence),
                index=index,
                form=_form(sentence, index, trigger),
                quoted=any(q.start <= token.start < q.end for q in quotes),
            )
            if _anaphoric(sentence, index, trigger):
                anaphoric.add(len(found))
            status, status_by = status_rule(clause, days(time), published)
            if (
                status == "happened"
                and after_publication(time, published)
                and time is not None
                and dates_trigger(text, token, time)
                and participle_ahead(clause)
            ):
                status, status_by = "planned", rules.AGREED_THEN_WOULD.name
                # "Limits agreed on Thursday would take effect ..."
            found.append(
                FoundEvent(
                    start=token.start,
                    end=token.end,
                    trigger=token.text,
                    lemma=trigger.lemma,
                    type=trigger.type,
                    status=status,
                    sentence_start=s_start,
                    sentence_end=s_end,
                    time=time,
                    place=place,
                    participants=_participants(text, token, in_sentence, place),
                    agent=agent,
                    patient=patient,
                    rule=_rule(
                        clause.form, status_by, timing if time is not None else "", read[index][1]
                    ),
                )
            )
    return _resolve_anaphors(found, anaphoric, published)


# Verbs whose object a news conference is, and whose subject holds it: "told a news
# conference", "held a press conference".
_HOLDS_CONFERENCE = word_set("told tells tell telling gave give gives held hold holds called")


def _holder(
    text: str, sentence: Sequence[Token], index: int, entities: Sequence[EntityRef]
) -> str | None:
    """Who held the news conference at ``sentence[index]``: the subject of the verb whose
    object it is ("Weinberger told a Pentagon news conference"), so that two officials'
    news conferences on one day stay two events (issue 22)."""
    for back in range(index - 2, max(-1, index - 6), -1):
        verb = sentence[back]
        if verb.text.lower() in _HOLDS_CONFERENCE:
            return roles(text, verb.start, verb.end, False, entities)[0]
    return None


def _rule(form: str, status_by: str, timing: str, typing: str = "") -> str:
    """The mention's rule string: "trigger-past/status:past-form/time:in-clause", with
    "type:opened-fire" after the trigger when its context gave its type. Each part is
    looked up in the catalogue (events/rules.py), so a name it does not list fails here
    rather than being stored."""
    parts = [rules.TRIGGERS[form].written]
    if typing:
        parts.append(rules.TYPING[typing].written)
    parts.append(rules.STATUS[status_by].written)
    if timing:
        parts.append(rules.TIMING[timing].written)
    return "/".join(parts)


_ANAPHORIC = (lexicon.POSSESSIVES - {"my", "your"}) | lexicon.DEMONSTRATIVES | word_set("the")
_ANOTHER = frozenset(
    "next last previous former first second new another other future coming upcoming".split()  # noqa: SIM905
)


def _anaphoric(sentence: Sequence[Token], index: int, trigger: Trigger) -> bool:
    """A noun trigger that points back ("their meeting", "the talks", "these joint
    talks"): a definite or possessive determiner right before it or one word earlier."""
    if trigger.form not in {"noun", "plural"}:
        return False
    words = [t.text.lower() for t in sentence[max(0, index - 2) : index]]
    if words and words[-1] in _ANOTHER:
        return False  # "the next election", "their last meeting": not the one named before
    return bool(words) and (words[-1] in _ANAPHORIC or (len(words) == 2 and words[0] in _ANAPHORIC))


def _resolve_anaphors(
    found: list[FoundEvent], anaphoric: set[int], published: date | None
) -> list[FoundEvent]:
    """An undated "the talks" / "their meeting" takes the time and place of the last
    mention of the same kind before it in the article that has a time: "Following their
    meeting" after "gathered in Paris on Wednesday" is Wednesday's meeting in Paris. Its
    status was read without that date: one after publication makes a "happened" planned."""
    resolved: list[FoundEvent] = []
    for index, event in enumerate(found):
        if index in anaphoric and event.time is None:
            earlier = next(
                (e for e in reversed(resolved) if e.type == event.type and e.time is not None),
                None,
            )
            if earlier is not None:
                event = replace(
                    event,
                    time=earlier.time,
                    place=event.place or earlier.place,
                    rule=f"{event.rule}/{rules.ANAPHOR.written}",
                )
                if event.status == "happened" and after_publication(event.time, published):
                    event = replace(
                        event,
                        status="planned",
                        rule=f"{event.rule}+{rules.AFTER_PUBLICATION.written}",
                    )
        resolved.append(event)
    return resolved


def _generic(sentence: Sequence[Token], index: int, trigger: Trigger) -> bool:
    """A plural counted loosely is a kind of happening, not one that happened: "thousands
    of shootings", "many attacks", "such rallies", "other deals" ("the talks", "two
    bombings" and "the attacks" are specific). Only undated ones are dropped: "several
    explosions rocked Kyiv early Tuesday" are happenings."""
    if trigger.form != "plural":
        return False
    words = [t.text.lower() for t in sentence[max(0, index - 3) : index]]
    if words and words[-1] == "of" and len(words) > 1:
        return words[-2] in _LOOSE_COUNTS or words[-2] in _LOOSE_QUANTIFIERS
    # The quantifier right before the noun, or before one modifier ("many deadly attacks").
    near = words[-2:] if len(words) >= 2 and words[-2] not in _DETERMINERS else words[-1:]
    return any(w in _LOOSE_QUANTIFIERS for w in near)


# Loose counts before "of": "thousands of shootings", "dozens of protests".
_LOOSE_COUNTS = frozenset("thousands hundreds dozens millions scores lots plenty".split())  # noqa: SIM905
_LOOSE_QUANTIFIERS = frozenset(
    "many more most several numerous countless various such other all any few fewer".split()  # noqa: SIM905
)


def _typed_trigger(sentence: Sequence[Token], index: int) -> tuple[Trigger, str] | None:
    """The trigger at ``sentence[index]`` with the type its context gives (``sense.py``)
    and the name of the rule that gave it ("" for the word's own type)."""
    trigger = _trigger(sentence, index)
    return None if trigger is None else typed(sentence, index, trigger)


def _trigger(sentence: Sequence[Token], index: int) -> Trigger | None:
    word = sentence[index].text
    lower = word.lower()
    trigger = TRIGGERS.get(lower)
    if trigger is None:
        return None
    if word != lower and (index > 0 or word in _NOT_TRIGGERS_CAPITALISED or word.isupper()):
        # Capitalised inside a sentence: a name ("Summit County", "Strike Force").
        return None
    before = sentence[index - 1].text.lower() if index else ""
    after = sentence[index + 1].text.lower() if index + 1 < len(sentence) else ""
    if before in _NOT_BEFORE.get(lower, frozenset()):
        return None
    if trigger.lemma == "strike" and after in {"a", "an"}:
        return None  # "strike a deal": the deal is the event
    if trigger.lemma in _NEEDS_SETTING and after not in _SETTING:
        return None
    if lower == "shot" and (before in _DETERMINERS or _modifier_word(before)):
        return None  # "a clear shot", "his best shot": a chance, not gunfire
    if trigger.lemma == "meet" and _meets_a_target(sentence, index):
        return None  # "meet the targets", "to meet interest payments"
    if lower.endswith("s") and trigger.form in {"noun", "plural"} and before in _SUBJECT_PRONOUNS:
        return None  # "she talks", "it offers": a verb, not the noun
    if trigger.lemma == "charge" and before in {"in", "took", "take"}:
        return None
    if trigger.form in {"base", "s"} and before in _NOUN_DETERMINERS:
        return None  # "the sign of a fair deal": a noun, and not one the table lists
    if trigger.form == "base" and _compound_noun(sentence, index):
        return None  # "a car bomb", "the suicide bomb": a noun, as after a determiner
    if _other_sense(sentence, index, trigger, before, after):
        return None
    if trigger.form in {"noun", "plural"} and after in _MODIFIED:
        return None  # "election officials", "voting fraud": the noun names something else
    if trigger.form == "past" and _adjective(sentence, index):
        return None  # "covers destroyed crops, drowned livestock, damaged machinery"
    written = sentence[index - 1].text if index else ""
    if trigger.lemma in {"offer", "bid", "march", "vote", "award", "launch", "purchase"} and (
        trigger.form in {"noun", "plural"} and before not in _DETERMINERS and not _modifier(written)
    ):
        # Bare nouns that are also verbs in other senses need a determiner or modifier.
        return None
    return trigger


def _other_sense(
    sentence: Sequence[Token], index: int, trigger: Trigger, before: str, after: str
) -> bool:
    """Trigger words in a sense that reports no event, seen in 2016 US campaign news:

    - "agreed that ..." / "agreed with her" / "the judge agreed": sharing a view, not a
      deal; an agreement is "agreed to ...", "agreed on ...", "agreed a ceasefire";
    - "a big deal", "able to deal with": an idiom and the verb, not a deal;
    - "said in a statement": how something was said, not a happening of its own (what
      was said is the quote);
    - "a poll released Friday", "newly released emails": a document's publication named
      as its modifier, not a happening an analyst follows (a release of prisoners, or
      "police released the video", stays an event);
    - "the figure demonstrates the point": showing something, not a protest (issue 22);
      people who protest demonstrate without an object ("demonstrated outside
      parliament", "demonstrated against the cuts").
    """
    if trigger.lemma == "demonstrate" and trigger.form not in {"noun", "plural"}:
        return after.isalpha() and after not in _PROTEST_AFTER
    if trigger.lemma in _ATTRIBUTION_NOUNS and _in_a_statement(sentence, index):
        return True
    if trigger.lemma == "agree" and trigger.form not in {"noun", "plural"}:
        return not _agreed_on_something(sentence, index, before)
    if trigger.lemma == "deal":
        return (before in _IDIOM_DEAL and after not in _DEAL_COMPLEMENT) or (
            after == "with" and before in _VERB_BEFORE
        )
    if trigger.lemma == "release" and trigger.form == "past":
        back = index - 1
        while back >= 0 and sentence[back].text.lower() in _RECENTLY:
            back -= 1
        first = sentence[back].text.lower() if back >= 0 else ""
        # "a poll (recently) released Friday"; "the (newly) released emails"; not "police
        # (later) released video"
        return first in _PUBLISHED or (after in _PUBLISHED and (first in _DETERMINERS or back < 0))
    return False


# What may follow "demonstrate" when people protest: a place, a cause, a manner, or nothing.
_PROTEST_AFTER = word_set(
    """
    against in outside at on for near across through over along before throughout again
    peacefully and or as after until during when while
    """
)


def _in_a_statement(sentence: Sequence[Token], index: int) -> bool:
    """Whether the trigger ends "in a (joint) statement" / "in its communique"."""
    back = index - 1
    while back >= 0 and sentence[back].text.lower() in _STATEMENT_MODIFIERS:
        back -= 1
    return back < index - 1 and back >= 0 and sentence[back].text.lower() == "in"


def _agreed_on_something(sentence: Sequence[Token], index: int, before: str) -> bool:
    """ "agreed" reporting a deal: "agreed (late on Monday) to / on ...", "agreed a truce",
    "terms were agreed", "the two sides have agreed"; not "agreed that" or "agreed with"."""
    ahead = index + 1
    while ahead < len(sentence) and sentence[ahead].text.lower() in _WHEN_WORDS:
        ahead += 1
    after = sentence[ahead].text.lower() if ahead < len(sentence) else ""
    if after in _AGREED_ON or _starts_object(after):
        return True
    if after in {"that", "with"}:
        return False
    # "limits agreed on Thursday would ...": a day named right after it dates a deal.
    dated = any(sentence[i].text.lower() in _WEEKDAYS for i in range(index + 1, ahead))
    return dated or before in _BE or before in {"has", "have", "had"}


def _starts_object(word: str) -> bool:
    """A word that can open the object of "agreed" ("agreed a truce", "agreed terms")."""
    if word in {"that", "this"}:
        return False  # "agreed that ...": a view
    return word in _DETERMINERS or word in {"terms", "plans", "measures", "steps"}


def _meets_a_target(sentence: Sequence[Token], index: int) -> bool:
    following = [t.text.lower() for t in sentence[index + 1 : index + 5]]
    return any(word in _TARGETS for word in following)


def _adjective(sentence: Sequence[Token], index: int) -> bool:
    """A past participle before a noun, after a determiner, a preposition or a list comma:
    an adjective ("the damaged machinery", "covers destroyed winter crops, damaged
    machinery"), not a verb ("troops destroyed bridges", "police arrested two men")."""
    if index + 1 >= len(sentence) or index == 0 or sentence[index].text.lower() == "died":
        return False
    after = sentence[index + 1].text
    if not (after.isalpha() and after.islower()) or after in _NOT_A_NOUN:
        return False
    before = sentence[index - 1].text.lower()
    return (before in _DETERMINERS and before != "that") or before in _BEFORE_ADJECTIVE


# Words before a participle that make it an adjective of the next noun.
_BEFORE_ADJECTIVE = frozenset(
    """
    , of in on for with from by covers includes include included including
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Words after a participle that are not the noun it would modify.
_NOT_A_NOUN = (
    (lexicon.DETERMINERS - {"each", "every"})
    | frozenset(lexicon.ONES)
    | frozenset(lexicon.WEEKDAYS)
    | lexicon.POSSESSIVES
    | lexicon.OBJECT_PRONOUNS
    | lexicon.DAYS_FROM_TODAY
    | (lexicon.MASCULINE - {"he"})
    | (lexicon.CONJUNCTIONS - {"nor"})
    | word_set(
        """
    about after again aged all almost also around as at away back before both by
    down dozens during earlier early for from herself hundreds if in into it itself
    last late later many more nearly next off on out over several since some ten
    than themselves thousands to under until up when while with you
    """
    )
)


def _compound_noun(sentence: Sequence[Token], index: int) -> bool:
    """A base form after a determiner and one singular word ("a car bomb", "the peace
    march", "a deadly bomb"): a noun phrase. A plural subject keeps the verb ("the rebels
    attack the town"), and so does a singular one with its "-s" ("the army attacks")."""
    if index < 2:
        return False
    word = sentence[index - 1].text
    lower = word.lower()
    return (
        sentence[index - 2].text.lower() in _NOUN_DETERMINERS
        and word.isalpha()
        and (not lower.endswith("s") or lower.endswith(("ss", "ous")))
        and lower not in _VERB_BEFORE
        and lower not in _SUBJECT_PRONOUNS
        and lower not in _PLURAL_NOUNS
        and not word[:1].isupper()  # a name: "the Taliban attack"
    )


# Plurals without an "-s": subjects of a verb in its base form ("the police arrest").
_PLURAL_NOUNS = frozenset("police people men women children media cattle staff".split())  # noqa: SIM905


def _modifier_word(word: str) -> bool:
    return word in {"clear", "best", "good", "real", "long", "big", "fair", "first", "last"}


def _modifier(word: str) -> bool:
    """A word before a noun that makes it a noun: an adjective, a name or a possessive
    ("a Senate vote", "Tuesday's vote", "the council's offer")."""
    return (
        word.lower().endswith(("ed", "al", "ic", "an", "ish", "ese", "'s", "’s", "'", "’"))
        or word[:1].isupper()
    )


def _form(sentence: Sequence[Token], index: int, trigger: Trigger) -> str:
    """The trigger's form, with "-ing" nouns after a form of *be* read as verbs ("are
    meeting", "was shooting")."""
    if trigger.form == "noun" and sentence[index].text.lower().endswith("ing"):
        back = index - 1
        while back >= 0 and sentence[back].text.lower() in _ADVERBS:
            back -= 1
        if back >= 0 and sentence[back].text.lower() in _BE:
            return "ing"
    return trigger.form


def _place(
    text: str, token: Token, entities: Sequence[EntityRef], *, noun: bool
) -> EntityRef | None:
    """The nearest place set as the location, close to the trigger: after a locative
    preposition ("met in the French capital") or, for a noun, a city right before it ("a
    Paris meeting"; a country there is a party: "a U.S. proposal")."""
    best: EntityRef | None = None
    for entity in entities:
        if entity.type != "place" or entity.is_metonym:
            continue
        away = distance(token, entity.start, entity.end)
        after = entity.start >= token.end
        if away > (PLACE_AFTER if after else PLACE_BEFORE):
            continue
        before = text[max(0, entity.start - 12) : entity.start].split()
        if before and before[-1].lower() == "the" and len(before) > 1:
            before = before[:-1]
        located = bool(before) and before[-1].lower() in _LOCATIVE
        modifier = noun and 0 <= token.start - entity.end <= 1 and not _is_country(entity)
        if not (located or modifier):
            continue
        if best is None or away < distance(token, best.start, best.end):
            best = entity
    return best


def _is_country(entity: EntityRef) -> bool:
    return entity.name.lower() in by_name()


def _participants(
    text: str, token: Token, entities: Sequence[EntityRef], place: EntityRef | None
) -> tuple[EntityRef, ...]:
    """People and organisations of the sentence, and places that act (countries named as
    parties, capitals as metonyms: "Washington said"), nearest to the trigger first."""
    chosen: list[EntityRef] = []
    seen: set[str] = set()
    for entity in sorted(entities, key=lambda e: distance(token, e.start, e.end)):
        if entity.type == "misc" or entity.entity_id in seen:
            continue
        if place is not None and entity.entity_id == place.entity_id:
            continue
        if entity.type == "place" and not entity.is_metonym:
            # A country can be a party ("France and Germany agreed"); a city is a setting.
            before = text[max(0, entity.start - 12) : entity.start].split()
            if not _is_country(entity) or (before and before[-1].lower() in _LOCATIVE):
                continue
        seen.add(entity.entity_id)
        chosen.append(entity)
        if len(chosen) == MAX_PARTICIPANTS:
            break
    return tuple(chosen)
