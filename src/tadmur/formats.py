"""Flat forms of extracted events for `tadmur extract --format csv|geojson`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from tadmur.model import Extraction, feature_collection

CSV_COLUMNS = (
    "document_id", "path", "published", "outlet", "event_id", "event_type", "sub_event_type",
    "date", "date_end", "time_precision", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "location", "geonameid", "country_code", "admin1", "latitude", "longitude", "geo_precision",
    "fatalities", "displaced_count", "displaced_unit", "sources", "confidence", "evidence",
)  # fmt: skip


def _row(extraction: Extraction) -> Iterable[dict[str, Any]]:
    doc = extraction.document
    for event in extraction.events:
        loc = event.location
        yield {
            "document_id": doc.id,
            "path": doc.path,
            "published": doc.published,
            "outlet": doc.outlet,
            "event_id": event.id,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "date": event.date,
            "date_end": event.date_end,
            "time_precision": event.time_precision,
            "actor1": event.actor1,
            "assoc_actor_1": event.assoc_actor_1,
            "actor2": event.actor2,
            "assoc_actor_2": event.assoc_actor_2,
            "location": loc.name if loc else None,
            "geonameid": loc.geonameid if loc else None,
            "country_code": loc.country_code if loc else None,
            "admin1": loc.admin1 if loc else None,
            "latitude": loc.latitude if loc else None,
            "longitude": loc.longitude if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "fatalities": event.fatalities,
            "displaced_count": event.displaced.count if event.displaced else None,
            "displaced_unit": event.displaced.unit if event.displaced else None,
            "sources": "; ".join(event.sources),
            "confidence": round(event.confidence, 3),
            "evidence": " | ".join(span.text for span in event.evidence),
        }


def events_csv(extractions: Iterable[Extraction]) -> str:
    """One row per event, with its document's metadata."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for extraction in extractions:
        for row in _row(extraction):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def events_geojson(extractions: Iterable[Extraction]) -> dict[str, Any]:
    """A FeatureCollection of the located events; properties are the event's fields."""
    return feature_collection(
        [
            event.to_dict() | {"document_id": extraction.document.id}
            for extraction in extractions
            for event in extraction.events
        ]
    )
