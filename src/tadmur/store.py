"""The store: extractions in DuckDB, with a versioned schema.

Each ingest batch is one transaction, so an interrupted ingest leaves whole documents or
none; documents are keyed by the hash of their text, so re-ingesting adds nothing. The
merged (cross-article) events are derived data: `refresh_merged` recomputes them from the
reports in one transaction, so they are always consistent with the reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from tadmur.merge import StoredReport, merge_reports
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
)
"""Schema migrations, applied in order; `schema_version` records how many have run."""

SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be opened or used (locked by another process, newer schema, ...)."""


@dataclass(frozen=True, slots=True)
class IngestCounts:
    documents: int = 0
    skipped: int = 0
    events: int = 0


class Store:
    """A DuckDB file holding documents, their events, and the merged events."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc
        if not read_only:
            self.migrate()
        elif self.version() != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {self.version()}, this tadmur needs "
                f"{SCHEMA_VERSION}; open it once for writing to migrate"
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def version(self) -> int:
        exists = self.db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or exists[0] == 0:
            return 0
        row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {current} is newer than this tadmur")
        with self.transaction():
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
                self.db.execute(script)
                self.db.execute("INSERT INTO schema_version VALUES (?)", [number])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing --------------------------------------------------------------------------

    def known(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.db.execute(
            "SELECT id FROM documents WHERE list_contains(?, id)", [wanted]
        ).fetchall()
        return {r[0] for r in rows}

    def add(self, extractions: list[Extraction]) -> IngestCounts:
        """Store a batch in one transaction; documents already stored are skipped."""
        known = self.known(e.document.id for e in extractions)
        fresh: dict[str, Extraction] = {}
        for extraction in extractions:
            if extraction.document.id not in known:
                fresh.setdefault(extraction.document.id, extraction)
        events = 0
        with self.transaction():
            for extraction in fresh.values():
                self._insert(extraction)
                events += len(extraction.events)
        return IngestCounts(len(fresh), len(extractions) - len(fresh), events)

    def _insert(self, extraction: Extraction) -> None:
        doc = extraction.document
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc.id, doc.path, doc.title, doc.subtitle, doc.published, doc.outlet,
                doc.byline, doc.read_time_min, doc.language, doc.dateline,
                json.dumps([c.to_dict() for c in doc.captions], ensure_ascii=False),
                doc.text, json.dumps(list(extraction.warnings), ensure_ascii=False),
            ],
        )  # fmt: skip
        for event in extraction.events:
            loc = event.location
            self.db.execute(
                "INSERT INTO events VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    event.id, doc.id, event.event_type, event.sub_event_type, event.date,
                    event.date_end, event.time_precision, event.actor1, event.assoc_actor_1,
                    event.actor2, event.assoc_actor_2, loc.name if loc else None,
                    loc.geonameid if loc else None, loc.country_code if loc else None,
                    loc.admin1 if loc else None, loc.latitude if loc else None,
                    loc.longitude if loc else None, loc.geo_precision if loc else None,
                    loc.site if loc else None, event.fatalities,
                    event.displaced.count if event.displaced else None,
                    event.displaced.unit if event.displaced else None, event.confidence,
                ],
            )  # fmt: skip
            for span in event.evidence:
                self.db.execute(
                    "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                    [event.id, doc.id, span.start, span.end, span.text],
                )
            for source in event.sources:
                self.db.execute("INSERT INTO event_sources VALUES (?, ?)", [event.id, source])
            if loc is not None and loc.geonameid is not None:
                self.db.execute(
                    "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [loc.geonameid, loc.name, loc.country_code, loc.admin1, loc.latitude,
                     loc.longitude],
                )  # fmt: skip

    def refresh_merged(self) -> int:
        """Recompute the cross-article merge from all stored reports; returns its size."""
        merged = merge_reports(self.reports())
        with self.transaction():
            self.db.execute("DELETE FROM merged_members")
            self.db.execute("DELETE FROM merged_events")
            for m in merged:
                self.db.execute(
                    "INSERT INTO merged_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        m.id, m.event_type, m.sub_event_type, m.date, m.date_end,
                        m.time_precision, m.actor1, m.assoc_actor_1, m.actor2, m.assoc_actor_2,
                        m.location_name, m.geonameid, m.country_code, m.admin1, m.latitude,
                        m.longitude, m.geo_precision, m.site, m.fatalities, m.fatalities_max,
                        m.displaced_count, m.displaced_unit, m.confidence, m.reports,
                        json.dumps(list(m.sources), ensure_ascii=False),
                        json.dumps(m.conflicts, ensure_ascii=False, sort_keys=True),
                    ],
                )  # fmt: skip
                for event_id in m.member_ids:
                    self.db.execute("INSERT INTO merged_members VALUES (?, ?)", [m.id, event_id])
        return len(merged)

    # -- reading --------------------------------------------------------------------------

    def reports(self) -> list[StoredReport]:
        """Every stored event with what the merge needs, in a stable order."""
        rows = self.db.execute(
            """
            SELECT e.id, e.document_id, e.event_type, e.sub_event_type, e.date, e.date_end,
                   e.time_precision, e.actor1, e.assoc_actor_1, e.actor2, e.assoc_actor_2,
                   e.location_name, e.geonameid, e.country_code, e.admin1, e.latitude,
                   e.longitude, e.geo_precision, e.site, e.fatalities, e.displaced_count,
                   e.displaced_unit, e.confidence,
                   coalesce((SELECT list(s.source ORDER BY s.source) FROM event_sources s
                             WHERE s.event_id = e.id), []) AS sources
            FROM events e ORDER BY e.id
            """
        ).fetchall()
        return [StoredReport(*(*row[:-1], tuple(row[-1]))) for row in rows]

    def counts(self) -> dict[str, Any]:
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
        """The store's content, independent of insertion order (to compare stores)."""
        tables = {
            "documents": "SELECT * FROM documents ORDER BY id",
            "events": "SELECT * FROM events ORDER BY id",
            "evidence": "SELECT * FROM evidence ORDER BY event_id, start_char, end_char",
            "event_sources": "SELECT * FROM event_sources ORDER BY event_id, source",
            "merged_events": "SELECT * FROM merged_events ORDER BY id",
            "merged_members": "SELECT * FROM merged_members ORDER BY merged_id, event_id",
        }
        return {name: self.db.execute(sql).fetchall() for name, sql in tables.items()}
