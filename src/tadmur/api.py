"""The HTTP API and the map page, over a store opened read-only.

Nothing a request sends reaches the file system or SQL text: the store path is fixed when
the app is made, filters are query parameters bound by DuckDB, page sizes are bounded.

Opening the DuckDB file costs far more than answering a request from it, so the app holds
one read-only connection open across requests and gives each request a cursor of its own
(`Readers`); requests are answered in parallel. DuckDB lets a process write only while no
other process has the file open, so the held connection is let go as soon as a writer
waits for it (`writer_waiting`: an ingest signs `<db>.writer-waiting` while it retries)
and its in-flight requests have finished, and after 10 s without requests; new requests
wait meanwhile, up to the store's wait (`TADMUR_STORE_WAIT`), and are answered 503 after
that. Reopening shows whatever the writer committed.

While the connection is held no other process can change the file, so a 200 answer is
kept by its URL (`ResponseCache`) until the connection is reopened, and asked again it is
sent without touching the store; requests for a URL that is being answered wait for that
answer and share it (`_CacheMiddleware`).

A store that cannot be read (damaged, truncated, full disk) is answered 503 with a JSON
reason, never 500; bad requests are 4xx and quote at most a short prefix of what was sent.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tadmur.control import timeline
from tadmur.model import feature_collection
from tadmur.query import Filters, count_events, merged_events
from tadmur.store import (
    Store,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreFullError,
    connect,
    store_failure,
    writer_waiting,
)

MAX_PAGE = 500
WEB_DIR = Path(str(resources.files("tadmur").joinpath("web")))

POLL_SECONDS = 0.02
"""How often a held connection looks for a waiting writer, and waiting requests for it to
have had its turn."""
IDLE_SECONDS = 10.0
"""A connection unused for this long is let go (a writer that does not sign gets its turn)."""
CACHE_MB = 64
"""Default size of the answer cache; 0 turns it off."""
QUOTE_CHARS = 40
"""How much of a rejected value a 422 answer quotes."""


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


# -- the held connection --------------------------------------------------------------------


@dataclass(slots=True)
class _Served:
    """Which opening of the store one request read (the cache keeps only answers read
    from a single opening; `mixed` when it read from two)."""

    generation: int | None = None
    mixed: bool = False

    def read(self, generation: int) -> None:
        if self.generation is not None and self.generation != generation:
            self.mixed = True
        self.generation = generation


_SERVED: ContextVar[_Served | None] = ContextVar("tadmur_api_served", default=None)


class _CursorStore(Store):
    """A `Store` over one request's cursor of the held connection, for the readers that
    take a Store (`query.merged_events`, `Store.counts`, ...). It never opens the file, so
    `Store.__init__` (which does) is not called; its sessions use the cursor."""

    def __init__(  # Store.__init__ is not called: it opens the file, this has it open
        self, cursor: duckdb.DuckDBPyConnection, path: str, wait: float
    ) -> None:
        self.path = path
        self.read_only = True
        self.hold = True
        self.wait = wait
        self._db = cursor


class Readers:
    """One read-only connection to the store, held across requests; a cursor per request.

    The connection is opened by the first request that needs it and let go when a writer
    waits (as soon as no request uses it), after `idle` seconds unused, or after a store
    error (it may have been restored meanwhile). `generation` counts openings: answers
    read from one opening stay true until the next, as no process can write in between."""

    def __init__(self, path: str, wait: float, *, idle: float = IDLE_SECONDS) -> None:
        self.path = path
        self.wait = wait
        self.idle = idle
        self._cond = threading.Condition()
        self._db: duckdb.DuckDBPyConnection | None = None
        self._generation = 0
        self._busy = 0  # requests reading through a cursor now
        self._opening = False
        self._stale = False  # let go at the first moment no request uses it
        self._watching = False
        self._last_used = time.monotonic()

    @property
    def generation(self) -> int | None:
        """The current opening, or None while the file is not held (it may change)."""
        with self._cond:
            held = self._db is not None and not self._stale
            return self._generation if held else None

    def touch(self) -> None:
        """A request was answered from what this opening read (keeps it from idling out)."""
        self._last_used = time.monotonic()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A Store over a cursor of the held connection for the length of the block."""
        cursor, generation = self._acquire()
        served = _SERVED.get()
        if served is not None:
            served.read(generation)
        failed = False
        try:
            yield _CursorStore(cursor, self.path, self.wait)
        except duckdb.Error:
            failed = True  # reopen before reading again: the file may have been restored
            raise
        finally:
            self._release(cursor, failed=failed)

    def close(self) -> None:
        """Let go of the file now (the app is shutting down)."""
        with self._cond:
            self._stale = True
            if self._busy == 0:
                self._close()

    def _acquire(self) -> tuple[duckdb.DuckDBPyConnection, int]:
        deadline = time.monotonic() + self.wait
        with self._cond:
            while True:
                if self._db is not None and self._busy == 0 and self._stale:
                    self._close()
                if writer_waiting(self.path):
                    if self._busy == 0:
                        self._close()
                elif self._db is not None and not self._stale:
                    try:
                        cursor = self._db.cursor()
                    except duckdb.Error:
                        self._stale = True
                        raise
                    self._busy += 1
                    self._last_used = time.monotonic()
                    return cursor, self._generation
                elif self._db is None and not self._opening:
                    self._open(deadline)
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreBusyError(
                        f"{self.path}: a writer kept the store for longer than {self.wait:g} s"
                    )
                self._cond.wait(min(left, POLL_SECONDS))

    def _open(self, deadline: float) -> None:
        """Open the file (the lock is let go meanwhile; others wait for `_opening`)."""
        self._opening = True
        self._cond.release()
        try:
            db = connect(self.path, read_only=True, wait=max(0.0, deadline - time.monotonic()))
        finally:
            self._cond.acquire()
            self._opening = False
            self._cond.notify_all()
        self._db = db
        self._generation += 1
        self._stale = False
        self._last_used = time.monotonic()
        if not self._watching:
            self._watching = True
            threading.Thread(target=self._watch, name="tadmur-store-watch", daemon=True).start()

    def _release(self, cursor: duckdb.DuckDBPyConnection, *, failed: bool) -> None:
        with self._cond:
            with suppress(duckdb.Error):
                cursor.close()
            self._stale = self._stale or failed
            self._busy -= 1
            self._last_used = time.monotonic()
            if self._busy == 0 and (self._stale or writer_waiting(self.path)):
                self._close()
            self._cond.notify_all()

    def _watch(self) -> None:
        """Let go of an unused connection when a writer waits or it idles (no request
        may come to notice)."""
        while True:
            time.sleep(POLL_SECONDS)
            with self._cond:
                if self._db is not None and self._busy == 0:
                    idle = time.monotonic() - self._last_used > self.idle
                    if self._stale or idle or writer_waiting(self.path):
                        self._close()
                if self._db is None:
                    self._watching = False
                    return

    def _close(self) -> None:
        if self._db is not None:
            with suppress(duckdb.Error):
                self._db.close()
            self._db = None
        self._stale = False


# -- the answer cache -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Answer:
    """A whole HTTP answer, and the opening of the store it was read from (None: not
    read from a single one, so not to be kept)."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    generation: int | None


class ResponseCache:
    """200 answers of `/api/` GETs by URL, for one opening of the store, at most
    `max_bytes` of bodies (least recently used dropped first)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._kept: OrderedDict[str, _Answer] = OrderedDict()
        self._size = 0
        self._generation = 0
        self._lock = threading.Lock()

    def get(self, url: str, generation: int | None) -> _Answer | None:
        if generation is None:
            return None
        with self._lock:
            kept = self._kept.get(url)
            if kept is None or kept.generation != generation:
                return None
            self._kept.move_to_end(url)
            return kept

    def put(self, url: str, kept: _Answer) -> None:
        if kept.status != 200 or kept.generation is None or len(kept.body) > self.max_bytes // 8:
            return
        with self._lock:
            if kept.generation < self._generation:
                return  # read before the store was reopened
            if kept.generation > self._generation:
                self._kept.clear()  # a new opening: what was kept may be out of date
                self._size = 0
                self._generation = kept.generation
            old = self._kept.pop(url, None)
            if old is not None:
                self._size -= len(old.body)
            self._kept[url] = kept
            self._size += len(kept.body)
            while self._size > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._size -= len(dropped.body)


def _still_true(answer: _Answer | None, generation: int | None) -> bool:
    """Whether another request's answer holds for this one: a 200 read whole from the
    opening still held (no process can have written since)."""
    return (
        answer is not None
        and answer.status == 200
        and answer.generation is not None
        and answer.generation == generation
    )


class _CacheMiddleware:
    """Answers a GET of `/api/` from the cache when the held opening answered it before;
    otherwise lets the app answer and keeps a 200 read from a single opening. Requests
    for a URL that is being answered wait for that answer and are sent it too, so a crowd
    asking the same page after a reopen (an ingest's batch) costs one read of the store,
    and a crowd kept waiting by a writer waits once."""

    def __init__(self, app: ASGIApp, readers: Readers, cache: ResponseCache) -> None:
        self.app = app
        self.readers = readers
        self.cache = cache
        self._answering: dict[str, asyncio.Future[_Answer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (
            scope["type"] != "http" or scope["method"] != "GET"
            or not path.startswith("/api/") or self.cache.max_bytes <= 0
        ):  # fmt: skip
            await self.app(scope, receive, send)
            return
        url = f"{path}?{scope['query_string'].decode('latin-1')}"
        answer = self.cache.get(url, self.readers.generation)
        loop = asyncio.get_running_loop()
        answering = self._answering.get(url)
        if answer is None and answering is not None and answering.get_loop() is loop:
            answer = await asyncio.shield(answering)
            if not _still_true(answer, self.readers.generation):
                answer = None  # it failed, or the store has changed since: ask on our own
        if answer is not None:
            self.readers.touch()
            start = {"type": "http.response.start", "status": answer.status}
            await send(start | {"headers": answer.headers})
            await send({"type": "http.response.body", "body": answer.body})
            return
        shared: asyncio.Future[_Answer | None] = loop.create_future()
        self._answering.setdefault(url, shared)
        served = _Served()
        token = _SERVED.set(served)
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and not shared.done():
                    generation = None if served.mixed else served.generation
                    whole = _Answer(status, headers, b"".join(chunks), generation)
                    self.cache.put(url, whole)
                    shared.set_result(whole)
            await send(message)

        try:
            await self.app(scope, receive, keep)
        finally:
            _SERVED.reset(token)
            if self._answering.get(url) is shared:
                del self._answering[url]
            if not shared.done():
                shared.set_result(None)


# -- answers --------------------------------------------------------------------------------


def _plain(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _json(content: Any) -> Response:
    """JSON as FastAPI writes it, without its generic encoder (the costliest part of
    answering a page of events)."""
    body = json.dumps(
        content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_plain
    )
    return Response(body.encode("utf-8"), media_type="application/json")


def _quote(value: object, limit: int = QUOTE_CHARS) -> object:
    """`value` with every string cut to `limit` characters (lists and dicts walked), so an
    answer never echoes a huge or hostile value back."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + "…"
    if isinstance(value, list | tuple):
        return [_quote(v, limit) for v in value]
    if isinstance(value, dict):
        return {k: _quote(v, limit) for k, v in value.items()}
    return value


def _unreadable(failure: StoreError, path: str) -> JSONResponse:
    """A 503 saying why the store cannot answer (`reason`: busy, damaged, full or
    unavailable) in the store's own sentence, without the server's file names."""
    if isinstance(failure, StoreBusyError):
        detail = "the store is busy (another process is writing to it); try again"
        return JSONResponse(
            {"detail": detail, "reason": "busy"}, status_code=503, headers={"Retry-After": "5"}
        )
    reason = (
        "damaged" if isinstance(failure, StoreDamagedError)
        else "full" if isinstance(failure, StoreFullError)
        else "unavailable"
    )  # fmt: skip
    detail = str(failure)
    for name in sorted({path, os.path.abspath(path)}, key=len, reverse=True):
        detail = detail.removeprefix(f"{name}: ").replace(name, "<store>")
    return JSONResponse({"detail": _quote(detail, 400), "reason": reason}, status_code=503)


# -- the app --------------------------------------------------------------------------------


def create_app(db_path: str | Path, *, cache_mb: float = CACHE_MB) -> FastAPI:
    """An app serving one store, read through a held read-only connection (`Readers`),
    with answers kept for up to `cache_mb` MB (0: none)."""
    store = Store(db_path, read_only=True, hold=False)  # checks the schema; holds nothing
    readers = Readers(store.path, store.wait)
    cache = ResponseCache(int(cache_mb * 2**20))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        readers.close()

    app = FastAPI(
        title="tadmur",
        summary="Conflict events extracted from news articles, with the words behind them.",
        version="1",
        lifespan=lifespan,
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
        with readers.reading() as store:
            rows = merged_events(store, filters, limit=limit, offset=offset)
            total = count_events(store, filters)
        if format == "geojson":
            return _json(feature_collection(rows) | {"total": total})
        return _json({"total": total, "limit": limit, "offset": offset, "events": rows})

    @app.get("/api/events/{event_id}", summary="One merged event with its reports")
    def get_event(event_id: Annotated[str, PathParam(max_length=64)]) -> Any:
        with readers.reading() as store:
            found = store.db.execute(
                "SELECT 1 FROM merged_events WHERE id = ?", [event_id]
            ).fetchone()
            if found is None:
                moved = store.db.execute(
                    "SELECT new_id FROM merged_redirects WHERE old_id = ?", [event_id]
                ).fetchall()
                if not moved:
                    raise HTTPException(404, "no such event")
                # merged into another event by a later ingest: the link still leads there
                target = str(moved[0][0])
                return JSONResponse(
                    {"detail": "this event was merged into another", "merged_into": target},
                    status_code=301,
                    headers={"Location": f"/api/events/{target}"},
                )
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
        return _json(event)

    @app.get("/api/documents/{document_id}", summary="A document's text and the spans to mark")
    def get_document(document_id: Annotated[str, PathParam(max_length=64)]) -> Any:
        with readers.reading() as store:
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
        return _json(document)

    @app.get("/api/places/{geonameid}/control", summary="Who held a place from when to when")
    def get_control(geonameid: Annotated[int, PathParam(ge=0, le=2**62)]) -> Any:
        with readers.reading() as store:
            periods = timeline(store, geonameid)
            name = store.db.execute(
                "SELECT name FROM places WHERE geonameid = ?", [geonameid]
            ).fetchone()
        return _json(
            {
                "geonameid": geonameid,
                "name": name[0] if name else None,
                "periods": [p.to_dict() for p in periods],
            }
        )

    @app.get("/api/stats", summary="Counts of the store")
    def get_stats() -> Any:
        with readers.reading() as store:
            return _json(store.counts())

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.exception_handler(StoreError)
    def store_unusable(_: Request, exc: StoreError) -> JSONResponse:
        return _unreadable(exc, store.path)

    @app.exception_handler(duckdb.Error)
    def store_unreadable(_: Request, exc: duckdb.Error) -> JSONResponse:
        failure = store_failure(exc, store.path)
        if failure is None and isinstance(exc, duckdb.IOException | duckdb.FatalException):
            failure = StoreDamagedError(f"the store cannot be read: {str(exc)[:200]}")
        if failure is None:  # not the file's fault: a bug, said without the details
            return JSONResponse({"detail": "internal error reading the store"}, status_code=500)
        return _unreadable(failure, store.path)

    @app.exception_handler(RequestValidationError)
    def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors())
        for error in errors:
            for key, limit in (("input", QUOTE_CHARS), ("ctx", QUOTE_CHARS), ("msg", 200)):
                if key in error:
                    error[key] = _quote(error[key], limit)
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(ValueError)
    def bad_value(_: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": _quote(str(exc), 200)}, status_code=422)

    app.add_middleware(_CacheMiddleware, readers=readers, cache=cache)
    app.state.store = store
    app.state.readers = readers
    app.state.cache = cache
    return app
