"""Fatality and displacement figures, with ACLED's conventions for vague numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tadmur.counts import displaced_in, fatalities_in, parse_number


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
