"""`tadmur export --format acled-csv` writes only rows ACLED accepts (a day, a point, a
country) and says on stderr how many events it left out and why."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from tadmur.cli import main
from tadmur.model import Document, Event, Extraction, Location, Span
from tadmur.query import (
    ACLED_COLUMNS,
    LeftOut,
    acled_csv,
    acled_export,
    acled_rows,
    merged_events,
)
from tadmur.store import Store

# name: (date, location); every event its own day and place so that none merge
COMPLETE = {
    "kafr": ("2019-08-21", Location("Kafr Nabl", 168661, "SY", "Idlib", 35.61, 36.56, 1)),
    "palmyra": ("2016-03-27", Location("Palmyra", 170017, "SY", "Homs", 34.56, 38.27, 1)),
    "mosul": ("2017-07-09", Location("Mosul", 99072, "iq", "Nineveh", 36.34, 43.13, 1)),
}
INCOMPLETE = {
    "undated": (None, Location("Raqqa", 163915, "SY", "Ar Raqqa", 35.95, 39.01, 1)),
    "undated2": (None, None),
    "no_point": ("2019-05-05", Location("somewhere", None, "SY", None, None, None, 4)),
    "no_location": ("2019-05-06", None),
    "no_country": ("2019-05-07", Location("at sea", None, None, None, 33.0, 34.0, 3)),
    "bad_country": ("2019-05-08", Location("Nowhere", None, "ZZ", None, 31.0, 30.0, 3)),
}


def _extraction(i: int, name: str, day: str | None, location: Location | None) -> Extraction:
    text = f"Fighting was reported in {name}."
    event = Event(
        id=f"{name}-{i:04d}", event_type="Battles", sub_event_type="Armed clash",
        date=day, date_end=day, time_precision=1 if day else 3,
        actor1="Military Forces of Syria (2000-)", actor2="Islamic State (Syria)",
        location=location, evidence=(Span(0, len(text), text),), sources=("AFP",),
        fatalities=2,
    )  # fmt: skip
    document = Document(
        id=f"doc-{name}", path=f"{name}.txt", title=name, text=text, published="2019-09-01"
    )
    return Extraction(document, (event,))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "a.duckdb"
    everything = {**COMPLETE, **INCOMPLETE}
    with Store(path) as store:
        store.add([_extraction(i, n, *everything[n]) for i, n in enumerate(everything)])
        assert store.refresh_merged() == len(everything)
    return path


def _check_row(row: dict[str, str]) -> None:
    """What an ACLED reader needs of every row."""
    assert tuple(row) == ACLED_COLUMNS
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"])
    assert row["year"] == str(date.fromisoformat(row["event_date"]).year)
    assert -90 <= float(row["latitude"]) <= 90
    assert -180 <= float(row["longitude"]) <= 180
    assert re.fullmatch(r"[A-Z]{3}[0-9A-Z-]+", row["event_id_cnty"])
    assert not row["event_id_cnty"].startswith("XXX")
    assert int(row["iso"]) > 0
    assert row["country"]


def _parse(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    return list(reader)


def test_export_keeps_only_complete_rows(store: Store) -> None:
    export = acled_export(store)
    assert export.left_out == LeftOut(undated=2, unlocated=2, no_country=2)
    rows = _parse(export.csv())
    assert len(rows) == len(COMPLETE)
    for row in rows:
        _check_row(row)
    by_country = {row["country"]: row for row in rows}
    assert set(by_country) == {"Syria", "Iraq"}
    iraq = by_country["Iraq"]  # a lower-case code in the store is still Iraq's
    assert iraq["event_id_cnty"].startswith("IRQ") and iraq["iso"] == "368"
    assert {row["event_date"] for row in rows} == {day for day, _ in COMPLETE.values()}
    # the incomplete events are still in the store
    assert len(merged_events(store)) == len(COMPLETE) + len(INCOMPLETE)


def test_older_entry_points_agree(store: Store) -> None:
    export = acled_export(store)
    assert acled_rows(store) == export.rows
    assert acled_csv(store) == export.csv()


def test_left_out_wording() -> None:
    assert LeftOut().total == 0 and LeftOut().describe() == ""
    assert LeftOut(undated=1).describe() == "1 event without a date"
    assert LeftOut(55, 7).describe() == "55 events without a date, 7 without coordinates"
    assert (
        LeftOut(unlocated=1, no_country=3).describe()
        == "1 event without coordinates, 3 without a known country"
    )


def test_cli_writes_complete_rows_and_warns(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "acled.csv"
    assert main(["export", "--db", str(db), "--format", "acled-csv", str(out)]) == 0
    rows = _parse(out.read_text("utf-8"))
    assert len(rows) == len(COMPLETE)
    for row in rows:
        _check_row(row)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "tadmur: warning: 2 events without a date, 2 without coordinates, 2 without a known "
        "country were left out of the ACLED file (ACLED requires a date, coordinates and a "
        "country; they stay in the store, and `export --format parquet` has them)"
    ]


def test_cli_to_stdout_keeps_the_warning_apart(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(db), "--format", "acled-csv", "-"]) == 0
    captured = capsys.readouterr()
    assert len(_parse(captured.out)) == len(COMPLETE)
    assert "6 events" not in captured.out and "were left out" in captured.err


def test_no_warning_when_nothing_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "complete.duckdb"
    with Store(path) as store:
        store.add([_extraction(i, n, *COMPLETE[n]) for i, n in enumerate(COMPLETE)])
        store.refresh_merged()
    out = tmp_path / "acled.csv"
    assert main(["export", "--db", str(path), "--format", "acled-csv", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert len(_parse(out.read_text("utf-8"))) == len(COMPLETE)


def test_other_formats_say_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(db), "--format", "geojson", str(tmp_path / "g.json")]) == 0
    assert capsys.readouterr().err == ""
