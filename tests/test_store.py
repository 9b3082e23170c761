"""The store: idempotent ingest, cross-article merge, control timelines, exports, crash safety."""

from __future__ import annotations

import csv
import io
import json
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tadmur.benchcorpus import write_corpus
from tadmur.control import timeline
from tadmur.merge import StoredReport, merge_reports
from tadmur.model import Document, Event, Extraction, Location, Span
from tadmur.pipeline import Pipeline, ingest, read_inputs
from tadmur.query import ACLED_COLUMNS, Filters, acled_csv, geojson, merged_events
from tadmur.store import (
    SCHEMA_VERSION,
    TABLE_SCHEMAS,
    IngestCounts,
    Store,
    extraction_tables,
)

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
    # the government held the town until the rebels' takeover named it as the loser
    assert [p["controller"] for p in periods] == [
        "Military Forces of Syria (2000-)",  # ACLED's name for the event's government
        "Hayat Tahrir al-Sham",
        "Military Forces of Syria (2000-)",
    ]
    assert periods[0]["from"] is None and periods[0]["to"] == "2019-05-05"
    assert periods[1]["from"] == "2019-05-05"
    assert periods[1]["to"] == periods[2]["from"] == "2019-08-21"
    assert periods[2]["to"] is None


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


def _add_row_by_row(store: Store, batch: list[Extraction]) -> IngestCounts:
    """The store's former insert, a statement per row: the reference for `Store.add`."""
    known = store.known(e.document.id for e in batch)
    fresh: dict[str, Extraction] = {}
    for extraction in batch:
        if extraction.document.id not in known:
            fresh.setdefault(extraction.document.id, extraction)
    db = store.db
    with store.transaction():
        for extraction in fresh.values():
            doc = extraction.document
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.id, doc.path, doc.title, doc.subtitle, doc.published, doc.outlet,
                    doc.byline, doc.read_time_min, doc.language, doc.dateline,
                    json.dumps([c.to_dict() for c in doc.captions], ensure_ascii=False),
                    doc.text, json.dumps(list(extraction.warnings), ensure_ascii=False),
                ],
            )  # fmt: skip
            for ev in extraction.events:
                loc = ev.location
                db.execute(
                    f"INSERT INTO events VALUES ({', '.join('?' * 23)})",
                    [
                        ev.id, doc.id, ev.event_type, ev.sub_event_type, ev.date, ev.date_end,
                        ev.time_precision, ev.actor1, ev.assoc_actor_1, ev.actor2,
                        ev.assoc_actor_2, loc and loc.name, loc and loc.geonameid,
                        loc and loc.country_code, loc and loc.admin1, loc and loc.latitude,
                        loc and loc.longitude, loc and loc.geo_precision, loc and loc.site,
                        ev.fatalities, ev.displaced and ev.displaced.count,
                        ev.displaced and ev.displaced.unit, ev.confidence,
                    ],
                )  # fmt: skip
                for span in ev.evidence:
                    db.execute(
                        "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                        [ev.id, doc.id, span.start, span.end, span.text],
                    )
                for source in ev.sources:
                    db.execute("INSERT INTO event_sources VALUES (?, ?)", [ev.id, source])
                if loc is not None and loc.geonameid is not None:
                    db.execute(
                        "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        [loc.geonameid, loc.name, loc.country_code, loc.admin1, loc.latitude,
                         loc.longitude],
                    )  # fmt: skip
    store.refresh_merged()  # the merge whole, where `Store.add` folds each batch in
    events = sum(len(x.events) for x in fresh.values())
    return IngestCounts(len(fresh), len(batch) - len(fresh), events)


def _column_types(store: Store) -> list[tuple[object, ...]]:
    return store.db.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "ORDER BY table_name, ordinal_position"
    ).fetchall()


def _batches(batch: list[Extraction]) -> list[list[Extraction]]:
    """Two batches: the first with a document repeated (from another path), the second
    with a document of the first and a new one."""
    again = replace(batch[0], document=replace(batch[0].document, path="elsewhere"))
    return [[*batch[:-1], again], [batch[0], batch[-1], again]]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extractions())
def test_bulk_insert_equals_the_row_by_row_insert(
    tmp_path_factory: pytest.TempPathFactory, batch: list[Extraction]
) -> None:
    folder = tmp_path_factory.mktemp("bulk")
    with Store(folder / "rows.duckdb") as rows, Store(folder / "bulk.duckdb") as bulk:
        for part in _batches(batch):
            assert bulk.add(part) == _add_row_by_row(rows, part)
        assert bulk.fingerprint() == rows.fingerprint()
        assert _column_types(bulk) == _column_types(rows)


def _parquet_round_trip(tables: dict[str, pa.Table], folder: Path) -> dict[str, pa.Table]:
    folder.mkdir()
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet")
    return {name: pq.read_table(folder / f"{name}.parquet") for name in tables}


def test_tables_from_parquet_make_the_same_store(tmp_path: Path, pipeline: Pipeline) -> None:
    paths = [str(MERGE), *map(str, sorted((FIXTURES / "events").glob("*.txt"))[:8])]
    batch = [x for x in pipeline.extract_many(read_inputs(paths)) if isinstance(x, Extraction)]
    assert sum(len(x.events) for x in batch) > 10
    tables = extraction_tables(batch)
    assert {name: t.schema for name, t in tables.items()} == TABLE_SCHEMAS
    with Store(tmp_path / "direct.duckdb") as direct, Store(tmp_path / "pq.duckdb") as shards:
        for i, part in enumerate(_batches(batch)):
            read_back = _parquet_round_trip(extraction_tables(part), tmp_path / f"shard{i}")
            assert shards.add_tables(read_back) == direct.add(part)
        merged = direct.refresh_merged()
        assert shards.refresh_merged() == merged > 0
        assert direct.counts()["documents"] == len(batch)
        assert shards.fingerprint() == direct.fingerprint()
        assert _column_types(shards) == _column_types(direct)


def test_tables_of_other_widths_are_conformed_and_incomplete_ones_refused(
    tmp_path: Path,
) -> None:
    document = Document(id="d1", path="p", title="T", text="T.", published="2019-01-02")
    tables = extraction_tables([Extraction(document)])
    wide = {name: t.cast(_widened(t.schema)) for name, t in tables.items()}
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_tables(wide) == IngestCounts(1, 0, 0)
        row = store.db.execute("SELECT published FROM documents").fetchone()
        assert row == (date(2019, 1, 2),)
        with pytest.raises(ValueError, match="lacks the columns text"):
            store.add_tables({"documents": tables["documents"].drop_columns(["text"])})


def _widened(schema: pa.Schema) -> pa.Schema:
    wider = {pa.string(): pa.large_string(), pa.int32(): pa.int64()}
    return pa.schema([(f.name, wider.get(f.type, f.type)) for f in schema])


def _clash(i: int) -> Extraction:
    text = f"Clashes in Palmyra, report {i}."
    document = Document(id=f"clash{i}", path=f"c{i}", title=text, text=text)
    event = Event(
        id=f"clash{i}e", event_type="Battles", sub_event_type="Armed clash",
        date="2019-01-0" + str(i), date_end="2019-01-0" + str(i), time_precision=1,
        actor1="A", actor2=None, location=Location("Palmyra", 163808, "SY", None, 34.56, 38.28, 1),
        evidence=(Span(0, 8, "Clashes "),),
    )  # fmt: skip
    return Extraction(document, (event,))


def _variants(tmp_path: Path, n: int) -> Path:
    """n distinct news-length articles, from the benchmark's synthetic corpus."""
    folder = tmp_path / "corpus"
    write_corpus(folder, n, seed=8)
    return folder


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable, "-m", "tadmur.cli", "ingest", str(corpus), "--db", str(db),
        "--batch-size", "4",
    ]  # fmt: skip


def _documents_and_events(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(db, read_only=True) as store:
        duplicated = store.db.execute(
            "SELECT count(*) - count(DISTINCT id) FROM documents UNION ALL "
            "SELECT count(*) - count(DISTINCT id) FROM events"
        ).fetchall()
        assert duplicated == [(0,), (0,)]
        rows = store.db.execute(
            "SELECT d.id, e.id, (SELECT count(*) FROM evidence v WHERE v.event_id = e.id) "
            "FROM documents d LEFT JOIN events e ON e.document_id = d.id ORDER BY ALL"
        ).fetchall()
    by_document: dict[str, list[tuple[object, ...]]] = {}
    for document_id, *event in rows:
        by_document.setdefault(document_id, []).append(tuple(event))
    return by_document


@pytest.mark.slow
def test_ingest_killed_at_random_points_completes_to_the_same_store(tmp_path: Path) -> None:
    """SIGKILL at five points of an ingest of 120 articles (after a random number of
    progress lines, then a random delay, so some land in a transaction or a checkpoint),
    re-running each time: every killed state holds whole documents, and the store
    finally equals that of an uninterrupted ingest."""
    total = 120
    corpus = _variants(tmp_path, total)
    reference, killed = tmp_path / "ref.duckdb", tmp_path / "killed.duckdb"
    uninterrupted = subprocess.Popen(
        [*_ingest_command(corpus, reference), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    rng = random.Random(20260325)
    lines = total // 10  # a progress line every 10 inputs
    plan = [(n, rng.uniform(0, 0.4)) for n in sorted(rng.sample(range(1, lines - 2), 5))]
    states = []
    for progress_lines, delay in plan:
        proc = subprocess.Popen(
            _ingest_command(corpus, killed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        assert proc.stderr is not None
        seen = 0
        while seen < progress_lines:
            line = proc.stderr.readline()
            assert line, "the ingest ended before its kill point"
            seen += line.startswith(b"ingest: ")
        time.sleep(delay)
        assert proc.poll() is None, "the ingest ended before its kill point"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
        states.append(_documents_and_events(killed))
    finished = subprocess.run(
        [*_ingest_command(corpus, killed), "--quiet"], capture_output=True, check=False
    )
    assert finished.returncode == 0, finished.stderr.decode()
    assert uninterrupted.wait() == 0
    complete = _documents_and_events(reference)
    assert len(complete) == total
    sizes = [len(state) for state in states]
    assert sizes == sorted(sizes) and 0 < sizes[-1] < total, sizes
    for state in states:  # whole documents: each with all its events and their evidence
        assert {d: complete[d] for d in state} == state
    with Store(reference, read_only=True) as a, Store(killed, read_only=True) as b:
        assert a.fingerprint() == b.fingerprint()
        assert a.counts() == b.counts()


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
