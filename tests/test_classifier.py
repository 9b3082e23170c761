"""The event classifier: its features, its cue file, the shipped model, and training.

Sentences here are written for the project; no ACLED note is in the repository."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from tadmur.acled import AcledRow
from tadmur.classify import NONE, EventClassifier, load_classifier
from tadmur.classify.features import char_ngrams, load_cues, normalise, parse_cues, word_ngrams
from tadmur.classify.model import provenance
from tadmur.classify.train import Example, TrainConfig, first_sentence, read_written, train

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "src" / "tadmur" / "data"


def test_normalise_folds_names_dates_digits_and_size_tags() -> None:
    text = "On 7 June 2022, Russian forces shelled Pokrovsk on Monday. [size=dozens]"
    assert normalise(text) == "on 0 month 0, xx forces shelled xx on weekday."


def test_ngrams() -> None:
    assert word_ngrams("police fired tear gas") == {
        "police": 1, "fired": 1, "tear": 1, "gas": 1,
        "police fired": 1, "fired tear": 1, "tear gas": 1,
    }  # fmt: skip
    grams = char_ngrams("gas at")
    assert grams[" gas "] == 1 and grams[" ga"] == 1 and grams["as "] == 1
    assert grams[" at "] == 1 and " at" in grams  # a short word gives itself, padded, once


def test_cue_file_is_validated() -> None:
    cues = parse_cues({"cues": {"a": "x", "b": "y"}, "pairs": [["a", "b"]]})
    assert cues.names == ("a", "b", "a+b")
    assert cues.flags("x and y") == [True, True, True]
    assert cues.flags("x alone") == [True, False, False]
    with pytest.raises(ValueError, match="known cues"):
        parse_cues({"cues": {"a": "x"}, "pairs": [["a", "c"]]})
    with pytest.raises(ValueError, match="cue 'a'"):
        parse_cues({"cues": {"a": "("}})
    with pytest.raises(ValueError, match="mapping"):
        parse_cues(["a"])


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Police fired tear gas and water cannon to disperse hundreds of students who were "
         "protesting against fee increases in the capital on Monday.",
         "Protest with intervention"),
        ("Hundreds of nurses marched peacefully to the health ministry to demand unpaid "
         "salaries.", "Peaceful protest"),
        ("Government warplanes carried out air strikes on rebel positions near the town, "
         "killing at least six fighters.", "Air/drone strike"),
        ("A roadside bomb exploded under a military truck on the highway, wounding three "
         "soldiers.", "Remote explosive/landmine/IED"),
        ("Gunmen abducted a village chief and his two sons from their home overnight.",
         "Abduction/forced disappearance"),
        ("The foreign minister will travel to Geneva next week for talks on the humanitarian "
         "situation.", NONE),
        ("The football club celebrated its third league title in four seasons.", NONE),
    ],
)  # fmt: skip
def test_shipped_model_on_sentences_written_for_the_project(sentence: str, label: str) -> None:
    assert load_classifier().predict([sentence])[0].label == label


def test_shipped_model_probabilities_and_provenance() -> None:
    model = load_classifier()
    (prediction,) = model.predict(["Rebels seized the town after government troops withdrew."])
    assert sum(prediction.probabilities.values()) == pytest.approx(1.0, abs=1e-4)
    assert 0.0 <= prediction.event <= 1.0
    record = provenance()
    assert len(record["data"]["acled_csv_sha256"]) == 64
    assert record["split"]["held_out_from"]
    assert record["figures"]["tuning_rows"]["balanced"]["sub_event_type_macro"] > 0.7
    assert set(record["classes"]) == set(model.classes)
    assert (PACKAGE_DATA / "event_classifier.npz").stat().st_size <= 20 * 1024 * 1024


def test_empty_text_falls_back_to_the_bias() -> None:
    model = load_classifier()
    assert model.scores([""]).shape == (1, len(model.classes))


def test_weights_must_fit_the_vocabularies() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        EventClassifier(
            ["a", NONE], ["w"], [], np.ones(1, np.float32), np.ones(0, np.float32),
            np.zeros((1, 2), np.float32), np.zeros(2, np.float32), cue_scale=1.0,
        )  # fmt: skip


def test_first_sentence() -> None:
    assert first_sentence("On 3 May, X happened. Casualties unknown.") == "On 3 May, X happened."
    assert first_sentence("One sentence only.") is None


WRITTEN_ROWS = [
    ("Police fired tear gas to disperse protesters in the town.", "Protest with intervention"),
    ("Police used tear gas to break up a crowd of protesting traders.",
     "Protest with intervention"),
    ("Residents marched peacefully to demand clean water.", "Peaceful protest"),
    ("Teachers held a peaceful rally to demand unpaid salaries.", "Peaceful protest"),
    ("Gunmen shot dead two farmers near the village.", "Attack"),
    ("Armed men killed a trader on the road to the market.", "Attack"),
]  # fmt: skip


def _rows(day: date) -> list[AcledRow]:
    return [
        AcledRow(f"W{k}{day}", day, "", label, "", "", None, None, None, text)
        for k, (text, label) in enumerate(WRITTEN_ROWS)
    ]


def test_training_is_reproducible_and_round_trips(tmp_path: Path) -> None:
    written_file = tmp_path / "written.jsonl"
    written_file.write_text(
        "\n".join(
            json.dumps({"text": t, "label": NONE})
            for t in [
                "The minister spoke to reporters.",
                "The weather was mild this week.",
                "Talks will resume in Geneva.",
                "The league season ends in May.",
                "Prices of bread rose again.",
                "The parliament debated the budget.",
            ]
        )
        + "\n",
        "utf-8",
    )
    written = read_written([written_file])
    rows = _rows(date(2022, 1, 10)) + _rows(date(2022, 4, 10)) + _rows(date(2022, 6, 10))
    config = TrainConfig(min_df=1, max_features=300)
    paths = []
    for k in range(2):
        result = train(rows, written, config, data={"acled_csv_sha256": "0" * 64})
        path = tmp_path / f"model{k}.npz"
        result.model.save(path, result.provenance)
        paths.append(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].with_suffix(".json").read_bytes() == paths[1].with_suffix(".json").read_bytes()
    loaded = EventClassifier.load(paths[0])
    assert loaded.features <= 300 + len(loaded.cues.names)
    text = "Police fired tear gas at protesters."
    assert np.allclose(loaded.scores([text]), result.model.scores([text]), atol=1e-2)
    assert result.provenance["examples"]["acled_rows_held_out"] == len(WRITTEN_ROWS)
    assert result.provenance["figures"]["held_out_rows"]["whole"]["rows"] == len(WRITTEN_ROWS)


def test_written_examples_must_be_text_and_label(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', "utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        read_written([bad])
    assert [e.tune for e in read_written([])] == []
    assert Example("x", NONE).weight == 1.0


def test_shipped_cue_file() -> None:
    cues = load_cues()
    flags = dict(
        zip(cues.names, cues.flags("Police fired tear gas at the protesters."), strict=True)
    )
    assert flags["protest"] and flags["intervention"] and flags["protest+intervention"]
    assert not flags["lethal"] and not flags["protest+lethal"]
    quiet = dict(zip(cues.names, cues.flags("The minister spoke to reporters."), strict=True))
    assert not any(quiet.values())


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("According to the police, two men were shot.", "agreement", False),
        ("The two sides signed a ceasefire accord.", "agreement", True),
        ("A drone strike hit a car near the town.", "protest", False),
        ("Teachers went on strike over unpaid wages.", "protest", True),
        ("Opposition parties called for a boycott of the vote.", "civilian", False),
        ("Soldiers opened fire at a checkpoint.", "base", False),
        ("The ministry set up a committee on school fees.", "base", False),
        ("Rebels set up a new camp outside the town.", "base", True),
    ],
)
def test_cues_read_what_they_name(text: str, cue: str, expected: bool) -> None:
    cues = load_cues()
    assert dict(zip(cues.names, cues.flags(text), strict=True))[cue] is expected
