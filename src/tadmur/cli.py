"""The command line: a thin layer over the library (SPEC §1).

Exit codes: 0 success; 1 some inputs failed (the rest processed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from tadmur import __version__
from tadmur.formats import events_csv, events_geojson
from tadmur.model import Extraction, dumps
from tadmur.pipeline import Failure, Pipeline, read_inputs
from tadmur.when import find_dates

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


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
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR")
    evaluate.add_argument("--format", choices=["table", "json"], default="table")
    evaluate.add_argument(
        "--verbose", action="store_true", help="list missed and extra events on stderr"
    )
    evaluate.set_defaults(handler=_cmd_eval)

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
            print(f"tadmur: warning: {result.document.path}: {warning}", file=sys.stderr)
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

    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.gold.json")):
        print(f"tadmur: error: {gold_dir}: no *.gold.json files", file=sys.stderr)
        return EXIT_USAGE
    report = evaluate(gold_dir)
    if args.verbose:
        for line in report.misses:
            print(f"missed: {line}", file=sys.stderr)
        for line in report.extras:
            print(f"extra: {line}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(dumps(report.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(format_table(report) + "\n")
    return EXIT_OK


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    import time

    from tadmur.gazetteer import load_gazetteer

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    elapsed = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for place in gazetteer.places:
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
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
