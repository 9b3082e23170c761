"""Fatality and displacement figures, with ACLED's conventions for vague numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tadmur.counts import acled_toll, displaced_in, fatalities_in, parse_number


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Gunmen killed 26 civilians, including nine children.", 26),
        ("At least a dozen people were killed in the raid.", 12),
        ("A soldier was killed in the blast.", 1),
        ("Dozens of people were killed when the bomb went off.", 12),
        ("Hundreds were killed in the offensive.", 100),
        ("The death toll rose to 31 on Tuesday.", 31),
        ("The shelling left seven dead.", 7),
        ("The strike killed twenty-five people.", 25),
        ("Rockets landed 3 km north of the town.", None),
        ("Two people were wounded.", None),
        ("A missile strike on the city two weeks ago killed at least 44 people.", 44),
    ],
)
def test_fatalities(sentence: str, value: int | None) -> None:
    found = fatalities_in(sentence)
    assert (found.value if found else None) == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The fighting forced 30 families from the city to flee.", (30, "families")),
        ("Some 2,000 people were displaced.", (2000, "people")),
        ("Hundreds of households fled north.", (100, "families")),
        ("Residents fled.", None),
        ("The war has displaced 1.8 million people.", (1_800_000, "people")),
        ("More than a million people were displaced.", (1_000_000, "people")),
    ],
)
def test_displaced(sentence: str, expected: tuple[int, str] | None) -> None:
    assert displaced_in(sentence) == expected


@given(st.integers(min_value=0, max_value=999_999))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Gunmen shot and killed a farmer near the market.", 1),
        ("Militants attacked the camp, killing one soldier and wounding two.", 1),
        ("A trader was shot dead outside his shop.", 1),
        ("One person died and four were hurt.", 1),
        ("The shelling left houses damaged. 4 fatalities.", 4),
        ("An air strike killed 11 people.", 11),
        ("An air strike hit a school.", None),
        ("Fatalities unknown.", None),
        ("No fatalities were reported.", None),
    ],
)
def test_one_victim_and_acleds_fatality_notes(sentence: str, value: int | None) -> None:
    found = fatalities_in(sentence)
    assert (found.value if found else None) == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Clashes resulted in the death of 1 fighter.", 1),
        ("Two deaths reported, plus several injuries.", 2),
        ("One is dead after the fight.", 1),
        ("The woman later died in hospital.", 1),
        ("Gunmen shot dead the head of the village council.", 1),
        ("A shopkeeper was beaten to death by a crowd.", 1),
        ("Four soldiers and two porters were killed in the ambush.", 6),
        ("Raiders killed 5 herders in Lomut and 3 herders in Sigor.", 8),
        ("Between 4 and 9 villagers were killed.", 4),
        ("The fighting left 12-15 people dead.", 12),
        ("Unknown fatalities coded as 3.", 3),
        ("Fatalities coded to 0.", 0),
        ("Three men opened fire and killed a guard.", 1),
        ("Five armed men executed a trader.", 1),
        ("Residents protested the killing of a teacher last week.", None),
        ("The shelling killed 2 of 31 residents, 12/04 figures.", 2),
    ],
)
def test_acleds_ways_of_telling_deaths(sentence: str, value: int | None) -> None:
    found = fatalities_in(sentence)
    assert (found.value if found else None) == value


def test_a_toll_split_among_events_is_not_the_coders_figure() -> None:
    assert acled_toll("Seven civilians died (7 fatalities split among 3 events).") is None
    found = acled_toll("Two men were shot. 2 fatalities.")
    assert found is not None and found.value == 2
