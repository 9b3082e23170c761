"""The trigger lexicon data file and its matcher."""

from __future__ import annotations

import pytest

from tadmur.nlp import load_nlp
from tadmur.triggers import SUB_EVENT_TYPES, load_triggers, parse_triggers


def test_every_sub_event_type_has_a_trigger_or_a_family_rule() -> None:
    covered = {r.sub_event_type for r in load_triggers().rules if r.sub_event_type}
    decided_by_rule = {
        "Government regains territory", "Non-state actor overtakes territory", "Attack",
        "Protest with intervention", "Excessive force against protesters", "Other",
    }  # fmt: skip
    assert set(SUB_EVENT_TYPES) - covered <= decided_by_rule


@pytest.mark.parametrize(
    ("sentence", "trigger", "key"),
    [
        ("Warplanes carried out air strikes on the town.", "air strikes", "Air/drone strike"),
        ("Troops recaptured the village.", "recaptured", "family:territory"),
        ("A suicide car bomb exploded.", "suicide car bomb", "Suicide bomb"),
        ("A roadside bomb hit the convoy.", "roadside bomb", "Remote explosive/landmine/IED"),
        ("Engineers defused mines near the school.", "defused mines", "Disrupted weapons use"),
        ("Gunmen kidnapped two engineers.", "kidnapped", "Abduction/forced disappearance"),
        # the strikes of a country with an air force on a neighbour's towns are air strikes
        ("Israeli strikes on three villages killed 15.", "Israeli strikes", "Air/drone strike"),
    ],
)
def test_matches(sentence: str, trigger: str, key: str) -> None:
    doc = load_nlp()(sentence)
    found = {doc[m.start : m.end].text: m.rule.key for m in load_triggers().match(doc)}
    assert found.get(trigger) == key


@pytest.mark.parametrize(
    "raw",
    [
        {"lemmas": ["x"]},
        [{"lemmas": ["x"]}],
        [{"sub_event_type": "Nonsense", "lemmas": ["x"]}],
        [{"family": "weather", "lemmas": ["x"]}],
        [{"sub_event_type": "Arrests"}],
        [{"sub_event_type": "Arrests", "family": "kill", "lemmas": ["x"]}],
    ],
)
def test_malformed_lexicons_are_errors(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_triggers(raw)
