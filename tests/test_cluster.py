"""Scale-out: worker processes and a real multi-process Dask cluster give the same store
as one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tadmur.cluster import ingest_dask, partitions
from tadmur.model import Extraction, dumps
from tadmur.pipeline import Pipeline, ingest, read_inputs
from tadmur.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _corpus(tmp_path: Path) -> Path:
    """Fixture articles as files in two folders, plus a JSONL file and a bad file."""
    root = tmp_path / "corpus"
    articles = sorted((FIXTURES / "events").glob("*.txt"))[:18]
    articles += sorted((FIXTURES / "merge").glob("*.txt"))
    for i, article in enumerate(articles):
        folder = root / ("a" if i % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(article, folder / article.name)
    lines = [
        json.dumps({"text": p.read_text("utf-8"), "url": f"https://example.org/{p.stem}"})
        for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))[:4]
    ]
    (root / "feed.jsonl").write_text("\n".join([*lines, "{not json"]) + "\n", "utf-8")
    (root / "b" / "empty.txt").write_text("", "utf-8")
    return root


def _snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(path, read_only=True) as store:
        places = store.db.execute("SELECT * FROM places ORDER BY geonameid").fetchall()
        return {**store.fingerprint(), "places": places}


def test_partitions_keep_the_local_reading_order(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    parts = partitions([str(root)], 5)
    flat = [path for part in parts for path in part]
    assert flat == sorted(flat)  # folders are read in name order, as the local engine does
    assert [str(root / "feed.jsonl")] in parts  # a JSONL file is a partition of its own
    assert all(len(part) <= 5 for part in parts)
    assert len(flat) == len(set(flat)) == 24


def test_worker_processes_give_the_same_output_as_one_process() -> None:
    paths = [str(p) for p in sorted((FIXTURES / "events").glob("*.txt"))[:12]]
    one = [dumps(e.to_dict()) for e in Pipeline().extract_many(read_inputs(paths))]  # type: ignore[union-attr]
    with Pipeline(workers=2, batch_size=4) as pipeline:
        results = list(pipeline.extract_many(read_inputs(paths)))
    assert all(isinstance(r, Extraction) for r in results)
    assert [dumps(e.to_dict()) for e in results] == one  # type: ignore[union-attr]


@pytest.mark.slow
def test_dask_cluster_ingest_equals_the_local_store(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store(local_db) as store:
        local = ingest(store, [str(root)])
    shards = tmp_path / "shards"
    with Store(dask_db) as store:
        remote = ingest_dask(store, [str(root)], workers=2, partition_size=4, shard_dir=shards)
    assert local.documents == remote.documents == 24 - 2 + 4
    assert local.events == remote.events > 0
    assert local.merged == remote.merged
    assert sorted(map(str, local.failures)) == sorted(map(str, remote.failures))
    assert len(remote.failures) == 2
    assert _snapshot(local_db) == _snapshot(dask_db)
    assert sorted(p.name for p in (shards / "documents").iterdir())[0] == "part-000000.parquet"

    # Loading the same corpus again through the cluster adds nothing.
    with Store(dask_db) as store:
        again = ingest_dask(store, [str(root)], workers=2, partition_size=4)
    assert again.documents == 0 and again.skipped == local.documents
    assert _snapshot(local_db) == _snapshot(dask_db)
