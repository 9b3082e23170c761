"""Merged events keep their ids as reports join them, merged-away ids say where they went,
and folding batches in one by one gives the merge of all reports at once."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tadmur.model import Document, Event, Extraction, Location, Span
from tadmur.store import MIGRATIONS, SCHEMA_VERSION, Store


def _clash(i: int, day: int, actor: str = "A", published: int | None = None) -> Extraction:
    """Report `i` of a clash on `day`, in an article published on day `published`
    (default: the day after the clash)."""
    text = f"Clashes in Palmyra, report {i}."
    out = f"2019-01-{published or day + 1:02d}"
    document = Document(id=f"doc{i}", path=f"p{i}", title=text, text=text, published=out)
    event = Event(
        id=f"r{i}", event_type="Battles", sub_event_type="Armed clash",
        date=f"2019-01-{day:02d}", date_end=f"2019-01-{day:02d}", time_precision=1,
        actor1=actor, actor2=None,
        location=Location("Palmyra", 163808, "SY", None, 34.56, 38.28, 1),
        evidence=(Span(0, 8, "Clashes "),),
    )  # fmt: skip
    return Extraction(document, (event,))


def _merged(store: Store) -> list[tuple[str, int]]:
    return store.db.execute("SELECT id, reports FROM merged_events ORDER BY id").fetchall()


def test_an_event_keeps_its_id_when_reports_join_it(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([_clash(5, 10)])
        assert _merged(store) == [("r5", 1)]
        store.add([_clash(1, 10, published=12)])  # a later article: the event keeps its id
        assert _merged(store) == [("r5", 2)]
        store.add([_clash(3, 20)])  # another event
        assert _merged(store) == [("r3", 1), ("r5", 2)]
        store.add([_clash(4, 10, published=10)])  # published before the first: it leads
        assert _merged(store) == [("r3", 1), ("r4", 3)]
        assert store.redirect("r5") == "r4"


def test_the_ids_do_not_depend_on_the_order_reports_were_stored_in(tmp_path: Path) -> None:
    reports = [_clash(i, 10 + i % 3, published=20 - i) for i in range(6)]
    with Store(tmp_path / "a.duckdb") as a, Store(tmp_path / "b.duckdb") as b:
        for report in reports:
            a.add([report])
        for report in reversed(reports):
            b.add([report])
        assert a.fingerprint() == b.fingerprint()


def test_an_id_merged_away_redirects_to_where_it_went(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([_clash(1, 10)])
        store.add([_clash(2, 12)])  # two days apart: two events
        assert _merged(store) == [("r1", 1), ("r2", 1)]
        store.add([_clash(3, 11)])  # a day from each: one event, the earliest's id
        assert _merged(store) == [("r1", 3)]
        assert store.redirect("r2") == "r1"
        assert store.redirect("r1") is None
        assert store.merge_lag() == 0


def test_redirects_follow_a_chain_of_merges(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([_clash(1, 10), _clash(2, 12), _clash(3, 14)])
        assert [m for m, _ in _merged(store)] == ["r1", "r2", "r3"]
        store.add([_clash(4, 13)])  # joins 2 and 3: 3 goes to 2
        assert store.redirect("r3") == "r2"
        store.add([_clash(5, 11)])  # joins 1 and 2: 2 (and so 3) go to 1
        assert (store.redirect("r2"), store.redirect("r3")) == ("r1", "r1")
        assert _merged(store) == [("r1", 5)]


days = st.lists(
    st.tuples(st.integers(min_value=1, max_value=20), st.sampled_from(["A", "B"])),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days, st.integers(min_value=1, max_value=5))
def test_folding_batches_in_equals_merging_all_at_once(
    tmp_path_factory: pytest.TempPathFactory, reports: list[tuple[int, str]], size: int
) -> None:
    batch = [_clash(i, day, actor) for i, (day, actor) in enumerate(reports)]
    folder = tmp_path_factory.mktemp("fold")
    with Store(folder / "one.duckdb") as one, Store(folder / "many.duckdb") as many:
        one.add(batch)
        for start in range(0, len(batch), size):
            many.add(batch[start : start + size])
        assert many.fingerprint() == one.fingerprint()
        whole = one.fingerprint()
        one.refresh_merged()
        assert one.fingerprint() == whole
        assert one.merge_lag() == many.merge_lag() == 0


def test_a_store_of_the_first_schema_is_migrated_and_its_old_ids_redirect(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    db = duckdb.connect(str(path))
    db.execute("CREATE TABLE schema_version (version INTEGER)")
    db.execute(MIGRATIONS[0])
    db.execute("INSERT INTO schema_version VALUES (1)")
    for i in (1, 2):
        db.execute(
            "INSERT INTO documents (id, path, title, text) VALUES (?, ?, ?, ?)",
            [f"doc{i}", f"p{i}", "t", "t"],
        )
        db.execute(
            "INSERT INTO events (id, document_id, event_type, sub_event_type, date, date_end, "
            "time_precision, actor1, location_name, geonameid, latitude, longitude, "
            "geo_precision, confidence) VALUES (?, ?, 'Battles', 'Armed clash', "
            "'2019-01-10', '2019-01-10', 1, 'A', 'Palmyra', 163808, 34.56, 38.28, 1, 0.5)",
            [f"r{i}", f"doc{i}"],
        )
    db.execute("INSERT INTO merged_events (id, event_type, sub_event_type, reports, sources, "
               "conflicts, confidence) VALUES ('oldhash', 'Battles', 'Armed clash', 2, '[]', "
               "'{}', 0.5)")  # fmt: skip
    db.execute("INSERT INTO merged_members VALUES ('oldhash', 'r1'), ('oldhash', 'r2')")
    db.close()
    with Store(path) as store:
        assert store.version() == SCHEMA_VERSION
        assert _merged(store) == [("r1", 2)]
        assert store.redirect("oldhash") == "r1"
        assert store.check() == []


@pytest.mark.slow
def test_ids_survive_a_second_ingest_or_say_where_they_went(tmp_path: Path) -> None:
    from tadmur.benchcorpus import write_corpus
    from tadmur.pipeline import Pipeline, ingest

    folder = tmp_path / "corpus"
    write_corpus(folder, 40, seed=4)
    files = sorted(folder.iterdir())
    later = [str(f) for f in files[20:]]
    for n, first in enumerate(files[:5]):  # the second half reports five events again
        again = tmp_path / f"again-{n}.txt"
        again.write_text(first.read_text("utf-8") + "\n\nMore details emerged later.\n", "utf-8")
        later.append(str(again))
    pipeline = Pipeline()
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(f) for f in files[:20]], pipeline)
        before = {row[0] for row in store.db.execute("SELECT id FROM merged_events").fetchall()}
        ingest(store, later, pipeline)
        after = {row[0] for row in store.db.execute("SELECT id FROM merged_events").fetchall()}
        grown = store.db.execute("SELECT count(*) FROM merged_events WHERE reports > 1").fetchall()[
            0
        ][0]
        moved = {old: store.redirect(old) for old in before - after}
    assert before and grown > 0  # the second half joins events of the first
    assert all(new in after for new in moved.values())
    assert len(moved) < len(before) / 4  # most ids stay as they were


def test_the_api_leads_a_merged_away_id_to_where_it_went(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tadmur.api import create_app

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add([_clash(1, 10)])
        store.add([_clash(2, 12)])
        store.add([_clash(3, 11)])
    with TestClient(create_app(db)) as client:
        moved = client.get("/api/events/r2", follow_redirects=False)
        assert moved.status_code == 301
        assert moved.headers["location"] == "/api/events/r1"
        assert moved.json()["merged_into"] == "r1"
        followed = client.get("/api/events/r2")
        assert followed.status_code == 200 and followed.json()["id"] == "r1"
        assert followed.json()["reports"] == 3
        assert client.get("/api/events/nothing").status_code == 404
