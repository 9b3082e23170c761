"""Accuracy and speed of `tadmur.when` against `dateparser.search.search_dates`.

Both run over the same hand-written table (tests/fixtures/when/cases.yaml). dateparser
returns one datetime per expression, so it is counted right when that day lies inside the
expected range (generous to it); tadmur must give the exact range and precision.

    .venv/bin/python benchmarks/when_vs_dateparser.py
"""

from __future__ import annotations

import time
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from tadmur.when import find_dates

CASES_FILE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "when" / "cases.yaml"


def _tadmur(case: dict[str, Any]) -> bool:
    sentence: str = case["sentence"]
    start = sentence.index(case["expr"])
    end = start + len(case["expr"])
    for e in find_dates(sentence, case["published"]):
        if e.start < end and start < e.end:
            return (e.date, e.date_end, e.time_precision) == (
                case["date"],
                case["date_end"],
                case["precision"],
            )
    return False


def _dateparser(case: dict[str, Any], search_dates: Any) -> bool:
    pub: date = case["published"]
    settings = {
        "RELATIVE_BASE": datetime(pub.year, pub.month, pub.day, 12),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(case["sentence"], languages=["en"], settings=settings) or []
    expr = case["expr"].casefold()
    for text, when in found:
        folded = text.casefold()
        if folded in expr or expr in folded:
            return bool(case["date"] <= when.date() <= case["date_end"])
    return False


def main() -> None:
    from dateparser.search import search_dates

    warnings.simplefilter("ignore")
    cases: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    search_dates("warm up on Friday", languages=["en"])
    rows = []
    for name, judge in (
        ("tadmur.when", _tadmur),
        ("dateparser.search_dates", lambda c: _dateparser(c, search_dates)),
    ):
        t0 = time.perf_counter()
        right = sum(judge(c) for c in cases)
        elapsed = time.perf_counter() - t0
        rows.append((name, right / len(cases), len(cases) / elapsed))
    print(f"{len(cases)} expressions in sentence context")
    print(f"{'resolver':<26}{'accuracy':>10}{'expr/s':>12}")
    for name, accuracy, rate in rows:
        print(f"{name:<26}{accuracy:>10.3f}{rate:>12,.0f}")


if __name__ == "__main__":
    main()
