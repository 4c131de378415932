"""Credit lines, usually closing an article:

* "Jessica Doe contributed to this report for Some News" (author and outlet);
* "Jana Novak and Li Wei contributed reporting from Kyiv";
* "Additional reporting by Jana Novak", "Compiled by ...", "Written by ...", "Edited by ...";
* "Reporting by A in Paris; Writing by B; Editing by C", whole or as a trailing parenthetical
  "... said. (Reporting by A; Editing by B)";
* the wire signature "Reuter" / "REUTER" on its own or at the end of the last paragraph.

Reporters, writers and compilers are authors; editors, producers and translators are not.
"""

from __future__ import annotations

import re

from storyline.clean.names import Attribution, looks_like_outlet, parse_names
from storyline.clean.words import word_count

_MAX_WORDS = 40

_ROLE = (
    r"(?:additional\s+)?(?:reporting|writing|written|editing|edited|compiled|compiling"
    r"|produced|production|translated|translation|graphics|research|fact-checking"
    r"|photography|photos|video|design)"
)
_AUTHOR_ROLES = frozenset(
    {"reporting", "additional reporting", "writing", "written", "compiled", "compiling"}
)
_SEGMENT = re.compile(rf"^(?P<role>{_ROLE})\s+by\s+(?P<names>\S.*)$", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(
    rf"\s*;\s*|\s*,\s*(?={_ROLE}\s+by\b)|\s+and\s+(?={_ROLE}\s+by\b)", re.IGNORECASE
)
_CONTRIBUTED = re.compile(
    r"^(?P<names>\S.*?)\s+contributed"
    r"(?:$|\s+(?:(?:additional\s+)?reporting"
    r"(?:\s+to\s+(?:this|the)\s+(?:report|story|article))?"
    r"|to\s+(?:this|the)\s+(?:report|story|article|coverage))"
    r"(?:\s+(?:from|in)\s+(?P<place>[^;]+?))?"
    r"(?:\s+for\s+(?P<outlet>\S.*?))?$)",
    re.IGNORECASE,
)
# "Associated Press writer Mara Lindqvist": an affiliation, a role word, then the names.
_AFFILIATION = re.compile(
    r"^(?:.{1,60}?\s)?(?:writers?|reporters?|correspondents?|journalists?|staff)\s+"
    r"(?P<names>\S.*)$",
    re.IGNORECASE,
)
# The wire signature, also as the archive left it: "REUTER...", "reuter", cut to "REUTE".
_SIGNATURE = re.compile(r"^(?:reuters?|reute)(?:\.{2,}|…)?$", re.IGNORECASE)
_TRAILING_PARENTHETICAL = re.compile(
    rf"(?<=[.!?\"”’)\]])\s*(?P<credit>\({_ROLE}\s+by\s[^()]*\))$", re.IGNORECASE
)
_TRAILING_SIGNATURE = re.compile(
    r"(?<=[.!?\"”’)\]])\s+(?P<credit>(?:Reuter|REUTER|reuter)(?:\.{2,}|…)?)$"
)


def _strip(text: str) -> str:
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text.rstrip(".").strip()


def _roles(text: str) -> Attribution | None:
    authors: list[str] = []
    roles: list[str] = []
    for segment in _SEGMENT_SPLIT.split(text):
        match = _SEGMENT.match(segment.strip())
        if match is None:
            return None
        names = parse_names(match.group("names"))
        if names is None:
            return None
        role = " ".join(match.group("role").lower().split())
        roles.append(role)
        if role in _AUTHOR_ROLES:
            authors.extend(names)
    return Attribution(tuple(authors), None, "credit line: " + ", ".join(roles))


def _contributed(text: str) -> Attribution | None:
    match = _CONTRIBUTED.match(text)
    if match is None:
        return None
    outlet = match.group("outlet")
    if outlet is not None and not (outlet[:1].isupper() or looks_like_outlet(outlet)):
        return None
    contributors = match.group("names")
    # "Associated Press writer Mara Lindqvist in Warsaw contributed ...": the affiliation
    # is the contributor's, not the outlet that published the article.
    affiliated = _AFFILIATION.match(contributors)
    if affiliated is not None:
        contributors = affiliated.group("names")
    names = parse_names(contributors)
    if names is None:
        if not looks_like_outlet(contributors):
            return None
        # "The Associated Press contributed to this report."
        return Attribution((), outlet, "credit line: contributed")
    return Attribution(names, outlet, "credit line: contributed")


def parse_credit(text: str) -> Attribution | None:
    """The people (and outlet) a credit paragraph names, or None if ``text`` is not one."""
    if word_count(text) > _MAX_WORDS:
        return None
    if _SIGNATURE.match(text.strip()):
        return Attribution((), "Reuters", "agency signature")
    body = _strip(text)
    if not body:
        return None
    return _roles(body) or _contributed(body)


def trailing_credit(text: str) -> tuple[int, Attribution] | None:
    """A credit glued to the end of a paragraph: where it starts in ``text``, and whom it
    names. The sentence before it stays."""
    match = _TRAILING_PARENTHETICAL.search(text) or _TRAILING_SIGNATURE.search(text)
    if match is None or match.start() == 0:
        return None
    credit = parse_credit(match.group("credit"))
    if credit is None:
        return None
    return match.start("credit"), credit
