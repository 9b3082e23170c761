"""The HTTP API under load and under failure, against real `tadmur serve` processes over
loopback: thousands of concurrent requests answered exactly as one alone would be, an
ingest beside a loaded server gets its turn and is then seen, a damaged store is a 503
with a reason (never a 500), and a huge bad value is not echoed back.

Speed is not asserted here (two cores shared with the load generator say little); the
figures come from `tadmur bench --api` (`tadmur.apiload.run_api_bench`)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tadmur.api import create_app
from tadmur.apiload import (
    LoadResult,
    fetch_each,
    request_mix,
    run_load,
    serving,
    uncached_server,
)
from tadmur.benchcorpus import write_corpus
from tadmur.pipeline import Pipeline, ingest
from tadmur.store import Store

ARTICLES = 48
SERVED = 32  # in the store when the server starts; the rest an ingest adds beside it


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("apiload") / "corpus", ARTICLES, seed=11)


@pytest.fixture(scope="module")
def store_file(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the first `SERVED` synthetic articles (copy it before changing it)."""
    db = tmp_path_factory.mktemp("apiload-store") / "served.duckdb"
    with Store(db) as store:
        report = ingest(store, [str(p) for p in corpus[:SERVED]], Pipeline())
    assert report.documents == SERVED and report.failures == ()
    return db


def _assert_clean(result: LoadResult) -> None:
    assert result.failures == 0, result.to_dict()
    assert result.server_errors == 0, result.to_dict()
    assert result.mismatches == (), result.mismatches[:5]
    assert dict(result.statuses) == {200: result.requests}, result.to_dict()


@pytest.mark.slow
def test_a_loaded_server_answers_each_request_as_it_answers_one_alone(store_file: Path) -> None:
    paths = request_mix(store_file, ids=60)
    with serving(store_file) as server:
        expected = fetch_each(server.base_url, paths)
        _assert_clean(run_load(server.base_url, paths, 3000, 32, expected=expected))
    # The same without the answer cache: every request reads the store through its own
    # cursor of the shared connection, 32 at a time.
    with serving(store_file, command=uncached_server(store_file)) as server:
        assert fetch_each(server.base_url, paths) == expected
        _assert_clean(run_load(server.base_url, paths, 400, 32, expected=expected))


@pytest.mark.slow
def test_an_ingest_beside_a_loaded_server_finishes_and_is_then_seen(
    corpus: list[Path], store_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    shutil.copyfile(store_file, db)
    paths = request_mix(db, ids=30)
    added = corpus[SERVED:]
    with serving(db) as server:
        fetch_each(server.base_url, paths)
        writer = subprocess.Popen(
            [sys.executable, "-m", "tadmur.cli", "ingest", *map(str, added), "--db", str(db),
             "--batch-size", "4", "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        rounds: list[LoadResult] = []
        while writer.poll() is None:
            rounds.append(run_load(server.base_url, paths, 200, 16))
        assert writer.wait() == 0, writer.communicate()[1].decode()
        assert len(rounds) >= 2  # the server was under load while the ingest ran
        assert sum(r.failures for r in rounds) == 0
        assert all(set(r.statuses) == {200} for r in rounds), [r.to_dict() for r in rounds]
        stats = json.loads(fetch_each(server.base_url, ["/api/stats"])["/api/stats"])
        assert stats["documents"] == ARTICLES
        new = sorted(_document_ids(db) - _document_ids(store_file))
        assert len(new) == len(added)
        fetch_each(server.base_url, [f"/api/documents/{new[-1]}"])  # a 200, or it raises


def _document_ids(db: Path) -> set[str]:
    with Store(db, read_only=True) as store, store.session() as con:
        return {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}


def test_an_idle_server_lets_a_waiting_writer_in(store_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    shutil.copyfile(store_file, db)
    client = TestClient(create_app(db))
    before = client.get("/api/stats").json()  # the app now holds the file open
    began = time.monotonic()
    write = subprocess.run(
        [sys.executable, "-c", WRITE_ONE_DOCUMENT, str(db)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert write.returncode == 0, write.stderr.decode()
    assert time.monotonic() - began < 10  # let go within the poll, not after the writer's wait
    assert not Path(f"{db}.writer-waiting").exists()
    after = client.get("/api/stats").json()  # reopened: the write is seen
    assert after["documents"] == before["documents"] + 1


WRITE_ONE_DOCUMENT = """
import sys
from tadmur.store import connect
db = connect(sys.argv[1], read_only=False, wait=20)
db.execute("INSERT INTO documents (id, text) VALUES ('written-beside', 'x')")
db.close()
"""


def _damaged_copy(good: Path, folder: Path, how: str) -> Path:
    """A copy of `good` truncated to half its size, or with 4 KB of random bytes written
    over the middle (moved on block by block, 128 KB at a time, to the first place
    DuckDB reads and notices: free blocks are never read)."""
    copy = folder / f"{how}.duckdb"
    size = good.stat().st_size
    if how == "truncated":
        shutil.copyfile(good, copy)
        os.truncate(copy, size // 2)
        return copy
    noise = random.Random(7).randbytes(4096)
    for step in range(size // 2 // 131072 + 1):
        for offset in {size // 2 + step * 131072, size // 2 - step * 131072}:
            shutil.copyfile(good, copy)
            with copy.open("r+b") as f:
                f.seek(offset)
                f.write(noise)
            if _noticed(copy):
                return copy
    raise AssertionError("no 4 KB of the store is read back with a checksum")


def _noticed(path: Path) -> bool:
    tables = ("documents", "events", "evidence", "places", "merged_events", "merged_members")
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            for table in tables:
                con.execute(f"SELECT * FROM {table}").fetchall()
    except duckdb.Error as exc:
        return "checksum" in str(exc)
    return False


@pytest.mark.parametrize("how", ["truncated", "overwritten"])
def test_a_damaged_store_is_a_503_with_a_reason_never_a_500(
    store_file: Path, tmp_path: Path, how: str
) -> None:
    damaged = _damaged_copy(store_file, tmp_path, how)
    db = tmp_path / "served.duckdb"
    shutil.copyfile(store_file, db)
    with Store(db, read_only=True) as store, store.session() as con:
        event = con.execute("SELECT id FROM merged_events ORDER BY id LIMIT 1").fetchone()
        document = con.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()
        place = con.execute("SELECT geonameid FROM places ORDER BY 1 LIMIT 1").fetchone()
    assert event and document and place
    urls = [
        "/api/events", "/api/events?limit=500&format=geojson", "/api/events?actor=army",
        f"/api/events/{event[0]}", "/api/events/nope", f"/api/documents/{document[0]}",
        f"/api/places/{place[0]}/control", "/api/stats",
    ]  # fmt: skip
    client = TestClient(create_app(db))  # made while the file was good: damaged in service
    shutil.copyfile(damaged, db)
    answers = {url: client.get(url) for url in urls}
    for url, answer in answers.items():
        assert answer.status_code in {200, 404, 503}, (url, answer.status_code, answer.text)
        if answer.status_code == 503:
            body = answer.json()
            assert body["reason"] == "damaged" and "damaged" in body["detail"], body
            assert str(db) not in answer.text and str(tmp_path) not in answer.text
    unreadable = [url for url, answer in answers.items() if answer.status_code == 503]
    assert unreadable, {url: a.status_code for url, a in answers.items()}
    client.app.state.readers.close()  # (a file is not restored under a reader's feet)
    shutil.copyfile(store_file, db)  # restored from the good copy: answered again
    assert all(client.get(url).status_code in {200, 404} for url in unreadable)


def _asgi_get(app: FastAPI, path: str, query: bytes) -> tuple[int, bytes]:
    """One GET straight through ASGI: HTTP clients refuse URLs this long."""
    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
        "root_path": "", "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_huge_bad_value_is_not_echoed_back(store_file: Path) -> None:
    app = create_app(store_file)
    value = "Q" * 100_000
    for path, query in [
        ("/api/events", f"actor={value}".encode()),
        ("/api/events", f"since={value}".encode()),
        ("/api/events", f"country={value}&place={value}".encode()),
        (f"/api/events/{value}", b""),
    ]:
        status, body = _asgi_get(app, path, query)
        assert status == 422, body[:300]
        assert len(body) < 1024 and "Q" * 41 not in body.decode(), body[:300]
        assert json.loads(body)["detail"]
