"""Bylines at the top of an article: "By Jana Novak", "By Jana Novak and Li Wei",
"By Tomás Ferreira, Lisbon Ledger", "BY JANA NOVAK", "By Jana Novak for The Lisbon Ledger".

Only a whole short paragraph is a byline, and every name in it must look like a person's
name, so "By 2025, 40% of homes ..." or "By early afternoon the talks ..." stay in the text.
"""

from __future__ import annotations

import re

from storyline.clean.names import Attribution, is_role, looks_like_outlet, parse_names
from storyline.clean.words import word_count

_MAX_WORDS = 16
# No full stop at the end: "By Royal Decree." is a sentence; "Jr." and initials may end one.
_BYLINE = re.compile(r"^(?:by|BY|By)\s+(?P<rest>\S.*?(?:[^.]|\b(?:Jr|Sr|[A-Z])\.))$")
# "Jana Novak for The Lisbon Ledger", "Jana Novak | Lisbon Ledger", "Jana Novak - AFP"
_OUTLET_SEPARATOR = re.compile(r"\s+(?:for|of|\||[-–—])\s+")


def parse_byline(text: str) -> Attribution | None:
    """The authors and outlet of the byline paragraph ``text``, or None if it is not one."""
    if word_count(text) > _MAX_WORDS:
        return None
    match = _BYLINE.match(text)
    if match is None:
        return None
    rest = match.group("rest")
    outlet: str | None = None
    separator = _OUTLET_SEPARATOR.search(rest)
    if separator is not None:
        tail = rest[separator.end() :].strip()
        rest = rest[: separator.start()]
        if not is_role(tail):
            if not (tail[:1].isupper() or tail.lower().startswith("the ")):
                return None
            outlet = tail
    parts = [part.strip() for part in rest.split(",")]
    # Trailing comma parts may be a role or the outlet: "Jana Novak, Staff Writer, Ledger".
    while len(parts) > 1 and " and " not in parts[-1].lower():
        if is_role(parts[-1]):
            parts.pop()
        elif outlet is None and looks_like_outlet(parts[-1]):
            outlet = parts.pop()
        else:
            break
    names_text = ", ".join(parts)
    names = parse_names(names_text)
    if names is None:
        # "By AFP", "By Reuters Staff": an outlet, no person.
        if outlet is None and (looks_like_outlet(names_text) or is_role(names_text)):
            outlet_only = names_text.removesuffix(" Staff").removesuffix(" staff")
            if looks_like_outlet(outlet_only):
                return Attribution((), outlet_only, f"byline of {outlet_only}")
        return None
    return Attribution(names, outlet, "byline of " + " and ".join(names))
