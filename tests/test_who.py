"""The actor dictionary data file: coverage, unambiguous aliases, context and renamings."""

from __future__ import annotations

from datetime import date

import pytest

from tadmur.who import GENERIC_PREFIXES, country_names, load_actors, parse_actors

FOCUS = ["SY", "IQ", "LY", "YE", "LB", "NG", "NE", "TD", "CM", "ML", "BF", "SO", "AF", "UA"]


def test_size_and_inter_codes() -> None:
    actors = load_actors().actors
    assert len(actors) >= 200
    assert {a.inter for a in actors} <= set(range(1, 9))


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("IS", "Islamic State"),
        ("ISIS", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("the Islamic State group", "Islamic State"),
        ("Syrian army", "Military Forces of Syria"),
        ("regime forces", "Military Forces of Syria"),
        ("Syrian soldiers", "Military Forces of Syria"),
    ],
)
def test_aliases(phrase: str, name: str) -> None:
    actor = load_actors().lookup(phrase)
    assert actor is not None and actor.name == name


def test_context_alias_needs_the_country() -> None:
    actors = load_actors()
    troops = actors.lookup("troops", country="SY")
    assert troops is not None and troops.name == "Military Forces of Syria"
    assert actors.lookup("troops") is None


def test_dated_renaming_of_nusra() -> None:
    actors = load_actors()
    before = actors.lookup("al-Nusra Front", on=date(2015, 6, 1))
    after = actors.lookup("al-Nusra Front", on=date(2018, 6, 1))
    assert before is not None and after is not None
    assert before.name != after.name
    assert after.name == "Hayat Tahrir al-Sham"


@pytest.mark.parametrize("country", FOCUS)
def test_generic_fallbacks_exist(country: str) -> None:
    for prefix in GENERIC_PREFIXES:
        fallback = load_actors().fallback(prefix, country)
        assert fallback is not None, (prefix, country)


@pytest.mark.parametrize(
    "raw",
    [
        {"name": "X"},
        [{"name": "X", "inter": 9}],
        [{"name": "X", "inter": 1}, {"name": "X", "inter": 2}],
        [{"name": "X", "inter": 1, "aliases": ["Y"]}, {"name": "Y", "inter": 2}],
        [{"name": "X", "inter": 1, "renamed": [{"to": "Nobody", "on": "2017-01-01"}]}],
    ],
)
def test_malformed_files_are_errors(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_actors(raw)


def test_generic_actors_of_any_country_carry_acled_country_names() -> None:
    actors = load_actors()
    kenya = actors.fallback("Protesters", "KE")
    assert kenya is not None and (kenya.name, kenya.inter) == ("Protesters (Kenya)", 6)
    congo = actors.fallback("Rioters", "CD")
    assert congo is not None and congo.name == "Rioters (Democratic Republic of Congo)"
    assert congo.inter == 5
    listed = actors.fallback("Civilians", "SY")  # the dictionary's own entry wins
    assert listed is not None and listed == actors.get("Civilians (Syria)")
    assert actors.fallback("Protesters", "XX") is None
    assert actors.fallback("Bystanders", "KE") is None


def test_a_countrys_police_and_army_without_an_entry_of_their_own() -> None:
    actors = load_actors()
    police = actors.lookup("the police", country="KE")
    assert police is not None and police.name == "Police Forces of Kenya" and police.is_state
    army = actors.lookup("soldiers", country="CO")
    assert army is not None and army.name == "Military Forces of Colombia"
    assert actors.lookup("police") is None  # no country, no police
    syria = actors.lookup("police", country="SY")
    assert syria is not None and syria == actors.get("Police Forces of Syria")


@pytest.mark.parametrize("raw", [["KE"], {"KEN": "Kenya"}, {"KE": 3}])
def test_malformed_country_names_are_errors(raw: object) -> None:
    with pytest.raises(ValueError, match="country names"):
        country_names(raw)


def test_made_actors_are_found_by_their_names() -> None:
    actors = load_actors()
    for name, inter in [
        ("Rioters (Kenya)", 5),
        ("Protesters (Democratic Republic of Congo)", 6),
        ("Police Forces of Kenya", 1),
        ("Civilians (Syria)", 7),
    ]:
        found = actors.get(name)
        assert found is not None and (found.name, found.inter) == (name, inter)
    assert actors.get("Rioters (Atlantis)") is None
    assert actors.get("Police Forces of Atlantis") is None
