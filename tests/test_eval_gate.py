"""Quality floors: `tadmur eval` on the project's gold set may not drop below what was
measured and recorded in eval_floors.json, for exactly the corpus that was measured
(its hash is recorded too, so a changed corpus needs new, re-measured floors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tadmur.evaluate import corpus_hash, evaluate

from .conftest import FIXTURES, SHARED_CORPUS

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text("utf-8"))
GOLD = FIXTURES / "events"


def _check(measured: dict[str, object], floors: dict[str, float]) -> list[str]:
    flat = dict(measured) | {f"events.{k}": v for k, v in measured["events"].items()}  # type: ignore[union-attr]
    return [
        f"{name}: {flat[name]} < floor {floor}"
        for name, floor in floors.items()
        if flat[name] is None or flat[name] < floor  # type: ignore[operator]
    ]


def test_synthetic_gold_set_meets_its_floors() -> None:
    assert corpus_hash(GOLD) == FLOORS["synthetic"]["corpus_sha256"], (
        "tests/fixtures/events changed: run `tadmur eval tests/fixtures/events`, review, and "
        "record the new hash and floors in tests/eval_floors.json"
    )
    report = evaluate(GOLD)
    measured = report.to_dict()
    print(json.dumps(measured, indent=2))
    assert not _check(measured, FLOORS["synthetic"]["floors"]), report.misses + report.extras


def test_shared_development_set_meets_its_floors() -> None:
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus is not present")
    report = evaluate(SHARED_CORPUS)
    assert not _check(report.to_dict(), FLOORS["shared"]["floors"]), report.misses + report.extras
