"""The store: extractions in DuckDB, with a versioned schema.

Each ingest batch is one transaction, so an interrupted ingest leaves whole documents or
none; documents are keyed by the hash of their text, so re-ingesting adds nothing. The
merged (cross-article) events are derived data, brought up to date in the same transaction
as each batch (`merge.fold_in`), so they always agree with the stored reports;
`refresh_merged` recomputes them whole for a store in doubt.

Batches go in as Arrow tables (`extraction_tables`, one per store table, then
`Store.add_tables`: one `INSERT ... SELECT` per table), the form the Dask engine writes
as Parquet shards on its workers and loads on the driver.

DuckDB lets one process open a file for writing, and only when no other process has it
open at all. A `Store` made with `hold=False` therefore opens the file only for the length
of each operation (`session()`): an ingest holds it for one batch's transaction at a time,
the API for one request, so ingests, servers and queries on the same file take turns.
Opening retries with backoff while another process holds the file, for `wait` seconds
(`TADMUR_STORE_WAIT`, default 30), then fails with `StoreBusyError`.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from tadmur.merge import MergedEvent, StoredReport, fold_in, merge_reports, redirects_between
from tadmur.model import Extraction

DEFAULT_DB = "tadmur.duckdb"

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        id VARCHAR PRIMARY KEY, path VARCHAR, title VARCHAR, subtitle VARCHAR,
        published DATE, outlet VARCHAR, byline VARCHAR, read_time_min INTEGER,
        language VARCHAR, dateline VARCHAR, captions VARCHAR, text VARCHAR, warnings VARCHAR
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, event_type VARCHAR,
        sub_event_type VARCHAR, date DATE, date_end DATE, time_precision INTEGER,
        actor1 VARCHAR, assoc_actor_1 VARCHAR, actor2 VARCHAR, assoc_actor_2 VARCHAR,
        location_name VARCHAR, geonameid BIGINT, country_code VARCHAR, admin1 VARCHAR,
        latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER, site VARCHAR,
        fatalities INTEGER, displaced_count INTEGER, displaced_unit VARCHAR,
        confidence DOUBLE
    );
    CREATE TABLE evidence (
        event_id VARCHAR NOT NULL, document_id VARCHAR NOT NULL, start_char INTEGER,
        end_char INTEGER, text VARCHAR
    );
    CREATE TABLE event_sources (event_id VARCHAR NOT NULL, source VARCHAR NOT NULL);
    CREATE TABLE places (
        geonameid BIGINT PRIMARY KEY, name VARCHAR, country_code VARCHAR, admin1 VARCHAR,
        latitude DOUBLE, longitude DOUBLE
    );
    CREATE TABLE merged_events (
        id VARCHAR PRIMARY KEY, event_type VARCHAR, sub_event_type VARCHAR, date DATE,
        date_end DATE, time_precision INTEGER, actor1 VARCHAR, assoc_actor_1 VARCHAR,
        actor2 VARCHAR, assoc_actor_2 VARCHAR, location_name VARCHAR, geonameid BIGINT,
        country_code VARCHAR, admin1 VARCHAR, latitude DOUBLE, longitude DOUBLE,
        geo_precision INTEGER, site VARCHAR, fatalities INTEGER, fatalities_max INTEGER,
        displaced_count INTEGER, displaced_unit VARCHAR, confidence DOUBLE, reports INTEGER,
        sources VARCHAR, conflicts VARCHAR
    );
    CREATE TABLE merged_members (merged_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL);
    """,
    # 2: a merged event takes the id of its earliest report, so that ids stay put as
    # reports join; merged-away ids say where they went.
    """
    CREATE TABLE merged_redirects (old_id VARCHAR PRIMARY KEY, new_id VARCHAR NOT NULL);
    """,
)
"""Schema migrations, applied in order; `schema_version` records how many have run."""

SCHEMA_VERSION = len(MIGRATIONS)

_TEXT, _DAY, _INT, _BIG, _REAL = pa.string(), pa.date32(), pa.int32(), pa.int64(), pa.float64()

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("id", _TEXT), ("path", _TEXT), ("title", _TEXT), ("subtitle", _TEXT),
            ("published", _DAY), ("outlet", _TEXT), ("byline", _TEXT),
            ("read_time_min", _INT), ("language", _TEXT), ("dateline", _TEXT),
            ("captions", _TEXT), ("text", _TEXT), ("warnings", _TEXT),
        ]
    ),
    "events": pa.schema(
        [
            ("id", _TEXT), ("document_id", _TEXT), ("event_type", _TEXT),
            ("sub_event_type", _TEXT), ("date", _DAY), ("date_end", _DAY),
            ("time_precision", _INT), ("actor1", _TEXT), ("assoc_actor_1", _TEXT),
            ("actor2", _TEXT), ("assoc_actor_2", _TEXT), ("location_name", _TEXT),
            ("geonameid", _BIG), ("country_code", _TEXT), ("admin1", _TEXT),
            ("latitude", _REAL), ("longitude", _REAL), ("geo_precision", _INT),
            ("site", _TEXT), ("fatalities", _INT), ("displaced_count", _INT),
            ("displaced_unit", _TEXT), ("confidence", _REAL),
        ]
    ),
    "evidence": pa.schema(
        [
            ("event_id", _TEXT), ("document_id", _TEXT), ("start_char", _INT),
            ("end_char", _INT), ("text", _TEXT),
        ]
    ),
    "event_sources": pa.schema([("event_id", _TEXT), ("source", _TEXT)]),
    "places": pa.schema(
        [
            ("geonameid", _BIG), ("name", _TEXT), ("country_code", _TEXT), ("admin1", _TEXT),
            ("latitude", _REAL), ("longitude", _REAL),
        ]
    ),
}  # fmt: skip
"""The Arrow form of the tables an ingest batch fills, column for column as in DuckDB."""

_MERGED_SCHEMAS: dict[str, pa.Schema] = {
    "merged_events": pa.schema(
        [
            ("id", _TEXT), ("event_type", _TEXT), ("sub_event_type", _TEXT), ("date", _DAY),
            ("date_end", _DAY), ("time_precision", _INT), ("actor1", _TEXT),
            ("assoc_actor_1", _TEXT), ("actor2", _TEXT), ("assoc_actor_2", _TEXT),
            ("location_name", _TEXT), ("geonameid", _BIG), ("country_code", _TEXT),
            ("admin1", _TEXT), ("latitude", _REAL), ("longitude", _REAL),
            ("geo_precision", _INT), ("site", _TEXT), ("fatalities", _INT),
            ("fatalities_max", _INT), ("displaced_count", _INT), ("displaced_unit", _TEXT),
            ("confidence", _REAL), ("reports", _INT), ("sources", _TEXT), ("conflicts", _TEXT),
        ]
    ),
    "merged_members": pa.schema([("merged_id", _TEXT), ("event_id", _TEXT)]),
}  # fmt: skip

WAIT_SECONDS = 30.0
"""How long opening the store waits for another process to let go of it, by default."""


class StoreError(Exception):
    """The store cannot be opened or used (locked by another process, newer schema, ...)."""


class StoreBusyError(StoreError):
    """Another process kept the store open for longer than this one would wait."""


class StoreSettingError(StoreError):
    """A setting of the store's (an environment variable) has a value it cannot use."""


class StoreSchemaError(StoreError):
    """The file's schema is not this tadmur's: older (opening it for writing migrates it)
    or newer (a newer tadmur wrote it)."""

    def __init__(self, message: str, *, older: bool) -> None:
        super().__init__(message)
        self.older = older


class StoreDamagedError(StoreError):
    """The file cannot be read back as it was written: truncated, overwritten, not a store
    at all. Reading through damage would answer from wrong data, so it is an error."""


class StoreFullError(StoreError):
    """The file system has no room left for what was being written (the transaction that
    hit it was rolled back; everything committed before stays)."""


_DAMAGE = re.compile(
    r"Corrupt database|checksum|Could not read enough bytes|not a valid DuckDB database|"
    r"Serialization Error|file is not a DuckDB|block .* out of range|INTERNAL Error|"
    r"Failed to read database header|database file .* is truncated|Cannot read .* header",
    re.IGNORECASE,
)
_FULL = re.compile(r"No space left on device|Disk quota exceeded|not enough space", re.IGNORECASE)


def store_failure(exc: BaseException, path: str) -> StoreError | None:
    """What a DuckDB or file-system error says about the store at `path`, as one of the
    store errors with a sentence saying what to do; None for an error that is not the
    store's (a bug is reported as one, not blamed on the file)."""
    if isinstance(exc, StoreError):
        return exc
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    errno_full = isinstance(exc, OSError) and exc.errno in {28, 122}  # ENOSPC, EDQUOT
    if errno_full or _FULL.search(message):
        return StoreFullError(
            f"{path}: no space left on the device to write the store ({_short(message)}); "
            "free some space and run the same command again (what was committed is kept)"
        )
    if isinstance(exc, duckdb.Error) and _DAMAGE.search(message):
        return StoreDamagedError(
            f"{path}: the store is damaged ({_short(message)}); restore it from the last good "
            "copy, or move it aside and ingest the inputs again (`tadmur check --db "
            f"{path}` says what is wrong)"
        )
    return None


def _short(message: str, limit: int = 160) -> str:
    message = re.sub(r"^[A-Za-z ]+Error: ", "", message)
    return message if len(message) <= limit else message[: limit - 1] + "…"


STORE_TABLES = (
    "schema_version", "documents", "events", "evidence", "event_sources", "places",
    "merged_events", "merged_members", "merged_redirects",
)  # fmt: skip

_AGREEMENTS: tuple[tuple[str, str, str], ...] = (
    ("damage", "reports of no stored document",
     "SELECT count(*) FROM events e WHERE NOT EXISTS "
     "(SELECT 1 FROM documents d WHERE d.id = e.document_id)"),
    ("damage", "evidence spans of no stored report",
     "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM events e "
     "WHERE e.id = v.event_id AND e.document_id = v.document_id)"),
    ("damage", "sources of no stored report",
     "SELECT count(*) FROM event_sources s WHERE NOT EXISTS "
     "(SELECT 1 FROM events e WHERE e.id = s.event_id)"),
    ("damage", "merge members that are no stored report",
     "SELECT count(*) FROM merged_members m WHERE NOT EXISTS "
     "(SELECT 1 FROM events e WHERE e.id = m.event_id)"),
    ("damage", "merge members of no merged event",
     "SELECT count(*) FROM merged_members m WHERE NOT EXISTS "
     "(SELECT 1 FROM merged_events g WHERE g.id = m.merged_id)"),
    ("damage", "merged events without reports, or with a report count their members "
     "do not give",
     "SELECT count(*) FROM merged_events g WHERE g.reports <> (SELECT count(DISTINCT "
     "e.document_id) FROM merged_members m JOIN events e ON e.id = m.event_id "
     "WHERE m.merged_id = g.id) OR g.reports = 0"),
    ("merge", "redirects to no merged event",
     "SELECT count(*) FROM merged_redirects r WHERE NOT EXISTS "
     "(SELECT 1 FROM merged_events g WHERE g.id = r.new_id)"),
    ("merge", "reports in more than one merged event",
     "SELECT count(*) FROM (SELECT event_id FROM merged_members GROUP BY 1 "
     "HAVING count(*) > 1)"),
    ("merge", "reports in no merged event",
     "SELECT count(*) FROM events e WHERE NOT EXISTS "
     "(SELECT 1 FROM merged_members m WHERE m.event_id = e.id)"),
)  # fmt: skip
"""What must agree in a sound store: (kind, what a count of offenders means, the count).
"merge" problems are the derived merge lagging or wrong, and `refresh_merged` mends them;
"damage" ones are lost or altered stored data."""


_MEMBERS_OF_EVENTS_NEAR_NEW = """
    e.id IN (SELECT m.event_id FROM merged_members m WHERE m.merged_id IN (
        SELECT g.merged_id FROM merged_members g
        JOIN events x ON x.id = g.event_id
        JOIN events n ON n.id IN (SELECT id FROM _tadmur_new_events)
        WHERE x.sub_event_type = n.sub_event_type
          AND (x.date IS NULL OR n.date IS NULL
               OR (x.date - 1 <= coalesce(n.date_end, n.date)
                   AND n.date - 1 <= coalesce(x.date_end, x.date)))))
"""
"""Every report of the stored merged events that a new report could join: one of their
reports has its sub-event type and a date within a day of the new report's (or either is
undated), as `merge.same_event` requires; whole events, since a joined event is rebuilt
from all its reports."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing `Store.check` found wrong: its kind ("schema", "damage", "merge") and
    what it is, in words."""

    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class IngestCounts:
    documents: int = 0
    skipped: int = 0
    events: int = 0


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _table(schema: pa.Schema, rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    return pa.Table.from_arrays(
        [pa.array(column, type=field.type) for column, field in zip(columns, schema, strict=True)],
        schema=schema,
    )


def extraction_tables(extractions: Iterable[Extraction]) -> dict[str, pa.Table]:
    """A batch of extractions as one Arrow table per store table (`TABLE_SCHEMAS`).

    A document met twice in the batch has a row each time (so that storing it counts the
    repeat as skipped) but its events, evidence, sources and places come from the first
    time only; `places` has one row per GeoNames id, from the first event placed there."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLE_SCHEMAS}
    documents: set[str] = set()
    places: set[int] = set()
    for extraction in extractions:
        doc = extraction.document
        rows["documents"].append(
            (
                doc.id, doc.path, doc.title, doc.subtitle, _day(doc.published), doc.outlet,
                doc.byline, doc.read_time_min, doc.language, doc.dateline,
                json.dumps([c.to_dict() for c in doc.captions], ensure_ascii=False),
                doc.text, json.dumps(list(extraction.warnings), ensure_ascii=False),
            )
        )  # fmt: skip
        if doc.id in documents:
            continue
        documents.add(doc.id)
        for event in extraction.events:
            loc = event.location
            rows["events"].append(
                (
                    event.id, doc.id, event.event_type, event.sub_event_type, _day(event.date),
                    _day(event.date_end), event.time_precision, event.actor1,
                    event.assoc_actor_1, event.actor2, event.assoc_actor_2,
                    loc.name if loc else None, loc.geonameid if loc else None,
                    loc.country_code if loc else None, loc.admin1 if loc else None,
                    loc.latitude if loc else None, loc.longitude if loc else None,
                    loc.geo_precision if loc else None, loc.site if loc else None,
                    event.fatalities, event.displaced.count if event.displaced else None,
                    event.displaced.unit if event.displaced else None, event.confidence,
                )
            )  # fmt: skip
            rows["evidence"].extend(
                (event.id, doc.id, span.start, span.end, span.text) for span in event.evidence
            )
            rows["event_sources"].extend((event.id, source) for source in event.sources)
            if loc is not None and loc.geonameid is not None and loc.geonameid not in places:
                places.add(loc.geonameid)
                rows["places"].append(
                    (loc.geonameid, loc.name, loc.country_code, loc.admin1, loc.latitude,
                     loc.longitude)
                )  # fmt: skip
    return {name: _table(TABLE_SCHEMAS[name], rows[name]) for name in TABLE_SCHEMAS}


def _conform(name: str, table: pa.Table | None) -> pa.Table:
    """`table` with the columns of `TABLE_SCHEMAS[name]`, in order and of those types (a
    table read back from Parquet may come with other string or integer widths)."""
    schema = TABLE_SCHEMAS[name]
    if table is None:
        return schema.empty_table()
    missing = [column for column in schema.names if column not in table.column_names]
    if missing:
        raise ValueError(f"table {name} lacks the columns {', '.join(missing)}")
    return table.select(schema.names).cast(schema)


def _first_of_each(table: pa.Table, key: str) -> pa.Table:
    seen: set[Any] = set()
    keep = []
    for value in table.column(key).to_pylist():
        keep.append(value not in seen)
        seen.add(value)
    return table.filter(pa.array(keep, pa.bool_()))


def store_wait() -> float:
    """Seconds to wait for a store another process holds: `TADMUR_STORE_WAIT` or 30."""
    value = os.environ.get("TADMUR_STORE_WAIT")
    if value is None:
        return WAIT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise StoreSettingError(
            f"TADMUR_STORE_WAIT must be a number of seconds, not {value[:40]!r}"
        )
    return seconds


_LOCKED = re.compile(r"Could not set lock|Conflicting lock")
_HOLDER = re.compile(r"\(PID (\d+)\)")


WAITING_FRESH = 2.0
"""Seconds a writer's waiting sign stays valid after it last renewed it (a writer that
died while waiting leaves a sign that soon means nothing)."""


def waiting_sign(path: str) -> Path:
    """The file a writer touches while it waits for readers to let go of the store."""
    return Path(f"{os.path.realpath(path)}.writer-waiting")  # one sign, however it is named


def writer_waiting(path: str) -> bool:
    """Whether a writer waits for the store: readers that hold it open (the API's pool)
    let go and stay away until it has had its turn."""
    try:
        age = time.time() - waiting_sign(path).stat().st_mtime
    except OSError:
        return False
    return age <= WAITING_FRESH


def connect(path: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, retrying with backoff for up to `wait` seconds while another
    process holds it (a writer excludes everyone, a reader excludes writers). A writer
    that has to wait says so with `waiting_sign`, renewed at each try."""
    deadline = time.monotonic() + wait
    pause = 0.005
    signed = False
    try:
        while True:
            try:
                return duckdb.connect(path, read_only=read_only)
            except duckdb.Error as exc:
                if not _LOCKED.search(str(exc)):
                    failure = store_failure(exc, path)
                    raise failure or StoreError(f"{path}: cannot open the store: {exc}") from exc
                if not read_only:
                    with suppress(OSError):
                        waiting_sign(path).touch()
                        signed = True
                left = deadline - time.monotonic()
                if left <= 0:
                    holder = _HOLDER.search(str(exc))
                    who = f" (PID {holder.group(1)})" if holder else ""
                    raise StoreBusyError(
                        f"{path}: the store is in use by another process{who} and was not "
                        f"released within {wait:g} s; run this again when that one has "
                        "finished (TADMUR_STORE_WAIT sets how many seconds to wait)"
                    ) from exc
                time.sleep(min(left, pause * random.uniform(0.5, 1.0)))
                pause = min(pause * 2, 0.1)
    finally:
        if signed:
            with suppress(OSError):
                waiting_sign(path).unlink()


class Store:
    """A DuckDB file holding documents, their events, and the merged events.

    With `hold=True` (the default) the file is opened once and held until `close()`; with
    `hold=False` it is opened per operation, and code that reads `store.db` directly does so
    inside `with store.session():`. Either way opening waits up to `wait` seconds
    (default: `store_wait()`) for other processes to let go of the file."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        hold: bool = True,
        wait: float | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.hold = hold
        self.wait = store_wait() if wait is None else wait
        self._db: duckdb.DuckDBPyConnection | None = None
        if hold:
            self._db = connect(self.path, read_only=read_only, wait=self.wait)
        try:
            with self.session():
                if not read_only:
                    self.migrate()
                elif (version := self.version()) != SCHEMA_VERSION:
                    if version == 0 and self._foreign_tables():
                        raise StoreSchemaError(
                            f"{self.path}: this DuckDB file is not a tadmur store (it has "
                            "tables of its own and no tadmur schema); give another --db",
                            older=False,
                        )
                    raise StoreSchemaError(
                        f"{self.path}: schema version {version}, this tadmur needs "
                        f"{SCHEMA_VERSION}; `tadmur check --repair --db {self.path}` (or "
                        "any command that reads or writes it) migrates it",
                        older=version < SCHEMA_VERSION,
                    )
        except BaseException:
            self.close()
            raise

    @property
    def db(self) -> duckdb.DuckDBPyConnection:
        """The open connection (held, or the current `session()`'s)."""
        if self._db is None:
            raise StoreError(f"{self.path}: the store is not open here; use store.session()")
        return self._db

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The file open (and locked against writers, or against everyone when writing) for
        the length of the block; nested sessions share one connection."""
        opened = self._db is None
        if opened:
            self._db = connect(self.path, read_only=self.read_only, wait=self.wait)
        try:
            yield self.db
        finally:
            if opened:
                self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def version(self) -> int:
        with self.session():
            exists = self.db.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
            ).fetchone()
            if not exists or exists[0] == 0:
                return 0
            row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _foreign_tables(self) -> bool:
        found = self.db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name <> 'schema_version'"
        ).fetchall()
        return bool(found[0][0])

    def migrate(self) -> None:
        with self.session():
            current = self.version()
            if current > SCHEMA_VERSION:
                raise StoreSchemaError(
                    f"{self.path}: schema version {current} is newer than this tadmur "
                    f"({SCHEMA_VERSION}); use the tadmur that wrote it",
                    older=False,
                )
            if current == SCHEMA_VERSION:
                return
            if current == 0 and self._foreign_tables():
                raise StoreSchemaError(
                    f"{self.path}: this DuckDB file is not a tadmur store (it has tables of "
                    "its own and no tadmur schema); give another --db",
                    older=False,
                )
            with self.transaction():
                self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
                for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
                    self.db.execute(script)
                    self.db.execute("INSERT INTO schema_version VALUES (?)", [number])
                if 0 < current < 2:  # merged ids become report ids; the old ones redirect
                    self._rebuild_merged()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.session():
            self.db.execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                with suppress(duckdb.Error):  # an aborted transaction is rolled back already
                    self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    # -- writing --------------------------------------------------------------------------

    def known(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        with self.session():
            rows = self.db.execute(
                "SELECT id FROM documents WHERE list_contains(?, id)", [wanted]
            ).fetchall()
        return {r[0] for r in rows}

    def add(self, extractions: list[Extraction]) -> IngestCounts:
        """Store a batch in one transaction; documents already stored are skipped."""
        return self.add_tables(extraction_tables(extractions))

    def add_tables(self, tables: Mapping[str, pa.Table]) -> IngestCounts:
        """Store a batch given as `extraction_tables` makes it (or as read back from Parquet
        shards of those tables) in one transaction, one `INSERT ... SELECT` per table.
        Documents already stored, or met earlier in the batch, are skipped with their rows;
        places already stored are kept as they are."""
        data = {name: _conform(name, tables.get(name)) for name in TABLE_SCHEMAS}
        batch = _first_of_each(data["documents"], "id")
        with self.transaction():
            stored = self._stored_ids(batch["id"])
            fresh = batch.filter(pc.invert(pc.is_in(batch["id"], value_set=stored)))
            ids = fresh["id"].combine_chunks()
            events = data["events"].filter(pc.is_in(data["events"]["document_id"], value_set=ids))
            event_ids = events["id"].combine_chunks()
            evidence = data["evidence"]
            evidence = evidence.filter(pc.is_in(evidence["document_id"], value_set=ids))
            sources = data["event_sources"]
            sources = sources.filter(pc.is_in(sources["event_id"], value_set=event_ids))
            places = data["places"]
            places = places.filter(
                pc.is_in(places["geonameid"], value_set=events["geonameid"].combine_chunks())
            )
            self._insert("documents", fresh)
            self._insert("events", events)
            self._insert("evidence", evidence)
            self._insert("event_sources", sources)
            self._insert("places", _first_of_each(places, "geonameid"), "ON CONFLICT DO NOTHING")
            self._fold_in(event_ids)
        skipped = data["documents"].num_rows - fresh.num_rows
        return IngestCounts(fresh.num_rows, skipped, events.num_rows)

    def _stored_ids(self, ids: pa.ChunkedArray) -> pa.Array:
        """Which of `ids` are stored documents (one query, however long the batch)."""
        self.db.register("_tadmur_batch_ids", pa.table({"id": ids}))
        try:
            rows = self.db.execute(
                "SELECT id FROM documents WHERE id IN (SELECT id FROM _tadmur_batch_ids)"
            ).fetchall()
        finally:
            self.db.unregister("_tadmur_batch_ids")
        return pa.array([row[0] for row in rows], _TEXT)

    def _insert(self, name: str, table: pa.Table, conflict: str = "") -> None:
        """`INSERT INTO name SELECT ... FROM table`, the Arrow table scanned in place."""
        if table.num_rows == 0:
            return
        view = f"_tadmur_new_{name}"
        columns = ", ".join(table.column_names)
        self.db.register(view, table)
        try:
            self.db.execute(
                f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {view} {conflict}"
            )
        finally:
            self.db.unregister(view)

    def _fold_in(self, event_ids: pa.Array) -> None:
        """Bring the merged events up to date with the batch's new reports, inside the
        batch's transaction: a batch is stored with its merge or not at all."""
        if len(event_ids) == 0:
            return
        self.db.register("_tadmur_new_events", pa.table({"id": event_ids}))
        try:
            new = self._reports("e.id IN (SELECT id FROM _tadmur_new_events)")
            stored = self._reports(_MEMBERS_OF_EVENTS_NEAR_NEW, with_event=True)
        finally:
            self.db.unregister("_tadmur_new_events")
        update = fold_in([(m, r) for r, m in stored], [r for r, _ in new])
        self._write_merged(update.events, update.replaced, update.redirects)

    def refresh_merged(self) -> int:
        """Recompute the whole cross-article merge from the stored reports, in one
        transaction; returns its size. Ingests keep the merge current batch by batch, so
        this is for stores whose merge is missing or in doubt (`tadmur check --repair`)."""
        with self.transaction():
            self._rebuild_merged()
            row = self.db.execute("SELECT count(*) FROM merged_events").fetchone()
        return int(row[0]) if row else 0

    def _rebuild_merged(self) -> None:
        previous = self.db.execute(
            "SELECT event_id, merged_id FROM merged_members ORDER BY 1, 2"
        ).fetchall()
        merged = merge_reports([r for r, _ in self._reports()])
        gone = {row[0] for row in self.db.execute("SELECT id FROM merged_events").fetchall()}
        self._write_merged(merged, frozenset(gone), redirects_between(previous, merged))
        self.db.execute(  # a redirect to an event no report leads to any more leads nowhere
            "DELETE FROM merged_redirects WHERE new_id NOT IN (SELECT id FROM merged_events)"
        )

    def _write_merged(
        self, merged: Sequence[MergedEvent], replaced: frozenset[str], redirects: dict[str, str]
    ) -> None:
        """Replace the merged events `replaced` by `merged`; ids merged away redirect to
        where they went, and redirects that led to them lead there too."""
        if replaced:
            self.db.register("_tadmur_replaced", pa.table({"id": pa.array(sorted(replaced))}))
            try:
                self.db.execute(
                    "DELETE FROM merged_members "
                    "WHERE merged_id IN (SELECT id FROM _tadmur_replaced)"
                )
                self.db.execute(
                    "DELETE FROM merged_events WHERE id IN (SELECT id FROM _tadmur_replaced)"
                )
            finally:
                self.db.unregister("_tadmur_replaced")
        if redirects:
            moved = sorted(redirects.items())
            self.db.register(
                "_tadmur_moved",
                pa.table({"old": [o for o, _ in moved], "new": [n for _, n in moved]}),
            )
            try:  # chains first: what led to a merged-away id leads where it went
                self.db.execute(
                    "UPDATE merged_redirects SET new_id = m.new FROM _tadmur_moved m "
                    "WHERE merged_redirects.new_id = m.old"
                )
                self.db.execute(
                    "INSERT INTO merged_redirects SELECT old, new FROM _tadmur_moved "
                    "ON CONFLICT DO UPDATE SET new_id = excluded.new_id"
                )
            finally:
                self.db.unregister("_tadmur_moved")
        live = [m.id for m in merged]
        if live:
            self.db.execute("DELETE FROM merged_redirects WHERE list_contains(?, old_id)", [live])
        events = [
            (
                m.id, m.event_type, m.sub_event_type, m.date, m.date_end, m.time_precision,
                m.actor1, m.assoc_actor_1, m.actor2, m.assoc_actor_2, m.location_name,
                m.geonameid, m.country_code, m.admin1, m.latitude, m.longitude, m.geo_precision,
                m.site, m.fatalities, m.fatalities_max, m.displaced_count, m.displaced_unit,
                m.confidence, m.reports, json.dumps(list(m.sources), ensure_ascii=False),
                json.dumps(m.conflicts, ensure_ascii=False, sort_keys=True),
            )
            for m in merged
        ]  # fmt: skip
        members = [(m.id, event_id) for m in merged for event_id in m.member_ids]
        self._insert("merged_events", _table(_MERGED_SCHEMAS["merged_events"], events))
        self._insert("merged_members", _table(_MERGED_SCHEMAS["merged_members"], members))

    def redirect(self, event_id: str) -> str | None:
        """Where a merged-away event id went (the event its reports are in now)."""
        with self.session():
            row = self.db.execute(
                "SELECT new_id FROM merged_redirects WHERE old_id = ?", [event_id]
            ).fetchone()
        return str(row[0]) if row else None

    def merged_count(self) -> int:
        with self.session():
            row = self.db.execute("SELECT count(*) FROM merged_events").fetchone()
        return int(row[0]) if row else 0

    def merge_lag(self) -> int:
        """Stored reports in no merged event (0 when the merge is current, as every ingest
        leaves it; more after a store was written by other means)."""
        with self.session():
            row = self.db.execute(
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM merged_members m WHERE m.event_id = e.id)"
            ).fetchone()
        return int(row[0]) if row else 0

    # -- checking -------------------------------------------------------------------------

    def check(self) -> list[Problem]:
        """What is wrong with the store ([] when nothing is): every table read whole, so
        that DuckDB verifies every block's checksum; the schema version; and the counts
        that must agree between reports, their documents and the merge."""
        problems: list[Problem] = []
        with self.session():
            version = self.version()
            if version != SCHEMA_VERSION:
                problems.append(
                    Problem(
                        "schema", f"schema version {version}, this tadmur needs {SCHEMA_VERSION}"
                    )
                )
                return problems
            for table in STORE_TABLES:
                try:
                    self.db.execute(
                        f"SELECT count(*), bit_xor(hash(t)) FROM {table} AS t"
                    ).fetchall()
                except duckdb.Error as exc:
                    problems.append(
                        Problem("damage", f"table {table} cannot be read: {_short(str(exc))}")
                    )
            if problems:
                return problems
            for kind, what, sql in _AGREEMENTS:
                (row,) = self.db.execute(sql).fetchall()
                if row[0]:
                    problems.append(Problem(kind, f"{row[0]} {what}"))
        return problems

    # -- reading --------------------------------------------------------------------------

    def reports(self) -> list[StoredReport]:
        """Every stored event with what the merge needs, in a stable order."""
        return [report for report, _ in self._reports()]

    def _reports(
        self, where: str = "TRUE", *, with_event: bool = False
    ) -> list[tuple[StoredReport, str]]:
        """Stored events matching `where` (SQL over `events e`, written here, never from
        input), each with the merged event it is in ("" when none or not asked)."""
        merged = (
            "(SELECT min(m.merged_id) FROM merged_members m WHERE m.event_id = e.id)"
            if with_event
            else "NULL"
        )
        with self.session():
            rows = self.db.execute(
                f"""
                SELECT e.id, e.document_id, e.event_type, e.sub_event_type, e.date, e.date_end,
                       e.time_precision, e.actor1, e.assoc_actor_1, e.actor2, e.assoc_actor_2,
                       e.location_name, e.geonameid, e.country_code, e.admin1, e.latitude,
                       e.longitude, e.geo_precision, e.site, e.fatalities, e.displaced_count,
                       e.displaced_unit, e.confidence,
                       coalesce((SELECT list(s.source ORDER BY s.source) FROM event_sources s
                                 WHERE s.event_id = e.id), []) AS sources,
                       d.published, {merged} AS merged_id
                FROM events e LEFT JOIN documents d ON d.id = e.document_id
                WHERE {where} ORDER BY e.id
                """
            ).fetchall()
        made = []
        for row in rows:
            report = StoredReport(*(*row[:-3], tuple(row[-3]), row[-2]))
            made.append((report, str(row[-1] or "")))
        return made

    def counts(self) -> dict[str, Any]:
        with self.session():
            one = self.db.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
                "(SELECT count(*) FROM merged_events), "
                "(SELECT coalesce(sum(reports), 0) FROM merged_events WHERE reports > 1)"
            ).fetchone()
            assert one is not None
            by_type = self.db.execute(
                "SELECT event_type, count(*) FROM merged_events GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall()
            span = self.db.execute("SELECT min(date), max(date) FROM merged_events").fetchone()
            countries = self.db.execute(
                "SELECT DISTINCT country_code FROM merged_events WHERE country_code IS NOT NULL "
                "ORDER BY 1"
            ).fetchall()
            changes = self.db.execute(
                "SELECT count(*) FROM merged_events WHERE actor1 IS NOT NULL AND site IS NULL "
                "AND sub_event_type IN ('Government regains territory', "
                "'Non-state actor overtakes territory', 'Non-violent transfer of territory')"
            ).fetchone()
            return {
                "documents": one[0],
                "reports": one[1],
                "merged_events": one[2],
                "reports_in_multi_report_events": int(one[3]),
                "events_by_type": {t: n for t, n in by_type},
                "control_changes": int(changes[0]) if changes else 0,
                "first_date": span[0].isoformat() if span and span[0] else None,
                "last_date": span[1].isoformat() if span and span[1] else None,
                "event_types": [t for t, _ in sorted(by_type)],
                "countries": [c[0] for c in countries],
            }

    def fingerprint(self) -> dict[str, list[tuple[Any, ...]]]:
        """The store's content, independent of the order and batches it was stored in (to
        compare stores). The redirects of merged-away ids are history, and left out: which
        ids were ever shown depends on the batching."""
        with self.session():
            tables = {
                "documents": "SELECT * FROM documents ORDER BY id",
                "events": "SELECT * FROM events ORDER BY id",
                "evidence": "SELECT * FROM evidence ORDER BY event_id, start_char, end_char",
                "event_sources": "SELECT * FROM event_sources ORDER BY event_id, source",
                "places": "SELECT * FROM places ORDER BY geonameid",
                "merged_events": "SELECT * FROM merged_events ORDER BY id",
                "merged_members": "SELECT * FROM merged_members ORDER BY merged_id, event_id",
            }
            return {name: self.db.execute(sql).fetchall() for name, sql in tables.items()}
