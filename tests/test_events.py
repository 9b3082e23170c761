"""The events stage on short hand-written articles, one phenomenon each, and on the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tadmur.acled_eval import actor_key
from tadmur.evaluate import Report, score_document
from tadmur.ingest import RawInput, read_path
from tadmur.model import Event, Extraction
from tadmur.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _extract(pipeline: Pipeline, body: str, published: str = "2019-08-22") -> Extraction:
    text = f"Test article\n\n{body}\n"
    return pipeline.extract(RawInput("test.txt", text, "text", published=published))


def _events(pipeline: Pipeline, body: str, published: str = "2019-08-22") -> list[Event]:
    return list(_extract(pipeline, body, published).events)


def test_passive_with_agent_and_from(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "The town of Tikrit was recaptured by Iraqi forces from Islamic State on Tuesday, "
        "officials said.",
        published="2015-04-02",
    )
    assert event.sub_event_type == "Government regains territory"
    assert (event.actor1, event.actor2) == ("Military Forces of Iraq", "Islamic State")
    assert event.date == "2015-03-31"
    assert event.location is not None and event.location.geonameid == 90150  # Tikrīt


def test_non_state_takeover_with_its_own_background_date(pipeline: Pipeline) -> None:
    # a note of one paragraph (an article's month-old background is not coded: see below)
    note = RawInput("n.txt", "Islamic State had seized the town of Hit in October 2014.", "text",
                    published="2019-08-22")  # fmt: skip
    (event,) = pipeline.extract(note).events
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert (event.date, event.date_end, event.time_precision) == ("2014-10-01", "2014-10-31", 3)


@pytest.mark.parametrize(
    "body",
    [
        "The Syrian army denied that it shelled the camp near Idlib on Sunday.",
        "Troops will launch an offensive on Saraqib next week, a commander said.",
        "If the truce collapses, fighting could resume around Idlib.",
        "Supporters of the two clubs clashed after the cup final in Aleppo on Monday.",
        "The minister vowed to win the battle against corruption in Baghdad.",
        "Islamic State may launch more attacks on Kirkuk, officials warned.",
        "Donors met in Geneva on Tuesday to discuss funding for schools in Mali.",
    ],
)
def test_no_event_is_coded(pipeline: Pipeline, body: str) -> None:
    assert _events(pipeline, body) == []


def test_attribution_and_fatalities(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "An air strike killed 11 civilians, including five children, in Kafr Nabl on Friday, "
        "the Syrian Observatory for Human Rights said.",
        published="2019-08-17",
    )
    assert event.sub_event_type == "Air/drone strike"
    assert event.fatalities == 11
    assert "SOHR" in event.sources
    assert event.date == "2019-08-16"


def test_vague_numbers_follow_acled(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "Dozens of people were killed when a car bomb exploded in a market in Baquba on Sunday.",
        published="2020-10-13",
    )
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities == 12


def test_several_places_in_one_sentence_give_one_event_each(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Rebels shelled Hama and Mhardeh on Monday.")
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}
    assert len({e.location.geonameid for e in events if e.location}) == 2


def test_title_and_body_reporting_one_event_merge(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        RawInput(
            "t.txt",
            "Car bomb kills five in Baquba\n\nA car bomb exploded in a market in Baquba on "
            "Monday, killing five people, police said.\n",
            "text",
            published="2020-10-13",
        )
    )
    (event,) = extraction.events
    assert len(event.evidence) == 2
    for span in event.evidence:
        assert extraction.document.text[span.start : span.end] == span.text


def test_displacement_with_count(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Some 400 families fled Kafr Nabl on Saturday as air raids intensified.",
        published="2019-08-18",
    )
    (event,) = [e for e in events if e.sub_event_type == "Displacement"]
    assert event.sub_event_type == "Displacement"
    assert event.displaced is not None and (event.displaced.count, event.displaced.unit) == (
        400,
        "families",
    )


def test_output_is_deterministic(pipeline: Pipeline) -> None:
    body = "Syrian troops recaptured Khan Shaykhun from rebels on Wednesday."
    first = _extract(pipeline, body).to_json()
    assert first == _extract(Pipeline(), body).to_json()


def test_seed_events(pipeline: Pipeline, seed_path: Path) -> None:
    gold = json.loads(seed_path.with_suffix("").with_suffix(".gold.json").read_text("utf-8"))
    extraction = pipeline.extract(read_path(str(seed_path)))
    report = Report()
    score_document(extraction, gold, report)
    required = sum(1 for e in gold["events"] if e.get("required", True))
    assert report.true_positives == required, report.misses
    assert report.precision >= 0.9, report.extras


def test_undated_event_at_the_first_day_of_the_calendar(pipeline: Pipeline) -> None:
    """Fuzzing found an OverflowError: an event without a date of its own is dated to the
    publication date and the day before, and there is no day before 0001-01-01 (a date line
    of "0001-01-01" is enough). Now the range stops at the first day."""
    (event,) = _events(pipeline, "Gunmen killed five civilians in Palmyra.", published="0001-01-01")
    assert (event.date, event.date_end, event.time_precision) == ("0001-01-01", "0001-01-01", 2)
    extraction = pipeline.extract(
        RawInput(
            "test.txt",
            "Clashes in Palmyra\n\n0001-01-01\n\nGunmen killed five civilians in Palmyra.",
            "text",
        )
    )
    assert extraction.document.published == "0001-01-01"
    assert [e.date for e in extraction.events] == ["0001-01-01"]


def test_a_place_liberated_from_foreign_forces_is_regained_by_the_government(
    pipeline: Pipeline,
) -> None:
    (event,) = _events(
        pipeline,
        "On 3 May 2022, the village of Dobryanka in Chernihiv was liberated from Russian forces.",
        published="2022-05-04",
    )
    assert event.sub_event_type == "Government regains territory"
    assert event.actor2 == "Military Forces of Russia (2000-)"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "On 3 May 2022, police fired tear gas at traders protesting in Kisumu.",
            ("Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya (2013-)"),
        ),
        (
            "On 3 May 2022, angry residents lynched a suspected thief in Nakuru.",
            ("Mob violence", "Rioters (Kenya)", "Civilians (Kenya)"),
        ),
        (
            "On 3 May 2022, two farmers were shot dead on their farm near Nakuru.",
            ("Attack", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)"),
        ),
    ],
)
def test_acled_default_actors_of_crowds_and_unseen_hands(
    pipeline: Pipeline, body: str, expected: tuple[str, str, str]
) -> None:
    (event,) = _events(pipeline, body, published="2022-05-04")
    assert (event.sub_event_type, event.actor1, event.actor2) == expected


def test_a_toll_told_after_the_event_in_its_paragraph(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "On 3 May 2022, Russian forces shelled Kreminna, Luhansk. Several houses were "
        "damaged. Two civilians died and five were wounded.",
        published="2022-05-04",
    )
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.fatalities == 2


@pytest.mark.parametrize(
    ("body", "place", "country"),
    [
        # the place before ACLED's bracket is the event's, the bracket says where it is
        ("On 2 May 2022, in Cartagena (Bolivar), taxi drivers marched to demand lower fuel "
         "prices.", "Cartagena", "CO"),
        ("On 2 May 2022, in Budalin township (Monywa district, Sagaing region), soldiers "
         "arrested two teachers.", "Budalin", "MM"),
        # a coder's note of where the event is placed wins
        ("On 2 May 2022, about 900 refugees from Ukraine arrived in Poland [coded to "
         "Przemysl] and were registered.", "Przemyśl", "PL"),
        # a landmark named after a town places an event that names no other place
        ("On 2 May 2022, students at Maseno University rioted and burned a bus.", "Maseno",
         "KE"),
    ],
)  # fmt: skip
def test_acleds_ways_of_naming_the_place(
    pipeline: Pipeline, body: str, place: str, country: str
) -> None:
    events = _events(pipeline, body, published="2022-05-03")
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country_code) == (place, country)


def test_a_named_group_suspected_later_in_the_paragraph_is_the_perpetrator(
    pipeline: Pipeline,
) -> None:
    (event,) = _events(
        pipeline,
        "On 2 May 2022, gunmen threw a grenade into a cafe in Garissa, wounding four people. "
        "Police suspect al Shabaab.",
        published="2022-05-03",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Grenade", "Al Shabaab", "Civilians (Kenya)"
    )  # fmt: skip


def test_the_forces_that_met_a_crowd_are_its_second_actor(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "On 2 May 2022, traders in Kisumu blocked roads with burning tyres and stoned cars. "
        "Police fired tear gas at them.",
        published="2022-05-03",
    )
    assert event.actor1 == "Rioters (Kenya)"
    assert event.actor2 is not None and event.actor2.startswith("Police Forces of Kenya")


def test_a_label_before_a_colon_is_not_the_actor(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Movement of forces: On 2 May 2022, Turkish Gendarmerie forces deployed armoured "
        "vehicles to Hakkari.",
        published="2022-05-03",
    )
    assert events and events[0].actor1 is not None
    assert events[0].actor1.startswith("Military Forces of Turkey")


def test_identity_militias_from_acleds_rows(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "On 2 May 2022, Turkana raiders attacked herders near Lokichar, killing three people "
        "and stealing cattle.",
        published="2022-05-03",
    )
    assert (event.actor1, event.fatalities) == ("Turkana Ethnic Militia (Kenya)", 3)


@pytest.mark.parametrize(
    ("body", "actor1", "actor2"),
    [
        # the planter of a bomb is its author, whoever it hit its target
        ("On 2 May 2022, a bus struck a landmine planted by al Shabaab near Mandera, killing "
         "four passengers.", "Al Shabaab", "Civilians (Kenya)"),
        # the owner of a weapon shot down
        ("Interception: On 2 May 2022, Ukrainian forces shot down a Russian drone over "
         "Kharkiv.", "Military Forces of Ukraine", "Military Forces of Russia"),
        # a shelling of separatist positions, as ACLED names the Donbas republics
        ("On 2 May 2022, Ukrainian forces fired mortars at DPR positions near Horlivka, "
         "Donetsk.", "Military Forces of Ukraine", "NAF: United Armed Forces of Novorossiya"),
        # unnamed armed men as ACLED names them, a gang where ACLED says so
        ("On 2 May 2022, in Celaya, Guanajuato, gang members exchanged fire with state police "
         "officers.", "Unidentified Gang (Mexico)", "Police Forces of Mexico"),
    ],
)  # fmt: skip
def test_acleds_actors_of_remote_violence_and_clashes(
    pipeline: Pipeline, body: str, actor1: str, actor2: str
) -> None:
    events = _events(pipeline, body, published="2022-05-03")
    assert events
    event = events[0]
    assert actor_key(event.actor1) == actor_key(actor1)
    assert actor_key(event.actor2) == actor_key(actor2)


def test_both_sides_of_a_repulsed_offensive(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "On 2 May 2022, Russian forces engaged in an offensive near Avdiivka, Donetsk, but "
        "were repulsed by Ukrainian forces.",
        published="2022-05-03",
    )
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 is not None and event.actor1.startswith("Military Forces of Russia")
    assert event.actor2 is not None and event.actor2.startswith("Military Forces of Ukraine")


def test_the_passive_subject_of_a_movement_is_who_moved(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Movement of forces: On 2 May 2022, around 300 Myanmar soldiers have been deployed "
        "to Loilen township (Loilen district, Shan-South state).",
        published="2022-05-03",
    )
    assert events and events[0].sub_event_type == "Change to group/activity"
    assert events[0].actor1 is not None and events[0].actor1.startswith(
        "Military Forces of Myanmar"
    )
    assert events[0].actor2 is None


def test_a_bare_toll_after_the_event_is_its_count_not_an_event(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "On 2 May 2022, al Shabaab fighters threw grenades into homes in Mandera town. "
        "14 dead. Al Shabaab later claimed responsibility.",
        published="2022-05-03",
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Grenade", 14)]


def test_a_running_total_in_millions_is_background_not_a_displacement(
    pipeline: Pipeline,
) -> None:
    body = (
        "About 300 families fled the town of Kafr Nabl on Tuesday, residents said.\n\n"
        "More than 2,000 people have been killed and 1.8 million displaced."
    )
    displaced = [e for e in _events(pipeline, body) if e.sub_event_type == "Displacement"]
    assert len(displaced) == 1 and len(displaced[0].evidence) == 1
    assert "Kafr Nabl" in displaced[0].evidence[0].text
    assert _events(pipeline, "More than one million Afghans displaced by fighting.") == []
    own_count = (
        "On Monday about 400 families had fled the town of Harib, the agency said, most of "
        "them to camps near Marib city, which already hosts nearly a million displaced people."
    )
    assert [e.sub_event_type for e in _events(pipeline, own_count)] == ["Displacement"]


def _placed(events: list[Event]) -> list[tuple[str, str | None]]:
    return [(e.sub_event_type, e.location.name if e.location else None) for e in events]


def test_where_a_speaker_spoke_from_is_not_where_the_event_was(pipeline: Pipeline) -> None:
    body = (
        "Fighting between the army and rebels killed five people in Jonglei state on Sunday, "
        "a UN spokesman said by phone today from the capital, Juba.\n\n"
        "The spokesman said he had no more details, speaking in Juba."
    )
    places = {name for _, name in _placed(_events(pipeline, body, "2013-01-28"))}
    assert places and "Juba" not in places


@pytest.mark.parametrize(
    ("body", "published", "not_there"),
    [
        # the article's focus city is in its country
        ("Syrian forces pressed their offensive in Idlib and Aleppo on Sunday. Officials in "
         "Moscow welcomed the advance, and Moscow promised more air support to the Syrian "
         "army.\n\nGovernment forces captured the town of Nairab on Monday, a monitor said.",
         "2020-02-25", "Moscow"),
        # a town of a country the article never names is left unresolved
        ("Police killed two protesters in Caracas on Wednesday, the opposition said.\n\n"
         "On Thursday Paola was shot dead by gunmen, her family said.", "2017-04-21", "Paola"),
    ],
)  # fmt: skip
def test_a_town_of_another_country_is_not_where_the_articles_events_are(
    pipeline: Pipeline, body: str, published: str, not_there: str
) -> None:
    placed = _placed(_events(pipeline, body, published))
    assert placed and all(name != not_there for _, name in placed)


def test_a_crowd_rioting_in_an_article_of_demonstrations_is_demonstrating(
    pipeline: Pipeline,
) -> None:
    body = (
        "Thousands of protesters marched in Lahore on Tuesday against the arrest of the "
        "opposition leader.\n\n"
        "In Faisalabad, a mob set fire to a police station on Tuesday.\n\n"
        "In Multan, a mob beat to death a man they accused of theft on Tuesday."
    )
    types = dict((name, sub) for sub, name in _placed(_events(pipeline, body, "2023-05-10")))
    assert types.get("Faisalabad") == "Violent demonstration"
    assert types.get("Multan") == "Mob violence"  # a lynching stays mob violence


def test_an_undated_event_happened_on_the_articles_news_day(pipeline: Pipeline) -> None:
    body = (
        "Gunmen killed 12 villagers in Kaduna state on Monday, police said.\n\n"
        "Separately, bandits kidnapped eight students near Zaria."
    )
    events = _events(pipeline, body, "2020-11-19")
    assert events and {e.date for e in events} == {"2020-11-16"}


def test_a_habit_is_not_an_event(pipeline: Pipeline) -> None:
    body = "Taliban gunmen are increasingly staging ambushes on provincial highways in Kunduz."
    assert _events(pipeline, body, "2016-06-08") == []


def test_a_count_of_events_over_a_period_is_a_record_not_an_event(pipeline: Pipeline) -> None:
    body = (
        "The group has carried out 33 attacks and nine kidnappings in Cauca since the "
        "president took office in August."
    )
    assert _events(pipeline, body, "2019-01-18") == []


def test_soldiers_fleeing_are_not_displaced_civilians(pipeline: Pipeline) -> None:
    body = 'Militants shelled Ramadi on Sunday.\n\n"The military is fleeing," an officer said.'
    assert "Displacement" not in {e.sub_event_type for e in _events(pipeline, body, "2015-05-18")}


def test_in_an_article_the_weapon_named_decides_the_type(pipeline: Pipeline) -> None:
    body = (
        "Lebanon's health ministry said strikes had killed at least 15 people on Saturday.\n\n"
        "The ministry reported two dead and four wounded in an Israeli strike on Batroun."
    )
    types = {e.sub_event_type for e in _events(pipeline, body, "2024-10-13")}
    assert "Air/drone strike" in types and "Attack" not in types


def test_a_country_that_owns_the_actor_is_not_the_place(pipeline: Pipeline) -> None:
    body = "Clashes between South Sudan's army and rebels killed five people on Sunday."
    for event in _events(pipeline, body, "2013-01-28"):
        assert event.location is None or event.location.name != "Juba"


@pytest.mark.parametrize(
    ("body", "day"),
    [
        # the date of the clause whose subject names the event
        ("A missile strike on a block in Dnipro two weeks ago killed 44 people.", "2023-01-16"),
        # the date of a clause the event's words sit in
        (
            "Two men were killed and another two critically wounded on Sunday in an Israeli "
            "strike on central Gaza, Palestinian medics said.",
            "2023-01-29",
        ),
    ],
)  # fmt: skip
def test_an_event_named_inside_a_dated_clause_takes_its_date(
    pipeline: Pipeline, body: str, day: str
) -> None:
    events = _events(pipeline, body, "2023-02-02")
    assert [e.date for e in events] == [day]


def test_where_a_journey_began_is_not_where_its_end_happened(pipeline: Pipeline) -> None:
    body = (
        "Khan, who travelled from Lahore to the capital Islamabad, was arrested by the "
        "Rangers at the Islamabad High Court on Tuesday."
    )
    placed = _placed(_events(pipeline, body, "2023-05-10"))
    assert placed and all(name == "Islamabad" for _, name in placed)


def test_a_lead_paragraph_is_not_a_headline(pipeline: Pipeline) -> None:
    lead = (
        "Thousands of protesters marched in Rawalpindi on Tuesday and threw stones at the "
        "police after the arrest of the opposition leader in a corruption case, witnesses said."
    )  # a page saved without its title: its first line is the lead, with its own place
    text = f"{lead}\n\nIn Faisalabad, protesters threw stones at police on Tuesday.\n"
    events = pipeline.extract(RawInput("t.txt", text, "text", published="2023-05-10")).events
    assert {e.location.name for e in events if e.location} == {"Rawalpindi", "Faisalabad"}


def test_a_country_that_acts_is_its_government_not_a_place(pipeline: Pipeline) -> None:
    body = (
        "Turkish artillery shelled government positions near Saraqeb on Monday, prompting "
        "Russia to accuse Turkey of supporting the rebels."
    )
    placed = _placed(_events(pipeline, body, "2020-02-25"))
    assert placed and all(name not in {"Moscow", "Ankara"} for _, name in placed)


def test_a_blast_in_an_article_of_a_named_weapon_is_that_weapons(pipeline: Pipeline) -> None:
    body = (
        "A suicide bomber blew himself up at a mosque in Maymana on Friday, killing 40 people, "
        "officials said.\n\n"
        "The blast also destroyed three shops near the mosque in Maymana on Friday."
    )
    types = [e.sub_event_type for e in _events(pipeline, body, "2012-10-27")]
    assert types == ["Suicide bomb"]


def test_in_an_article_a_classified_sentence_needs_a_place_or_day_of_its_own(
    pipeline: Pipeline,
) -> None:
    body = (
        "Israeli aircraft struck a motorcycle in Deir al-Balah on Sunday, killing two men, "
        "medics said.\n\n"
        '"Two people were killed, one of those who was critically wounded died of his '
        'wounds," he said.'
    )
    assert len(_events(pipeline, body, "2012-10-14")) == 1


def test_whose_weapon_an_articles_sentence_leaves_unsaid(pipeline: Pipeline) -> None:
    body = (
        "Israeli forces said they had targeted a rocket squad near Deir al-Balah.\n\n"
        "On Saturday night, the air force targeted a motorcycle in the town of Jabaliya, "
        "killing two militants."
    )
    strikes = [e for e in _events(pipeline, body, "2012-10-14") if "Jab" in str(e.location)]
    assert (
        strikes and strikes[0].actor1 and strikes[0].actor1.startswith("Military Forces of Israel")
    )
    body = (
        "Islamic State fighters seized the centre of Ramadi on Sunday, officials said.\n\n"
        "Later, three suicide bombers drove their cars into the gate of the army base in "
        "Ramadi, killing five soldiers."
    )
    bombs = [e for e in _events(pipeline, body, "2015-05-17") if e.sub_event_type == "Suicide bomb"]
    assert bombs and bombs[0].actor1 == "Islamic State"


@pytest.mark.parametrize(
    ("body", "displaced"),
    [
        ("The province is held by forces loyal to President Hadi, who fled Aden in May.", False),
        ("The commander fled to the hills after the battle near Aden on Monday.", False),
        ("About 2,000 civilians fled Pibor on Sunday after the clashes, the UN said.", True),
        ("The villagers fled to Bor on Sunday after the raid, officials said.", True),
    ],
)  # fmt: skip
def test_one_persons_flight_is_not_displacement(
    pipeline: Pipeline, body: str, displaced: bool
) -> None:
    types = {e.sub_event_type for e in _events(pipeline, body, "2015-04-02")}
    assert ("Displacement" in types) == displaced


def test_an_article_s_month_old_background_is_not_coded(pipeline: Pipeline) -> None:
    body = (
        "Police fired tear gas at protesters in Baghdad on Sunday, killing two.\n\n"
        "Iraq's biggest protests in decades broke out in Baghdad last October."
    )
    events = _events(pipeline, body, "2020-07-27")
    assert [e.date for e in events] == ["2020-07-26"]
    # a note of one paragraph tells its own event, by its month if that is all it says
    note = RawInput("n.txt", "In April 2020, police fired tear gas at protesters in Baghdad.",
                    "text", published="2020-07-27")  # fmt: skip
    assert [e.date for e in pipeline.extract(note).events] == ["2020-04-01"]


def test_a_months_tally_and_a_state_of_flight_are_not_events(pipeline: Pipeline) -> None:
    body = (
        "Rebels killed ten villagers in Beni on Tuesday, officials said.\n\n"
        "In September alone, 216 people were murdered in the territory of Beni, a lawmaker "
        "said.\n\n"
        "Beni is close to the front line and many residents have fled or take shelter."
    )
    events = _events(pipeline, body, "2022-10-06")
    assert [(e.sub_event_type, e.date) for e in events] == [("Attack", "2022-10-04")]


def test_property_burnt_by_no_one_named_in_an_article_of_demonstrations(
    pipeline: Pipeline,
) -> None:
    body = (
        "Thousands of protesters marched in Lagos on Tuesday against police brutality.\n\n"
        "Later on Tuesday, the Lekki toll gate was set ablaze."
    )
    types = {e.sub_event_type for e in _events(pipeline, body, "2020-10-21")}
    assert "Looting/property destruction" not in types


def test_where_people_were_on_their_way_to_is_not_where_they_were_taken(
    pipeline: Pipeline,
) -> None:
    body = (
        "Bandits kidnapped eight students near Kaduna on Sunday, police said.\n\n"
        "The students were kidnapped while on their way to the French Village in Badagry."
    )
    assert "Badagry" not in {e.location.name for e in _events(pipeline, body) if e.location}


@pytest.mark.parametrize(
    ("body", "agreed"),
    [
        ("Negotiators traded demands in Doha on Monday as a ceasefire remained elusive.", False),
        ("The government and the rebels signed a ceasefire in Doha on Monday.", True),
    ],
)
def test_an_agreement_is_one_made(pipeline: Pipeline, body: str, agreed: bool) -> None:
    body = f"{body}\n\nThe talks are due to resume next week, officials said."
    types = {e.sub_event_type for e in _events(pipeline, body, "2020-09-15")}
    assert ("Agreement" in types) == agreed


def _coded(pipeline: Pipeline, text: str, article: bool = True) -> list[tuple[str, str | None]]:
    raw = RawInput("t.txt", f"Test\n\n{text}" if article else text, "text", published="2020-01-05")
    return [
        (e.sub_event_type, e.location.name if e.location else None)
        for e in pipeline.extract(raw).events
    ]


@pytest.mark.parametrize(
    ("text", "article", "expected"),
    [
        # an explosion elsewhere, another day, is an event of its own
        ("On 30 December 2019, an air strike hit a market in Maarat al-Numan. On 31 December "
         "2019, an explosion at a checkpoint in Azaz killed 3 people.", False,
         ("Remote explosive/landmine/IED", "I‘zāz")),
        # gunmen who clash with police on a day of protests fight a battle
        ("Thousands protested in Lagos on Monday against police brutality.\n\nIn Lagos on "
         "Monday, gunmen clashed with police, leaving two dead.", True, ("Armed clash", "Lagos")),
        # "the State of Mexico" is a place, not an organisation
        ("Gunmen killed two policemen in the State of Mexico on Monday.", True,
         ("Armed clash", "Mexico City")),
        # "the Gao area of Mali": a town's area, of a country
        ("Gunmen attacked an army post in the Gao area of Mali on Monday.", True,
         ("Armed clash", "Gao")),
        # a habit of the governing clause is not the event's
        ("Residents said the area was usually quiet until gunmen attacked a checkpoint in "
         "Ghazni on Monday.", True, ("Armed clash", "Ghazni")),
        # two attacks, "the first since the ceasefire ended": neither a tally nor a truce
        ("Taliban fighters launched two attacks on checkpoints in Ghazni on Monday, the first "
         "since the ceasefire ended.", True, ("Armed clash", "Ghazni")),
        # everyone is many people
        ("Everyone fled the village of Tawila after gunmen attacked it on Monday.", False,
         ("Displacement", "Tawila")),
    ],
)  # fmt: skip
def test_what_the_real_news_rules_leave_alone(
    pipeline: Pipeline, text: str, article: bool, expected: tuple[str, str | None]
) -> None:
    assert expected in _coded(pipeline, text, article)


def test_in_an_article_a_states_detention_is_an_arrest(pipeline: Pipeline) -> None:
    body = (
        "The opposition leader said armed security agents entered his building and, in "
        "another operation, detained Pedro Lara, a senior opposition politician.\n\n"
        "Lara, a former deputy speaker and second in command of the party, was detained while "
        "broadcasting live from his car on a Caracas highway, according to a statement."
    )
    types = {e.sub_event_type for e in _events(pipeline, body, "2021-07-13")}
    assert "Abduction/forced disappearance" not in types and "Arrests" in types
