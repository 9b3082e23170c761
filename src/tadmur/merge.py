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

An event's id is the id of its earliest report: the one whose document was published
first, then the smallest id. It depends on the reports only, not on the order they were
stored in, so two ingests taking turns make the store one ingest makes. Reports of later
articles join an event without changing its id, so links to it stay valid; when a report
links two events into one, or an article published earlier than an event's first one joins
it, an id goes, and `fold_in` says where it went. Since the clusters are the connected parts
of the relation, folding batches in one by one gives the same events as merging all reports
at once (`merge_reports`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
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
    published: Day | None = None
    """Its document's publication date (what makes a report the earliest)."""


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


class _Parts:
    """Union-find over hashable keys: which keys ended up in one part."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _linked(parts: _Parts, reports: Sequence[StoredReport], key: Mapping[str, str]) -> None:
    """Join the parts of every two reports of one sub-event type that tell the same event."""
    by_type: defaultdict[str, list[StoredReport]] = defaultdict(list)
    for report in reports:
        by_type[report.sub_event_type].append(report)
    for group in by_type.values():
        for pos, a in enumerate(group):
            for b in group[pos + 1 :]:
                if same_event(a, b):
                    parts.join(key[a.id], key[b.id])


def merge_reports(reports: list[StoredReport]) -> list[MergedEvent]:
    """Cluster reports (connected parts of `same_event`) and build canonical events."""
    ordered = sorted(reports, key=lambda r: r.id)
    parts = _Parts()
    _linked(parts, ordered, {r.id: r.id for r in ordered})
    groups: defaultdict[str, list[StoredReport]] = defaultdict(list)
    for report in ordered:
        groups[parts.find(report.id)].append(report)
    merged = [_canonical(members) for members in groups.values()]
    merged.sort(key=lambda m: (m.date or date.max, m.id))
    return merged


@dataclass(frozen=True, slots=True)
class MergeUpdate:
    """What folding new reports in changes: the events to write (new, or grown), the ids
    of the stored events they replace, and where merged-away ids went."""

    events: list[MergedEvent]
    replaced: frozenset[str]
    redirects: dict[str, str]


def fold_in(stored: Iterable[tuple[str, StoredReport]], new: Sequence[StoredReport]) -> MergeUpdate:
    """Fold `new` reports into the stored merge. `stored` pairs each stored report that
    could meet a new one (same sub-event type) with the id of the event it belongs to.

    A stored event is a part of its own: new reports link to it through any of its
    reports, so only the events a new report touches are rebuilt."""
    members: defaultdict[str, list[StoredReport]] = defaultdict(list)
    key: dict[str, str] = {}
    for merged_id, report in stored:
        members[merged_id].append(report)
        key[report.id] = "e:" + merged_id
    fresh = [r for r in new if r.id not in key]
    key.update({r.id: "r:" + r.id for r in fresh})
    parts = _Parts()
    for report in fresh:
        parts.find(key[report.id])
    by_type: defaultdict[str, list[StoredReport]] = defaultdict(list)
    for group in members.values():
        for report in group:
            by_type[report.sub_event_type].append(report)
    for report in fresh:
        for other in by_type.get(report.sub_event_type, ()):
            if same_event(report, other):
                parts.join(key[report.id], key[other.id])
    _linked(parts, fresh, key)
    touched: defaultdict[str, list[str]] = defaultdict(list)
    for report in fresh:
        touched[parts.find(key[report.id])].append(report.id)
    reports = {r.id: r for r in fresh}
    groups: defaultdict[str, list[StoredReport]] = defaultdict(list)
    olds: defaultdict[str, set[str]] = defaultdict(set)
    for merged_id, group in members.items():
        root = parts.find("e:" + merged_id)
        if root in touched:
            groups[root].extend(group)
            olds[root].add(merged_id)
    for root, ids in touched.items():
        groups[root].extend(reports[i] for i in ids)
    events = sorted((_canonical(g) for g in groups.values()), key=lambda m: m.id)
    redirects: dict[str, str] = {}
    for event in events:
        root = parts.find(key[event.member_ids[0]])
        redirects.update({old: event.id for old in olds[root] if old != event.id})
    replaced = frozenset(old for ids in olds.values() for old in ids)
    return MergeUpdate(events, replaced, redirects)


def redirects_between(
    previous: Iterable[tuple[str, str]], merged: Iterable[MergedEvent]
) -> dict[str, str]:
    """Where each earlier event id went: `previous` pairs report ids with the events they
    were in; an id that is no event's any more points to the event its reports are in."""
    now = {report_id: event.id for event in merged for report_id in event.member_ids}
    moved: dict[str, str] = {}
    for report_id, old in sorted(previous):
        new = now.get(report_id)
        if new is not None and new != old:
            moved.setdefault(old, new)
    live = set(now.values())
    return {old: new for old, new in moved.items() if old not in live}


def anchor(members: Iterable[StoredReport]) -> StoredReport:
    """The event's earliest report, whose id the event takes."""
    return min(members, key=lambda r: (r.published or date.max, r.id))


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
    members = sorted(members, key=lambda r: r.id)  # the same event however it was folded in
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
    return MergedEvent(
        id=anchor(members).id,
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
