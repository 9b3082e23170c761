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
    r"|(?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+million"
    r"|\d{1,3}(?:,\d{3})+|\d+|(?:" + _WORDS + r")(?:[- ](?:" + _WORDS + r"))?)"
)
_HEDGE = (
    r"(?:(?:at\s+least|some|about|around|nearly|almost|more\s+than|over|up\s+to|roughly"
    r"|an\s+estimated)\s+)?"
)
_VICTIM = r"(?:(?!and\b|or\b)[\w'-]+\s+){0,8}?"
_RANGE = r"(?:\s*(?:-|–|to|and)\s*\d+)?"
"""'8 - 14 civilians', 'between 1 to 3 men': ACLED keeps the lowest figure."""
_DEATH_VERB = (
    r"(?:kill(?:ed|ing|s)?|claim(?:ed|ing)?\s+the\s+lives\s+of|le(?:ft|aving)|execut(?:ed|ing)|"
    r"massacr(?:ed|ing)|murder(?:ed|ing)|shot\s+dead|gunned\s+down|lynch(?:ed|es|ing)?|"
    r"behead(?:ed|s|ing)?|(?:shot|stabbed|attacked|hacked|beat|beaten|tortured)\s+and\s+killed)"
)
_KILL_AFTER = re.compile(
    rf"\b{_DEATH_VERB}\s+(?:between\s+)?{_HEDGE}(?P<n>{NUMBER}){_RANGE}\b"
    r"(?!\s*(?:km|kilomet|miles|%|per\s*cent|percent|years|days|hours|times))"
    rf"(?P<more>\s+{_VICTIM}(?:in|at|and)\s+(?:\w+\s+){{0,3}}?(?:another|other|and)?\s*"
    rf"(?P<m>\d+|{_WORDS})\s+(?:[\w'-]+\s+){{0,2}}?(?:in|at)\b)?",
    re.I,
)
_DIED = (
    r"(?:killed|dead|died|slain|executed|murdered|shot\s+dead|lost\s+their\s+lives|lynched|"
    r"beheaded|(?:burnt|burned|beaten|hacked|stabbed|stoned|crushed|tortured)\s+to\s+death|"
    r"succumbed)"
)
_KILLED_BEFORE = re.compile(
    rf"(?<![/.:\d-])(?<!no )\b(?:between\s+)?{_HEDGE}(?P<n>{NUMBER}){_RANGE}"
    r"(?!\s+(?:weeks?|days?|months?|years?|hours?|minutes?|nights?)\b)"  # "two weeks ago killed"
    rf"\s+{_VICTIM}"
    rf"(?:and\s+(?P<m>\d+|{_WORDS})\s+{_VICTIM})?"
    r"(?:(?:were|was|have\s+been|had\s+been|are|is|been)\s+(?:[a-z]+\s+){0,2}?)?"
    rf"{_DIED}\b(?!\s+(?:a|an|the|his|her|their|\d+|two|three|four|five|several)\b)",
    re.I,
)
_DEATHS = re.compile(
    rf"\b(?:(?:result(?:ed|ing)\s+in|caus(?:ed|ing)|le(?:d|ading)\s+to)\s+the\s+(?:death|killing)s?\s+of\s+{_HEDGE}(?P<n>{NUMBER}){_RANGE}\s+\w+"
    rf"|(?P<k>{NUMBER})\s+(?:deaths?|dead)\s+(?:were\s+|was\s+)?(?:reported|recorded|confirmed)"
    rf"|(?<!no )(?P<j>one|\d+)\s+(?:is|are|was|were)\s+dead"
    rf"|^\W*(?P<d>{NUMBER})\s+(?:people\s+|persons\s+)?dead\b"
    rf"|\ble(?:ft|aving)\s+(?P<l>one|\d+)\s+(?:person\s+|people\s+)?(?:dead|killed))\b",
    re.I,
)
"""'the death of 1 civilian', 'two deaths reported', 'one is dead'."""
_ONE_VICTIM = (
    r"(?:person|man|woman|boy|girl|child|civilian|villager|resident|farmer|herder|soldier|"
    r"policeman|police\s+officer|officer|member|fighter|militant|individual|student|teacher|"
    r"trader|driver|worker|journalist|guard|passenger|pastor|priest|imam|chief|leader|elder|"
    r"pastoralist|constable|policeman|suspect|thief|robber|businessman|cleric|widow|monk|"
    r"recruiter|convict|prisoner|inmate|official|commander|head|victim|informant|keeper|"
    r"attacker|scholar|lawyer|nurse|doctor|general|mayor|councillor|activist|youth|herdsman|"
    r"pedestrian|rider|operator|motorist|shopkeeper|customer|vendor|hawker|bodyguard|"
    r"legislator|senator|politician|businesswoman|chairman|journalist|photographer|driver)"
)
_ONE_KILLED = re.compile(
    rf"\b{_DEATH_VERB}\s+(?:a|an|one|the)\s+(?:[\w'-]+\s+){{0,4}}?{_ONE_VICTIM}\b(?!\s*s\b)"
    r"(?!\s+(?:and\s+(?:his|her|their|a|an|one|two|three|\d)\b|of\s+(?:the\s+)?(?:\w+\s+)?(?:group|family|families)\b))|"
    rf"\b(?:a|an|one|1)\s+(?:[\w'-]+\s+){{0,4}}?{_ONE_VICTIM}\s+(?:\w+\s+)?"
    rf"(?:was|is|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:also\s+)?{_DIED}|"
    rf"(?<!no )\bone\s+(?:[\w'-]+\s+){{0,3}}?(?:died|was\s+killed|is\s+killed|is\s+dead)\b|"
    rf"\b(?:a|an)\s+(?:[A-Z][\w'-]*\s+){{1,2}}(?:\w+\s+)?(?:is|was)\s+(?:killed|dead|lynched|murdered)\b|"
    r"\b(?:killing|killed|kill)\s+(?:him|her)\b(?!\s+and)|"
    r"\b(?:beat|beaten|stoned|burnt|burned|hacked|stabbed|clubbed|macheted)\s+(?:a|an|one|the)\s+"
    r"(?:[\w'-]+\s+){0,3}?to\s+death\b|"
    r"(?<!no one )(?<!nobody )(?<!none )\b(?:is|was|has\s+been|had\s+been)\s+(?:reportedly\s+|"
    r"allegedly\s+|later\s+)?(?:shot\s+dead|shot\s+and\s+killed|murdered|lynched|beheaded|"
    r"(?:stoned|burnt|burned|beaten|hacked|stabbed|crushed|tortured)\s+to\s+death)\b|"
    r"\b(?:a|an|one|the)\s+(?:[\w'-]+\s+){1,6}?(?:dies|died)\b(?!\s+down)|"
    rf"\b(?:he|she|the\s+(?:[\w'-]+\s+){{0,2}}?{_ONE_VICTIM})\s+(?:was\s+killed|was\s+shot\s+dead|"
    r"(?:\w+\s+)?died|succumbed|was\s+later\s+pronounced\s+dead)\b",
    re.I,
)
"""One victim told without a number: 'killed a villager', 'one person died', 'the woman
subsequently died', 'killing him' (ACLED: 1)."""
_FATALITY_NOTE = re.compile(
    rf"\b(?:(?P<n>{NUMBER})\s+fatalit(?:y|ies)\b(?!\s+(?:split|from|on|among|were|was|in|across))"
    rf"|fatalities\s+(?:were\s+)?coded\s+(?:as|to)\s+(?P<k>\d+)"
    rf"|coded\s+as\s+(?P<j>\d+)\s+fatalit)",
    re.I,
)
"""ACLED's own way of stating a toll: '3 fatalities', 'fatalities coded as 3'."""
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
    millions = re.fullmatch(r"(\S+) million", folded)
    if millions:  # "1.8 million" is 1,800,000, not 8
        head = millions[1]
        if re.fullmatch(r"\d+(?:\.\d+)?", head):
            return round(float(head) * 1_000_000)
        unit = 1 if head == "a" else _UNITS.get(head)
        return unit * 1_000_000 if unit else None
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
    'a soldier was killed', 'the death toll rose to 30'), or None. ACLED's own statement
    ('3 fatalities', 'fatalities coded as 3') wins over the figures told before it."""
    note = acled_toll(text)
    if note is not None:
        return note
    # "At least 20 (some reports 30) have been killed": the aside is not the count's words
    text = re.sub(r"\s*\((?!\d+\s+fatalit)[^()]{0,40}\)", lambda m: " " * len(m[0]), text)
    best: Count | None = None
    for pattern in (_KILL_AFTER, _KILLED_BEFORE, _TOLL, _DEATHS):
        for m in pattern.finditer(text):
            number = next(g for g in (m.group(k) for k in _GROUPS[pattern]) if g)
            value = parse_number(number)
            if value is None or value > 100_000:
                continue
            singular = number.casefold() in {"a", "an", "one"}
            if singular and pattern is _KILL_AFTER:
                continue
            if (
                singular
                and pattern is _KILLED_BEFORE
                and not re.search(
                    r"\b(?:was|is|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:killed|shot|slain|"
                    r"executed|murdered|lynched|beheaded|burnt|burned|beaten|stabbed|hacked)",
                    m[0],
                    re.I,
                )
            ):
                continue  # "an air strike killed 11": 'an' counts the strike, not the dead
            more = m.groupdict().get("m")
            if more:  # 'killed 8 civilians in A and 7 in B', '13 soldiers and 2 fighters died'
                value += parse_number(more) or 0
            if best is None or m.start() < best.start:
                best = Count(value, m.start(), m.end())
            break
    if best is None:
        one = _ONE_KILLED.search(text)
        if one is not None:
            best = Count(1, one.start(), one.end())
    return best


_GROUPS: dict[re.Pattern[str], tuple[str, ...]] = {
    _KILL_AFTER: ("n",),
    _KILLED_BEFORE: ("n",),
    _TOLL: ("n",),
    _DEATHS: ("n", "k", "j", "d", "l"),
}


def acled_toll(text: str) -> Count | None:
    """ACLED's coder's own figure in a note: '2 fatalities.', 'Fatalities coded as 3',
    'coded as 6 fatalities'; None for a toll split among several events."""
    for m in _FATALITY_NOTE.finditer(text):
        number = m["n"] or m["k"] or m["j"]
        value = parse_number(number)
        if value is not None:
            return Count(value, m.start(), m.end())
    return None


def displaced_in(text: str) -> tuple[int, str] | None:
    """('30 families' -> (30, 'families')); units are families or people."""
    for m in _DISPLACED.finditer(text):
        value = parse_number(m["n"])
        if value is None or m["n"].casefold() in {"a", "an", "one"}:
            continue
        unit = "families" if m["unit"].casefold().startswith(("famil", "household")) else "people"
        return value, unit
    return None
