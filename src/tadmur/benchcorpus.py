"""A deterministic synthetic news corpus for `tadmur bench`.

A throughput figure means something only on input shaped like the real thing: wire and
web copy of a few hundred words in which most sentences are background, quotes and
reactions and only a handful report an event. The articles are assembled from slotted
templates (the words are the project's own) over a vocabulary of real places, news-prose
actor names, attributions and relative dates, so every stage of the pipeline has real
work to do. Generation is seeded per article from `(seed, index)` with string seeds, so the
same arguments give byte-identical output whatever PYTHONHASHSEED is, and any prefix of a
larger corpus equals the smaller corpus.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeAlias

__all__ = [
    "PLACES",
    "SyntheticArticle",
    "corpus_stats",
    "generate",
    "write_corpus",
    "write_jsonl",
]


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One generated article, with the counts the generator knows and a parser would guess."""

    name: str
    text: str
    published: str
    sentences: int = 0
    event_sentences: int = 0

    @property
    def url(self) -> str:
        """A reserved-domain URL, so that no real site is ever credited with the text."""
        return f"https://bench.example/{self.published}/{self.name.removesuffix('.txt')}"


# --- templates -----------------------------------------------------------------------------
#
# `{slot}` is filled from the article's context; `<a|b|c>` picks one alternative (which may
# hold slots). Templates are written as the sentence would read after a lead-in such as
# "Separately," and capitalised when they open the sentence.


@dataclass(frozen=True, slots=True)
class _Slot:
    name: str


@dataclass(frozen=True, slots=True)
class _Choice:
    options: tuple[tuple[_Part, ...], ...]


_Part: TypeAlias = "str | _Slot | _Choice"
_TOKEN = re.compile(r"\{(\w+)\}|[<>|]")


def _compile(template: str) -> tuple[_Part, ...]:
    """Parse a template once, at import, so that rendering is a walk over a tuple."""
    parts, end = _parse(template, 0, top=True)
    if end != len(template):
        raise ValueError(f"unbalanced template: {template!r}")
    return parts


def _parse(text: str, pos: int, *, top: bool) -> tuple[tuple[_Part, ...], int]:
    parts: list[_Part] = []
    while pos < len(text):
        m = _TOKEN.search(text, pos)
        if m is None:
            parts.append(text[pos:])
            return tuple(parts), len(text)
        if m.start() > pos:
            parts.append(text[pos : m.start()])
        token = m.group(0)
        if m.group(1):
            parts.append(_Slot(m.group(1)))
            pos = m.end()
        elif token == "<":
            options: list[tuple[_Part, ...]] = []
            pos = m.end()
            while True:
                option, pos = _parse(text, pos, top=False)
                options.append(option)
                if pos >= len(text):
                    raise ValueError(f"unclosed '<' in template: {text!r}")
                closer = text[pos]
                pos += 1
                if closer == ">":
                    break
            parts.append(_Choice(tuple(options)))
        else:
            if top:
                raise ValueError(f"stray {token!r} in template: {text!r}")
            return tuple(parts), m.start()
    return tuple(parts), pos


def _compile_all(templates: Sequence[str]) -> tuple[tuple[_Part, ...], ...]:
    return tuple(_compile(t) for t in templates)


# --- places --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Theatre:
    """One country's conflict as the news covers it: where, who, who says so, and when."""

    code: str
    country: str
    adj: str
    start: date
    end: date
    weight: int
    capital: str
    datelines: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    state: tuple[str, ...]
    armed: tuple[str, ...]
    air: tuple[str, ...]
    artillery: tuple[str, ...]
    drone: tuple[str, ...]
    security: tuple[str, ...]
    sources: tuple[str, ...]
    events: tuple[tuple[str, int], ...]
    names: str
    currency: str
    outlets: tuple[str, ...]
    facts: tuple[str, ...]
    talks: tuple[str, ...]
    leaders: tuple[str, ...]
    insurgency: bool = True


_GENERIC_SOURCES = (
    "a local official",
    "medical sources",
    "residents",
    "a security source",
    "witnesses",
    "local media",
)
_WEB_OUTLETS = (
    "Al Jazeera",
    "BBC",
    "France 24",
    "Voice of America",
    "The Guardian",
    "Deutsche Welle",
)
_MIDEAST_OUTLETS = ("The New Arab", "Middle East Eye", "Al Arabiya", "Asharq Al-Awsat")
_ARABIC = "arabic"


def _d(text: str) -> date:
    return date.fromisoformat(text)


THEATRES: tuple[_Theatre, ...] = (
    _Theatre(
        code="SY", country="Syria", adj="Syrian", weight=12,
        start=_d("2016-01-01"), end=_d("2024-10-31"), capital="Damascus", insurgency=True,
        datelines=("Beirut", "Damascus", "Amman", "Aleppo"),
        places=(("Aleppo", "Aleppo province"), ("Idlib", "Idlib province"),
            ("Khan Sheikhoun", "Idlib province"), ("Saraqib", "Idlib province"),
            ("Ariha", "Idlib province"), ("Jisr al-Shughur", "Idlib province"),
            ("Kafr Nabl", "Idlib province"), ("Douma", "the Damascus countryside"),
            ("Daraa", "Daraa province"), ("Tafas", "Daraa province"),
            ("Deir ez-Zor", "Deir ez-Zor province"), ("Mayadin", "Deir ez-Zor province"),
            ("Albu Kamal", "Deir ez-Zor province"), ("Raqqa", "Raqqa province"),
            ("Tal Abyad", "Raqqa province"), ("Palmyra", "Homs province"),
            ("Homs", "Homs province"), ("Hama", "Hama province"), ("Al-Bab", "Aleppo province"),
            ("Manbij", "Aleppo province"), ("Afrin", "Aleppo province"),
            ("Qamishli", "Hasakah province"), ("Ras al-Ain", "Hasakah province"),
            ("Latakia", "Latakia province")),
        state=("the Syrian army", "Syrian government forces", "government troops",
            "pro-government forces", "Syrian troops", "forces loyal to President Bashar al-Assad"),
        armed=("Hayat Tahrir al-Sham fighters", "Islamic State militants", "rebel fighters",
            "Turkish-backed rebels", "insurgents", "the Kurdish-led Syrian Democratic Forces"),
        air=("Russian warplanes", "Russian jets", "Syrian government warplanes",
            "government helicopters", "unidentified aircraft"),
        artillery=("government artillery", "Syrian troops", "pro-government forces",
            "rebel fighters"),
        drone=("a Turkish drone", "an armed drone", "a government drone"),
        security=("Syrian security forces", "government intelligence agents", "military police"),
        sources=("the Syrian Observatory for Human Rights", "the White Helmets rescue group",
            "state news agency SANA", "opposition activists", "a war monitor", "a rebel commander",
            "local activists"),
        events=(("air", 5), ("shell", 4), ("clash", 4), ("retake", 2), ("seize", 1), ("ied", 2),
            ("arrest", 1), ("displace", 2), ("protest", 1), ("drone", 1)),
        names=_ARABIC, currency="Syrian pound",
        outlets=("Enab Baladi", "Syria Direct", *_MIDEAST_OUTLETS, *_WEB_OUTLETS),
        facts=(
            "Syria's war grew out of protests against President Bashar al-Assad's rule in 2011 "
            "and has since drawn in Russia, Iran, Turkey and the United States.",
            "Millions of people displaced from other parts of the country live in tents and "
            "crowded towns close to the Turkish border.",
            "A Kurdish-led administration runs much of the northeast, while Turkish-backed "
            "factions hold a strip of territory along the border.",
        ),
        talks=("Geneva", "Astana"),
        leaders=("the president", "the prime minister", "the defence minister"),
    ),
    _Theatre(
        code="IQ", country="Iraq", adj="Iraqi", weight=8,
        start=_d("2018-01-01"), end=_d("2022-12-31"), capital="Baghdad", insurgency=True,
        datelines=("Baghdad", "Erbil", "Mosul", "Basra"),
        places=(("Mosul", "Nineveh province"), ("Tal Afar", "Nineveh province"),
            ("Sinjar", "Nineveh province"), ("Qayyarah", "Nineveh province"),
            ("Tikrit", "Salahuddin province"), ("Samarra", "Salahuddin province"),
            ("Baiji", "Salahuddin province"), ("Tuz Khurmatu", "Salahuddin province"),
            ("Fallujah", "Anbar province"), ("Ramadi", "Anbar province"),
            ("Haditha", "Anbar province"), ("Baqubah", "Diyala province"),
            ("Muqdadiyah", "Diyala province"), ("Kirkuk", "Kirkuk province"),
            ("Karbala", "Karbala province"), ("Nasiriyah", "Dhi Qar province"),
            ("Basra", "Basra province")),
        state=("Iraqi forces", "the Iraqi army", "Iraqi security forces", "Iraqi troops",
            "counter-terrorism forces", "the Popular Mobilisation Forces"),
        armed=("Islamic State militants", "Islamic State fighters",
            "suspected Islamic State militants", "gunmen", "militants"),
        air=("Iraqi warplanes", "Iraqi F-16 jets", "U.S.-led coalition aircraft",
            "Turkish warplanes"),
        artillery=("Iraqi artillery",),
        drone=("a Turkish drone", "an armed drone"),
        security=("Iraqi security forces", "police", "counter-terrorism forces",
            "intelligence officers"),
        sources=("a police officer", "security sources", "the Joint Operations Command",
            "the Security Media Cell", "a provincial council member", "medical sources"),
        events=(("ied", 4), ("attack", 2), ("clash", 3), ("arrest", 3), ("air", 2), ("protest", 3),
            ("suicide", 1), ("defuse", 1)),
        names=_ARABIC, currency="Iraqi dinar",
        outlets=("Rudaw", "Kurdistan 24", *_MIDEAST_OUTLETS, *_WEB_OUTLETS),
        facts=(
            "Islamic State overran large parts of northern and western Iraq in 2014, and Iraqi "
            "forces backed by a U.S.-led coalition fought for three years to drive it out.",
            "Although the group no longer holds territory, its cells still carry out hit-and-run "
            "attacks in the rugged areas between Kirkuk, Salahuddin and Diyala.",
            "Oil sales pay for almost all of the Iraqi state's spending, which leaves the budget "
            "exposed to swings in world prices.",
        ),
        talks=("Baghdad", "Erbil"),
        leaders=("the prime minister", "the interior minister", "the president"),
    ),
    _Theatre(
        code="YE", country="Yemen", adj="Yemeni", weight=7,
        start=_d("2015-04-01"), end=_d("2022-03-31"), capital="Sanaa", insurgency=True,
        datelines=("Aden", "Sanaa", "Dubai", "Riyadh"),
        places=(("Sanaa", "Sanaa governorate"), ("Taiz", "Taiz governorate"),
            ("Mokha", "Taiz governorate"), ("Marib", "Marib governorate"),
            ("Harib", "Marib governorate"), ("Hodeidah", "Hodeidah governorate"),
            ("Aden", "Aden governorate"), ("Saada", "Saada governorate"), ("Mukalla", "Hadramout"),
            ("Hajjah", "Hajjah governorate"), ("Dhamar", "Dhamar governorate"),
            ("Ataq", "Shabwa governorate"), ("Zinjibar", "Abyan governorate"),
            ("Ibb", "Ibb governorate")),
        state=("government forces", "Yemeni government troops", "pro-government forces",
            "forces loyal to the internationally recognised government"),
        armed=("Houthi fighters", "the Iran-aligned Houthis", "Houthi rebels",
            "al Qaeda militants"),
        air=("Saudi-led coalition warplanes", "coalition jets", "coalition aircraft"),
        artillery=("Houthi fighters", "the Houthis", "government artillery"),
        drone=("Houthi drones", "an explosive-laden drone", "a Houthi drone"),
        security=("government security forces", "Houthi security forces", "police"),
        sources=("a medical source", "the Houthi-run Al Masirah TV", "residents", "a tribal source",
            "a government military official", "the Saudi-led coalition"),
        events=(("air", 5), ("shell", 3), ("clash", 4), ("retake", 1), ("seize", 1), ("drone", 2),
            ("displace", 2)),
        names=_ARABIC, currency="Yemeni rial",
        outlets=(*_MIDEAST_OUTLETS, *_WEB_OUTLETS),
        facts=(
            "The war began in late 2014 when the Houthis took Sanaa, and a Saudi-led coalition "
            "intervened months later to restore the internationally recognised government.",
            "The United Nations has called Yemen one of the world's worst humanitarian crises, "
            "with millions of people relying on food aid.",
            "Most of the country's food and fuel imports arrive through the Red Sea port of "
            "Hodeidah.",
        ),
        talks=("Geneva", "Stockholm", "Muscat"),
        leaders=("the president", "the prime minister"),
    ),
    _Theatre(
        code="NG", country="Nigeria", adj="Nigerian", weight=9,
        start=_d("2015-06-01"), end=_d("2024-12-31"), capital="Abuja", insurgency=True,
        datelines=("Maiduguri", "Abuja", "Kano", "Lagos"),
        places=(("Maiduguri", "Borno state"), ("Gwoza", "Borno state"), ("Bama", "Borno state"),
            ("Konduga", "Borno state"), ("Monguno", "Borno state"), ("Dikwa", "Borno state"),
            ("Damboa", "Borno state"), ("Chibok", "Borno state"), ("Biu", "Borno state"),
            ("Damaturu", "Yobe state"), ("Gusau", "Zamfara state"), ("Katsina", "Katsina state"),
            ("Birnin Gwari", "Kaduna state"), ("Zaria", "Kaduna state"), ("Jos", "Plateau state"),
            ("Makurdi", "Benue state"), ("Sokoto", "Sokoto state")),
        state=("Nigerian troops", "the Nigerian army", "soldiers", "security forces"),
        armed=("Boko Haram fighters", "Islamic State West Africa Province fighters",
            "ISWAP militants", "armed bandits", "suspected jihadists", "gunmen on motorcycles"),
        air=("the Nigerian air force", "military jets", "air force jets"),
        artillery=("Boko Haram fighters", "the militants"),
        drone=("a military drone",),
        security=("police", "the Department of State Services", "soldiers", "security forces"),
        sources=("a local official", "residents", "a militia leader", "a police spokesman",
            "the army", "a community leader", "a member of the Civilian Joint Task Force"),
        events=(("attack", 5), ("abduct", 4), ("clash", 3), ("air", 2), ("displace", 2),
            ("protest", 1), ("ied", 1), ("suicide", 1)),
        names="nigerian", currency="naira",
        outlets=("Premium Times", "Punch", "Vanguard", *_WEB_OUTLETS),
        facts=(
            "Boko Haram began its insurgency in 2009, and the conflict has since spread into "
            "neighbouring Niger, Chad and Cameroon.",
            "In the northwest, criminal gangs known locally as bandits raid villages, steal "
            "cattle and hold people for ransom.",
            "United Nations figures put the number of people forced from their homes in the "
            "northeast at more than two million.",
        ),
        talks=("Abuja",),
        leaders=("the president", "the state governor", "the defence minister"),
    ),
    _Theatre(
        code="ML", country="Mali", adj="Malian", weight=5,
        start=_d("2016-01-01"), end=_d("2024-12-31"), capital="Bamako", insurgency=True,
        datelines=("Bamako", "Dakar", "Niamey"),
        places=(("Mopti", "Mopti region"), ("Djenne", "Mopti region"),
            ("Bandiagara", "Mopti region"), ("Douentza", "Mopti region"), ("Gao", "Gao region"),
            ("Ansongo", "Gao region"), ("Timbuktu", "Timbuktu region"), ("Kidal", "Kidal region"),
            ("Tessalit", "Kidal region"), ("Menaka", "Menaka region"), ("Segou", "Segou region"),
            ("Niono", "Segou region")),
        state=("Malian troops", "the Malian army", "Malian soldiers", "security forces"),
        armed=("al Qaeda-linked militants", "JNIM fighters", "Islamic State militants", "jihadists",
            "Tuareg-led rebels", "armed men"),
        air=("Malian army drones", "military helicopters", "army aircraft"),
        artillery=("the militants",),
        drone=("an army drone",),
        security=("security forces", "gendarmes", "soldiers"),
        sources=("a local official", "a security source", "residents", "a local elected official",
            "the army", "a community leader"),
        events=(("clash", 3), ("ied", 3), ("attack", 4), ("air", 1), ("displace", 2),
            ("abduct", 1)),
        names="sahel", currency="CFA franc",
        outlets=("RFI", "Jeune Afrique", *_WEB_OUTLETS),
        facts=(
            "Jihadist violence began in northern Mali in 2012 and has since spread to the centre "
            "of the country and across the borders into Burkina Faso and Niger.",
            "Groups linked to al Qaeda and to Islamic State compete for control of rural areas "
            "where the state has little presence.",
            "Disputes between herders and farmers over land and water have added to the "
            "insecurity in the centre.",
        ),
        talks=("Algiers",),
        leaders=("the transitional president", "the prime minister", "the defence minister"),
    ),
    _Theatre(
        code="BF", country="Burkina Faso", adj="Burkinabe", weight=4,
        start=_d("2018-01-01"), end=_d("2024-12-31"), capital="Ouagadougou", insurgency=True,
        datelines=("Ouagadougou", "Abidjan", "Niamey"),
        places=(("Djibo", "Sahel region"), ("Dori", "Sahel region"), ("Arbinda", "Sahel region"),
            ("Gorom-Gorom", "Sahel region"), ("Ouahigouya", "Nord region"),
            ("Kaya", "Centre-Nord region"), ("Kongoussi", "Centre-Nord region"),
            ("Fada N'gourma", "Est region"), ("Diapaga", "Est region"),
            ("Tougan", "Boucle du Mouhoun region")),
        state=("Burkinabe soldiers", "the army", "troops", "security forces"),
        armed=("jihadists", "al Qaeda-linked militants", "Islamic State militants", "armed men"),
        air=("army helicopters", "military aircraft"),
        artillery=("the militants",),
        drone=("an army drone",),
        security=("security forces", "gendarmes"),
        sources=("a local official", "a security source", "residents", "the army",
            "a community leader"),
        events=(("attack", 4), ("clash", 3), ("ied", 2), ("displace", 2)),
        names="sahel", currency="CFA franc",
        outlets=("RFI", "Jeune Afrique", *_WEB_OUTLETS),
        facts=(
            "Burkina Faso has been fighting jihadist groups since 2015, and large parts of the "
            "north and east are beyond government control.",
            "Official figures put the number of people displaced inside the country at about two "
            "million.",
            "Civilian volunteers recruited to fight alongside the army have been accused of "
            "abuses against civilians.",
        ),
        talks=("Accra",),
        leaders=("the transitional president", "the prime minister"),
    ),
    _Theatre(
        code="SO", country="Somalia", adj="Somali", weight=7,
        start=_d("2014-01-01"), end=_d("2024-12-31"), capital="Mogadishu", insurgency=True,
        datelines=("Mogadishu", "Nairobi", "Garowe"),
        places=(("Mogadishu", "Banadir region"), ("Kismayo", "Lower Juba region"),
            ("Baidoa", "Bay region"), ("Beledweyne", "Hiiraan region"),
            ("Afgooye", "Lower Shabelle region"), ("Marka", "Lower Shabelle region"),
            ("Jowhar", "Middle Shabelle region"), ("Bosaso", "Bari region"),
            ("Galkayo", "Mudug region"), ("Dhusamareb", "Galgaduud region"),
            ("Hudur", "Bakool region")),
        state=("Somali government forces", "Somali troops", "the Somali army",
            "African Union troops"),
        armed=("al-Shabab militants", "al Shabaab fighters", "the Islamist group's fighters",
            "al-Shabab fighters"),
        air=("U.S. military aircraft", "Somali army drones"),
        artillery=("al-Shabab militants",),
        drone=("a U.S. drone",),
        security=("Somali security forces", "police", "intelligence agents"),
        sources=("a police officer", "a local elder", "the Somali government", "witnesses",
            "a military officer", "an ambulance service director"),
        events=(("suicide", 2), ("ied", 3), ("clash", 4), ("air", 2), ("retake", 1), ("seize", 1),
            ("attack", 1)),
        names="somali", currency="Somali shilling",
        outlets=("Garowe Online", "Hiiraan Online", *_WEB_OUTLETS),
        facts=(
            "Al Shabaab has been fighting to topple Somalia's central government for more than a "
            "decade and still controls large parts of the countryside.",
            "The group often strikes in Mogadishu, targeting hotels, military bases and "
            "government offices.",
            "An African Union force has supported the Somali government since 2007.",
        ),
        talks=("Nairobi", "Addis Ababa"),
        leaders=("the president", "the prime minister"),
    ),
    _Theatre(
        code="AF", country="Afghanistan", adj="Afghan", weight=7,
        start=_d("2015-01-01"), end=_d("2021-06-30"), capital="Kabul", insurgency=True,
        datelines=("Kabul", "Islamabad", "Kandahar"),
        places=(("Kandahar", "Kandahar province"), ("Kunduz", "Kunduz province"),
            ("Jalalabad", "Nangarhar province"), ("Herat", "Herat province"),
            ("Ghazni", "Ghazni province"), ("Lashkar Gah", "Helmand province"),
            ("Mazar-i-Sharif", "Balkh province"), ("Khost", "Khost province"),
            ("Farah", "Farah province"), ("Pul-e-Khumri", "Baghlan province"),
            ("Maidan Shar", "Wardak province"), ("Gardez", "Paktia province"),
            ("Taloqan", "Takhar province"), ("Tarinkot", "Uruzgan province")),
        state=("Afghan forces", "Afghan security forces", "government troops", "Afghan commandos"),
        armed=("Taliban fighters", "the Taliban", "Islamic State militants", "insurgents"),
        air=("Afghan air force jets", "U.S. aircraft", "Afghan helicopters"),
        artillery=("the Taliban", "Afghan forces"),
        drone=("a U.S. drone",),
        security=("Afghan intelligence agents", "police", "security forces"),
        sources=("a provincial spokesman", "the interior ministry", "a Taliban spokesman",
            "a provincial council member", "the defence ministry", "a hospital official"),
        events=(("ied", 4), ("suicide", 1), ("clash", 4), ("seize", 2), ("retake", 1), ("air", 2),
            ("attack", 1), ("protest", 1)),
        names="afghan", currency="afghani",
        outlets=("TOLOnews", "Pajhwok", *_WEB_OUTLETS),
        facts=(
            "The Taliban were driven from power in 2001 by U.S.-backed forces and have fought to "
            "return ever since.",
            "Civilian casualties have stayed high as the insurgents try to widen their hold on "
            "rural districts.",
            "Afghanistan's Islamic State affiliate is based mainly in the eastern province of "
            "Nangarhar.",
        ),
        talks=("Doha",),
        leaders=("the president", "the chief executive", "the defence minister"),
    ),
    _Theatre(
        code="UA", country="Ukraine", adj="Ukrainian", weight=10,
        start=_d("2022-03-01"), end=_d("2025-06-30"), capital="Kyiv", insurgency=False,
        datelines=("Kyiv", "Kharkiv", "Zaporizhzhia", "Odesa"),
        places=(("Kharkiv", "Kharkiv region"), ("Kupiansk", "Kharkiv region"),
            ("Izium", "Kharkiv region"), ("Kherson", "Kherson region"),
            ("Bakhmut", "Donetsk region"), ("Avdiivka", "Donetsk region"),
            ("Kramatorsk", "Donetsk region"), ("Sloviansk", "Donetsk region"),
            ("Pokrovsk", "Donetsk region"), ("Kostiantynivka", "Donetsk region"),
            ("Chasiv Yar", "Donetsk region"), ("Zaporizhzhia", "Zaporizhzhia region"),
            ("Orikhiv", "Zaporizhzhia region"), ("Sumy", "Sumy region"), ("Odesa", "Odesa region"),
            ("Mykolaiv", "Mykolaiv region"), ("Dnipro", "Dnipropetrovsk region"),
            ("Nikopol", "Dnipropetrovsk region"), ("Chernihiv", "Chernihiv region")),
        state=("Ukrainian forces", "Ukrainian troops", "Ukraine's military"),
        armed=("Russian forces", "Russian troops", "Moscow's forces"),
        air=("Russian warplanes", "Russian aircraft dropping glide bombs", "Russian jets"),
        artillery=("Russian forces", "Russian artillery", "Russian troops"),
        drone=("Russian drones", "Iranian-made Shahed drones", "a Russian missile",
            "Russian missiles"),
        security=("Ukraine's SBU security service", "police"),
        sources=("the regional governor", "Ukraine's air force",
            "the regional military administration", "Ukraine's general staff",
            "Russia's defence ministry", "emergency services", "the local mayor"),
        events=(("shell", 5), ("drone", 5), ("air", 2), ("clash", 2), ("seize", 2), ("retake", 1),
            ("shootdown", 2), ("displace", 1)),
        names="ukrainian", currency="hryvnia",
        outlets=("Kyiv Independent", "Ukrinform", *_WEB_OUTLETS),
        facts=(
            "Russia began its full-scale invasion of Ukraine in February 2022 and holds roughly a "
            "fifth of the country's territory.",
            "Moscow denies aiming at civilians, although thousands have been killed in strikes on "
            "towns and cities far from the front line.",
            "Kyiv has repeatedly asked its Western partners for more air defence systems to "
            "protect the power grid.",
        ),
        talks=("Istanbul", "Geneva", "Riyadh"),
        leaders=("the president", "the prime minister", "the defence minister"),
    ),
    _Theatre(
        code="SD", country="Sudan", adj="Sudanese", weight=7,
        start=_d("2023-05-01"), end=_d("2025-06-30"), capital="Khartoum", insurgency=True,
        datelines=("Khartoum", "Port Sudan", "Cairo", "Nairobi"),
        places=(("El Fasher", "North Darfur"), ("Nyala", "South Darfur"),
            ("Zalingei", "Central Darfur"), ("Omdurman", "Khartoum state"),
            ("Khartoum", "Khartoum state"), ("Bahri", "Khartoum state"),
            ("Wad Madani", "Gezira state"), ("El Obeid", "North Kordofan"),
            ("Kadugli", "South Kordofan"), ("Dilling", "South Kordofan"),
            ("Sennar", "Sennar state"), ("Kosti", "White Nile state"),
            ("Babanusa", "West Kordofan")),
        state=("the Sudanese army", "the army", "army troops", "Sudan's armed forces"),
        armed=("the paramilitary Rapid Support Forces", "the RSF", "RSF fighters",
            "allied Arab militias"),
        air=("army warplanes", "military aircraft"),
        artillery=("the RSF", "RSF fighters", "the army"),
        drone=("RSF drones", "army drones", "an RSF drone"),
        security=("army intelligence", "police"),
        sources=("a local resistance committee", "activists", "the Sudan Doctors Network",
            "a medical source", "residents", "a United Nations official"),
        events=(("clash", 4), ("shell", 3), ("air", 2), ("drone", 2), ("seize", 2), ("retake", 1),
            ("displace", 3), ("loot", 2), ("attack", 1)),
        names=_ARABIC, currency="Sudanese pound",
        outlets=("Sudan Tribune", *_WEB_OUTLETS),
        facts=(
            "War broke out in April 2023 between the army and the paramilitary Rapid Support "
            "Forces, which had shared power after a coup in 2021.",
            "The fighting has driven more than ten million people from their homes, the largest "
            "displacement crisis in the world according to aid agencies.",
            "Both sides stand accused of war crimes, and the RSF and allied militias of "
            "ethnically targeted killings in Darfur.",
        ),
        talks=("Jeddah", "Geneva"),
        leaders=("the army chief", "the prime minister"),
    ),
    _Theatre(
        code="CD", country="Congo", adj="Congolese", weight=5,
        start=_d("2022-03-01"), end=_d("2025-06-30"), capital="Kinshasa", insurgency=True,
        datelines=("Goma", "Kinshasa", "Bunia", "Kigali"),
        places=(("Goma", "North Kivu province"), ("Beni", "North Kivu province"),
            ("Butembo", "North Kivu province"), ("Rutshuru", "North Kivu province"),
            ("Sake", "North Kivu province"), ("Oicha", "North Kivu province"),
            ("Lubero", "North Kivu province"), ("Bunia", "Ituri province"),
            ("Djugu", "Ituri province"), ("Bukavu", "South Kivu province"),
            ("Uvira", "South Kivu province")),
        state=("Congolese troops", "the Congolese army", "government forces", "FARDC soldiers"),
        armed=("M23 rebels", "Rwanda-backed M23 rebels", "ADF militants", "CODECO militiamen",
            "Mai-Mai fighters"),
        air=("army aircraft",),
        artillery=("M23 rebels", "the army"),
        drone=("an army drone",),
        security=("police", "soldiers"),
        sources=("civil society leaders", "a local administrator", "an army spokesman",
            "the United Nations mission", "a local chief", "residents"),
        events=(("clash", 4), ("attack", 4), ("seize", 2), ("displace", 3), ("abduct", 1),
            ("loot", 1)),
        names="congolese", currency="Congolese franc",
        outlets=("RFI", "Jeune Afrique", *_WEB_OUTLETS),
        facts=(
            "Eastern Congo has been torn by violence for three decades, with more than 100 armed "
            "groups competing for land and minerals.",
            "The M23, which Kinshasa and United Nations experts say is backed by Rwanda, took up "
            "arms again in late 2021.",
            "The Allied Democratic Forces, a group of Ugandan origin that pledged allegiance to "
            "Islamic State, have killed thousands of civilians in North Kivu and Ituri.",
        ),
        talks=("Luanda", "Nairobi", "Doha"),
        leaders=("the president", "the defence minister"),
    ),
    _Theatre(
        code="MM", country="Myanmar", adj="Myanmar", weight=5,
        start=_d("2021-04-01"), end=_d("2025-06-30"), capital="Naypyidaw", insurgency=True,
        datelines=("Yangon", "Bangkok"),
        places=(("Lashio", "Shan state"), ("Laukkai", "Shan state"), ("Kyaukme", "Shan state"),
            ("Myitkyina", "Kachin state"), ("Bhamo", "Kachin state"),
            ("Mandalay", "Mandalay region"), ("Monywa", "Sagaing region"),
            ("Loikaw", "Kayah state"), ("Myawaddy", "Kayin state"), ("Sittwe", "Rakhine state"),
            ("Hakha", "Chin state"), ("Falam", "Chin state")),
        state=("the military", "junta troops", "Myanmar's military", "government soldiers"),
        armed=("resistance fighters", "Arakan Army fighters", "ethnic armed groups",
            "Kachin Independence Army fighters", "People's Defence Force fighters"),
        air=("military jets", "junta warplanes", "army helicopters"),
        artillery=("junta troops", "the military"),
        drone=("resistance drones",),
        security=("junta troops", "police"),
        sources=("a local resistance group", "residents", "the shadow National Unity Government",
            "state media", "a rescue worker", "a local aid group"),
        events=(("air", 4), ("clash", 4), ("seize", 2), ("arrest", 2), ("protest", 1),
            ("displace", 2), ("loot", 1)),
        names="burmese", currency="kyat",
        outlets=("The Irrawaddy", "Myanmar Now", *_WEB_OUTLETS),
        facts=(
            "The military seized power in a coup in February 2021, removing the elected "
            "government of Aung San Suu Kyi.",
            "Armed resistance has since spread across much of the country, with ethnic armies and "
            "newly formed militias fighting the junta.",
            "The United Nations says more than three million people have been displaced inside "
            "the country.",
        ),
        talks=("Bangkok", "Jakarta"),
        leaders=("the junta leader",),
    ),
    _Theatre(
        code="MX", country="Mexico", adj="Mexican", weight=4,
        start=_d("2019-07-01"), end=_d("2025-06-30"), capital="Mexico City", insurgency=False,
        datelines=("Mexico City", "Culiacan", "Tijuana"),
        places=(("Culiacan", "Sinaloa state"), ("Reynosa", "Tamaulipas state"),
            ("Nuevo Laredo", "Tamaulipas state"), ("Tijuana", "Baja California"),
            ("Ciudad Juarez", "Chihuahua state"), ("Acapulco", "Guerrero state"),
            ("Chilpancingo", "Guerrero state"), ("Uruapan", "Michoacan state"),
            ("Apatzingan", "Michoacan state"), ("Celaya", "Guanajuato state"),
            ("Irapuato", "Guanajuato state"), ("Zacatecas", "Zacatecas state"),
            ("Fresnillo", "Zacatecas state")),
        state=("soldiers", "the National Guard", "state police", "federal forces",
            "Mexican troops"),
        armed=("cartel gunmen", "suspected cartel members", "gunmen", "members of a drug gang"),
        air=(),
        artillery=(),
        drone=("an explosive-laden drone",),
        security=("state police", "the National Guard", "soldiers", "federal agents"),
        sources=("the state prosecutor's office", "local authorities",
            "the state security ministry", "police", "the Defence Ministry"),
        events=(("attack", 5), ("clash", 3), ("abduct", 2), ("arrest", 3), ("protest", 1)),
        names="spanish", currency="peso",
        outlets=("El Universal", *_WEB_OUTLETS),
        facts=(
            "Mexico has recorded more than 30,000 murders a year for much of the past decade, "
            "many of them tied to organised crime.",
            "Rival cartels fight over smuggling routes to the United States and over extortion "
            "rackets in cities and farming areas.",
            "The government has sent the National Guard, a force created in 2019, to the most "
            "violent states.",
        ),
        talks=("Washington",),
        leaders=("the president", "the security minister", "the state governor"),
    ),
    _Theatre(
        code="CO", country="Colombia", adj="Colombian", weight=4,
        start=_d("2017-01-01"), end=_d("2025-06-30"), capital="Bogota", insurgency=True,
        datelines=("Bogota", "Cali", "Cucuta"),
        places=(("Tumaco", "Narino department"), ("Cucuta", "Norte de Santander department"),
            ("Tibu", "Norte de Santander department"), ("Cali", "Valle del Cauca department"),
            ("Buenaventura", "Valle del Cauca department"),
            ("Jamundi", "Valle del Cauca department"), ("Popayan", "Cauca department"),
            ("Quibdo", "Choco department"), ("Arauca", "Arauca department"),
            ("Saravena", "Arauca department"), ("Medellin", "Antioquia department")),
        state=("Colombian troops", "the Colombian army", "soldiers", "police"),
        armed=("ELN rebels", "FARC dissidents", "members of the Gulf Clan", "armed groups"),
        air=("Colombian military aircraft",),
        artillery=(),
        drone=("an explosive-laden drone",),
        security=("police", "soldiers", "prosecutors"),
        sources=("the ombudsman's office", "the army", "local officials", "the defence ministry",
            "a community leader", "an indigenous organisation"),
        events=(("clash", 4), ("ied", 2), ("abduct", 2), ("displace", 2), ("attack", 2),
            ("air", 1)),
        names="spanish", currency="Colombian peso",
        outlets=("El Tiempo", *_WEB_OUTLETS),
        facts=(
            "The FARC rebels signed a peace deal with the government in 2016, but factions that "
            "rejected it have kept fighting.",
            "The ELN, the largest guerrilla group still active, has held several rounds of talks "
            "with the government without reaching a lasting agreement.",
            "Coca cultivation has hit record levels in recent years, according to United Nations "
            "surveys.",
        ),
        talks=("Havana", "Caracas"),
        leaders=("the president", "the defence minister"),
    ),
    _Theatre(
        code="LY", country="Libya", adj="Libyan", weight=3,
        start=_d("2019-04-05"), end=_d("2020-06-30"), capital="Tripoli", insurgency=True,
        datelines=("Tripoli", "Benghazi", "Cairo", "Tunis"),
        places=(("Tripoli", "the Tripoli area"), ("Misrata", "western Libya"),
            ("Sirte", "central Libya"), ("Gharyan", "the Nafusa mountains"),
            ("Tarhuna", "western Libya"), ("Zawiya", "western Libya"),
            ("Sabratha", "western Libya"), ("Benghazi", "eastern Libya"),
            ("Derna", "eastern Libya"), ("Ajdabiya", "eastern Libya"), ("Sabha", "southern Libya")),
        state=("forces of the Tripoli-based government", "government-aligned forces", "GNA forces"),
        armed=("Khalifa Haftar's forces", "fighters of the eastern-based Libyan National Army",
            "LNA fighters"),
        air=("LNA warplanes", "Turkish-made drones", "unidentified warplanes"),
        artillery=("LNA forces", "Haftar's forces", "government-aligned forces"),
        drone=("a Turkish-made drone", "an LNA drone"),
        security=("police", "security forces"),
        sources=("the health ministry", "a military spokesman", "residents", "a hospital official"),
        events=(("clash", 4), ("shell", 4), ("air", 3), ("drone", 2), ("displace", 1),
            ("protest", 1)),
        names=_ARABIC, currency="Libyan dinar",
        outlets=("Libya Herald", "The Libya Observer", *_MIDEAST_OUTLETS, *_WEB_OUTLETS),
        facts=(
            "Libya has been split between rival administrations in the east and west since 2014.",
            "The eastern commander Khalifa Haftar launched his offensive on Tripoli in April "
            "2019.",
            "Turkey backs the Tripoli government, while Haftar has the support of the United Arab "
            "Emirates, Egypt and Russia.",
        ),
        talks=("Berlin", "Geneva", "Moscow"),
        leaders=("the prime minister", "the interior minister"),
    ),
    _Theatre(
        code="LB", country="Lebanon", adj="Lebanese", weight=3,
        start=_d("2023-10-10"), end=_d("2024-11-25"), capital="Beirut", insurgency=False,
        datelines=("Beirut", "Tyre", "Sidon"),
        places=(("Bint Jbeil", "south Lebanon"), ("Nabatieh", "south Lebanon"),
            ("Tyre", "south Lebanon"), ("Sidon", "south Lebanon"), ("Marjayoun", "south Lebanon"),
            ("Naqoura", "south Lebanon"), ("Baalbek", "the Bekaa valley"),
            ("Hermel", "the Bekaa valley")),
        state=("Israeli forces", "Israeli troops", "the Israeli military"),
        armed=("Hezbollah fighters", "Hezbollah militants",
            "fighters from the Iran-backed Hezbollah"),
        air=("Israeli warplanes", "Israeli jets", "Israeli aircraft"),
        artillery=("Israeli artillery", "Israeli tanks", "Hezbollah fighters"),
        drone=("an Israeli drone", "Israeli drones"),
        security=("the Lebanese army",),
        sources=("Lebanon's health ministry", "the state-run National News Agency",
            "a security source", "the Israeli military", "Hezbollah", "civil defence workers"),
        events=(("air", 6), ("drone", 3), ("shell", 3), ("clash", 1), ("displace", 2)),
        names=_ARABIC, currency="Lebanese pound",
        outlets=("L'Orient Today", *_MIDEAST_OUTLETS, *_WEB_OUTLETS),
        facts=(
            "Hezbollah began firing at Israeli positions in October 2023, a day after the Hamas "
            "attack on Israel, and the two sides have traded fire almost daily since.",
            "Tens of thousands of people on both sides of the border have left their homes.",
            "Lebanon has been mired in a deep economic crisis since 2019, and its caretaker "
            "government has little power.",
        ),
        talks=("Paris", "Washington", "Doha"),
        leaders=("the prime minister", "the parliament speaker"),
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _FillerCountry:
    """A country for the articles with no conflict in them: elections, markets, football."""

    country: str
    adj: str
    cities: tuple[str, str]
    codes: str
    currency: str
    names: str


FILLER_COUNTRIES: tuple[_FillerCountry, ...] = (
    _FillerCountry("Kenya", "Kenyan", ("Nairobi", "Mombasa"), "KE", "shilling", "international"),
    _FillerCountry("Ghana", "Ghanaian", ("Accra", "Kumasi"), "GH", "cedi", "international"),
    _FillerCountry(
        "Indonesia", "Indonesian", ("Jakarta", "Surabaya"), "ID", "rupiah", "international"
    ),
    _FillerCountry("Brazil", "Brazilian", ("Sao Paulo", "Recife"), "BR", "real", "spanish"),
    _FillerCountry("Peru", "Peruvian", ("Lima", "Arequipa"), "PE", "sol", "spanish"),
    _FillerCountry("Senegal", "Senegalese", ("Dakar", "Thies"), "SN", "CFA franc", "sahel"),
    _FillerCountry("Morocco", "Moroccan", ("Casablanca", "Rabat"), "MA", "dirham", _ARABIC),
    _FillerCountry("Tunisia", "Tunisian", ("Tunis", "Sfax"), "TN", "dinar", _ARABIC),
    _FillerCountry("Pakistan", "Pakistani", ("Karachi", "Lahore"), "PK", "rupee", "afghan"),
    _FillerCountry(
        "Bangladesh", "Bangladeshi", ("Dhaka", "Chittagong"), "BD", "taka", "international"
    ),
    _FillerCountry(
        "Ethiopia", "Ethiopian", ("Addis Ababa", "Dire Dawa"), "ET", "birr", "international"
    ),
    _FillerCountry("Nigeria", "Nigerian", ("Lagos", "Kano"), "NG", "naira", "nigerian"),
    _FillerCountry("Colombia", "Colombian", ("Bogota", "Medellin"), "CO", "peso", "spanish"),
    _FillerCountry("Mexico", "Mexican", ("Mexico City", "Guadalajara"), "MX", "peso", "spanish"),
)

_ELSEWHERE: tuple[tuple[str, str], ...] = (
    ("Geneva", "CH"),
    ("Astana", "KZ"),
    ("Stockholm", "SE"),
    ("Muscat", "OM"),
    ("Doha", "QA"),
    ("Jeddah", "SA"),
    ("Riyadh", "SA"),
    ("Dubai", "AE"),
    ("Amman", "JO"),
    ("Cairo", "EG"),
    ("Tunis", "TN"),
    ("Algiers", "DZ"),
    ("Istanbul", "TR"),
    ("Islamabad", "PK"),
    ("Nairobi", "KE"),
    ("Addis Ababa", "ET"),
    ("Niamey", "NE"),
    ("Abidjan", "CI"),
    ("Accra", "GH"),
    ("Kigali", "RW"),
    ("Luanda", "AO"),
    ("Bangkok", "TH"),
    ("Jakarta", "ID"),
    ("Havana", "CU"),
    ("Caracas", "VE"),
    ("Washington", "US"),
    ("Berlin", "DE"),
    ("Moscow", "RU"),
    ("Paris", "FR"),
    ("Garowe", "SO"),
    ("Port Sudan", "SD"),
    ("Kinshasa", "CD"),
    ("Kigali", "RW"),
    ("Yangon", "MM"),
    ("Naypyidaw", "MM"),
    ("Mexico City", "MX"),
    ("Bogota", "CO"),
    ("Kyiv", "UA"),
    ("Damascus", "SY"),
    ("Baghdad", "IQ"),
    ("Erbil", "IQ"),
    ("Abuja", "NG"),
    ("Kano", "NG"),
    ("Lagos", "NG"),
    ("Bamako", "ML"),
    ("Dakar", "SN"),
    ("Ouagadougou", "BF"),
    ("Kabul", "AF"),
    ("Beirut", "LB"),
)


def _all_places() -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for theatre in THEATRES:
        for name, _region in theatre.places:
            seen[(name, theatre.code)] = None
    for filler in FILLER_COUNTRIES:
        for city in filler.cities:
            seen[(city, filler.codes)] = None
    for entry in _ELSEWHERE:
        seen[entry] = None
    return tuple(seen)


PLACES: tuple[tuple[str, str], ...] = _all_places()
"""Every place name the corpus uses, with the country it means; each is in GeoNames."""


# --- people --------------------------------------------------------------------------------

_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    _ARABIC: (
        (
            "Ahmed",
            "Mohammed",
            "Khaled",
            "Omar",
            "Fatima",
            "Mariam",
            "Hassan",
            "Youssef",
            "Abdullah",
            "Layla",
            "Samir",
            "Nour",
            "Rami",
            "Huda",
        ),
        (
            "al-Hamad",
            "Haddad",
            "Saleh",
            "al-Ali",
            "Hussein",
            "Khalil",
            "Mansour",
            "Othman",
            "al-Najjar",
            "Darwish",
        ),
    ),
    "nigerian": (
        (
            "Musa",
            "Ibrahim",
            "Aisha",
            "Usman",
            "Bello",
            "Hauwa",
            "Abubakar",
            "Zainab",
            "Chinedu",
            "Ngozi",
        ),
        ("Abdullahi", "Garba", "Yusuf", "Lawan", "Bukar", "Adamu", "Danjuma", "Okafor"),
    ),
    "sahel": (
        ("Amadou", "Boubacar", "Oumar", "Fatoumata", "Aminata", "Issa", "Moussa", "Awa"),
        ("Diallo", "Traore", "Coulibaly", "Maiga", "Ouedraogo", "Sawadogo", "Toure", "Cisse"),
    ),
    "somali": (
        ("Abdi", "Hodan", "Ahmed", "Fadumo", "Mohamed", "Halima", "Yusuf", "Ifrah"),
        ("Warsame", "Hassan", "Abdi", "Ali", "Osman", "Nur", "Farah", "Omar"),
    ),
    "afghan": (
        ("Ahmad", "Zabihullah", "Mirwais", "Farida", "Gul", "Nasrin", "Hamid", "Shabnam"),
        ("Rahimi", "Karimi", "Noori", "Safi", "Popal", "Wardak", "Haidari", "Sultani"),
    ),
    "ukrainian": (
        ("Olena", "Oleksandr", "Iryna", "Serhiy", "Natalia", "Andriy", "Tetiana", "Volodymyr"),
        (
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Melnyk",
            "Tkachenko",
            "Kravets",
            "Lysenko",
            "Moroz",
        ),
    ),
    "congolese": (
        (
            "Jean-Pierre",
            "Esperance",
            "Patrick",
            "Chantal",
            "Didier",
            "Grace",
            "Emmanuel",
            "Josephine",
        ),
        ("Mumbere", "Kasereka", "Bahati", "Mbusa", "Kahindo", "Paluku", "Masika", "Muhindo"),
    ),
    "burmese": (
        ("Aung", "Kyaw", "Zaw", "Thandar", "Hla", "Min", "Su", "Nay"),
        ("Min", "Htet", "Win", "Aye", "Lwin", "Oo", "Naing", "Thu"),
    ),
    "spanish": (
        ("Maria", "Jose", "Luis", "Carmen", "Juan", "Ana", "Carlos", "Rosa", "Diego", "Lucia"),
        ("Hernandez", "Garcia", "Lopez", "Martinez", "Ramirez", "Torres", "Gomez", "Castillo"),
    ),
    "international": (
        (
            "Sarah",
            "Thomas",
            "Amina",
            "David",
            "Laila",
            "Michael",
            "Nadia",
            "Peter",
            "Ruth",
            "Samuel",
            "Grace",
            "Daniel",
        ),
        (
            "Mitchell",
            "Okoro",
            "Fischer",
            "Moreau",
            "Novak",
            "Reyes",
            "Mensah",
            "Kamau",
            "Brennan",
            "Lindqvist",
        ),
    ),
}
_OCCUPATIONS = (
    "shopkeeper",
    "teacher",
    "farmer",
    "taxi driver",
    "nurse",
    "mechanic",
    "student",
    "pharmacist",
    "baker",
    "tailor",
    "day labourer",
    "fisherman",
    "market trader",
    "carpenter",
)
_HUM_ORGS = (
    "the United Nations",
    "the World Food Programme",
    "UNICEF",
    "Medecins Sans Frontieres",
    "the International Committee of the Red Cross",
    "the UN refugee agency",
    "the UN humanitarian office",
    "the Norwegian Refugee Council",
    "the World Health Organization",
    "Save the Children",
)
_OFFICIALS = (
    "a local official",
    "a doctor at the main hospital",
    "an aid worker",
    "a community leader",
    "a provincial official",
    "a humanitarian official",
    "a local councillor",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WIRE_MONTHS = (
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
_AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TOLLS = (2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 20, 22,
          25, 27, 30, 34, 40, 45, 52)  # fmt: skip
_HUNDREDS = ("300", "500", "800", "1,000", "1,200", "2,000", "3,500", "5,000", "8,000",
             "10,000", "12,000", "20,000", "45,000")  # fmt: skip
_MILLIONS = ("1.2", "1.5", "2", "2.4", "3", "4", "4.5", "6", "7", "9", "12")


# --- event sentences -----------------------------------------------------------------------
#
# Category -> templates. A category is offered only where the theatre has the actors it
# names (air strikes need aircraft, shelling needs artillery, drone strikes drones).

_EVENT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "air": (
        "{air} <struck|bombed|hit> <a market|a residential area|a fuel depot|a bakery|a cluster of "
        "homes> in {place_phrase} {when}, killing {toll}, {source} said.",
        "at least {n} people were killed when {air} <bombed|struck> {place_phrase} {when}, "
        "according to {source}.",
        "<air strikes|airstrikes|air raids> on {place_phrase} {when} killed {toll} and wounded "
        "{n2} others, {source} said.",
        "{source} said {air} carried out <several|at least {n}|a series of> air strikes on <the "
        "outskirts of|villages around> {place} {when}, <killing|wounding> {toll}.",
        "a drone strike on a <vehicle|motorcycle|house> near {place} {when} killed {toll}, "
        "{source} said.",
    ),
    "shell": (
        "{artillery} shelled {place_phrase} {when}, killing {toll}, {source} said.",
        "<artillery fire|a rocket barrage|shelling> hit <a school|a hospital|a residential "
        "neighbourhood|a crowded market> in {place} {when}, <killing|wounding> {toll}, "
        "according to {source}.",
        "<mortar shells|rockets|artillery shells> <landed on|slammed into> {place_phrase} {when}, "
        "wounding {n} people, {source} said.",
        "{source} said {n} civilians were killed in <a missile strike|a rocket attack|heavy "
        "shelling> on {place} {when}.",
    ),
    "clash": (
        "clashes between {state} and {armed} near {place} {when} left {n} <fighters|combatants|"
        "people> dead, {source} said.",
        "heavy fighting broke out between {state} and {armed} in {place_phrase} {when}, {source} "
        "said, with at least {n} people killed on both sides.",
        "{armed} attacked <an army post|a military checkpoint|an army base|a police station> "
        "<near|outside> {place} {when}, killing {n} <soldiers|members of the security forces>, "
        "{source} said.",
        "{state} repelled an attack by {armed} on <positions|a base> near {place} {when}, killing "
        "{n} of the attackers, {source} said.",
        "{armed} ambushed <a military convoy|an army patrol|a supply convoy> on the road to "
        "{place} "
        "{when}, <killing|wounding> {n} soldiers, {source} said.",
    ),
    "retake": (
        "{state} <recaptured|retook|regained control of> {place_phrase} from {armed} {when}, "
        "{source} said.",
        "{source} said {state} had driven {armed} out of {place} {when} after <days of fighting|"
        "a week-long offensive|heavy clashes>.",
    ),
    "seize": (
        "{armed} <seized|captured|overran> {place_phrase} {when} after <days of fighting|a brief "
        "battle|government forces withdrew>, {source} said.",
        "{source} said {armed} had taken control of <{place}|several villages around {place}|a "
        "military base near {place}> {when}.",
        "{place} fell to {armed} {when}, <residents|a local official|{source}> said, after the "
        "defenders pulled out.",
    ),
    "ied": (
        "a roadside bomb <struck|hit> <a military convoy|a police patrol|a minibus|an army "
        "vehicle> "
        "near {place} {when}, killing {toll}, {source} said.",
        "a car bomb exploded <near a checkpoint|at a busy market|outside a government building> in "
        "{place} {when}, killing {toll} and wounding {n2} others, {source} said.",
        "at least {n} soldiers were killed when their vehicle <hit|drove over> a landmine near "
        "{place} "
        "{when}, {source} said.",
        "an explosive device <planted on a motorcycle|hidden by the roadside|left in a cart> went "
        "off in {place} {when}, <killing|wounding> {toll}, according to {source}.",
    ),
    "suicide": (
        "a suicide bomber blew himself up <at a checkpoint|in a crowded market|outside a mosque|at "
        "a police station> in {place} {when}, killing {toll}, {source} said.",
        "at least {n} people were killed in a suicide car bombing <at|near> <a military base|a "
        "hotel|the governor's office> in {place} {when}, {source} said.",
    ),
    "attack": (
        "gunmen <stormed|attacked|raided> <the village of {place}|a market in {place}|a "
        "displacement camp near {place}> {when}, killing {toll}, {source} said.",
        "{armed} killed {n} <villagers|farmers|civilians|traders> in <an attack on|a raid on> "
        "{place_phrase} {when}, {source} said.",
        "{armed} shot dead {n} <men|civilians|people> at a <roadblock|checkpoint> outside {place} "
        "{when}, according to {source}.",
    ),
    "abduct": (
        "gunmen abducted {n} <students|passengers|villagers|worshippers> <from a school|on the "
        "highway|from a church|from their homes> in {place_phrase} {when}, {source} said.",
        "{source} said {armed} had kidnapped {n} <aid workers|engineers|farmers|traders> near "
        "{place} {when} and were demanding a ransom.",
    ),
    "arrest": (
        "{security} arrested {n} people <suspected of links to|accused of belonging to|accused of "
        "helping> {armed} in {place} {when}, {source} said.",
        "{security} detained <dozens of|at least {n}|several> protesters in {place} {when}, "
        "{source} said.",
    ),
    "protest": (
        "<hundreds|thousands|dozens> of people <protested|demonstrated|took to the streets> in "
        "{place} {when} <against rising prices|to demand the release of detainees|against the "
        "killing of civilians|over power cuts>, {source} said.",
        "protesters <blocked a main road|burned tyres|gathered outside the governor's office> in "
        "{place} {when} <to denounce insecurity|in anger over the killing of a local man|to "
        "protest "
        "against fuel shortages>.",
        "<hundreds|dozens> of <students|women|traders|teachers> held a rally in {place} {when} <to "
        "demand|calling for> <better protection|the payment of overdue salaries|an end to the "
        "violence>.",
    ),
    "displace": (
        "<thousands of|hundreds of|more than {N}> families fled {place} {when} as fighting <drew "
        "closer|intensified|spread to nearby villages>, {source} said.",
        "{source} said about {N} people had fled {place} and surrounding villages <since the "
        "weekend|over the past week|since the start of the month>.",
    ),
    "drone": (
        "{drone} <hit|struck> <an apartment building|an energy facility|a port warehouse|a grain "
        "store> in {place} {when}, <killing|injuring> {toll}, {source} said.",
        "a <missile|drone> strike on {place_phrase} {when} <killed|injured> {toll} and damaged "
        "<dozens of homes|a school|a power line>, {source} said.",
    ),
    "shootdown": (
        "air defences shot down {n} drones over {place} {when}, {source} said.",
        "{source} said air defences had intercepted {n} missiles fired at {place_phrase} {when}.",
    ),
    "defuse": (
        "{source} said troops had defused <a roadside bomb|several explosive devices> on the road "
        "between {place} and {place2} {when}.",
        "{security} found and destroyed a weapons cache near {place} {when}, {source} said.",
    ),
    "loot": (
        "{armed} <looted and burned|set fire to|torched> <homes|shops|the market> in {place} "
        "{when}, {source} said.",
        "<homes|shops and homes> in {place} were <looted|ransacked> {when} after {armed} entered "
        "the "
        "town, {source} said.",
    ),
}
_EVENT_NEEDS: dict[str, str] = {"air": "air", "shell": "artillery", "drone": "drone"}
_COMPILED_EVENTS: dict[str, tuple[tuple[_Part, ...], ...]] = {
    category: _compile_all(templates) for category, templates in _EVENT_TEMPLATES.items()
}

_HEADLINES: dict[str, tuple[str, ...]] = {
    "air": (
        "<Air strikes|Airstrikes|Air raids> kill {n_head} in {country}'s {place}",
        "{n_head} dead as warplanes hit {place}, <monitor says|rescuers say|officials say>",
        "Deadly air strikes hit {adj} town of {place}",
    ),
    "shell": (
        "Shelling kills {n_head} in {country}'s {place}",
        "<Rockets|Shells> slam into {place}, killing {n_head}",
        "{country}: {n_head} dead after artillery fire hits {place}",
    ),
    "clash": (
        "{n_head} killed in fighting near {country}'s {place}",
        "Fierce clashes erupt around {place}",
        "Fighting flares near {place} in {region}",
    ),
    "retake": (
        "{place} recaptured from {armed_head}, officials say",
        "{adj} forces say they have retaken {place}",
    ),
    "seize": (
        "{place} falls to {armed_head} after heavy fighting",
        "{armed_head} take {place} in {country}'s {region}",
    ),
    "ied": (
        "Roadside bomb kills {n_head} near {place}",
        "Car bomb in {country}'s {place} kills {n_head}",
        "Blast hits <convoy|patrol|market> in {place}",
    ),
    "suicide": (
        "Suicide bomber kills {n_head} in {place}",
        "Suicide attack in {country}'s {place} leaves {n_head} dead",
    ),
    "attack": (
        "Gunmen kill {n_head} in raid near {place}",
        "{n_head} villagers killed in {country}'s {region}",
    ),
    "abduct": (
        "Gunmen abduct {n_head} in {country}'s {region}",
        "Dozens feared kidnapped near {place}",
    ),
    "arrest": (
        "Security forces detain {n_head} in {place}",
        "{country} arrests {n_head} in <security sweep|crackdown> around {place}",
    ),
    "protest": (
        "Protesters rally in {place} over <prices|insecurity|detentions>",
        "Hundreds protest in {country}'s {place}",
    ),
    "displace": (
        "Thousands flee {place} as fighting <nears|spreads|intensifies>",
        "Families leave {place} as front line moves closer",
    ),
    "drone": (
        "Drone attack on {place} kills {n_head}",
        "<Drones|Missiles> hit {place}, <injuring|killing> {n_head}",
    ),
    "shootdown": (
        "Air defences <down|intercept> drones over {place}",
        "{place} targeted in overnight <drone|missile> attack",
    ),
    "defuse": (
        "Troops defuse bombs on road to {place}",
        "Weapons cache found near {place}",
    ),
    "loot": (
        "Homes torched in {place} <raid|attack>",
        "Looting reported in {country}'s {place}",
    ),
}
_COMPILED_HEADLINES = {k: _compile_all(v) for k, v in _HEADLINES.items()}

# --- sentences that report no event --------------------------------------------------------

_BACKGROUND: tuple[str, ...] = (
    "{place} lies about {km} km ({mi} miles) from {place2}, on a road that <was once busy with "
    "trade|carries most of the supplies for the area|has been cut several times during the "
    "conflict>.",
    "The area has changed hands several times since {year_back}, and many of the families who "
    "left <have never returned|are still living in camps further from the front line>.",
    "The violence is the worst in {region} since {month} {year_back}, <residents|local "
    "officials|aid workers> said, when <dozens of people died|thousands of families left their "
    "homes> in a single week.",
    "{outlet} could not independently verify the <figures|accounts|claims>, and <officials|the "
    "authorities> <did not respond to requests for comment|gave no details of their own>.",
    "There was no immediate claim of responsibility, and <the authorities|officials in "
    "{capital}|the police> did not say whether anyone had been identified as a suspect <in "
    "the {place} attack|so far>.",
    "The <interior|defence|justice> ministry said in a statement on {weekday} that it would "
    "look into the <report|matter> and publish its findings <within two weeks|once the "
    "investigation was complete>.",
    "Talks in {talks_city} aimed at <ending the war|a lasting ceasefire|a political settlement> "
    "stalled <last month|in {month}|earlier this year>, with each side blaming the other for "
    "the lack of progress.",
    "The United Nations envoy for {country} urged all sides to <return to negotiations|respect "
    "international humanitarian law|spare civilians>, warning that the humanitarian situation "
    "<was deteriorating fast|could soon spiral out of control>.",
    "Foreign ministers from <several|neighbouring> countries are due to meet in {talks_city} "
    "<next week|later this month> to discuss the crisis, <diplomats said|according to a draft "
    "agenda seen by {outlet}>.",
    "The <European Union|United States|African Union|Arab League> called for <an immediate "
    "ceasefire|restraint on all sides|an independent investigation> in a statement on "
    "{weekday}, <saying civilians must be protected|without naming any party>.",
    "Diplomats say a <ceasefire|truce> agreed in {month} has <largely collapsed|frayed badly|"
    "held only in parts of the country>, <although|while> both sides say they remain committed "
    "to it.",
    "{org_hum} says about {M} million people in {country} need humanitarian assistance, <a "
    "figure that has risen every year since {year_back}|more than at any time since the crisis "
    "began>.",
    "Aid agencies have warned that <hospitals|clinics> in {region} are <running short of "
    "medicine|overwhelmed|operating on generators>, and that <many doctors have left|supplies "
    "could run out within weeks>.",
    "Food prices in {capital} have <doubled|risen sharply|tripled> <since the start of the "
    "year|over the past year>, according to {org_hum}, which says many families now eat only "
    "once a day.",
    "{org_hum} said its appeal for {country} was only {pct} percent funded <three months "
    "before the end of the year|halfway through the year>, forcing it to cut rations.",
    "Many families are sheltering in <schools|mosques|unfinished buildings|makeshift camps> <on "
    "the edge of|around> {place}, <with little access to|short of> <clean water|food|medical "
    "care>, according to local aid groups.",
    "<Cholera|Measles> cases have risen in <camps|settlements> around {place2}, health officials "
    "said, blaming <overcrowding|a lack of clean water|low vaccination rates>.",
    "The {currency} has lost <more than half of its|much of its> value against the dollar "
    "<since {year_back}|over the past year>, putting the price of basic goods beyond the reach "
    "of many families.",
    "Fuel shortages have <caused long queues|forced bakeries to close|pushed up transport costs> "
    "in {capital} <in recent weeks|this month>, and power cuts now last for most of the day in "
    "some districts.",
    "Trade through the <border crossings|port> has slowed <since {year_back}|this year>, driving "
    "up the price of <imported goods|flour and cooking oil> in markets across the country.",
    "Until a few years ago {place} was known mainly as <a market town|a farming centre|a "
    "trading hub>, and its <livestock market|orchards|workshops> drew buyers from across "
    "{region}.",
    "{armed} <denied|rejected> <the accusations|responsibility> in a statement <posted online|"
    "on social media|sent to journalists>, describing the reports as <fabricated|propaganda>.",
    "The <defence|interior> ministry did not respond to <a request|requests from {outlet}> "
    "for comment <on {weekday}|by the time of publication|on the events in {place}>.",
    "Officials have accused {armed} of <using civilians as human shields|smuggling weapons "
    "across the border|blocking aid convoys>, a charge that has been denied.",
    "Rights groups have accused all sides <in {country}|in {region}> of <abuses|violations "
    "against civilians|arbitrary detentions> and have <called for|demanded> an independent "
    "inquiry into the conduct of the conflict.",
    "Residents said <electricity|mobile phone networks|internet access> had been cut in parts "
    "of {place} <for several days|since the weekend>, making it hard to reach relatives <or "
    "call for help|in other towns>.",
    "Schools in {region} have been closed <since {month}|for several weeks>, <local "
    "officials|teachers> said, and many of the buildings now house families from nearby "
    "villages.",
    "{country} <is due to|plans to> hold <elections|a national dialogue conference> <next "
    "year|later this year>, <although|but> <few expect the vote to go ahead on time|the date "
    "has already been postponed twice>.",
    "{leader_cap} <visited|toured> {region} <last month|in {month}> and met <community "
    "leaders|military commanders|aid officials>, promising <more resources|better "
    "security|help with reconstruction>.",
    "The road between {place} and {place2} <remains|is still> <closed to traffic|dangerous|"
    "dotted with checkpoints>, drivers said, and a journey that once took an hour can now take "
    "most of a day.",
    "Several aid organisations have <suspended|scaled back> their work in {region} <citing "
    "insecurity|after staff were threatened>, leaving <tens of thousands of people|whole "
    "districts> without regular help.",
    "<Farmers|Herders|Traders> in {region} say they have lost <their harvests|access to "
    "markets|much of their income> <this year|since the violence began>, and many have sold "
    "their animals to pay for food.",
    "The price of <bread|flour|cooking gas|rice> <rose|jumped> by {pct} percent <last month|in "
    "{month}>, <traders|a local trader> said, the steepest increase since {year_back}.",
    "The authorities <announced|imposed> a <curfew|ban on motorcycles|new system of travel "
    "permits> in {region} <last month|in {month}>, saying it would help <restore order|stop "
    "the movement of weapons>.",
    "{region} is home to about {M} million people, many of them <farmers and herders|displaced "
    "from other parts of the country|living below the poverty line>.",
    "A spokesperson for {org_hum} said the agency was <following the situation closely|"
    "preparing to send supplies to {place}|in contact with local authorities> and called for "
    "safe access for aid workers.",
    "The latest violence comes <days|a week> after {leader} <visited|met> <community "
    "leaders|local officials> in {place2} to <discuss security|ease tensions> <in the area|"
    "between rival communities>.",
    "It was not clear how many of the dead <in {place}|reported on {weekday}> were "
    "<civilians|combatants>, and <local officials|the authorities> said the toll could change "
    "as more information came in.",
    "There was no official word on casualties among {state}, and such figures are rarely made "
    "public.",
    "Several <journalists|lawyers|activists> have been <questioned|summoned> by the authorities "
    "in recent months, according to press freedom groups, which say reporting from {region} has "
    "become increasingly difficult.",
    "Satellite images <published|reviewed> by <researchers|a monitoring group> showed <burned "
    "fields|new earthworks|damaged buildings> around {place2}, although the images could not "
    "be dated precisely.",
    "Donors pledged about ${M} billion for {country} at a conference in {talks_city} in "
    "{month}, <less than|about half of> what the United Nations had asked for.",
    "The <parliament|cabinet> <approved|debated> a <budget|security plan> for {region} <on "
    "{weekday}|last week>, state media reported, without saying how it would be paid for.",
    "Officials said a committee would be set up to <compensate families|assess the damage|"
    "review security arrangements> in {place}, and that its findings would be made public.",
    "Mobile clinics run by {org_hum} have treated about {N} people in {region} <this year|since "
    "{month}>, most of them for <respiratory infections|malnutrition|injuries>.",
    "Thousands of people who left {place} <in {year_back}|years ago> have not returned, "
    "<citing|fearing> <unexploded ordnance|a lack of services|reprisals>, according to a survey "
    "by {org_hum}.",
    "The {adj} government says it is <committed to|open to> talks but will not <negotiate "
    "under pressure|accept preconditions>, and officials have repeatedly said the state will "
    "restore its authority.",
    "Prices at the main market in {place} have <doubled|risen sharply> since the "
    "<fighting|unrest> began, <shoppers|traders> said, and many stalls now stay closed for most "
    "of the week.",
    "{org_hum} said it had <delivered|distributed> food to about {N} families in {region} "
    "<last month|in {month}>, but warned that its stocks were running low.",
    "The government in {capital} has come under pressure from <opposition parties|civil "
    "society groups|the families of soldiers> to explain its strategy <in the region|for "
    "ending the violence>.",
    "A report by <a parliamentary committee|a group of independent experts> published in "
    "{month} said <corruption|poor coordination|a lack of equipment> had <undermined|slowed> "
    "efforts to <secure the area|deliver aid>.",
    "Officials in {capital} say rebuilding damaged <roads|schools|hospitals> will cost "
    "<hundreds of millions of dollars|several billion dollars> and take years.",
    "The main hospital in {place} is <running on generators|short of staff|treating patients "
    "in its corridors>, a doctor there said, adding that <several surgeons had left|deliveries "
    "of medicine were delayed>.",
)
_INSURGENCY_BACKGROUND: tuple[str, ...] = (
    "Cross-border trade, once a lifeline for {region}, has <slowed to a trickle|nearly "
    "stopped> <since the border was closed|because of the insecurity>.",
    "{armed} have <stepped up|intensified> their operations in {region} <in recent months|since "
    "the start of the year>, <according to security analysts|taking advantage of the rainy "
    "season|as government forces have been stretched>.",
    "No group has said it was behind the <attack|killings>, but {armed} are active in the area "
    "and have carried out similar <raids|operations> before.",
    "Government forces left the area in {year_back} and have tried several times since to "
    "return, with little success, according to local officials.",
    "Analysts say {armed} <have exploited|have benefited from> <local grievances|the weak "
    "presence of the state|disputes over land> to recruit <young men|fighters>, <offering "
    "money and protection|particularly in remote villages>.",
    "The government in {capital} has promised to <rebuild|restore services in> areas recovered "
    "from {armed}, but residents say little has changed on the ground.",
    "The area around {place2} is <mostly rural|sparsely populated|hard to reach>, and reports "
    "of violence from there often take days to emerge.",
    "Security analysts say armed groups have moved into <parts of {region}|villages around "
    "{place2}> where the army has a limited presence, <levying taxes on farmers|controlling "
    "roads and markets|settling local disputes>.",
)
_QUOTES: tuple[str, ...] = (
    '"<We have nowhere else to go|Nobody is helping us|We sleep in our clothes in case we have '
    'to run|Every night we wonder whether we will wake up>," said {person}, {age}, a '
    "{occupation} from {place} who now stays with relatives in {place2}.",
    '"The situation is <very difficult|getting worse every day|calm but tense|beyond what we '
    'can handle>," {official} told {outlet}, asking not to be named <because of the '
    "sensitivity of the matter|because the official was not authorised to speak publicly>.",
    '"<We are doing everything we can, but the needs are enormous|Our teams cannot reach the '
    'area, and supplies are running out|We need safe access now, before it is too late>," said '
    "{person}, <a spokesperson|the country director|a coordinator> for {org_hum} in {country}.",
    '"<We will not abandon our land|This is our home and we are staying|The young men have all '
    'left>," said {person}, <a village elder|a farmer|a local councillor> in {region}, who has '
    "lived there <for more than 40 years|since childhood>.",
    '{official_cap} said the government was "<determined to restore security|committed to '
    'dialogue|working to protect civilians>" and would not let <the violence|the attacks> go '
    "unpunished.",
    '"<Nobody has come to help|We buried them ourselves|The children cannot sleep>," a '
    "resident who asked not to be named told {outlet} by phone from {place}.",
    '"<Prices change every day|We cannot plan anything|We live day by day>," said {person}, a '
    "{occupation} in {capital}, who said <the rent|the cost of food> had <doubled|risen "
    "sharply> in a year.",
    '"<People are exhausted|There is fear in every house|Nobody trusts anyone any more>," said '
    "{person}, {age}, a {occupation} in {place2}, describing the mood in the town.",
)
_DETAILS: dict[str, tuple[str, ...]] = {
    "strike": (
        "Several of the wounded were in critical condition, <a doctor|a hospital official|a "
        "medical source> said, and the toll could rise.",
        "Rescuers were still searching the rubble for survivors <hours later|late into the "
        "night|the following morning>, using their hands and a single digger.",
        "Photographs shared by <residents|activists|local journalists> showed <collapsed "
        "buildings|burned-out cars|a large crater in the road|shattered shop fronts> and people "
        "carrying the injured on blankets.",
        "The victims included <a woman and her two children|several children|a local imam|two "
        "teachers|a pharmacist>, <residents|relatives|a local official> said.",
        "Ambulances took the injured to hospitals in {place2}, <a medical source|a hospital "
        "official|a local health official> said, because the local clinic could not cope.",
    ),
    "fight": (
        "{state} did not comment on the <reports|claims|fighting>, and the account could not be "
        "independently confirmed.",
        "Residents said they heard <heavy gunfire|explosions|the sound of artillery> <through the "
        "night|for several hours|until dawn>, and most people stayed indoors.",
        "It was not clear how many of the dead were <civilians|fighters|combatants>, and both "
        "sides gave different accounts of what happened.",
        "{armed} said in a statement that they had <inflicted heavy losses|captured weapons and "
        "vehicles|taken several prisoners>, a claim that could not be verified.",
        "The <road|main highway> to {place2} was closed <for several hours|while the fighting "
        "went on>, drivers said, leaving trucks stranded at checkpoints.",
    ),
    "other": (
        "Local leaders called on the authorities to <act quickly|do more to protect "
        "residents|open an investigation>, saying people had lost faith in official promises.",
        "{source} gave no further details, and officials in {capital} did not comment.",
        "The authorities <did not immediately comment|declined to comment|did not respond to "
        "requests for comment> on the events in {place}.",
        "Relatives gathered outside <the police station|the local government office|the "
        "hospital> <waiting for news|demanding answers> late into the evening.",
        "<Witnesses|Residents> said the streets were quiet <afterwards|later in the day>, with "
        "most shops closed and few cars on the roads.",
    ),
}
_DETAIL_GROUP = {
    "air": "strike", "shell": "strike", "drone": "strike", "ied": "strike", "suicide": "strike",
    "clash": "fight", "retake": "fight", "seize": "fight", "attack": "fight",
}  # fmt: skip
_STANDFIRSTS: tuple[str, ...] = (
    "The <attack|violence> is <the latest|among the deadliest> in {region} this year.",
    "Residents fear more <violence|attacks> as the authorities struggle to secure the area.",
    "Officials say the toll could rise as rescuers search for survivors.",
    "The incident comes amid renewed <fighting|tension> in {country}'s {region}.",
    "Aid groups warn that civilians are bearing the brunt of the conflict.",
    "Local leaders call for more protection as the violence spreads.",
)
_CAPTIONS: tuple[str, ...] = (
    "A <man|woman|boy> <walks|stands> <past|near> <a damaged building|a burned-out car|the rubble "
    "of a house> in {place} <on {weekday}|earlier this month|last week> [{credit}]",
    "<Displaced families|Residents|Children> wait for aid <in|near> {place2} [{credit}]",
)
_LEADINS = ("Separately, ", "Elsewhere, ", "In a separate incident, ", "Meanwhile, ", "", "")

_COMPILED_BACKGROUND = _compile_all(_BACKGROUND)
_COMPILED_INSURGENCY = _compile_all(_INSURGENCY_BACKGROUND)
_COMPILED_QUOTES = _compile_all(_QUOTES)
_COMPILED_DETAILS = {k: _compile_all(v) for k, v in _DETAILS.items()}
_COMPILED_STANDFIRSTS = _compile_all(_STANDFIRSTS)
_COMPILED_CAPTIONS = _compile_all(_CAPTIONS)

# --- articles with no event ----------------------------------------------------------------

_FILLER: dict[str, tuple[str, ...]] = {
    "election": (
        "voters in {country} go to the polls on {weekday} to choose a new <parliament|president|"
        "set of regional governors>, after a campaign dominated by economic worries.",
        "The electoral commission said more than {M} million people had registered to vote, <a "
        "record|up from the last election>, and that ballot papers had reached every district.",
        "Opinion polls point to a close race between the governing party and an opposition "
        "alliance led by a former <finance minister|mayor of {city}|central bank governor>.",
        "Campaigning has focused on <the cost of living|jobs for young people|corruption|the "
        "state of public hospitals>, with both camps promising to cut taxes on basic goods.",
        "{person}, a {occupation} in {city}, said she would vote for whoever promised <lower "
        "prices|more jobs|better roads>, adding that she had little faith in either side.",
        "Results are expected <within a week|by the end of the month|on {weekday}>, the "
        "commission said, although a partial count may be published earlier.",
        "Observers from the <African Union|European Union|Commonwealth> will monitor the vote "
        "and are due to present their preliminary findings two days after the polls close.",
        "Turnout at the last election was about {pct} percent, and both main parties have "
        "spent heavily on efforts to bring young voters to the polls.",
        "The two main candidates held their final rallies in {city} and {city2} over the "
        "weekend, each drawing crowds of several thousand supporters.",
        "Several smaller parties have formed a coalition in the hope of holding the balance of "
        "power in the next parliament.",
        "The president has promised to <accept the result|hand over power peacefully|serve only "
        "one more term>, in a speech broadcast on national television.",
        "A televised debate between the leading candidates drew a large audience, broadcasters "
        "said, though it produced few surprises.",
    ),
    "economy": (
        "{country}'s central bank <raised|cut> its benchmark interest rate to {rate} percent on "
        "{weekday}, its first change in <several months|more than a year>.",
        "Inflation <eased|rose> to {rate} percent in {month}, data from the statistics office "
        "showed, driven mainly by <food|fuel|transport> prices.",
        "The {currency} <firmed|weakened> slightly against the dollar after the announcement, "
        "and government bond yields <edged lower|were little changed>.",
        "Economists polled by {outlet} had expected <no change|a smaller move|a cut>, citing "
        "the bank's recent statements and a slowdown in lending.",
        "The government is in talks with the International Monetary Fund over a <loan|financing "
        "package> worth about ${M} billion, officials said.",
        "Exports of <coffee|tea|cocoa|textiles|copper|rice> rose {rate} percent <in the first "
        "half of the year|last year>, helped by strong demand from Asia.",
        "The finance minister said the budget deficit would narrow to {rate} percent of output "
        "<next year|by the end of the year> as spending on subsidies is reduced.",
        "Business groups welcomed the <decision|move>, saying high borrowing costs had held back "
        "small firms and discouraged investment.",
        "The stock exchange in {city} closed <higher|slightly lower> on the day, with banking "
        "shares leading the moves.",
        "Analysts expect growth of about {rate} percent this year, helped by <strong harvests|"
        "higher tourism receipts|new investment in ports>.",
        "Unemployment among young people remains high, particularly in {city2}, where many "
        "graduates work in the informal economy.",
        "The bank's next policy meeting is scheduled for {month}, and most analysts expect it to "
        "wait for more data before moving again.",
    ),
    "sport": (
        "{team} beat {team2} {score} in {city} on {weekday} to move <top of the table|into "
        "second place|within a point of the leaders> with <five|six|eight> games left.",
        "<Striker|Midfielder|Winger> {person} scored <twice|the opening goal|a header from a "
        "corner> in front of a crowd of about {N}, in what the coach called the best display of "
        "the season.",
        "The national team will meet {rival} in a World Cup qualifier <next month|in {month}>, "
        "and the squad is due to be announced next week.",
        "The coach said his players had <shown character|worked hard all week|deserved the win> "
        "and that the team was now focused on the next match.",
        "Tickets for the <final|derby|cup tie> sold out within hours, the organisers said, and "
        "extra police will be on duty around the stadium.",
        "The league has <introduced|promised> new rules on <ticket prices|stadium safety|youth "
        "academies> for next season after complaints from supporters' groups.",
        "Supporters gathered outside the stadium hours before kick-off, and the gates opened "
        "early to ease the crowding.",
        "{team2} have now gone {k} games without a win, and their board is expected to discuss "
        "the coach's future this week.",
        "The club's captain <returned from injury|made his 100th appearance|was named player of "
        "the month> and received a standing ovation.",
        "The season ends in {month}, with the top two sides qualifying for continental "
        "competition and the bottom three relegated.",
        "A new stadium in {city2} is due to open <next year|later this year>, with room for "
        "about {N} spectators.",
        "The athletics federation named a squad of {k} for the <continental|world> "
        "championships, including several teenagers.",
    ),
}
_FILLER_HEADLINES: dict[str, tuple[str, ...]] = {
    "election": (
        "{country} votes in tight <presidential|parliamentary> race",
        "Polls open in {country} as voters weigh cost of living",
    ),
    "economy": (
        "{adj} central bank <raises|cuts|holds> rates as inflation <eases|persists>",
        "{country}'s {currency} steadies after rate decision",
    ),
    "sport": (
        "{team} <edge|beat|thrash> {team2} to <go top|stay in title race>",
        "Late goal lifts {team} past {team2}",
    ),
}
_COMPILED_FILLER = {k: _compile_all(v) for k, v in _FILLER.items()}
_COMPILED_FILLER_HEADLINES = {k: _compile_all(v) for k, v in _FILLER_HEADLINES.items()}
_CLUB_SUFFIXES = ("United", "Stars", "Rangers", "Athletic", "Rovers")


# --- rendering -----------------------------------------------------------------------------


def _number(n: int) -> str:
    """News style: words below ten, digits from ten."""
    return _NUMBER_WORDS[n] if n < 10 else str(n)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Context:
    """Everything one article's sentences draw on; the article's rng makes every choice."""

    __slots__ = (
        "city", "city2", "country", "currency", "filler", "fixed", "outlet", "place", "place2",
        "published", "region", "rng", "theatre",
    )  # fmt: skip

    def __init__(self, rng: random.Random, published: date, outlet: str) -> None:
        self.rng = rng
        self.published = published
        self.outlet = outlet
        self.theatre: _Theatre | None = None
        self.filler: _FillerCountry | None = None
        self.place = ""
        self.region = ""
        self.place2 = ""
        self.country = ""
        self.currency = ""
        self.city = ""
        self.city2 = ""
        self.fixed: dict[str, str] = {}


class _Slots(dict[str, str]):
    """The values of one sentence's slots, drawn on first use so a name repeats consistently."""

    __slots__ = ("ctx", "nums")

    def __init__(self, ctx: _Context) -> None:
        super().__init__(ctx.fixed)
        self.ctx = ctx
        self.nums: dict[str, int] = {}

    def __missing__(self, key: str) -> str:
        value = _SLOT_MAKERS[key](self)
        self[key] = value
        return value

    def count(self, key: str, draw: Callable[[random.Random], int]) -> int:
        if key not in self.nums:
            self.nums[key] = draw(self.ctx.rng)
        return self.nums[key]


def _render(parts: tuple[_Part, ...], slots: _Slots) -> str:
    out: list[str] = []
    _walk(parts, slots, slots.ctx.rng, out)
    return "".join(out)


def _walk(parts: tuple[_Part, ...], slots: _Slots, rng: random.Random, out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, _Slot):
            out.append(slots[part.name])
        else:
            _walk(part.options[rng.randrange(len(part.options))], slots, rng, out)


def _theatre(slots: _Slots) -> _Theatre:
    theatre = slots.ctx.theatre
    if theatre is None:
        raise KeyError("a conflict slot was used in an article without a conflict")
    return theatre


def _pick(pool: Sequence[str]) -> Callable[[_Slots], str]:
    return lambda s: s.ctx.rng.choice(pool)


def _from_theatre(field: str) -> Callable[[_Slots], str]:
    def make(s: _Slots) -> str:
        pool: tuple[str, ...] = getattr(_theatre(s), field)
        return s.ctx.rng.choice(pool)

    return make


def _toll(s: _Slots) -> str:
    rng = s.ctx.rng
    n = s.count("n", _draw_toll)
    form = rng.randrange(6)
    if form == 0 and n >= 4:
        k = rng.randint(1, max(1, n // 3))
        return f"{_number(n)} civilians, including {_number(k)} {'child' if k == 1 else 'children'}"
    if form == 1:
        return f"{_number(n)} civilians"
    if form == 2 and n >= 5:
        return f"{_number(n)} people, most of them women and children"
    return f"at least {_number(n)} people"


def _draw_toll(rng: random.Random) -> int:
    return rng.choice(_TOLLS)


def _when(s: _Slots) -> str:
    """A relative date as wire copy gives it, consistent with the publication day."""
    rng = s.ctx.rng
    published = s.ctx.published
    roll = rng.random()
    if roll < 0.82:
        back = rng.choices((0, 1, 2, 3, 4, 5), weights=(30, 36, 14, 9, 6, 5))[0]
        weekday = _WEEKDAYS[(published - timedelta(days=back)).weekday()]
        form = rng.randrange(10)
        if form == 0:
            return f"late on {weekday}"
        if form == 1:
            return f"early on {weekday}"
        if form == 2:
            return f"on {weekday} night"
        if form == 3:
            return f"on {weekday} morning"
        if form == 4:
            return f"overnight on {weekday}"
        return f"on {weekday}"
    if roll < 0.92:
        day = published - timedelta(days=rng.randint(1, 12))
        return f"on {_WIRE_MONTHS[day.month - 1]} {day.day}"
    return rng.choice(("last week", "earlier this week", "at the weekend", "over the weekend"))


def _place_phrase(s: _Slots) -> str:
    rng = s.ctx.rng
    form = rng.randrange(20)
    place, region = s["place"], s["region"]
    if form < 7:
        return place
    if form < 14:
        return f"{place} in {region}"
    if form < 17:
        return f"{place} in {s['country']}'s {region}"
    return f"the outskirts of {place}"


def _person(s: _Slots) -> str:
    ctx = s.ctx
    pool = (
        ctx.theatre.names if ctx.theatre else (ctx.filler.names if ctx.filler else "international")
    )
    first, last = _NAMES[pool]
    return f"{ctx.rng.choice(first)} {ctx.rng.choice(last)}"


def _year_back(s: _Slots) -> str:
    return str(s.ctx.published.year - s.ctx.rng.randint(1, 6))


def _month(s: _Slots) -> str:
    """A month in the recent past, named without its year."""
    back = s.ctx.rng.randint(1, 8)
    return _MONTHS[(s.ctx.published.month - 1 - back) % 12]


def _weekday(s: _Slots) -> str:
    back = s.ctx.rng.randint(0, 3)
    return _WEEKDAYS[(s.ctx.published - timedelta(days=back)).weekday()]


def _draw_km(rng: random.Random) -> int:
    return rng.choice((8, 12, 15, 20, 25, 30, 40, 55, 70, 90, 120))


def _rate(s: _Slots) -> str:
    """A rate as central banks and statisticians give it: 7, 7.25, 7.5 or 7.75."""
    whole, fraction = s.ctx.rng.randint(2, 12), s.ctx.rng.choice(("", ".25", ".5", ".75"))
    return f"{whole}{fraction}"


def _headline_actor(s: _Slots) -> str:
    actor = s["armed"]
    return _cap(actor.removeprefix("the "))


_SLOT_MAKERS: dict[str, Callable[[_Slots], str]] = {
    "place": lambda s: s.ctx.place,
    "region": lambda s: s.ctx.region,
    "place2": lambda s: s.ctx.place2,
    "country": lambda s: s.ctx.country,
    "currency": lambda s: s.ctx.currency,
    "city": lambda s: s.ctx.city,
    "city2": lambda s: s.ctx.city2,
    "outlet": lambda s: s.ctx.outlet,
    "adj": lambda s: (
        _theatre(s).adj if s.ctx.theatre else (s.ctx.filler.adj if s.ctx.filler else "")
    ),
    "capital": lambda s: _theatre(s).capital,
    "place_phrase": _place_phrase,
    "state": _from_theatre("state"),
    "armed": _from_theatre("armed"),
    "armed_head": _headline_actor,
    "air": _from_theatre("air"),
    "artillery": _from_theatre("artillery"),
    "drone": _from_theatre("drone"),
    "security": _from_theatre("security"),
    "source": lambda s: s.ctx.rng.choice(
        _theatre(s).sources if s.ctx.rng.random() < 0.75 else _GENERIC_SOURCES
    ),
    "talks_city": _from_theatre("talks"),
    "leader": _from_theatre("leaders"),
    "leader_cap": lambda s: _cap(s["leader"]),
    "official": _pick(_OFFICIALS),
    "official_cap": lambda s: _cap(s["official"]),
    "org_hum": _pick(_HUM_ORGS),
    "occupation": _pick(_OCCUPATIONS),
    "person": _person,
    "age": lambda s: str(s.ctx.rng.randint(19, 78)),
    "when": _when,
    "n": lambda s: _number(s.count("n", _draw_toll)),
    "n_head": lambda s: str(s.count("n", _draw_toll)),
    "n2": lambda s: _number(s.count("n", _draw_toll) + s.ctx.rng.randint(2, 40)),
    "k": lambda s: _number(s.ctx.rng.randint(3, 24)),
    "toll": _toll,
    "N": _pick(_HUNDREDS),
    "M": _pick(_MILLIONS),
    "pct": lambda s: str(s.ctx.rng.randint(8, 85)),
    "rate": _rate,
    "km": lambda s: str(s.count("km", _draw_km)),
    "mi": lambda s: str(round(s.count("km", _draw_km) * 0.621)),
    "year_back": _year_back,
    "month": _month,
    "weekday": _weekday,
    "credit": _pick(("AFP", "Reuters", "AP Photo", "File photo", "Getty Images", "Anadolu Agency")),
    "score": _pick(("1-0", "2-1", "2-0", "3-1", "3-2", "4-0", "1-0")),
    "rival": lambda s: s.ctx.rng.choice(
        [f.country for f in FILLER_COUNTRIES if f.country != s.ctx.country]
    ),
}


# --- article assembly ----------------------------------------------------------------------

_THEATRE_WEIGHTS = tuple(t.weight for t in THEATRES)
_FILLER_SHARE = 0.1


def _sentence_count(rng: random.Random) -> int:
    """Right-skewed like real copy: most articles 12-30 sentences, a few long features."""
    return max(8, min(50, round(rng.lognormvariate(3.06, 0.36))))


def _categories(theatre: _Theatre) -> tuple[tuple[str, ...], tuple[int, ...]]:
    names: list[str] = []
    weights: list[int] = []
    for category, weight in theatre.events:
        need = _EVENT_NEEDS.get(category)
        if need is None or getattr(theatre, need):
            names.append(category)
            weights.append(weight)
    return tuple(names), tuple(weights)


_THEATRE_CATEGORIES = tuple(_categories(t) for t in THEATRES)


@dataclass(slots=True)
class _Body:
    sentences: list[str]
    events: int
    headline: str
    standfirst: str | None
    caption: str | None
    lead_place: str


def _conflict_body(
    ctx: _Context, theatre: _Theatre, categories: tuple[tuple[str, ...], tuple[int, ...]]
) -> _Body:
    rng = ctx.rng
    ctx.theatre = theatre
    ctx.country = theatre.country
    ctx.currency = theatre.currency
    picks = rng.sample(theatre.places, k=min(5, len(theatre.places)))
    total = _sentence_count(rng)
    n_events = rng.choices((1, 2, 3, 4), weights=(30, 36, 22, 12))[0]
    n_events = min(n_events, max(1, total // 5))
    names, weights = categories
    kinds = rng.choices(names, weights=weights, k=n_events)

    def at(i: int) -> None:
        ctx.place, ctx.region = picks[i % len(picks)]
        ctx.place2 = picks[(i + 1) % len(picks)][0]

    at(0)
    lead = _Slots(ctx)
    lead_text = _cap(_render(rng.choice(_COMPILED_EVENTS[kinds[0]]), lead))
    headline_slots = _Slots(ctx)
    headline_slots.update({k: v for k, v in lead.items() if k in {"armed", "place", "region"}})
    headline_slots.nums.update(lead.nums)
    headline = _render(rng.choice(_COMPILED_HEADLINES[kinds[0]]), headline_slots)

    sentences: list[str | None] = [None] * total
    sentences[0] = lead_text
    is_event = [False] * total
    is_event[0] = True
    if rng.random() < 0.75:
        group = _DETAIL_GROUP.get(kinds[0], "other")
        sentences[1] = _cap(_render(rng.choice(_COMPILED_DETAILS[group]), _Slots(ctx)))
    free = [i for i in range(2, max(3, int(total * 0.85))) if sentences[i] is None]
    slots_for_events = sorted(rng.sample(free, k=min(len(free), n_events - 1)))
    for number, (index, kind) in enumerate(zip(slots_for_events, kinds[1:], strict=False), start=1):
        at(number)
        body = _render(rng.choice(_COMPILED_EVENTS[kind]), _Slots(ctx))
        leadin = rng.choice(_LEADINS)
        sentences[index] = leadin + body if leadin else _cap(body)
        is_event[index] = True

    pool = _COMPILED_BACKGROUND + (_COMPILED_INSURGENCY if theatre.insurgency else ())
    order = rng.sample(range(len(pool)), k=len(pool))
    facts = rng.sample(theatre.facts, k=rng.choice((1, 1, 2, 2, 3)))
    quotes = rng.sample(_COMPILED_QUOTES, k=rng.choice((0, 1, 1, 2, 2, 3)))
    needed = sum(1 for s in sentences if s is None)
    fillers: list[str] = list(facts)
    for quote in quotes:
        at(0)
        fillers.append(_render(quote, _Slots(ctx)))
    position = 0
    while len(fillers) < needed:
        at(rng.randrange(len(picks)) if rng.random() < 0.3 else 0)
        fillers.append(_cap(_render(pool[order[position % len(order)]], _Slots(ctx))))
        position += 1
    rng.shuffle(fillers)
    filled = iter(fillers[:needed])
    final = [s if s is not None else next(filled) for s in sentences]

    at(0)
    standfirst = None
    if rng.random() < 0.55:
        standfirst = _cap(_render(rng.choice(_COMPILED_STANDFIRSTS), _Slots(ctx)))
    caption = None
    if rng.random() < 0.15:
        caption = _render(rng.choice(_COMPILED_CAPTIONS), _Slots(ctx))
    return _Body(final, sum(is_event), headline, standfirst, caption, picks[0][0])


def _filler_body(ctx: _Context, filler: _FillerCountry) -> _Body:
    rng = ctx.rng
    ctx.filler = filler
    ctx.country = filler.country
    ctx.currency = filler.currency
    ctx.city, ctx.city2 = filler.cities if rng.random() < 0.5 else filler.cities[::-1]
    ctx.place = ctx.city
    suffixes = rng.sample(_CLUB_SUFFIXES, k=2)
    ctx.fixed = {"team": f"{ctx.city} {suffixes[0]}", "team2": f"{ctx.city2} {suffixes[1]}"}
    kind = rng.choice(tuple(_COMPILED_FILLER))
    templates = _COMPILED_FILLER[kind]
    total = max(9, min(len(templates), round(_sentence_count(rng) * 0.7)))
    order = [0, *rng.sample(range(1, len(templates)), k=len(templates) - 1)]
    sentences = [_cap(_render(templates[i], _Slots(ctx))) for i in order[:total]]
    headline = _render(rng.choice(_COMPILED_FILLER_HEADLINES[kind]), _Slots(ctx))
    caption = None
    if rng.random() < 0.15:
        credit = rng.choice(("AFP", "Reuters", "File photo"))
        caption = f"A view of central {ctx.city} [{credit}]"
    return _Body(sentences, 0, headline, None, caption, ctx.city)


def _paragraphs(sentences: Sequence[str], rng: random.Random) -> list[str]:
    """Wire style: the lead alone (sometimes with one more), then one to three sentences;
    a quote opens its own paragraph."""
    lead = 2 if rng.random() < 0.2 else 1
    paragraphs = [" ".join(sentences[:lead])]
    i = lead
    while i < len(sentences):
        size = rng.choices((1, 2, 3), weights=(34, 46, 20))[0]
        chunk = list(sentences[i : i + size])
        quoted = [j for j, text in enumerate(chunk) if j and text.startswith('"')]
        if quoted:
            chunk = chunk[: quoted[0]]
        paragraphs.append(" ".join(chunk))
        i += len(chunk)
    return paragraphs


def _date_line(day: date, rng: random.Random) -> str:
    month = _MONTHS[day.month - 1]
    form = rng.randrange(7)
    if form == 0:
        return f"{month} {day.day}, {day.year}"
    if form == 1:
        return f"{day.day} {month} {day.year}"
    if form == 2:
        return f"{day.day} {month}, {day.year}"
    if form == 3:
        return f"Published on {day.day} {_SHORT_MONTHS[day.month - 1]} {day.year}"
    if form == 4:
        return f"Published: {day.isoformat()}"
    if form == 5:
        return f"{_WEEKDAYS[day.weekday()]}, {month} {day.day}, {day.year}"
    hour, minute = rng.randint(6, 22), rng.choice((0, 5, 12, 20, 34, 47, 58))
    return f"Updated {day.day} {month} {day.year} {hour:02d}:{minute:02d} GMT"


def _dateline(city: str, country: str | None, day: date, agency: str) -> str:
    place = city.upper() if country is None else f"{city.upper()}, {country}"
    if agency == "Reuters":
        return f"{place}, {_WIRE_MONTHS[day.month - 1]} {day.day} (Reuters) - "
    if agency == "Xinhua":
        return f"{place}, {_AP_MONTHS[day.month - 1]} {day.day} (Xinhua) -- "
    if agency == "AP":
        return f"{place} (AP) — "
    return f"{place} (AFP) - "


def _article(index: int, seed: int) -> SyntheticArticle:
    rng = random.Random(f"tadmur-bench:{seed}:{index}")
    style = rng.choices(("wire", "web", "plain"), weights=(45, 40, 15))[0]
    agency = rng.choices(("Reuters", "AFP", "AP", "Xinhua"), weights=(50, 22, 20, 8))[0]
    theatre: _Theatre | None = None
    if rng.random() < _FILLER_SHARE:
        filler = rng.choice(FILLER_COUNTRIES)
        published = _d("2015-01-01") + timedelta(days=rng.randrange(3650))
        outlet = agency if style == "wire" else rng.choice(_WEB_OUTLETS)
        ctx = _Context(rng, published, outlet)
        body = _filler_body(ctx, filler)
        datelines: tuple[str, ...] = (ctx.city,)
    else:
        t_index = rng.choices(range(len(THEATRES)), weights=_THEATRE_WEIGHTS)[0]
        theatre = THEATRES[t_index]
        span = (theatre.end - theatre.start).days + 1
        published = theatre.start + timedelta(days=rng.randrange(span))
        outlet = agency if style == "wire" else rng.choice(theatre.outlets)
        ctx = _Context(rng, published, outlet)
        body = _conflict_body(ctx, theatre, _THEATRE_CATEGORIES[t_index])
        datelines = theatre.datelines

    sentences = list(body.sentences)
    extra = 0
    lines = [body.headline]
    tail: list[str] = []
    if style == "wire":
        if body.standfirst and rng.random() < 0.5:
            lines.append(body.standfirst)
        lines.append(_date_line(published, rng))
        if theatre is not None and "'" not in body.lead_place and rng.random() < 0.3:
            # "TUZ KHURMATU, Iraq, Oct 11 (Reuters) -": filed from the scene.
            dateline = _dateline(body.lead_place, theatre.country, published, agency)
        else:
            dateline = _dateline(rng.choice(datelines), None, published, agency)
        sentences[0] = dateline + sentences[0]
        if agency == "Reuters" and rng.random() < 0.5:
            tail.append(_credits(rng, rng.choice(datelines)))
            extra = 1
    elif style == "web":
        if rng.random() < 0.4:
            lines.append(body.headline)  # scraped pages often carry the title twice
        if body.standfirst:
            lines.append(body.standfirst)
        if rng.random() < 0.5:
            words = sum(len(s.split()) for s in sentences)
            lines.append(f"{max(1, round(words / 230))} min read")
        if rng.random() < 0.4:
            lines.append(f"By {_person_international(rng)}")
        lines.append(_date_line(published, rng))
        if body.caption:
            lines.append(body.caption)
            extra = 1
    else:
        lines.append(_date_line(published, rng))
    paragraphs = _paragraphs(sentences, rng)
    text = "\n\n".join(lines + paragraphs + tail) + "\n"
    return SyntheticArticle(
        name=f"bench-{index:06d}.txt",
        text=text,
        published=published.isoformat(),
        sentences=len(body.sentences) + extra,
        event_sentences=body.events,
    )


def _person_international(rng: random.Random) -> str:
    first, last = _NAMES["international"]
    return f"{rng.choice(first)} {rng.choice(last)}"


def _credits(rng: random.Random, city: str) -> str:
    """The Reuters sign-off, which scrapers keep with the body."""
    return (
        f"(Reporting by {_person_international(rng)} in {city}; Writing by "
        f"{_person_international(rng)}; Editing by {_person_international(rng)})"
    )


# --- public API ----------------------------------------------------------------------------


def generate(count: int, seed: int = 0) -> list[SyntheticArticle]:
    """`count` articles; article i depends only on (seed, i)."""
    if count < 0:
        raise ValueError("count must not be negative")
    return [_article(i, seed) for i in range(count)]


def write_corpus(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """One UTF-8 `.txt` per article, as a scraper would save them; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for article in generate(count, seed):
        path = directory / article.name
        path.write_bytes(article.text.encode("utf-8"))
        paths.append(path)
    return paths


def write_jsonl(path: Path, count: int, seed: int = 0) -> Path:
    """One `{"text", "published", "url"}` object per line, the form `tadmur ingest` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"text": a.text, "published": a.published, "url": a.url}, ensure_ascii=False)
        for a in generate(count, seed)
    ]
    path.write_bytes(("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    return path


def corpus_stats(articles: Sequence[SyntheticArticle]) -> dict[str, int | float]:
    """Size and shape of a generated corpus, as the benchmark reports it."""
    count = len(articles)
    words = sum(len(a.text.split()) for a in articles)
    sentences = sum(a.sentences for a in articles)
    events = sum(a.event_sentences for a in articles)
    return {
        "articles": count,
        "words": words,
        "mean_words": round(words / count, 1) if count else 0.0,
        "mean_sentences": round(sentences / count, 1) if count else 0.0,
        "event_sentence_fraction": round(events / sentences, 3) if sentences else 0.0,
        "articles_without_events": sum(1 for a in articles if a.event_sentences == 0),
    }
