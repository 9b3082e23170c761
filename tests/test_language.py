"""Language identification: English is coded, everything else is reported."""

from __future__ import annotations

import pytest

from tadmur.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Government forces shelled the town on Monday, killing three people, officials said.",
            "en",
        ),
        ("Les forces gouvernementales ont bombardé la ville lundi, selon des responsables.", "fr"),
        ("Las fuerzas del gobierno bombardearon la ciudad el lunes, según los funcionarios.", "es"),
        ("Die Regierungstruppen haben die Stadt am Montag beschossen, sagten Beamte.", "de"),
        ("قصفت القوات الحكومية المدينة يوم الاثنين وقتل ثلاثة أشخاص", "ar"),
        ("Правительственные войска обстреляли город в понедельник", "ru"),
        ("Урядові війська обстріляли місто в понеділок, повідомили посадовці", "uk"),
        ("", None),
        ("12345 67890", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang
