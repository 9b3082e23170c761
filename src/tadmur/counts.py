"""Counts in news text: fatalities and displaced people.

Vague quantities follow ACLED's conventions: "several", "many" or an unstated plural
count as 10, "dozens" as 12, "scores" as 20, "hundreds" as 100, "thousands" as 1000;
"a/an/one" as 1. "At least N", "some N", "about N" count as N. When reports in one
article disagree, the lowest figure is kept (the most conservative).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VAGUE: dict[str, int] = {
    "several": 10, "many": 10, "a number of": 10, "a dozen": 12, "dozen": 12, "dozens": 12,
    "dozens of": 12, "scores": 20, "scores of": 20, "hundreds": 100, "hundreds of": 100,
    "thousands": 1000, "thousands of": 1000, "a few": 3, "a couple of": 2,
}  # fmt: skip
_UNITS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
NUMBER = (
    r"(?:a\s+dozen|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?|thousands(?:\s+of)?"
    r"|several|many|a\s+few|a\s+couple\s+of|a\s+number\s+of"
    r"|\d{1,3}(?:,\d{3})+|\d+|(?:" + _WORDS + r")(?:[- ](?:" + _WORDS + r"))?)"
)
_HEDGE = (
    r"(?:(?:at\s+least|some|about|around|nearly|almost|more\s+than|over|up\s+to|roughly"
    r"|an\s+estimated)\s+)?"
)
_VICTIM = r"(?:[\w-]+\s+){0,3}?"
_KILL_AFTER = re.compile(
    rf"\b(?:kill(?:ed|ing|s)?|claim(?:ed|ing)?\s+the\s+lives\s+of|le(?:ft|aving)|execut(?:ed|ing)|"
    rf"massacr(?:ed|ing)|murder(?:ed|ing)|shot\s+dead|gunned\s+down)\s+{_HEDGE}(?P<n>{NUMBER})\b"
    r"(?!\s*(?:km|kilomet|miles|%|per\s*cent|percent|years|days|hours))",
    re.I,
)
_KILLED_BEFORE = re.compile(
    rf"\b{_HEDGE}(?P<n>{NUMBER})\s+{_VICTIM}(?:were|was|have\s+been|had\s+been|are|been)?\s*"
    r"(?:killed|dead|died|slain|executed|murdered|shot\s+dead|lost\s+their\s+lives)\b",
    re.I,
)
_ONE_VICTIM = (
    r"(?:person|man|woman|boy|girl|child|civilian|villager|resident|farmer|herder|soldier|"
    r"policeman|police\s+officer|officer|member|fighter|militant|individual|student|teacher|"
    r"trader|driver|worker|journalist|guard|passenger|pastor|priest|imam|chief|leader)"
)
_ONE_KILLED = re.compile(
    rf"\b(?:kill(?:ed|ing|s)?|shot\s+and\s+killed|shot\s+dead|murder(?:ed|ing)|"
    rf"execut(?:ed|ing)|beheaded|lynched)\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_ONE_VICTIM}\b|"
    rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_ONE_VICTIM}\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:shot\s+and\s+killed|shot\s+dead|killed|murdered|executed|lynched|beheaded)\b|"
    rf"\bone\s+(?:[\w-]+\s+){{0,2}}?{_ONE_VICTIM}\s+(?:died|was\s+killed)\b",
    re.I,
)
"""One victim told without a number: 'killed a villager', 'one person died' (ACLED: 1)."""
_FATALITY_NOTE = re.compile(rf"\b(?P<n>{NUMBER})\s+fatalit(?:y|ies)\b", re.I)
"""ACLED's own way of stating a toll: '3 fatalities'."""
_TOLL = re.compile(
    rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:rose\s+to|reached|stood\s+at|stands\s+at|of|to|climbed\s+to|is)\s+{_HEDGE}(?P<n>{NUMBER})\b",
    re.I,
)
_DISPLACED = re.compile(
    rf"\b{_HEDGE}(?P<n>{NUMBER})\s+(?:\w+\s+){{0,2}}?(?P<unit>families|family|households|people|residents|civilians|persons|individuals|villagers|inhabitants)\b",
    re.I,
)


def parse_number(text: str) -> int | None:
    """'26' -> 26, 'twenty-five' -> 25, '1,200' -> 1200, 'dozens of' -> 12."""
    folded = re.sub(r"\s+", " ", text.casefold().strip())
    if folded in VAGUE:
        return VAGUE[folded]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", folded):
        return int(folded.replace(",", ""))
    total = 0
    for part in re.split(r"[- ]", folded):
        if part not in _UNITS:
            return None
        value = _UNITS[part]
        total = total * value if value == 100 and total else total + value
    return total or None


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int
    end: int


def fatalities_in(text: str) -> Count | None:
    """The first fatality figure stated in a sentence ('killing at least 7', '12 were killed',
    'a soldier was killed', 'the death toll rose to 30'), or None."""
    best: Count | None = None
    for pattern in (_KILL_AFTER, _KILLED_BEFORE, _TOLL):
        for m in pattern.finditer(text):
            value = parse_number(m["n"])
            if value is None or value > 100_000:
                continue
            singular = m["n"].casefold() in {"a", "an", "one"}
            if singular and pattern is _KILL_AFTER:
                continue
            if (
                singular
                and pattern is _KILLED_BEFORE
                and not re.search(
                    r"\b(?:was|has\s+been|had\s+been)\s+(?:killed|shot|slain|executed|murdered)",
                    m[0],
                    re.I,
                )
            ):
                continue  # "an air strike killed 11": 'an' counts the strike, not the dead
            if best is None or m.start() < best.start:
                best = Count(value, m.start(), m.end())
            break
    for m in _FATALITY_NOTE.finditer(text):
        value = parse_number(m["n"])
        if value is not None and (best is None or m.start() < best.start):
            best = Count(value, m.start(), m.end())
        break
    if best is None:
        one = _ONE_KILLED.search(text)
        if one is not None:
            best = Count(1, one.start(), one.end())
    return best


def displaced_in(text: str) -> tuple[int, str] | None:
    """('30 families' -> (30, 'families')); units are families or people."""
    for m in _DISPLACED.finditer(text):
        value = parse_number(m["n"])
        if value is None or m["n"].casefold() in {"a", "an", "one"}:
            continue
        unit = "families" if m["unit"].casefold().startswith(("famil", "household")) else "people"
        return value, unit
    return None
