"""Typed data passed between pipeline stages and printed by `tadmur extract`.

Every class serializes through `to_dict()`, whose key order is fixed by the code
(the order of SPEC §2), so the same input always prints byte-identical JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

JSONValue = Any


@dataclass(frozen=True, slots=True)
class Caption:
    """An image caption; its text stays in the document text, its credit does not."""

    text: str
    credit: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {"text": self.text, "credit": self.credit}


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into `Document.text` (end exclusive)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, JSONValue]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: metadata plus the text that every offset refers to."""

    id: str
    path: str
    title: str
    text: str
    subtitle: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    read_time_min: int | None = None
    language: str | None = "en"
    captions: tuple[Caption, ...] = ()
    dateline: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "subtitle": self.subtitle,
            "published": self.published,
            "outlet": self.outlet,
            "byline": self.byline,
            "read_time_min": self.read_time_min,
            "language": self.language,
            "dateline": self.dateline,
            "captions": [c.to_dict() for c in self.captions],
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved (or, with geonameid None, unresolved) place."""

    name: str
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    site: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "site": self.site,
        }


@dataclass(frozen=True, slots=True)
class Displaced:
    count: int
    unit: str  # "families" | "people"

    def to_dict(self) -> dict[str, JSONValue]:
        return {"count": self.count, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED-style event, every field traceable to `evidence`."""

    id: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_end: str | None
    time_precision: int
    actor1: str | None
    actor2: str | None
    location: Location | None
    evidence: tuple[Span, ...]
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    fatalities: int | None = None
    displaced: Displaced | None = None
    sources: tuple[str, ...] = ()
    confidence: float = 0.5

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities,
            "displaced": self.displaced.to_dict() if self.displaced else None,
            "sources": list(self.sources),
            "evidence": [s.to_dict() for s in self.evidence],
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What `tadmur extract` prints for one document."""

    document: Document
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "document": self.document.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return dumps(self.to_dict(), indent=indent)


def dumps(value: JSONValue, *, indent: int | None = None) -> str:
    """The one JSON encoder of the project: UTF-8 text, no NaN, insertion-ordered keys."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(
        value, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )


def extract_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one `tadmur extract` output object, i.e. of
    `Extraction.to_dict()`; a fresh copy on each call."""
    text = resources.files("tadmur").joinpath("data/extract.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def feature_collection(events: list[dict[str, JSONValue]]) -> dict[str, JSONValue]:
    """GeoJSON of event dicts (SPEC §2 or §2b): a point per located event, the event as
    its properties; events without coordinates are left out."""
    features = []
    for event in events:
        loc = event.get("location")
        if not loc or loc.get("latitude") is None or loc.get("longitude") is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": event["id"],
                "geometry": {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]},
                "properties": event,
            }
        )
    return {"type": "FeatureCollection", "features": features}
