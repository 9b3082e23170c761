"""ACLED's names for a country's forces by period (`tadmur.actorfacts`), and their use."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tadmur.actorfacts import (
    FIELDS,
    StatePeriod,
    collect,
    packaged_periods_text,
    read_periods,
    write_periods,
)
from tadmur.who import load_actors


def test_the_packaged_periods_are_valid() -> None:
    periods = read_periods(packaged_periods_text())
    assert periods
    assert all(p.name.startswith(p.kind) and "(" not in p.name for p in periods)


def test_a_force_takes_the_period_of_the_events_day() -> None:
    actors = load_actors()
    periods = read_periods(packaged_periods_text())
    by_force: dict[tuple[str, str], list[StatePeriod]] = {}
    for period in periods:
        by_force.setdefault((period.kind, period.country_code), []).append(period)
    # a force with a closed period followed by an open one (a change of government)
    (earlier, current), *_ = [
        v for v in by_force.values() if len(v) == 2 and v[0].end == v[1].start and not v[1].end
    ]
    force = actors.state_forces(current.kind, current.country_code)
    assert force is not None and "(" not in force.name
    assert actors.dated(force, date(current.start + 1, 6, 1)).name == current.label
    assert actors.dated(force, date(current.start, 1, 1)).name == current.label  # the later
    assert actors.dated(force, date(earlier.start, 6, 1)).name == earlier.label
    assert actors.dated(force, None) is force
    assert actors.dated(force, date(earlier.start - 200, 1, 1)) is force  # no period known
    found = actors.get(current.label)  # the dated name is still the same actor
    assert found is not None and found.inter == force.inter


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\t".join(FIELDS) + "\nArmy of\tKE\tArmy of Kenya\t2013\t\t3\n",
        "\t".join(FIELDS) + "\nPolice Forces of\tKE\tPolice Forces of Kenya\t2013\t2002\t3\n",
        "\t".join(FIELDS) + "\nPolice Forces of\tKE\tPolice Forces of Kenya\tlate\t\t3\n",
    ],
)
def test_malformed_periods_are_errors(text: str) -> None:
    with pytest.raises(ValueError, match="state periods"):
        read_periods(text)


def test_periods_are_collected_from_training_rows_by_the_country_they_name(
    tmp_path: Path,
) -> None:
    path = tmp_path / "rows.csv"
    header = ["source_repo", "source_path", "event_date", "actor1", "actor2", "country"]
    rows = [
        ["r", "f.csv", "2021-01-01", "Police Forces of Kenya (2013-)", "", "Kenya"],
        ["r", "f.csv", "2021-02-01", "Police Forces of Kenya (2013-) Special Unit", "", "Kenya"],
        ["r", "f.csv", "2021-02-01", "Military Forces of Kenya (2013-)", "Rioters (Somalia)",
         "Somalia"],
        ["r", "f.csv", "2023-01-01", "Police Forces of Kenya (2022-)", "", "Kenya"],  # held out
    ]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    with path.open(newline="", encoding="utf-8") as handle:
        periods = collect(csv.DictReader(handle), {"Kenya": "KE", "Somalia": "SO"})
    assert periods == [
        StatePeriod("Military Forces of", "KE", "Military Forces of Kenya", 2013, None, 1),
        StatePeriod("Police Forces of", "KE", "Police Forces of Kenya", 2013, None, 2),
    ]
    write_periods(periods, tmp_path / "out.tsv")
    assert read_periods((tmp_path / "out.tsv").read_text("utf-8")) == periods
