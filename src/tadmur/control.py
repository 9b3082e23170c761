"""Territorial control: who held a place from when to when, derived from the merged events.

A place changes hands when a merged takeover, regain or transfer event names a new actor1
there. Events at a site of the place ("the citadel of Palmyra") do not change who holds the
place itself; they are kept as evidence of the period of the controller that goes on to
take the whole place. The side that lost a place (actor2 of the first change) held it
before, from an unknown date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tadmur.store import Store

TERRITORY_TYPES = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
)


@dataclass(slots=True)
class Period:
    controller: str
    start: date | None
    end: date | None
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "controller": self.controller,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "event_ids": list(self.event_ids),
        }


def places_named(store: Store, name: str, geonameids: list[int]) -> list[int]:
    """The stored places a name refers to: gazetteer candidates, or the stored name."""
    stored = {
        int(r[0])
        for r in store.db.execute(
            "SELECT DISTINCT geonameid FROM merged_events WHERE geonameid IS NOT NULL "
            "AND (lower(location_name) = lower(?) OR list_contains(?, geonameid))",
            [name, geonameids],
        ).fetchall()
    }
    return sorted(stored)


def timeline(store: Store, geonameid: int) -> list[Period]:
    """The control periods of one place, in time order (`end` None while it holds)."""
    rows = store.db.execute(
        "SELECT id, date, actor1, actor2, site FROM merged_events "
        "WHERE geonameid = ? AND list_contains(?, sub_event_type) AND actor1 IS NOT NULL "
        "AND date IS NOT NULL ORDER BY date, id",
        [geonameid, list(TERRITORY_TYPES)],
    ).fetchall()
    periods: list[Period] = []
    pending_sites: dict[str, list[str]] = {}
    for event_id, day, actor1, actor2, site in rows:
        if site:
            pending_sites.setdefault(actor1, []).append(event_id)
            continue
        current = periods[-1] if periods else None
        if current is not None and current.controller == actor1:
            current.event_ids.append(event_id)
            continue
        if current is None and actor2 is not None and actor2 != actor1:
            periods.append(Period(actor2, None, day, []))
        elif current is not None:
            current.end = day
        periods.append(Period(actor1, day, None, [*pending_sites.pop(actor1, []), event_id]))
    return periods
