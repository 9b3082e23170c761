"""Place facts from ACLED's rows: the towns and villages ACLED codes that GeoNames'
cities500 lacks, with ACLED's coordinates, so that the gazetteer knows them.

Only the training part of the fixed split (`tadmur.acled`) is read, so that the held-out
figures stay honest; only names and coordinates are kept (facts, not ACLED's text). A place
is written once per (name, country), at the median of ACLED's coordinates for it, with the
admin1 code of the nearest cities500 place of its country and the number of rows it stands
for. Rebuild: `python -m tadmur.placefacts CSV [OUT]` (`make facts ACLED_CSV=...`).
"""

from __future__ import annotations

import csv
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TypeVar

from tadmur.acled import DEFAULT_HELD_OUT_FROM, HELD_OUT_FROM

T = TypeVar("T")

FIELDS = ("name", "country_code", "admin1_code", "latitude", "longitude", "rows")
WITHIN_KM = 25.0
"""A row's place counts as known when the gazetteer has its name within this distance
(SPEC §4b's place measure)."""


@dataclass(frozen=True, slots=True)
class PlaceFact:
    name: str
    country_code: str
    admin1_code: str | None
    latitude: float
    longitude: float
    rows: int


def table_lines(text: str, header: Sequence[str], what: str) -> Iterator[tuple[int, list[str]]]:
    """The lines of a facts file after its header, numbered from 2 and split into their
    fields: a file of the facts modules starts with the header of its fields, then one
    tab-separated fact per line. A wrong header or a wrong number of fields is an error
    that names `what`."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != tuple(header):
        raise ValueError(f"{what} must start with the header {' '.join(header)!r}")
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != len(header):
            raise ValueError(f"{what} line {number}: {len(parts)} fields, not {len(header)}")
        yield number, parts


def read_facts(text: str) -> list[PlaceFact]:
    """The facts file: a header of `FIELDS`, then one tab-separated place per line."""
    out = []
    for number, parts in table_lines(text, FIELDS, "place facts"):
        name, cc, admin1, lat, lon, rows = parts
        try:
            fact = PlaceFact(name, cc, admin1 or None, float(lat), float(lon), int(rows))
        except ValueError as exc:
            raise ValueError(f"place facts line {number}: {exc}") from exc
        if not name or len(cc) != 2 or not (-90 <= fact.latitude <= 90):
            raise ValueError(f"place facts line {number}: not a place")
        out.append(fact)
    return out


def packaged_facts_text() -> str:
    return resources.files("tadmur").joinpath("data/acled_places.tsv").read_text("utf-8")


def training(row: Mapping[str, str]) -> bool:
    """Is an ACLED CSV row in the training part of the fixed split?"""
    source = f"{row.get('source_repo', '')}:{row.get('source_path', '')}"
    first = HELD_OUT_FROM.get(source, DEFAULT_HELD_OUT_FROM)
    return date.fromisoformat(row["event_date"]) < first


def collect(rows: Iterable[Mapping[str, str]], country_codes: Mapping[str, str]) -> list[PlaceFact]:
    """The places of the training rows the gazetteer does not know within `WITHIN_KM`: the
    towns and villages ACLED codes, and the districts (admin2) its rows lie in."""
    from tadmur.gazetteer import build_gazetteer, distance_km

    gazetteer = build_gazetteer(facts=())  # GeoNames alone: the facts are what it lacks
    towns: defaultdict[str, list[tuple[float, float, str | None]]] = defaultdict(list)
    for place in gazetteer.places:
        if place.kind == "city":
            towns[place.country_code].append((place.latitude, place.longitude, place.admin1_code))
    seen: defaultdict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    districts: defaultdict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        if not training(row):
            continue
        cc = country_codes.get(row.get("country", ""))
        name = (row.get("location") or "").strip()
        district = (row.get("admin2") or "").strip()
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (KeyError, ValueError):
            continue
        if cc and name:
            seen[(name, cc)].append((lat, lon))
        if cc and district:
            districts[(district, cc)].append((lat, lon))
    # a district ("Lamu East", "Budalin") stands where most of its events are: after the
    # towns, for the names no town of the rows carries
    for key, points in districts.items():
        if key not in seen:
            seen[key] = points
    out = []
    for (name, cc), points in sorted(seen.items()):
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        known = any(
            distance_km(p.latitude, p.longitude, lat, lon) <= WITHIN_KM
            for p in gazetteer.candidates(name)
        )
        if known:
            continue
        near = _nearest_admin1(towns.get(cc, []), lat, lon)
        out.append(PlaceFact(name, cc, near, round(lat, 4), round(lon, 4), len(points)))
    return out


def _nearest_admin1(
    towns: Sequence[tuple[float, float, str | None]], lat: float, lon: float
) -> str | None:
    from tadmur.gazetteer import distance_km

    best: tuple[float, str | None] = (float("inf"), None)
    for t_lat, t_lon, admin1 in towns:
        if abs(t_lat - lat) > 1.0 or abs(t_lon - lon) > 1.0:
            continue
        d = distance_km(t_lat, t_lon, lat, lon)
        if d < best[0]:
            best = (d, admin1)
    return best[1]


def write_facts(facts: Sequence[PlaceFact], out: Path) -> None:
    rows = [
        (f.name, f.country_code, f.admin1_code or "", f.latitude, f.longitude, f.rows)
        for f in facts
    ]
    write_table(FIELDS, rows, out)


def write_table(header: Sequence[str], rows: Iterable[Sequence[object]], out: Path) -> None:
    """A facts file: the header, then one tab-separated line per row."""
    lines = ["\t".join(header), *("\t".join(str(v) for v in row) for row in rows)]
    out.write_text("\n".join(lines) + "\n", "utf-8")


def acled_country_codes() -> dict[str, str]:
    """ACLED's country names -> ISO codes (GeoNames' names and ACLED's own)."""
    from tadmur.who import load_actors

    return {name: code for code, name in sorted(load_actors().country_names.items())}


def facts_cli(
    argv: Sequence[str] | None,
    program: str,
    default_out: Path,
    collect_from: Callable[[Iterable[Mapping[str, str]], Mapping[str, str]], Sequence[T]],
    write: Callable[[Sequence[T], Path], None],
) -> int:
    """`python -m PROGRAM ACLED_CSV [OUT]`, shared by the facts modules: collect the facts
    from the CSV's rows and the codes of ACLED's country names, and write them."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in {1, 2}:
        print(f"usage: python -m {program} ACLED_CSV [OUT]", file=sys.stderr)
        return 2
    out = Path(args[1]) if len(args) == 2 else default_out
    with open(args[0], newline="", encoding="utf-8") as handle:
        facts = collect_from(csv.DictReader(handle), acled_country_codes())
    write(facts, out)
    print(f"{program}: {len(facts)} facts written to {out}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    default = Path(__file__).parent / "data/acled_places.tsv"
    return facts_cli(argv, "tadmur.placefacts", default, collect, write_facts)


if __name__ == "__main__":
    raise SystemExit(main())
