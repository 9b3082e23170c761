"""What the event classifier sees of a text: word and character n-grams, and cues.

The same functions featurize at training and at run time, so the two cannot drift apart.
The text is normalised first so that the model learns how an event is told rather than
where or when it happened:
- capitalised words inside a sentence become `Xx`: names of places, people and groups
  otherwise teach the model that Ukraine means shelling and Kenya riots, which does not
  carry over to other countries and years (measured: +4 points of macro accuracy on the
  tuning rows);
- month and weekday names, and digits, are folded (`month`, `weekday`, `0`);
- ACLED's crowd-size tags (`[size=...]`) are dropped: articles have none.
Cues (`data/event_cues.yaml`) add what a linear model cannot learn from separate words:
that two things occur together (stones thrown at a protest).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b\.?")
"""Capitalised only: 'march' and 'may' are also a protest and a verb."""
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SIZE_TAG = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)
_INNER_NAME = re.compile(r"(?<=[a-z,;:()] )[A-Z][\w\-]*")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w\w+")

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 6)


def normalise(text: str) -> str:
    """The text as the n-gram features read it (see the module docstring)."""
    text = _SIZE_TAG.sub(" ", text)
    text = _MONTH.sub("month", text)
    text = _WEEKDAY.sub("weekday", text)
    text = _INNER_NAME.sub("Xx", text)
    text = _DIGITS.sub("0", text)
    return _SPACE.sub(" ", text).strip().lower()


def word_ngrams(normalised: str) -> Counter[str]:
    """Words of two or more characters, and pairs of neighbouring words."""
    words = _WORD.findall(normalised)
    grams = list(words)
    low, high = WORD_NGRAMS
    for n in range(max(low, 2), high + 1):
        grams += [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    return Counter(grams)


def char_ngrams(normalised: str) -> Counter[str]:
    """Character n-grams inside each word padded with a space on both sides; a word
    shorter than n gives itself once."""
    grams: list[str] = []
    for word in normalised.split(" "):
        grams += word_char_ngrams(word)
    return Counter(grams)


def word_char_ngrams(word: str) -> list[str]:
    """The character n-grams of one word (see `char_ngrams`)."""
    grams: list[str] = []
    low, high = CHAR_NGRAMS
    padded = f" {word} "
    size = len(padded)
    for n in range(low, high + 1):
        if size <= n:
            grams.append(padded)
            break
        grams += [padded[i : i + n] for i in range(size - n + 1)]
    return grams


@dataclass(frozen=True, slots=True)
class CueSet:
    """Named patterns and the combinations of them that are features of their own."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    combinations: tuple[tuple[str, ...], ...]

    @property
    def names(self) -> tuple[str, ...]:
        singles = tuple(name for name, _ in self.patterns)
        return singles + tuple("+".join(combo) for combo in self.combinations)

    def flags(self, text: str) -> list[bool]:
        """One flag per name of `names`, in order."""
        text = text.lower()
        found = {name: pattern.search(text) is not None for name, pattern in self.patterns}
        singles = [found[name] for name, _ in self.patterns]
        return singles + [all(found[c] for c in combo) for combo in self.combinations]


def parse_cues(raw: object) -> CueSet:
    """Validate the cue file: every combination names known cues; patterns compile."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("cues"), Mapping):
        raise ValueError("cue file must be a mapping with a 'cues' mapping")
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for name, pattern in raw["cues"].items():
        try:
            # written in lower case and matched against the lower-cased text, which is
            # faster than matching without regard to case
            patterns.append((str(name), re.compile(str(pattern).lower())))
        except re.error as exc:
            raise ValueError(f"cue {name!r}: {exc}") from exc
    known = {name for name, _ in patterns}
    combinations: list[tuple[str, ...]] = []
    for key, size in (("pairs", 2), ("triples", 3)):
        for listed in raw.get(key) or []:
            combo = tuple(str(c) for c in listed)
            if len(combo) != size or not set(combo) <= known:
                raise ValueError(f"{key}: {combo!r} must name {size} known cues")
            combinations.append(combo)
    return CueSet(tuple(patterns), tuple(combinations))


@cache
def load_cues() -> CueSet:
    text = resources.files("tadmur").joinpath("data/event_cues.yaml").read_text("utf-8")
    return parse_cues(yaml.safe_load(text))
