"""Dates in news text.

This module starts with what the document stage needs: reading the date lines
that sites print above an article ("27 March, 2016", "Sun 27 Mar 2016 10:14 GMT").
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY_RE = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?"
)
_TIME = (
    r"(?:\s*(?:[|,\-–—@]|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,4}|UTC[+-]?\d*|GMT[+-]?\d*)?)?"
)
_ISO_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
_PREFIX = r"(?:(?:published|updated|last\s+updated|posted|date|first\s+published)\s*(?:on|:)?\s*)?"
_DATE_LINE = re.compile(
    rf"^\s*{_PREFIX}(?:{WEEKDAY_RE},?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_RE}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{MONTH_RE})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}){_ISO_TIME})"
    rf"{_TIME}\s*$",
    re.I,
)


def month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").casefold()]


def make_date(year: int, month: int, day: int) -> date | None:
    """A calendar date, or None when the numbers do not name one (31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_line(line: str) -> date | None:
    """A line that is nothing but a date (with weekday, time, 'Published:'), else None."""
    m = _DATE_LINE.match(line)
    if not m:
        return None
    if m["y1"]:
        return make_date(int(m["y1"]), month_number(m["m1"]), int(m["d1"]))
    if m["y2"]:
        return make_date(int(m["y2"]), month_number(m["m2"]), int(m["d2"]))
    return make_date(int(m["y3"]), int(m["m3"]), int(m["d3"]))
