"""The rules behind event mentions (``extract.py``, ``status.py``, ``timing.py``), by name.

A mention's rule string has three parts: the form of its trigger word
("trigger-past"), the rule that decided its status ("status:past-form") and, when it is
dated, the rule that attached its time ("time:in-clause"); "+after-publication" is added
when a date taken from an earlier mention made a "happened" one planned:
"trigger-noun/status:no-clue/time:anaphor+after-publication".
"""

from __future__ import annotations

from storyline.rules import NamedRule


def _trigger(form: str, says: str) -> NamedRule:
    return NamedRule(f"trigger-{form}", "events", "event", says)


def _status(name: str, says: str) -> NamedRule:
    return NamedRule(name, "events", "event", says, part="status")


def _time(name: str, says: str) -> NamedRule:
    return NamedRule(name, "events", "event", says, part="time")


# The trigger: a word of the event lexicon (events/lexicon.py), by its form.
TRIGGERS = {
    "base": _trigger("base", "An event verb in its base form: 'will meet', 'to attack'."),
    "s": _trigger("s", "An event verb ending in -s: 'meets', 'attacks'."),
    "past": _trigger("past", "An event verb in its past form: 'met', 'attacked'."),
    "ing": _trigger(
        "ing", "An event verb ending in -ing, or an -ing noun after 'be': 'are meeting'."
    ),
    "noun": _trigger("noun", "An event noun: 'the summit', 'an attack'."),
    "plural": _trigger("plural", "An event noun in the plural: 'talks', 'attacks'."),
}


def _type(name: str, says: str) -> NamedRule:
    return NamedRule(name, "events", "event", says, part="type")


# The type from the trigger in context (sense.py, issue 22): written only when the context
# changed the word's own type.
STRIKE_WALKOUT = _type(
    "strike-walkout",
    "'Strike' without a weapon right before it is a walkout ('the dockers' strike'), not "
    "an attack ('an air strike').",
)
OPENED_FIRE = _type(
    "opened-fire", "'Opened fire', 'returned fire', 'an exchange of fire': an attack, not a blaze."
)
FIRED_WEAPON = _type(
    "fired-weapon",
    "'Fired' with a weapon or a target after it ('fired rockets at the town'): an attack.",
)
FIRED_PERSON = _type(
    "fired-person",
    "'Fired' with a person as its object or passive subject ('fired its chief executive', "
    "'was fired'): a dismissal.",
)
NEWS_CONFERENCE = _type(
    "news-conference",
    "'Conference' after 'news' or 'press': a statement to reporters, not a meeting of the parties.",
)
TYPE_RULES = (STRIKE_WALKOUT, OPENED_FIRE, FIRED_WEAPON, FIRED_PERSON, NEWS_CONFERENCE)
TYPING = {rule.name: rule for rule in TYPE_RULES}

# The status (status.py), tried in this order. The first five are issue 22's: a plan that
# is denied, weighed or made conditional is never read as happened.
NOT_RULED_OUT = _status(
    "not-ruled-out",
    "'Did not rule out a meeting': left open, hypothetical (before the negation rule).",
)
NEGATED_PLAN = _status(
    "negated-plan",
    "A plan denied ('no plans for a meeting', 'is not planning to meet') or a noun whose "
    "own predicate is ('the talks will not take place'): negated.",
)
NEGATION = _status(
    "negation", "A negation before the trigger ('did not attack', 'no talks'): negated."
)
RULED_OUT = _status("ruled-out", "'Ruled out a meeting': negated.")
WEIGHED = _status(
    "weighed",
    "A verb of weighing before it ('are considering a meeting', 'mulling a cut'): hypothetical.",
)
WOULD_IF = _status(
    "would-if",
    "'Would' with a condition later in the sentence ('a meeting would be called only if "
    "prices fell'): hypothetical, not a plan.",
)
MODAL_OR_CONDITION = _status(
    "modal-or-condition",
    "A modal verb, a condition or a possibility around it ('could attack', 'if they meet'): "
    "hypothetical.",
)
PLAN_WORDS = _status(
    "plan-words",
    "Words of a plan or the future around it ('will meet', 'plans to sign', 'the upcoming "
    "summit'): planned.",
)
PROGRESSIVE_FUTURE_DATE = _status(
    "progressive-future-date",
    "A present progressive dated after publication ('are meeting on Friday'): planned.",
)
PROGRESSIVE = _status(
    "progressive", "A present progressive ('are meeting', 'is being organized'): ongoing."
)
NOTED_OBJECT = _status(
    "noted-object",
    "The object of 'took note of the ...' ('took note of the agreement'): it exists already, "
    "so happened (issue 22: a later date in the clause made it planned).",
)
PAST_FORM = _status(
    "past-form",
    "A past verb or a noun with past words ('met', 'the talks held'): happened, or reported "
    "inside a quotation.",
)
AGREED_THEN_WOULD = _status(
    "agreed-then-would",
    "A bare past participle dated after publication ('limits agreed on Thursday would take "
    "effect'): planned.",
)
DATE_AFTER_PUBLICATION = _status(
    "date-after-publication", "No word says; its date lies after publication: planned."
)
DATE_BEFORE_PUBLICATION = _status(
    "date-before-publication",
    "No word says; its date lies before publication: happened, or reported inside a quotation.",
)
SENTENCE_FUTURE = _status(
    "sentence-future", "No word or date says; its sentence speaks of the future: planned."
)
SENTENCE_PAST = _status(
    "sentence-past",
    "No word or date says; its sentence speaks of the past: happened, or reported inside a "
    "quotation.",
)
NO_CLUE = _status("no-clue", "Nothing in the sentence decides: reported.")

# Its time (timing.py, and extract.py for "anaphor").
IN_CLAUSE = _time(
    "in-clause",
    "The nearest dated time expression of the sentence that the trigger's own clause holds.",
)
SCENE_TIME = _time(
    "scene-time",
    "The time of a phrase that opens the sentence with 'at' or 'during' and a comma dates "
    "its main verb: 'At its last meeting in December, OPEC agreed ...'.",
)
DURATION_BEFORE = _time(
    "duration-before",
    "A duration before 'after' reaches back to it: 'three years after Russia invaded'.",
)
EVENT_RELATIVE_CLAUSE = _time(
    "event-relative-clause",
    "A verb opening a relative clause on a dated event noun takes the noun's time: "
    "'the January bombing, which killed a guard'.",
)
SAME_DAY = _time(
    "same-day", "'On the same day': the day of the last date named before the sentence."
)
ANAPHOR = _time(
    "anaphor",
    "An undated 'the talks' or 'their meeting' takes the time of the last dated mention of "
    "the same kind before it.",
)
# What keeps a time from a trigger (timing.py, issue 22): the time then dates another word,
# and another rule (or none) dates the trigger. Listed for ``storyline rules``; a mention's
# rule string names the rule that did date it.
INFINITIVE_TIME = _time(
    "infinitive-time",
    "A time after an infinitive dates the infinitive's verb, not the verb before it: 'agreed "
    "to reintroduce fixed prices from February 1' (the agreement is not dated February 1).",
)
TIME_IN_NOUN_PHRASE = _time(
    "time-in-noun-phrase",
    "A time between a determiner and a noun dates that noun only: 'its pact set a third "
    "quarter ceiling' (the pact is not dated to the third quarter).",
)
AFTER_PUBLICATION = NamedRule(
    "after-publication",
    "events",
    "event",
    "Added when the time taken from an earlier mention lies after publication: a "
    "'happened' becomes planned.",
)

STATUS_RULES = (
    NOT_RULED_OUT,
    NEGATED_PLAN,
    NEGATION,
    RULED_OUT,
    WEIGHED,
    WOULD_IF,
    MODAL_OR_CONDITION,
    PLAN_WORDS,
    PROGRESSIVE_FUTURE_DATE,
    PROGRESSIVE,
    NOTED_OBJECT,
    PAST_FORM,
    AGREED_THEN_WOULD,
    DATE_AFTER_PUBLICATION,
    DATE_BEFORE_PUBLICATION,
    SENTENCE_FUTURE,
    SENTENCE_PAST,
    NO_CLUE,
)
TIME_RULES = (IN_CLAUSE, SCENE_TIME, DURATION_BEFORE, EVENT_RELATIVE_CLAUSE, SAME_DAY, ANAPHOR)
# By the name the status and time functions return, for building a mention's rule string.
STATUS = {rule.name: rule for rule in STATUS_RULES}
TIMING = {rule.name: rule for rule in TIME_RULES}
RULES = (
    *TRIGGERS.values(),
    *TYPE_RULES,
    *STATUS_RULES,
    *TIME_RULES,
    INFINITIVE_TIME,
    TIME_IN_NOUN_PHRASE,
    AFTER_PUBLICATION,
)
