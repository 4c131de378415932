"""What the time tagger finds: character offsets into the text it was given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class FoundTime:
    """One time expression, TIMEX3-style (TimeML 1.2.1, as annotated in TimeBank).

    ``text[start:end] == self.text``. ``value`` is the TIMEX3 value ("2025-03-12",
    "2025-W11", "P3Y", "PAST_REF", "XXXX-03-12" ...) or None when it cannot be worked out
    without guessing: a relative expression with no anchor, an impossible date. ``anchored``
    says the value was computed from the anchor (publication) date, so a reader knows it is
    only as right as that date.
    """

    start: int
    end: int
    text: str
    type: TimeType
    value: str | None
    anchored: bool
    # The name of the rule (``base.Rule``) that found and valued it.
    rule: str = ""
