"""Language identification: English is coded, everything else is reported.

Every sentence here was written for these tests (none is taken from a data set).
"""

from __future__ import annotations

import pytest

from tadmur.language import CANDIDATES, detect_language


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


SHORT_ENGLISH_NOTES = [
    "On 3 May 2021, police dispersed protesters in Kisumu. Casualties unknown.",
    "On 30 June 2022, Russian forces shelled Pokrovske, Donetsk region. Casualties unknown.",
    "On 20 May 2022, Ukrainian forces shelled Horlivka. Casualties unknown.",
    "On 12 January 2020, unidentified gunmen killed a farmer near Gao.",
    "On 5 March 2019, rebels attacked an army post in Beni. 4 fatalities.",
    "On 9 August 2023, traders rioted in Kano market. No casualties reported.",
    "Around 14 April 2018, clashes in Tawergha (Misrata). [size=unknown]",
    "On 1 July 2021, an IED exploded in Mogadishu (Banadir). 2 killed.",
    "On 11 Nov 2020, Houthis shelled Hays district, Hodeidah.",
    "Airstrike on Idlib countryside. 3 civilians killed.",
    "Pokot raiders attack Turkana herders near Kapedo",
    "Police battle rioters in Eldoret",
]


@pytest.mark.parametrize("text", SHORT_ENGLISH_NOTES)
def test_short_english_notes_are_english(text: str) -> None:
    """Mostly names and numbers, and English all the same: they must be coded."""
    assert detect_language(text) == "en"


NOT_ENGLISH = [
    ("Trois soldats tués dans une embuscade au Mali.", "fr"),
    ("Le 3 mai 2021, la police a dispersé des manifestants à Bamako. Bilan inconnu.", "fr"),
    ("Hombres armados asesinaron a un líder social en Cauca.", "es"),
    ("El 3 de mayo de 2021, la policía dispersó a manifestantes en Cali.", "es"),
    ("Bei einem Anschlag wurden drei Menschen getötet.", "de"),
    ("Homens armados atacaram uma aldeia em Cabo Delgado.", "pt"),
    ("Em 3 de maio de 2021, a polícia dispersou manifestantes em Maputo.", "pt"),
    ("I ribelli hanno conquistato la base militare.", "it"),
    ("De politie heeft de betoging uiteengeslagen.", "nl"),
    ("Policja rozproszyła demonstrantów w centrum miasta.", "pl"),
    ("Silahlı saldırıda üç asker hayatını kaybetti.", "tr"),
    ("Tiga polisi tewas dalam serangan bersenjata.", "id"),
    ("Polisi waliwatawanya waandamanaji mjini.", "sw"),
    ("فرقت الشرطة المتظاهرين في وسط المدينة.", "ar"),
    ("سه سرباز در یک حمله مسلحانه کشته شدند.", "fa"),
    ("پولیس نے شہر کے مرکز میں مظاہرین کو منتشر کر دیا۔", "ur"),
    ("Боевики атаковали военную колонну.", "ru"),
    ("Поліція розігнала мітинг у центрі міста.", "uk"),
    ("Полицията разпръсна протестиращите пред парламента.", "bg"),
    ("המשטרה פיזרה את המפגינים במרכז העיר.", "he"),
    ("警方在市中心驱散了抗议者。", "zh"),
    ("Des hommes armés non identifiés ont attaqué un village du centre du pays dans la nuit, "
     "tuant au moins douze civils, selon des sources locales.", "fr"),
    ("Los manifestantes bloquearon la carretera principal durante varias horas y la policía "
     "utilizó gases lacrimógenos para despejar la vía.", "es"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang"), NOT_ENGLISH)
def test_short_text_in_another_language_is_not_english(text: str, lang: str) -> None:
    assert detect_language(text) == lang


MIXED = [
    "Protesters in Bamako carried banners reading 'Non à la guerre, oui à la paix' as they "
    "marched towards the presidential palace on Monday, according to local journalists.",
    "The crowd chanted 'الشعب يريد إسقاط النظام', meaning the people want the fall of the "
    "regime, as police fired tear gas in the main square on Friday, witnesses said.",
    "The spokesman told reporters that the ceasefire was 'un paso importante hacia la paz' but "
    "warned that fighting continued in the south of the country overnight.",
    "Fighters of Hayat Tahrir al-Sham (هيئة تحرير الشام) attacked government positions near "
    "Saraqib overnight, a monitoring group said.",
    "A banner read «Нет войне» as police detained dozens of demonstrators in central Moscow on "
    "Sunday, a monitoring group said.",
]


@pytest.mark.parametrize("text", MIXED)
def test_english_quoting_another_language_stays_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text", ["", "   \n\t ", "... --- !!!", "2021-05-03 12:00", "[1] (2) {3}", "+++ 42 % +++"]
)
def test_no_words_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    english = "Gunmen attacked a checkpoint near the town on Monday, officials said. " * 400
    assert detect_language(english + "Des hommes armés ont attaqué le village. " * 400) == "en"


def test_answers_are_iso_639_1_codes_and_repeatable() -> None:
    texts = [text for text, _ in NOT_ENGLISH] + SHORT_ENGLISH_NOTES + MIXED
    first = [detect_language(text) for text in texts]
    assert first == [detect_language(text) for text in texts]
    assert all(code is not None and len(code) == 2 for code in first)
    assert CANDIDATES[0] == "en"  # an input with no evidence either way is taken as English
