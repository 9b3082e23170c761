"""Cross-article merge: reports of the same event become one canonical event.

Two reports (events from different documents) are of the same event when
- they have the same sub-event type;
- their places agree: the same GeoNames id, or within MERGE_KM of each other;
- their dates agree: their ranges overlap once each is widened by a day (a report dated
  "in March" agrees with one dated 12 March), or one of them has no date;
- their actors agree: where both name actor1 they name the same one (or, for battles,
  the same pair in either order), and likewise actor2.
Reports linked by that relation, directly or through others, form one event. Its date is the
narrowest report's, its place the most precise one's, its actors the most reported ones;
fatalities are kept as the lowest and highest figures with who said what, never averaged.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tadmur.gazetteer import distance_km

MERGE_KM = 10.0
Day = date
"""An alias so that fields named `date` can still name the type."""


@dataclass(frozen=True, slots=True)
class StoredReport:
    """One stored event, as the merge sees it."""

    id: str
    document_id: str
    event_type: str
    sub_event_type: str
    date: Day | None
    date_end: Day | None
    time_precision: int
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    assoc_actor_2: str | None
    location_name: str | None
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    site: str | None
    fatalities: int | None
    displaced_count: int | None
    displaced_unit: str | None
    confidence: float
    sources: tuple[str, ...] = ()


@dataclass(slots=True)
class MergedEvent:
    id: str
    event_type: str
    sub_event_type: str
    date: Day | None
    date_end: Day | None
    time_precision: int
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    assoc_actor_2: str | None
    location_name: str | None
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    site: str | None
    fatalities: int | None
    fatalities_max: int | None
    displaced_count: int | None
    displaced_unit: str | None
    confidence: float
    reports: int
    sources: tuple[str, ...]
    member_ids: tuple[str, ...]
    conflicts: dict[str, Any] = field(default_factory=dict)


def _places_agree(a: StoredReport, b: StoredReport) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    return km <= MERGE_KM


def _dates_agree(a: StoredReport, b: StoredReport) -> bool:
    if a.date is None or b.date is None:
        return True
    day = timedelta(days=1)
    a_end, b_end = a.date_end or a.date, b.date_end or b.date
    return a.date - day <= b_end and b.date - day <= a_end


def _actors_agree(a: StoredReport, b: StoredReport) -> bool:
    pair_a, pair_b = (a.actor1, a.actor2), (b.actor1, b.actor2)
    if a.sub_event_type == "Armed clash" and None not in pair_a and set(pair_a) == set(pair_b):
        return True
    for x, y in zip(pair_a, pair_b, strict=True):
        if x is not None and y is not None and x != y:
            return False
    return True


def same_event(a: StoredReport, b: StoredReport) -> bool:
    return (
        a.document_id != b.document_id
        and a.sub_event_type == b.sub_event_type
        and _places_agree(a, b)
        and _dates_agree(a, b)
        and _actors_agree(a, b)
    )


def merge_reports(reports: list[StoredReport]) -> list[MergedEvent]:
    """Cluster reports (union-find over `same_event`) and build canonical events."""
    ordered = sorted(reports, key=lambda r: r.id)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: defaultdict[str, list[int]] = defaultdict(list)
    for i, report in enumerate(ordered):
        by_type[report.sub_event_type].append(i)
    for indices in by_type.values():
        for pos, i in enumerate(indices):
            for j in indices[pos + 1 :]:
                if same_event(ordered[i], ordered[j]):
                    parent[find(j)] = find(i)
    groups: defaultdict[int, list[StoredReport]] = defaultdict(list)
    for i, report in enumerate(ordered):
        groups[find(i)].append(report)
    merged = [_canonical(members) for members in groups.values()]
    merged.sort(key=lambda m: (m.date or date.max, m.id))
    return merged


def _most_common(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _span(r: StoredReport) -> int:
    if r.date is None:
        return 10**6
    return ((r.date_end or r.date) - r.date).days


def _canonical(members: list[StoredReport]) -> MergedEvent:
    dated = min(members, key=lambda r: (_span(r), r.date or date.max, r.id))
    placed = min(
        members,
        key=lambda r: (r.geonameid is None, r.geo_precision or 9, r.site is not None, r.id),
    )
    figures: defaultdict[int, set[str]] = defaultdict(set)
    for r in members:
        if r.fatalities is not None:
            figures[r.fatalities] |= set(r.sources) or {r.document_id[:12]}
    conflicts: dict[str, Any] = {}
    if len(figures) > 1:
        conflicts["fatalities"] = [
            {"value": value, "sources": sorted(names)} for value, names in sorted(figures.items())
        ]
    displaced = [r for r in members if r.displaced_count is not None]
    digest = hashlib.sha256("|".join(sorted(r.id for r in members)).encode()).hexdigest()
    return MergedEvent(
        id=digest[:16],
        event_type=members[0].event_type,
        sub_event_type=members[0].sub_event_type,
        date=dated.date,
        date_end=dated.date_end,
        time_precision=dated.time_precision,
        actor1=_most_common([r.actor1 for r in members]),
        assoc_actor_1=_most_common([r.assoc_actor_1 for r in members]),
        actor2=_most_common([r.actor2 for r in members]),
        assoc_actor_2=_most_common([r.assoc_actor_2 for r in members]),
        location_name=placed.location_name,
        geonameid=placed.geonameid,
        country_code=placed.country_code,
        admin1=placed.admin1,
        latitude=placed.latitude,
        longitude=placed.longitude,
        geo_precision=placed.geo_precision,
        site=placed.site if all(r.site for r in members) else None,
        fatalities=min(figures) if figures else None,
        fatalities_max=max(figures) if figures else None,
        displaced_count=min(r.displaced_count for r in displaced) if displaced else None,  # type: ignore[type-var]
        displaced_unit=displaced[0].displaced_unit if displaced else None,
        confidence=min(0.99, max(r.confidence for r in members) + 0.05 * (len(members) - 1)),
        reports=len({r.document_id for r in members}),
        sources=tuple(sorted({s for r in members for s in r.sources})),
        member_ids=tuple(sorted(r.id for r in members)),
        conflicts=conflicts,
    )
