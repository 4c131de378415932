"""Canonical names: one spelling per real thing, whatever the article wrote.

Country short forms ("U.K.", "Britain"), organisation short forms ("NATO"), spelling
variants and transliterations ("Kiev", "Zelenskyy"), accents ("Erdoğan"), descriptions
("the French capital") and capitals used as metonyms ("Moscow said") all map to one name,
so that grouping across articles is a plain key lookup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storyline.entities.countries import by_capital, by_demonym, by_name
from storyline.text.tokens import loose_word_pattern

# Organisations and their short forms: the short form is what news copy uses most.
ORGANIZATIONS: dict[str, tuple[str, ...]] = {
    "NATO": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "Nato"),
    "European Union": ("EU", "E.U."),
    "United Nations": ("UN", "U.N."),
    "European Commission": ("EC",),
    "International Monetary Fund": ("IMF",),
    "World Health Organization": ("WHO",),
    "World Trade Organization": ("WTO",),
    "International Atomic Energy Agency": ("IAEA",),
    "Organization for Security and Co-operation in Europe": ("OSCE",),
    "African Union": ("AU",),
    "Group of Seven": ("G7", "G-7"),
    "Group of 20": ("G20", "G-20"),
    # Offices and parties that news copy names beside a person's title ("FBI Director X",
    # "the GOP chairman", "Tory leader X").
    "FBI": ("Federal Bureau of Investigation",),
    "CIA": ("Central Intelligence Agency",),
    "White House": (),
    "Pentagon": (),
    "Kremlin": (),
    "Republican Party": ("GOP", "Republican National Committee", "RNC"),
    "Democratic Party": ("Democratic National Committee", "DNC"),
    "Conservative Party": ("Tory", "Tories", "Conservatives"),
    "Labour Party": ("Labour",),
    "Liberal Democrats": ("Liberal Democrat", "Lib Dem", "Lib Dems"),
}

# Transliterations and spelling variants, word by word (accent-folded, lower case).
VARIANTS: dict[str, str] = {
    "kiev": "kyiv",
    "zelenskyy": "zelensky",
    "zelenskiy": "zelensky",
    "zelenskii": "zelensky",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv",
    "gaddafi": "gadhafi",
    "qaddafi": "gadhafi",
}

# Displayed spellings for variant keys (the form used by most English-language outlets now).
DISPLAY: dict[str, str] = {"kyiv": "Kyiv", "zelensky": "Zelensky", "odesa": "Odesa"}

# Verbs that make a capital the voice of its government ("Washington said").
_SAYING = (
    "said says say announced announces decided decides warned warns insisted insists "
    "claimed claims denied denies rejected rejects accepted accepts agreed agrees wants "
    "shifts shifted signalled signaled responded responds urged urges demanded demands "
    "confirmed confirms threatened threatens accused accuses ordered orders "
    "approved approves vowed vows refused refuses"
)
SAYING_VERBS = frozenset(_SAYING.split())
# After one of these the capital is a place, not the subject: "ministers in Lisbon agreed".
_PREPOSITIONS = (
    "in at from to into near of outside inside across over around via toward towards for by "
    "on with between visiting"
)
PREPOSITIONS = frozenset(_PREPOSITIONS.split())
# The word after a mention: a dotted abbreviation ("Gov.") stays one word.
_WORD = loose_word_pattern("'.-")

_DESCRIPTION = re.compile(r"\b[Tt]he ([A-Z][a-z]+(?: [A-Z][a-z]+)?) capital\b")


@dataclass(frozen=True, slots=True)
class Canonical:
    """The grouping key and displayed name of a mention; ``type`` may change (a metonym's
    capital becomes its country)."""

    key: str
    name: str
    type: str
    is_metonym: bool = False


def fold(text: str) -> str:
    """Lower case without accents: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("\u2019", "'").lower()


def _org_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, forms in ORGANIZATIONS.items():
        for form in (name, *forms):
            table[fold(form)] = name
    return table


_ORGS = _org_table()


def strip_possessive(text: str) -> str:
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def name_key(text: str) -> str:
    """Folded words with variants replaced: the key two spellings of one name share."""
    words = fold(strip_possessive(text)).split()
    return " ".join(VARIANTS.get(word, word) for word in words)


def _display(text: str) -> str:
    words = strip_possessive(text).split()
    return " ".join(DISPLAY.get(VARIANTS.get(fold(w), fold(w)), w) for w in words)


def canonical(text: str, type_: str, *, next_word: str = "", previous_word: str = "") -> Canonical:
    """The canonical form of a mention ``text`` of entity ``type_`` (person, organization,
    place, misc). ``next_word`` and ``previous_word`` surround it, to spot metonyms."""
    folded = fold(strip_possessive(text)).strip()
    if type_ in {"organization", "place"} and folded in _ORGS:
        name = _ORGS[folded]
        return Canonical(f"organization:{fold(name)}", name, "organization")
    if type_ in {"place", "organization"}:
        country = by_name().get(folded)
        if country is not None:
            return Canonical(f"place:{fold(country.name)}", country.name, "place")
        capital = by_capital().get(name_key(text))
        if (
            capital is not None
            and fold(next_word) in SAYING_VERBS
            and fold(previous_word) not in PREPOSITIONS
        ):
            return Canonical(f"place:{fold(capital.name)}", capital.name, "place", True)
    key = name_key(text)
    return Canonical(f"{type_}:{key}", _display(text), type_)


@dataclass(frozen=True, slots=True)
class Description:
    """A phrase such as "the French capital" that names a place without naming it."""

    start: int
    end: int
    text: str
    place: str


def descriptions(text: str) -> list[Description]:
    """Find "the <demonym> capital" phrases and the capitals they stand for."""
    found = []
    for match in _DESCRIPTION.finditer(text):
        country = by_demonym().get(match.group(1).lower()) or by_name().get(match.group(1).lower())
        if country is not None:
            found.append(Description(match.start(), match.end(), match.group(0), country.capital))
    return found


def next_word(text: str, end: int) -> str:
    match = _WORD.search(text, end, min(len(text), end + 40))
    return match.group(0) if match else ""


def previous_word(text: str, start: int) -> str:
    """The word right before ``start`` ("" after punctuation, which ends a phrase)."""
    match = re.search(r"([\w'-]+)\s+$", text[max(0, start - 40) : start])
    return match.group(1) if match else ""
