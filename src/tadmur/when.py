"""Dates in news text.

This module starts with what the document stage needs: reading the date lines
that sites print above an article ("27 March, 2016", "Sun 27 Mar 2016 10:14 GMT").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeAlias

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
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)(?![a-z])"
)
WEEKDAY_RE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?)(?![a-z])"
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


# --- Temporal expressions in running text -------------------------------------------------

PRECISION_DAY, PRECISION_WEEK, PRECISION_MONTH = 1, 2, 3
WEEK_PRECISION_MAX_DAYS = 11
"""A range of up to 11 days (a week, a third of a month) is ACLED precision 2."""

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-eight": 48, "seventy-two": 72, "twenty-four": 24, "a couple of": 2, "couple of": 2,
}  # fmt: skip
_NUM = (
    r"(?:\d{1,3}|a\s+couple\s+of|forty-eight|seventy-two|twenty-four|an?|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty)"
)
_DAYPART = r"(?:night|morning|afternoon|evening|dawn|midday)"
_ORD = r"(?:st|nd|rd|th)?"
_FUTURE_MARKER = re.compile(
    r"\b(?:will|shall|'ll|due\s+to|is\s+due|are\s+due|scheduled|set\s+to|expected\s+to|"
    r"plans?\s+to|planned|planning|going\s+to|to\s+be\s+held|upcoming|would|next)\b",
    re.I,
)
_PAST_MARKER = re.compile(
    r"\b(?:said|says|told|was|were|had|has|have|announced|reported|claimed|\w+ed)\b", re.I
)
_SENTENCE_START = re.compile(r"(?:[.!?][\"'”’)]?\s+|\n)")


Day = date
"""An alias so that fields named `date` can still name the type."""


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression, its resolution, and the rule that resolved it."""

    text: str
    start: int
    end: int
    date: Day | None
    date_end: Day | None
    time_precision: int
    rule: str
    anchor: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.time_precision,
            "rule": self.rule,
            "anchor": self.anchor,
        }


def precision_of(first: date, last: date) -> int:
    days = (last - first).days + 1
    if days <= 1:
        return PRECISION_DAY
    return PRECISION_WEEK if days <= WEEK_PRECISION_MAX_DAYS else PRECISION_MONTH


def month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def shift_months(day: date, months: int) -> date:
    """The same day of the month `months` later (earlier if negative), clamped to month end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return min(date(year, month + 1, 1) + timedelta(days=day.day - 1), month_end(year, month + 1))


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word.casefold())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


@dataclass(frozen=True, slots=True)
class _Context:
    published: date | None
    future: bool


@dataclass(frozen=True, slots=True)
class _Resolved:
    first: date | None
    last: date | None
    rule: str
    precision: int | None = None  # None: derived from the range


_Resolver: TypeAlias = Callable[[re.Match[str], _Context], _Resolved | None]


def _weekday_before(pub: date, weekday: int, *, strictly: bool) -> date:
    back = (pub.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _weekday_after(pub: date, weekday: int) -> date:
    ahead = (weekday - pub.weekday()) % 7 or 7
    return pub + timedelta(days=ahead)


def _r_weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "weekday: no publication date")
    wd = WEEKDAYS[m["wd"].rstrip(".").casefold()]
    groups = m.groupdict()
    modifier = (groups.get("mod") or "").casefold()
    week = (groups.get("week") or groups.get("week_pre") or "").casefold()
    if week:
        monday = pub - timedelta(days=pub.weekday())
        shift = {"last": -7, "this": 0, "next": 7}[week.split()[0]]
        day = monday + timedelta(days=shift + wd)
        return _Resolved(day, day, f"weekday of {week}")
    if modifier == "last":
        day = _weekday_before(pub, wd, strictly=True)
        return _Resolved(day, day, "last weekday: most recent strictly before publication")
    if modifier == "next" or ctx.future:
        day = _weekday_after(pub, wd)
        return _Resolved(day, day, "future weekday: next after publication")
    day = _weekday_before(pub, wd, strictly=False)
    return _Resolved(day, day, "past weekday: most recent on or before publication")


def _r_relative_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "relative day: no publication date")
    word = re.sub(r"\s+", " ", m[0].casefold())
    if "before yesterday" in word:
        offset = -2
    elif word.startswith("yesterday") or word in {"last night", "overnight"}:
        offset = -1
    elif word == "tomorrow" or word.startswith("tomorrow"):
        offset = 1
    else:
        offset = 0
    day = pub + timedelta(days=offset)
    return _Resolved(day, day, f"'{word}' relative to publication")


def _infer_year(month: int, day: int, ctx: _Context) -> date | None:
    """Past tense: the latest such date on or before publication; future: the next one."""
    pub = ctx.published
    assert pub is not None
    years = range(pub.year, pub.year + 9) if ctx.future else range(pub.year, pub.year - 9, -1)
    for year in years:
        candidate = make_date(year, month, day)
        if candidate is None:
            continue
        if (ctx.future and candidate >= pub) or (not ctx.future and candidate <= pub):
            return candidate
    return None


def _year_word(word: str | None, pub: date | None) -> int | None:
    if not word or pub is None:
        return None
    return pub.year + {"last": -1, "this": 0, "next": 1}[word.casefold()]


def _r_day_month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    month_name = m["m"]
    if not month_name[0].isupper():
        return None  # "may", "march": a verb or a noun, not a month
    month = month_number(month_name)
    day = int(m["d"])
    if m["y"]:
        found = make_date(int(m["y"]), month, day)
        return _Resolved(found, found, "explicit date") if found else None
    if m["yw"]:
        year = _year_word(m["yw"], ctx.published)
        if year is None:
            return _Resolved(None, None, "day and month, relative year: no publication date")
        found = make_date(year, month, day)
        return _Resolved(found, found, f"day and month, {m['yw'].lower()} year") if found else None
    if ctx.published is None:
        return _Resolved(None, None, "day and month without year: no publication date")
    if make_date(2016, month, day) is None:
        return None
    found = _infer_year(month, day, ctx)
    if found is None:
        return None
    tense = "next" if ctx.future else "most recent"
    return _Resolved(found, found, f"day and month without year: the {tense} such date")


def _month_range(year: int, month: int, part: str | None) -> tuple[date, date]:
    part = (part or "").casefold().rstrip("-").strip()
    if part == "early":
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part == "late":
        return date(year, month, 21), month_end(year, month)
    return date(year, month, 1), month_end(year, month)


def _r_month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    month_name = m["m"]
    if not month_name[0].isupper():
        return None
    month = month_number(month_name)
    part = m["part"]
    if m["y"]:
        first, last = _month_range(int(m["y"]), month, part)
        return _Resolved(first, last, "month and year")
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "month without year: no publication date")
    if m["yw"]:
        year = _year_word(m["yw"], pub)
        assert year is not None
        first, last = _month_range(year, month, part)
        return _Resolved(first, last, f"month of {m['yw'].lower()} year")
    if m["mw"]:  # last April / this April / next April
        word = m["mw"].casefold()
        if word == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif word == "next":
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        first, last = _month_range(year, month, part)
        return _Resolved(first, last, f"{word} {month_name}")
    first, last = _month_range(pub.year, month, part)
    if ctx.future:
        if last < pub:
            first, last = _month_range(pub.year + 1, month, part)
        return _Resolved(first, last, "month without year: the next such period")
    if first > pub:
        first, last = _month_range(pub.year - 1, month, part)
    return _Resolved(first, last, "month without year: the most recent such period")


def _r_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    year = int(m["y"])
    return _Resolved(date(year, 1, 1), date(year, 12, 31), "year")


def _r_period(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """last/this/next week, month, year; 'earlier this ...'."""
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "relative period: no publication date")
    which = re.sub(r"\s+", " ", m["which"].casefold())
    unit = m["unit"].casefold()
    if unit == "week":
        start = pub - timedelta(days=pub.weekday())
        end = start + timedelta(days=6)
    elif unit == "month":
        start, end = date(pub.year, pub.month, 1), month_end(pub.year, pub.month)
    else:
        start, end = date(pub.year, 1, 1), date(pub.year, 12, 31)
    if which == "last":
        if unit == "week":
            start, end = start - timedelta(days=7), start - timedelta(days=1)
        elif unit == "month":
            end = start - timedelta(days=1)
            start = date(end.year, end.month, 1)
        else:
            start, end = date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31)
    elif which == "next":
        if unit == "week":
            start, end = start + timedelta(days=7), end + timedelta(days=7)
        elif unit == "month":
            start = end + timedelta(days=1)
            end = month_end(start.year, start.month)
        else:
            start, end = date(pub.year + 1, 1, 1), date(pub.year + 1, 12, 31)
    elif which == "earlier this":
        end = max(start, pub - timedelta(days=1))
    elif ctx.future:  # this week/month/year, from the report on
        start = pub
    else:  # this week/month/year, up to the report
        end = pub
    return _Resolved(start, end, f"{which} {unit}")


def _r_ago(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "'ago': no publication date")
    n = _number(m["n"])
    unit = m["unit"].casefold().rstrip("s")
    if unit == "day":
        day = pub - timedelta(days=n)
        return _Resolved(day, day, f"{n} day(s) before publication")
    if unit == "hour":
        day = pub if n < 24 else pub - timedelta(days=n // 24)
        return _Resolved(day, day, f"{n} hour(s) before publication")
    if unit == "week":
        center = pub - timedelta(days=7 * n)
        return _Resolved(
            center - timedelta(days=3),
            center + timedelta(days=3),
            f"{n} week(s) before publication",
        )
    months = n if unit == "month" else 12 * n
    target = shift_months(pub, -months)
    first, last = _month_range(target.year, target.month, None)
    return _Resolved(first, last, f"{n} {unit}(s) before publication: that month")


def _r_past_span(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """'the past three days', 'in the last 48 hours', and durations of an ongoing event."""
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "span ending at publication: no publication date")
    n = _number(m["n"]) if m["n"] else 1
    unit = m["unit"].casefold().rstrip("s")
    days = {"hour": max(1, n // 24), "day": n, "week": 7 * n, "month": 30 * n}[unit]
    start = pub - timedelta(days=days - 1)
    return _Resolved(start, pub, f"{n} {unit}(s) ending at publication")


def _r_iso(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    found = make_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return _Resolved(found, found, "ISO date") if found else None


def _r_numeric(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """d/m/y or m/d/y: unambiguous when one part exceeds 12; otherwise the reading on or
    before publication and closest to it wins, and the rule says it was a choice."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    dmy, mdy = make_date(year, b, a), make_date(year, a, b)
    if dmy and not mdy:
        return _Resolved(dmy, dmy, "numeric date, day first (unambiguous)")
    if mdy and not dmy:
        return _Resolved(mdy, mdy, "numeric date, month first (unambiguous)")
    if dmy is None or mdy is None:
        return None
    if dmy == mdy:
        return _Resolved(dmy, dmy, "numeric date")
    pub = ctx.published
    choices = [dmy, mdy]
    if pub is not None:
        before = [d for d in choices if d <= pub]
        if before:
            chosen = max(before)
            return _Resolved(
                chosen, chosen, "ambiguous numeric date: the reading closest before publication"
            )
    return _Resolved(dmy, dmy, "ambiguous numeric date: day first by default")


def _r_weekend(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """'over the weekend': the latest Saturday-Sunday that has begun by publication."""
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "weekend: no publication date")
    saturday = _weekday_before(pub, 5, strictly=False)
    if ctx.future:
        saturday = _weekday_after(pub - timedelta(days=1), 5)
    return _Resolved(saturday, saturday + timedelta(days=1), "weekend")


def _r_month_edge(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """'the start of September' = early September, 'the end of May' = late May."""
    part = "early" if m["edge"].casefold() in {"start", "beginning"} else "late"
    if not m["m"][0].isupper():
        return None
    month = month_number(m["m"])
    if m["y"]:
        first, last = _month_range(int(m["y"]), month, part)
        return _Resolved(first, last, f"{part} month and year")
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "part of a month: no publication date")
    first, last = _month_range(pub.year, month, part)
    if first > pub and not ctx.future:
        first, last = _month_range(pub.year - 1, month, part)
    return _Resolved(first, last, f"{part} of the most recent such month")


def _r_period_start(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """'the start of the month': the first days of the publication's month (or year)."""
    pub = ctx.published
    if pub is None:
        return _Resolved(None, None, "start of a period: no publication date")
    if m["unit"].casefold() == "year":
        return _Resolved(date(pub.year, 1, 1), date(pub.year, 1, 31), "start of the year")
    first = date(pub.year, pub.month, 1)
    return _Resolved(first, min(pub, first + timedelta(days=9)), "start of the month")


def _r_event_relative(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    return _Resolved(None, None, "offset from another event: not a date by itself", PRECISION_MONTH)


_M = rf"(?P<m>{MONTH_RE})"
_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"), _r_iso),
    (re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)\b"), _r_numeric),
    (
        re.compile(
            rf"\b(?:(?:{WEEKDAY_RE}),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d){_ORD}(?:\s+of)?\s+{_M}"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|\s+(?P<yw>last|this|next)\s+year\b)?",
            re.I,
        ),
        _r_day_month,
    ),
    (
        re.compile(
            rf"\b(?:(?:{WEEKDAY_RE}),?\s+)?{_M}\s+(?P<d>[0-3]?\d){_ORD}\b(?!:)"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|\s+(?P<yw>last|this|next)\s+year\b)?",
            re.I,
        ),
        _r_day_month,
    ),
    (
        re.compile(
            rf"\b(?:(?P<mw>last|this|next)\s+)?(?:(?P<part>early|mid|late)[\s-]+)?{_M}"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|\s+(?P<yw>last|this|next)\s+year\b)?",
            re.I,
        ),
        _r_month,
    ),
    (
        re.compile(
            r"\b(?:in|since|during|by|until|of|from|year)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*-)", re.I
        ),
        _r_year,
    ),
    (
        re.compile(
            rf"\b(?:(?P<mod>last|this|next|on)\s+)?(?P<wd>{WEEKDAY_RE})(?:'s|’s)?\b"
            rf"(?:\s+{_DAYPART})?(?:\s+(?P<week>(?:last|this|next)\s+week))?",
            re.I,
        ),
        _r_weekday,
    ),
    (
        re.compile(
            rf"\b(?P<week_pre>(?:last|this|next)\s+week)(?:,)?\s+on\s+(?P<wd>{WEEKDAY_RE})\b(?P<mod>)(?P<week>)",
            re.I,
        ),
        _r_weekday,
    ),
    (
        re.compile(
            r"\b(?:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?"
            r"|last\s+night|overnight|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)"
            r"|earlier\s+today|at\s+dawn|at\s+dusk)\b",
            re.I,
        ),
        _r_relative_day,
    ),
    (
        re.compile(
            r"\b(?P<which>last|this|next|earlier\s+this)\s+(?P<unit>week|month|year)\b", re.I
        ),
        _r_period,
    ),
    (
        re.compile(
            rf"\b(?P<n>{_NUM})\s+(?P<unit>hours?|days?|weeks?|months?|years?)\s+ago\b", re.I
        ),
        _r_ago,
    ),
    (
        re.compile(
            rf"\b(?:the|over\s+the|in\s+the)\s+(?:past|last)\s+(?:(?P<n>{_NUM})\s+)?"
            r"(?P<unit>hours?|days?|weeks?|months?)\b",
            re.I,
        ),
        _r_past_span,
    ),
    (
        re.compile(
            rf"\b(?P<n>{_NUM})[\s-](?P<unit>days?|weeks?)(?=[\s-]+(?:long\s+)?(?:of\b|siege|offensive|"
            r"battle|assault|campaign|standoff|stand-off|truce|ceasefire|operation|fight|clash|"
            r"bombardment|blockade|curfew))",
            re.I,
        ),
        _r_past_span,
    ),
    (
        re.compile(
            r"\b(?:(?:over|at|during|on)\s+the\s+weekend|(?:last|this|past|the\s+past)\s+weekend)\b",
            re.I,
        ),
        _r_weekend,
    ),
    (
        re.compile(
            r"\bthe\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<unit>month|year)\b", re.I
        ),
        _r_period_start,
    ),
    (
        re.compile(
            rf"\bthe\s+(?P<edge>start|beginning|end)\s+of\s+{_M}(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
            re.I,
        ),
        _r_month_edge,
    ),
    (
        re.compile(
            r"\b(?:(?:almost|nearly|about|more\s+than|over|just\s+over|some)\s+)?"
            rf"(?:{_NUM})\s+(?:days?|weeks?|months?|years?)\s+(?:after|before|later|earlier)\b",
            re.I,
        ),
        _r_event_relative,
    ),
)
_SINCE = re.compile(r"\bsince\s+$", re.I)


def _is_future(text: str, start: int) -> bool:
    """Future tense if the nearest tense marker before the expression, within its sentence,
    is a future one ('will', 'is due to', 'next') rather than a past one ('said', '-ed')."""
    sentence_start = 0
    for m in _SENTENCE_START.finditer(text, 0, start):
        sentence_start = m.end()
    window = text[sentence_start:start]
    future = [m.start() for m in _FUTURE_MARKER.finditer(window)]
    if not future:
        return False
    future_spans = [(m.start(), m.end()) for m in _FUTURE_MARKER.finditer(window)]
    past = [
        m.start()
        for m in _PAST_MARKER.finditer(window)
        if not any(a <= m.start() < b for a, b in future_spans)
    ]
    return not past or max(future) > max(past)


def find_dates(text: str, published: date | None) -> list[TimeExpression]:
    """Every temporal expression in `text`, resolved against `published`, in text order."""
    candidates: list[tuple[int, int, int, re.Match[str], _Resolver]] = []
    for order, (pattern, resolver) in enumerate(_RULES):
        for m in pattern.finditer(text):
            candidates.append((m.start(), m.end(), order, m, resolver))
    # Longest match wins; among equals, the earlier rule.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for match_start, end, _, m, resolver in candidates:
        if any(match_start < t_end and t_start < end for t_start, t_end in taken):
            continue
        start = match_start
        ctx = _Context(published, _is_future(text, start))
        try:
            resolved = resolver(m, ctx)
        except (OverflowError, ValueError):  # the arithmetic leaves years 1..9999
            resolved = _Resolved(None, None, "beyond the calendar (years 1 to 9999)")
        if resolved is None:
            continue
        taken.append((start, end))
        since = _SINCE.search(text, max(0, start - 6), start)
        if (
            (since or m[0].casefold().startswith("since"))
            and resolved.first
            and published
            and resolved.first <= published  # "since 2015" in a 2000 paper is no range
        ):
            start = since.start() if since else start
            resolved = _Resolved(
                resolved.first, published, f"since: {resolved.rule}, until publication"
            )
        found.append(_finish(text, start, end, resolved, ctx))
    found.sort(key=lambda e: (e.start, e.end))
    return found


def _finish(text: str, start: int, end: int, r: _Resolved, ctx: _Context) -> TimeExpression:
    first, last = r.first, r.last
    anchor = ctx.published.isoformat() if ctx.published else None
    if first is None or last is None:
        return TimeExpression(
            text[start:end], start, end, None, None, PRECISION_MONTH, r.rule, anchor
        )
    if ctx.published is not None and not ctx.future and last > ctx.published >= first:
        last = ctx.published  # a past event cannot have happened after it was reported
    precision = r.precision or precision_of(first, last)
    return TimeExpression(text[start:end], start, end, first, last, precision, r.rule, anchor)
