"""The store: idempotent ingest, cross-article merge, control timelines, exports, crash safety."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tadmur.control import timeline
from tadmur.merge import StoredReport, merge_reports
from tadmur.model import Document, Event, Extraction, Location, Span
from tadmur.pipeline import Pipeline, ingest
from tadmur.query import ACLED_COLUMNS, Filters, acled_csv, geojson, merged_events
from tadmur.store import SCHEMA_VERSION, Store

from .conftest import FIXTURES

MERGE = FIXTURES / "merge"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def merged_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Store:
    path = tmp_path_factory.mktemp("store") / "t.duckdb"
    store = Store(path)
    report = ingest(store, [str(MERGE)], pipeline)
    assert report.failures == ()
    return store


def test_schema_is_versioned(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.version() == SCHEMA_VERSION
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.version() == SCHEMA_VERSION


def test_reingest_adds_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(store, [str(MERGE)], pipeline)
        before = store.fingerprint()
        again = ingest(store, [str(MERGE)], pipeline)
        assert (first.documents, again.documents, again.skipped) == (4, 0, 4)
        assert store.fingerprint() == before


def test_reports_of_one_event_merge_and_keep_conflicting_figures(merged_store: Store) -> None:
    regains = merged_events(merged_store, Filters(type="Government regains territory"))
    by_place = {e["location"]["geonameid"]: e for e in regains}
    kafr_nabl = by_place[168661]
    assert kafr_nabl["reports"] == 2
    assert len(kafr_nabl["document_ids"]) == 2
    assert {"AFP", "Reuters"} <= set(kafr_nabl["sources"])
    assert {s["document_id"] for s in kafr_nabl["evidence"]} == set(kafr_nabl["document_ids"])
    assert kafr_nabl["date"] == "2019-08-21"
    other = [e for gid, e in by_place.items() if gid != 168661]
    assert other and all(e["reports"] == 1 for e in other)


def test_control_timeline(merged_store: Store) -> None:
    periods = [p.to_dict() for p in timeline(merged_store, 168661)]
    assert [p["controller"] for p in periods] == [
        "Hayat Tahrir al-Sham",
        "Military Forces of Syria",
    ]
    assert periods[0]["from"] == "2019-05-05"
    assert periods[0]["to"] == periods[1]["from"] == "2019-08-21"
    assert periods[1]["to"] is None


def test_filters(merged_store: Store) -> None:
    everything = merged_events(merged_store)
    assert merged_events(merged_store, Filters(country="SY")) == everything
    assert merged_events(merged_store, Filters(country="LY")) == []
    near = merged_events(merged_store, Filters(near=(35.61, 36.56, 5)))
    assert near and all(e["location"]["geonameid"] == 168661 for e in near)
    assert merged_events(merged_store, Filters(since=date(2019, 8, 1))) != everything
    injected = Filters(actor="x' OR 1=1 --", place="'; DROP TABLE events; --")
    assert merged_events(merged_store, injected) == []
    assert merged_events(merged_store) == everything


def test_acled_csv_header_and_types(merged_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(acled_csv(merged_store))))
    assert rows
    assert tuple(rows[0]) == ACLED_COLUMNS
    for row in rows:
        date.fromisoformat(row["event_date"])
        assert row["year"] == row["event_date"][:4]
        assert int(row["time_precision"]) in {1, 2, 3}
        float(row["latitude"])
        float(row["longitude"])
        int(row["fatalities"])
        assert row["iso"] == "760" and row["country"] == "Syria"


def test_geojson_round_trip(merged_store: Store) -> None:
    collection = json.loads(json.dumps(geojson(merged_store)))
    assert collection["type"] == "FeatureCollection"
    ids = {f["id"] for f in collection["features"]}
    assert ids == {e["id"] for e in merged_events(merged_store) if e["location"]}


def _report(i: int, **changes: object) -> StoredReport:
    base: dict[str, object] = {
        "id": f"r{i}", "document_id": f"d{i}", "event_type": "Battles",
        "sub_event_type": "Armed clash", "date": date(2019, 8, 20), "date_end": date(2019, 8, 20),
        "time_precision": 1, "actor1": "A", "assoc_actor_1": None, "actor2": "B",
        "assoc_actor_2": None, "location_name": "X", "geonameid": 1, "country_code": "SY",
        "admin1": None, "latitude": 35.0, "longitude": 36.0, "geo_precision": 1, "site": None,
        "fatalities": None, "displaced_count": None, "displaced_unit": None, "confidence": 0.5,
    }  # fmt: skip
    base.update(changes)
    return StoredReport(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "merges"),
    [
        ({}, True),
        ({"actor1": "B", "actor2": "A"}, True),  # a clash told from the other side
        ({"date": date(2019, 8, 21), "date_end": date(2019, 8, 21)}, True),  # a day apart
        ({"date": date(2019, 8, 1), "date_end": date(2019, 8, 31), "time_precision": 3}, True),
        ({"geonameid": 2, "latitude": 35.05}, True),  # about 6 km away
        ({"geonameid": 2, "latitude": 35.5}, False),  # about 55 km away
        ({"date": date(2019, 8, 25), "date_end": date(2019, 8, 25)}, False),
        ({"sub_event_type": "Air/drone strike"}, False),
        ({"actor1": "C"}, False),
        ({"document_id": "d0"}, False),  # one article's events were merged when extracted
    ],
)
def test_merge_rule(other: dict[str, object], merges: bool) -> None:
    result = merge_reports([_report(0), _report(1, **other)])
    assert (len(result) == 1) is merges


def test_merged_fatalities_are_not_averaged() -> None:
    (event,) = merge_reports(
        [_report(0, fatalities=12, sources=("SOHR",)), _report(1, fatalities=20, sources=("SANA",))]
    )
    assert (event.fatalities, event.fatalities_max) == (12, 20)
    assert event.conflicts == {
        "fatalities": [{"value": 12, "sources": ["SOHR"]}, {"value": 20, "sources": ["SANA"]}]
    }


place_ids = st.sampled_from([(163808, 34.5624, 38.28402), (170794, 35.33588, 40.14084)])
types = st.sampled_from(["Armed clash", "Air/drone strike", "Displacement"])


@st.composite
def extractions(draw: st.DrawFn) -> list[Extraction]:
    docs = []
    for d in range(draw(st.integers(min_value=1, max_value=4))):
        text = f"Report {d}. " + "x" * draw(st.integers(min_value=5, max_value=40))
        document = Document(id=f"doc{d:02d}", path=f"p{d}", title=f"Report {d}", text=text)
        events = []
        for e in range(draw(st.integers(min_value=0, max_value=3))):
            gid, lat, lon = draw(place_ids)
            day = draw(st.dates(min_value=date(2019, 1, 1), max_value=date(2019, 1, 10)))
            start = draw(st.integers(min_value=0, max_value=len(text) - 1))
            events.append(
                Event(
                    id=f"ev{d}{e}",
                    event_type="Battles",
                    sub_event_type=draw(types),
                    date=day.isoformat(),
                    date_end=day.isoformat(),
                    time_precision=1,
                    actor1=draw(st.sampled_from([None, "A", "B"])),
                    actor2=None,
                    location=Location("P", gid, "SY", None, lat, lon, 1),
                    evidence=(Span(start, len(text), text[start:]),),
                    fatalities=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=50))),
                    sources=tuple(draw(st.lists(st.sampled_from(["AFP", "SANA"]), unique=True))),
                )
            )
        docs.append(Extraction(document, tuple(events)))
    return docs


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extractions())
def test_round_trip(tmp_path_factory: pytest.TempPathFactory, batch: list[Extraction]) -> None:
    with Store(tmp_path_factory.mktemp("rt") / "s.duckdb") as store:
        store.add(batch)
        store.refresh_merged()
        events = merged_events(store)
        stored_reports = sum(e["reports"] for e in events)
        assert stored_reports <= sum(len(x.events) for x in batch)
        members = store.db.execute("SELECT count(*) FROM merged_members").fetchone()
        assert members is not None and members[0] == sum(len(x.events) for x in batch)
        texts = {x.document.id: x.document.text for x in batch}
        for event in events:
            for span in event["evidence"]:
                assert texts[span["document_id"]][span["start"] : span["end"]] == span["text"]
            figures = [f for f in [event["fatalities"]] if f is not None]
            assert all(f >= 0 for f in figures)


def _corpus(tmp_path: Path, n: int) -> Path:
    """n distinct small articles (own words) in a folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    towns = ["Kafr Nabl", "Saraqib", "Ariha", "Jisr al-Shughur", "Khan Shaykhun", "Maarat al-Numan"]
    for i in range(n):
        town = towns[i % len(towns)]
        (folder / f"{i:03d}.txt").write_text(
            f"Shelling hits {town}\n\n{i + 1} March, 2019\n\nRegime forces shelled {town} in "
            f"Idlib province on Tuesday, killing {i % 7 + 1} civilians, the Syrian Observatory "
            f"for Human Rights said. Report number {i}.\n",
            "utf-8",
        )
    return folder


@pytest.mark.slow
def test_killed_ingest_completes_to_the_same_store(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 24)
    reference = tmp_path / "ref.duckdb"
    command = [sys.executable, "-m", "tadmur.cli", "ingest", str(corpus), "--batch-size", "2"]
    subprocess.run([*command, "--db", str(reference), "--quiet"], check=True, capture_output=True)
    killed = tmp_path / "killed.duckdb"
    for kill_after in (1, 2):
        proc = subprocess.Popen(
            [*command, "--db", str(killed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        assert proc.stderr is not None
        lines = 0
        deadline = time.monotonic() + 120
        while lines < kill_after and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break  # finished before the kill point: the re-run below finds it complete
            if line.startswith(b"ingest:"):
                lines += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    subprocess.run([*command, "--db", str(killed), "--quiet"], check=True, capture_output=True)
    with Store(reference, read_only=True) as a, Store(killed, read_only=True) as b:
        assert a.fingerprint() == b.fingerprint()
        assert a.counts()["documents"] == 24


def test_parquet_loads_in_pandas_and_polars(merged_store: Store, tmp_path: Path) -> None:
    import pandas
    import polars

    from tadmur.query import export_parquet

    out = tmp_path / "events.parquet"
    export_parquet(merged_store, out)
    expected = {e["id"] for e in merged_events(merged_store)}
    assert set(pandas.read_parquet(out)["id"]) == expected
    frame = polars.read_parquet(out)
    assert set(frame["id"].to_list()) == expected
    assert {"sub_event_type", "latitude", "reports"} <= set(frame.columns)
