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
from storyline.text.sentences import sentence_breaks

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
    # US offices, and the offices of campaigns, courts and teams.
    "attorney general",
    "lieutenant governor",
    "representative",
    "congressman",
    "congresswoman",
    "speaker",
    "house speaker",
    "majority leader",
    "minority leader",
    "director",
    "press secretary",
    "campaign manager",
    "campaign chairman",
    "justice",
    "chief justice",
    "nominee",
    "presumptive nominee",
    "presidential nominee",
    "candidate",
    "presidential candidate",
    "president-elect",
    "premier",
    "first minister",
    "commissioner",
    "police chief",
    "chief",
    "adviser",
    "advisor",
    "culture secretary",
    "education secretary",
    "health secretary",
    "transport secretary",
    "environment secretary",
    "business secretary",
    "trade secretary",
    "work and pensions secretary",
    "northern ireland secretary",
    "manager",
    "coach",
    "head coach",
    "captain",
)

# Abbreviated titles written before names ("Sen. Ted Cruz", "Ohio Gov. John Kasich").
ABBREVIATIONS: dict[str, str] = {
    "sen.": "senator",
    "gov.": "governor",
    "lt. gov.": "lieutenant governor",
    "rep.": "representative",
    "gen.": "general",
    "lt. gen.": "lieutenant general",
    "maj. gen.": "major general",
    "adm.": "admiral",
    "atty. gen.": "attorney general",
    "pres.": "president",
    "col.": "colonel",
    "capt.": "captain",
    "sgt.": "sergeant",
    "supt.": "superintendent",
}
# Titles a US state's name can go with ("Ohio Gov.", "the former Florida governor"); with
# other titles a name shared with a country ("Georgia") is the country.
_STATE_TITLES = frozenset(
    {"governor", "lieutenant governor", "senator", "representative", "attorney general"}
)
_MEMBER_TITLES = frozenset({"senator", "representative", "congressman", "congresswoman"})
US_STATES: tuple[str, ...] = (
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
)

# Spelling differences that are the same title ("defence minister" / "defense minister").
_TITLE_SPELLING = {"defence": "defense"}
# "his Russian counterpart X": the stage copies the title of the person X is the counterpart of.
COUNTERPART = "counterpart"
_PROPER = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|of|the))*?"
_LOOKBACK = 120
# A full stop after one of these (or after an initial) does not end the sentence.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:sen|sens|gov|rep|reps|lt|gen|maj|adm|atty|pres|col|capt|sgt|supt|mr|mrs|ms|dr|"
    r"st|jr|sr|no|vs|u\.s|u\.k|[a-z]))\.$",
    re.IGNORECASE,
)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    places = list(by_demonym()) + list(by_name()) + [s.lower() for s in US_STATES]
    orgs = [fold(f) for name, forms in ORGANIZATIONS.items() for f in (name, *forms)]
    modifier = f"(?P<mod>{_alternation(places + orgs)})"
    titles = _alternation(list(TITLES) + list(ABBREVIATIONS))
    title = rf"(?P<title>{titles})(?![\w-])(?:\s+of\s+(?P<of>{_PROPER}))?"
    # "former", and "shadow" (the opposition's spokesperson for an office, "shadow home
    # secretary"): both are kept in the title.
    former = r"(?:(?P<former>former|ex-)\s*)?(?:(?P<shadow>shadow)\s+)?"
    # Capitalised words before a title that name no known place or body ("the
    # Charlotte-Mecklenburg police chief", "a Rubio spokesman"): read over, not kept.
    other = r"(?:(?-i:[A-Z][\w'\u2019-]*)\s+){1,3}"
    # "French Defense Minister " / "President " / "Ohio Gov. " right before the name.
    before = re.compile(rf"(?:\b{former})(?:\b{modifier}\s+)?\b{title}\s+$", re.IGNORECASE)
    # "the head of NATO, " right before the name.
    apposed_before = re.compile(
        rf"\bthe\s+{former}(?:{modifier}\s+)?{title}\s*,\s*$", re.IGNORECASE
    )
    # ", the German defence minister," right after it.
    after = re.compile(
        rf"^\s*,\s+(?:the|a|an|its|their)\s+{former}(?:{modifier}\s+|{other})?{title}"
        r"\s*(?=[,.;)]|$)",
        re.IGNORECASE,
    )
    # A title the tagger took into the name: "Ohio Gov. John Kasich", "Sen. Ted Cruz", or
    # into an organisation: "U.S. Supreme Court Justice Antonin Scalia".
    inside = re.compile(
        rf"(?:(?<![\w.]){modifier}\s+)?(?<![\w.]){title}\s+"
        r"(?=(?-i:[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+)*)$)",
        re.IGNORECASE,
    )
    return before, apposed_before, after, inside


def _sentence_prefix(text: str, start: int) -> str:
    """The text before ``start`` back to the start of its sentence (within a window)."""
    window = text[max(0, start - _LOOKBACK) : start]
    cut = -1
    for at in sentence_breaks(window):
        if window[at] == "." and _ABBREVIATION_END.search(window[: at + 1]):
            continue
        cut = at
    return window[cut + 1 :] if cut >= 0 else window


def _title(raw: str) -> str:
    raw = ABBREVIATIONS.get(" ".join(raw.lower().split()), raw)
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
        state = _state(modifier)
        if state and (title.lower() in _STATE_TITLES or not by_name().get(modifier.lower())):
            # A governor is "of" a state; a member of Congress is "from" it.
            link = "from" if title.lower() in _MEMBER_TITLES else "of"
            country, title = "United States", f"{title} {link} {state}"
        else:
            country, organization = _place_or_org(modifier)
    of = match.group("of")
    if of:
        of_country, of_org = _place_or_org(of.strip())
        if of_country or of_org:
            country, organization = country or of_country, organization or of_org
        else:
            title = f"{title} of {of.strip()}"
    if "shadow" in match.re.groupindex and match.group("shadow"):
        title = f"Shadow {title}"
    if "former" in match.re.groupindex and match.group("former"):
        title = f"former {title}"
    return Role(title, country, organization)


@cache
def _states() -> dict[str, str]:
    return {fold(s): s for s in US_STATES}


def _state(word: str) -> str | None:
    return _states().get(fold(word))


def _place_or_org(word: str) -> tuple[str | None, str | None]:
    folded = fold(word)
    for name, forms in ORGANIZATIONS.items():
        if folded in {fold(f) for f in (name, *forms)}:
            return None, name
    country = by_demonym().get(word.lower()) or by_name().get(word.lower())
    return (country.name if country else None), None


def leading_role(name: str) -> tuple[int, Role] | None:
    """A title at the start of a tagged name ("Ohio Gov. John Kasich"): where the name
    proper starts in ``name``, and the role; ``None`` when the name starts with no title."""
    match = _patterns()[3].match(name)
    if match is None or not name[match.end() :].strip():
        return None
    return match.end(), _from_match(match)


def person_inside(name: str) -> tuple[int, Role] | None:
    """A titled person at the end of a span tagged as something else ("U.S. Supreme Court
    Justice Antonin Scalia"): where the person's name starts, and the role. The name must
    be at least two capitalised words, so "Court of Justice" stays an organisation."""
    for match in _patterns()[3].finditer(name):
        rest = name[match.end() :].split()
        if match.start() > 0 and len(rest) >= 2:
            return match.end(), _from_match(match)
    return None


def role_at(text: str, start: int, end: int) -> Role | None:
    """The role written around the name at ``text[start:end]``, if any. A title before the
    name and another after it ("Senator Harry Reid, the minority leader,") are both kept."""
    before, apposed_before, after, _ = _patterns()
    prefix = _sentence_prefix(text, start)
    found: Role | None = None
    for pattern in (before, apposed_before):
        match = pattern.search(prefix)
        if match:
            found = _from_match(match)
            break
    match = after.search(text[end : end + _LOOKBACK])
    if match is None:
        return found
    later = _from_match(match)
    if found is None or found.title == later.title:
        return found or later
    return Role(
        f"{found.title}, {later.title}",
        found.country or later.country,
        found.organization or later.organization,
    )
