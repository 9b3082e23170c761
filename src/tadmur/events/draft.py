"""The data the events stage passes between its steps: the document's `Context`, the
per-document `Scope` a trigger is read in, and the mutable `Draft` of one event.

A draft is what one trigger reports before the within-article merge: every later step
(counts, merge, output) reads and updates drafts, so the type lives apart from any of
them. `Context` is here rather than in `core` because every step reads it and `core`
imports every step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tadmur.triggers import TriggerMatch
from tadmur.when import TimeExpression
from tadmur.where import PlaceMention
from tadmur.who import Actor, ActorDictionary, ActorMention


@dataclass(frozen=True, slots=True)
class Context:
    """Everything the events stage knows about one document besides its parse."""

    doc_id: str
    text: str
    published: date | None
    outlet: str | None
    dates: list[TimeExpression]
    places: list[PlaceMention]
    actors: list[ActorMention]
    country: str | None
    visible: str | None = None
    """The text as the sentence filter leaves it (`focus`): the sentences the classifier may
    make events of; None for all."""


@dataclass(slots=True)
class Draft:
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    assoc1: Actor | None
    place: PlaceMention | None
    place_from_text: bool
    first: date | None
    last: date | None
    date_explicit: bool
    evidence: list[tuple[int, int]]
    order: int
    confidence: float
    sources: set[str] = field(default_factory=set)
    fatalities: int | None = None
    displaced: tuple[int, str] | None = None
    support: bool = False
    since: bool = False
    headline: bool = False
    sentence: int = -1
    """Where the draft's sentence starts in the text (its classifier prediction's key)."""
    head: int = -1
    """The token that reports the event (the trigger's head, or the sentence's root)."""
    decided: bool = False
    """A rule with an explicit cue of ACLED's definitions chose the type: the classifier
    does not change it."""


@dataclass(frozen=True, slots=True)
class Scope:
    """One document's parse and what the earlier stages found in it."""

    doc: Any
    ctx: Context
    trigger_tokens: dict[int, TriggerMatch]
    by_token: dict[int, ActorMention]
    focus: PlaceMention | None
    actors: ActorDictionary


def paragraph_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The paragraph (line) of the text that holds [start, end): what the steps that read
    beyond one sentence ("Police suspect al Shabaab.", "2 fatalities.") read."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start if end is None else max(start, end - 1))
    return first, len(text) if last < 0 else last


HEADLINE_CHARS = 160
"""A first line longer than this is the lead paragraph of a page saved without its title."""


def is_article(text: str) -> bool:
    """Whether a text has paragraphs (an article) rather than being one (a note, a brief):
    several rules hold only where a lead, a headline and background can be told apart."""
    return "\n" in text.strip()


def is_headline(text: str, start: int) -> bool:
    """Whether the sentence at `start` is the article's headline: the first line, when it is
    short enough to be a title (a lead paragraph tells its own event at its own place), or
    the first sentence of a text of one paragraph."""
    if start != 0:
        return False
    # a text of one paragraph (a note, a brief) is one story, told first in its first words
    return not is_article(text) or text.find("\n") <= HEADLINE_CHARS
