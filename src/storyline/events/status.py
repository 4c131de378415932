"""Whether an event mention is planned, happened, ongoing, reported, hypothetical or negated.

Read from the words around the trigger, in this order: negation ("did not meet", "no
deal", "the talks were called off"), hypothesis ("could meet", "if they agree", "a
possible ceasefire"), plan ("will meet", "plans to visit", "was to propose", "the upcoming
summit", "said ... would take place"), the progressive ("are meeting"), and the past
("met", "has signed", "held talks", "after the meeting"). Where the words say nothing the
date decides: before the publication day it happened, after it it is planned. Inside quoted
speech a happening is "reported": a source says so, the article does not.

No parser: the window is the trigger's clause, cut at semicolons, colons, dashes and
clause words, which measurement on news sentences showed is enough for these cues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from storyline.events import rules
from storyline.model import EventStatus
from storyline.text import lexicon
from storyline.text.lexicon import word_set

_BOUNDARY = frozenset({";", ":", "—", "–", "(", ")", "which", "who", "while", "but", "whereas"})
_NEGATION = frozenset({"not", "n't", "never", "no", "without", "nor"})
_NEGATING_VERBS = frozenset(
    """
    fail failed fails refuse refused refuses decline declined declines deny denied denies
    reject rejected rejects
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_CANCELLED = frozenset(
    [
        "cancelled",
        "canceled",
        "scrapped",
        "postponed",
        "suspended",
        "collapsed",
        "abandoned",
        "shelved",
    ]
)
_MODAL = lexicon.MODALS - {"shall", "will", "would"}
_CONDITION = frozenset({"if", "unless", "whether"})
_POSSIBLE = frozenset(
    [
        "possible",
        "potential",
        "any",
        "hypothetical",
        "eventual",
        "future",
        "prospective",
        "proposed",
    ]
)
_FUTURE = frozenset({"will", "'ll", "shall", "wo"})
_DETERMINERS = (
    (lexicon.POSSESSIVES - {"my", "your"})
    | (lexicon.DEMONSTRATIVES - {"those"})
    | lexicon.ARTICLES
    | word_set("any")
)
# Verbs whose object is wished for rather than real: "to propose a ceasefire".
_IRREALIS = frozenset(
    """
    propose proposed proposes proposing demand demanded demands demanding urge urged urges
    urging seek seeking sought call calling push pushing want wants wanted support
    supporting backing back
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_PLANNING = (lexicon.BE - {"be", "been", "being"}) | word_set(
    """
    agree agreed agrees aim aimed aims due expect expected expects going hope hoped
    hopes intend intended intends plan planned planning plans poised prepare
    prepared prepares preparing promise promised promises ready scheduled seek seeks
    set sought threaten threatened threatens want wanted wants willing
    """
)
_UPCOMING = frozenset(
    [
        "upcoming",
        "planned",
        "scheduled",
        "forthcoming",
        "next",
        "proposed",
        "expected",
        "looming",
        "coming",
    ]
)
_REPORTING = (lexicon.SAY - {"saying"}) | word_set(
    """
    according added adds announced announces confirmed confirms insisted insists
    noted notes reported reports stated states tells told warned warns
    """
)
_PRESENT_BE = frozenset({"am", "is", "are", "'re", "'s", "’s"})
_PAST_AUX = frozenset({"has", "have", "had", "'ve", "'d"})
_AFTER = frozenset({"after", "following", "since"})
_AHEAD = frozenset({"ahead", "before", "until", "pending"})
_PAST_IRREGULAR = frozenset(
    """
    met held took made said came went began gave saw told found left put struck won lost
    fell rose sent spent brought thought led ran stood kept broke chose drove spoke wrote
    sat got did was were had ended concluded took agreed signed
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_NOT_PAST = (
    lexicon.ED_NOT_SUFFIX & word_set("need needed red red-carpet bed shed seed speed feed embed")
) | (lexicon.ED_ADJECTIVES & word_set("united alleged armed detailed based limited so-called"))


@dataclass(frozen=True, slots=True)
class Clause:
    """The sentence's tokens, the trigger's position, its form ("base", "s", "past",
    "ing", "noun", "plural") and whether it stands inside quoted speech."""

    tokens: tuple[str, ...]
    index: int
    form: str
    quoted: bool = False


def status_of(
    clause: Clause, days: tuple[date, date] | None, published: date | None
) -> EventStatus:
    return status_rule(clause, days, published)[0]


def status_rule(
    clause: Clause, days: tuple[date, date] | None, published: date | None
) -> tuple[EventStatus, str]:
    """The status of the trigger's clause and the name of the rule that decided it, tried in
    this order: the clause's own words, then its date against the publication day, then
    the sentence's tense."""
    words = [t.lower() for t in clause.tokens]
    left = _left(words, clause.index, 6)
    right = _right(words, clause.index, 6)
    noun = clause.form in {"noun", "plural"}

    # Issue 22: a plan denied, weighed or made conditional never reads as happened, so these
    # come first ("no plans for an emergency meeting", "are considering a meeting").
    if _not_ruled_out(left):
        return "hypothetical", rules.NOT_RULED_OUT.name
    if _negated_plan(left, right, noun):
        return "negated", rules.NEGATED_PLAN.name
    if _negated(left[-4:], left, right, noun):
        return "negated", rules.NEGATION.name
    if noun and _ruled_out(left):
        return "negated", rules.RULED_OUT.name
    if noun and any(w in lexicon.WEIGHING for w in left[-4:]):
        return "hypothetical", rules.WEIGHED.name
    if _would_if(left, right, noun, words, clause.index):
        return "hypothetical", rules.WOULD_IF.name
    if _hypothetical(left, right, noun, words, clause.index):
        return "hypothetical", rules.MODAL_OR_CONDITION.name
    if _planned(left, right, noun, words, clause.index):
        return "planned", rules.PLAN_WORDS.name
    future_day = days is not None and published is not None and days[0] > published
    if _progressive(clause, left):
        if future_day:
            return "planned", rules.PROGRESSIVE_FUTURE_DATE.name
        return "ongoing", rules.PROGRESSIVE.name
    if noun and _noted(left):
        return _asserted(clause), rules.NOTED_OBJECT.name
    if _past(clause, left, right, noun):
        return _asserted(clause), rules.PAST_FORM.name
    if days is not None and published is not None:
        if future_day:
            return "planned", rules.DATE_AFTER_PUBLICATION.name
        if days[1] < published:
            return _asserted(clause), rules.DATE_BEFORE_PUBLICATION.name
    # The sentence's tense, for a noun whose own words say nothing ("These talks, which
    # excluded Europe, concluded with ...").
    tense = _sentence_tense(words, clause.index)
    if tense == "future":
        return "planned", rules.SENTENCE_FUTURE.name
    if tense == "past" and clause.form not in {"base", "s"}:
        return _asserted(clause), rules.SENTENCE_PAST.name
    return "reported", rules.NO_CLUE.name


# Subject pronouns and auxiliaries: after one, a past form is a finite past verb.
_BE_WORDS = lexicon.BE
_PRONOUNS = lexicon.SUBJECT_PRONOUNS | (lexicon.RELATIVES - {"whom", "whose"})


def participle_ahead(clause: Clause) -> bool:
    """A bare past form after a word that is not an auxiliary or a subject pronoun
    ("limits agreed on Thursday"): it may name something still to be done; the caller
    decides from the date that follows it."""
    if clause.form != "past" or clause.index == 0:
        return False
    previous = clause.tokens[clause.index - 1].lower()
    return (
        previous.isalpha()
        and previous not in _PAST_AUX
        and previous not in _BE_WORDS
        and previous not in _PRONOUNS
    )


def _asserted(clause: Clause) -> EventStatus:
    return "reported" if clause.quoted else "happened"


def _left(words: list[str], index: int, size: int) -> list[str]:
    start = index
    while start > 0 and index - start < size and words[start - 1] not in _BOUNDARY:
        start -= 1
    return words[start:index]


def _right(words: list[str], index: int, size: int) -> list[str]:
    end = index + 1
    while end < len(words) and end - index <= size and words[end] not in _BOUNDARY:
        end += 1
    return words[index + 1 : end]


_SKIPPED = frozenset(
    {"also", "still", "now", "then", "again", "already", "`", "``", '"', "“", "'", "‘"}
)


def _skip_adverbs(left: list[str]) -> list[str]:
    end = len(left)
    while end > 0 and left[end - 1] in _SKIPPED:
        end -= 1
    return left[:end]


def _progressive(clause: Clause, left: list[str]) -> bool:
    """A present progressive: "are meeting", "they're talking", "appear to be
    deteriorating", and its passive "are being organized"."""
    before = _skip_adverbs(left)
    if clause.form == "past" and before[-1:] == ["being"]:
        before = before[:-1]
    elif clause.form != "ing":
        return False
    if not before:
        return False
    last = before[-1]
    return last in _PRESENT_BE or last == "be" or last.endswith(("'re", "’re", "'m", "’m"))


def _negated(near: list[str], left: list[str], right: list[str], noun: bool) -> bool:
    if any(w in _NEGATION for w in near):
        return True
    if len(left) >= 2 and left[-1] == "to" and left[-2] in _NEGATING_VERBS:
        return True
    if noun and any(w in _CANCELLED for w in right[:4]):
        return True
    return noun and "called" in right[:4] and "off" in right[:5]


# Verbs of a plan that a negation before them denies: "is not planning to meet".
_PLAN_VERBS = word_set(
    "plan plans planning planned intend intends intending expected scheduled due going set"
)
# What a denied noun does not do: "the meeting is not expected", "talks will not take place".
_NOT_HAPPENING = word_set("be expected planned scheduled held happen take go due likely")
_RULE = word_set("rule rules ruled ruling")
_IF = _CONDITION - {"whether"}  # "would decide whether to ...": a plan, not a condition


def _negated_plan(left: list[str], right: list[str], noun: bool) -> bool:
    """A plan denied: "no plans for a meeting", "has no intention of meeting", "is not
    planning to meet", or a noun whose own predicate is denied ("the meeting will not take
    place", "talks are not expected")."""
    for i, word in enumerate(left):
        before = left[max(0, i - 2) : i]
        if not any(b in _NEGATION for b in before):
            continue
        if word in lexicon.PLAN_NOUNS:
            return True
        if word in _PLAN_VERBS and "to" in left[i + 1 : i + 3]:
            return True
    if not noun:
        return False
    near = right[:4]
    for i, word in enumerate(near[:3]):
        if word in _NEGATION and any(w in _NOT_HAPPENING for w in near[i + 1 : i + 3]):
            return True
    return False


def _rule_out_at(left: list[str]) -> int | None:
    return next(
        (i for i in range(len(left) - 1) if left[i] in _RULE and left[i + 1] == "out"), None
    )


def _not_ruled_out(left: list[str]) -> bool:
    """ "did not rule out a meeting", "won't rule out a cut": left open, hypothetical."""
    at = _rule_out_at(left)
    return at is not None and any(w in _NEGATION for w in left[max(0, at - 3) : at])


def _ruled_out(left: list[str]) -> bool:
    """ "ruled out an emergency meeting": negated."""
    return _rule_out_at(left) is not None


def _would_if(left: list[str], right: list[str], noun: bool, words: list[str], index: int) -> bool:
    """ "would" with a condition later in the sentence: "said a meeting would be called
    only if prices fell", "would meet if asked" (a plan reported with "would" otherwise)."""
    would = "would" in left[-4:] or "'d" in left[-2:] or (noun and "would" in right[:2])
    return would and any(w in _IF for w in words[index + 1 :])


def _hypothetical(
    left: list[str], right: list[str], noun: bool, words: list[str], index: int
) -> bool:
    near = left[-4:]
    if ("in", "case") in list(pairwise(near)):
        return True  # "in case the talks overrun"
    if noun and any(w in _MODAL for w in right[:2]):
        return True  # "an emergency meeting could settle it"
    if noun and "would" in right[:2] and not _reported_before(words, index):
        return True
    if any(w in _MODAL for w in left):
        return True
    if any(w in _CONDITION for w in left):
        return True
    if noun and any(w in _POSSIBLE for w in left[-3:]) and "proposed" not in left[-3:]:
        return True
    if noun and any(w in _IRREALIS for w in left[-4:]):
        return True  # "to propose a ceasefire", "called for talks": asked for, not held
    return bool("would" in left[-4:] and not _reported_before(words, index))


def _reported_before(words: list[str], index: int) -> bool:
    return any(w in _REPORTING for w in words[:index])


def _planned(left: list[str], right: list[str], noun: bool, words: list[str], index: int) -> bool:
    recent = left[-4:]
    if any(w in _FUTURE for w in recent):
        return True
    if "would" in recent and _reported_before(words, index):
        return True
    if len(left) >= 2 and left[-1] == "to" and left[-2] in _PLANNING:
        return True
    if len(left) >= 3 and left[-1] == "to" and left[-3] in _PLANNING:
        return True  # "plans to then meet" / "is due to formally sign"
    if noun:
        # The object of an infinitive takes its plan: "willing to support a ceasefire".
        if "to" in left[-4:-1]:
            to = len(left) - 4 + left[-4:-1].index("to") if len(left) >= 4 else left.index("to")
            infinitive = to + 1 < len(left) and left[to + 1] not in _DETERMINERS
            if to > 0 and left[to - 1] in _PLANNING and infinitive:
                return True
        if any(w in _UPCOMING for w in left[-3:]):
            return True
        if any(w in _AHEAD for w in left[-3:]):
            return True
        if right[:1] and right[0] in _FUTURE:
            return True
        if (
            right[:1]
            and right[0] in {"is", "are"}
            and right[1:2]
            and right[1]
            in {
                "due",
                "scheduled",
                "expected",
                "set",
                "planned",
                "to",
            }
        ):
            return True
        if "would" in right[:2] and _reported_before(words, index):
            return True
    return False


_SUPPORT_PAST = frozenset(
    """
    held hosted attended chaired concluded ended began opened closed staged reached struck
    signed sealed clinched wrapped finished completed carried launched
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Determiners of something already there, and past verbs that look ahead to their object.
_DEFINITE = lexicon.DEMONSTRATIVES | word_set("her his its the their")
_PROSPECTIVE = frozenset(
    """
    proposed planned scheduled demanded sought urged requested announced set expected
    delayed postponed cancelled canceled suggested wanted needed awaited
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_AFTER_NOUN = word_set("began closed concluded ended opened took was were")


def _past(clause: Clause, left: list[str], right: list[str], noun: bool) -> bool:
    """Whether the trigger's own words put it in the past: a past form, a perfect ("has
    signed"), or for a noun a light verb ("held talks", "the talks ended") or "after"."""
    if clause.form == "past":
        return True
    if any(w in _PAST_AUX for w in left[-3:]) and clause.form != "ing":
        return True
    if not noun:
        return False
    if any(w in _AFTER for w in left[-3:]) or "last" in left[-2:]:
        return True
    if any(w in _SUPPORT_PAST for w in left[-3:]):
        return True
    if (
        len(left) >= 2
        and left[-1] in _DEFINITE
        and (left[-2] in _PAST_IRREGULAR or _regular_past(left[-2]))
        and left[-2] not in _PROSPECTIVE
    ):
        return True  # "welcomed the pledge", "rejected their offer": it was already made
    follows = [w for w in right[:3] if w not in {"also", "finally", "had", "have", "has"}]
    if follows[:1] and follows[0] in _AFTER_NOUN | _SUPPORT_PAST:
        return follows[0] not in {"was", "were"} or (
            len(follows) > 1 and follows[1] in {"held", "concluded", "staged", "hosted"}
        )
    return False


_TAKE = word_set("take takes took taken taking")


def _noted(left: list[str]) -> bool:
    """ "took note of the agreement": the object exists already, whatever date the clause
    names next ("... and will meet again in September")."""
    return (
        len(left) >= 4
        and left[-1] in _DEFINITE
        and left[-2] == "of"
        and left[-3] in {"note", "notice", "stock"}
        and left[-4] in _TAKE
    )


def _regular_past(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST


def _sentence_tense(words: list[str], index: int) -> str | None:
    """ "future" when the sentence speaks of what will be (also "said ... would"), "past"
    when it has a past verb and no future one, else None."""
    if any(w in _FUTURE for w in words):
        return "future"
    if "would" in words and _reported_before(words, words.index("would")):
        return "future"
    for i, word in enumerate(words[:-2]):
        if word in {"is", "are", "was", "were"} and words[i + 1] == "to":
            return "future"  # "Ukraine was to propose ..."
    if any(w in _PAST_IRREGULAR or _regular_past(w) for w in words):
        return "past"
    return None
