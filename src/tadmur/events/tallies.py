"""Attribution and counts: which sources a report cites, which event of a sentence its
fatality figure belongs to, and the air strike or shelling that only delivered a
chemical attack (one Chemical weapon event, not two).

Sources are read from each draft's sentence as it is made; the other two steps run on
all drafts of the article together, before the merge, because they compare drafts of
the same sentence with each other: a sentence's fatality figure goes to its most violent
event only. None of this decides whether there is an event, hence a module of its own.
"""

from __future__ import annotations

import re
from typing import Any

from tadmur.counts import acled_toll, fatalities_in
from tadmur.events.draft import Draft, paragraph_bounds
from tadmur.sources import SourceLexicon
from tadmur.triggers import TriggerMatch

_VIOLENCE_PRIORITY = (
    "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Chemical weapon", "Grenade", "Attack", "Armed clash",
    "Excessive force against protesters", "Mob violence", "Violent demonstration",
    "Government regains territory", "Non-state actor overtakes territory",
)  # fmt: skip


def sources_in(sentence: str, pattern: re.Pattern[str], lexicon: SourceLexicon) -> set[str]:
    found = set()
    for m in pattern.finditer(sentence):
        source = lexicon.lookup(m[0])
        if source is not None:
            found.add(source.name)
    return found


def chemical_delivery(drafts: list[Draft]) -> list[Draft]:
    """A chemical attack delivered by air or by rocket is one Chemical weapon event."""
    chemical = {d.evidence[0] for d in drafts if d.sub_event_type == "Chemical weapon"}
    return [
        d
        for d in drafts
        if not (
            d.sub_event_type in {"Air/drone strike", "Shelling/artillery/missile attack"}
            and d.evidence[0] in chemical
        )
    ]


def assign_counts(doc: Any, drafts: list[Draft], matches: list[TriggerMatch]) -> None:
    """A sentence's fatality figure goes to its most violent event; a sentence without one
    takes the first figure of the sentences around it in its paragraph that tell no violent
    event of their own ("Russian forces shelled Kreminna. Houses were damaged. One person
    died."); a supporting mention takes none. A coder's own toll in the paragraph
    ("3 fatalities.", "fatalities coded as 3") is the figure of its first violent event."""
    by_sentence: dict[int, list[Draft]] = {}
    for draft in drafts:
        start = draft.evidence[0][0]
        by_sentence.setdefault(start, []).append(draft)
    violent = {
        start
        for start, group in by_sentence.items()
        if any(d.sub_event_type in _VIOLENCE_PRIORITY and not d.support for d in group)
    }
    tolled: set[tuple[int, int]] = set()  # paragraphs whose coder's toll is given out
    for start, group in sorted(by_sentence.items()):
        span = doc.char_span(start, group[0].evidence[0][1], alignment_mode="expand")
        if span is None:
            continue
        ranked = sorted(
            (d for d in group if d.sub_event_type in _VIOLENCE_PRIORITY and not d.support),
            key=lambda d: _VIOLENCE_PRIORITY.index(d.sub_event_type),
        )
        if not ranked:
            continue
        paragraph = paragraph_bounds(doc.text, start)
        count = None
        if paragraph not in tolled:
            tolled.add(paragraph)
            count = acled_toll(doc.text[paragraph[0] : paragraph[1]])
        if count is None:
            count = fatalities_in(span.text)
        if count is None:
            for other in _told_around(doc, span, violent):
                count = fatalities_in(other.text)
                if count is not None:
                    break
        if count is not None:
            ranked[0].fatalities = count.value


def _told_around(doc: Any, span: Any, violent: set[int]) -> list[Any]:
    """The sentences of a span's paragraph that tell no violent event of their own: first
    those after it up to the next that does, then those before it, nearest first ("Four
    people were killed in twin attacks in Mombasa. One blast hit a hotel ...")."""
    after: list[Any] = []
    before: list[Any] = []
    for sentence in doc.sents:
        if sentence.end_char <= span.start_char:
            elsewhere = "\n" in doc.text[sentence.start_char : span.start_char]
            if elsewhere or sentence.start_char in violent:
                before = []  # another paragraph, or a violent event's own count
            else:
                before.append(sentence)
            continue
        if sentence.start_char < span.end_char:
            continue
        between = doc.text[span.end_char : sentence.start_char]
        if "\n" in between or sentence.start_char in violent:
            break
        after.append(sentence)
    return after + before[::-1]
