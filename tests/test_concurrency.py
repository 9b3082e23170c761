"""Several processes on one store: readers keep answering while an ingest writes, two
ingests at once take turns, an ingest that cannot get the store says so and a re-run
completes it; the store ends as one uninterrupted ingest would leave it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tadmur.api import create_app
from tadmur.benchcorpus import write_corpus
from tadmur.pipeline import Pipeline, ingest
from tadmur.store import Store

TADMUR = [sys.executable, "-m", "tadmur.cli"]
ARTICLES = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("concurrency") / "corpus"
    write_corpus(folder, ARTICLES, seed=5)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of one uninterrupted ingest of the corpus."""
    db = tmp_path_factory.mktemp("reference") / "ref.duckdb"
    with Store(db) as store:
        report = ingest(store, [str(corpus)], Pipeline())
    assert report.documents == ARTICLES and report.failures == ()
    return db


def _ingest(paths: list[Path], db: Path) -> list[str]:
    return [*TADMUR, "ingest", *map(str, paths), "--db", str(db), "--batch-size", "4"]


def _same_store(a: Path, b: Path) -> None:
    with Store(a, read_only=True) as one, Store(b, read_only=True) as other:
        assert one.fingerprint() == other.fingerprint()
        assert one.counts() == other.counts()


@pytest.mark.slow
def test_readers_answer_while_an_ingest_writes(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    Store(db).close()  # the schema, as a first ingest leaves it
    writer = subprocess.Popen(
        [*_ingest([corpus], db), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    client = TestClient(create_app(db))
    documents: list[int] = []
    queries = 0
    next_query = time.monotonic()
    while writer.poll() is None:
        stats = client.get("/api/stats")
        assert stats.status_code == 200, stats.text
        page = client.get("/api/events", params={"limit": 5})
        assert page.status_code == 200, page.text
        documents.append(stats.json()["documents"])
        if time.monotonic() >= next_query:
            run = subprocess.run(
                [*TADMUR, "events", "--db", str(db), "--format", "jsonl"],
                capture_output=True,
                timeout=120,
                check=False,
            )
            assert run.returncode == 0, run.stderr.decode()
            assert all(json.loads(line)["id"] for line in run.stdout.splitlines())
            queries += 1
            next_query = time.monotonic() + 1.0
        time.sleep(0.05)
    assert writer.wait() == 0, writer.communicate()[1].decode()
    final = client.get("/api/stats").json()
    assert final["documents"] == ARTICLES and final["merged_events"] > 0
    assert documents == sorted(documents)
    # the readers saw the ingest in progress, batch after batch, not only before and after
    assert len({n for n in documents if 0 < n < ARTICLES}) >= 3, documents
    assert queries >= 3


@pytest.mark.slow
def test_two_ingests_at_once_take_turns(corpus: Path, reference: Path, tmp_path: Path) -> None:
    files = sorted(corpus.iterdir())
    third = ARTICLES // 3
    parts = [files[: 2 * third], files[third:]]  # each has articles of its own, and a shared third
    db = tmp_path / "store.duckdb"
    ingests = [
        subprocess.Popen(
            [*_ingest(part, db), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for part in parts
    ]
    errors = [proc.communicate(timeout=300)[1].decode() for proc in ingests]
    assert [proc.returncode for proc in ingests] == [0, 0], errors
    stored = [int(re.findall(r"ingested (\d+) new documents", text)[0]) for text in errors]
    assert sum(stored) == ARTICLES and min(stored) >= third, stored
    _same_store(db, reference)


@pytest.mark.slow
def test_an_ingest_kept_out_fails_clearly_and_a_rerun_completes(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    command = _ingest([corpus], db)
    writer = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ | {"TADMUR_STORE_WAIT": "1"},
    )
    assert writer.stderr is not None
    progress = 0
    while progress < 2:  # 20 inputs read, so at least 20 documents stored
        line = writer.stderr.readline()
        assert line, "the ingest ended early"
        progress += line.startswith(b"ingest: ")
    # Hold the store open (as a long export would) for longer than the ingest waits.
    with Store(db, read_only=True) as held:
        stored = held.counts()["documents"]
        reader = subprocess.run(
            [*TADMUR, "events", "--db", str(db)], capture_output=True, timeout=120, check=False
        )
        message = writer.communicate(timeout=120)[1].decode()
    assert reader.returncode == 0, reader.stderr.decode()  # readers share the file
    assert writer.returncode == 2, message
    assert f"{db}: the store is in use by another process (PID {os.getpid()})" in message
    assert "running the same ingest again completes it" in message
    assert 20 <= stored < ARTICLES
    rerun = subprocess.run([*command, "--quiet"], capture_output=True, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    _same_store(db, reference)
