"""Page furniture that extractors leave in article text: copyright, share and follow prompts,
newsletter sign-ups, "Read more:" links, advertisement markers, image captions and credits.

Each pattern must match the *whole* short paragraph (or its telling start), never a word
inside a sentence: "Shares in the company fell 3%" and "The ministers will follow up next
week" are news, "Share this article" and "Follow us on X" are not.
"""

from __future__ import annotations

import re

from storyline.clean.words import word_count

_MAX_WORDS = 30

# What a share prompt shares, and how ("share this article on Facebook").
_SHARED = "(?:article|story|page|post|link|video|gallery)"
_VIA = "(?:on|via|to|with)"
_SOCIAL = (
    r"(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|whatsapp"
    r"|telegram|google news|mastodon|reddit|pinterest|email|e-mail)"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "copyright notice",
            r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b"
            r"|^copyright\b[^.]{0,60}\b(?:19|20)\d{2}\W*$",
        ),
        (
            "share prompt",
            r"^(?:share|tweet|email|e-mail|print|save|copy link|pin it)"
            r"(?:\s+(?:this|the))?"
            rf"(?:\s+{_SHARED})?"
            rf"(?:\s+{_VIA}\s+{_SOCIAL})?\s*[:.!]?$",
        ),
        ("share prompt", rf"^(?:share|post)\s+(?:on|to|via)\s+{_SOCIAL}\b"),
        (
            "follow prompt",
            rf"^follow\s+(?:us\b|our\b|@\w+|the latest\b|live\b"
            rf"|[\w.@'’ -]{{1,40}}?\s+on\s+{_SOCIAL}\b)",
        ),
        (
            "subscription prompt",
            r"^(?:subscribe|sign up|sign-up|signup)\b.*\b(?:newsletters?|email|e-mail|inbox"
            r"|alerts?|briefings?|updates|free|here|now|today|subscription|podcast|channel)\b"
            r"|^(?:subscribe|sign up|sign-up)(?:\s+(?:now|today|here))?\W*$"
            r"|^(?:get|receive)\b.*\bnewsletter\b|\bnewsletter\b.*\b(?:sign up|subscribe|inbox)\b",
        ),
        (
            "link prompt",
            r"^(?:click|tap) here\b|^(?:read|see) more\b|^(?:read|see) also\b|^also read\b"
            r"|^related(?:\s+(?:articles?|stories|topics|content|coverage|links?))?\s*(?::|$)"
            r"|^more on this story\b|^(?:watch|listen|video)\s*:|^continue reading\W*$"
            r"|^listen to this article\b|^most (?:read|popular)\W*$|^top stories\W*$",
        ),
        (
            "advertisement marker",
            r"^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below"
            r"(?: advertisement)?|scroll to continue(?: with content)?)\W*$",
        ),
        ("image caption", r"^(?:image|media|video)\s+(?:caption|source|copyright)\b"),
        (
            "photo credit",
            r"^\(?(?:photo|photograph|photos|image|picture|pic|file photo|illustration)"
            r"(?:\s+credit)?\s*:|^\((?:photo|photograph|image|picture)\b[^()]*\)$",
        ),
        ("photo credit", r"(?:^|[/|:,]\s*|\bvia\s+)getty\s+images\W*$"),
        (
            "republication note",
            r"^this (?:article|story|piece|post) (?:was |is |first |originally )+"
            r"(?:published|appeared)\b|^(?:originally|first) published\b",
        ),
        ("app prompt", r"^(?:download|get|install) (?:our|the)\b.{0,60}\bapps?\b"),
    )
)


def boilerplate_reason(text: str) -> str | None:
    """Why the paragraph ``text`` is page furniture, or None when it may be news."""
    if word_count(text) > _MAX_WORDS:
        return None
    for reason, pattern in _PATTERNS:
        if pattern.search(text):
            return reason
    return None
