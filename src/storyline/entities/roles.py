"""Roles from the words around a person's name.

Pre-modifiers ("French Defense Minister Sébastien Lecornu", "US President Donald Trump",
"NATO Secretary-General Mark Rutte"), appositions after the name ("Boris Pistorius, the
German defence minister,") and before it ("the head of NATO, Mark Rutte"). Only patterns
whose reading is unambiguous are used; anything else gives no role rather than a wrong one.
A title "counterpart" ("his Russian counterpart X") is resolved by the caller.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.entities.aliases import ORGANIZATIONS, fold
from storyline.entities.countries import by_demonym, by_name
from storyline.model import Role

# Titles, longest first inside the regex so "prime minister" wins over "minister".
TITLES: tuple[str, ...] = (
    "president",
    "vice president",
    "vice-president",
    "prime minister",
    "deputy prime minister",
    "minister",
    "defence minister",
    "defense minister",
    "foreign minister",
    "finance minister",
    "interior minister",
    "economy minister",
    "energy minister",
    "health minister",
    "justice minister",
    "trade minister",
    "chancellor",
    "secretary of state",
    "defence secretary",
    "defense secretary",
    "foreign secretary",
    "home secretary",
    "treasury secretary",
    "secretary-general",
    "secretary general",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ceo",
    "chief executive",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "senator",
    "ambassador",
    "envoy",
    "special envoy",
    "king",
    "queen",
    "general",
    "admiral",
    "army chief",
    "chief of staff",
    "commander",
    "head",
    "leader",
    "opposition leader",
    "counterpart",
)

# Spelling differences that are the same title ("defence minister" / "defense minister").
_TITLE_SPELLING = {"defence": "defense"}
# "his Russian counterpart X": the stage copies the title of the person X is the counterpart of.
COUNTERPART = "counterpart"
_PROPER = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|of|the))*?"
_LOOKBACK = 120


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    places = list(by_demonym()) + list(by_name())
    orgs = [fold(f) for name, forms in ORGANIZATIONS.items() for f in (name, *forms)]
    modifier = f"(?P<mod>{_alternation(places + orgs)})"
    title = rf"(?P<title>{_alternation(list(TITLES))})(?:\s+of\s+(?P<of>{_PROPER}))?"
    # "French Defense Minister " / "President " right before the name.
    before = re.compile(rf"(?:\b{modifier}\s+)?\b{title}\s+$", re.IGNORECASE)
    # "the head of NATO, " right before the name.
    apposed_before = re.compile(rf"\bthe\s+(?:{modifier}\s+)?{title}\s*,\s*$", re.IGNORECASE)
    # ", the German defence minister," right after it.
    after = re.compile(
        rf"^\s*,\s+(?:the|a|an|its|their)\s+(?:{modifier}\s+)?{title}\s*(?=[,.;)]|$)",
        re.IGNORECASE,
    )
    return before, apposed_before, after


def _sentence_prefix(text: str, start: int) -> str:
    """The text before ``start`` back to the start of its sentence (within a window)."""
    window = text[max(0, start - _LOOKBACK) : start]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
    return window[cut + 1 :] if cut >= 0 else window


def _title(raw: str) -> str:
    words = [_TITLE_SPELLING.get(w.lower(), w.lower()) for w in raw.split()]
    if words == ["ceo"]:
        return "CEO"
    if words == ["counterpart"]:
        return COUNTERPART
    return " ".join(
        w if w == "of" else "-".join(p.capitalize() for p in w.split("-")) for w in words
    )


def _from_match(match: re.Match[str]) -> Role:
    title = _title(match.group("title"))
    country: str | None = None
    organization: str | None = None
    modifier = match.group("mod")
    # A modifier must be a proper adjective or name: "us" in "told us" is not "US".
    if modifier and modifier[0].isupper():
        country, organization = _place_or_org(modifier)
    of = match.group("of")
    if of:
        of_country, of_org = _place_or_org(of.strip())
        if of_country or of_org:
            country, organization = country or of_country, organization or of_org
        else:
            title = f"{title} of {of.strip()}"
    return Role(title, country, organization)


def _place_or_org(word: str) -> tuple[str | None, str | None]:
    folded = fold(word)
    for name, forms in ORGANIZATIONS.items():
        if folded in {fold(f) for f in (name, *forms)}:
            return None, name
    country = by_demonym().get(word.lower()) or by_name().get(word.lower())
    return (country.name if country else None), None


def role_at(text: str, start: int, end: int) -> Role | None:
    """The role written around the name at ``text[start:end]``, if any."""
    before, apposed_before, after = _patterns()
    prefix = _sentence_prefix(text, start)
    for pattern, subject in ((before, prefix), (apposed_before, prefix)):
        match = pattern.search(subject)
        if match:
            return _from_match(match)
    match = after.search(text[end : end + _LOOKBACK])
    if match:
        return _from_match(match)
    return None
