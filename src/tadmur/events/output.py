"""From a merged draft to the `Event` of the output: location and country, the actors as
named on the event's date, ACLED's default actors, time precision, evidence and the id.

ACLED's defaults are applied here and nowhere earlier, after the merge, so that a report
of the event that does name the victims or the protesters wins over a default: civilians
are the victims of an attack or a mob and the displaced, protesters the actor of a protest,
rioters of a riot.
"""

from __future__ import annotations

import hashlib
import re

from tadmur.events.draft import Context, Draft
from tadmur.model import Displaced, Event, Location, Span
from tadmur.triggers import SUB_EVENT_TYPES
from tadmur.when import precision_of
from tadmur.who import ActorDictionary

CROWDS = {
    "Peaceful protest": "Protesters",
    "Protest with intervention": "Protesters",
    "Excessive force against protesters": "Protesters",
    "Violent demonstration": "Rioters",
    "Mob violence": "Rioters",
}
"""Who acts in a demonstration or a riot, as ACLED codes it: its generic actor."""


UNSEEN_HANDS = frozenset(
    {"Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Grenade",
     "Sexual violence", "Looting/property destruction"}
)  # fmt: skip
"""Violence whose perpetrator the text does not name: ACLED's unidentified armed group."""


VICTIMS_CIVILIAN = frozenset(
    {"Attack", "Abduction/forced disappearance", "Sexual violence",
     "Looting/property destruction", "Arrests", "Grenade", "Suicide bomb"}
)  # fmt: skip
"""Events whose target ACLED codes as the country's civilians when the text names no other
(in the training rows: 100% of attacks, abductions and sexual violence, 70-80% of lootings,
arrests, grenades and suicide bombs)."""


def finish(draft: Draft, ctx: Context, actors: ActorDictionary) -> Event:
    country = None
    location = None
    if draft.place is not None and draft.place.place is not None:
        p = draft.place.seat or draft.place.place  # a province's event sits at its main town
        country = p.country_code
        location = Location(
            name=p.name,
            geonameid=p.geonameid,
            country_code=p.country_code,
            admin1=draft.place.admin1,
            latitude=round(p.latitude, 5),
            longitude=round(p.longitude, 5),
            geo_precision=draft.place.geo_precision,
            site=draft.place.site,
        )
    country = country or ctx.country
    on = draft.first
    actor1 = actors.current(draft.actor1, on) if draft.actor1 else None
    actor2 = actors.current(draft.actor2, on) if draft.actor2 else None
    sub = draft.sub_event_type
    if sub == "Displacement" and actor1 is None and country:
        actor1 = actors.fallback("Civilians", country)
    if sub in VICTIMS_CIVILIAN and actor2 is None and country:
        actor2 = actors.fallback("Civilians", country)
    if sub in UNSEEN_HANDS and actor1 is None and country:
        actor1 = actors.fallback("Unidentified Armed Group", country)
    assoc1 = draft.assoc1
    crowd = CROWDS.get(sub)
    if crowd is not None and country and not (actor1 and actor1.name.startswith(crowd + " (")):
        # ACLED: the demonstrators or rioters act; the police who met them are the second
        # actor, a group they marched with is associated with them
        named = actor1
        actor1 = actors.fallback(crowd, country) or actor1
        if named is not None and named is not actor1:
            if named.is_state and actor2 is None:
                actor2 = named
            elif not named.is_state and assoc1 is None:
                assoc1 = named
    if sub == "Protest with intervention" and actor2 is None and country:
        actor2 = actors.state_forces("Police Forces of", country)  # 92% of ACLED's rows
    if sub == "Mob violence" and actor2 is None and country:
        actor2 = actors.fallback("Civilians", country)  # a mob's victims
    # a country's forces as ACLED names them for the government of the event's day
    actor1, actor2, assoc1 = (actors.dated(a, on) if a else None for a in (actor1, actor2, assoc1))
    precision = (
        3 if draft.first is None or draft.last is None else precision_of(draft.first, draft.last)
    )
    if not draft.date_explicit and draft.first is not None:
        precision = 2
    date_text = draft.first.isoformat() if draft.first else None
    place_text = str(location.geonameid or location.name) if location else ""
    digest = hashlib.sha256(f"{ctx.doc_id}|{sub}|{place_text}|{date_text}".encode()).hexdigest()
    evidence = tuple(Span(s, e, ctx.text[s:e]) for s, e in sorted(draft.evidence))
    displaced = Displaced(*draft.displaced) if draft.displaced else None
    fatalities = draft.fatalities
    if sub == "Attack" and fatalities is None:
        fatalities = _single_victim(evidence)
    return Event(
        id=digest[:16],
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        date=date_text,
        date_end=draft.last.isoformat() if draft.last else None,
        time_precision=precision,
        actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None,
        assoc_actor_1=assoc1.name if assoc1 else None,
        location=location,
        evidence=evidence,
        fatalities=fatalities,
        displaced=displaced,
        sources=tuple(sorted(draft.sources)),
        confidence=draft.confidence,
    )


def _single_victim(evidence: tuple[Span, ...]) -> int | None:
    """'murdered the former antiquities chief' -> 1: one named or singular victim."""
    for span in evidence:
        if re.search(
            r"\b(?:murder|kill|execut|assassinat|behead|shot)\w*\s+(?:the|a|an|his|her)\s+(?:former\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:chief|official|journalist|doctor|teacher|man|woman|boy|girl|priest|imam|judge|activist|leader|mayor|governor|director|head)\b",
            span.text,
        ):
            return 1
    return None
