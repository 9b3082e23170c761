"""`tadmur eval`: extraction scored against gold files (SPEC §4).

A predicted event matches a gold event when the sub-event type is the same, the place
has the same geonameid or lies within 25 km of the gold coordinates, and the date lies
in [date, date + date_window_days] widened by a day each side, or inside `date_range`
(a gold date of null with a range also accepts a null date). Matching is one-to-one,
greedy on the best match. Gold events marked `"required": false` count neither as misses
when absent nor as false positives when found.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tadmur.gazetteer import distance_km
from tadmur.ingest import read_path
from tadmur.model import Event, Extraction
from tadmur.pipeline import Pipeline

MATCH_KM = 25.0


@dataclass(slots=True)
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def rate(self) -> float | None:
        return round(self.right / self.total, 4) if self.total else None


@dataclass(slots=True)
class Report:
    documents: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    sub_event_type: Tally = field(default_factory=Tally)
    geocoding: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    actor1: Tally = field(default_factory=Tally)
    actor2: Tally = field(default_factory=Tally)
    metadata: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return round(self.true_positives / found, 4) if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return round(self.true_positives / wanted, 4) if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "events": {
                "precision": self.precision,
                "recall": self.recall,
                "f1": self.f1,
                "true_positives": self.true_positives,
                "false_positives": self.false_positives,
                "false_negatives": self.false_negatives,
            },
            "sub_event_type_accuracy": self.sub_event_type.rate,
            "geocoding_accuracy": self.geocoding.rate,
            "date_accuracy": self.date.rate,
            "actor1_accuracy": self.actor1.rate,
            "actor2_accuracy": self.actor2.rate,
            "metadata_accuracy": self.metadata.rate,
        }


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def place_matches(pred: Event, gold: dict[str, Any]) -> bool:
    loc, want = pred.location, gold["location"]
    if loc is None:
        return False
    if loc.geonameid is not None and loc.geonameid == want.get("geonameid"):
        return True
    if loc.latitude is None or loc.longitude is None:
        return False
    return distance_km(loc.latitude, loc.longitude, want["latitude"], want["longitude"]) <= MATCH_KM


def date_matches(pred: Event, gold: dict[str, Any]) -> bool:
    got = _day(pred.date)
    if gold.get("date") is None:
        bounds = gold.get("date_range")
        if not bounds:
            return False
        if got is None:
            return True
        lo, hi = date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])
        return lo - timedelta(days=1) <= got <= hi + timedelta(days=1)
    if got is None:
        return False
    start = date.fromisoformat(gold["date"])
    end = start + timedelta(days=int(gold.get("date_window_days") or 0))
    if start - timedelta(days=1) <= got <= end + timedelta(days=1):
        return True
    bounds = gold.get("date_range")
    if not bounds:
        return False
    return date.fromisoformat(bounds[0]) <= got <= date.fromisoformat(bounds[1])


def _closeness(pred: Event, gold: dict[str, Any]) -> float:
    """Smaller is better: used to match greedily on the best pair first."""
    score = 0.0
    if pred.location and pred.location.geonameid != gold["location"].get("geonameid"):
        score += 1.0
    got, want = _day(pred.date), _day(gold.get("date"))
    if got and want:
        score += abs((got - want).days) / 30
    return score


def _actor_ok(predicted: str | None, gold_name: str | None, aliases: dict[str, list[str]]) -> bool:
    """SPEC §3: names compare up to the first "(" ("Military Forces of Syria (2000-)" is
    "Military Forces of Syria"), or as one of the gold file's aliases of the name."""
    if gold_name is None:
        return predicted is None
    if predicted is None:
        return False
    accepted = {_unperiod(gold_name), *(_unperiod(a) for a in aliases.get(gold_name, []))}
    return _unperiod(predicted) in accepted


def _unperiod(name: str) -> str:
    return name.split("(", 1)[0].strip().casefold()


def score_document(extraction: Extraction, gold: dict[str, Any], report: Report) -> None:
    report.documents += 1
    doc = extraction.document
    meta = gold.get("document", {})
    for key in ("title", "published", "outlet"):
        if key in meta:
            report.metadata.add(getattr(doc, key) == meta[key])
    preds = list(extraction.events)
    golds = list(gold.get("events", []))
    aliases = gold.get("actor_aliases", {})
    pairs = sorted(
        (
            (_closeness(p, g), i, j)
            for i, p in enumerate(preds)
            for j, g in enumerate(golds)
            if p.sub_event_type == g["sub_event_type"]
            and place_matches(p, g)
            and date_matches(p, g)
        ),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        p, g = preds[i], golds[j]
        if g.get("required", True):
            report.true_positives += 1
        report.geocoding.add(
            p.location is not None and p.location.geonameid == g["location"].get("geonameid")
        )
        report.date.add(p.date == g.get("date") or (g.get("date") is None and p.date is None))
        report.actor1.add(_actor_ok(p.actor1, g.get("actor1"), aliases))
        report.actor2.add(_actor_ok(p.actor2, g.get("actor2"), aliases))
    for j, g in enumerate(golds):
        if j in used_g:
            continue
        if g.get("required", True):
            report.false_negatives += 1
            report.misses.append(
                f"{gold.get('id')}: {g['sub_event_type']} @ {g['location']['name']} "
                f"{g.get('date')} — {g.get('cue', '')[:70]}"
            )
    # sub-event type accuracy: of the predictions at a gold event's place and time,
    # did one get its type?
    for g in golds:
        same_slot = [p for p in preds if place_matches(p, g) and date_matches(p, g)]
        if same_slot:
            report.sub_event_type.add(
                any(p.sub_event_type == g["sub_event_type"] for p in same_slot)
            )
    for i, p in enumerate(preds):
        if i not in used_p:
            report.false_positives += 1
            where = p.location.name if p.location else None
            report.extras.append(
                f"{gold.get('id')}: {p.sub_event_type} @ {where} {p.date} — "
                f"{p.evidence[0].text[:70]}"
            )


def corpus_hash(gold_dir: Path) -> str:
    """A hash of every gold file and the article it names: floors belong to one corpus."""
    digest = hashlib.sha256()
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        digest.update(gold_path.name.encode())
        digest.update(gold_path.read_bytes())
        digest.update((gold_path.parent / gold["file"]).read_bytes())
    return digest.hexdigest()


def evaluate(
    gold_dir: Path, pipeline: Pipeline | None = None, *, only: Collection[str] | None = None
) -> Report:
    """Extract every article named by a gold file in `gold_dir` (or those whose gold `id`
    is in `only`: one part of a fixed split) and score it."""
    pipeline = pipeline or Pipeline()
    report = Report()
    golds = [
        json.loads(p.read_text("utf-8")) | {"_dir": p.parent}
        for p in sorted(gold_dir.glob("*.gold.json"))
    ]
    if only is not None:
        golds = [g for g in golds if g.get("id") in only]
    raws = [
        read_path(str(g["_dir"] / g["file"]), published=g.get("published"), url=g.get("url"))
        for g in golds
    ]
    for gold, result in zip(golds, pipeline.extract_many(raws), strict=True):
        if not isinstance(result, Extraction):
            raise RuntimeError(f"gold article could not be read: {result}")
        score_document(result, gold, report)
    return report


def format_table(report: Report) -> str:
    data = report.to_dict()
    rows = [
        ("documents", data["documents"]),
        ("event precision", data["events"]["precision"]),
        ("event recall", data["events"]["recall"]),
        ("event F1", data["events"]["f1"]),
        (
            "true / false positives / misses",
            f"{report.true_positives} / {report.false_positives} / {report.false_negatives}",
        ),
        ("sub_event_type accuracy", data["sub_event_type_accuracy"]),
        ("geocoding accuracy", data["geocoding_accuracy"]),
        ("date accuracy", data["date_accuracy"]),
        ("actor1 accuracy", data["actor1_accuracy"]),
        ("actor2 accuracy", data["actor2_accuracy"]),
        ("metadata accuracy", data["metadata_accuracy"]),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)
