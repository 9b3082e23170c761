"""The command line: a thin layer over the library (SPEC §1).

Exit codes: 0 success; 1 some inputs failed (the rest processed); 2 bad usage, or the store
busy for too long; 3 the store damaged or unreadable; 4 no space left to write; 70 a fault
of tadmur's own (a bug); 130 interrupted. Every failure ends in one `tadmur: error: ...`
line on stderr saying what to do, never a traceback (`TADMUR_DEBUG=1` adds it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

import duckdb

from tadmur import __version__
from tadmur.formats import events_csv, events_geojson
from tadmur.model import Extraction, dumps
from tadmur.pipeline import Failure, IngestReport, Pipeline, ingest, read_inputs
from tadmur.query import Filters, merged_events
from tadmur.store import (
    DEFAULT_DB,
    Problem,
    Store,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreFullError,
    StoreSchemaError,
    StoreSettingError,
    store_failure,
)
from tadmur.when import find_dates

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_DAMAGED, EXIT_FULL, EXIT_BUG, EXIT_INTERRUPTED = 3, 4, 70, 130


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tadmur",
        description="Structured, geocoded, dated conflict events from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"tadmur {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="extract documents and events from article files",
        description="Read article files (plain text as scraped, HTML, '-' for stdin) and "
        "print one JSON object per document.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files, '-' for stdin")
    extract.add_argument(
        "--format",
        choices=["json", "jsonl", "csv", "geojson"],
        default=None,
        help="json (indented), jsonl (one line per document; default when piped), "
        "csv (one row per event) or geojson (a FeatureCollection of events)",
    )
    extract.add_argument(
        "--published", type=_iso_date, help="publication date YYYY-MM-DD; wins over the text"
    )
    extract.add_argument("--url", help="the article's URL; wins over the text")
    extract.set_defaults(handler=_cmd_extract)

    dates = commands.add_parser(
        "dates",
        help="resolve the temporal expressions of a text",
        description="Print, as JSON, every temporal expression in TEXT resolved against the "
        "publication date, with the rule that resolved it.",
    )
    dates.add_argument("text", metavar="TEXT", help="the text ('-' reads stdin)")
    dates.add_argument(
        "--published", type=_iso_date, help="publication date YYYY-MM-DD (relative dates need it)"
    )
    dates.set_defaults(handler=_cmd_dates)

    places = commands.add_parser(
        "places",
        help="find and resolve the places of a text",
        description="Print, as JSON, every place found in TEXT, resolved to GeoNames in the "
        "context of the whole text (unresolved: geonameid null).",
    )
    places.add_argument("text", metavar="TEXT", help="the text ('-' reads stdin)")
    places.set_defaults(handler=_cmd_places)

    evaluate = commands.add_parser(
        "eval",
        help="score extraction against gold files",
        description="Extract the articles named by the *.gold.json files of GOLD_DIR and "
        "score the events and metadata as SPEC §4 says.",
    )
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR", nargs="?")
    evaluate.add_argument("--format", choices=["table", "json"], default="table")
    evaluate.add_argument("--json", action="store_true", help="the same as --format json")
    evaluate.add_argument(
        "--verbose", action="store_true", help="list missed and extra events on stderr"
    )
    evaluate.add_argument(
        "--split",
        metavar="JSON",
        help='GOLD_DIR: a fixed split ({"parts": {gold id: part}}); with --half, score '
        "one part only",
    )
    evaluate.add_argument("--half", help="--split: the part to score (e.g. tune or report)")
    evaluate.add_argument(
        "--acled",
        metavar="CSV",
        help="score against the rows of an ACLED export instead (SPEC §4b): each row's notes "
        "is one document",
    )
    evaluate.add_argument(
        "--per-type",
        type=int,
        default=40,
        help="--acled: rows per sub-event type in the balanced sample (default 40)",
    )
    evaluate.add_argument("--seed", type=int, default=0, help="--acled: sample seed")
    evaluate.add_argument(
        "--part",
        choices=["all", "train", "heldout"],
        default="all",
        help="--acled: rows of one part of the fixed time split only (README: 'Event "
        "classifier'); default all",
    )
    evaluate.add_argument(
        "--workers", type=int, default=1, help="worker processes; 0 = one per core"
    )
    evaluate.set_defaults(handler=_cmd_eval)

    ingest = commands.add_parser(
        "ingest",
        help="extract a corpus into the store",
        description="Extract files, folders, .jsonl, .warc/.warc.gz, .html and stdin ('-') "
        "into the store, idempotently (stored documents are skipped), a batch per "
        "transaction, then merge reports of the same event across articles.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")
    ingest.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: this machine, --workers processes; dask: a Dask cluster (see README)",
    )
    ingest.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (local engine, or the LocalCluster of the dask engine when "
        "no --scheduler is given); 0 = one per core",
    )
    ingest.add_argument(
        "--scheduler", metavar="ADDRESS", help="dask engine: an existing scheduler, tcp://host:8786"
    )
    ingest.add_argument(
        "--parquet",
        metavar="DIR",
        help="dask engine: keep the Parquet shards in DIR (shared by workers and this machine)",
    )
    ingest.add_argument("--batch-size", type=int, default=64)
    ingest.add_argument("--quiet", action="store_true", help="no progress line")
    ingest.set_defaults(handler=_cmd_ingest)

    bench = commands.add_parser(
        "bench",
        help="throughput and memory benchmark",
        description="Measure articles/s and words/s per stage and end to end, peak RSS, "
        "and the naive baseline (full spaCy on every sentence, one process) in the same run, "
        "on CORPUS or on a deterministic synthetic corpus; score the gold sets with and "
        "without the sentence filter.",
    )
    bench.add_argument("corpus", nargs="*", metavar="CORPUS", help="files or folders")
    bench.add_argument("--articles", type=int, default=1000, help="synthetic corpus size")
    bench.add_argument("--seed", type=int, default=0, help="synthetic corpus seed")
    bench.add_argument("--workers", type=int, default=0, help="worker processes; 0 = per core")
    bench.add_argument(
        "--baseline-articles", type=int, default=150, help="articles the naive baseline reads"
    )
    bench.add_argument(
        "--gold",
        action="append",
        metavar="DIR",
        help="gold set to score (repeatable; default tests/fixtures/events if present)",
    )
    bench.add_argument(
        "--acled", metavar="CSV", help="also score the held-out rows of an ACLED CSV (§4b)"
    )
    bench.add_argument("--json", action="store_true", help="one JSON object (SPEC §2b)")
    bench.add_argument(
        "--api",
        metavar="DB",
        help="instead: load-test `tadmur serve` over the store DB on loopback (requests/s and "
        "latency at concurrency 1, 8 and 32)",
    )
    bench.add_argument(
        "--requests", type=int, default=3000, help="--api: requests per concurrency level"
    )
    bench.set_defaults(handler=_cmd_bench)

    events = commands.add_parser(
        "events",
        help="query the merged events of the store",
        description="Print stored (merged) events as SPEC §2b says, filtered.",
    )
    events.add_argument("--db", default=DEFAULT_DB)
    events.add_argument("--format", choices=["table", "jsonl"], default="table")
    events.add_argument("--since", type=_iso_date, help="events ending on or after YYYY-MM-DD")
    events.add_argument("--until", type=_iso_date, help="events starting on or before YYYY-MM-DD")
    events.add_argument("--country", help="ISO 3166 code, e.g. SY")
    events.add_argument("--near", type=_near, metavar="LAT,LON,KM")
    events.add_argument("--type", help="event type or sub-event type")
    events.add_argument("--actor", help="part of an actor's name")
    events.add_argument("--place", help="part of a place's or province's name")
    events.add_argument("--limit", type=int)
    events.set_defaults(handler=_cmd_events)

    control = commands.add_parser(
        "control",
        help="territorial-control timeline of a place",
        description="Who held PLACE from when to when, from the stored takeover, regain and "
        "transfer events, with the events behind each change.",
    )
    control.add_argument("place", metavar="PLACE")
    control.add_argument("--db", default=DEFAULT_DB)
    control.add_argument("--format", choices=["text", "json"], default="text")
    control.set_defaults(handler=_cmd_control)

    export = commands.add_parser(
        "export",
        help="export the store",
        description="Write the merged events as ACLED's CSV columns, GeoJSON or Parquet.",
    )
    export.add_argument("out", metavar="OUT", help="output file ('-' for stdout, not parquet)")
    export.add_argument("--db", default=DEFAULT_DB)
    export.add_argument("--format", choices=["acled-csv", "geojson", "parquet"], required=True)
    export.set_defaults(handler=_cmd_export)

    serve = commands.add_parser(
        "serve",
        help="HTTP API and web map of the store",
        description="Serve the store read-only: the JSON API under /api (OpenAPI at /docs) "
        "and the map-and-timeline page at /.",
    )
    serve.add_argument("--db", default=DEFAULT_DB)
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=_cmd_serve)

    train = commands.add_parser(
        "train",
        help="train the event classifier from ACLED rows",
        description="Fit the event classifier on the training part of an ACLED CSV (the "
        "fixed time split) and the examples written for the project, and write the model "
        "with its provenance (data sha256, split, figures). The same inputs and seed give "
        "the same file. Needs scikit-learn (pip install 'tadmur[train]').",
    )
    train.add_argument("--acled", required=True, metavar="CSV", help="ACLED export with notes")
    train.add_argument(
        "--written",
        metavar="DIR",
        default="training/written",
        help="folder of *.jsonl examples written for the project (default training/written)",
    )
    train.add_argument(
        "--config",
        metavar="YAML",
        default="training/event_classifier.yaml",
        help="training settings (default training/event_classifier.yaml; built-in defaults "
        "when absent)",
    )
    train.add_argument("--seed", type=int, help="overrides the config's seed")
    train.add_argument(
        "--out",
        metavar="NPZ",
        help="model file to write (default: the package's own, src/tadmur/data/"
        "event_classifier.npz in a source checkout)",
    )
    train.set_defaults(handler=_cmd_train)

    check = commands.add_parser(
        "check",
        help="verify the store",
        description="Read every table of the store (DuckDB verifies each block's checksum), "
        "check the schema version and the counts that must agree between documents, "
        "reports and merged events, and say what is wrong. Exit 0 when sound, 3 when not.",
    )
    check.add_argument("--db", default=DEFAULT_DB)
    check.add_argument(
        "--repair",
        action="store_true",
        help="recompute the merged events when only they disagree with the reports (stored "
        "documents and reports are never changed)",
    )
    check.set_defaults(handler=_cmd_check)

    gazetteer = commands.add_parser(
        "gazetteer",
        help="build (if needed) and describe the gazetteer index",
        description="Build the cached gazetteer index if it is missing or stale, and print "
        "its size, load time and provenance as JSON.",
    )
    gazetteer.set_defaults(handler=_cmd_gazetteer)
    return parser


def _report(failure: Failure) -> None:
    print(f"tadmur: error: {failure}", file=sys.stderr)


def _warn(path: str, warning: str) -> None:
    print(f"tadmur: warning: {path}: {warning}", file=sys.stderr)


def _cmd_extract(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if sys.stdout.isatty() else "jsonl")
    pipeline = Pipeline()
    failed = 0
    results: list[Extraction] = []
    raws = read_inputs(args.paths, published=args.published, url=args.url)
    for result in pipeline.extract_many(raws):
        if isinstance(result, Failure):
            failed += 1
            _report(result)
            continue
        for warning in result.warnings:
            _warn(result.document.path, warning)
        if fmt == "jsonl":
            sys.stdout.write(result.to_json() + "\n")
            sys.stdout.flush()
        else:
            results.append(result)
    if fmt == "json" and results:
        payload = results[0].to_dict() if len(results) == 1 else [r.to_dict() for r in results]
        sys.stdout.write(dumps(payload, indent=2) + "\n")
    elif fmt == "csv":
        sys.stdout.write(events_csv(results))
    elif fmt == "geojson":
        sys.stdout.write(dumps(events_geojson(results)) + "\n")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _text_arg(value: str) -> str:
    return sys.stdin.read() if value == "-" else value


def _cmd_dates(args: argparse.Namespace) -> int:
    published = date.fromisoformat(args.published) if args.published else None
    found = find_dates(_text_arg(args.text), published)
    sys.stdout.write(dumps([e.to_dict() for e in found], indent=2) + "\n")
    return EXIT_OK


def _cmd_places(args: argparse.Namespace) -> int:
    from tadmur.gazetteer import load_gazetteer
    from tadmur.nlp import load_nlp
    from tadmur.where import PlaceResolver

    resolver = PlaceResolver(load_gazetteer())
    doc = load_nlp()(_text_arg(args.text))
    found = resolver.find(doc)
    sys.stdout.write(dumps([m.to_dict() for m in found], indent=2) + "\n")
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tadmur.evaluate import evaluate, format_table

    if args.acled:
        return _eval_acled(args)
    if args.gold_dir is None:
        print("tadmur: error: eval needs GOLD_DIR or --acled CSV", file=sys.stderr)
        return EXIT_USAGE
    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.gold.json")):
        print(f"tadmur: error: {gold_dir}: no *.gold.json files", file=sys.stderr)
        return EXIT_USAGE
    only: set[str] | None = None
    if args.split or args.half:
        if not (args.split and args.half):
            return _fail("--split and --half go together", EXIT_USAGE)
        parts = json.loads(Path(args.split).read_text("utf-8")).get("parts", {})
        only = {gold_id for gold_id, part in parts.items() if part == args.half}
        if not only:
            return _fail(f"{args.split}: no gold files in the part {args.half!r}", EXIT_USAGE)
    with Pipeline(workers=_workers(args.workers)) as pipeline:
        report = evaluate(gold_dir, pipeline, only=only)
    if args.verbose:
        for line in report.misses:
            print(f"missed: {line}", file=sys.stderr)
        for line in report.extras:
            print(f"extra: {line}", file=sys.stderr)
    _print_report(args, report.to_dict(), format_table(report))
    return EXIT_OK


def _print_report(args: argparse.Namespace, data: object, table: str) -> None:
    """An eval report as JSON (--format json or --json) or as its table."""
    sys.stdout.write(
        (dumps(data, indent=2) if args.format == "json" or args.json else table) + "\n"
    )


def _workers(requested: int) -> int:
    return requested if requested > 0 else os.cpu_count() or 1


def _eval_acled(args: argparse.Namespace) -> int:
    from tadmur.acled import AcledFileError, read_rows, select
    from tadmur.acled_eval import evaluate_acled, format_report

    if args.per_type < 1:
        print("tadmur: error: --per-type must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        rows = select(read_rows(args.acled), args.part)
    except AcledFileError as exc:
        print(f"tadmur: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not rows:
        print(f"tadmur: error: {args.acled}: no rows with notes to score", file=sys.stderr)
        return EXIT_USAGE
    with Pipeline(workers=_workers(args.workers)) as pipeline:
        report = evaluate_acled(rows, pipeline, per_type=args.per_type, seed=args.seed)
    for failure in report.failures:
        print(f"tadmur: error: {failure}", file=sys.stderr)
    _print_report(args, report.to_dict(), format_report(report))
    return EXIT_SOME_FAILED if report.failures else EXIT_OK


def _near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not LAT,LON,KM: {value!r}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"out of range: {value!r}")
    return lat, lon, km


def _open_store(path: str, *, read_only: bool, hold: bool = True) -> Store | None:
    """The store, or None after saying it does not exist. Opening waits (TADMUR_STORE_WAIT
    seconds) while another process has the file; `hold=False` opens it per operation only.
    A store to read is first brought up to this tadmur's schema, and its merged events up
    to date with its reports, when either lags (a store written by an older tadmur): an
    answer is never silently empty. Errors of the store propagate to `main`."""
    if read_only and not Path(path).exists():
        print(f"tadmur: error: {path}: no such store (run `tadmur ingest` first)", file=sys.stderr)
        return None
    if not read_only:
        return Store(path, hold=hold)
    try:
        store = Store(path, read_only=True, hold=hold)
    except StoreSchemaError as exc:
        if not exc.older:
            raise
        Store(path, hold=False).close()  # migrates
        store = Store(path, read_only=True, hold=hold)
    problems = store.check()  # every block read once: damage is found, not read through
    if _mendable(problems):
        lag = store.merge_lag()
        store.close()
        with Store(path, hold=False) as writable:  # derived data only: mend it, say so
            merged = writable.refresh_merged()
        print(
            f"tadmur: note: {path}: the merged events disagreed with the stored reports "
            f"({lag} reports in none); they were recomputed ({merged} now)",
            file=sys.stderr,
        )
        store = Store(path, read_only=True, hold=hold)
        problems = store.check()
    if problems:
        store.close()
        _refuse(path, problems)
    return store


def _cmd_check(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"tadmur: error: {args.db}: no such store", file=sys.stderr)
        return EXIT_USAGE
    with Store(args.db, read_only=not args.repair, hold=False) as store:
        problems = store.check()
        if args.repair and _mendable(problems):
            merged = store.refresh_merged()
            print(f"repaired: the merged events were recomputed ({merged})")
            problems = store.check()
        counts = store.counts() if not problems else None
    if counts is not None:
        print(
            f"store {args.db}: sound (schema {store.version()}; {counts['documents']} "
            f"documents, {counts['reports']} reports, {counts['merged_events']} merged events)"
        )
        return EXIT_OK
    _refuse(args.db, problems)


def _mendable(problems: Sequence[Problem]) -> bool:
    """Only the merged events (derived data) disagree: recomputing them mends the store."""
    return bool(problems) and all(p.kind == "merge" for p in problems)


def _refuse(path: str, problems: Sequence[Problem]) -> NoReturn:
    """List what `Store.check` found, then fail with the error of its kind."""
    for problem in problems:
        print(f"{path}: {problem.kind}: {problem}", file=sys.stderr)
    raise _failed_check(path, problems)


def _failed_check(path: str, problems: Sequence[Problem]) -> StoreError:
    kinds = {p.kind for p in problems}
    if kinds == {"merge"}:
        return StoreDamagedError(
            f"{path}: the merged events disagree with the stored reports; `tadmur check "
            f"--repair --db {path}` recomputes them"
        )
    if kinds == {"schema"}:
        return StoreSchemaError(f"{path}: {problems[0]}", older=True)
    return StoreDamagedError(
        f"{path}: the store is damaged ({len(problems)} problem(s), listed above); restore it "
        "from the last good copy, or move it aside and ingest the inputs again"
    )


def _cmd_ingest(args: argparse.Namespace) -> int:
    # The file is opened for each batch's transaction only, so that readers (`serve`,
    # `events`) and other ingests can use it in between.
    store = _open_store(args.db, read_only=False, hold=False)
    if store is None:
        return EXIT_USAGE
    problems = store.check()
    if _mendable(problems):
        store.refresh_merged()  # derived data only: mend it and go on
        problems = store.check()
    if problems:
        _refuse(args.db, problems)
    show = not args.quiet

    def progress(seen: int, seconds: float) -> None:
        if show and (seen % 10 == 0 or sys.stderr.isatty()):
            rate = seen / seconds if seconds > 0 else 0.0
            end = "\r" if sys.stderr.isatty() else "\n"
            print(f"ingest: {seen} inputs, {rate:.1f} docs/s", end=end, file=sys.stderr)

    try:
        with store:
            report = _run_ingest(store, args, progress)
            for failure in report.failures:
                _report(failure)
            summary = store.counts()
    except StoreBusyError as exc:
        raise StoreBusyError(
            f"{exc}; the batches stored before are kept, and running the same ingest again "
            "completes it"
        ) from exc
    rate = (report.documents + report.skipped) / report.seconds if report.seconds else 0.0
    out = sys.stderr if args.quiet else sys.stdout
    print(
        f"ingested {report.documents} new documents ({report.skipped} already stored, "
        f"{len(report.failures)} failed) with {report.events} events in {report.seconds:.1f} s "
        f"({rate:.1f} docs/s)",
        file=out,
    )
    print(
        f"store {args.db}: {summary['documents']} documents, {summary['reports']} event "
        f"reports, {summary['merged_events']} merged events "
        f"({summary['reports_in_multi_report_events']} reports merged across articles), "
        f"{summary['control_changes']} changes of control",
        file=out,
    )
    for event_type, n in summary["events_by_type"].items():
        print(f"  {n:4d}  {event_type}", file=out)
    return EXIT_SOME_FAILED if report.failures else EXIT_OK


def _run_ingest(
    store: Store, args: argparse.Namespace, progress: Callable[[int, float], None]
) -> IngestReport:
    workers = _workers(args.workers)
    if args.engine == "dask":
        from tadmur.cluster import ingest_dask

        shards = Path(args.parquet) if args.parquet else None
        return ingest_dask(
            store,
            args.paths,
            scheduler=args.scheduler,
            workers=max(workers, 1),
            partition_size=args.batch_size,
            shard_dir=shards,
        )
    with Pipeline(workers=workers) as pipeline:
        return ingest(
            store,
            args.paths,
            pipeline,
            batch_size=args.batch_size,
            on_progress=progress,
            on_warning=_warn,
        )


def _cmd_bench(args: argparse.Namespace) -> int:
    from tadmur.bench import format_bench, run_bench

    if args.api:
        return _bench_api(args)
    gold = [Path(g) for g in args.gold] if args.gold else None
    if gold is None:
        gold = [p for p in (Path("tests/fixtures/events"),) if p.is_dir()]
    quiet = args.json

    def step(message: str) -> None:
        if not quiet:
            print(f"bench: {message}", file=sys.stderr)

    result = run_bench(
        args.corpus or None,
        articles=args.articles,
        seed=args.seed,
        workers=args.workers or None,
        baseline_articles=args.baseline_articles,
        gold=gold,
        acled=Path(args.acled) if args.acled else None,
        on_step=step,
    )
    if args.json:
        sys.stdout.write(dumps(result.to_dict()) + "\n")
    else:
        print(format_bench(result))
    return EXIT_OK


def _bench_api(args: argparse.Namespace) -> int:
    from tadmur.apiload import format_api_bench, run_api_bench

    if args.requests < 1:
        return _fail("--requests must be at least 1", EXIT_USAGE)
    store = _open_store(args.api, read_only=True, hold=False)  # sound, merged, migrated
    if store is None:
        return EXIT_USAGE
    store.close()

    def step(message: str) -> None:
        if not args.json:
            print(f"bench: {message}", file=sys.stderr)

    result = run_api_bench(args.api, requests=args.requests, on_step=step)
    sys.stdout.write(dumps(result) + "\n" if args.json else format_api_bench(result) + "\n")
    return EXIT_OK


def _cmd_events(args: argparse.Namespace) -> int:
    store = _open_store(args.db, read_only=True)
    if store is None:
        return EXIT_USAGE
    filters = Filters(
        since=date.fromisoformat(args.since) if args.since else None,
        until=date.fromisoformat(args.until) if args.until else None,
        country=args.country,
        near=args.near,
        type=args.type,
        actor=args.actor,
        place=args.place,
    )
    with store:
        rows = merged_events(store, filters, limit=args.limit)
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(dumps(row) + "\n")
        return EXIT_OK
    for row in rows:
        loc = row["location"] or {}
        actors = " vs ".join(a for a in (row["actor1"], row["actor2"]) if a)
        print(
            f"{row['date'] or '?':10}  {row['sub_event_type'][:34]:34}  "
            f"{(loc.get('name') or '?')[:18]:18}  {row['reports']:>2} rep  "
            f"{row['fatalities'] if row['fatalities'] is not None else '-':>4} dead  {actors}"
        )
    return EXIT_OK


def _cmd_control(args: argparse.Namespace) -> int:
    from tadmur.control import places_named, timeline
    from tadmur.gazetteer import load_gazetteer

    store = _open_store(args.db, read_only=True)
    if store is None:
        return EXIT_USAGE
    candidates = [p.geonameid for p in load_gazetteer().candidates(args.place) if p.geonameid]
    with store:
        places = places_named(store, args.place, candidates)
        periods = [(gid, timeline(store, gid)) for gid in places]
    periods = [(gid, p) for gid, p in periods if p]
    if args.format == "json":
        flat = [period.to_dict() for _, found in periods for period in found]
        sys.stdout.write(dumps(flat, indent=2) + "\n")
        return EXIT_OK
    if not periods:
        print(f"no change of control recorded for {args.place}")
    for gid, found in periods:
        print(f"{args.place} (GeoNames {gid}):")
        for period in found:
            start = period.start.isoformat() if period.start else "?"
            end = period.end.isoformat() if period.end else "now"
            print(f"  {start} -> {end}  {period.controller}  ({len(period.event_ids)} events)")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    """Write the export; an ACLED CSV leaves out events ACLED cannot hold, and says so on
    stderr (a warning, not a failure: the file is complete for what ACLED accepts)."""
    from tadmur.query import LeftOut, acled_export, export_parquet, geojson

    store = _open_store(args.db, read_only=True)
    if store is None:
        return EXIT_USAGE
    left_out = LeftOut()
    with store:
        if args.format == "parquet":
            if args.out == "-":
                print("tadmur: error: parquet needs a file, not stdout", file=sys.stderr)
                return EXIT_USAGE
            if not Path(args.out).resolve().parent.is_dir():
                return _fail(f"{args.out}: no such folder to write into", EXIT_USAGE)
            export_parquet(store, Path(args.out))
            return EXIT_OK
        if args.format == "acled-csv":
            export = acled_export(store)
            text, left_out = export.csv(), export.left_out
        else:
            text = dumps(geojson(store)) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, "utf-8")
    if left_out.total:
        print(
            f"tadmur: warning: {left_out.describe()} "
            f"{'was' if left_out.total == 1 else 'were'} left out of the ACLED file (ACLED "
            "requires a date, coordinates and a country; they stay in the store, and "
            "`export --format parquet` has them)",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from tadmur.api import create_app

    if not Path(args.db).exists():
        print(
            f"tadmur: error: {args.db}: no such store (run `tadmur ingest` first)", file=sys.stderr
        )
        return EXIT_USAGE
    if args.host not in {"127.0.0.1", "localhost", "::1"}:
        print(
            f"tadmur: WARNING: serving on {args.host}, reachable from other machines; the API "
            "has no authentication",
            file=sys.stderr,
        )
    checked = _open_store(args.db, read_only=True, hold=False)  # migrated, merged, sound
    if checked is None:
        return EXIT_USAGE
    checked.close()
    app = create_app(args.db)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _cmd_train(args: argparse.Namespace) -> int:
    from importlib import resources

    from tadmur.acled import AcledFileError, read_rows
    from tadmur.classify.model import MODEL_FILE
    from tadmur.classify.train import TrainConfig, file_sha256, read_written, train, with_seed

    try:
        import sklearn  # noqa: F401
    except ImportError:
        print(
            "tadmur: error: training needs scikit-learn: pip install 'tadmur[train]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    config_path = Path(args.config)
    written_dir = Path(args.written)
    try:
        config = TrainConfig.from_file(config_path) if config_path.exists() else TrainConfig()
        config = with_seed(config, args.seed)
        rows = read_rows(args.acled)
        written_files = sorted(written_dir.glob("*.jsonl")) if written_dir.is_dir() else []
        written = read_written(written_files, config.written_weight)
    except (AcledFileError, ValueError, OSError) as exc:
        print(f"tadmur: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not any(r.part == "train" for r in rows):
        print(f"tadmur: error: {args.acled}: no rows in the training part", file=sys.stderr)
        return EXIT_USAGE
    data = {
        "acled_csv": Path(args.acled).name,
        "acled_csv_sha256": file_sha256(Path(args.acled)),
        "acled_rows": len(rows),
        "written": {f.name: file_sha256(f) for f in written_files},
        "config_file": config_path.name if config_path.exists() else None,
    }
    print(f"train: {len(rows)} rows, {len(written)} written examples", file=sys.stderr)
    result = train(rows, written, config, data=data)
    out = Path(args.out) if args.out else Path(str(resources.files("tadmur").joinpath(MODEL_FILE)))
    out.parent.mkdir(parents=True, exist_ok=True)
    result.model.save(out, result.provenance)
    sys.stdout.write(dumps(result.provenance["figures"], indent=2) + "\n")
    print(f"train: wrote {out} and {out.with_suffix('.json')}", file=sys.stderr)
    return EXIT_OK


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    import time

    from tadmur.gazetteer import load_gazetteer

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    elapsed = time.perf_counter() - started
    regions = gazetteer.regions()
    kinds = {"city": len(gazetteer.places) - len(regions)}
    for place in regions:
        kinds[place.kind] = kinds.get(place.kind, 0) + 1
    info = {
        "places": kinds,
        "names": len(gazetteer.names),
        "load_seconds": round(elapsed, 2),
        "provenance": gazetteer.provenance,
    }
    sys.stdout.write(dumps(info, indent=2) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # `tadmur events | head`: the reader has gone, nothing is wrong
        sys.stderr.close()
        return EXIT_OK
    except (KeyboardInterrupt, duckdb.InterruptException):
        return _fail(
            "interrupted; what was committed stays (an ingest keeps its finished batches, "
            "and running the same command again completes it)",
            EXIT_INTERRUPTED,
        )
    except Exception as exc:  # one line per fault, with the exit code that says which
        return _fault(exc, getattr(args, "db", DEFAULT_DB))
    return code


def _fail(message: str, code: int) -> int:
    print(f"tadmur: error: {message}", file=sys.stderr)
    return code


def _fault(exc: Exception, db: str) -> int:
    """Say what went wrong in one line and pick the exit code of its kind (SPEC §1)."""
    if os.environ.get("TADMUR_DEBUG"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower():
        return _fail(  # DuckDB's own word for Ctrl-C during a query
            "interrupted; what was committed stays (running the same command again completes it)",
            EXIT_INTERRUPTED,
        )
    failure = store_failure(exc, db) if not isinstance(exc, StoreError) else exc
    if isinstance(failure, StoreSettingError):
        return _fail(str(failure), EXIT_USAGE)
    if isinstance(failure, StoreFullError):
        return _fail(str(failure), EXIT_FULL)
    if isinstance(failure, StoreBusyError):
        return _fail(str(failure), EXIT_USAGE)
    if isinstance(failure, StoreError):
        return _fail(str(failure), EXIT_DAMAGED)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}", EXIT_USAGE)
    first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return _fail(
        f"unexpected failure ({type(exc).__name__}: {first}); this is a fault of tadmur's: "
        "please report it, with the output of the same command run with TADMUR_DEBUG=1",
        EXIT_BUG,
    )


if __name__ == "__main__":
    sys.exit(main())
