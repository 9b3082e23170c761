"""`tadmur eval --acled CSV`: extraction scored against ACLED's own coding (SPEC §4b).

Each row's notes is one document (published the day after the event, url `acled:<id>`);
ACLED codes exactly one event per row. A row is scored on the events extracted from its
notes: whether there is one, the types, and the fields of the events that have ACLED's
sub-event type (or of all events when none has). The headline is a sample that weighs
sub-event types equally; the whole set, weighed as it comes, is reported beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tadmur.acled import AcledRow, balanced_sample
from tadmur.evaluate import MATCH_KM
from tadmur.gazetteer import distance_km
from tadmur.model import Event, Extraction
from tadmur.pipeline import Failure, Pipeline
from tadmur.triggers import acled_sub_event_type

NO_EVENT = "(no event)"

MEASURES = (
    "some_event", "exactly_one", "event_type", "sub_event_type", "geo_25km", "date",
    "actor1", "actor2", "fatalities", "fatalities_invented",
)  # fmt: skip
"""The shares reported per row set, in this order (SPEC §4b). `fatalities_invented` is the
one where lower is better: of the rows ACLED codes with no deaths, the share where tadmur
gives a count above zero."""


def actor_key(name: str | None) -> str:
    """SPEC §3: names compare up to the first '(' (the period), case-insensitively."""
    return (name or "").split("(", 1)[0].strip().casefold()


@dataclass(frozen=True, slots=True)
class RowScore:
    """What one row's extraction got right; None where the measure does not apply."""

    event_id_cnty: str
    gold: str
    predicted: tuple[str, ...]
    events: int
    event_type: bool
    sub_event_type: bool
    geo_25km: bool
    date: bool
    actor1: bool
    actor2: bool | None
    fatalities: bool | None
    fatalities_invented: bool | None = None

    @property
    def some_event(self) -> bool:
        return self.events > 0

    @property
    def exactly_one(self) -> bool:
        return self.events == 1

    def value(self, measure: str) -> bool | None:
        result: bool | None = getattr(self, measure)
        return result


def score_row(row: AcledRow, events: Sequence[Event]) -> RowScore:
    """SPEC §4b for one row. tadmur's extension types compare as what ACLED codes them as
    (a Displacement event is ACLED's Other)."""
    typed = [e for e in events if acled_sub_event_type(e.sub_event_type) == row.sub_event_type]
    judged = typed or list(events)
    located = row.latitude is not None and row.longitude is not None
    geo = located and any(
        e.location is not None
        and e.location.latitude is not None
        and e.location.longitude is not None
        and distance_km(
            e.location.latitude,
            e.location.longitude,
            row.latitude or 0.0,
            row.longitude or 0.0,
        )
        <= MATCH_KM
        for e in judged
    )
    day = row.event_date.isoformat()
    want1, want2 = actor_key(row.actor1), actor_key(row.actor2)
    return RowScore(
        event_id_cnty=row.event_id_cnty,
        gold=row.sub_event_type,
        predicted=tuple(acled_sub_event_type(e.sub_event_type) for e in events),
        events=len(events),
        event_type=any(e.event_type == row.event_type for e in events),
        sub_event_type=bool(typed),
        geo_25km=geo,
        date=any(e.date == day for e in judged),
        actor1=bool(want1) and any(actor_key(e.actor1) == want1 for e in judged),
        actor2=None if not want2 else any(actor_key(e.actor2) == want2 for e in judged),
        fatalities=None
        if not row.fatalities
        else any(e.fatalities == row.fatalities for e in judged),
        fatalities_invented=None
        if row.fatalities is None or row.fatalities > 0
        else any((e.fatalities or 0) > 0 for e in judged),
    )


@dataclass(slots=True)
class Summary:
    """The shares of one set of rows."""

    rows: int = 0
    events: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)

    def add(self, score: RowScore) -> None:
        self.rows += 1
        self.events += score.events
        for measure in MEASURES:
            value = score.value(measure)
            if value is not None:
                self.totals[measure] += 1
                self.counts[measure] += bool(value)

    def share(self, measure: str) -> float | None:
        total = self.totals[measure]
        return round(self.counts[measure] / total, 4) if total else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rows": self.rows}
        out["events_per_row"] = round(self.events / self.rows, 4) if self.rows else None
        for measure in MEASURES:
            out[measure] = self.share(measure)
        return out


def summarise(scores: Iterable[RowScore]) -> dict[str, Any]:
    """The shares over the rows, the macro average over sub-event types, a row of shares
    per sub-event type, and the commonest confusions (ACLED's type -> the first predicted)."""
    scores = list(scores)
    whole = Summary()
    by_type: dict[str, Summary] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    for score in scores:
        whole.add(score)
        by_type.setdefault(score.gold, Summary()).add(score)
        if not score.sub_event_type:
            confusions[(score.gold, score.predicted[0] if score.predicted else NO_EVENT)] += 1
    shares = [s.share("sub_event_type") or 0.0 for s in by_type.values()]
    out = whole.to_dict()
    out["sub_event_type_macro"] = round(sum(shares) / len(shares), 4) if shares else None
    out["by_sub_event_type"] = {sub: by_type[sub].to_dict() for sub in sorted(by_type)}
    out["confusions"] = [
        {"acled": gold, "predicted": predicted, "rows": n}
        for (gold, predicted), n in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    ]
    return out


@dataclass(frozen=True, slots=True)
class AcledReport:
    """The balanced sample (the headline) and the whole set, from the same extraction."""

    balanced: dict[str, Any]
    whole: dict[str, Any]
    per_type: int
    seed: int
    failures: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "balanced": self.balanced | {"per_type": self.per_type, "seed": self.seed},
            "whole": self.whole,
            "failures": list(self.failures),
        }


def evaluate_acled(
    rows: Sequence[AcledRow],
    pipeline: Pipeline | None = None,
    *,
    per_type: int = 40,
    seed: int = 0,
) -> AcledReport:
    """Extract every row's notes once and score the whole set and the balanced sample."""
    pipeline = pipeline or Pipeline()
    failures: list[str] = []
    scores: dict[str, RowScore] = {}
    results = pipeline.extract_many(row.raw_input() for row in rows)
    for row, result in zip(rows, results, strict=True):
        if isinstance(result, Failure):
            failures.append(str(result))
        events = result.events if isinstance(result, Extraction) else ()
        scores[row.event_id_cnty] = score_row(row, events)
    sample = balanced_sample(rows, per_type, seed)
    return AcledReport(
        balanced=summarise(scores[r.event_id_cnty] for r in sample),
        whole=summarise(scores[r.event_id_cnty] for r in rows),
        per_type=per_type,
        seed=seed,
        failures=tuple(failures),
    )


_LABELS = {
    "rows": "rows",
    "events_per_row": "events per row",
    "some_event": "some event",
    "exactly_one": "exactly one event",
    "event_type": "event type right",
    "sub_event_type": "sub-event type right",
    "sub_event_type_macro": "sub-event type (macro)",
    "geo_25km": "place within 25 km",
    "date": "date right",
    "actor1": "actor1 right",
    "actor2": "actor2 right (rows with one)",
    "fatalities": "fatalities right (rows > 0)",
    "fatalities_invented": "count invented (rows with 0)",
}


def format_report(report: AcledReport) -> str:
    """The headline beside the whole set, then a row per sub-event type, then confusions."""
    head = f"balanced ({report.per_type}/type, seed {report.seed})"
    width = max(len(v) for v in _LABELS.values())
    lines = [f"{'SPEC §4b':<{width}}  {head:>28}  {'whole set':>10}"]
    for key, label in _LABELS.items():
        lines.append(
            f"{label:<{width}}  {_cell(report.balanced.get(key)):>28}  "
            f"{_cell(report.whole.get(key)):>10}"
        )
    lines.append("")
    lines.append(
        f"{'sub-event type (balanced sample)':<36}  {'rows':>5}  {'type':>6}  {'one':>6}  "
        f"{'place':>6}  {'date':>6}  {'actor1':>6}"
    )
    for sub, row in report.balanced["by_sub_event_type"].items():
        lines.append(
            f"{sub[:36]:<36}  {row['rows']:>5}  {_cell(row['sub_event_type']):>6}  "
            f"{_cell(row['exactly_one']):>6}  {_cell(row['geo_25km']):>6}  "
            f"{_cell(row['date']):>6}  {_cell(row['actor1']):>6}"
        )
    lines.append("")
    lines.append("commonest confusions (balanced sample): ACLED -> first event extracted")
    for c in report.balanced["confusions"][:10]:
        lines.append(f"  {c['rows']:>4}  {c['acled']} -> {c['predicted']}")
    if report.failures:
        lines.append("")
        lines.append(f"{len(report.failures)} rows could not be read")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
