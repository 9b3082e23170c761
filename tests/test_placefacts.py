"""The place facts taken from ACLED's training rows (`tadmur.placefacts`): the file's own
checks, its use by the gazetteer, and what is collected from a CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tadmur.gazetteer import load_gazetteer
from tadmur.placefacts import (
    FIELDS,
    PlaceFact,
    collect,
    packaged_facts_text,
    read_facts,
    write_facts,
)


def test_the_packaged_facts_are_valid_and_unique() -> None:
    facts = read_facts(packaged_facts_text())
    assert facts
    keys = [(f.name, f.country_code) for f in facts]
    assert len(keys) == len(set(keys)) and keys == sorted(keys)
    assert all(f.rows >= 1 and -180 <= f.longitude <= 180 for f in facts)


def test_the_gazetteer_knows_the_facts() -> None:
    fact = read_facts(packaged_facts_text())[0]
    found = [
        p
        for p in load_gazetteer().candidates(fact.name)
        if p.geonameid is None and p.country_code == fact.country_code
    ]
    assert found and (found[0].latitude, found[0].longitude) == (fact.latitude, fact.longitude)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "name\tcountry\n",
        "\t".join(FIELDS) + "\nTown\tKE\t01\t1.0\n",
        "\t".join(FIELDS) + "\nTown\tKE\t01\tnorth\t36.0\t1\n",
        "\t".join(FIELDS) + "\nTown\tKEN\t01\t1.0\t36.0\t1\n",
    ],
)
def test_malformed_facts_are_errors(text: str) -> None:
    with pytest.raises(ValueError, match="place facts"):
        read_facts(text)


def test_facts_round_trip(tmp_path: Path) -> None:
    facts = [PlaceFact("Kambi ya Juu", "KE", None, -1.25, 36.5, 3)]
    write_facts(facts, tmp_path / "facts.tsv")
    assert read_facts((tmp_path / "facts.tsv").read_text("utf-8")) == facts


def test_only_unknown_places_and_districts_of_training_rows_are_collected(tmp_path: Path) -> None:
    rows = [
        # a made-up village, thrice: one fact at the median of its coordinates; its made-up
        # district too, at the median of the district's rows
        ("Xyloville", "Kenya", "2021-03-01", "-0.10", "35.00", "Zent North"),
        ("Xyloville", "Kenya", "2021-04-01", "-0.30", "35.20", "Zent North"),
        ("Xyloville", "Kenya", "2021-05-01", "-0.20", "35.10", "Zent North"),
        # known to GeoNames within 25 km, and so is its district's name
        ("Nairobi", "Kenya", "2021-03-01", "-1.2864", "36.8172", "Nairobi"),
        # held out (after 2022-05-01): never read
        ("Quorbridge", "Kenya", "2022-06-01", "0.50", "37.00", "Quor East"),
    ]
    path = tmp_path / "rows.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["source_repo", "source_path", "event_date", "location", "country", "latitude",
             "longitude", "admin2"]
        )  # fmt: skip
        for name, country, day, lat, lon, district in rows:
            writer.writerow(["some/repo", "rows.csv", day, name, country, lat, lon, district])
    with path.open(newline="", encoding="utf-8") as handle:
        facts = collect(csv.DictReader(handle), {"Kenya": "KE"})
    assert [(f.name, f.country_code, f.latitude, f.longitude, f.rows) for f in facts] == [
        ("Xyloville", "KE", -0.2, 35.1, 3),
        ("Zent North", "KE", -0.2, 35.1, 3),
    ]
    assert facts[0].admin1_code is not None
