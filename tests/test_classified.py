"""Where the classifier decides in the events stage: retyping rule drafts, adding events the
trigger lexicon misses, and staying out of what the rules decide."""

from __future__ import annotations

from tadmur.classify import NONE, Prediction
from tadmur.events import ClassifierPolicy
from tadmur.events.classified import Readings, passages, retype, sport_words
from tadmur.events.draft import Draft
from tadmur.ingest import RawInput
from tadmur.nlp import load_nlp
from tadmur.pipeline import Pipeline


def _draft(sub: str, sentence: int = 0) -> Draft:
    return Draft(
        sub_event_type=sub, actor1=None, actor2=None, assoc1=None, place=None,
        place_from_text=False, first=None, last=None, date_explicit=False,
        evidence=[(sentence, sentence + 10)], sources=set(), fatalities=None, displaced=None,
        support=False, order=0, confidence=0.5, sentence=sentence,
    )  # fmt: skip


def _prediction(**probabilities: float) -> Prediction:
    probabilities = {k.replace("_", " "): v for k, v in probabilities.items()}
    label = max(probabilities, key=lambda k: probabilities[k])
    return Prediction(label, probabilities[label], probabilities)


POLICY = ClassifierPolicy(keep=0.15, replace=0.4)


def _readings(prediction: Prediction) -> Readings:
    """One paragraph of one sentence at offset 0."""
    return Readings((), {0: prediction}, {0: prediction}, {0: 0})


def test_an_implausible_rule_type_takes_the_classifiers() -> None:
    draft = _draft("Peaceful protest")
    retype(
        None,
        None,
        [draft],
        _readings(_prediction(Violent_demonstration=0.8, Peaceful_protest=0.1)),
        POLICY,
    )
    assert draft.sub_event_type == "Violent demonstration" and not draft.support


def test_a_plausible_rule_type_stays() -> None:
    draft = _draft("Peaceful protest")
    retype(
        None,
        None,
        [draft],
        _readings(_prediction(Violent_demonstration=0.6, Peaceful_protest=0.3)),
        POLICY,
    )
    assert draft.sub_event_type == "Peaceful protest"


def test_an_unsure_classifier_changes_nothing() -> None:
    draft = _draft("Attack")
    retype(
        None, None, [draft], _readings(_prediction(Armed_clash=0.3, none=0.6, Attack=0.1)), POLICY
    )
    assert draft.sub_event_type == "Attack"


def test_a_second_reading_of_a_sentences_event_supports_it() -> None:
    attack, abduction = _draft("Attack"), _draft("Abduction/forced disappearance")
    prediction = _prediction(Attack=0.85, **{"Abduction/forced_disappearance": 0.05})
    retype(None, None, [attack, abduction], _readings(prediction), POLICY)
    assert abduction.sub_event_type == "Attack" and abduction.support
    assert not attack.support


def test_rules_decide_territory_subtypes_and_displacement() -> None:
    regains = _draft("Government regains territory")
    flight = _draft("Displacement")
    prediction = _prediction(**{
        "Non-state_actor_overtakes_territory": 0.5, "Armed_clash": 0.45,
        "Government_regains_territory": 0.05,
    })  # fmt: skip
    retype(None, None, [regains, flight], _readings(prediction), POLICY)
    assert regains.sub_event_type == "Government regains territory"
    assert flight.sub_event_type == "Displacement"
    looting = _draft("Non-state actor overtakes territory")
    retype(
        None,
        None,
        [looting],
        _readings(_prediction(**{"Looting/property_destruction": 0.9})),
        POLICY,
    )
    assert looting.sub_event_type == "Looting/property destruction"


def test_passages_are_the_paragraphs_the_parser_saw() -> None:
    text = "Title of it\n\nFirst sentence here. Second one follows.\n\nA new paragraph."
    blanked = text.replace("Second one follows.", " " * len("Second one follows."))
    found = passages(load_nlp()(blanked), ClassifierPolicy())
    assert [p.text for p in found] == ["Title of it", "First sentence here.", "A new paragraph."]
    found = passages(load_nlp()(text), ClassifierPolicy())
    assert [len(p.sentences) for p in found] == [1, 2, 1]
    assert found[1].text == "First sentence here. Second one follows."
    capped = passages(load_nlp()(text), ClassifierPolicy(passage_chars=25))
    assert capped[1].text == "First sentence here."


def _extract(text: str, *, classify: bool) -> list[str]:
    pipeline = Pipeline(classify=classify)
    raw = RawInput("note.txt", text, "text", published="2022-05-04")
    return [e.sub_event_type for e in pipeline.extract(raw).events]


def test_the_classifier_finds_what_no_trigger_names() -> None:
    note = (
        "On 3 May 2022, farmers blocked the entrances of two supermarkets in Lyon with their "
        "tractors to demand higher milk prices."
    )
    assert _extract(note, classify=False) == []
    assert _extract(note, classify=True) == ["Peaceful protest"]


def test_no_event_is_made_of_a_sentence_that_reports_none() -> None:
    text = (
        "The minister said on Tuesday that talks with the rebels would resume in Geneva next "
        "month, and that the ceasefire proposal remained on the table."
    )
    assert _extract(text, classify=True) == []
    assert NONE == "none"


def test_acled_definitions_decide_types_the_classifier_does_not_change() -> None:
    protest = (
        "On 3 May 2022, hundreds of traders protested in Kisumu against new market fees. "
        "Police shot dead two of the protesters."
    )
    assert _extract(protest, classify=True) == ["Excessive force against protesters"]
    riot = (
        "On 3 May 2022, students protested in Eldoret over fees. They threw stones at passing "
        "cars and set a bus on fire."
    )
    assert _extract(riot, classify=True) == ["Violent demonstration"]
    takeover = "On 3 May 2022, Al Shabaab militants took control of Bulo Marer without resistance."
    assert _extract(takeover, classify=True) == ["Non-violent transfer of territory"]
    mob = "On 3 May 2022, angry residents attacked and killed a suspected thief in Kisumu."
    assert _extract(mob, classify=True) == ["Mob violence"]


def test_sport_words_file() -> None:
    words = sport_words()
    assert {"cup", "league", "stadium"} <= words
    assert all(w == w.casefold() and " " not in w for w in words)


def test_a_supporting_mention_does_not_hide_its_sentence_from_the_classifier() -> None:
    # "protesters" alone only supports a protest told elsewhere; here nothing else tells it
    text = 'Police open fire on "mostly peaceful" protesters in Kisumu, killing two.'
    assert _extract(text, classify=True) == ["Excessive force against protesters"]


def test_a_brief_the_rules_miss_is_an_event_when_the_classifier_is_sure_of_one() -> None:
    # "set" governs no clause here: the car was set on fire, nothing was planned
    brief = "On 3 May 2022, unknown men set the car of a local councillor on fire in Nakuru."
    assert _extract(brief, classify=False) == []
    assert len(_extract(brief, classify=True)) == 1
    assert _extract("Militants plan to attack the town of Gao next week.", classify=True) == []


def test_setting_up_a_committee_is_not_a_base() -> None:
    text = "The ministry set up a committee in Nairobi to review school fees."
    assert _extract(text, classify=True) == []


def test_a_march_is_not_a_transfer_of_territory() -> None:
    text = "On 3 May 2022, hundreds of people marched peacefully through Kisumu over fuel prices."
    assert _extract(text, classify=True) == ["Peaceful protest"]


def test_a_stopped_march_is_a_protest_with_intervention() -> None:
    from tadmur.events.subtypes import protest_type

    assert protest_type("Police stopped a march by traders in Eldoret.") == (
        "Protest with intervention",
        True,
    )
    assert protest_type("The traders were stopped from entering the offices.")[0] == (
        "Protest with intervention"
    )
    assert protest_type("Traders marched to the county offices.") == ("Peaceful protest", False)


def test_riot_police_are_not_rioters() -> None:
    from tadmur.events.subtypes import protest_type

    assert protest_type("Riot police fired tear gas at the marchers.")[0] == (
        "Protest with intervention"
    )
    assert protest_type("Anti-riot units dispersed the sit-in.")[0] == "Protest with intervention"
    assert protest_type("Students rioted after the vote.")[0] == "Violent demonstration"
    assert protest_type("Police shoot a protester at the rally.")[0] == (
        "Excessive force against protesters"
    )


def test_an_arrest_is_coded_by_what_happened_to_the_detainee() -> None:
    from tadmur.events.subtypes import arrest_type

    assert arrest_type("Police arrested a trader in Kisumu.") == "Arrests"
    held = "Soldiers detained a teacher in Gao; his whereabouts remain unknown."
    assert arrest_type(held) == "Abduction/forced disappearance"
    beaten = "Officers arrested a vendor and beat him with batons until he fainted."
    assert arrest_type(beaten) == "Attack"
    # arrests at a demonstration are its intervention, whatever else the paragraph says
    assert arrest_type("Police beat and arrested ten protesters in Kisumu.") == "Arrests"
    # the crime a suspect is held for is not what happened to them
    assert arrest_type("Two men were arrested over the sexual assault of a girl.") == "Arrests"


def test_a_detainee_beaten_by_police_is_an_attack() -> None:
    text = (
        "On 3 May 2022, police officers in Eldoret arrested a street vendor and beat him "
        "with batons for refusing to pay a market fee."
    )
    assert _extract(text, classify=True) == ["Attack"]
