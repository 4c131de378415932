"""Person names and outlet names as they appear in bylines and credit lines.

Both are capitalised word sequences, so they are told apart by what outlets are called
("News", "Times", "Ledger", an acronym such as "AFP") and by what names look like (two to
five capitalised words, initials and particles such as "de" or "van" allowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.clean.words import is_all_caps, title_case
from storyline.text import lexicon
from storyline.text.lexicon import word_set
from storyline.text.tokens import is_letter_word

_OUTLET_WORDS = frozenset(
    """
    news times post herald ledger tribune journal gazette press agency wire daily weekly
    chronicle observer guardian telegraph independent express mail mirror standard review
    reuters ap afp bloomberg bbc cnn npr radio tv television network media magazine monitor
    courier sun star globe inquirer examiner register bulletin dispatch record report insider
    online digest today week newswire service services broadcasting channel post-gazette
    associated xinhua tass anadolu ansa dpa efe kyodo yonhap
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_ROLE_WORDS = frozenset(
    """
    correspondent correspondents reporter reporters writer writers editor editors columnist
    staff contributor contributors bureau chief senior producer analyst
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_PARTICLES = lexicon.NAME_PARTICLES
_NOT_NAMES = (
    frozenset(lexicon.MONTHS)
    | frozenset(lexicon.WEEKDAYS)
    | lexicon.SUBJECT_PRONOUNS
    | (lexicon.POSSESSIVES - {"your"})
    | lexicon.DEMONSTRATIVES
    | (lexicon.DAY_PARTS - {"afternoon", "overnight"})
    | lexicon.DAYS_FROM_TODAY
    | lexicon.ARTICLES
    | word_set(
        """
    apr aug dec early end feb jan jul jun last late mar midnight next noon nov oct
    sep sept
    """
    )
)
_SPLIT = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)
_PLACE_SUFFIX = re.compile(r"\s+(?:in|from|at)\s+\S.*$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$")
_ABBREVIATION_END = re.compile(r"\b(?:Jr|Sr|[A-Z])\.$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")


def _is_name_token(token: str) -> bool:
    if _INITIALS.match(token):
        return True
    if not is_letter_word(token):
        return False
    head, _, rest = token.partition("-")
    if head.lower() in _PARTICLES and rest:
        # al-Hassan, el-Sayed
        return rest[:1].isupper()
    return token[0].isupper()


def is_person_name(text: str) -> bool:
    """ "Jana Novak", "Tomás Ferreira", "J. R. Smith", "Ana de la Cruz", "Omar al-Hassan"."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if any(t.lower().rstrip(".,") in _NOT_NAMES for t in tokens):
        return False
    if looks_like_outlet(text) or any(t.lower() in _ROLE_WORDS for t in tokens):
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not _is_name_token(token):
            return False
        capitalised += 1
    return capitalised >= 2


def parse_names(text: str) -> tuple[str, ...] | None:
    """``"Jana Novak in Paris and Li Wei"`` -> ``("Jana Novak", "Li Wei")``; None unless every
    part is a person's name."""
    names: list[str] = []
    text = text.strip()
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text[:-1]
    for part in _SPLIT.split(text):
        name = _PLACE_SUFFIX.sub("", part.strip())
        if not is_person_name(name):
            return None
        names.append(present_name(name))
    return tuple(names) if names else None


def present_name(name: str) -> str:
    """A name as it should be recorded: "JANA NOVAK" -> "Jana Novak", others unchanged."""
    return title_case(name) if is_all_caps(name) else name


def looks_like_outlet(text: str) -> bool:
    """ "Lisbon Ledger", "TROIB News", "AFP", "The Daily Record"."""
    tokens = text.strip().rstrip(".").split()
    if not 1 <= len(tokens) <= 6:
        return False
    if any(t.lower().strip("'’") in _OUTLET_WORDS for t in tokens):
        return True
    # An acronym among mixed-case words ("CW", "DW"); in an all-caps line every word looks
    # like one, so there it proves nothing.
    if len(tokens) == 1:
        return bool(_ACRONYM.match(tokens[0]))
    return not is_all_caps(text) and any(_ACRONYM.match(t) for t in tokens)


def is_role(text: str) -> bool:
    """ "Staff Writer", "Political Correspondent", "Senior Reporter in Paris"."""
    head = _PLACE_SUFFIX.sub("", text.strip())
    tokens = head.lower().split()
    return bool(tokens) and len(tokens) <= 5 and tokens[-1] in _ROLE_WORDS


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a byline or credit line names: the authors (in order), the outlet if stated."""

    authors: tuple[str, ...]
    outlet: str | None
    reason: str
