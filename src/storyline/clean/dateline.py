"""Datelines opening the first paragraph: "WASHINGTON (AFP) – ", "PARIS, March 11 (Reuters) - ",
"LONDON — ", "KYIV, Ukraine (AP) — ", "SALVADOR, Feb 26 - ", "ROTTERDAM (CW) – ".

A place written in capitals, or a capitalised place that a date or an agency vouches for,
then a dash, then the start of a sentence. "NATO - the alliance said" and "US President ..."
are sentences, not datelines.
"""

from __future__ import annotations

import re

from storyline.clean.words import is_all_caps, title_case
from storyline.model import Dateline
from storyline.text import lexicon
from storyline.text.lexicon import ORDINAL_SUFFIX, word_set
from storyline.text.sentences import may_start_sentence
from storyline.text.tokens import is_letter_word

_MAX_PREFIX = 80
_DASH = re.compile(r"\s*(?:--|[–—―])\s*|\s+-\s+|(?<=\))\s?-\s+")
_AGENCY = re.compile(r"\s*\((?P<agency>[^()]{1,40})\)$")
# A month's abbreviation, then the rest of its name: "jan", "january", "sept.".
_MONTH = (
    "(?:"
    + "|".join((*lexicon.MONTH_ABBREVIATIONS[:4], "may", *lexicon.MONTH_ABBREVIATIONS[4:]))
    + r")(?:uary|ruary|ch|il|e|y|ust|tember|ober|ember)?\.?"
)
_WEEKDAY_STEM = "(?:" + "|".join(day.removesuffix("day") for day in lexicon.WEEKDAYS) + ")"
_DATE = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}}{ORDINAL_SUFFIX}?|\d{{1,2}}{ORDINAL_SUFFIX}?\s+{_MONTH}"
    rf"|{_WEEKDAY_STEM}day(?:\s+\d{{1,2}})?)(?:\s+\d{{4}})?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^\d{4}$")
# Small words inside a place name ("Rio de Janeiro", "Stratford-upon-Avon").
_SMALL = (lexicon.NAME_PARTICLES & word_set("de da do del la le")) | word_set(
    "of on upon am an the"
)
# Capitalised words that open wire copy without being places.
_NOT_PLACES = frozenset(
    """
    breaking update updated exclusive analysis opinion comment editorial factbox explainer
    watch live news refile corrected correction urgent flash alert advisory feature review
    nato eu un us uk usa imf who opec fbi cia nasa wto ecb fed
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


def _is_place(text: str, *, vouched: bool) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or text.lower() in _NOT_PLACES:
        return False
    for index, token in enumerate(tokens):
        if not is_letter_word(token):
            return False
        if index and token.lower() in _SMALL:
            continue
        if not token[0].isupper():
            return False
    return is_all_caps(text) or vouched


def _present(text: str) -> str:
    return title_case(text) if is_all_caps(text) else text


def find_dateline(text: str) -> tuple[int, Dateline] | None:
    """The dateline opening the paragraph ``text``: where the rest of the paragraph starts
    (``len(text)`` for a dateline alone), and what the dateline says. None when ``text``
    opens with an ordinary sentence."""
    dash = _DASH.search(text, 0, _MAX_PREFIX)
    if dash is None or dash.start() == 0:
        return None
    # A dateline may stand on a line of its own ("WASHINGTON —" then the story); otherwise
    # what follows the dash must open a sentence.
    if dash.end() < len(text) and not may_start_sentence(text[dash.end()]):
        return None
    prefix = text[: dash.start()].strip()
    agency: str | None = None
    agency_match = _AGENCY.search(prefix)
    if agency_match is not None:
        agency = agency_match.group("agency").strip()
        if not agency[:1].isupper() or len(agency.split()) > 4:
            return None
        prefix = prefix[: agency_match.start()].strip()
    parts = [part.strip() for part in prefix.split(",")]
    place, region, date_text = parts[0], None, None
    for part in parts[1:]:
        if date_text is None and _DATE.match(part):
            date_text = part
        elif date_text is not None and _YEAR.match(part):
            date_text = f"{date_text}, {part}"
        elif region is None and date_text is None and _is_place(part, vouched=True):
            region = part
        else:
            return None
    vouched = agency is not None or date_text is not None
    if not _is_place(place, vouched=vouched):
        return None
    if region is not None and not (vouched or is_all_caps(place)):
        return None
    where = _present(place) + (f", {_present(region)}" if region else "")
    dateline_text = text[: dash.end()].strip()
    return dash.end(), Dateline(dateline_text, where, agency, date_text)
