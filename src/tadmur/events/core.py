"""The events stage of one document, readable top to bottom: every trigger match becomes
drafts, the drafts get their sources and counts, reports of one event merge, and the
merged drafts become the `Event`s of the output.

This module only orchestrates; each decision it calls lives in the module named for it
(see the package docstring for the order).
"""

from __future__ import annotations

import re
from typing import Any

from tadmur.classify import EventClassifier
from tadmur.events.article import (
    background,
    blasts_of_named_weapons,
    date_by_news_day,
    lead_end,
    riots_of_demonstrations,
    unnamed_hands,
)
from tadmur.events.candidates import match_drafts, paragraph_text
from tadmur.events.classified import ClassifierPolicy, classify, new_drafts, retype
from tadmur.events.draft import Context, Draft, Scope, is_article
from tadmur.events.output import finish
from tadmur.events.placing import focus_place
from tadmur.events.roles import (
    crowd_opponent,
    passive_mover,
    planter,
    remote_target,
    second_side,
    suspected_group,
    weapon_owner,
)
from tadmur.events.subtypes import arrest_type
from tadmur.events.tallies import assign_counts, chemical_delivery, sources_in
from tadmur.events.within import merge
from tadmur.model import Event
from tadmur.sources import SourceLexicon
from tadmur.triggers import TriggerLexicon
from tadmur.who import ActorDictionary

__all__ = ["Context", "extract_events"]


def extract_events(
    doc: Any,
    ctx: Context,
    triggers: TriggerLexicon,
    actors: ActorDictionary,
    sources: SourceLexicon,
    classifier: EventClassifier | None = None,
    policy: ClassifierPolicy | None = None,
) -> list[Event]:
    """All events of one parsed document, merged within the document, in text order.
    With a classifier, it decides the types the rules leave open and adds the events they
    miss (`classified`)."""
    by_token = {i: m for m in ctx.actors for i in range(m.start, m.end)}
    focus = focus_place(ctx.places, ctx.country, lead_end(ctx.text))
    attribution = re.compile(
        r"\b(?:" + sources.alias_pattern() + r")\b(?!\s+(?:group|forces|army))"
    )
    drafts: list[Draft] = []
    matches = triggers.match(doc)
    trigger_tokens = {i: m for m in matches for i in range(m.start, m.end)}
    scope = Scope(doc, ctx, trigger_tokens, by_token, focus, actors)
    for order, match in enumerate(matches):
        sentence = doc[match.start].sent
        found: list[Draft] = []
        for rule in match.rules:  # the first rule whose conditions hold
            found = match_drafts(scope, match.with_rule(rule), order)
            if found:
                break
        for draft in found:
            draft.sources |= sources_in(sentence.text, attribution, sources)
            if ctx.outlet:
                draft.sources.add(ctx.outlet)
            drafts.append(draft)
    if classifier is not None:
        policy = policy or ClassifierPolicy()
        readings = classify(classifier, doc, policy, ctx.visible)
        retype(doc, classifier, drafts, readings, policy)
        covered = {d.sentence for d in drafts if not d.support}
        drafts += new_drafts(scope, drafts, readings, covered, policy, len(matches))
    for draft in drafts:
        if draft.sub_event_type == "Arrests" and draft.head >= 0 and not draft.decided:
            draft.sub_event_type = arrest_type(paragraph_text(doc, doc[draft.head].sent))
    drafts = chemical_delivery(drafts)
    assign_counts(doc, drafts, matches)
    drafts = [d for d in drafts if not _a_tally(d, ctx.text)]  # each its own sentence yet
    article = is_article(ctx.text)  # the rules of `article` read a lead, days, the rest
    if article:
        blasts_of_named_weapons(drafts, doc)
        riots_of_demonstrations(drafts, ctx.text)
    date_by_news_day(drafts, ctx.published)
    merged = merge(drafts)
    if article:
        merged = [d for d in merged if not background(d, ctx.published, ctx.text)]
    for draft in merged:
        planted = planter(doc, draft, ctx)
        if planted is not None and (draft.actor1 is None or draft.actor1.name != planted.name):
            # whoever the bomb hit is its target, not its author
            draft.actor2 = draft.actor2 or draft.actor1
            draft.actor1 = planted
        if draft.actor2 is not None and planted is not None and draft.actor2.name == planted.name:
            draft.actor2 = None  # "struck a mine planted by X": X is not the mine's target
        draft.actor1 = suspected_group(doc, draft, ctx, actors) or draft.actor1
        draft.actor2 = crowd_opponent(doc, draft, ctx) or draft.actor2
        draft.actor2 = weapon_owner(doc, draft, ctx, actors) or draft.actor2
        draft.actor2 = remote_target(doc, draft, ctx, actors) or draft.actor2
        draft.actor2 = second_side(doc, draft, ctx) or draft.actor2
        passive_mover(draft)
    if article:
        unnamed_hands(merged, ctx, actors)
    events = [finish(d, ctx, actors) for d in merged if not d.support]
    events.sort(key=lambda e: (e.evidence[0].start, e.sub_event_type))
    return events


_MILLIONS = re.compile(r"\b(?:\d+(?:[.,]\d+)?|one|two|three|four|five|a)\s+million\b", re.I)
"""No one event displaces a million people: a figure in millions is a war's running total
("1.8 million displaced", "more than one million Afghans displaced by fighting"),
background to the news, not an event of it."""


_FLED = re.compile(
    r"\b\d[\d,]*\s+(?:\w+\s+){0,2}?(?:families|households|people|residents|civilians|villagers)"
    r"\s+(?:\w+\s+){0,2}?(?:fled|displaced|left|escaped)\b",
    re.I,
)
"""A count of its own ("2,500 families had fled Harib"): the sentence tells an event, and
its millions are the context ("... camps that already host a million displaced")."""


def _a_tally(draft: Draft, text: str) -> bool:
    if draft.sub_event_type != "Displacement":
        return False
    said = [text[start:end] for start, end in draft.evidence]
    return any(_MILLIONS.search(s) for s in said) and not any(_FLED.search(s) for s in said)
