"""The when stage: a hand-written table, the seed's dates, and properties of the arithmetic."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tadmur.document import build_document
from tadmur.ingest import read_path
from tadmur.sources import load_sources
from tadmur.when import (
    WEEKDAYS,
    TimeExpression,
    find_dates,
    parse_date_line,
    precision_of,
    shift_months,
)

from .conftest import FIXTURES

CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "when" / "cases.yaml").read_text("utf-8"))
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
publication_dates = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))


def _resolve(case: dict[str, Any]) -> TimeExpression | None:
    sentence: str = case["sentence"]
    start = sentence.index(case["expr"])
    end = start + len(case["expr"])
    hits = [e for e in find_dates(sentence, case["published"]) if e.start < end and start < e.end]
    return hits[0] if hits else None


def _right(case: dict[str, Any], found: TimeExpression | None) -> bool:
    return found is not None and (found.date, found.date_end, found.time_precision) == (
        case["date"],
        case["date_end"],
        case["precision"],
    )


def test_table_is_large_and_varied() -> None:
    assert len(CASES) >= 150
    assert {c["published"].weekday() for c in CASES} == set(range(7))
    assert any(c["published"].month == 2 and c["published"].day == 29 for c in CASES)
    assert any(c["published"].month == 1 and c["published"].day <= 3 for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['published']}:{c['expr']}" for c in CASES])
def test_table_case(case: dict[str, Any]) -> None:
    found = _resolve(case)
    assert found is not None, "not found"
    assert (found.date, found.date_end, found.time_precision) == (
        case["date"],
        case["date_end"],
        case["precision"],
    ), found.rule


def test_table_accuracy_floor() -> None:
    right = sum(_right(c, _resolve(c)) for c in CASES)
    print(f"when accuracy: {right}/{len(CASES)} = {right / len(CASES):.3f}")
    assert right / len(CASES) >= 0.90


def test_seed_dates(seed_path: Path) -> None:
    doc, _ = build_document(read_path(str(seed_path)), load_sources())
    assert doc.published is not None
    found = {e.text.casefold(): e for e in find_dates(doc.text, date.fromisoformat(doc.published))}
    assert found["on sunday"].date == date(2016, 3, 27)
    assert found["on friday"].date == date(2016, 3, 25)
    assert found["may 23 last year"].date == date(2015, 5, 23)
    may = found["may 2015"]
    assert (may.date, may.date_end, may.time_precision) == (date(2015, 5, 1), date(2015, 5, 31), 3)


def test_without_publication_date_relative_is_null_absolute_resolves() -> None:
    found = find_dates("Rebels attacked on Friday, as they had on 23 May 2015.", None)
    friday, may = found
    assert (friday.date, friday.time_precision) == (None, 3)
    assert may.date == date(2015, 5, 23)


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("Rebels may 12 times try again.", date(2020, 1, 1)) == []


def test_resolution_explains_itself() -> None:
    (found,) = find_dates("Clashes erupted on Tuesday.", date(2019, 8, 22))
    assert found.rule == "past weekday: most recent on or before publication"
    assert found.anchor == "2019-08-22"


def test_ambiguous_numeric_date_says_so() -> None:
    (found,) = find_dates("The strike happened on 04/03/2016.", date(2016, 3, 10))
    assert found.date == date(2016, 3, 4)
    assert "ambiguous" in found.rule


@given(publication_dates, st.sampled_from(WEEKDAY_NAMES))
def test_past_weekday_is_within_the_week_up_to_publication(pub: date, name: str) -> None:
    (found,) = find_dates(f"Militants attacked the base on {name}.", pub)
    assert found.date is not None
    assert found.date.weekday() == WEEKDAYS[name.casefold()]
    assert timedelta(0) <= pub - found.date <= timedelta(days=6)


@given(publication_dates, st.sampled_from(WEEKDAY_NAMES))
def test_future_weekday_is_within_the_week_after_publication(pub: date, name: str) -> None:
    (found,) = find_dates(f"The two sides will meet on {name}.", pub)
    assert found.date is not None
    assert found.date.weekday() == WEEKDAYS[name.casefold()]
    assert timedelta(days=1) <= found.date - pub <= timedelta(days=7)


@given(publication_dates, st.integers(min_value=1, max_value=999))
def test_n_days_ago_is_exact(pub: date, n: int) -> None:
    (found,) = find_dates(f"The convoy was ambushed {n} days ago.", pub)
    assert found.date == found.date_end == pub - timedelta(days=n)


PAST_SENTENCES = [
    "Fighting broke out on {wd}.",
    "The town fell {n} weeks ago.",
    "Shelling resumed in {month}.",
    "The army said {day} {month} was the worst day.",
    "Residents fled last week.",
    "Clashes have continued since early {month}.",
    "The siege began {n} months ago.",
    "Gunmen struck earlier this month.",
    "Talks collapsed last year.",
    "After {n} days of fighting, the rebels withdrew.",
    "Strikes hit the city overnight.",
    "The base was shelled in mid-{month}.",
]


@given(
    publication_dates,
    st.sampled_from(PAST_SENTENCES),
    st.sampled_from(WEEKDAY_NAMES),
    st.sampled_from(["January", "April", "July", "October", "December"]),
    st.integers(min_value=1, max_value=28),
    st.integers(min_value=2, max_value=9),
)
def test_past_reporting_never_resolves_after_publication(
    pub: date, template: str, wd: str, month: str, day: int, n: int
) -> None:
    text = template.format(wd=wd, month=month, day=day, n=n)
    found = find_dates(text, pub)
    assert found, text
    for e in found:
        assert e.date is not None and e.date_end is not None
        assert e.date <= e.date_end <= pub, (text, e)
        assert e.time_precision == precision_of(e.date, e.date_end)


@given(st.text(max_size=300), st.one_of(st.none(), publication_dates))
def test_arbitrary_text_never_crashes_and_spans_are_exact(text: str, pub: date | None) -> None:
    for e in find_dates(text, pub):
        assert text[e.start : e.end] == e.text
        if e.date is not None and e.date_end is not None:
            assert e.date <= e.date_end
        assert e.time_precision in {1, 2, 3}


@given(st.dates(), st.integers(min_value=-600, max_value=600))
def test_shift_months_round_trips_on_early_days(day: date, months: int) -> None:
    first = day.replace(day=min(day.day, 28))
    if date.min.year + 60 < first.year < date.max.year - 60:
        assert shift_months(shift_months(first, months), -months) == first


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("27 March, 2016", date(2016, 3, 27)),
        ("March 27, 2016", date(2016, 3, 27)),
        ("2016-03-27", date(2016, 3, 27)),
        ("Sun 27 Mar 2016 10:14 GMT", date(2016, 3, 27)),
        ("Published: Tuesday 5 November 2019", date(2019, 11, 5)),
        ("2019-10-01 18:22:05", date(2019, 10, 1)),
        ("31 April 2016", None),
        ("The town fell on 27 March, 2016", None),
    ],
)
def test_parse_date_line(line: str, expected: date | None) -> None:
    assert parse_date_line(line) == expected


def test_dates_command_prints_spec_fields() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tadmur.cli",
            "dates",
            "Rebels attacked on Friday.",
            "--published",
            "2016-03-27",
        ],
        capture_output=True,
        check=True,
    )
    (row,) = json.loads(proc.stdout)
    assert {"text", "start", "end", "date", "date_end", "time_precision"} <= set(row)
    assert (row["text"], row["date"], row["time_precision"]) == ("on Friday", "2016-03-25", 1)


def test_resolution_speed(benchmark: Any) -> None:
    """Expressions per second on the table (pytest-benchmark; run with --benchmark-enable)."""
    sentences = [(c["sentence"], c["published"]) for c in CASES]
    total = benchmark(lambda: sum(len(find_dates(s, p)) for s, p in sentences))
    assert total >= len(CASES)


def test_month_and_weekday_abbreviations_are_not_found_inside_words() -> None:
    text = "The market was declared closed at the junction. Separately, a satirical sunset mood."
    assert find_dates(text, date(2019, 3, 12)) == []


def test_since_a_date_after_publication_is_not_an_inverted_range() -> None:
    """Fuzzing found "since 2015" in a paper dated 2000-01-01 resolved to 2015-01-01 ..
    2000-01-01 (date after date_end) with precision 1; a date after publication is no
    "since" range, so the expression keeps its own reading."""
    (found,) = find_dates("Rebels have held the town since 2015.", date(2000, 1, 1))
    assert (found.date, found.date_end, found.time_precision) == (
        date(2015, 1, 1),
        date(2015, 12, 31),
        3,
    )
    (found,) = find_dates("Rebels have held the town since May 2015.", date(2016, 1, 1))
    assert (found.date, found.date_end) == (date(2015, 5, 1), date(2016, 1, 1))


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Gunmen struck on Friday.", date(1, 1, 1)),
        ("The convoy was ambushed 3 days ago.", date(1, 1, 2)),
        ("The town fell two weeks ago.", date(1, 1, 5)),
        ("Residents fled last week.", date(1, 1, 3)),
        ("Shelling resumed in late August.", date(1, 1, 3)),
        ("The two sides will meet next Monday.", date(9999, 12, 31)),
    ],
)
def test_arithmetic_beyond_the_calendar_leaves_the_date_unresolved(
    text: str, published: date
) -> None:
    """Fuzzing found OverflowError / ValueError ('year 0 is out of range') for relative dates
    against a publication date at either end of the calendar (a date line such as
    "0001-01-01" is enough). They now resolve to null with precision 3, not a crash."""
    (found,) = find_dates(text, published)
    assert (found.date, found.date_end, found.time_precision) == (None, None, 3)
    assert "beyond the calendar" in found.rule
