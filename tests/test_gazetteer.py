"""The gazetteer index: name folding, derived regions, and the on-disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tadmur import gazetteer as gazetteer_module
from tadmur.gazetteer import Gazetteer, Place, fold_name, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir Zor"),
        ("As Sukhnah", "Al-Sukhnah"),
        ("Sana'a", "Sanaa"),
        ("Hīt", "Hit"),
        ("Ma’rib", "Marib"),
    ],
)
def test_fold_name_meets_variants(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


@given(st.text(max_size=40))
def test_fold_name_is_idempotent(name: str) -> None:
    assert fold_name(fold_name(name)) == fold_name(name)


def test_admin1_names_and_centroids_are_derived(gazetteer: Gazetteer) -> None:
    (palmyra,) = [p for p in gazetteer.candidates("Tadmur") if p.kind == "city"]
    assert gazetteer.admin1_name(palmyra) == "Homs"
    homs = [p for p in gazetteer.candidates("Homs") if p.kind == "admin1"]
    assert len(homs) == 1
    assert 33.5 < homs[0].latitude < 35.5 and 36 < homs[0].longitude < 40
    assert "population-weighted" in gazetteer.provenance["admin1"]


def test_palmyra_has_many_namesakes(gazetteer: Gazetteer) -> None:
    countries = [p.country_code for p in gazetteer.candidates("Palmyra") if p.kind == "city"]
    assert "SY" in countries
    assert countries.count("US") >= 10


def test_airport_codes_are_not_names(gazetteer: Gazetteer) -> None:
    assert not any(p.geonameid == 163808 for p in gazetteer.candidates("PMS"))


def test_cache_is_written_once_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []
    tiny = Place(1, "Testville", "city", "SY", "11", 34.0, 38.0, 10)

    def fake_build() -> Gazetteer:
        builds.append(1)
        return Gazetteer([tiny], {"testville": (0,)}, {}, {}, {"cities": "test"})

    monkeypatch.setattr(gazetteer_module, "build_gazetteer", fake_build)
    assert load_gazetteer(tmp_path).candidates("Testville") == [tiny]
    assert load_gazetteer(tmp_path).candidates("Testville") == [tiny]
    assert len(builds) == 1
    (cache,) = list(tmp_path.iterdir())
    cache.write_bytes(b"not an index")
    assert load_gazetteer(tmp_path).candidates("Testville") == [tiny]
    assert len(builds) == 2
    assert len(list(tmp_path.iterdir())) == 1
