"""The HTTP API and the map page, over a store opened read-only.

Nothing a request sends reaches the file system or SQL text: the store path is fixed when
the app is made, filters are query parameters bound by DuckDB, page sizes are bounded.

The store file is opened read-only for each request and closed after it, so an ingest can
write between requests (DuckDB lets a process write only while no other has the file open);
a request that finds an ingest writing waits for its batch to commit, up to the store's
wait (`TADMUR_STORE_WAIT`), and is answered 503 after that.
"""

from __future__ import annotations

import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from tadmur.control import timeline
from tadmur.model import feature_collection
from tadmur.query import Filters, count_events, merged_events
from tadmur.store import Store, StoreBusyError

MAX_PAGE = 500
WEB_DIR = Path(str(resources.files("tadmur").joinpath("web")))


def _near(value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise HTTPException(422, "near must be LAT,LON,KM") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise HTTPException(422, "near is out of range")
    return lat, lon, km


def create_app(db_path: str | Path) -> FastAPI:
    """An app serving one store, opened read-only for the length of each request."""
    store = Store(db_path, read_only=True, hold=False)
    lock = threading.Lock()  # one DuckDB connection at a time, one request's worth
    app = FastAPI(
        title="tadmur",
        summary="Conflict events extracted from news articles, with the words behind them.",
        version="1",
    )

    @app.get("/api/events", summary="Merged events, filtered and paginated")
    def list_events(
        since: date | None = None,
        until: date | None = None,
        country: Annotated[str | None, Query(max_length=3, pattern="^[A-Za-z]{2,3}$")] = None,
        near: Annotated[str | None, Query(max_length=64, description="LAT,LON,KM")] = None,
        type: Annotated[str | None, Query(max_length=80)] = None,
        actor: Annotated[str | None, Query(max_length=120)] = None,
        place: Annotated[str | None, Query(max_length=120)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        format: Annotated[str, Query(pattern="^(json|geojson)$")] = "json",
    ) -> Any:
        filters = Filters(since, until, country, _near(near), type, actor, place)
        with lock, store.session():
            rows = merged_events(store, filters, limit=limit, offset=offset)
            total = count_events(store, filters)
        if format == "geojson":
            return feature_collection(rows) | {"total": total}
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    @app.get("/api/events/{event_id}", summary="One merged event with its reports")
    def get_event(event_id: Annotated[str, PathParam(max_length=64)]) -> Any:
        with lock, store.session():
            found = store.db.execute(
                "SELECT 1 FROM merged_events WHERE id = ?", [event_id]
            ).fetchone()
            if found is None:
                raise HTTPException(404, "no such event")
            rows = merged_events(store, Filters(event_id=event_id), limit=None)
            reports = store.db.execute(
                "SELECT e.id, e.document_id, d.title, d.outlet, d.published, e.date, e.fatalities,"
                " e.actor1, e.actor2 FROM merged_members m JOIN events e ON e.id = m.event_id "
                "JOIN documents d ON d.id = e.document_id WHERE m.merged_id = ? "
                "ORDER BY d.published, e.id",
                [event_id],
            ).fetchall()
        event = next(r for r in rows if r["id"] == event_id)
        event["report_details"] = [
            {
                "event_id": r[0], "document_id": r[1], "title": r[2], "outlet": r[3],
                "published": r[4].isoformat() if r[4] else None,
                "date": r[5].isoformat() if r[5] else None, "fatalities": r[6],
                "actor1": r[7], "actor2": r[8],
            }
            for r in reports
        ]  # fmt: skip
        return event

    @app.get("/api/documents/{document_id}", summary="A document's text and the spans to mark")
    def get_document(document_id: Annotated[str, PathParam(max_length=64)]) -> Any:
        with lock, store.session():
            row = store.db.execute(
                "SELECT id, path, title, subtitle, published, outlet, byline, language, text "
                "FROM documents WHERE id = ?",
                [document_id],
            ).fetchone()
            if row is None:
                raise HTTPException(404, "no such document")
            spans = store.db.execute(
                "SELECT v.start_char, v.end_char, v.event_id, m.merged_id, e.sub_event_type "
                "FROM evidence v JOIN events e ON e.id = v.event_id "
                "LEFT JOIN merged_members m ON m.event_id = e.id "
                "WHERE v.document_id = ? ORDER BY v.start_char, v.end_char, v.event_id",
                [document_id],
            ).fetchall()
        keys = (
            "id", "path", "title", "subtitle", "published", "outlet", "byline", "language", "text",
        )  # fmt: skip
        document = dict(zip(keys, row, strict=True))
        document["published"] = row[4].isoformat() if row[4] else None
        document["spans"] = [
            {"start": s, "end": e, "event_id": ev, "merged_id": m, "sub_event_type": t}
            for s, e, ev, m, t in spans
        ]
        return document

    @app.get("/api/places/{geonameid}/control", summary="Who held a place from when to when")
    def get_control(geonameid: Annotated[int, PathParam(ge=0, le=2**62)]) -> Any:
        with lock, store.session():
            periods = timeline(store, geonameid)
            name = store.db.execute(
                "SELECT name FROM places WHERE geonameid = ?", [geonameid]
            ).fetchone()
        return {
            "geonameid": geonameid,
            "name": name[0] if name else None,
            "periods": [p.to_dict() for p in periods],
        }

    @app.get("/api/stats", summary="Counts of the store")
    def get_stats() -> Any:
        with lock, store.session():
            return store.counts()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.exception_handler(StoreBusyError)
    def busy(_: Any, exc: StoreBusyError) -> JSONResponse:
        detail = "the store is busy (another process is writing to it); try again"
        return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(ValueError)
    def bad_value(_: Any, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.state.store = store
    return app
