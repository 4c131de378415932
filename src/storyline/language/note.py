"""What the article page, ``storyline show`` and the export say of a document's language:
its name, and which stages did not read it (they handle other languages only)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.language.detect import UNKNOWN
from storyline.language.policy import language_name
from storyline.stages import registry, skipped_by


@dataclass(frozen=True, slots=True)
class LanguageNote:
    """``code``: as stored (None before the language stage ran); ``skipped``: the stages
    that did not read the document, in order."""

    code: str | None
    name: str
    skipped: tuple[str, ...]
    # The languages the skipping stages handle, by name ("English").
    handled: tuple[str, ...] = ()

    @property
    def unknown(self) -> bool:
        return self.code is None or self.code == UNKNOWN

    @property
    def text(self) -> str:
        """One line: ``French: not read by entities, quotes, events (they handle English
        only)``; ``unknown: processed as English``; ``English``."""
        if self.skipped:
            return (
                f"{self.name}: not read by {', '.join(self.skipped)} "
                f"(they handle {' and '.join(self.handled)} only); stored, deduplicated and "
                "grouped into stories"
            )
        if self.code == UNKNOWN:
            return "unknown (could not be decided): processed as English"
        if self.code is None:
            return "not detected yet (stored before the language stage): processed as English"
        return self.name


def language_note(code: str | None) -> LanguageNote:
    skipped = tuple(skipped_by(code))
    info = registry().info
    handled = sorted({language for name in skipped for language in info[name].languages or ()})
    return LanguageNote(
        code, language_name(code), skipped, tuple(language_name(c) for c in handled)
    )
