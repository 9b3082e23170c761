"""SPEC §4 scoring: place, date and type matching, one-to-one, optional gold events."""

from __future__ import annotations

from typing import Any

from tadmur.evaluate import Report, date_matches, place_matches, score_document
from tadmur.model import Document, Event, Extraction, Location, Span

PALMYRA = {"name": "Palmyra", "geonameid": 163808, "country_code": "SY",
           "latitude": 34.5624, "longitude": 38.28402, "geo_precision": 1}  # fmt: skip


def _event(
    sub: str = "Armed clash",
    day: str | None = "2016-03-25",
    *,
    gid: int | None = 163808,
    lat: float = 34.5624,
    lon: float = 38.28402,
    actor1: str | None = None,
) -> Event:
    return Event(
        id=f"{sub}{day}{gid}{lat}",
        event_type="Battles",
        sub_event_type=sub,
        date=day,
        date_end=day,
        time_precision=1,
        actor1=actor1,
        actor2=None,
        location=Location("X", gid, "SY", None, lat, lon, 1),
        evidence=(Span(0, 1, "x"),),
    )


def _gold(sub: str = "Armed clash", day: str | None = "2016-03-24", window: int = 0,
          **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {"sub_event_type": sub, "date": day, "date_window_days": window,
            "location": PALMYRA, **extra}  # fmt: skip


def test_place_by_id_or_within_25_km() -> None:
    assert place_matches(_event(), _gold())
    assert place_matches(_event(gid=1, lat=34.70, lon=38.28), _gold())  # about 15 km north
    assert not place_matches(_event(gid=1, lat=34.90, lon=38.28), _gold())  # about 37 km


def test_date_window_is_widened_by_a_day() -> None:
    assert date_matches(_event(day="2016-03-23"), _gold(window=3))
    assert date_matches(_event(day="2016-03-28"), _gold(window=3))
    assert not date_matches(_event(day="2016-03-29"), _gold(window=3))
    assert not date_matches(_event(day=None), _gold(window=3))


def test_null_gold_date_with_range() -> None:
    gold = _gold(day=None, date_range=["2015-05-01", "2016-03-27"])
    assert date_matches(_event(day=None), gold)
    assert date_matches(_event(day="2015-08-01"), gold)
    assert not date_matches(_event(day="2016-04-02"), gold)


def _doc() -> Document:
    return Document(id="d", path="p", title="T", text="x", published="2016-03-27")


def test_one_to_one_and_optional_events() -> None:
    gold = {
        "document": {"title": "T", "published": "2016-03-27", "outlet": None},
        "events": [
            _gold(actor1="Islamic State"),
            _gold(sub="Other", required=False),
        ],
        "actor_aliases": {"Islamic State": ["IS"]},
    }
    preds = (
        _event(actor1="Islamic State"),
        _event(day="2016-03-24"),  # a second report of the same gold event: a false positive
        _event(sub="Other"),  # matches an optional gold event: neither right nor wrong
    )
    report = Report()
    score_document(Extraction(_doc(), preds), gold, report)
    assert (report.true_positives, report.false_positives, report.false_negatives) == (1, 1, 0)
    assert report.metadata.rate == 1.0
    assert report.precision == 0.5 and report.recall == 1.0


def test_type_must_match() -> None:
    report = Report()
    gold = {"events": [_gold()], "document": {}}
    score_document(Extraction(_doc(), (_event(sub="Air/drone strike"),)), gold, report)
    assert (report.true_positives, report.false_positives, report.false_negatives) == (0, 1, 1)
    assert report.sub_event_type.rate == 0.0
