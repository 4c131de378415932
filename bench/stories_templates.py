"""Wire templates and label bundles in Storyline's stories of a Reuters-21578 stream.

Two checks of issue 18 ("never a bundle of templates"), both computed from Reuters' own
headlines and labels, never from Storyline's output:

**(a) Template bundles.** Routine wire items are recognised from their headline
(:func:`routine`), which Reuters writes in a fixed upper-case form ("BRENCO INC <BREN>
DECLARES QTLY DIVIDEND", "CORE INDUSTRIES INC <CRI> 2ND QTR FEB 28 NET", "ICI ISSUES 100 MLN
STG 9-3/4 PCT EUROBOND", "BANGOR HYDRO <BANG> SEEKS RATE CUT"). Four kinds, tried in this
order (the first that matches wins, so "FLOATING RATE NOTES" is a debt issue, not a rate):

- ``dividend``: QTLY, QTRLY, QUARTERLY, DIVIDEND(S), DIV(S), PAYOUT, and "SETS QUARTERLY";
- ``debt issue``: NOTES, DEBENTURES, BOND(S), EUROBOND(S), EURONOTES, CONVERTIBLE, SHELF,
  DEBT OFFERING; or OFFERING / ISSUE(S) / LAUNCHES with an amount (MLN, BILLION, BLN);
- ``rate change``: PRIME RATE / PRIME LENDING / PRIME TO, or a verb of change before PRIME
  (not "PRIME COMPUTER"); or RATE(S) after a verb of change (RAISES, CUTS, LOWERS, REDUCES,
  HIKES, INCREASES, SEEKS, SETS, CHANGES) or before CUT / INCREASE / HIKE / REDUCTION (market
  reports such as "INTERBANK RATE RISES" are left out);
- ``results``: QTR(S), NET, SHR(S), LOSS, RESULTS, EARNINGS, PROFIT(S); "YEAR" after a
  year number or before NET; "1ST/2ND/3RD/4TH QTR", "NINE MTHS", "1ST HALF".

The **company** is the headline's words before the first routine word, verb or figure
(:func:`company_of`): a ticker in angle brackets (``<BREN>``, ``<GAMB ST>``) is kept apart as
the ticker; a name in angle brackets (Reuters brackets unlisted companies:
"<PETER MILLER APPAREL GROUP INC>") is unwrapped; a leading "RPT-" or "CORRECTED-" goes;
dots and apostrophes go ("W.R." -> "WR");
"&" is AND; common abbreviations are spelled out (INTL -> INTERNATIONAL, NATL -> NATIONAL,
AMER -> AMERICAN, FINL -> FINANCIAL, SVGS -> SAVINGS, BANCORP stays); legal suffixes at the
end are dropped (INC, CORP, CO, LTD, PLC, AG, NV, SA, LP, CORPORATION, COMPANY, LIMITED).
Two items are of the **same company** when both have tickers and they are equal, or (when
either lacks one) when one name's words are a prefix of the other's ("FIRST UNION" and
"FIRST UNION NATIONAL"), which also covers a name Reuters shortened in one headline. An
item whose company comes out empty ("QTLY DIVIDEND" alone) is never counted as a different
company. A multi-article story is a **template bundle** when it holds routine items of one
kind from two or more different companies; the articles involved are its routine items of
that kind. A takeover story naming two companies is not routine and is never counted.

**(b) Label bundles.** Reuters labelled most articles with TOPICS (subject categories:
``grain``, ``earn``, ``money-fx``...), PLACES (countries), ORGS and PEOPLE. A multi-article
story is *judged* when at least two of its members carry a TOPICS label. A judged story is
a **label bundle** when no TOPICS label is held by every TOPICS-labelled member and no ORGS or
PEOPLE label is held by every member (a shared organisation or person is specific evidence
that different subjects may still be one story, e.g. the same minister on trade and on
currencies). A label bundle is a **country bundle** when all its members share a PLACES
label (the "China" story from grain margins to a port loan): the place was all they had in
common. "Every member" is strict on purpose: one unrelated article in a story is a merge
error.

A looser count, **topic only**, flags the commodity side: judged stories whose members share
a TOPICS label and nothing else (no PLACES, ORGS or PEOPLE label held by every member), such
as one "wheat" story of US export bonuses and Soviet crop reports. It is not counted among the
label bundles: a real story can lack place labels, so it is a pointer for the eye, not an
error count.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

KINDS = ("dividend", "debt issue", "rate change", "results")

_AMOUNT = r"\b(?:MLN|BILLION|BLN)\b"
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dividend",
        re.compile(r"\b(?:QTLY|QTRLY|QUARTERLY|DIVIDENDS?|DIVS?|PAYOUT)\b"),
    ),
    (
        "debt issue",
        re.compile(
            r"\b(?:NOTES|DEBENTURES|BONDS?|EUROBONDS?|EURONOTES?|CONVERTIBLE|SHELF|"
            r"DEBT\s+OFFERING)\b"
            rf"|\b(?:OFFERING|ISSUES?|LAUNCHES)\b.*{_AMOUNT}|{_AMOUNT}.*\b(?:OFFERING|ISSUES?)\b"
        ),
    ),
    (
        "rate change",
        re.compile(
            r"\bPRIME\s+(?:RATE|LENDING|TO)\b|\b(?:RAISES|CUTS|LOWERS|REDUCES|HIKES)\s+PRIME\b"
            r"|\b(?:RAISES|CUTS|LOWERS|REDUCES|HIKES|INCREASES|SEEKS|SETS|CHANGES)\b.*\bRATES?\b"
            r"|\bRATES?\s+(?:CUT|INCREASE|HIKE|REDUCTION)S?\b"
        ),
    ),
    (
        "results",
        re.compile(
            r"\b(?:QTRS?|NET|SHRS?|LOSS|RESULTS|EARNINGS|PROFITS?)\b"
            r"|\b(?:19\d\d|\d+\s+WEEK)\s+YEAR\b|\bYEAR\s+NET\b"
            r"|\b(?:1ST|2ND|3RD|4TH)\s+(?:QTR|QUARTER|HALF)\b|\b(?:NINE|SIX)\s+MTHS\b"
        ),
    ),
)

# Words that end the company part of a headline: the routine words, verbs and qualifiers of
# the templates, and period words. A word with a digit ends it too ("4TH", "100", "1986").
_STOP_WORDS = frozenset(
    {
        "QTLY",
        "QTRLY",
        "QUARTERLY",
        "DIVIDEND",
        "DIVIDENDS",
        "DIV",
        "DIVS",
        "PAYOUT",
        "REGULAR",
        "REG",
        "INITIAL",
        "SPECIAL",
        "EXTRA",
        "STOCK",
        "CASH",
        "NOTES",
        "DEBENTURES",
        "BOND",
        "BONDS",
        "EUROBOND",
        "EUROBONDS",
        "EURONOTE",
        "EURONOTES",
        "CONVERTIBLE",
        "SHELF",
        "OFFERING",
        "ISSUE",
        "ISSUES",
        "DEBT",
        "PRIME",
        "RATE",
        "RATES",
        "QTR",
        "QTRS",
        "NET",
        "SHR",
        "SHRS",
        "LOSS",
        "RESULTS",
        "EARNINGS",
        "PROFIT",
        "PROFITS",
        "YEAR",
        "NINE",
        "SIX",
        "MTHS",
        "HALF",
        "DECLARES",
        "SETS",
        "FILES",
        "REPORTS",
        "PAYS",
        "RAISES",
        "CUTS",
        "LOWERS",
        "HIKES",
        "REDUCES",
        "INCREASES",
        "OMITS",
        "SUSPENDS",
        "RESUMES",
        "PLANS",
        "PROPOSES",
        "ANNOUNCES",
        "SAYS",
        "HAS",
        "POSTS",
        "SEES",
        "SEEKS",
        "LAUNCHES",
        "SELLS",
        "CHANGES",
        "UPS",
        "TO",
        "IN",
        "ON",
        "FOR",
        # Verbs and words met in front of the routine words on the wire ("OF" is not one:
        # "BANK OF ...").
        "MATCHES",
        "APPROVES",
        "SEEK",
        "FLOATS",
        "UPPED",
        "RAISED",
        "DEFERS",
        "SET",
        "REINSTATES",
        "LEAVES",
        "BASE",
    }
)
_PERIOD_AFTER_ORDINAL = frozenset({"QTR", "QUARTER", "HALF"})
_ORDINALS = frozenset({"FIRST", "SECOND", "THIRD", "FOURTH"})
_ABBREVIATIONS = {
    "INTL": "INTERNATIONAL",
    "INT'L": "INTERNATIONAL",
    "NATL": "NATIONAL",
    "AMER": "AMERICAN",
    "FINL": "FINANCIAL",
    "SVGS": "SAVINGS",
    "&": "AND",
    "BANCSHS": "BANCSHARES",
    "MFG": "MANUFACTURING",
    "INDS": "INDUSTRIES",
}
_SUFFIXES = frozenset(
    {
        "INC",
        "CORP",
        "CO",
        "COS",
        "LTD",
        "PLC",
        "AG",
        "NV",
        "SA",
        "LP",
        "CORPORATION",
        "COMPANY",
        "LIMITED",
        "INCORPORATED",
    }
)
_BRACKET = re.compile(r"<([^<>]*)>")
# A ticker: one short code, optionally with an exchange suffix ("CRAA.S", "GAMB ST").
_TICKER = re.compile(r"^[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2}|\s+[A-Z]{1,2})?$")
_DROP = re.compile(r"[.'’,()\"]")
# A repeated or corrected item keeps its headline after a marker: "RPT-ACME ...".
_REPEAT = re.compile(r"^\s*(?:RPT|REPEAT|CORRECTED|CORRECTION)\s*-\s*")


def routine(headline: str | None) -> str | None:
    """The routine kind of a wire headline (one of :data:`KINDS`), or None."""
    if not headline:
        return None
    text = _BRACKET.sub(" ", headline.upper())
    for kind, pattern in _RULES:
        if pattern.search(text):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Company:
    name: tuple[str, ...]  # normalised words; empty when the headline gives none
    ticker: str | None

    def same_as(self, other: Company) -> bool | None:
        """True/False when the two are known the same/different, None when unknown."""
        if self.ticker and other.ticker:
            return self.ticker == other.ticker
        if not self.name or not other.name:
            return None
        shorter = min(len(self.name), len(other.name))
        return self.name[:shorter] == other.name[:shorter]


def company_of(headline: str) -> Company:
    """The company a routine headline is about (see the module notes)."""
    ticker: str | None = None
    parts: list[str] = []
    position = 0
    upper = _REPEAT.sub("", headline.upper())
    for match in _BRACKET.finditer(upper):
        parts.append(upper[position : match.start()])
        inside = " ".join(match[1].split())
        if _TICKER.match(inside):
            ticker = ticker or inside.replace(" ", ".")
            parts.append(" | ")  # the company part ends at its ticker
        else:
            parts.append(f" {inside} ")
        position = match.end()
    parts.append(upper[position:])
    text = "".join(parts)
    words: list[str] = []
    tokens = text.split()
    for index, token in enumerate(tokens):
        if token == "|":
            break
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in _ORDINALS and following in _PERIOD_AFTER_ORDINAL:
            break
        token = _ABBREVIATIONS.get(token, token)
        cleaned = _DROP.sub("", token)
        if not cleaned or cleaned in _STOP_WORDS or any(c.isdigit() for c in cleaned):
            break
        words.append(_ABBREVIATIONS.get(cleaned, cleaned))
    while words and words[-1] in _SUFFIXES:
        words.pop()
    return Company(tuple(words), ticker)


def distinct_companies(companies: Sequence[Company]) -> int:
    """How many different companies ``companies`` certainly hold (unknowns join any)."""
    known: list[Company] = []
    for company in companies:
        if not company.name and not company.ticker:
            continue
        if all(company.same_as(seen) is False for seen in known):
            known.append(company)
    return len(known)


@dataclass(frozen=True, slots=True)
class Bundles:
    multi: int  # multi-article stories
    stories: dict[str, list[str]]  # bundling story -> its members counted as involved
    by_kind: dict[str, int]  # kind -> stories that bundle that kind

    @property
    def articles(self) -> int:
        return sum(len(members) for members in self.stories.values())


def groups_of(stories: Mapping[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, story in stories.items():
        groups[story].append(item)
    return groups


def template_bundles(stories: Mapping[str, str], headlines: Mapping[str, str | None]) -> Bundles:
    """Multi-article stories joining routine items of one kind from different companies."""
    groups = [(s, g) for s, g in groups_of(stories).items() if len(g) > 1]
    found: dict[str, list[str]] = {}
    by_kind: dict[str, int] = dict.fromkeys(KINDS, 0)
    for story, members in groups:
        kinds: dict[str, list[str]] = defaultdict(list)
        for member in members:
            kind = routine(headlines.get(member))
            if kind is not None:
                kinds[kind].append(member)
        involved: list[str] = []
        for kind, items in kinds.items():
            companies = [company_of(headlines.get(i) or "") for i in items]
            if distinct_companies(companies) >= 2:
                by_kind[kind] += 1
                involved += items
        if involved:
            found[story] = sorted(involved)
    return Bundles(len(groups), found, by_kind)


Labels = Mapping[str, Mapping[str, Sequence[str]]]  # id -> {"TOPICS": (...), "PLACES": ...}


def _shared(members: Sequence[str], labels: Labels, kind: str) -> set[str]:
    sets = [set(labels.get(m, {}).get(kind, ())) for m in members]
    return set.intersection(*sets) if sets else set()


@dataclass(frozen=True, slots=True)
class LabelBundles:
    multi: int
    judged: int
    bundles: dict[str, list[str]]  # story -> members
    country: set[str]  # of the bundles, those whose members all share a PLACES label
    topic_only: set[str]  # not bundles: a TOPICS label shared, but no place, org or person

    @property
    def articles(self) -> int:
        return sum(len(members) for members in self.bundles.values())


def label_bundles(stories: Mapping[str, str], labels: Labels) -> LabelBundles:
    """Multi-article stories whose members share no TOPICS label (see the module notes)."""
    groups = [(s, g) for s, g in groups_of(stories).items() if len(g) > 1]
    judged = 0
    bundles: dict[str, list[str]] = {}
    country: set[str] = set()
    topic_only: set[str] = set()
    for story, members in groups:
        topical = [m for m in members if labels.get(m, {}).get("TOPICS")]
        if len(topical) < 2:
            continue
        judged += 1
        specific = _shared(members, labels, "ORGS") or _shared(members, labels, "PEOPLE")
        if _shared(topical, labels, "TOPICS"):
            if not specific and not _shared(members, labels, "PLACES"):
                topic_only.add(story)
            continue
        if specific:
            continue
        bundles[story] = sorted(members)
        if _shared(members, labels, "PLACES"):
            country.add(story)
    return LabelBundles(len(groups), judged, bundles, country, topic_only)


def sample_multi(stories: Mapping[str, str], count: int, seed: int) -> list[list[str]]:
    """``count`` random multi-article stories (fixed ``seed``), each a sorted member list."""
    groups = sorted(sorted(g) for g in groups_of(stories).values() if len(g) > 1)
    return random.Random(seed).sample(groups, min(count, len(groups)))


def print_sample(
    title: str,
    stories: Sequence[Sequence[str]],
    describe: Callable[[str], str],
    order: Callable[[str], str] = str,
    most: int = 12,
) -> None:
    """Print sampled stories, each member on a line (``describe``), for an eye verdict."""
    print(f"\n== {title}")
    for number, members in enumerate(stories, start=1):
        print(f"  [{number}] {len(members)} articles")
        ordered = sorted(members, key=order)
        for member in ordered[:most]:
            print(f"      {describe(member)}")
        if len(ordered) > most:
            print(f"      ... and {len(ordered) - most} more")
