"""The merge of reports of one event within one article: title, standfirst, captions and
body that tell the same event become one event with several evidence spans.

Reports merge when they have the same sub-event type, places that agree and dates that
agree; the best-placed, best-dated report leads and the others lend it their evidence,
sources, actors, counts and more precise place or date. States of affairs ("fighting
since 2020") are dropped first and protests at one place and day take their most severe
form. This is the WITHIN-article merge; `tadmur.merge` merges events ACROSS articles.
"""

from __future__ import annotations

from tadmur.events.draft import Draft

WEEK_DAYS = 11
MONTHS_2 = 62
"""ACLED codes to the month at worst: a report dated only by a year is background."""


def place_key(draft: Draft) -> object:
    if draft.place is None or draft.place.place is None:
        return None
    return draft.place.place.geonameid or (draft.place.place.country_code, draft.place.place.name)


def overlaps(a: Draft, b: Draft) -> bool:
    """Whether two reports' date ranges share a day (or neither has one)."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return a.first is None and b.first is None
    return a.first <= b.last and b.first <= a.last


def merge(drafts: list[Draft]) -> list[Draft]:
    """Reports of one event in one article become one event: same sub-event type, places
    that agree (the same place, or one report without a place of its own, or a country or
    province containing the other's place), and dates that agree (overlapping, or one
    report without a date of its own). The best-placed, best-dated report comes first."""
    drafts = [
        d
        for d in drafts
        if not (d.date_explicit and d.first and d.last and (d.last - d.first).days > MONTHS_2)
        and not (
            d.since
            and d.sub_event_type != "Displacement"
            and d.first
            and d.last
            and (d.last - d.first).days > WEEK_DAYS
        )
    ]  # "since 2009", "fighting since early 2020": a state of affairs, not an event
    drafts = _unify_protests(drafts)
    ranked = sorted(
        drafts,
        key=lambda d: (
            not d.date_explicit,
            not d.place_from_text or _coarse(d),
            d.support,
            d.order,
        ),
    )
    merged: list[Draft] = []
    for draft in ranked:
        candidates = [m for m in merged if _same_event(m, draft)]
        target = min(candidates, key=lambda m: abs(m.order - draft.order)) if candidates else None
        if target is not None:
            _absorb(target, draft)
        elif not draft.support:
            merged.append(draft)
    return merged


def _same_event(a: Draft, b: Draft) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    places_agree = (
        place_key(a) == place_key(b)
        or not a.place_from_text
        or not b.place_from_text
        or _within(a, b)
        or _within(b, a)
        or ((a.headline or b.headline) and _country(a) == _country(b))
    )
    dates_agree = not a.date_explicit or not b.date_explicit or overlaps(a, b)
    return places_agree and dates_agree


def _country(draft: Draft) -> str | None:
    if draft.place is None or draft.place.place is None:
        return None
    return draft.place.place.country_code


def _coarse(draft: Draft) -> bool:
    """Located only by a country or a province ("in Libya's south")."""
    return (
        draft.place is not None
        and draft.place.place is not None
        and (draft.place.place.kind in {"country", "admin1"})
    )


def _within(event: Draft, coarse: Draft) -> bool:
    """Does `event` lie in the country or province that locates `coarse`?"""
    if not _coarse(coarse) or event.place is None or event.place.place is None:
        return False
    if coarse.place is None or coarse.place.place is None:
        return False
    region, place = coarse.place.place, event.place.place
    if place.country_code != region.country_code:
        return False
    return region.kind == "country" or place.admin1_code == region.admin1_code


SEVERITY = {
    "Peaceful protest": 0, "Protest with intervention": 1,
    "Excessive force against protesters": 2, "Violent demonstration": 3,
}  # fmt: skip
"""How a demonstration at one place and day is coded when its reports differ: met with
force, and violent on the demonstrators' side, win (ACLED's rules)."""


def _unify_protests(drafts: list[Draft]) -> list[Draft]:
    """One demonstration per place and day: reports of it take its most severe form.
    Arrests told as part of an event (in its sentence, or after it without a day of their
    own) are part of it: ACLED codes arrests at a protest as the intervention, not as an
    event of their own."""
    protests = [d for d in drafts if d.sub_event_type in SEVERITY]
    for d in protests:
        for other in protests:
            if (
                place_key(other) == place_key(d)
                and overlaps(other, d)
                and SEVERITY[other.sub_event_type] > SEVERITY[d.sub_event_type]
            ):
                d.sub_event_type = other.sub_event_type
    events = [d for d in drafts if d.sub_event_type != "Arrests" and not d.support]
    for arrest in (d for d in drafts if d.sub_event_type == "Arrests"):
        ended = [
            d
            for d in events
            if overlaps(d, arrest)
            and (place_key(d) == place_key(arrest) or not arrest.place_from_text)
            and (not arrest.date_explicit or d.sentence == arrest.sentence)
        ]  # arrests told with a day of their own ("arrested on Tuesday") stand alone
        if not ended:
            continue
        target = min(ended, key=lambda d: abs(d.order - arrest.order))
        if target.sub_event_type == "Peaceful protest":
            for d in protests:
                if d.sub_event_type == "Peaceful protest" and place_key(d) == place_key(target):
                    d.sub_event_type = "Protest with intervention"
        arrest.sub_event_type, arrest.support = target.sub_event_type, True
    return drafts


def _absorb(target: Draft, other: Draft) -> None:
    for span in other.evidence:
        if span not in target.evidence:
            target.evidence.append(span)
    target.sources |= other.sources
    if other.support:
        return  # a mention of an event told elsewhere adds its words, not its details
    complete = target.actor1 is not None and target.actor2 is not None
    if not complete and other.actor1 is not None and other.actor2 is not None:
        target.actor1, target.actor2 = other.actor1, other.actor2
    else:
        target.actor1 = target.actor1 or other.actor1
        if target.actor2 is None and other.actor2 is not None:
            target.actor2 = other.actor2
    if target.actor2 is not None and target.actor2 == target.actor1:
        target.actor2 = None
    if target.assoc1 is None and other.assoc1 is not None and other.assoc1 != target.actor1:
        target.assoc1 = other.assoc1
    if other.fatalities is not None:
        target.fatalities = (
            other.fatalities
            if target.fatalities is None
            else min(target.fatalities, other.fatalities)
        )
    target.displaced = target.displaced or other.displaced
    better_place = other.place_from_text and (
        not target.place_from_text
        or (_coarse(target) and not _coarse(other))
        or (target.headline and not other.headline)
    )
    if better_place:
        target.place, target.place_from_text = other.place, True
    if other.date_explicit and not target.date_explicit:
        target.first, target.last, target.date_explicit = other.first, other.last, True
    target.headline = target.headline and other.headline
    narrower = (
        other.date_explicit
        and target.first
        and other.first
        and target.last
        and other.last
        and (other.last - other.first) < (target.last - target.first)
    )
    if narrower:
        target.first, target.last = other.first, other.last
    target.confidence = min(0.98, max(target.confidence, other.confidence) + 0.03)
