"""Roles of people in real articles: a table of cases and the share Storyline gets right.

The cases (``tests/eval/entity_roles.tsv``) were collected from PolNeAR (2016 US election
news) and BBC News (2004-05) by searching for the usual ways news writes a role: before the
name ("Russian President Vladimir Putin", "Sen. Ted Cruz", "Ohio Gov. John Kasich"), after it
("Jeb Bush, the former Florida governor,") and with an office ("FBI Director James Comey").
Each row names a file under ``../shared/data``, a person and the role a reader takes from
it; the article text stays there. A case is right when some mention of that person in the
article carries exactly that title, country and organisation (empty: none).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.entities.mentions import extract
from storyline.entities.tagger import Tagger

CASES = Path(__file__).resolve().parents[1] / "tests" / "eval" / "entity_roles.tsv"


@dataclass(frozen=True, slots=True)
class Case:
    path: str
    person: str
    title: str
    country: str
    organization: str


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    right: bool
    found: tuple[tuple[str, str, str], ...]  # (title, country, organization) seen


def read_cases(path: Path = CASES) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return [Case(*(row + [""] * (5 - len(row)))[:5]) for row in rows]


def score(cases: Iterable[Case], data: Path, tagger: Tagger) -> list[Outcome]:
    outcomes = []
    cache: dict[str, list[tuple[str, str, str, str]]] = {}
    for case in cases:
        if case.path not in cache:
            text = (data / case.path).read_text("utf-8", errors="replace")
            cache[case.path] = [
                (m.name, m.title or "", m.country or "", m.organization or "")
                for m in extract(text, tagger.tag(text))
                if m.type == "person"
            ]
        found = tuple(
            (title, country, org)
            for name, title, country, org in cache[case.path]
            if name == case.person and (title or country or org)
        )
        wanted = (case.title.casefold(), case.country, case.organization)
        right = any((t.casefold(), c, o) == wanted for t, c, o in found)
        outcomes.append(Outcome(case, right, found))
    return outcomes


def share_right(outcomes: Sequence[Outcome]) -> float:
    return sum(o.right for o in outcomes) / len(outcomes) if outcomes else 0.0
