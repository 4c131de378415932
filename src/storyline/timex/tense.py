"""Which way a clause looks in time: back (past), forward (future) or neither.

A bare weekday or month ("on Saturday", "in May") names the nearest such day only when the
verb does not say otherwise: "met on Saturday" is the Saturday before publication, "will meet
on Saturday" the one after. The nearest tense marker to the expression within its sentence
decides; one just before counts a little more than one just after, since English puts the
verb first ("said on Monday", "will meet on Wednesday").
"""

from __future__ import annotations

import re
from typing import Literal

from storyline.text.lexicon import (
    ATTRIBUTION_VERBS,
    ED_ADJECTIVES,
    ED_NOT_SUFFIX,
    alternation,
    word_set,
)
from storyline.text.sentences import sentence_at
from storyline.text.tokens import loose_word_pattern

Tense = Literal["past", "future", "present", "none"]


_FUTURE_WORDS = word_set(
    """will 'll wo shall would tomorrow next upcoming scheduled planned expected due payable
    effective until till expires expiring begins starts opens resumes convenes"""
)
_FUTURE_BEFORE_TO = word_set(
    """going due set plans plan planning expected scheduled intends intend promise promises
    promised pledge pledges pledged vow vows vowed aim aims hope hopes seek seeks want wants"""
)
_PAST_WORDS = word_set(
    """said told met was were had did went came made took gave saw found left held began fell
    rose won lost sold bought paid spent brought thought became got kept led ran wrote spoke
    chose drew drove flew grew knew meant sent stood struck taught threw understood wore broke
    caught felt fought heard hid built shot sat sought swore woke ago yesterday last earlier
    killed died arrived shook blew tore swept sank stole fled hid rode froze spun
    dealt slid forgave withdrew overtook underwent"""
)
_BE_PRESENT = word_set("is are am 's 're")
_MODALS = word_set("could may might should must can")
_REPORTING = word_set("said says say told tells warned warns expects expected predicted")
_BE_ANY = word_set("is are am was were be been being 's 're")
# -ed words that are not past verbs (or are adjectives in news copy).
_NOT_PAST = (ED_NOT_SUFFIX - word_set("needed deed bleed greed heed red-carpet")) | (
    ED_ADJECTIVES & word_set("united limited based related proposed")
)
# The words of the clause: letters and apostrophes ("didn't"), no figures, which would
# stand between a modal and its verb ("will meet 2 times").
_TOKEN = loose_word_pattern("'", letters_only=True)
# A trailing attribution (", officials said.") reports the sentence; its verb is not the
# tense of the clause before it ("will meet again on Friday, officials said").
_ATTRIBUTION = re.compile(
    rf",\s*(?:(?:[\w'.-]+\s+){{0,5}}{alternation(ATTRIBUTION_VERBS)}"
    rf"|{alternation(ATTRIBUTION_VERBS - {'say', 'told', 'announced'})}\s)[^,]*$"
)


def _modal_ahead(tokens: list[str], index: int, expression: int) -> bool:
    """A modal that puts the time ahead: "may resume Monday", "said the orders could be
    lifted on Thursday". Not "may have met on Friday" or "could not be reached Tuesday";
    with "be" only when the participle itself takes the time ("could be lifted on
    Thursday", not "may be linked to a bombing on Friday"). A bare "could" is as often past
    ability ("nobody could be found"), so it looks ahead only in reported speech."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if token not in _MODALS or following in {"have", "not", "never", "n't", ""}:
        return False
    if token == "could" and not _REPORTING & set(tokens[:index]):
        return False
    if following == "be":
        between = tokens[index + 3 : expression]
        return index + 2 < expression and all(w in {"on", "by", "until", "as"} for w in between)
    return True


def tense_at(text: str, start: int, end: int) -> Tense:
    """The tense of the verb nearest to ``text[start:end]`` in its sentence."""
    begin, finish = sentence_at(text, start, end, at_semicolons=True)
    attribution = _ATTRIBUTION.search(text, end, finish)
    if attribution is not None:
        finish = attribution.start()
    before = [m.group(0).lower() for m in _TOKEN.finditer(text, begin, start)]
    after = [m.group(0).lower() for m in _TOKEN.finditer(text, end, finish)]
    tokens = before + after
    # Outward from the expression, alternating sides; the first marker found is the nearest.
    for step in range(1, max(len(before), len(after)) + 1):
        for index in (len(before) - step, len(before) + step - 1):
            if 0 <= index < len(tokens):
                tense = _token_tense(tokens, index, len(before))
                if tense != "none":
                    return tense
    return "none"


def _token_tense(tokens: list[str], index: int, expression: int) -> Tense:
    """The tense ``tokens[index]`` marks; the time expression stands before
    ``tokens[expression]``."""
    token = tokens[index]
    previous = tokens[index - 1] if index else ""
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if token in {"soon", "early"} and previous == "as" and following == "as":
        return "future"  # "as soon as Tuesday", "as early as next week": a date to come
    if token in _FUTURE_WORDS:
        if token in {"due", "expected", "scheduled", "planned"}:
            # "was due to expire Friday" looked forward from a day now past.
            if previous in {"was", "were", "been", "had"}:
                return "past"
            if previous not in _BE_ANY and token != "scheduled" and following != "to":
                return "none"  # "it expected to announce ... on Friday" looks ahead
        return "future"
    if _modal_ahead(tokens, index, expression):
        return "future"
    if token in _BE_ANY and following in {"planning", "going"}:
        return "none"  # "were planning to march Saturday": the plan's verb decides
    if following == "to" and (token in _FUTURE_BEFORE_TO or token in _BE_ANY):
        return "future"
    if token.endswith("ing") and previous in _BE_PRESENT:
        return "present"
    participle = token.endswith("ed") and len(token) > 3 and token not in _NOT_PAST
    if token in _PAST_WORDS or participle:
        # A passive participle carries no tense of its own: "will be sold", "is sold".
        if previous in {"be", "being", "been"}:
            return "none"
        return "present" if previous in _BE_PRESENT else "past"
    return "none"
