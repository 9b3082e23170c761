"""`--actor` and `--place` (and the API's `actor=`/`place=`) are plain case-insensitive
substrings: `%`, `_` and `\\` in a value are those characters, never SQL wildcards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tadmur.api import create_app
from tadmur.cli import main
from tadmur.model import Document, Event, Extraction, Location, Span
from tadmur.query import Filters, count_events, merged_events
from tadmur.store import Store

# (actor1, actor2, place, admin1, latitude): each its own day and place, so nothing merges
EVENTS = [
    ("Military Forces of Syria (2000-)", "Hayat Tahrir al-Sham", "Kafr Nabl", "Idlib", 35.6),
    ("Islamic State (Syria)", None, "Palmyra", "Homs", 34.5),
    ("Unit_42 Militia", None, "Deir ez-Zor", "Deir ez-Zor", 35.3),
    ("Brigade 100% Free", None, "Al Bab", "Aleppo", 36.3),
]


def _extraction(
    i: int, actor1: str, actor2: str | None, place: str, admin1: str, lat: float
) -> Extraction:
    """One document with one clash of its own (different days and places: no merging)."""
    text = f"{actor1} fought in {place}."
    location = Location(place, 1000 + i, "SY", admin1, lat, 36.0 + i, 1)
    event = Event(
        id=f"e{i}", event_type="Battles", sub_event_type="Armed clash",
        date=f"2019-0{i + 1}-10", date_end=f"2019-0{i + 1}-10", time_precision=1,
        actor1=actor1, actor2=actor2, location=location,
        evidence=(Span(0, len(text), text),), sources=("AFP",),
    )  # fmt: skip
    document = Document(id=f"d{i}", path=f"d{i}.txt", title=place, text=text)
    return Extraction(document, (event,))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "f.duckdb"
    with Store(path) as store:
        store.add([_extraction(i, *row) for i, row in enumerate(EVENTS)])
        assert store.refresh_merged() == len(EVENTS)
    return path


def _actors(store: Store, actor: str | None = None, place: str | None = None) -> set[str]:
    """actor1 of the events the filters keep (every test event has its own)."""
    return {e["actor1"] for e in merged_events(store, Filters(actor=actor, place=place))}


def test_wildcard_characters_are_literal(store: Store) -> None:
    assert _actors(store, place="_") == set()
    assert _actors(store, place="%") == set()
    assert _actors(store, actor="\\") == set()
    assert _actors(store, actor="%%") == set()
    assert _actors(store, actor="Syria_") == set()  # `_` no longer stands for "(" or " "
    assert _actors(store, place="K_fr") == set()
    assert count_events(store, Filters(place="_")) == 0


def test_names_with_those_characters_are_found_by_them(store: Store) -> None:
    assert _actors(store, actor="_") == {"Unit_42 Militia"}
    assert _actors(store, actor="unit_42") == {"Unit_42 Militia"}
    assert _actors(store, actor="%") == {"Brigade 100% Free"}
    assert _actors(store, actor="100% f") == {"Brigade 100% Free"}
    assert count_events(store, Filters(actor="%")) == 1


def test_ordinary_substrings_match_as_before(store: Store) -> None:
    syrian = {"Military Forces of Syria (2000-)", "Islamic State (Syria)"}
    assert _actors(store, actor="syria") == syrian
    assert _actors(store, actor="SYRIA)") == {"Islamic State (Syria)"}
    assert _actors(store, actor="tahrir") == {"Military Forces of Syria (2000-)"}  # actor2
    assert _actors(store, place="palm") == {"Islamic State (Syria)"}
    assert _actors(store, place="idlib") == {"Military Forces of Syria (2000-)"}  # admin1
    assert _actors(store, actor="syria", place="homs") == {"Islamic State (Syria)"}
    assert len(_actors(store, actor="")) == len(EVENTS)  # an empty value filters nothing


def test_cli_events_place_underscore(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(db), "--format", "jsonl", "--place", "_"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["events", "--db", str(db), "--format", "jsonl", "--actor", "_"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["actor1"] for r in rows] == ["Unit_42 Militia"]
    assert main(["events", "--db", str(db), "--format", "jsonl", "--place", "deir"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_api_actor_and_place(db: Path) -> None:
    client = TestClient(create_app(db))

    def actors(**params: str) -> list[str]:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == len(body["events"])
        return sorted(e["actor1"] for e in body["events"])

    assert actors(place="_") == []
    assert actors(actor="%") == ["Brigade 100% Free"]
    assert actors(actor="\\") == []
    assert actors(actor="_") == ["Unit_42 Militia"]
    assert actors(place="aleppo") == ["Brigade 100% Free"]
    assert len(actors()) == len(EVENTS)
