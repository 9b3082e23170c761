"""Rows of an ACLED export: reading them, the project's fixed time split, the balanced sample.

ACLED codes each event by hand and describes it in a short `notes` text. Those rows are the
largest real, human-coded test there is, and the training data of the event classifier. The
rows are third-party data: they are read from a path the user gives, never shipped.

The split is in time, because news to come is later than news seen: the classifier is
trained and tuned on the earlier part of each source and scored on the later part.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal, TextIO

from tadmur.ingest import RawInput

REQUIRED_COLUMNS = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "latitude", "longitude", "fatalities", "notes",
)  # fmt: skip
"""SPEC §4b: the columns a CSV must have to be scored."""

HELD_OUT_FROM: dict[str, date] = {"Carol0128/Data:acled_data.csv": date(2017, 1, 1)}
"""Per source (`source_repo:source_path` of the development CSV), the first day of the
reporting part. Kenya's older rows (2004-2019) are split at 2017; the global rows of
January to June 2022 at May (`DEFAULT_HELD_OUT_FROM`)."""
DEFAULT_HELD_OUT_FROM = date(2022, 5, 1)

Part = Literal["all", "train", "heldout"]


class AcledFileError(ValueError):
    """A CSV that cannot be read as ACLED rows; the message says why."""


@dataclass(frozen=True, slots=True)
class AcledRow:
    """One ACLED event as coded by ACLED."""

    event_id_cnty: str
    event_date: date
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    latitude: float | None
    longitude: float | None
    fatalities: int | None
    notes: str
    country: str = ""
    source: str = ""

    @property
    def part(self) -> Literal["train", "heldout"]:
        first = HELD_OUT_FROM.get(self.source, DEFAULT_HELD_OUT_FROM)
        return "heldout" if self.event_date >= first else "train"

    def raw_input(self) -> RawInput:
        """The row's notes as one document, as SPEC §4b says: published the day after the
        event, with the row's id as its url."""
        published = (self.event_date + timedelta(days=1)).isoformat()
        return RawInput(
            path=f"acled:{self.event_id_cnty}",
            content=self.notes,
            media="text",
            published=published,
            url=f"acled:{self.event_id_cnty}",
        )


def _number(value: str, kind: type[float] | type[int]) -> float | int | None:
    value = value.strip()
    if not value or value.upper() in {"NA", "NAN", "NONE"}:
        return None
    try:
        return kind(float(value)) if kind is int else float(value)
    except ValueError:
        return None


def _day(value: str) -> date:
    """ISO dates, and ACLED's own '23 May 2022' and '23-May-22' forms."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    for form in ("%d %B %Y", "%d-%b-%y", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {value!r}")


def read_rows(path: str | Path) -> list[AcledRow]:
    """Every row of an ACLED CSV export with notes, in file order. Rows without an id,
    notes, a sub-event type or a readable date are skipped."""
    return list(iter_rows(path))


def iter_rows(path: str | Path) -> Iterator[AcledRow]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            yield from _read(handle, path)
    except OSError as exc:
        raise AcledFileError(f"{path}: {exc.strerror or exc}") from exc


def _read(handle: TextIO, path: str | Path) -> Iterator[AcledRow]:
    reader = csv.DictReader(handle)
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise AcledFileError(f"{path}: not an ACLED export, missing columns {missing}")
    reader.fieldnames = columns
    try:
        for record in reader:
            row = _row(record)
            if row is not None:
                yield row
    except (csv.Error, UnicodeDecodeError) as exc:
        raise AcledFileError(f"{path}: line {reader.line_num}: {exc}") from exc


def _row(record: dict[str, str]) -> AcledRow | None:
    def get(key: str) -> str:
        return (record.get(key) or "").strip()

    if not get("event_id_cnty") or not get("notes") or not get("sub_event_type"):
        return None
    try:
        day = _day(get("event_date"))
    except ValueError:
        return None
    repo, where = get("source_repo"), get("source_path")
    latitude, longitude = _number(get("latitude"), float), _number(get("longitude"), float)
    fatalities = _number(get("fatalities"), int)
    return AcledRow(
        event_id_cnty=get("event_id_cnty"),
        event_date=day,
        event_type=get("event_type"),
        sub_event_type=get("sub_event_type"),
        actor1=get("actor1"),
        actor2=get("actor2"),
        latitude=None if latitude is None else float(latitude),
        longitude=None if longitude is None else float(longitude),
        fatalities=None if fatalities is None else int(fatalities),
        notes=get("notes"),
        country=get("country"),
        source=f"{repo}:{where}" if repo or where else "",
    )


def select(rows: Iterable[AcledRow], part: Part) -> list[AcledRow]:
    """The rows of one part of the fixed time split (or all of them)."""
    return [r for r in rows if part in ("all", r.part)]


def balanced_sample(rows: Iterable[AcledRow], per_type: int = 40, seed: int = 0) -> list[AcledRow]:
    """Up to `per_type` rows of each sub-event type, drawn with `seed` from the rows in id
    order, so that the sample does not depend on the order of the file."""
    by_type: dict[str, list[AcledRow]] = {}
    for row in rows:
        by_type.setdefault(row.sub_event_type, []).append(row)
    picked: list[AcledRow] = []
    for sub in sorted(by_type):
        group = sorted(by_type[sub], key=lambda r: r.event_id_cnty)
        if len(group) > per_type:
            group = random.Random(f"{seed}:{sub}").sample(group, per_type)
        picked.extend(sorted(group, key=lambda r: r.event_id_cnty))
    return picked
