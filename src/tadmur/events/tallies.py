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

from tadmur.counts import fatalities_in
from tadmur.events.draft import Draft
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
    takes the first figure of the sentences after it in its paragraph that tell no event of
    their own ("Russian forces shelled Kreminna. Houses were damaged. One person died.")."""
    by_sentence: dict[int, list[Draft]] = {}
    for draft in drafts:
        start = draft.evidence[0][0]
        by_sentence.setdefault(start, []).append(draft)
    for start, group in by_sentence.items():
        span = doc.char_span(start, group[0].evidence[0][1], alignment_mode="expand")
        if span is None:
            continue
        count = fatalities_in(span.text)
        if count is None:
            for later in _told_after(doc, span, by_sentence):
                count = fatalities_in(later.text)
                if count is not None:
                    break
        if count is None:
            continue
        ranked = sorted(
            (d for d in group if d.sub_event_type in _VIOLENCE_PRIORITY),
            key=lambda d: _VIOLENCE_PRIORITY.index(d.sub_event_type),
        )
        if ranked:
            ranked[0].fatalities = count.value


def _told_after(doc: Any, span: Any, by_sentence: dict[int, list[Draft]]) -> list[Any]:
    """The sentences after a span up to the end of its paragraph or the next sentence with
    a draft of its own."""
    out = []
    for sentence in doc.sents:
        if sentence.start_char < span.end_char:
            continue
        between = doc.text[span.end_char : sentence.start_char]
        if "\n" in between or sentence.start_char in by_sentence:
            break
        out.append(sentence)
    return out
