"""The catalogue of named rules: every rule or model a stored fact can name, with what it
looks for in words a reader understands (issue 17).

A fact records the rules that produced it as one string. Most name one rule ("crf",
"direct-quote-then-cue", "weekday"); some are composite: an event names its trigger form,
the rule that decided its status and the one that dated it
("trigger-past/status:past-form/time:in-clause"), and a rule that changed a fact after it
was found is added with "+" ("crf+surname-link", "direct-quote-then-cue+same-speaker").
:func:`parse` turns such a string back into catalogue entries, and fails on a part the
catalogue does not list, so a rule cannot be stored without being described here.

Each package lists its own rules (``quotes/rules.py``, ``events/rules.py``,
``entities/rules.py``, ``timex/rules.py``) and its code writes their ``name`` rather than a
literal; :func:`catalogue` gathers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from storyline.errors import StorylineError


@dataclass(frozen=True, slots=True)
class NamedRule:
    """One rule or model: its ``name``, the ``stage`` (of the registry, ``stages.py``) that
    stores its facts, the kind of ``fact`` (entity, quote, time, event; as ``storyline show
    --explain`` lists them) and what it ``says`` (one sentence: what it looks for). ``part``
    is the slot it fills in a composite rule string ("status" for "status:negation"); ""
    for a rule written by its name alone."""

    name: str
    stage: str
    fact: str
    says: str
    part: str = ""

    @property
    def written(self) -> str:
        """The rule as a fact's rule string writes it: "status:negation", "crf"."""
        return f"{self.part}:{self.name}" if self.part else self.name


class UnknownRule(StorylineError):
    """A rule string names a rule the catalogue does not list."""


@cache
def catalogue() -> tuple[NamedRule, ...]:
    """Every rule, stage by stage in pipeline order."""
    # Imported here: each package's rules module imports NamedRule from this one.
    from storyline.entities.rules import RULES as ENTITY_RULES
    from storyline.events.rules import RULES as EVENT_RULES
    from storyline.quotes.rules import RULES as QUOTE_RULES
    from storyline.timex.rules import RULES as TIME_RULES

    return (*ENTITY_RULES, *QUOTE_RULES, *TIME_RULES, *EVENT_RULES)


@cache
def _by_written() -> dict[str, NamedRule]:
    return {rule.written: rule for rule in catalogue()}


def parse(rule: str) -> list[NamedRule]:
    """The catalogue entries a fact's rule string names, in the order written.

    "" (a fact stored before rules were recorded) names none. A whole name is looked up
    first, as a time rule's name may hold a "/" ("last/next month name"); otherwise the
    string is cut at "/" and "+".
    """
    if not rule:
        return []
    known = _by_written()
    if rule in known:
        return [known[rule]]
    found = []
    for segment in rule.split("/"):
        for piece in segment.split("+"):
            entry = known.get(piece)
            if entry is None:
                raise UnknownRule(
                    f"rule {rule!r}: {piece!r} is not in the rule catalogue",
                    hint="see `storyline rules`; a fact stored by an older version may name "
                    "a rule since renamed: re-run its stage",
                )
            found.append(entry)
    return found


def explain(rule: str) -> list[tuple[str, str]]:
    """Each part of a rule string with what it says, for a reader (``show --explain``, the
    article page): like :func:`parse`, but a part the catalogue does not list (a fact
    stored by an older version) is shown as such instead of failing."""
    try:
        return [(entry.written, entry.says) for entry in parse(rule)]
    except UnknownRule:
        return [(rule, "(not in the rule catalogue: re-run the stage)")]
