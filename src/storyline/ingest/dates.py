"""Publication dates from metadata values and from file names.

Metadata dates come in many shapes (ISO dates and datetimes, RFC 2822 feed dates,
"March 12, 2025", Unix timestamps). A value that cannot be read as a full calendar date is
refused with :class:`BadMetadata` rather than guessed: a wrong anchor date would make every
"on Wednesday" in the article wrong.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

from storyline.errors import BadMetadata

_FIRST_YEAR = 1900
_FILENAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)
_PATH_DATE = re.compile(r"(?:^|/)((?:19|20)\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")
_SENTINELS = (datetime(1, 1, 1), datetime(2, 2, 2))


def parse_date(value: object, source: str, field: str = "published") -> date:
    """Read a publication date from a metadata value, or raise :class:`BadMetadata`."""
    return parse_moment(value, source, field)[0]


def parse_moment(value: object, source: str, field: str = "published") -> tuple[date, str | None]:
    """The publication date (as written, in the writer's time zone) and, when the value has a
    time of day, the instant in UTC (ISO 8601): it orders articles published the same day."""
    day = _parse_date(value, source, field)
    return day, _instant(value)


def _instant(value: object) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        moment = datetime.fromtimestamp(float(value), tz=UTC)
    elif isinstance(value, str) and ":" in value:
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                moment = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_date(value: object, source: str, field: str) -> date:
    parsed = _parse(value)
    if parsed is None or not _plausible(parsed):
        raise BadMetadata(
            source,
            f"'{field}' value {value!r} is not a calendar date",
            hint="use an ISO date such as 2025-03-12 or an ISO datetime",
        )
    return parsed


def _parse(value: object) -> date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    # dateutil fills missing parts from its default; parsing against two different defaults
    # tells us whether day, month and year were all in the value.
    try:
        results = {dateutil_parser.parse(text, default=d).date() for d in _SENTINELS}
    except (ValueError, OverflowError):
        return None
    return results.pop() if len(results) == 1 else None


def _plausible(value: date) -> bool:
    return _FIRST_YEAR <= value.year <= date.today().year + 1


def date_from_dateline(date_text: str) -> date | None:
    """The date of a dateline ("March 11, 2025", "11 March 2025"), only when it names the
    year: "PARIS, March 11 (Reuters)" alone does not say which March."""
    if not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", date_text):
        return None
    found = _parse(date_text)
    return found if found is not None and _plausible(found) else None


def date_from_path(path: str) -> date | None:
    """A date in a file name (``2025-03-12_x.txt``, ``20250312.txt``) or path (``2025/03/12/``)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for match in _FILENAME_DATE.finditer(name):
        found = _safe_date(int(match[1]), int(match[3]), int(match[4]))
        if found:
            return found
    for match in _PATH_DATE.finditer(path.replace("\\", "/")):
        found = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if found:
            return found
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if _plausible(found) else None
