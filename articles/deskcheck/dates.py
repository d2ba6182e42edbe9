"""Dates in copy: 'Saturday, January 4, 2025', '4 January 2025', 'Jan. 4', 'in 2024'."""

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
DATE_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b{_YEAR}", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH}{_YEAR}\b", re.IGNORECASE),
]
YEAR_ONLY = re.compile(
    r"\b(?:in|of|for|since|until|from)\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A date as written: year and weekday may be missing."""

    start: int
    end: int
    text: str
    month: int | None
    day: int | None
    year: int | None
    weekday: int | None

    def as_date(self):
        try:
            return datetime.date(self.year, self.month, self.day)
        except (TypeError, ValueError):
            return None

    def matches(self, day):
        """Does this mention agree with `day` on what it says (year, month, day)?"""
        if self.month is None:
            return self.year == day.year
        same = (self.month, self.day) == (day.month, day.day)
        return same and self.year in (None, day.year)


def find_dates(text):
    """Every date in `text`; mask names first, so a name is never read as a month."""
    found, taken = [], []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(_mention(m))
    for m in YEAR_ONLY.finditer(text):
        if not any(m.start() < end and start < m.end() for start, end in taken):
            year = int(m["year"])
            found.append(Mention(m.start(), m.end(), m[0], None, None, year, None))
    return sorted(found, key=lambda d: d.start)


def _mention(m):
    weekday = m["weekday"]
    return Mention(
        m.start(),
        m.end(),
        m[0],
        MONTHS[m["month"].lower()],
        int(m["day"]),
        int(m["year"]) if m["year"] else None,
        WEEKDAYS.index(weekday.lower()) if weekday else None,
    )


def long_form(day):
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"
