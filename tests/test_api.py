"""The HTTP API on a store built from the merge fixtures: endpoints, bounds, and a
schemathesis run against the published OpenAPI schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from tadmur.api import MAX_PAGE, create_app
from tadmur.pipeline import Pipeline, ingest
from tadmur.store import Store, StoreError

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with Store(path) as store:
        ingest(store, [str(FIXTURES / "merge")], Pipeline())
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_events_pagination_and_filters(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == len(everything["events"]) > 2
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["events"] == everything["events"][1:3]
    regains = client.get("/api/events", params={"type": "Government regains territory"}).json()
    assert regains["total"] >= 2
    assert all(e["sub_event_type"] == "Government regains territory" for e in regains["events"])
    assert client.get("/api/events", params={"country": "LY"}).json()["total"] == 0
    near = client.get("/api/events", params={"near": "35.61,36.56,5"}).json()
    assert near["total"] and all(e["location"]["geonameid"] == 168661 for e in near["events"])


def test_geojson_form(client: TestClient) -> None:
    collection = client.get("/api/events", params={"format": "geojson"}).json()
    assert collection["type"] == "FeatureCollection"
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_event_document_and_control(client: TestClient) -> None:
    regains = client.get(
        "/api/events", params={"near": "35.61,36.56,5", "type": "Government regains territory"}
    ).json()
    (event,) = regains["events"]
    detail = client.get(f"/api/events/{event['id']}").json()
    assert detail["reports"] == 2 and len(detail["report_details"]) == 2
    document = client.get(f"/api/documents/{detail['document_ids'][0]}").json()
    spans = [s for s in document["spans"] if s["merged_id"] == event["id"]]
    assert spans
    for span in spans:
        assert document["text"][span["start"] : span["end"]]
    control = client.get("/api/places/168661/control").json()
    assert [p["controller"] for p in control["periods"]] == [
        "Military Forces of Syria (2000-)",  # ACLED's name for the event's government
        "Hayat Tahrir al-Sham",
        "Military Forces of Syria (2000-)",
    ]
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 4 and "Battles" in stats["event_types"]


def test_bad_requests_are_4xx_not_500(client: TestClient) -> None:
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/events", params={"limit": MAX_PAGE + 1}).status_code == 422
    assert client.get("/api/events", params={"near": "north"}).status_code == 422
    assert client.get("/api/events", params={"near": "95,0,5"}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    injected = client.get("/api/events", params={"actor": "x' OR '1'='1", "place": "';--"})
    assert injected.status_code == 200 and injected.json()["total"] == 0
    assert client.get("/static/../../pyproject.toml").status_code == 404


def test_page_and_assets_are_served_locally(client: TestClient) -> None:
    page = client.get("/").text
    assert "http://" not in page and "https://" not in page
    for asset in ("/static/app.js", "/static/vendor/leaflet/leaflet.js",
                  "/static/vendor/world-atlas/countries-110m.json"):  # fmt: skip
        assert client.get(asset).status_code == 200, asset


def test_store_is_opened_read_only(db: Path) -> None:
    app = create_app(db)
    with app.state.readers.reading() as store, pytest.raises(Exception, match="read-only"):
        store.db.execute("DELETE FROM documents")
    with pytest.raises(StoreError, match="not open"):
        app.state.store.db.execute("SELECT 1")  # the start-up store holds nothing


def test_a_store_kept_busy_is_a_503_then_served_again(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "busy.duckdb"
    shutil.copyfile(db, copy)
    monkeypatch.setenv("TADMUR_STORE_WAIT", "0.3")
    client = TestClient(create_app(copy))
    writer = subprocess.Popen(  # another process holding the file for writing
        [sys.executable, "-c", HOLD_FOR_WRITING, str(copy)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
    )
    assert writer.stdout is not None and writer.stdin is not None
    try:
        assert writer.stdout.readline() == b"holding\n"
        busy = client.get("/api/stats")
        assert busy.status_code == 503 and busy.headers["retry-after"]
        assert str(copy) not in busy.text  # nothing of the server's files in the answer
    finally:
        writer.stdin.close()  # lets go of the file
        writer.wait(timeout=30)
    assert client.get("/api/stats").json()["documents"] == 4


HOLD_FOR_WRITING = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()
connection.close()
"""


def test_schemathesis_finds_no_server_error(db: Path) -> None:
    """Every operation of the published OpenAPI schema, with generated requests."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    calls = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            nonlocal calls
            response = case.call()
            calls += 1
            assert response.status_code < 500, (case.path, case.query, response.text)

        check()
    assert calls >= 5 * 10
