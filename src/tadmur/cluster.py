"""The same pipeline on a Dask cluster: `tadmur ingest --engine dask`.

The driver lists the inputs (folders expanded; a JSONL or WARC file is one unit, read by
one worker) and cuts them into partitions. Each worker holds one `Pipeline`, loaded once
by a worker plugin, and turns a partition into the store's tables, written as Parquet
shards (one file per table and partition) in a folder that the driver and the workers
share. The driver then loads the shards into DuckDB in partition order, one transaction
per partition, and runs the cross-article merge over the whole store, exactly as the
local engine does. With `keep_shards` only, the shards stay as a Parquet dataset.

Without a scheduler address a `LocalCluster` of worker processes on this machine is
started, one thread each (spaCy releases little of the GIL).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from tadmur.ingest import corpus_files, is_collection
from tadmur.model import Extraction
from tadmur.pipeline import Failure, IngestReport, Pipeline, read_inputs
from tadmur.store import Store, extraction_tables

PLUGIN = "tadmur-pipeline"


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a worker sends back: where its tables went, and what it could not read."""

    index: int
    files: dict[str, str]
    documents: int
    failures: tuple[Failure, ...]


def partitions(paths: Iterable[str], size: int) -> list[list[str]]:
    """Inputs in the order the local engine reads them, `size` files to a partition; a
    JSONL or WARC file (many articles) gets a partition of its own."""
    units: list[str] = []
    for path in paths:
        p = Path(path)
        units.extend(corpus_files(p) if path != "-" and p.is_dir() else [path])
    out: list[list[str]] = []
    current: list[str] = []
    for unit in units:
        if unit == "-":
            raise ValueError("the dask engine cannot read stdin; give files or folders")
        if is_collection(unit):
            if current:
                out.append(current)
                current = []
            out.append([unit])
            continue
        current.append(unit)
        if len(current) >= size:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


class PipelinePlugin(WorkerPlugin):
    """Loads one Pipeline per worker process when the worker starts (a Dask worker
    plugin: `setup` runs on each worker, now and when workers join later)."""

    name = PLUGIN

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        self.pipeline = Pipeline(batch_size=self.batch_size).warm()

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def extract_partition(index: int, paths: list[str], shard_dir: str) -> ShardResult:
    """Runs on a worker: one partition through the worker's pipeline into Parquet."""
    import pyarrow.parquet as pq

    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, PipelinePlugin) and plugin.pipeline is not None
    pipeline = plugin.pipeline
    extractions: list[Extraction] = []
    failures: list[Failure] = []
    for result in pipeline.extract_many(read_inputs(paths)):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            extractions.append(result)
    files: dict[str, str] = {}
    for table, data in extraction_tables(extractions).items():
        target = Path(shard_dir) / table / f"part-{index:06d}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        pq.write_table(data, partial)
        partial.replace(target)  # a shard is there whole or not at all
        files[table] = str(target)
    return ShardResult(index, files, len(extractions), tuple(failures))


def _results(client: Any, parts: list[list[str]], shard_dir: str) -> Iterator[ShardResult]:
    """Partition results in partition order (the scheduler spreads the partitions over
    the workers; each result is released once read)."""
    futures = [
        client.submit(extract_partition, i, part, shard_dir, pure=False)
        for i, part in enumerate(parts)
    ]
    for future in futures:
        result: ShardResult = future.result()
        future.release()
        yield result


def ingest_dask(
    store: Store | None,
    paths: Iterable[str],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 64,
    shard_dir: Path | None = None,
) -> IngestReport:
    """Extract on a Dask cluster, load the shards into `store` and merge. With
    `store=None` the shards are only written, to `shard_dir`, and kept."""
    import pyarrow.parquet as pq

    if store is None and shard_dir is None:
        raise ValueError("without a store, give a folder for the Parquet shards")
    started = time.perf_counter()
    parts = partitions(paths, partition_size)
    keep = shard_dir is not None
    directory = shard_dir or Path(tempfile.mkdtemp(prefix="tadmur-shards-"))
    directory.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=0,
        )
    failures: list[Failure] = []
    documents = skipped = events = 0
    try:
        with Client(scheduler or cluster) as client:  # type: ignore[no-untyped-call]
            client.register_plugin(PipelinePlugin())
            for result in _results(client, parts, str(directory)):
                failures.extend(result.failures)
                if store is None:
                    documents += result.documents
                    continue
                tables = {name: pq.read_table(path) for name, path in result.files.items()}
                counts = store.add_tables(tables)
                documents += counts.documents
                skipped += counts.skipped
                events += counts.events
    finally:
        if cluster is not None:
            cluster.close()
        if not keep:
            shutil.rmtree(directory, ignore_errors=True)
    merged = store.merged_count() if store is not None else 0
    return IngestReport(
        documents, skipped, events, tuple(failures), merged, time.perf_counter() - started
    )
