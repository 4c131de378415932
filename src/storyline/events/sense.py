"""An event trigger's type from the words around it, not the word alone (issue 22).

:func:`typed` takes a trigger of the lexicon (``lexicon.py``) at ``sentence[index]`` and
returns the trigger with the type its context gives, and the name of the rule that decided
(``""`` when the word's own type stands), or ``None`` when the word reports no event here:

- "strike": a walkout unless a weapon stands before it ("the dockers' strike" / "an air
  strike", ``strike-walkout``), and no event in a match report ("a 25-yard strike",
  ``sports-sense``);
- "fire": the noun is a blaze, but "opened fire" is an attack (``opened-fire``) and "came
  under fire" from critics no event (``under-fire``); the verb is an attack when a weapon
  or a target follows ("fired rockets at", ``fired-weapon``) and a dismissal when a person
  is fired ("fired its chief executive", "was fired", ``fired-person``), else no event
  ("fired up the crowd");
- "charge": a price, not a prosecution, when an amount or a price follows ("charging its
  official price", "charged 17 dollars a barrel", ``charge-price``);
- "attack", "shot", "shooting", "strike": a move in a match, not violence, when a goal, a
  keeper or a shot on target stands near (``sports-sense``);
- "conference" after "news" or "press": a statement to reporters, not a
  meeting of the parties (``news-conference``), so the OPEC conference and the oil
  minister's news conference that day are two events.

Each rule's sentence shapes are pinned in ``tests/unit/events/test_sense.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.events import rules
from storyline.events.lexicon import Trigger
from storyline.text import lexicon
from storyline.text.lexicon import word_set
from storyline.text.tokens import Token

# Words right before "strike" that make it a weapon's: "air strike", "missile strike".
MILITARY = frozenset(
    """
    air missile drone military deadly rocket artillery retaliatory nuclear pre-emptive
    preemptive israeli russian ukrainian u.s. american us airstrike precision targeted
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Words near an "attack", "shot" or "strike" that place it on a pitch.
_SPORT = word_set(
    """
    goal goals goalkeeper keeper crossbar header volley free-kick striker midfielder
    scored equaliser equalizer
    """
)
_YARDS = re.compile(r"\d+-yard")
# How many words each side of the trigger :func:`_sports` reads.
_SPORT_WINDOW = 8
# What follows "fired" when a weapon was fired at a target: "fired on protesters".
_TARGETED = word_set("at on upon into off back")
# A weapon's words after "fired" ("fired rockets", "fired the first shots") or before a
# passive one ("shots were fired").
_WEAPONS = word_set(
    """
    shots shot rounds round bullets bullet missiles missile rockets rocket shells shell
    mortars mortar grenades grenade salvo salvos volley volleys tear teargas gas guns gun
    weapons weapon artillery torpedo torpedoes
    """
)
# What follows "fired" when a person lost a job: "fired its chief executive", "fired him".
_FIRED_PERSON = (
    lexicon.OBJECT_PRONOUNS
    | lexicon.POSSESSIVES
    | word_set(
        """
        the a an its their his her coach manager chief executive director head editor
        employees employee workers worker staff officials official aide aides adviser
        advisers minister ministers secretary president chairman ceo
        """
    )
)
# Before "fired" (skipping adverbs): a passive, so a person was fired ("was fired").
_PASSIVE = lexicon.BE - {"am", "being"} | word_set("got get gets getting")
# After "charge": an amount or a price, so it is a price ("charging its official price").
_PRICE = word_set(
    """
    price prices fee fees rate rates premium premiums interest tariff tariffs rent dlrs
    dollars dollar cents pounds euros yen pct percent per more less customers consumers
    buyers
    """
)
_PRESS = word_set("news press")


def typed(sentence: Sequence[Token], index: int, trigger: Trigger) -> tuple[Trigger, str] | None:
    """``trigger`` at ``sentence[index]`` with the type its context gives and the rule's
    name ("" when its own type stands), or ``None`` when it reports no event here."""
    word = sentence[index].text.lower()
    before = _word(sentence, index - 1)
    after = _word(sentence, index + 1)
    lemma = trigger.lemma
    if lemma in {"attack", "strike", "shoot", "shooting"} and _sports(sentence, index):
        return None
    if lemma == "strike":
        near = {t.text.lower() for t in sentence[max(0, index - 2) : index]}
        if not MILITARY & near:
            return Trigger("protest", "strike", trigger.form), rules.STRIKE_WALKOUT.name
        return trigger, ""
    if lemma == "fire" and trigger.form in {"noun", "plural"}:
        if before in {"opened", "open", "opens", "opening", "returned", "return"} or (
            before == "of" and _word(sentence, index - 2) in {"exchange", "exchanges", "hail"}
        ):
            return Trigger("attack", "fire", trigger.form), rules.OPENED_FIRE.name
        if before == "under":
            return None  # "came under fire from critics": a rebuke, not a blaze
        return trigger, ""
    if lemma == "fire":  # the verb
        return _fired(sentence, index, trigger, before, after)
    if lemma == "charge" and trigger.form != "noun" and _priced(sentence, index):
        return None
    if word in {"conference", "conferences"} and before in _PRESS:
        return (
            Trigger("statement", "news conference", trigger.form),
            rules.NEWS_CONFERENCE.name,
        )
    return trigger, ""


def _fired(
    sentence: Sequence[Token], index: int, trigger: Trigger, before: str, after: str
) -> tuple[Trigger, str] | None:
    """The verb "fire": a weapon's when a weapon or a target follows ("fired rockets at",
    "fired on the crowd"; not "fired on June 8") or a weapon is its passive subject
    ("shots were fired"), a dismissal when a person is its object or its passive subject
    ("fired its coach", "he was fired last week"), else no event."""
    back = index - 1
    while back >= 0 and sentence[back].text.lower() in lexicon.CLAUSE_ADVERBS:
        back -= 1
    passive = back >= 0 and sentence[back].text.lower() in _PASSIVE
    # "O'Brien, fired on June 8, is suing": a participle set off after a name is passive.
    named = sentence[index - 2].text if index >= 2 else ""
    passive = passive or (before == "," and named[:1].isupper())
    weapon = (
        (after in _TARGETED and not _dated(_word(sentence, index + 2)))
        or after in _WEAPONS
        or (
            not passive
            and bool({t.text.lower() for t in sentence[index + 1 : index + 4]} & _WEAPONS)
        )
        or (passive and _word(sentence, back - 1) in _WEAPONS)
    )
    if weapon:
        return Trigger("attack", "fire", trigger.form), rules.FIRED_WEAPON.name
    written = sentence[index + 1].text if index + 1 < len(sentence) else ""
    if passive or after in _FIRED_PERSON or written[:1].isupper():
        return Trigger("dismissal", "fire", trigger.form), rules.FIRED_PERSON.name
    return None


def _dated(word: str) -> bool:
    """A word that opens a date: "fired on June 8", "fired on Monday"."""
    return (
        word[:1].isdigit()
        or word in lexicon.MONTHS
        or word in lexicon.WEEKDAYS
        or word in lexicon.MONTH_ABBREVIATIONS
    )


def _priced(sentence: Sequence[Token], index: int) -> bool:
    """An amount or a price within three words after "charge": "charging its official
    price", "charged 17 dlrs a barrel", "charge customers more"."""
    for token in sentence[index + 1 : index + 4]:
        word = token.text.lower()
        if word in {"with", "over", "in", "against"}:
            return False  # "charged with murder"
        if word in _PRICE or word[:1].isdigit() or word[:1] in "$£€":
            return True
    return False


def _sports(sentence: Sequence[Token], index: int) -> bool:
    low = max(0, index - _SPORT_WINDOW)
    near = {t.text.lower() for t in sentence[low : index + _SPORT_WINDOW + 1]}
    return bool(near & _SPORT) or any(_YARDS.fullmatch(word) for word in near)


def _word(sentence: Sequence[Token], index: int) -> str:
    return sentence[index].text.lower() if 0 <= index < len(sentence) else ""
